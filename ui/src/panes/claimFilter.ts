// The claims pane's filter: by status, speaker and coder, each "all" unless chosen. Its choices
// are what the open document's claims hold, so it never offers an empty list.

import type { Claim, Status } from "../ipc";
import { STATUSES, STATUS_LABEL } from "../ipc";
import { h } from "../dom";

export interface FilterNames {
  speakerName(id: string | null): string | null;
  coderName(id: string): string | null;
}

const ALL = "";
const NO_SPEAKER = "\u0000none";

export class ClaimFilter {
  readonly el: HTMLElement;
  private readonly status: HTMLSelectElement;
  private readonly speaker: HTMLSelectElement;
  private readonly coder: HTMLSelectElement;

  constructor(
    private readonly names: FilterNames,
    changed: () => void,
  ) {
    this.status = h("select", { "data-testid": "filter-status", "aria-label": "Show claims with this status" });
    this.speaker = h("select", { "data-testid": "filter-speaker", "aria-label": "Show claims of this speaker" });
    this.coder = h("select", { "data-testid": "filter-coder", "aria-label": "Show claims of this coder" });
    for (const s of [this.status, this.speaker, this.coder]) s.addEventListener("change", changed);
    this.el = h("div", { class: "claim-filter", role: "group", "aria-label": "Filter the claims" }, this.status, this.speaker, this.coder);
    this.offer([]);
  }

  /** Offers the statuses, speakers and coders of `claims`; a choice no longer offered is reset. */
  offer(claims: readonly Claim[]): void {
    const speakers = new Map<string, string>();
    const coders = new Map<string, string>();
    let unattributed = false;
    for (const c of claims) {
      if (c.speaker === null) unattributed = true;
      else speakers.set(c.speaker, this.names.speakerName(c.speaker) ?? c.speaker);
      coders.set(c.coder, this.names.coderName(c.coder) ?? c.coder);
    }
    const byName = (m: Map<string, string>): [string, string][] => [...m].sort((a, b) => a[1].localeCompare(b[1]));
    fill(this.status, "All statuses", STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s]]));
    fill(this.speaker, "All speakers", [...byName(speakers), ...(unattributed ? [[NO_SPEAKER, "No speaker"] as [string, string]] : [])]);
    fill(this.coder, "All coders", byName(coders));
    // One coder's document needs no coder filter.
    this.coder.hidden = coders.size < 2 && this.coder.value === ALL;
  }

  /** Whether any choice is made. */
  get active(): boolean {
    return this.status.value !== ALL || this.speaker.value !== ALL || this.coder.value !== ALL;
  }

  accepts(c: Claim): boolean {
    const status = this.status.value as Status | typeof ALL;
    if (status !== ALL && c.status !== status) return false;
    const speaker = this.speaker.value;
    if (speaker === NO_SPEAKER ? c.speaker !== null : speaker !== ALL && c.speaker !== speaker) return false;
    return this.coder.value === ALL || c.coder === this.coder.value;
  }
}

/** Replaces `select`'s options with "all" and `options`, keeping the choice when it is still there. */
function fill(select: HTMLSelectElement, all: string, options: readonly [string, string][]): void {
  // Each claim coded refills the filter: the page is left alone when the offer is the same.
  const offered = JSON.stringify([all, options]);
  if (select.dataset.offered === offered) return;
  select.dataset.offered = offered;
  const chosen = select.value;
  select.replaceChildren(h("option", { value: ALL }, all), ...options.map(([value, label]) => h("option", { value }, label)));
  select.value = options.some(([v]) => v === chosen) ? chosen : ALL;
}
