// Suggested merges: pairs of speakers the core thinks may be one, each with its reason and a
// "Merge…" button that only opens the merge form (nothing merges without the analyst's say).

import type { MergeSuggestion, NameMatch } from "../ipc";
import { h } from "../dom";

/** Why two speakers may be one, in the core's words (`NameMatch::describe`); typed by
 * NameMatch, so a reason added in Rust fails the type check until it has its words here. */
export const REASON_LABEL: Record<NameMatch, string> = {
  spelling: "the same name spelled differently",
  initials: "the same name with initials",
  surname: "the same surname",
};

export class Suggestions {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly merge: (s: MergeSuggestion) => void) {
    this.list = h("ul", { class: "suggestion-list" });
    this.el = h(
      "section",
      { class: "merge-suggestions", "data-testid": "merge-suggestions", "aria-label": "Suggested merges", hidden: true },
      h("h3", {}, "Suggested merges"),
      this.list,
    );
  }

  render(suggestions: readonly MergeSuggestion[]): void {
    this.el.hidden = suggestions.length === 0;
    this.list.replaceChildren(
      ...suggestions.map((s) => {
        const b = h(
          "button",
          { type: "button", "data-testid": "suggestion-merge", "aria-label": `Merge ${s.a_name} and ${s.b_name}…` },
          "Merge…",
        );
        b.addEventListener("click", () => {
          this.merge(s);
        });
        return h(
          "li",
          { class: "merge-suggestion", "data-testid": "merge-suggestion", "data-a": s.a, "data-b": s.b, "data-reason": s.reason },
          h("span", { class: "suggestion-names" }, `${s.a_name} ↔ ${s.b_name}`),
          h("span", { class: "suggestion-reason" }, REASON_LABEL[s.reason]),
          b,
        );
      }),
    );
  }
}
