// The speakers pane in the app, on the core's recorded answers (test/fixtures/speakers.json:
// "Anatoly Antonov" and "Anatoli Antonov" spell one ambassador, "Maria Zakharova" and
// "Zakharova" one spokeswoman, cited by Erin and Dan in two articles): the list, the filter,
// edits and the core's refusal, merges from a suggestion with undo and redo, and a speaker's
// claims opening in the reader.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import type { AppError, SpeakerEdit, SpeakerMerge } from "../ipc";
import { IpcError } from "../ipc";
import { speakers } from "../test/fixtures";
import { byTestId, field, key } from "../test/util";

let ipc: FakeIpc;
let app: App;

const start = speakers.states.start;
if (!start) throw new Error("no start state in speakers.json");
function idOf(name: string): string {
  const s = start?.speakers.find((x) => x.name === name);
  if (!s) throw new Error(`no speaker ${name}`);
  return s.id;
}
const ANATOLY = idOf("Anatoly Antonov");
const ANATOLI = idOf("Anatoli Antonov");
const ZAKHAROVA = idOf("Zakharova");
const interview = start.documents.find((d) => d.title === "Interview")?.id ?? "";

function all(id: string, within: ParentNode = document): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}
function names(): string[] {
  return all("speaker-item").map((b) => b.dataset.name ?? "");
}
function item(id: string): HTMLElement {
  const b = all("speaker-item").find((x) => x.dataset.speakerId === id);
  if (!b) throw new Error(`no speaker-item ${id}`);
  return b;
}
function typeFilter(text: string): void {
  const f = field("speakers-filter", HTMLInputElement);
  f.value = text;
  f.dispatchEvent(new Event("input", { bubbles: true }));
}
function claimSpeakers(): string[] {
  return all("claim-item").map((c) => c.dataset.speaker ?? "");
}
async function openPane(): Promise<void> {
  byTestId("open-speakers").click();
  await vi.waitFor(() => {
    expect(all("speaker-item")).toHaveLength(5);
  });
}
async function choose(id: string): Promise<void> {
  item(id).click();
  await vi.waitFor(() => {
    expect(byTestId("speaker-detail").hidden).toBe(false);
    expect(all("speaker-claim").length + document.querySelectorAll(".speaker-claims .muted").length).toBeGreaterThan(0);
  });
}
/** The recorded refusal of a command in the start state. */
function refusal(command: string): AppError {
  const a = speakers.answers.find((x) => x.command === command && x.error);
  if (!a?.error) throw new Error(`no refusal of ${command} recorded`);
  return a.error;
}

beforeEach(async () => {
  localStorage.clear();
  ipc = new FakeIpc().replayFrom(speakers, "start");
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
  await app.openDocument(interview);
});
afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
  expect(ipc.unanswered).toEqual([]);
});

describe("speakers pane", () => {
  it("lists every speaker by name with kind, aliases and claims by coder, in place of the reader", async () => {
    await openPane();
    expect(byTestId("reader").closest("[hidden]")).not.toBeNull();
    expect(names()).toEqual(["Anatoli Antonov", "Anatoly Antonov", "Maria Zakharova", "RIA Novosti", "Zakharova"]);
    expect(item(ANATOLI).dataset.claims).toBe("2");
    expect(item(ANATOLI).textContent).toContain("2 claims (Erin 1, Dan 1)");
    expect(item(ANATOLY).textContent).toContain("also the ambassador");
    expect(item(idOf("RIA Novosti")).textContent).toContain("Media outlet");
    // Escape outside fields closes it; `s` opens it again, with the filter focused.
    key(document.body, "Escape");
    expect(document.querySelector('[data-testid="speakers-view"]')).toBeNull();
    expect(byTestId("reader").closest("[hidden]")).toBeNull();
    key(document.body, "s");
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(byTestId("speakers-filter"));
    });
  });

  it("filters by name or alias as you type, ignoring case and diacritics", async () => {
    await openPane();
    typeFilter("ANATOLÍ");
    expect(names()).toEqual(["Anatoli Antonov"]);
    typeFilter("the amb");
    expect(names()).toEqual(["Anatoly Antonov"]);
    typeFilter("zakharova");
    expect(names()).toEqual(["Maria Zakharova", "Zakharova"]);
    expect(byTestId("speakers-view").textContent).toContain("2 of 5");
    typeFilter("nobody");
    expect(names()).toEqual([]);
    expect(byTestId("speakers-view").textContent).toContain("No speaker matches.");
  });

  it("offers merges with their reasons and merges nothing until asked", async () => {
    await openPane();
    const offered = all("merge-suggestion");
    expect(offered.map((s) => s.dataset.reason)).toEqual(["spelling", "surname"]);
    expect(offered[0]?.textContent).toContain("the same name spelled differently");
    expect(offered[1]?.textContent).toContain("the same surname");
    all("suggestion-merge")[0]?.click();
    await vi.waitFor(() => {
      expect(all("merge-keep")).toHaveLength(2);
    });
    expect(ipc.callsOf("mergeSpeakers")).toEqual([]);
  });

  it("merges a suggested pair into the one chosen to stay; the claims follow; Ctrl+Z and redo", async () => {
    expect(claimSpeakers()).toEqual(["Anatoli Antonov", "Anatoli Antonov", "Zakharova"]);
    await openPane();
    all("suggestion-merge")[0]?.click();
    await vi.waitFor(() => {
      expect(all("merge-keep")).toHaveLength(2);
    });
    const keep = all("merge-keep").find((r) => r.dataset.speakerId === ANATOLY);
    (keep as HTMLInputElement).click();
    byTestId("merge-confirm").click();
    await vi.waitFor(() => {
      expect(names()).toEqual(["Anatoly Antonov", "Maria Zakharova", "RIA Novosti", "Zakharova"]);
    });
    expect(ipc.callsOf("mergeSpeakers")).toEqual([{ from: ANATOLI, into: ANATOLY }]);
    expect(item(ANATOLY).dataset.claims).toBe("3");
    expect(item(ANATOLY).textContent).toContain("Anatoli Antonov");
    expect(all("merge-suggestion").map((s) => s.dataset.reason)).toEqual(["surname"]);
    expect(item(ANATOLY).getAttribute("aria-current")).toBe("true");
    expect(byTestId("toast").textContent).toContain("Ctrl+Z to undo");
    // The claims pane behind it shows the new name.
    expect(claimSpeakers()).toEqual(["Anatoly Antonov", "Anatoly Antonov", "Zakharova"]);

    byTestId("merge-confirm").blur();
    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(names()).toHaveLength(5);
    });
    const merge = ipc.callsOf("unmergeSpeakers")[0] as SpeakerMerge | undefined;
    expect(merge?.merged.id).toBe(ANATOLI);
    expect(item(ANATOLI).dataset.claims).toBe("2");
    expect(claimSpeakers()).toEqual(["Anatoli Antonov", "Anatoli Antonov", "Zakharova"]);
    expect(byTestId("toast").textContent).toContain("Undone: merged “Anatoli Antonov” into “Anatoly Antonov”");

    key(document.body, "z", { ctrlKey: true, shiftKey: true });
    await vi.waitFor(() => {
      expect(names()).toHaveLength(4);
    });
    expect(claimSpeakers()).toEqual(["Anatoly Antonov", "Anatoly Antonov", "Zakharova"]);
  });

  it("keeps the fuller name by default (the surname pair)", async () => {
    await openPane();
    all("suggestion-merge")[1]?.click();
    await vi.waitFor(() => {
      expect(all("merge-keep")).toHaveLength(2);
    });
    const checked = all("merge-keep").find((r) => (r as HTMLInputElement).checked);
    expect(checked?.dataset.speakerId).toBe(idOf("Maria Zakharova"));
    byTestId("merge-confirm").click();
    await vi.waitFor(() => {
      expect(names()).not.toContain("Zakharova");
    });
    expect(claimSpeakers()).toEqual(["Anatoli Antonov", "Anatoli Antonov", "Maria Zakharova"]);
  });

  it("shows the core's refusal of a taken name by the field, keeping what was typed", async () => {
    await openPane();
    await choose(ZAKHAROVA);
    ipc.failNext = { command: "editSpeaker", error: new IpcError(refusal("editSpeaker").code, refusal("editSpeaker").message) };
    const name = field("speaker-edit-name", HTMLInputElement);
    name.focus();
    name.value = "anatoly antonov";
    key(name, "Enter");
    await vi.waitFor(() => {
      expect(byTestId("speaker-error").hidden).toBe(false);
    });
    expect(byTestId("speaker-error").dataset.code).toBe("speaker_exists");
    expect(byTestId("speaker-error").textContent).toBe('a speaker called "anatoly antonov" already exists');
    expect(name.value).toBe("anatoly antonov");
    expect(byTestId("error-banner").textContent).toBe("");
  });

  it("renames, changes the kind, adds and removes aliases, each saved at once and undoable", async () => {
    await openPane();
    await choose(ZAKHAROVA);
    const name = field("speaker-edit-name", HTMLInputElement);
    name.value = "M. Zakharova";
    key(name, "Enter");
    await vi.waitFor(() => {
      expect(names()).toContain("M. Zakharova");
    });
    const kind = field("speaker-edit-kind", HTMLSelectElement);
    kind.value = "government";
    kind.dispatchEvent(new Event("change", { bubbles: true }));
    const alias = field("alias-input", HTMLInputElement);
    alias.value = "the spokeswoman";
    byTestId("alias-add").click();
    await vi.waitFor(() => {
      expect(all("speaker-alias").map((a) => a.dataset.alias)).toEqual(["the spokeswoman"]);
    });
    expect(alias.value).toBe("");
    const sent = ipc.callsOf("editSpeaker") as SpeakerEdit[];
    expect(sent.at(-1)).toEqual({ id: ZAKHAROVA, name: "M. Zakharova", kind: "government", aliases: ["the spokeswoman"] });
    // The claims pane names the renamed speaker.
    expect(claimSpeakers()).toEqual(["Anatoli Antonov", "Anatoli Antonov", "M. Zakharova"]);
    all("alias-remove")[0]?.click();
    await vi.waitFor(() => {
      expect(all("speaker-alias")).toHaveLength(0);
    });
    (document.activeElement as HTMLElement | null)?.blur();
    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(all("speaker-alias")).toHaveLength(1);
    });
    expect(byTestId("toast").textContent).toBe("Undone: removed an alias");
  });

  it("lists a speaker's claims across documents and opens one in the reader", async () => {
    await app.openDocument(start.documents.find((d) => d.title === "Briefing")?.id ?? "");
    await openPane();
    await choose(ANATOLI);
    const rows = all("speaker-claim");
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining("Interview · Erin") as string,
      expect.stringContaining("Interview · Dan") as string,
    ]);
    expect(rows[0]?.textContent).toContain("“sanctions had failed”");
    const id = rows[1]?.dataset.claimId;
    rows[1]?.click();
    await vi.waitFor(() => {
      expect(byTestId("claim-editor").dataset.claimId).toBe(id);
    });
    expect(document.querySelector('[data-testid="speakers-view"]')).toBeNull();
    expect(all("doc-item").find((d) => d.getAttribute("aria-current") === "true")?.dataset.docId).toBe(interview);
  });
});
