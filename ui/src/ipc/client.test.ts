// The Ipc type and tauriIpc() are derived from bindings.ts: these tests check that the derived
// type has exactly the commands of the bindings (the type-level lines are checked by tsc, the
// expected errors too), and that every method reaches Tauri's invoke with its command name and
// arguments, unwrapping results and turning errors into IpcErrors by their code.

import { beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import { type Ipc, IpcError, tauriIpc } from "./client";
import type { StoredClaim, ExportFormat, Session } from "./types";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(), isTauri: () => false }));
const invokeMock = vi.mocked(invoke);

type Commands = typeof commands;
type Name = keyof Commands;

const CLAIM: StoredClaim = {
  id: "claim-1", document: "doc-1", start: 0, end: 4, quote: "Kyiv", prefix: "", suffix: " said",
  status: "attributed", speaker: null, cue: null, note: null, coder: "coder-1", created: "c", modified: "m",
};

/** Arguments to call each command with, distinct so that a swapped pair would show. Typed by
 * the bindings, so a new command fails the type check here until it has a row. */
const ARGS: { [K in Name]: Parameters<Commands[K]> } = {
  session: [],
  setCoder: ["Erin"],
  listDocuments: [],
  getDocument: ["doc-1"],
  deleteDocument: ["doc-9", true],
  editDocument: [{ id: "doc-1", title: "T", source: { url: null, publisher: "P", author: null, published: null }, tags: ["t"] }],
  importText: ["A title", "Some text."],
  pickArticleFiles: [],
  importArticleFile: ["/in/a.txt", false],
  chromePreview: [["/in/a.txt"]],
  listClaims: ["doc-2"],
  createClaim: [{ document: "doc-1", start: 0, end: 4, quote: "Kyiv", status: "disputed", speaker: null, cue: null, note: "n" }],
  updateClaim: [{ id: "claim-1", start: 1, end: 4, quote: "yiv", status: "unverified", speaker: "spk-1", cue: null, note: null }],
  deleteClaim: ["claim-2"],
  restoreClaim: [CLAIM],
  listSpeakers: [],
  createSpeaker: [{ name: "RIA News", kind: "media", aliases: ["RIA Novosti"] }],
  speakerUses: [],
  editSpeaker: [{ id: "spk-1", name: "RIA", kind: "media", aliases: [] }],
  mergeSpeakers: ["spk-2", "spk-1"],
  unmergeSpeakers: [{
    speaker: { id: "spk-1", name: "RIA", kind: "media", aliases: ["RIA Novosti"] },
    claims: [CLAIM],
    before: { id: "spk-1", name: "RIA", kind: "media", aliases: [] },
    merged: { id: "spk-2", name: "RIA Novosti", kind: "media", aliases: [] },
  }],
  mergeSuggestions: [],
  openProjectDialog: [],
  newProjectDialog: [],
  openProject: ["/home/a/other.claimcoder"],
  pickExportPath: ["w3c"],
  exportClaims: [{ coder: "Erin", documents: ["doc-1"], statuses: ["disputed"] }, "csv", "/out/claims.csv"],
  pickSetFiles: [],
  importSetFiles: [["/sets/a.json", "/sets/b.json"], true],
  listCoders: [],
  agreement: [{ coders: ["Ana", "Bo"], documents: [], min_jaccard: 0.5, bootstrap: 1000, seed: 1 }],
  reviewUnits: ["doc-3", ["Ana"], 0.25],
  adjudicate: [{ document: "doc-1", considered: ["claim-1"], action: "reject", chosen: { span: null, status: null, speaker: null }, edited: null, reason: "no claim" }],
  undoDecision: ["decision-1"],
  listDecisions: [null],
  pickAuditPath: [true],
  exportDecisions: ["/out/audit.csv", false],
  listBackups: [],
  createBackup: [],
  restoreBackup: ["/data/backups/2026-12-02T10-00-00.000Z.claimcoder"],
  canary: [],
  search: ["harbour"],
  listVersions: ["doc-1"],
  importVersionDialog: ["doc-1"],
  attention: ["doc-2"],
  replaceOrphan: ["claim-1", { start: 0, end: 4 }, "word"],
  discardOrphan: ["claim-1"],
  confirmPlacement: ["claim-1"],
  changedElsewhere: [],
  openReadOnly: [],
  importHtml: [null, "<p>Text</p>"],
  importDropped: ["a.txt", "dGV4dA=="],
  teamLink: ["http://127.0.0.1:8080/p1", "cc1.a.b"],
  teamState: [],
  teamSyncNow: [],
  teamUnlink: [],
};

const NAMES = Object.keys(commands) as Name[];

/** The Rust name of a command (tauri-specta camel-cases them). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Calls `name` on `ipc` with its ARGS (one shape for all, as tauriIpc's loop sees them). */
function call(ipc: Ipc, name: Name): Promise<unknown> {
  const method = ipc[name] as (...args: unknown[]) => Promise<unknown>;
  return method(...ARGS[name]);
}

describe("the Ipc type", () => {
  it("has exactly the commands of bindings.ts, each unwrapped", () => {
    expectTypeOf<keyof Ipc>().toEqualTypeOf<keyof Commands>();
    // Result-returning commands resolve to their data, plain ones to their value; arguments
    // are the bindings' own.
    expectTypeOf<Ipc["session"]>().toEqualTypeOf<() => Promise<Session>>();
    expectTypeOf<Ipc["openProjectDialog"]>().toEqualTypeOf<() => Promise<Session | null>>();
    expectTypeOf<Ipc["restoreClaim"]>().toEqualTypeOf<(claim: StoredClaim) => Promise<StoredClaim>>();
    expectTypeOf<Ipc["exportDecisions"]>().toEqualTypeOf<(path: string, asCsv: boolean) => Promise<number>>();
    expectTypeOf<Ipc["pickExportPath"]>().toEqualTypeOf<(format: ExportFormat) => Promise<string | null>>();
    expectTypeOf<Ipc["pickSetFiles"]>().toEqualTypeOf<() => Promise<string[]>>();
    // A UI method with no command is not on Ipc…
    // @ts-expect-error: no command "notACommand"
    expectTypeOf<Ipc>().toHaveProperty("notACommand");
    // …and an implementation that lacks a command is not an Ipc.
    // @ts-expect-error: "session" is missing
    expectTypeOf<Omit<Ipc, "session">>().toExtend<Ipc>();
  });
});

describe("tauriIpc", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("has a method for every command and no other", () => {
    expect(Object.keys(tauriIpc()).sort()).toEqual([...NAMES].sort());
  });

  it("passes each command's name and arguments to invoke, and resolves to its value", async () => {
    const ipc = tauriIpc();
    for (const name of NAMES) {
      invokeMock.mockReset();
      invokeMock.mockResolvedValueOnce({ answer: name });
      await expect(call(ipc, name), name).resolves.toEqual({ answer: name });
      expect(invokeMock, name).toHaveBeenCalledTimes(1);
      const [command, args] = invokeMock.mock.calls[0] ?? [];
      expect(command).toBe(snake(name));
      // The bindings name each argument after its Rust parameter; the values arrive in order.
      if (ARGS[name].length === 0) expect(args, name).toBeUndefined();
      else expect(Object.values(args ?? {}), name).toEqual(ARGS[name]);
    }
  });

  it("turns an error from the core into an IpcError with its code, for every command", async () => {
    const ipc = tauriIpc();
    for (const name of NAMES) {
      invokeMock.mockRejectedValueOnce({ code: "not_found", message: `${name}: no such thing` });
      const err = await call(ipc, name).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(IpcError);
      expect(err, name).toMatchObject({ code: "not_found", message: `${name}: no such thing` });
    }
  });

  it("turns a failure of the bridge itself into an IpcError with the code ipc", async () => {
    const ipc = tauriIpc();
    for (const name of ["session", "pickSetFiles"] as const) {
      invokeMock.mockRejectedValueOnce(new Error("command not allowed"));
      await expect(call(ipc, name)).rejects.toMatchObject({ name: "IpcError", code: "ipc", message: "command not allowed" });
      invokeMock.mockRejectedValueOnce("unknown command");
      await expect(call(ipc, name)).rejects.toMatchObject({ code: "ipc", message: "unknown command" });
    }
  });
});
