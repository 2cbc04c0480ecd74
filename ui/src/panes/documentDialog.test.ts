// A document's details in the app: its title, source and tags edited (the list filters by tag),
// and deleting it only after a confirmation that says how many claims go with it.

import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { byTestId, field } from "../test/util";
import { parseTags } from "./documentDialog";

let ipc: FakeIpc;
let app: App;

async function start(): Promise<void> {
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-1", name: "Erin" };
  const a = ipc.addDocument("Harbour minutes", "The crane is late, the harbour master said.");
  ipc.addDocument("Other article", "Nothing to see.");
  const text = a.text;
  const start = text.indexOf("The crane is late");
  await ipc.createClaim({ document: a.id, start, end: start + 17, quote: "The crane is late", status: "attributed", speaker: null, cue: null, note: null });
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null, watchMs: 0 });
  await app.start();
  await vi.waitFor(() => {
    expect(byTestId("reader").textContent).toContain("The crane is late");
  });
}

function titles(): string[] {
  return [...document.querySelectorAll('[data-testid="doc-item"]')].map((d) => d.textContent);
}

afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
});

describe("a document's details", () => {
  it("edits the title, source and tags, and the list filters by tag", async () => {
    await start();
    byTestId("document-details").click();
    field("doc-title-input", HTMLInputElement).value = "Harbour board minutes";
    field("doc-author-input", HTMLInputElement).value = "Ada Quill";
    field("doc-tags-input", HTMLInputElement).value = "port, , board, port";
    byTestId("save-document").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("editDocument")).toHaveLength(1);
    });
    const edit = ipc.callsOf("editDocument")[0] as { title: string; tags: string[]; source: { author: string | null; url: string | null } };
    expect(edit.title).toBe("Harbour board minutes");
    expect(edit.tags).toEqual(["port", "board"]);
    expect(edit.source.author).toBe("Ada Quill");
    expect(edit.source.url).toBeNull();
    await vi.waitFor(() => {
      expect(titles().some((t) => t.includes("Harbour board minutes"))).toBe(true);
    });
    const filter = field("tag-filter", HTMLSelectElement);
    expect(filter.hidden).toBe(false);
    filter.value = "board";
    filter.dispatchEvent(new Event("change"));
    expect(titles()).toHaveLength(1);
    expect(titles()[0]).toContain("Harbour board minutes");
  });

  it("deletes a document with its claims only once confirmed, saying how many", async () => {
    await start();
    byTestId("document-details").click();
    byTestId("delete-document").click();
    expect(ipc.callsOf("deleteDocument")).toHaveLength(0);
    const confirm = byTestId("confirm-delete-document");
    expect(confirm.textContent).toBe("Delete it and its 1 claim");
    confirm.click();
    await vi.waitFor(() => {
      expect(titles()).toHaveLength(1);
    });
    expect(ipc.callsOf("deleteDocument")).toEqual([{ id: expect.any(String) as string, withClaims: true }]);
    expect(titles()[0]).toContain("Other article");
  });

  it("reads tags as typed", () => {
    expect(parseTags(" a , b,,a ,c ")).toEqual(["a", "b", "c"]);
  });
});
