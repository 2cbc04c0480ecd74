// The agreement dashboard on the core's recorded answers (test/fixtures/agreement.json: Ana and
// Bo coded one article, then Cy's set adds a coder who shares no unit): the figures with the
// counts behind them, "not defined — reason" for a null figure, the confusion matrix of each
// pair, per-coder bars, the bootstrap toggle, and a reload after an import.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import type { AgreementOptions } from "../ipc";
import { agreement } from "../test/fixtures";
import { byTestId, field } from "../test/util";

let ipc: FakeIpc;
let app: App;

const OPTS: AgreementOptions = { coders: [], documents: [], min_jaccard: 0.5, bootstrap: null, seed: null };

function fig(name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="figure"][data-name="${name}"]`);
  if (!el) throw new Error(`no figure ${name}`);
  return el;
}
function all(id: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}
function pair(names: string): HTMLElement {
  const p = all("agreement-pair").find((x) => x.dataset.pair === names);
  if (!p) throw new Error(`no pair ${names}`);
  return p;
}

/** Ticks the bootstrap box and waits for the figures it asks for. */
async function withBootstrap(): Promise<void> {
  const box = field("agreement-bootstrap", HTMLInputElement);
  box.checked = true;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  await vi.waitFor(() => {
    expect(fig("status-alpha").textContent).toContain("95% CI");
  });
}

/** Cy's set imported (as the import dialog would), then the reload an import triggers. */
async function importCy(): Promise<void> {
  await ipc.importSetFiles(["/sets/cy.json"], false);
  await app.reloadAfterImport();
  await vi.waitFor(() => {
    expect(all("coder-bar").map((b) => b.dataset.coder)).toEqual(["Ana", "Bo", "Cy"]);
  });
}

beforeEach(async () => {
  localStorage.clear();
  ipc = new FakeIpc().replayFrom(agreement, "start");
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
  byTestId("open-agreement").click();
  await vi.waitFor(() => {
    expect(document.querySelector('[data-testid="figure"]')).not.toBeNull();
  });
});
afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
  expect(ipc.unanswered).toEqual([]);
});

describe("agreement dashboard", () => {
  it("shows each figure with the count behind it", () => {
    expect(byTestId("agreement-view")).toBeTruthy();
    const alpha = fig("status-alpha");
    expect(alpha.dataset.value).toBe("0.545");
    expect(alpha.textContent).toContain("3 pairable units, 6 values");
    expect(alpha.textContent).not.toContain("95% CI");
    expect(fig("fleiss-kappa").dataset.value).toBe("0.455");
    expect(fig("fleiss-kappa").textContent).toContain("3 units coded by all 2 coders");
    expect(fig("speaker-alpha").dataset.value).toBe("0.444");
    expect(fig("unitizing-alpha").dataset.value).toBe("0.622");
    expect(fig("unitizing-alpha").textContent).toContain("7 coded segments by 2 coders over 164 code points");
    expect(ipc.callsOf("agreement")).toEqual([{ ...OPTS }]);
  });

  it("says why a figure is not defined", async () => {
    await importCy();
    const fleiss = fig("fleiss-kappa");
    expect(fleiss.dataset.value).toBe("");
    expect(fleiss.textContent).toContain("not defined — no unit was coded by every chosen coder");
    expect(pair("Ana|Cy").textContent).toContain("not defined — no unit was coded by both coders");
    expect(pair("Bo|Cy").textContent).toContain("not defined — no unit was coded by both coders");
  });

  it("prints the pair's figures and its confusion matrix, each cell with its count", () => {
    const p = byTestId("agreement-pair");
    expect(p.dataset.pair).toBe("Ana|Bo");
    expect(p.textContent).toContain("0.500");
    expect(p.textContent).toContain("66.7 %");
    expect(p.textContent).toContain("0.857 / 0.857");
    const m = byTestId("confusion");
    expect(m.dataset.pair).toBe("Ana|Bo");
    const cells = [...m.querySelectorAll<HTMLElement>('[data-testid="confusion-cell"]')];
    expect(cells).toHaveLength(9);
    const at = (a: string, b: string): HTMLElement | undefined => cells.find((c) => c.dataset.a === a && c.dataset.b === b);
    expect(at("attributed", "attributed")?.textContent).toBe("1");
    expect(at("attributed", "attributed")?.style.getPropertyValue("--heat")).toBe("1");
    expect(at("disputed", "unverified")?.textContent).toBe("1");
    expect(at("disputed", "unverified")?.dataset.count).toBe("1");
    expect(at("disputed", "disputed")?.textContent).toBe("0");
    expect(at("disputed", "disputed")?.style.getPropertyValue("--heat")).toBe("0");
    expect(cells.map((c) => Number(c.dataset.count)).reduce((x, y) => x + y)).toBe(3); // n
  });

  it("draws per-coder bars and the per-document table beside the pooled figures", async () => {
    const bars = all("coder-bar");
    expect(bars.map((b) => b.dataset.coder)).toEqual(["Ana", "Bo"]);
    expect(bars[0]?.textContent).toContain("66.7 % of 3");
    const rows = all("doc-figures");
    expect(rows[0]?.textContent).toContain("All documents (pooled)");
    expect(rows[1]?.dataset.doc).toBe(agreement.states.start?.documents[0]?.id);
    expect(rows[1]?.textContent).toContain("Convoy report");
    await importCy();
    const cy = all("coder-bar")[2];
    expect(cy?.textContent).toContain("not defined — no unit this coder coded has a single majority status among other coders");
  });

  it("tabulates each status: units per coder, unanimous and contested", () => {
    const rows = all("status-breakdown");
    expect(rows.map((r) => r.dataset.status)).toEqual(["attributed", "disputed", "unverified"]);
    expect([...(rows[1]?.querySelectorAll("td") ?? [])].map((c) => c.textContent)).toEqual(["1", "0", "0", "1"]);
  });

  it("recomputes with the bootstrap (1000 resamples, seed 1) and after an import", async () => {
    await withBootstrap();
    expect(ipc.callsOf("agreement")).toEqual([OPTS, { ...OPTS, bootstrap: 1000, seed: 1 }]);
    expect(fig("status-alpha").textContent).toContain("95% CI -0.364 to 1.000");
    expect(fig("fleiss-kappa").dataset.value).toBe("0.455");
    await importCy();
    expect(ipc.callsOf("agreement").at(-1)).toEqual({ ...OPTS, bootstrap: 1000, seed: 1 });
    expect(fig("fleiss-kappa").dataset.value).toBe("");
    expect(all("agreement-pair").map((p) => p.dataset.pair)).toEqual(["Ana|Bo", "Ana|Cy", "Bo|Cy"]);
  });
});
