// The team link in the app (against the fake ipc): the top bar says where the sync stands; the
// dialog links with an address and a token, shows the server's refusal in place, and once
// linked offers "Sync now" and "Unlink".

import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import type { TeamState } from "../ipc";
import { byTestId } from "../test/util";
import { teamSummary } from "./teamDialog";

let ipc: FakeIpc;
let app: App | null = null;

async function start(): Promise<void> {
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-1", name: "ana" };
  ipc.addDocument("Bridge", "The minister said the bridge will open in May.");
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null, watchMs: 20 });
  await app.start();
}

function type(id: string, value: string): void {
  const input = byTestId(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

afterEach(() => {
  app?.destroy();
  app = null;
  document.body.replaceChildren();
});

const status = (over: Partial<NonNullable<TeamState["status"]>> = {}): NonNullable<TeamState["status"]> => ({
  url: "http://127.0.0.1:8080/p1",
  member: "ana",
  role: "coder",
  pulled: 12,
  pending: 0,
  linked_at: "2026-12-02T08:00:00.000Z",
  last_synced: "2026-12-02T08:00:00.000Z",
  last_error: null,
  refused: [],
  ...over,
});

describe("the team status", () => {
  it("says in a few words how the sync stands", () => {
    const now = Date.parse("2026-12-02T08:05:00.000Z");
    expect(teamSummary({ phase: "unlinked", status: null, last_report: null }, now)).toBe("Team: not linked");
    expect(teamSummary({ phase: "idle", status: status(), last_report: null }, now)).toBe("Team: synced 5 min ago");
    expect(teamSummary({ phase: "offline", status: status({ pending: 3 }), last_report: null }, now)).toBe("Team: offline · 3 to send");
    expect(teamSummary({ phase: "syncing", status: status({ pending: 1 }), last_report: null }, now)).toBe("Team: syncing… · 1 to send");
    expect(teamSummary({ phase: "error", status: status(), last_report: null }, now)).toBe("Team: sync failed");
    expect(teamSummary({ phase: "idle", status: status({ last_synced: null }), last_report: null }, now)).toBe("Team: linked");
  });
});

describe("the team dialog", () => {
  it("warns when the coder here is not the member the project is linked as", async () => {
    await start();
    ipc.teamStatus = status({ member: "Ana Silva" });
    byTestId("team-status").click();
    await vi.waitFor(() => byTestId("team-coder-warning"));
    expect(byTestId("team-coder-warning").textContent).toContain("only Ana Silva’s claims are sent");
  });

  it("links with an address and a token; a refused token is said in the dialog", async () => {
    await start();
    await vi.waitFor(() => {
      expect(byTestId("team-status").getAttribute("aria-label")).toBe("Team: not linked");
    });
    expect(byTestId("team-status").textContent).toBe("Team");
    byTestId("team-status").click();
    await vi.waitFor(() => byTestId("team-dialog"));
    const link = byTestId("team-link") as HTMLButtonElement;
    expect(link.disabled).toBe(true);
    type("team-url", "http://127.0.0.1:8080/p1");
    type("team-token", "not-a-token");
    expect(link.disabled).toBe(false);
    link.click();
    await vi.waitFor(() => {
      expect(byTestId("team-error").hidden).toBe(false);
    });
    expect(byTestId("team-error").textContent).toContain("refused");
    expect(ipc.teamStatus).toBeNull();

    type("team-token", "cc1.abc.def");
    link.click();
    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="team-dialog"]')).toBeNull();
    });
    expect(ipc.teamStatus?.url).toBe("http://127.0.0.1:8080/p1");
    expect(byTestId("team-status").dataset.phase).not.toBe("unlinked");
  });

  it("once linked shows the link, syncs on demand and unlinks", async () => {
    await start();
    ipc.teamStatus = status({ pending: 2, last_error: "the team server at http://127.0.0.1:8080 cannot be reached" });
    await vi.waitFor(() => {
      expect(byTestId("team-status").getAttribute("aria-label")).toContain("2 to send");
    });
    expect(byTestId("team-status").textContent).toBe("Synced · 2");
    byTestId("team-status").click();
    await vi.waitFor(() => byTestId("team-facts"));
    expect(byTestId("team-facts").textContent).toContain("ana (coder)");
    expect(byTestId("team-last-error").textContent).toContain("cannot be reached");
    expect(document.querySelector('[data-testid="team-coder-warning"]')).toBeNull();
    byTestId("team-sync-now").click();
    await vi.waitFor(() => {
      expect(ipc.calls.some(([c]) => c === "teamSyncNow")).toBe(true);
    });
    await vi.waitFor(() => {
      expect(byTestId("team-status").getAttribute("aria-label")).not.toContain("to send");
    });
    byTestId("team-status").click();
    await vi.waitFor(() => byTestId("team-unlink"));
    byTestId("team-unlink").click();
    await vi.waitFor(() => {
      expect(byTestId("team-status").getAttribute("aria-label")).toBe("Team: not linked");
    });
    expect(ipc.teamStatus).toBeNull();
  });
});
