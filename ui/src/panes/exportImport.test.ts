// The Export and Import dialogs in the app, against the fake ipc: the scope sent is the one the
// choices describe, the summary and errors are shown; imports replay the core's recorded answers
// (test/fixtures/import.json: Ana's sets imported into Erin's project): reports list every
// count, re-anchored and refused claim and note, "Import the rest anyway" re-runs the refused
// files, and an import that wrote something reloads the panes.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { EXPORT_FORMATS, IpcError, exportFormats, type ExportScope } from "../ipc";
import { imports } from "../test/fixtures";
import { byTestId, field } from "../test/util";

const TEXT = "The ambassador said the convoy arrived on time. Officials in Kyiv 🇺🇦 disputed the account.";
const OTHER = "A second article, with nothing coded in it.";

let ipc: FakeIpc;
let root: HTMLElement;
let app: App;

function all(id: string, within: ParentNode = document): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}
function shown(el: Element): boolean {
  return el.isConnected && el.closest("[hidden]") === null;
}
function gone(id: string): boolean {
  return document.querySelector(`[data-testid="${id}"]`) === null;
}
function check(box: HTMLInputElement, on: boolean): void {
  box.checked = on;
  box.dispatchEvent(new Event("change", { bubbles: true }));
}
function button(id: string): HTMLButtonElement {
  return field(id, HTMLButtonElement);
}
/** A promise the fake waits on, and the function that lets it go. */
function gate(fake: FakeIpc): () => void {
  let open = (): void => undefined;
  fake.gate = new Promise<void>((r) => {
    open = r;
  });
  return () => {
    open();
  };
}

async function start(setup: (fake: FakeIpc) => void = () => undefined): Promise<void> {
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-1", name: "Erin" };
  setup(ipc);
  root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
}

/** A project with two documents; the first has two claims by Erin and one by Femi. */
function coded(fake: FakeIpc): void {
  const doc = fake.addDocument("Convoy report", TEXT);
  fake.addDocument("Second", OTHER);
  const spk = fake.addSpeaker("Anatoly Antonov");
  fake.addClaim(doc.id, "the convoy arrived on time", "attributed", spk.id);
  fake.addClaim(doc.id, "disputed the account", "disputed");
  fake.otherCoders = [{ id: "coder-2", name: "Femi" }];
  const c = fake.addClaim(doc.id, "Officials in Kyiv", "unverified");
  fake.claims.set(c.id, { ...c, coder: "coder-2" });
}

beforeEach(() => {
  localStorage.clear();
});
afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
});

describe("export dialog", () => {
  async function openExport(): Promise<HTMLElement> {
    button("open-export").click();
    const dialog = byTestId("export-dialog");
    await vi.waitFor(() => {
      expect(field("export-coder", HTMLSelectElement).disabled).toBe(false);
    });
    return dialog;
  }

  it("offers the formats of the table, the project's coders (the current one chosen), its documents and all statuses", async () => {
    await start(coded);
    const dialog = await openExport();
    expect(dialog.getAttribute("role")).toBe("dialog");
    const format = field("export-format", HTMLSelectElement);
    expect([...format.options].map((o) => [o.value, o.textContent])).toEqual(exportFormats().map((f) => [f, EXPORT_FORMATS[f]]));
    expect(format.value).toBe("json");
    expect(format.options[0]?.textContent).toBe("Claimcoder annotation set (.json)");
    expect(format.options).toHaveLength(7);
    const coder = field("export-coder", HTMLSelectElement);
    expect([...coder.options].map((o) => o.value)).toEqual(["Erin", "Femi"]);
    expect(coder.value).toBe("Erin");
    expect(all("export-doc").map((b) => b.getAttribute("data-doc-id"))).toEqual(["doc-1", "doc-2"]);
    expect(dialog.textContent).toContain("Convoy report");
    for (const s of ["attributed", "disputed", "unverified"]) expect(field(`export-status-${s}`, HTMLInputElement).checked).toBe(true);
    expect(button("export-run").disabled).toBe(false);
    expect(shown(byTestId("export-progress"))).toBe(false);
    expect(shown(byTestId("export-summary"))).toBe(false);
  });

  it("exports everything by default: pick a path, export, show what was written and toast", async () => {
    await start(coded);
    await openExport();
    ipc.nextExportPath = "/home/erin/sets/convoy.json";
    button("export-run").click();
    const summary = byTestId("export-summary");
    await vi.waitFor(() => {
      expect(shown(summary)).toBe(true);
    });
    expect(ipc.callsOf("pickExportPath")).toEqual(["json"]);
    expect(ipc.callsOf("exportClaims")).toEqual([
      { scope: { coder: null, documents: [], statuses: [] } satisfies ExportScope, format: "json", path: "/home/erin/sets/convoy.json" },
    ]);
    expect(summary.textContent).toContain("Wrote 3 claims on 1 document to /home/erin/sets/convoy.json");
    expect(summary.getAttribute("data-claims")).toBe("3");
    expect(byTestId("toast").textContent).toBe("Exported 3 claims to convoy.json");
    expect(ipc.files.has("/home/erin/sets/convoy.json")).toBe(true);
    expect(shown(byTestId("export-error"))).toBe(false);
    // It stays open on its summary; Close closes it.
    expect(byTestId("export-dialog").isConnected).toBe(true);
  });

  it("builds the scope from the choices: one coder, ticked documents, ticked statuses", async () => {
    await start(coded);
    await openExport();
    const coder = field("export-coder", HTMLSelectElement);
    coder.value = "Femi";
    coder.dispatchEvent(new Event("change", { bubbles: true }));
    expect(field("export-scope-coder", HTMLInputElement).checked).toBe(true);
    const [first] = all("export-doc") as HTMLInputElement[];
    if (!first) throw new Error("no export-doc");
    check(first, true);
    expect(field("export-docs-chosen", HTMLInputElement).checked).toBe(true);
    check(field("export-status-disputed", HTMLInputElement), false);
    ipc.nextExportPath = "/tmp/femi.json";
    button("export-run").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("exportClaims")).toHaveLength(1);
    });
    expect(ipc.callsOf("exportClaims")[0]).toMatchObject({
      scope: { coder: "Femi", documents: ["doc-1"], statuses: ["attributed", "unverified"] } satisfies ExportScope,
    });
    await vi.waitFor(() => {
      expect(byTestId("export-summary").textContent).toContain("Wrote 1 claim on 1 document to /tmp/femi.json");
    });
    // Back to the whole project and all documents: no coder, no documents (= all).
    check(field("export-scope-all", HTMLInputElement), true);
    check(field("export-docs-all", HTMLInputElement), true);
    button("export-run").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("exportClaims")).toHaveLength(2);
    });
    expect(ipc.callsOf("exportClaims")[1]).toMatchObject({
      scope: { coder: null, documents: [], statuses: ["attributed", "unverified"] },
    });
  });

  it("will not export with no status or no document chosen, and says why", async () => {
    await start(coded);
    await openExport();
    const run = button("export-run");
    const reason = byTestId("export-reason");
    for (const s of ["attributed", "disputed", "unverified"]) check(field(`export-status-${s}`, HTMLInputElement), false);
    expect(run.disabled).toBe(true);
    expect(shown(reason)).toBe(true);
    expect(reason.textContent).toBe("Choose at least one status to export.");
    expect(run.getAttribute("aria-describedby")).toBe(reason.id);
    // Enter in the form does not export either.
    byTestId("export-dialog").querySelector("form")?.requestSubmit();
    check(field("export-status-disputed", HTMLInputElement), true);
    expect(run.disabled).toBe(false);
    expect(shown(reason)).toBe(false);
    check(field("export-docs-chosen", HTMLInputElement), true);
    expect(run.disabled).toBe(true);
    expect(reason.textContent).toBe("Choose at least one document, or All documents.");
    await Promise.resolve();
    expect(ipc.callsOf("pickExportPath")).toHaveLength(0);
  });

  it("does nothing more when the save dialog is cancelled", async () => {
    await start(coded);
    await openExport();
    ipc.nextExportPath = null;
    button("export-run").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("pickExportPath")).toHaveLength(1);
    });
    await vi.waitFor(() => {
      expect(button("export-run").disabled).toBe(false);
    });
    expect(ipc.callsOf("exportClaims")).toHaveLength(0);
    expect(shown(byTestId("export-summary"))).toBe(false);
    expect(shown(byTestId("export-error"))).toBe(false);
  });

  it("shows progress while the core writes, then the summary", async () => {
    await start(coded);
    await openExport();
    const release = gate(ipc);
    ipc.nextExportPath = "/tmp/x.json";
    button("export-run").click();
    const progress = byTestId("export-progress");
    await vi.waitFor(() => {
      expect(shown(progress)).toBe(true);
    });
    expect(progress.tagName).toBe("PROGRESS");
    expect(progress.hasAttribute("value")).toBe(false); // indeterminate
    expect(button("export-run").disabled).toBe(true);
    release();
    await vi.waitFor(() => {
      expect(shown(byTestId("export-summary"))).toBe(true);
    });
    expect(shown(progress)).toBe(false);
  });

  it("shows the core's error in the dialog with its message and code", async () => {
    await start(coded);
    await openExport();
    ipc.nextExportPath = "/read-only/x.json";
    ipc.failNext = { command: "exportClaims", error: new IpcError("io", "cannot write /read-only/x.json: permission denied") };
    button("export-run").click();
    const error = byTestId("export-error");
    await vi.waitFor(() => {
      expect(shown(error)).toBe(true);
    });
    expect(error.textContent).toBe("cannot write /read-only/x.json: permission denied");
    expect(error.getAttribute("data-code")).toBe("io");
    expect(shown(byTestId("export-progress"))).toBe(false);
    expect(shown(byTestId("export-summary"))).toBe(false);
    expect(byTestId("export-dialog").isConnected).toBe(true);
  });

  it("shows a failure of the save dialog and of the coders list too", async () => {
    await start(coded);
    ipc.failNext = { command: "listCoders", error: new IpcError("database", "database is locked") };
    button("open-export").click();
    await vi.waitFor(() => {
      expect(byTestId("export-error").textContent).toBe("database is locked");
    });
    check(field("export-scope-coder", HTMLInputElement), true);
    expect(button("export-run").disabled).toBe(true);
    expect(byTestId("export-reason").textContent).toBe("Choose a coder, or the whole project.");
    check(field("export-scope-all", HTMLInputElement), true);
    ipc.failNext = { command: "pickExportPath", error: new IpcError("ipc", "dialog failed") };
    button("export-run").click();
    await vi.waitFor(() => {
      expect(byTestId("export-error").textContent).toBe("dialog failed");
    });
  });

  it("closes with Close", async () => {
    await start(coded);
    await openExport();
    const close = [...byTestId("export-dialog").querySelectorAll("button")].find((b) => b.textContent === "Close");
    close?.click();
    expect(gone("export-dialog")).toBe(true);
  });
});

describe("import dialog", () => {
  /** Erin's recorded project: "convoy" holds the article Ana coded, "empty" nothing. */
  function recorded(state: "convoy" | "empty"): (fake: FakeIpc) => void {
    return (fake) => {
      fake.replayFrom(imports, state);
    };
  }

  /** The claims of a recorded set file. */
  function claimsOf(path: string): { id: string; quote: string }[] {
    const text = imports.files[path];
    if (text === undefined) throw new Error(`no recorded file ${path}`);
    return (JSON.parse(text) as { claims: { id: string; quote: string }[] }).claims;
  }

  function claimItems(): HTMLElement[] {
    return all("claim-item");
  }

  function docCounts(): string[] {
    return all("doc-item").map((d) => `${d.textContent.includes("Other") ? "Other" : "Convoy"}: ${byTestId("doc-claim-count", d).textContent}`);
  }

  async function choose(paths: string[]): Promise<void> {
    ipc.nextSetFiles = paths;
    button("open-import").click();
    expect(byTestId("import-dialog").getAttribute("role")).toBe("dialog");
    button("import-choose").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("pickSetFiles")).toHaveLength(1);
      expect(button("import-choose").disabled).toBe(false);
    });
  }

  afterEach(() => {
    expect(ipc.unanswered).toEqual([]);
  });

  it("imports a set: reports the counts, and the claims, speakers and counts of the open document reload", async () => {
    await start(recorded("convoy"));
    const sent = claimsOf("/sets/ana.json").map((c) => c.id);
    expect(claimItems()).toHaveLength(0);
    await choose(["/sets/ana.json"]);
    expect(ipc.callsOf("importSetFiles")).toEqual([{ paths: ["/sets/ana.json"], acceptPartial: false }]);
    const [report] = all("import-report");
    if (!report) throw new Error("no import-report");
    expect(report.getAttribute("data-imported")).toBe("true");
    expect(report.getAttribute("data-documents-matched")).toBe("1");
    expect(report.getAttribute("data-documents-added")).toBe("0");
    expect(report.getAttribute("data-claims-added")).toBe("2");
    expect(report.getAttribute("data-speakers-added")).toBe("1");
    expect(report.textContent).toContain("ana.json");
    expect(report.textContent).toContain("Imported.");
    expect(report.textContent).toContain("1 added, 0 matched"); // speakers
    expect(report.textContent).toContain("2 added, 0 updated, 0 unchanged");
    expect(report.textContent).toContain("Ana");
    expect(shown(byTestId("import-partial"))).toBe(false);
    expect(shown(byTestId("import-error"))).toBe(false);
    // The set's claims keep their ids.
    await vi.waitFor(() => {
      expect(claimItems().map((c) => c.getAttribute("data-claim-id"))).toEqual(sent);
    });
    expect(claimItems().map((c) => c.getAttribute("data-speaker"))).toEqual(["Ministry of Examples", ""]);
    expect(byTestId("doc-claim-count").textContent).toBe("2");
    expect(byTestId("toast").textContent).toBe("Imported 2 new claims from ana.json");
    // The same set again: everything is already there.
    ipc.calls = [];
    button("import-choose").click();
    await vi.waitFor(() => {
      expect(all("import-report")[0]?.getAttribute("data-claims-unchanged")).toBe("2");
    });
    expect(all("import-report")).toHaveLength(1);
    expect(all("import-report")[0]?.textContent).toContain("0 added, 1 matched"); // speakers
  });

  it("forgets undo history after an import, which may have updated the claims it would undo", async () => {
    await start(recorded("convoy"));
    app.ops.stack.push({ label: "an earlier edit", undo: () => Promise.resolve(), redo: () => Promise.resolve() });
    expect(app.ops.stack.canUndo).toBe(true);
    await choose(["/sets/ana.json"]);
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(2);
    });
    expect(app.ops.stack.canUndo).toBe(false);
  });

  it("opens the first document when the project had none", async () => {
    await start(recorded("empty"));
    expect(all("doc-item")).toHaveLength(0);
    await choose(["/sets/ana.json"]);
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(2);
    });
    expect(byTestId("doc-item").getAttribute("aria-current")).toBe("true");
    expect(byTestId("doc-item").textContent).toContain("Convoy report (their copy)");
    expect(all("import-report")[0]?.getAttribute("data-documents-added")).toBe("1");
  });

  it("lists refused and re-anchored claims with their messages; imports nothing until “Import the rest anyway”", async () => {
    await start(recorded("convoy"));
    // moved.json is Ana's set with two more claims, edited: one's offsets are off by 3 (its
    // quote occurs once), the other's quote is nowhere in the text.
    const fabricated = claimsOf("/sets/moved.json").find((c) => c.quote === "a fabrication");
    const moved = claimsOf("/sets/moved.json").find((c) => c.quote === "convoy arrived");
    await choose(["/sets/moved.json", "/sets/clean.json"]);
    expect(ipc.callsOf("importSetFiles")).toEqual([
      { paths: ["/sets/moved.json"], acceptPartial: false },
      { paths: ["/sets/clean.json"], acceptPartial: false },
    ]);
    const reports = all("import-report");
    expect(reports.map((r) => r.getAttribute("data-imported"))).toEqual(["false", "true"]);
    const [first] = reports;
    if (!first) throw new Error("no report");
    expect(first.textContent).toContain("Nothing imported: 1 claim could not be placed");
    expect(first.textContent).toContain("Claims");
    expect(first.textContent).toContain("none written (would be 3 added, 0 updated, 0 unchanged)");
    const refused = all("import-refused", first);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.textContent).toContain('the quote "a fabrication" is nowhere in the document');
    expect(refused[0]?.getAttribute("data-claim-id")).toBe(fabricated?.id);
    const reanchored = all("import-reanchored", first);
    expect(reanchored).toHaveLength(1);
    expect(reanchored[0]?.textContent).toContain("the quote was not at 27..41; found at 24..38");
    expect(reanchored[0]?.getAttribute("data-claim-id")).toBe(moved?.id);
    // Nothing of the refused file was written; the clean file was, on a new document.
    await vi.waitFor(() => {
      expect(docCounts()).toEqual(["Convoy: 0", "Other: 1"]);
    });

    const partial = button("import-partial");
    expect(shown(partial)).toBe(true);
    expect(partial.textContent).toBe("Import the rest anyway");
    partial.click();
    await vi.waitFor(() => {
      expect(all("import-report")[0]?.getAttribute("data-imported")).toBe("true");
    });
    expect(ipc.callsOf("importSetFiles").slice(2)).toEqual([{ paths: ["/sets/moved.json"], acceptPartial: true }]);
    expect(all("import-report").map((r) => r.getAttribute("data-source"))).toEqual(["/sets/moved.json", "/sets/clean.json"]);
    expect(all("import-report")[0]?.getAttribute("data-claims-added")).toBe("3");
    expect(all("import-refused")).toHaveLength(1); // the claim still refused, listed in the new report
    expect(shown(partial)).toBe(false);
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(3);
    });
    expect(claimItems().map((c) => c.getAttribute("data-claim-id"))).toContain(moved?.id);
    expect(docCounts()).toEqual(["Convoy: 3", "Other: 1"]);
  });

  it("shows the notes a reader had to make", async () => {
    await start(recorded("convoy"));
    // A W3C export of Ana's set with one status written "Disputed".
    await choose(["/sets/w3c.jsonld"]);
    expect(all("import-note").map((n) => n.textContent)).toEqual(['status "Disputed" read as disputed (1 annotation)']);
    expect(all("import-report")[0]?.getAttribute("data-claims-added")).toBe("2");
  });

  it("shows each file's error (naming the file) while the other files still report", async () => {
    await start(recorded("convoy"));
    // broken.json holds '{"format":'; notaset.json a JSON object that is not a set.
    await choose(["/sets/broken.json", "/sets/notaset.json", "/sets/ana.json"]);
    const error = byTestId("import-error");
    expect(shown(error)).toBe(true);
    const lines = [...error.querySelectorAll("p")];
    expect(lines.map((p) => p.getAttribute("data-code"))).toEqual(["invalid_file", "invalid_file"]);
    expect(lines[0]?.textContent).toContain("/sets/broken.json: not valid JSON (line 1, column 10)");
    expect(lines[1]?.textContent).toContain("/sets/notaset.json");
    expect(lines[1]?.textContent).toContain("not an annotation set");
    expect(all("import-report").map((r) => r.getAttribute("data-source"))).toEqual(["/sets/ana.json"]);
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(2);
    });
    // Choosing again starts a new list: the old error goes.
    ipc.nextSetFiles = ["/sets/ana.json"];
    button("import-choose").click();
    await vi.waitFor(() => {
      expect(shown(error)).toBe(false);
    });
  });

  it("shows progress while importing, and nothing happens when the open dialog is cancelled", async () => {
    await start(recorded("convoy"));
    await choose([]);
    expect(ipc.callsOf("importSetFiles")).toHaveLength(0);
    expect(all("import-report")).toHaveLength(0);

    const release = gate(ipc);
    ipc.nextSetFiles = ["/sets/ana.json"];
    button("import-choose").click();
    const progress = byTestId("import-progress");
    await vi.waitFor(() => {
      expect(shown(progress)).toBe(true);
    });
    expect(progress.parentElement?.textContent).toContain("Importing ana.json…");
    expect(button("import-choose").disabled).toBe(true);
    release();
    await vi.waitFor(() => {
      expect(all("import-report")).toHaveLength(1);
    });
    await vi.waitFor(() => {
      expect(shown(progress)).toBe(false);
    });
  });

  it("shows a failure of the open dialog", async () => {
    await start();
    ipc.failNext = { command: "pickSetFiles", error: new IpcError("ipc", "no portal") };
    button("open-import").click();
    button("import-choose").click();
    await vi.waitFor(() => {
      expect(byTestId("import-error").textContent).toBe("no portal");
    });
  });
});
