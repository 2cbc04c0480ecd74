// The speakers as a list: name, kind, aliases and how many claims cite each, by coder. One
// button per speaker; choosing one shows it in the detail beside the list.

import type { SpeakerUse } from "../ipc";
import { KIND_LABEL } from "../ipc";
import { h } from "../dom";

export class SpeakerList {
  readonly el: HTMLElement;

  constructor(choose: (id: string) => void) {
    this.el = h("ul", { class: "speakers-list", "aria-label": "Speakers by name" });
    this.el.addEventListener("click", (e) => {
      const b = (e.target as Element | null)?.closest<HTMLElement>("[data-speaker-id]");
      const id = b?.getAttribute("data-speaker-id");
      if (id) choose(id);
    });
  }

  render(uses: readonly SpeakerUse[], current: string | null): void {
    if (uses.length === 0) {
      this.el.replaceChildren(h("li", { class: "empty-state" }, "No speaker matches."));
      return;
    }
    this.el.replaceChildren(...uses.map((u) => h("li", {}, item(u, u.speaker.id === current))));
  }
}

function item(u: SpeakerUse, current: boolean): HTMLElement {
  const s = u.speaker;
  const by = u.by_coder.map((k) => `${k.coder} ${String(k.claims)}`).join(", ");
  const count = `${String(u.claims)} ${u.claims === 1 ? "claim" : "claims"}${by ? ` (${by})` : ""}`;
  return h(
    "button",
    {
      type: "button",
      class: "speaker-item",
      "data-testid": "speaker-item",
      "data-speaker-id": s.id,
      "data-name": s.name,
      "data-claims": String(u.claims),
      "aria-current": current ? "true" : undefined,
    },
    h("span", { class: "speaker-name" }, s.name),
    h("span", { class: "speaker-kind" }, KIND_LABEL[s.kind]),
    s.aliases.length > 0 ? h("span", { class: "speaker-aliases" }, `also ${s.aliases.join(" · ")}`) : null,
    h("span", { class: "speaker-count", "data-testid": "speaker-count" }, count),
  );
}
