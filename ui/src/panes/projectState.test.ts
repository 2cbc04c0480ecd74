// The project as other programs and the disk leave it: changes made by another program (the CLI,
// another window) appear without a restart, and a damaged project opened read-only says so in
// a banner for as long as it is open.

import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { IpcError } from "../ipc";
import { byTestId } from "../test/util";

let ipc: FakeIpc;
let app: App;

async function start(setup: (fake: FakeIpc) => void, watchMs = 0): Promise<void> {
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-1", name: "Erin" };
  setup(ipc);
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null, watchMs });
  await app.start();
}

function titles(): string[] {
  return [...document.querySelectorAll('[data-testid="doc-item"]')].map((d) => d.textContent);
}

afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
});

describe("changes made by another program", () => {
  it("appear without a restart, with a word that they came from elsewhere", async () => {
    await start((f) => f.addDocument("Mine", "My text."), 10);
    await vi.waitFor(() => {
      expect(titles().some((t) => t.includes("Mine"))).toBe(true);
    });
    ipc.addDocument("From the CLI", "Imported by another program.");
    await new Promise((r) => setTimeout(r, 50));
    expect(titles().some((t) => t.includes("From the CLI"))).toBe(false);
    ipc.nextChangedElsewhere = true;
    await vi.waitFor(() => {
      expect(titles().some((t) => t.includes("From the CLI"))).toBe(true);
    });
    expect(byTestId("toast").textContent).toContain("another program");
  });

  it("is not asked for once the app is gone", async () => {
    await start(() => undefined, 10);
    app.destroy();
    const asked = ipc.calls.filter(([c]) => c === "changedElsewhere").length;
    await new Promise((r) => setTimeout(r, 60));
    expect(ipc.calls.filter(([c]) => c === "changedElsewhere").length).toBe(asked);
    app = new App(document.createElement("div"), { ipc, highlights: null, watchMs: 0 });
  });
});

describe("a damaged project opened read-only", () => {
  it("is offered for a damaged project, opens, and keeps a banner saying why", async () => {
    await start((f) => {
      f.addDocument("Salvaged", "What could still be read.");
      f.broken = new IpcError("corrupt_project", "/p/x.claimcoder is damaged: Tree 2 page 2 cell 0");
    });
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="open-read-only"]')).not.toBeNull();
    });
    expect(byTestId("read-only-banner").hidden).toBe(true);
    byTestId("open-read-only").click();
    await vi.waitFor(() => {
      expect(byTestId("reader").textContent).toContain("What could still be read.");
    });
    const banner = byTestId("read-only-banner");
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toContain("failed its check");
    expect(byTestId("project-name").textContent).toContain("(read-only)");
    expect(byTestId("project-problem").hidden).toBe(true);
  });

  it("is not offered for a file that is not a project at all", async () => {
    await start((f) => {
      f.broken = new IpcError("not_a_project", "notes.claimcoder is not a Claimcoder project");
    });
    await vi.waitFor(() => {
      expect(byTestId("project-problem").hidden).toBe(false);
    });
    expect(document.querySelector('[data-testid="open-read-only"]')).toBeNull();
  });
});
