// Importing article files through the dialog: every file's fate is said — imported ones open,
// a file whose text is already in the project is named as such, a skipped one says why.

import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { byTestId } from "../test/util";

let app: App;

afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
});

describe("importing article files", () => {
  it("opens what was imported and lists the files that were not simply imported", async () => {
    const ipc = new FakeIpc();
    ipc.coder = { id: "coder-1", name: "Erin" };
    ipc.addDocument("Already here", "The same text twice.");
    const root = document.createElement("div");
    document.body.append(root);
    app = new App(root, { ipc, highlights: null, watchMs: 0 });
    await app.start();

    ipc.nextArticleFiles = [
      { path: "/in/new.html", title: "A new page", text: "Fresh words from the page." },
      { path: "/in/again.txt", title: "Again", text: "The same text twice." },
      { path: "/in/blank.md", title: "Blank", text: "  " },
    ];
    byTestId("import-files").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="file-report-dialog"]')).not.toBeNull();
    });
    const outcomes = [...document.querySelectorAll<HTMLElement>('[data-testid="file-outcome"]')];
    expect(outcomes.map((o) => o.dataset.outcome)).toEqual(["imported", "duplicate", "skipped"]);
    expect(outcomes[1]?.textContent).toContain("Already in the project as “Already here”");
    expect(outcomes[2]?.textContent).toContain("no text in it");
    expect(byTestId("file-report-dialog").textContent).toContain("1 imported, 1 already there, 1 skipped");
    await vi.waitFor(() => {
      expect(byTestId("reader").textContent).toContain("Fresh words from the page.");
    });
  });
});

describe("a file that was an edited version", () => {
  it("says which article it continues and how its claims were carried", async () => {
    const { describeFile, summarise } = await import("./fileReport");
    const doc = { id: "d2", title: "Crane delayed" } as unknown as import("../ipc").DocumentSummary;
    const f = { path: "/in/crane.html", outcome: "new_version", document: doc, of: doc, carried: 3, orphaned: 1 } as const;
    expect(describeFile(f)).toBe("A new version of “Crane delayed” (the same address, edited): 3 claims carried, 1 whose words are gone to place again");
    expect(summarise({ files: [f], cancelled: false, not_started: 0 })).toBe("0 imported, 1 new version");
  });
});

describe("site chrome around chosen text files", () => {
  it("is shown before importing, and left out unless the analyst keeps it", async () => {
    const ipc = new FakeIpc();
    ipc.coder = { id: "coder-1", name: "Erin" };
    const root = document.createElement("div");
    document.body.append(root);
    app = new App(root, { ipc, highlights: null, watchMs: 0 });
    await app.start();
    ipc.nextArticleFiles = [
      { path: "/in/a.txt", title: "Strike", text: "The strike goes on.\nLeave a Comment" },
      { path: "/in/b.txt", title: "Ferry", text: "Ferry fares rise.\nShare this article" },
    ];
    ipc.chromeOf.set("/in/a.txt", [{ line: 2, text: "Leave a Comment" }]);
    ipc.chromeOf.set("/in/b.txt", [{ line: 2, text: "Share this article" }]);
    byTestId("import-files").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="chrome-dialog"]')).not.toBeNull();
    });
    expect(byTestId("chrome-dialog").textContent).toContain("Leave a Comment");
    expect(ipc.callsOf("importArticleFile")).toEqual([]);
    // Keep b's last line: the analyst decides it belongs to the article.
    const keepB = document.querySelector<HTMLInputElement>('[data-testid="trim-chrome"][data-path="/in/b.txt"]');
    if (keepB) keepB.checked = false;
    byTestId("chrome-import").click();
    await vi.waitFor(() => {
      expect(ipc.callsOf("importArticleFile")).toEqual([
        { path: "/in/a.txt", trimChrome: true },
        { path: "/in/b.txt", trimChrome: false },
      ]);
    });
    const texts = [...ipc.docs.values()].map((d) => d.text);
    expect(texts).toEqual(["The strike goes on.", "Ferry fares rise.\nShare this article"]);
  });
});

describe("calling off an import at the site-chrome question", () => {
  it("imports nothing", async () => {
    const ipc = new FakeIpc();
    ipc.coder = { id: "coder-1", name: "Erin" };
    const root = document.createElement("div");
    document.body.append(root);
    app = new App(root, { ipc, highlights: null, watchMs: 0 });
    await app.start();
    ipc.nextArticleFiles = [{ path: "/in/a.txt", title: "Strike", text: "The strike goes on.\nLeave a Comment" }];
    ipc.chromeOf.set("/in/a.txt", [{ line: 2, text: "Leave a Comment" }]);
    byTestId("import-files").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="chrome-dialog"]')).not.toBeNull();
    });
    [...byTestId("chrome-dialog").querySelectorAll("button")].find((b) => b.textContent === "Cancel")?.click();
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelector('[data-testid="chrome-dialog"]')).toBeNull();
    expect(ipc.callsOf("importArticleFile")).toEqual([]);
  });
});
