// The fake's model of review: units of overlapping claims (one per coder), their differences,
// decisions that make gold claims, and a canned agreement report. Small, but it checks what
// the core checks (a reason, claims of the unit, no second decision on a decided unit).

import type { Agreement, AgreementOptions, Claim, Coder, Decision, NewDecision, ReviewUnit, StatusAgreement } from "../ipc";
import { GOLD_CODER as GOLD, IpcError } from "../ipc";

export { GOLD };

function jaccard(a: Claim, b: Claim): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

/** Units of the coders' claims: a claim joins the first unit whose claims it overlaps enough
 * and that has no claim of its coder yet. */
export function fakeUnits(claims: Claim[], coders: Coder[], minJaccard: number, decisions: Decision[]): ReviewUnit[] {
  const ids = coders.map((c) => c.id);
  const groups: Claim[][] = [];
  const sorted = claims.filter((c) => ids.includes(c.coder)).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const c of sorted) {
    const g = groups.find((g) => !g.some((x) => x.coder === c.coder) && g.some((x) => jaccard(x, c) >= minJaccard));
    if (g) g.push(c);
    else groups.push([c]);
  }
  const live = decisions.filter((d) => d.undone_at === null);
  return groups.map((g) => {
    const inOrder = coders.map((k) => g.find((c) => c.coder === k.id)).filter((c): c is Claim => c !== undefined);
    const missing = coders.filter((k) => !g.some((c) => c.coder === k.id)).map((k) => k.name);
    const first = inOrder[0];
    const someMissing = missing.length > 0;
    return {
      id: `unit:${g.map((c) => c.id).sort().join(",")}`,
      start: Math.min(...g.map((c) => c.start)),
      end: Math.max(...g.map((c) => c.end)),
      claims: inOrder,
      missing,
      differs: {
        span: someMissing || inOrder.some((c) => c.start !== first?.start || c.end !== first.end),
        status: someMissing || inOrder.some((c) => c.status !== first?.status),
        speaker: someMissing || inOrder.some((c) => c.speaker !== first?.speaker),
      },
      decision: live.find((d) => d.considered.some((x) => g.some((c) => c.id === x.id))) ?? null,
    };
  });
}

/** The gold claim a decision makes (without id, coder and times), or null for a rejection. */
export function fakeDraft(n: NewDecision, considered: Claim[]): Omit<Claim, "id" | "coder" | "created" | "modified"> | null {
  if (n.reason.trim() === "") throw new IpcError("invalid_decision", "a decision needs a reason");
  const pick = (id: string | null, part: string): Claim => {
    if (id === null) throw new IpcError("invalid_decision", `say which claim the ${part} comes from`);
    const c = considered.find((x) => x.id === id);
    if (!c) throw new IpcError("invalid_decision", `the ${part} must come from a claim of this unit`);
    return c;
  };
  switch (n.action) {
    case "reject":
      return null;
    case "accept":
      return { ...pick(n.chosen.span, "claim") };
    case "merge": {
      const span = pick(n.chosen.span, "span");
      const status = pick(n.chosen.status, "status").status;
      const speaker = n.chosen.speaker === null ? null : pick(n.chosen.speaker, "speaker").speaker;
      return { ...span, status, speaker };
    }
    case "edit": {
      const e = n.edited;
      const base = considered[0];
      if (!e || !base) throw new IpcError("invalid_decision", "an edit needs the edited claim");
      return { ...base, ...e };
    }
  }
}

function nullStatus(reason: string): StatusAgreement {
  const alpha = { units: 0, pairable_units: 0, pairable_values: 0, observed_disagreement: null, expected_disagreement: null, undefined_reason: reason };
  return {
    krippendorff_alpha: null,
    krippendorff_alpha_detail: alpha,
    alpha_ci95: null,
    alpha_ci95_detail: { method: "hayes-krippendorff-2007", resamples: null, seed: null, draws_per_resample: null, undefined_reason: null },
    fleiss_kappa: null,
    fleiss_kappa_detail: { units: 0, coders: 0, undefined_reason: reason },
    pairs: [],
  };
}

/** A report with every figure undefined (the fake computes none); tests set their own. */
export function emptyAgreement(coders: Coder[], options: AgreementOptions): Agreement {
  const reason = "fewer than two coders coded the same unit";
  const status = nullStatus(reason);
  return {
    coders: coders.filter((c) => c.name !== GOLD),
    documents: 0,
    units: 0,
    status,
    speaker: {
      krippendorff_alpha: null,
      krippendorff_alpha_detail: status.krippendorff_alpha_detail,
      alpha_ci95: null,
      alpha_ci95_detail: status.alpha_ci95_detail,
    },
    spans: {
      unitizing_alpha: null,
      unitizing_alpha_detail: {
        variant: "binary", length: 0, coded_segments: 0, coders: 0, observed_disagreement: null, expected_disagreement: null,
        undefined_reason: reason,
      },
      pairs: [],
    },
    per_document: [],
    per_status: [],
    per_coder: [],
    settings: { min_jaccard: options.min_jaccard, bootstrap_resamples: options.bootstrap, bootstrap_seed: options.seed },
    ignored_claims: 0,
  };
}
