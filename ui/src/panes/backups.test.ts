// Backups in the app (against the fake ipc): the dialog lists them newest first with what each
// holds, makes one on demand, and restores one only after a confirmation; a project that could
// not be opened offers its newest backup and loads it when restored.

import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { IpcError } from "../ipc";
import { byTestId } from "../test/util";

let ipc: FakeIpc;
let app: App;

async function start(setup: (fake: FakeIpc) => void): Promise<void> {
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-1", name: "Erin" };
  setup(ipc);
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
}

function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="backup"]')];
}

afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
});

describe("the backups dialog", () => {
  it("lists the backups newest first with their contents, and backs up on demand", async () => {
    await start((f) => {
      f.addDocument("First", "One text.");
      f.addBackup("2026-11-30T09:00:00.000Z");
      f.addDocument("Second", "Another text.");
      f.addBackup("2026-12-01T09:00:00.000Z");
    });
    byTestId("open-backups").click();
    await vi.waitFor(() => {
      expect(rows()).toHaveLength(2);
    });
    expect(rows().map((r) => r.dataset.created)).toEqual(["2026-12-01T09:00:00.000Z", "2026-11-30T09:00:00.000Z"]);
    expect(rows()[0]?.textContent).toContain("2 documents, 0 claims");
    expect(rows()[1]?.textContent).toContain("1 document, 0 claims");

    byTestId("backup-now").click();
    await vi.waitFor(() => {
      expect(rows()).toHaveLength(3);
    });
    expect(ipc.calls.filter(([c]) => c === "createBackup")).toHaveLength(1);
  });

  it("restores a backup only after the confirmation, and shows the project it holds", async () => {
    await start((f) => {
      f.addDocument("Kept", "The text that was backed up.");
      f.addBackup("2026-11-30T09:00:00.000Z");
      f.addDocument("Later", "Added after the backup.");
    });
    expect([...document.querySelectorAll('[data-testid="doc-item"]')].map((d) => d.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining("Later")]),
    );
    byTestId("open-backups").click();
    await vi.waitFor(() => {
      expect(rows()).toHaveLength(1);
    });
    byTestId("restore-backup").click();
    expect(ipc.calls.some(([c]) => c === "restoreBackup")).toBe(false);
    byTestId("confirm-restore").click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="backups-dialog"]')).toBeNull();
    });
    await vi.waitFor(() => {
      const titles = [...document.querySelectorAll('[data-testid="doc-item"]')].map((d) => d.textContent);
      expect(titles.some((t) => t.includes("Kept"))).toBe(true);
      expect(titles.some((t) => t.includes("Later"))).toBe(false);
    });
    await vi.waitFor(() => {
      expect(byTestId("toast").textContent).toContain("kept as a backup");
    });
  });
});

describe("a project that could not be opened", () => {
  it("says why, offers the newest backup, and opens it when restored", async () => {
    await start((f) => {
      f.addDocument("Safe", "What the backup holds.");
      f.addBackup("2026-12-01T09:00:00.000Z");
      f.broken = new IpcError("corrupt_project", "/p/x.claimcoder is damaged: database disk image is malformed");
    });
    const problem = byTestId("project-problem");
    await vi.waitFor(() => {
      expect(problem.hidden).toBe(false);
      expect(problem.querySelector('[data-testid="restore-newest"]')).not.toBeNull();
    });
    expect(problem.textContent).toContain("This project is damaged");
    expect(problem.textContent).toContain("database disk image is malformed");
    expect(byTestId("restore-newest").textContent).toContain("1 document, 0 claims");

    byTestId("restore-newest").click();
    byTestId("confirm-restore").click();
    await vi.waitFor(() => {
      expect(byTestId("reader").textContent).toContain("What the backup holds.");
    });
    expect(problem.hidden).toBe(true);
    await vi.waitFor(() => {
      expect(byTestId("toast").textContent).toContain("damaged.claimcoder");
    });
  });

  it("without a backup, offers another project and a new one", async () => {
    await start((f) => {
      f.broken = new IpcError("not_a_project", "notes.claimcoder is not a Claimcoder project: it is not an SQLite database");
    });
    await vi.waitFor(() => {
      expect(byTestId("project-problem").hidden).toBe(false);
    });
    expect(document.querySelector('[data-testid="restore-newest"]')).toBeNull();
    expect(byTestId("project-problem").textContent).toContain("There is no backup of it.");
    expect(byTestId("problem-open")).toBe(document.activeElement);
  });
});
