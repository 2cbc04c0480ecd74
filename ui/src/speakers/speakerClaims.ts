// The claims citing one speaker across documents: quote, document, coder, status. Choosing
// one opens it in the reader.

import type { Claim } from "../ipc";
import { STATUS_LABEL, STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";

export interface CitingClaim {
  claim: Claim;
  document: string;
  coder: string;
}

export class SpeakerClaims {
  readonly el: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;

  constructor(open: (claim: Claim) => void) {
    this.heading = h("h3", {});
    this.list = h("ul", { class: "speaker-claims", "aria-label": "Claims citing this speaker" });
    this.el = h("section", { class: "speaker-claims-section" }, this.heading, this.list);
    this.list.addEventListener("click", (e) => {
      const b = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      const id = b?.getAttribute("data-claim-id");
      const found = this.shown.find((c) => c.claim.id === id);
      if (found) open(found.claim);
    });
  }

  private shown: CitingClaim[] = [];

  render(name: string, claims: CitingClaim[]): void {
    this.shown = claims;
    this.heading.textContent = `Claims citing ${name} (${String(claims.length)})`;
    this.list.replaceChildren(
      ...claims.map(({ claim, document, coder }) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: `speaker-claim status-${claim.status}`,
              "data-testid": "speaker-claim",
              "data-claim-id": claim.id,
              "data-doc-id": claim.document,
              "data-status": claim.status,
              "aria-label": `${STATUS_LABEL[claim.status]}: ${excerpt(claim.quote, 80)}, in ${document}, by ${coder} (open in the reader)`,
            },
            h("span", { class: "badge", "aria-hidden": "true" }, STATUS_LETTER[claim.status]),
            h("span", { class: "speaker-claim-quote" }, `“${excerpt(claim.quote, 120)}”`),
            h("span", { class: "speaker-claim-where" }, `${document} · ${coder}`),
          ),
        ),
      ),
    );
    if (claims.length === 0) this.list.append(h("li", { class: "muted" }, "No claim cites this speaker."));
  }
}
