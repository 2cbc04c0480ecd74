// What the agreement dashboard shows: the pooled figures with the counts behind them (or why
// one is not defined), per pair of coders the kappa, percent agreement and span F1 with the
// status confusion matrix as a heat map, per coder bars, and the figures of each document.

import type { Agreement, AlphaDetail, CoderBreakdown, DocumentAgreement, StatusBreakdown, StatusPair } from "../ipc";
import { STATUSES } from "../ipc";
import { h } from "../dom";

export function fmt(x: number | null): string {
  return x === null ? "" : x.toFixed(3);
}

function pct(x: number | null): string {
  return x === null ? "—" : `${(x * 100).toFixed(1)} %`;
}

/** One figure: its value and the count behind it, or "not defined — reason". */
export function figure(name: string, label: string, value: number | null, basis: string, reason: string | null, extra = ""): HTMLElement {
  return h(
    "div",
    { class: "figure", "data-testid": "figure", "data-name": name, "data-value": fmt(value) },
    h("span", { class: "figure-label" }, label),
    value === null
      ? h("span", { class: "figure-undefined" }, `not defined — ${reason ?? "no reason given"}`)
      : h("span", { class: "figure-value" }, fmt(value), extra),
    h("span", { class: "figure-basis" }, basis),
  );
}

function alphaBasis(d: AlphaDetail): string {
  return `${String(d.pairable_units)} pairable units, ${String(d.pairable_values)} values`;
}

function ci(c: [number | null, number | null] | null): string {
  if (!c) return "";
  const [lo, hi] = c;
  return lo === null || hi === null ? "" : ` (95% CI ${fmt(lo)} to ${fmt(hi)})`;
}

export function pooledFigures(a: Agreement): HTMLElement {
  const s = a.status;
  const u = a.spans.unitizing_alpha_detail;
  return h(
    "div",
    { class: "figures" },
    figure("status-alpha", "Krippendorff’s α (status)", s.krippendorff_alpha, alphaBasis(s.krippendorff_alpha_detail), s.krippendorff_alpha_detail.undefined_reason, ci(s.alpha_ci95)),
    figure("fleiss-kappa", "Fleiss’ κ (status)", s.fleiss_kappa, `${String(s.fleiss_kappa_detail.units)} units coded by all ${String(s.fleiss_kappa_detail.coders)} coders`, s.fleiss_kappa_detail.undefined_reason),
    figure("speaker-alpha", "Krippendorff’s α (speaker)", a.speaker.krippendorff_alpha, alphaBasis(a.speaker.krippendorff_alpha_detail), a.speaker.krippendorff_alpha_detail.undefined_reason, ci(a.speaker.alpha_ci95)),
    figure("unitizing-alpha", "Unitizing α (spans)", a.spans.unitizing_alpha, `${String(u.coded_segments)} coded segments by ${String(u.coders)} coders over ${String(u.length)} code points`, u.undefined_reason),
  );
}

/** The confusion matrix of a pair as a table; each cell shaded by its count, which it prints. */
export function confusion(p: StatusPair, an: string, bn: string): HTMLElement {
  const rows = STATUSES.map((x) => STATUSES.map((y) => p.confusion[x]?.[y] ?? 0));
  const max = Math.max(1, ...rows.flat());
  return h(
    "table",
    { class: "confusion", "data-testid": "confusion", "data-pair": `${an}|${bn}` },
    h("caption", {}, `${an} (rows) × ${bn} (columns)`),
    h("tr", {}, h("th", {}, ""), ...STATUSES.map((y) => h("th", { scope: "col" }, y))),
    ...STATUSES.map((x, i) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, x),
        ...STATUSES.map((y, j) => {
          const n = rows[i]?.[j] ?? 0;
          const td = h("td", { "data-testid": "confusion-cell", "data-a": x, "data-b": y, "data-count": String(n), class: i === j ? "diag" : "" }, String(n));
          td.style.setProperty("--heat", String(n / max));
          return td;
        }),
      ),
    ),
  );
}

export function pairs(a: Agreement, name: (id: string) => string): HTMLElement {
  const spanPair = (x: string, y: string): { e: string; o: string } => {
    const sp = a.spans.pairs.find((q) => (q.a === x && q.b === y) || (q.a === y && q.b === x));
    return { e: fmt(sp?.f1_exact ?? null) || "—", o: fmt(sp?.f1_overlap ?? null) || "—" };
  };
  if (a.status.pairs.length === 0) return h("p", { class: "dialog-help" }, "No pair of coders to compare.");
  return h(
    "div",
    { class: "pairs" },
    ...a.status.pairs.map((p) => {
      const an = name(p.a);
      const bn = name(p.b);
      const f1 = spanPair(p.a, p.b);
      const kappa = p.cohen_kappa === null ? `not defined — ${p.cohen_kappa_detail.undefined_reason ?? ""}` : fmt(p.cohen_kappa);
      return h(
        "section",
        { class: "pair", "data-testid": "agreement-pair", "data-pair": `${an}|${bn}` },
        h("h4", {}, `${an} and ${bn}`),
        h(
          "dl",
          { class: "pair-figures" },
          h("dt", {}, "Cohen’s κ"), h("dd", {}, kappa),
          h("dt", {}, "Agreement"), h("dd", {}, pct(p.percent_agreement)),
          h("dt", {}, "Units both coded (n)"), h("dd", {}, String(p.n)),
          h("dt", {}, "Span F1 exact / overlap"), h("dd", {}, `${f1.e} / ${f1.o}`),
        ),
        confusion(p, an, bn),
      );
    }),
  );
}

function bar(label: string, value: number, max: number, text: string): HTMLElement {
  const fill = h("span", { class: "bar-fill" });
  fill.style.setProperty("width", `${String(max === 0 ? 0 : Math.round((value / max) * 100))}%`);
  return h("div", { class: "bar-row" }, h("span", { class: "bar-label" }, label), h("span", { class: "bar" }, fill), h("span", { class: "bar-value" }, text));
}

export function coderBars(list: CoderBreakdown[]): HTMLElement {
  const maxClaims = Math.max(0, ...list.map((c) => c.claims));
  const maxUnits = Math.max(0, ...list.map((c) => c.units_coded));
  return h(
    "div",
    { class: "coder-bars" },
    ...list.map((c) =>
      h(
        "section",
        { class: "coder-bar", "data-testid": "coder-bar", "data-coder": c.name },
        h("h4", {}, c.name),
        bar("Claims", c.claims, maxClaims, String(c.claims)),
        bar("Units coded", c.units_coded, maxUnits, String(c.units_coded)),
        c.agreement_with_majority === null
          ? h("p", { class: "figure-undefined" }, `Agreement with majority: not defined — ${c.agreement_with_majority_detail.undefined_reason ?? ""}`)
          : bar("Agreement with majority", c.agreement_with_majority, 1, `${pct(c.agreement_with_majority)} of ${String(c.agreement_with_majority_detail.compared_units)}`),
      ),
    ),
  );
}

function cell(x: number | null, reason: string | null): HTMLElement {
  return x === null ? h("td", { class: "figure-undefined", title: reason ?? "" }, `n/d — ${reason ?? ""}`) : h("td", {}, fmt(x));
}

export function perDocument(a: Agreement, title: (id: string) => string): HTMLElement {
  const row = (label: string, d: Pick<DocumentAgreement, "units" | "status" | "speaker" | "spans">, id: string): HTMLElement =>
    h(
      "tr",
      { "data-testid": "doc-figures", "data-doc": id },
      h("th", { scope: "row" }, label),
      h("td", {}, String(d.units)),
      cell(d.status.krippendorff_alpha, d.status.krippendorff_alpha_detail.undefined_reason),
      cell(d.speaker.krippendorff_alpha, d.speaker.krippendorff_alpha_detail.undefined_reason),
      cell(d.spans.unitizing_alpha, d.spans.unitizing_alpha_detail.undefined_reason),
    );
  return h(
    "table",
    { class: "doc-figures" },
    h("tr", {}, ...["Document", "Units", "Status α", "Speaker α", "Unitizing α"].map((t) => h("th", { scope: "col" }, t))),
    row("All documents (pooled)", a, ""),
    ...a.per_document.map((d) => row(title(d.document), d, d.document)),
  );
}

/** Per status: how many units each coder gave it, and how many were unanimous or contested. */
export function perStatus(list: StatusBreakdown[], coders: { id: string; name: string }[]): HTMLElement {
  return h(
    "table",
    { class: "doc-figures" },
    h(
      "tr",
      {},
      ...["Status", ...coders.map((c) => c.name), "Unanimous units", "Contested units"].map((t) => h("th", { scope: "col" }, t)),
    ),
    ...list.map((s) =>
      h(
        "tr",
        { "data-testid": "status-breakdown", "data-status": s.status },
        h("th", { scope: "row" }, s.status),
        ...coders.map((c) => h("td", {}, String(s.units_by_coder[c.id] ?? 0))),
        h("td", {}, String(s.unanimous_units)),
        h("td", {}, String(s.contested_units)),
      ),
    ),
  );
}
