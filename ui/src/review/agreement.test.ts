// The agreement dashboard against the fake ipc: the figures with the counts behind them, "not
// defined — reason" for a null figure, the confusion matrix of each pair, per-coder bars, the
// bootstrap toggle, and a reload after an import.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import { emptyAgreement } from "../dev/fakeReview";
import type { Agreement, AgreementOptions } from "../ipc";
import { byTestId, field } from "../test/util";

let ipc: FakeIpc;
let app: App;

const OPTS: AgreementOptions = { coders: [], documents: [], min_jaccard: 0.5, bootstrap: null, seed: null };

function report(): Agreement {
  const a = emptyAgreement([{ id: "k-ana", name: "Ana" }, { id: "k-bo", name: "Bo" }], OPTS);
  a.documents = 1;
  a.units = 5;
  a.status.krippendorff_alpha = 0.61234;
  a.status.krippendorff_alpha_detail = { ...a.status.krippendorff_alpha_detail, units: 5, pairable_units: 4, pairable_values: 8, undefined_reason: null };
  a.status.alpha_ci95 = [0.2, 0.9];
  a.spans.unitizing_alpha = 0.8;
  a.spans.unitizing_alpha_detail = { ...a.spans.unitizing_alpha_detail, coded_segments: 9, coders: 2, length: 600, undefined_reason: null };
  a.speaker.krippendorff_alpha_detail = { ...a.speaker.krippendorff_alpha_detail, undefined_reason: "every pairable value is the same speaker" };
  a.status.fleiss_kappa_detail = { units: 0, coders: 2, undefined_reason: "no unit was coded by every coder" };
  a.status.pairs = [{
    a: "k-ana", b: "k-bo", cohen_kappa: 0.5, percent_agreement: 0.75, n: 4,
    confusion: { attributed: { attributed: 2 }, disputed: { unverified: 1 }, unverified: { unverified: 1 } },
    cohen_kappa_detail: { undefined_reason: null }, percent_agreement_detail: { undefined_reason: null },
  }];
  a.spans.pairs = [{ a: "k-ana", b: "k-bo", f1_exact: 0.667, f1_overlap: 0.857, detail: { claims_a: 4, claims_b: 3, matched_exact: 2, matched_overlap: 3, undefined_reason: null } }];
  a.per_status = [
    { status: "attributed", units_by_coder: { "k-ana": 2, "k-bo": 2 }, unanimous_units: 2, contested_units: 0 },
    { status: "disputed", units_by_coder: { "k-ana": 1 }, unanimous_units: 0, contested_units: 1 },
  ];
  a.per_coder = [
    { coder: "k-ana", name: "Ana", claims: 4, units_coded: 4, units_shared: 3, agreement_with_majority: 0.667, agreement_with_majority_detail: { compared_units: 3, tied_units: 0, undefined_reason: null } },
    { coder: "k-bo", name: "Bo", claims: 3, units_coded: 3, units_shared: 3, agreement_with_majority: null, agreement_with_majority_detail: { compared_units: 0, tied_units: 3, undefined_reason: "the others tie in every unit" } },
  ];
  return a;
}

function fig(name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="figure"][data-name="${name}"]`);
  if (!el) throw new Error(`no figure ${name}`);
  return el;
}

beforeEach(async () => {
  localStorage.clear();
  ipc = new FakeIpc();
  ipc.coder = { id: "coder-erin", name: "Erin" };
  ipc.addDocument("Convoy report", "The ambassador said the convoy arrived on time.");
  ipc.agreementResult = report();
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
});

describe("agreement dashboard", () => {
  it("shows each figure with the count behind it, or why it is not defined", () => {
    expect(byTestId("agreement-view")).toBeTruthy();
    const alpha = fig("status-alpha");
    expect(alpha.dataset.value).toBe("0.612");
    expect(alpha.textContent).toContain("95% CI 0.200 to 0.900");
    expect(alpha.textContent).toContain("4 pairable units, 8 values");
    expect(fig("unitizing-alpha").textContent).toContain("9 coded segments by 2 coders");
    const fleiss = fig("fleiss-kappa");
    expect(fleiss.dataset.value).toBe("");
    expect(fleiss.textContent).toContain("not defined — no unit was coded by every coder");
    expect(fig("speaker-alpha").textContent).toContain("not defined — every pairable value is the same speaker");
    expect(ipc.callsOf("agreement")).toEqual([{ ...OPTS }]);
  });

  it("prints the pair's figures and its confusion matrix, each cell with its count", () => {
    const pair = byTestId("agreement-pair");
    expect(pair.dataset.pair).toBe("Ana|Bo");
    expect(pair.textContent).toContain("0.500");
    expect(pair.textContent).toContain("75.0 %");
    expect(pair.textContent).toContain("0.667 / 0.857");
    const m = byTestId("confusion");
    expect(m.dataset.pair).toBe("Ana|Bo");
    const cells = [...m.querySelectorAll<HTMLElement>('[data-testid="confusion-cell"]')];
    expect(cells).toHaveLength(9);
    const at = (a: string, b: string): HTMLElement | undefined => cells.find((c) => c.dataset.a === a && c.dataset.b === b);
    expect(at("attributed", "attributed")?.textContent).toBe("2");
    expect(at("attributed", "attributed")?.style.getPropertyValue("--heat")).toBe("1");
    expect(at("disputed", "unverified")?.textContent).toBe("1");
    expect(at("disputed", "unverified")?.style.getPropertyValue("--heat")).toBe("0.5");
    expect(at("unverified", "attributed")?.textContent).toBe("0");
  });

  it("draws per-coder bars and the per-document table beside the pooled figures", () => {
    const bars = [...document.querySelectorAll<HTMLElement>('[data-testid="coder-bar"]')];
    expect(bars.map((b) => b.dataset.coder)).toEqual(["Ana", "Bo"]);
    expect(bars[0]?.textContent).toContain("66.7 % of 3");
    expect(bars[1]?.textContent).toContain("not defined — the others tie in every unit");
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="doc-figures"]')];
    expect(rows[0]?.textContent).toContain("All documents (pooled)");
  });

  it("tabulates each status: units per coder, unanimous and contested", () => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="status-breakdown"]')];
    expect(rows.map((r) => r.dataset.status)).toEqual(["attributed", "disputed"]);
    expect([...(rows[1]?.querySelectorAll("td") ?? [])].map((c) => c.textContent)).toEqual(["1", "0", "0", "1"]);
  });

  it("recomputes with the bootstrap (1000 resamples, seed 1) and after an import", async () => {
    const box = field("agreement-bootstrap", HTMLInputElement);
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(ipc.callsOf("agreement")).toHaveLength(2);
    });
    expect(ipc.callsOf("agreement")[1]).toEqual({ ...OPTS, bootstrap: 1000, seed: 1 });
    const next = report();
    next.status.krippendorff_alpha = 0.7;
    ipc.agreementResult = next;
    await app.reloadAfterImport();
    await vi.waitFor(() => {
      expect(fig("status-alpha").dataset.value).toBe("0.700");
    });
  });
});
