import { beforeEach, describe, expect, it } from "vitest";
import type { Claim } from "../ipc";
import { IpcError } from "../ipc";
import { FakeIpc } from "../dev/fakeIpc";
import { ClaimOps, UndoStack } from "./undo";

const TEXT = "Officials 🇺🇦 said the convoy arrived on time.";

describe("UndoStack", () => {
  it("undoes and redoes in order, and a new change clears the redo side", async () => {
    const log: string[] = [];
    const s = new UndoStack();
    const entry = (n: string) => ({
      label: n,
      undo: () => {
        log.push(`undo ${n}`);
        return Promise.resolve();
      },
      redo: () => {
        log.push(`redo ${n}`);
        return Promise.resolve();
      },
    });
    s.push(entry("a"));
    s.push(entry("b"));
    expect(await s.undo()).toBe("b");
    expect(await s.undo()).toBe("a");
    expect(await s.undo()).toBeNull();
    expect(await s.redo()).toBe("a");
    s.push(entry("c"));
    expect(s.canRedo).toBe(false);
    expect(await s.redo()).toBeNull();
    expect(log).toEqual(["undo b", "undo a", "redo a"]);
  });

  it("keeps a failed undo on the stack", async () => {
    const s = new UndoStack();
    let fail = true;
    s.push({
      label: "x",
      undo: () => (fail ? Promise.reject(new Error("disk full")) : Promise.resolve()),
      redo: () => Promise.resolve(),
    });
    await expect(s.undo()).rejects.toThrow("disk full");
    expect(s.canUndo).toBe(true);
    fail = false;
    expect(await s.undo()).toBe("x");
  });
});

describe("ClaimOps against a fake ipc", () => {
  let ipc: FakeIpc;
  let ops: ClaimOps;
  let state: Map<string, Claim>;
  let docId: string;
  const start = [..."Officials 🇺🇦 "].length; // "said"

  beforeEach(() => {
    ipc = new FakeIpc();
    ipc.coder = { id: "coder-1", name: "Erin" };
    docId = ipc.addDocument("T", TEXT).id;
    state = new Map();
    ops = new ClaimOps(
      ipc,
      {
        saved: (c) => state.set(c.id, c),
        removed: (c) => state.delete(c.id),
      },
      (id) => state.get(id),
    );
  });

  const create = () =>
    ops.create({ document: docId, start, end: start + 4, quote: "said", status: "attributed", speaker: null, cue: null, note: null });

  it("create ↔ delete / restore, keeping the id", async () => {
    const c = await create();
    expect(state.has(c.id)).toBe(true);
    expect(await ops.undo()).toBe("created claim");
    expect(ipc.callsOf("deleteClaim")).toEqual([c.id]);
    expect(state.has(c.id)).toBe(false);
    expect(ipc.claims.size).toBe(0);
    expect(await ops.redo()).toBe("created claim");
    expect(ipc.callsOf("restoreClaim")).toHaveLength(1);
    expect(ipc.claims.get(c.id)?.quote).toBe("said");
    expect(state.get(c.id)?.id).toBe(c.id);
  });

  it("update ↔ update with the previous full edit", async () => {
    const c = await create();
    await ops.update(c.id, (e) => ({ ...e, status: "disputed" }), "changed status");
    await ops.update(c.id, (e) => ({ ...e, note: "check the date" }), "edited note");
    expect(ipc.claims.get(c.id)).toMatchObject({ status: "disputed", note: "check the date" });
    expect(await ops.undo()).toBe("edited note");
    expect(ipc.claims.get(c.id)).toMatchObject({ status: "disputed", note: null });
    expect(await ops.undo()).toBe("changed status");
    expect(ipc.claims.get(c.id)).toMatchObject({ status: "attributed", note: null });
    expect(await ops.redo()).toBe("changed status");
    expect(await ops.redo()).toBe("edited note");
    expect(ipc.claims.get(c.id)).toMatchObject({ status: "disputed", note: "check the date" });
    // Every update sent the full state of the claim.
    const last = ipc.callsOf("updateClaim").at(-1);
    expect(last).toEqual({
      id: c.id, start, end: start + 4, quote: "said", status: "disputed", speaker: null, cue: null, note: "check the date",
    });
  });

  it("quick successive edits each apply to the state left by the one before", async () => {
    const c = await create();
    await Promise.all([
      ops.update(c.id, (e) => ({ ...e, status: "unverified" }), "changed status"),
      ops.update(c.id, (e) => ({ ...e, note: "n" }), "edited note"),
    ]);
    expect(ipc.claims.get(c.id)).toMatchObject({ status: "unverified", note: "n" });
  });

  it("delete ↔ restore / delete", async () => {
    const c = await create();
    await ops.delete(c.id);
    expect(state.has(c.id)).toBe(false);
    expect(await ops.undo()).toBe("deleted claim");
    expect(ipc.claims.get(c.id)?.id).toBe(c.id);
    expect(state.has(c.id)).toBe(true);
    expect(await ops.redo()).toBe("deleted claim");
    expect(ipc.claims.has(c.id)).toBe(false);
    // Then the creation itself can be undone and redone.
    await ops.undo();
    expect(await ops.undo()).toBe("created claim");
    expect(ipc.claims.size).toBe(0);
  });

  it("passes errors on with their code and leaves the stack usable", async () => {
    ipc.failNext = { command: "createClaim", error: new IpcError("database", "database is locked") };
    await expect(create()).rejects.toMatchObject({ code: "database", message: "database is locked" });
    expect(ops.stack.canUndo).toBe(false);
    const c = await create();
    expect(state.has(c.id)).toBe(true);
  });
});
