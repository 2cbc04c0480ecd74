// The coding flow end to end in jsdom, against the fake ipc: select → key → createClaim with
// the right code points and quote → editor → pick or create a speaker → updateClaim; delete,
// undo, redo; errors shown in the banner.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./app";
import { FakeIpc } from "./dev/fakeIpc";
import { IpcError, type NewClaim, type ClaimEdit, type NewSpeaker } from "./ipc";
import { byTestId, cpOf, field, key, selectInParagraph } from "./test/util";
import { isFloatingShown } from "./dom";
import { CODING_KEYS } from "./coding/keys";
import { REVIEW_KEYS } from "./review/reviewView";
import { LIST_KEYS } from "./panes/claims";

/** Whether the coding toolbar shows (it hides by its visibility, keeping its box). */
function toolbarShown(): boolean {
  return isFloatingShown(byTestId("code-toolbar"));
}

const TEXT = [
  "Kyiv 🇺🇦 residents 👍🏽 said the convoy arrived on time, according to officials.",
  "",
  "The ambassador called the report “a fabrication”, RIA News reported.",
].join("\n");
const LINE0 = TEXT.split("\n")[0] ?? "";

let ipc: FakeIpc;
let root: HTMLElement;
let app: App;

function reader(): HTMLElement {
  return byTestId("reader");
}
function para(i: number): Element {
  const p = reader().querySelectorAll("p")[i];
  if (!p) throw new Error(`no paragraph ${i}`);
  return p;
}
function claimItems(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="claim-item"]')];
}
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

async function start(coder = true, setup: (fake: FakeIpc) => void = () => undefined): Promise<void> {
  ipc = new FakeIpc();
  setup(ipc);
  if (coder) ipc.coder = { id: "coder-1", name: "Erin" };
  ipc.addDocument("Convoy report", TEXT, { publisher: "Example Wire" });
  ipc.addSpeaker("Anatoly Antonov", ["Russian ambassador"]);
  ipc.addSpeaker("RIA News", ["RIA Novosti"], "media");
  root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
  await vi.waitFor(() => {
    expect(reader().textContent).toContain("convoy");
  });
}

/** Selects inside "esidents" … inside "sai" and presses `k`; returns the new claim's id. */
async function codeRoughSelection(k: string): Promise<string> {
  selectInParagraph(para(0), LINE0.indexOf("esidents"), LINE0.indexOf("said") + 3);
  key(document.body, k);
  const editor = byTestId("claim-editor");
  await vi.waitFor(() => {
    expect(editor.hidden).toBe(false);
    expect(editor.getAttribute("data-claim-id")).toBeTruthy();
  });
  return editor.getAttribute("data-claim-id") ?? "";
}

beforeEach(() => {
  localStorage.clear();
});
afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
  document.getSelection()?.removeAllRanges();
});

describe("start-up", () => {
  it("asks the coder's name on first run and saves it", async () => {
    await start(false);
    const dialog = byTestId("coder-dialog");
    const name = field("coder-name", HTMLInputElement);
    expect(document.activeElement).toBe(name);
    name.value = "Erin Tester";
    byTestId("coder-save").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="coder-dialog"]')).toBeNull();
    });
    expect(dialog.isConnected).toBe(false);
    expect(ipc.callsOf("setCoder")).toEqual(["Erin Tester"]);
    expect(root.textContent).toContain("Coder: Erin Tester");
  });

  it("opens the first document and marks it current", async () => {
    await start();
    expect(document.querySelector('[data-testid="coder-dialog"]')).toBeNull();
    const item = byTestId("doc-item");
    expect(item.getAttribute("aria-current")).toBe("true");
    expect(byTestId("doc-claim-count", item).textContent).toBe("0");
    expect([...reader().querySelectorAll("p")].map((p) => p.getAttribute("data-start"))).toEqual([
      "0",
      String([...LINE0].length + 1),
      String([...LINE0].length + 2),
    ]);
  });
});

describe("coding flow", () => {
  it("select → key 1 → createClaim with snapped code points and the exact quote → editor with focus in the speaker field", async () => {
    await start();
    selectInParagraph(para(0), LINE0.indexOf("esidents"), LINE0.indexOf("said") + 3);
    reader().dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    await vi.waitFor(() => {
      expect(toolbarShown()).toBe(true);
    });
    key(document.body, "1");
    await vi.waitFor(() => {
      expect(ipc.callsOf("createClaim")).toHaveLength(1);
    });
    const sent = ipc.callsOf("createClaim")[0] as NewClaim;
    expect(sent).toEqual({
      document: "doc-1",
      start: cpOf(TEXT, "residents"),
      end: cpOf(TEXT, "said") + 4,
      quote: "residents 👍🏽 said",
      status: "attributed",
      speaker: null,
      cue: null,
      note: null,
    });
    await vi.waitFor(() => {
      expect(byTestId("claim-editor").hidden).toBe(false);
    });
    expect(document.activeElement).toBe(byTestId("speaker-input"));
    expect(toolbarShown()).toBe(false);
    const [item] = claimItems();
    expect(item?.getAttribute("data-status")).toBe("attributed");
    expect(item?.getAttribute("data-start")).toBe(String(sent.start));
    expect(item?.getAttribute("data-end")).toBe(String(sent.end));
    expect(item?.getAttribute("data-speaker")).toBe("");
    expect(byTestId("doc-claim-count").textContent).toBe("1");
  });

  it("the toolbar's buttons code too", async () => {
    await start();
    selectInParagraph(para(2), 4, 14); // "ambassador"
    reader().dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    await vi.waitFor(() => {
      expect(toolbarShown()).toBe(true);
    });
    byTestId("code-disputed").click();
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(1);
    });
    expect(ipc.callsOf("createClaim")[0]).toMatchObject({ status: "disputed", quote: "ambassador" });
  });

  it("picks a known speaker by alias with the arrow keys and Enter", async () => {
    await start();
    const id = await codeRoughSelection("2");
    const input = field("speaker-input", HTMLInputElement);
    type(input, "ria");
    const options = [...document.querySelectorAll('[data-testid="speaker-option"]')];
    // "RIA News" matches by name and by its alias "RIA Novosti", and is offered once.
    expect(options.map((o) => o.getAttribute("data-speaker-id"))).toEqual(["spk-3"]);
    const create = byTestId("speaker-create");
    expect(create.textContent).toBe("Create “ria”");
    expect(create.previousElementSibling).toBe(options[0]);

    // A name already known (any case) offers no "Create": it would be a duplicate speaker.
    type(input, "ria NEWS");
    expect(document.querySelector('[data-testid="speaker-create"]')).toBeNull();
    type(input, "ria novosti");
    expect(document.querySelector('[data-testid="speaker-create"]')).toBeNull();

    type(input, "ambassador");
    const opt = byTestId("speaker-option");
    expect(opt.textContent).toContain("Anatoly Antonov");
    expect(opt.textContent).toContain("alias: Russian ambassador");
    key(input, "ArrowDown");
    key(input, "ArrowUp");
    key(input, "Enter");
    await vi.waitFor(() => {
      expect(ipc.callsOf("updateClaim")).toHaveLength(1);
    });
    expect((ipc.callsOf("updateClaim")[0] as ClaimEdit).speaker).toBe("spk-2");
    await vi.waitFor(() => {
      expect(claimItems()[0]?.getAttribute("data-speaker")).toBe("Anatoly Antonov");
    });
    expect(claimItems()[0]?.getAttribute("data-claim-id")).toBe(id);
  });

  it("creates a new speaker with a kind, then sets it on the claim", async () => {
    await start();
    await codeRoughSelection("3");
    const input = field("speaker-input", HTMLInputElement);
    type(input, "Ministry of Examples");
    const kind = field("speaker-kind", HTMLSelectElement);
    expect(kind.closest("[hidden]")).not.toBeNull();
    byTestId("speaker-create").click();
    expect(kind.closest("[hidden]")).toBeNull();
    expect(kind.value).toBe("person");
    expect(document.activeElement).toBe(kind);
    kind.value = "government";
    key(kind, "Enter");
    await vi.waitFor(() => {
      expect(claimItems()[0]?.getAttribute("data-speaker")).toBe("Ministry of Examples");
    });
    expect(ipc.callsOf("createSpeaker")).toEqual([{ name: "Ministry of Examples", kind: "government", aliases: [] } satisfies NewSpeaker]);
    const created = [...ipc.speakers.values()].find((s) => s.name === "Ministry of Examples");
    expect(created?.kind).toBe("government");
    expect((ipc.callsOf("updateClaim")[0] as ClaimEdit).speaker).toBe(created?.id);
  });

  it("Done confirms a new speaker whose kind was chosen", async () => {
    await start();
    await codeRoughSelection("1");
    type(field("speaker-input", HTMLInputElement), "Ada Quill");
    byTestId("speaker-create").click();
    field("speaker-kind", HTMLSelectElement).value = "media";
    byTestId("editor-done").click();
    expect(byTestId("claim-editor").hidden).toBe(true);
    await vi.waitFor(() => {
      expect(claimItems()[0]?.getAttribute("data-speaker")).toBe("Ada Quill");
    });
    expect(ipc.callsOf("createSpeaker")[0]).toMatchObject({ name: "Ada Quill", kind: "media" });
  });

  it("saves the note on Ctrl+Enter and on leaving the field, once", async () => {
    await start();
    const id = await codeRoughSelection("1");
    const note = field("note-input", HTMLTextAreaElement);
    type(note, "Check the date.");
    key(note, "Enter", { ctrlKey: true });
    note.blur();
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.note).toBe("Check the date.");
    });
    expect(ipc.callsOf("updateClaim")).toHaveLength(1);
    expect(claimItems()[0]?.textContent).toContain("Check the date.");
  });

  it("with a claim selected and no field focused, 1/2/3 change its status and Delete deletes it; Ctrl+Z / Ctrl+Shift+Z undo and redo", async () => {
    await start();
    const id = await codeRoughSelection("1");
    byTestId("editor-done").click();
    const item = claimItems()[0];
    if (!item) throw new Error("no claim item");
    item.click();
    item.focus();
    expect(byTestId("claim-editor").getAttribute("data-claim-id")).toBe(id);
    key(item, "2");
    await vi.waitFor(() => {
      expect(claimItems()[0]?.getAttribute("data-status")).toBe("disputed");
    });
    expect(byTestId("status-disputed").getAttribute("aria-pressed")).toBe("true");
    expect(byTestId("status-attributed").getAttribute("aria-pressed")).toBe("false");

    key(item, "Delete");
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(0);
    });
    expect(byTestId("doc-claim-count").textContent).toBe("0");
    expect(byTestId("claim-editor").hidden).toBe(true);

    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(claimItems()[0]?.getAttribute("data-claim-id")).toBe(id);
    });
    expect(claimItems()[0]?.getAttribute("data-status")).toBe("disputed");
    expect(byTestId("toast").textContent).toBe("Undone: deleted claim");
    expect(byTestId("toast").hidden).toBe(false);

    key(document.body, "Z", { ctrlKey: true, shiftKey: true });
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(0);
    });
    expect(byTestId("toast").textContent).toBe("Redone: deleted claim");
    key(document.body, "z", { ctrlKey: true });
    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(byTestId("toast").textContent).toBe("Undone: changed status");
    });
    expect(ipc.claims.get(id)?.status).toBe("attributed");
    key(document.body, "y", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.status).toBe("disputed");
    });
  });

  it("leaves Ctrl+Z in a text field to the field", async () => {
    await start();
    await codeRoughSelection("1");
    const e = key(byTestId("note-input"), "z", { ctrlKey: true });
    expect(e.defaultPrevented).toBe(false);
    expect(ipc.callsOf("deleteClaim")).toHaveLength(0);
  });

  it("sets the extent to a new selection", async () => {
    await start();
    const id = await codeRoughSelection("1");
    const line = TEXT.split("\n")[0] ?? "";
    selectInParagraph(para(0), line.indexOf("convoy"), line.indexOf("arrived") + 7);
    const btn = [...byTestId("claim-editor").querySelectorAll("button")].find((b) => b.textContent === "Set extent to selection");
    btn?.click();
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.quote).toBe("convoy arrived");
    });
    expect(ipc.claims.get(id)?.start).toBe(cpOf(TEXT, "convoy"));
    expect(claimItems()[0]?.getAttribute("data-start")).toBe(String(cpOf(TEXT, "convoy")));
  });

  it("Escape closes the editor", async () => {
    await start();
    await codeRoughSelection("1");
    key(byTestId("speaker-input"), "Escape");
    expect(byTestId("claim-editor").hidden).toBe(true);
  });

  it("shows errors from the core in the banner with their message", async () => {
    await start();
    ipc.failNext = { command: "createClaim", error: new IpcError("quote_mismatch", "The quote does not match the text.") };
    selectInParagraph(para(2), 4, 14);
    key(document.body, "1");
    const banner = byTestId("error-banner");
    await vi.waitFor(() => {
      expect(banner.textContent).toBe("The quote does not match the text.");
    });
    expect(banner.closest("[hidden]")).toBeNull();
    expect(banner.getAttribute("data-code")).toBe("quote_mismatch");
    expect(claimItems()).toHaveLength(0);
  });

  it("paints a new claim before the core has saved it, and the editor and the list once it has; a refused one is taken back", async () => {
    await start();
    let release = (): void => undefined;
    ipc.gate = new Promise((resolve) => {
      release = resolve;
    });
    const layer = (name: string): number => app.painter.highlight(name)?.size ?? 0;
    selectInParagraph(para(0), LINE0.indexOf("esidents"), LINE0.indexOf("said") + 3);
    key(document.body, "2");
    await vi.waitFor(() => {
      expect(layer("claim-disputed")).toBe(1);
    });
    expect(ipc.claims.size).toBe(0);
    expect(byTestId("claim-editor").hidden).toBe(true);
    expect(claimItems()).toHaveLength(0);
    release();
    await vi.waitFor(() => {
      expect(byTestId("claim-editor").hidden).toBe(false);
    });
    expect(claimItems()).toHaveLength(1);
    expect(byTestId("doc-claim-count").textContent).toBe("1");
    // The saved claim took the pending one's place: one range, not two stacked.
    expect(layer("claim-disputed")).toBe(1);
    expect(layer("claim-stacked")).toBe(0);

    ipc.gate = null;
    ipc.failNext = { command: "createClaim", error: new IpcError("quote_mismatch", "The quote does not match the text.") };
    selectInParagraph(para(2), 4, 14);
    key(document.body, "3");
    await vi.waitFor(() => {
      expect(byTestId("error-banner").textContent).toBe("The quote does not match the text.");
    });
    await vi.waitFor(() => {
      expect(layer("claim-unverified")).toBe(0);
    });
    expect(claimItems()).toHaveLength(1);
  });

  it("opens what the top bar opens by key, but not while typing in a field", async () => {
    await start();
    const shown = (id: string): boolean => document.querySelector(`[data-testid="${id}"]`) !== null;
    key(document.body, "e");
    await vi.waitFor(() => {
      expect(shown("export-dialog")).toBe(true);
    });
    key(byTestId("export-dialog"), "Escape");
    await vi.waitFor(() => {
      expect(shown("export-dialog")).toBe(false);
    });
    const field = document.createElement("input");
    document.body.append(field);
    key(field, "i");
    expect(shown("import-dialog")).toBe(false);
    field.remove();
    const theme = document.documentElement.getAttribute("data-theme");
    key(document.body, "t");
    expect(document.documentElement.getAttribute("data-theme")).not.toBe(theme);
    key(document.body, "v");
    await vi.waitFor(() => {
      expect(shown("paste-dialog")).toBe(true);
    });
    key(byTestId("paste-dialog"), "Escape");
    key(document.body, "r");
    await vi.waitFor(() => {
      expect(shown("review-view")).toBe(true);
    });
  });

  it("asks for the coder's name when the core refuses a change for want of one", async () => {
    await start();
    expect(document.querySelector('[data-testid="coder-dialog"]')).toBeNull();
    ipc.failNext = { command: "createClaim", error: new IpcError("no_coder", "no coder is set: give your name first") };
    selectInParagraph(para(2), 4, 14);
    key(document.body, "1");
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="coder-dialog"]')).not.toBeNull();
    });
    expect(byTestId("error-banner").getAttribute("data-code")).toBe("no_coder");
    expect(claimItems()).toHaveLength(0);
    field("coder-name", HTMLInputElement).value = "Erin";
    byTestId("coder-save").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="coder-dialog"]')).toBeNull();
    });
    expect(ipc.coder?.name).toBe("Erin");
  });

  it("lists claims in text order and jumps to one on Enter", async () => {
    await start();
    selectInParagraph(para(2), 4, 14);
    key(document.body, "2");
    await vi.waitFor(() => {
      expect(claimItems()).toHaveLength(1);
    });
    byTestId("editor-done").click();
    await codeRoughSelection("1");
    byTestId("editor-done").click();
    const items = claimItems();
    expect(items.map((i) => Number(i.getAttribute("data-start")))).toEqual([cpOf(TEXT, "residents"), cpOf(TEXT, "ambassador")]);
    const second = items[1];
    if (!second) throw new Error("no second item");
    key(second, "Enter");
    expect(byTestId("claim-editor").getAttribute("data-claim-id")).toBe(second.getAttribute("data-claim-id"));
    expect(second.getAttribute("aria-current")).toBe("true");
    expect(app.painter.highlight("claim-current")?.size).toBe(1);
    expect(app.painter.highlight("claim-flash")?.size).toBe(1);
  });
});

describe("cues", () => {
  /** Selects UTF-16 [from, to) of line 0 as a finished mouse selection (Alt held or not). */
  function selectLine0(from: number, to: number, altKey = false): void {
    reader().dispatchEvent(new MouseEvent("mousedown", { bubbles: true, altKey }));
    selectInParagraph(para(0), from, to);
    reader().dispatchEvent(new MouseEvent("mouseup", { bubbles: true, altKey }));
  }

  it("C sets the open claim's cue to the selected words (snapped, in code points); Ctrl+Z takes it back", async () => {
    await start();
    const id = await codeRoughSelection("1");
    selectLine0(LINE0.indexOf("said") + 1, LINE0.indexOf("said") + 3); // "ai"
    reader().focus();
    const e = key(reader(), "c");
    expect(e.defaultPrevented).toBe(true);
    const said = cpOf(TEXT, "said");
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).toEqual({ start: said, end: said + 4 });
    });
    expect((ipc.callsOf("updateClaim")[0] as ClaimEdit).cue).toEqual({ start: said, end: said + 4 });
    const cue = byTestId("claim-cue");
    expect(cue.textContent).toBe("“said”");
    expect([cue.getAttribute("data-start"), cue.getAttribute("data-end")]).toEqual([String(said), String(said + 4)]);
    expect(byTestId("cue-remove").hidden).toBe(false);
    expect(document.getSelection()?.isCollapsed ?? true).toBe(true);
    expect(toolbarShown()).toBe(false);
    expect(app.painter.highlight("claim-cue-current")?.size).toBe(1);

    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).toBeNull();
    });
    expect(byTestId("toast").textContent).toBe("Undone: set cue");
    expect(byTestId("claim-cue").textContent).toBe("none");
    expect(byTestId("cue-remove").hidden).toBe(true);
    key(document.body, "y", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).toEqual({ start: said, end: said + 4 });
    });
  });

  it("Alt keeps the exact selection; a cue may lie outside its claim; the buttons set and remove it", async () => {
    await start();
    const id = await codeRoughSelection("2");
    const at = LINE0.indexOf("according to");
    selectLine0(at, at + "according t".length, true);
    byTestId("cue-set").click();
    const from = cpOf(TEXT, "according to");
    const cueSpan = { start: from, end: from + 11 };
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).toEqual(cueSpan);
    });
    expect(byTestId("claim-cue").textContent).toBe("“according t”");
    byTestId("cue-remove").click();
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).toBeNull();
    });
    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(byTestId("toast").textContent).toBe("Undone: removed cue");
    });
    expect(ipc.claims.get(id)?.cue).toEqual(cueSpan);
  });

  it("without a selection C says what to do, and the core's refusal shows in the banner", async () => {
    await start();
    const id = await codeRoughSelection("1");
    byTestId("editor-done").click();
    claimItems()[0]?.click();
    claimItems()[0]?.focus();
    key(claimItems()[0] ?? document.body, "c");
    expect(byTestId("toast").textContent).toBe("Select the cue words in the text first (then C).");
    expect(ipc.callsOf("updateClaim")).toHaveLength(0);

    ipc.failNext = { command: "updateClaim", error: new IpcError("invalid_span", "cue: the span is empty") };
    selectLine0(LINE0.indexOf("convoy"), LINE0.indexOf("convoy") + 6);
    key(document.body, "c");
    const banner = byTestId("error-banner");
    await vi.waitFor(() => {
      expect(banner.textContent).toBe("cue: the span is empty");
    });
    expect(banner.getAttribute("data-code")).toBe("invalid_span");
    expect(ipc.claims.get(id)?.cue).toBeNull();
  });

  it("C in a text field types; with no claim open it only hints", async () => {
    await start();
    await codeRoughSelection("1");
    const e = key(byTestId("speaker-input"), "c");
    expect(e.defaultPrevented).toBe(false);
    byTestId("editor-done").click();
    selectLine0(LINE0.indexOf("convoy"), LINE0.indexOf("convoy") + 6);
    key(document.body, "c");
    expect(byTestId("toast").textContent).toBe("Open a claim first: C sets its cue to the selected words.");
    expect(ipc.callsOf("updateClaim")).toHaveLength(0);
  });
});

describe("screen readers", () => {
  it("hear the claims and cues at the caret, and the keys for a selection", async () => {
    await start();
    const id = await codeRoughSelection("2");
    selectInParagraph(para(0), LINE0.indexOf("according"), LINE0.indexOf("according") + 9);
    key(document.body, "c");
    await vi.waitFor(() => {
      expect(ipc.claims.get(id)?.cue).not.toBeNull();
    });
    const status = byTestId("reader-status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    const caret = (at: number): void => {
      selectInParagraph(para(0), at, at);
      document.dispatchEvent(new Event("selectionchange"));
    };
    caret(LINE0.indexOf("said"));
    await vi.waitFor(() => {
      expect(status.textContent).toBe("1 claim here: disputed, no speaker.");
    });
    caret(LINE0.indexOf("according") + 2);
    await vi.waitFor(() => {
      expect(status.textContent).toBe("No claim here. Cue of: disputed, no speaker.");
    });
    selectInParagraph(para(2), 4, 14);
    document.dispatchEvent(new Event("selectionchange"));
    await vi.waitFor(() => {
      expect(status.textContent).toBe("No claim here. Selection: 1, 2 or 3 codes it; C makes it the open claim's cue.");
    });
    expect(claimItems()[0]?.getAttribute("aria-label")).toBe("disputed, no speaker, cue “according”: residents 👍🏽 said");
  });
});

describe("keys overlay", () => {
  it("? lists every shortcut of the handlers' table; Escape or ? closes it and gives the focus back", async () => {
    await start();
    const before = byTestId("open-keys");
    before.focus();
    key(document.body, "?", { shiftKey: true });
    const dialog = byTestId("keys-dialog");
    expect(dialog.getAttribute("role")).toBe("dialog");
    const title = document.getElementById(dialog.getAttribute("aria-labelledby") ?? "");
    expect(title?.textContent).toBe("Keyboard shortcuts");
    const rows = [...dialog.querySelectorAll('[data-testid="keys-row"]')].map((r) => r.getAttribute("data-keys"));
    expect(rows).toEqual([...CODING_KEYS, ...LIST_KEYS, ...REVIEW_KEYS].map((s) => s.keys.join(" ")));
    expect(dialog.textContent).toContain("Set the open claim's cue");
    expect(document.activeElement).toBe(byTestId("keys-close"));
    // Under the overlay, the coding keys do nothing.
    selectInParagraph(para(2), 4, 14);
    key(document.activeElement ?? document.body, "1");
    expect(ipc.callsOf("createClaim")).toHaveLength(0);
    key(document.activeElement ?? document.body, "Escape");
    expect(document.querySelector('[data-testid="keys-dialog"]')).toBeNull();
    expect(document.activeElement).toBe(before);

    byTestId("open-keys").click();
    key(document.activeElement ?? document.body, "?", { shiftKey: true });
    expect(document.querySelector('[data-testid="keys-dialog"]')).toBeNull();
  });

  it("leaves ? in a text field to the field", async () => {
    await start();
    await codeRoughSelection("1");
    const e = key(byTestId("speaker-input"), "?", { shiftKey: true });
    expect(e.defaultPrevented).toBe(false);
    expect(document.querySelector('[data-testid="keys-dialog"]')).toBeNull();
  });
});

describe("documents and projects", () => {
  it("pastes an article as a new document and opens it", async () => {
    await start();
    const paste = [...document.querySelectorAll("button")].find((b) => b.textContent === "Paste…");
    paste?.click();
    const dialog = byTestId("paste-dialog");
    expect(dialog.getAttribute("role")).toBe("dialog");
    field("paste-title", HTMLInputElement).value = "Pasted 🇺🇦";
    field("paste-text", HTMLTextAreaElement).value = "First line.\nSecond line.";
    byTestId("paste-import").click();
    await vi.waitFor(() => {
      expect(document.querySelectorAll('[data-testid="doc-item"]')).toHaveLength(2);
    });
    expect(ipc.callsOf("importText")).toEqual([{ title: "Pasted 🇺🇦", text: "First line.\nSecond line." }]);
    await vi.waitFor(() => {
      expect(reader().textContent).toBe("First line.Second line.");
    });
    const current = document.querySelector('[data-testid="doc-item"][aria-current="true"]');
    expect(current?.textContent).toContain("Pasted 🇺🇦");
    expect(document.querySelector('[data-testid="paste-dialog"]')).toBeNull();
  });

  it("imports what was pasted from a web page through its HTML, and the text once edited", async () => {
    await start();
    const open = (): void => {
      [...document.querySelectorAll("button")].find((b) => b.textContent === "Paste…")?.click();
    };
    /** A paste from a page: the HTML on the clipboard, its text landing in the box. */
    const pasteFromPage = (html: string, text: string): void => {
      const box = field("paste-text", HTMLTextAreaElement);
      const e = new Event("paste", { bubbles: true, cancelable: true });
      Object.defineProperty(e, "clipboardData", { value: { getData: (t: string) => (t === "text/html" ? html : text) } });
      box.dispatchEvent(e);
      box.value = text;
    };
    const html = "<html><head><title>Harbour page</title><script>alert(1)</script></head><body><p>The crane is late.</p></body></html>";
    open();
    pasteFromPage(html, "The crane is late.");
    await vi.waitFor(() => {
      expect(byTestId("paste-from-page").hidden).toBe(false);
    });
    byTestId("paste-import").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("importHtml")).toEqual([{ title: null, html }]);
    });
    expect(ipc.callsOf("importText")).toEqual([]);
    await vi.waitFor(() => {
      expect(reader().textContent).toContain("The crane is late.");
    });

    // Edited after the paste: the text as it stands is imported, not the page.
    open();
    pasteFromPage(html, "The crane is late.");
    await vi.waitFor(() => {
      expect(byTestId("paste-from-page").hidden).toBe(false);
    });
    const box = field("paste-text", HTMLTextAreaElement);
    box.value = "The crane is very late.";
    box.dispatchEvent(new Event("input", { bubbles: true }));
    expect(byTestId("paste-from-page").hidden).toBe(true);
    byTestId("paste-import").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("importText")).toEqual([{ title: null, text: "The crane is very late." }]);
    });
    expect(ipc.callsOf("importHtml")).toHaveLength(1);
  });

  it("shows why a paste was refused and keeps the dialog open", async () => {
    await start();
    [...document.querySelectorAll("button")].find((b) => b.textContent === "Paste…")?.click();
    byTestId("paste-import").click();
    await vi.waitFor(() => {
      expect(byTestId("error-banner").textContent).toBe("The text is empty.");
    });
    expect(byTestId("paste-dialog").isConnected).toBe(true);
  });

  it("switches documents and keeps each one's claims apart", async () => {
    await start();
    const other = ipc.addDocument("Second", "Another article entirely.");
    ipc.addClaim(other.id, "article", "disputed");
    await app.openDocument(other.id);
    expect(claimItems().map((i) => i.getAttribute("data-status"))).toEqual(["disputed"]);
    expect(reader().textContent).toBe("Another article entirely.");
    await app.openDocument("doc-1");
    expect(claimItems()).toHaveLength(0);
  });

  it("opens a recent project from the menu and reloads everything", async () => {
    await start(true, (fake) => {
      fake.recent = ["/home/a/other.claimcoder"];
    });
    const menuBtn = [...document.querySelectorAll("button")].find((b) => b.textContent === "Recent ▾");
    expect(menuBtn?.disabled).toBe(false);
    menuBtn?.click();
    const item = document.querySelector<HTMLButtonElement>('[role="menuitem"]');
    expect(item?.textContent).toContain("other.claimcoder");
    item?.click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("openProject")).toEqual(["/home/a/other.claimcoder"]);
    });
    await vi.waitFor(() => {
      expect(root.querySelector(".project-name")?.textContent).toBe("other.claimcoder");
    });
  });

  it("shows a startup failure (not a project) in the banner", async () => {
    ipc = new FakeIpc();
    ipc.failNext = { command: "session", error: new IpcError("not_a_project", "notes.claimcoder is not a Claimcoder project") };
    root = document.createElement("div");
    document.body.append(root);
    app = new App(root, { ipc, highlights: null });
    await app.start();
    const banner = byTestId("error-banner");
    expect(banner.textContent).toBe("notes.claimcoder is not a Claimcoder project");
    expect(banner.closest("[hidden]")).toBeNull();
  });
});
