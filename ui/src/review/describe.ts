// Words for the review view: a claim in a lane, what differs in a unit, a decision.

import type { Claim, Decision, DecisionAction, Differences, ReviewUnit } from "../ipc";
import { STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";

export { GOLD_CODER as GOLD, DEFAULT_MIN_JACCARD as MIN_JACCARD } from "../ipc";

const DONE: Record<DecisionAction, string> = { accept: "Accepted", merge: "Merged", edit: "Edited", reject: "Rejected" };

export type Names = {
  coder(id: string): string;
  speaker(id: string | null): string | null;
};

/** The parts the coders of a unit disagree on, as words ("span status speaker"). */
export function differsWords(d: Differences): string {
  return (["span", "status", "speaker"] as const).filter((k) => d[k]).join(" ");
}

export function hasDifference(u: ReviewUnit): boolean {
  return u.differs.span || u.differs.status || u.differs.speaker;
}

/** Whether unit `u` and decision `d` concern the same claims. */
export function concerns(d: Decision, u: ReviewUnit): boolean {
  return d.considered.some((c) => u.claims.some((x) => x.id === c.id));
}

/** A claim as a lane shows it: status letter, quote excerpt, speaker. */
export function claimCell(c: Claim, names: Names, marks: Differences | null): HTMLElement {
  const speaker = names.speaker(c.speaker);
  return h(
    "div",
    { class: `review-claim status-${c.status}`, "data-testid": "review-claim", "data-claim-id": c.id, "data-status": c.status },
    h("span", { class: "badge", title: c.status }, STATUS_LETTER[c.status]),
    h("span", { class: "review-status" }, c.status),
    marks?.status ? h("span", { class: "diff-mark", title: "The status differs" }, "≠") : null,
    h("q", { class: "review-quote" }, excerpt(c.quote, 70)),
    h("span", { class: "review-meta" }, `${String(c.start)}–${String(c.end)}`, marks?.span ? " ≠" : ""),
    h("span", { class: "review-speaker" }, speaker === null ? "no speaker" : `— ${speaker}`, marks?.speaker ? " ≠" : ""),
  );
}

/** "Accepted Ana's claim by Erin at …: reason" and the like. */
export function describeDecision(d: Decision, names: Names): string {
  let what: string = DONE[d.action];
  if (d.action === "accept" && d.chosen.span !== null) {
    const c = d.considered.find((x) => x.id === d.chosen.span);
    if (c) what += ` ${names.coder(c.coder)}’s claim`;
  }
  const undone = d.undone_at === null ? "" : ` (undone by ${d.undone_by ?? "?"} at ${d.undone_at})`;
  return `${what} — by ${d.decided_by} at ${d.decided_at}: “${d.reason}”${undone}`;
}
