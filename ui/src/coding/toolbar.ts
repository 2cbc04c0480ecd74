// The small toolbar that appears by a selection in the reader: one button per status, with
// the key that does the same (1/2/3).

import type { Status } from "../ipc";
import { STATUSES, STATUS_LABEL, STATUS_LETTER } from "../ipc";
import { h, isFloatingShown, showFloating } from "../dom";

export class CodeToolbar {
  readonly el: HTMLElement;

  constructor(onCode: (status: Status) => void) {
    this.el = h("div", {
      class: "code-toolbar",
      "data-testid": "code-toolbar",
      role: "toolbar",
      "aria-label": "Code the selection",
    });
    this.hide();
    STATUSES.forEach((s, i) => {
      const b = h(
        "button",
        {
          type: "button",
          class: `code-btn status-${s}`,
          "data-testid": `code-${s}`,
          "aria-label": `Code as ${s} (key ${i + 1})`,
          title: `${STATUS_LABEL[s]} (${i + 1})`,
        },
        h("span", { class: "badge", "aria-hidden": "true" }, STATUS_LETTER[s]),
        ` ${STATUS_LABEL[s]} `,
        h("kbd", {}, String(i + 1)),
      );
      b.addEventListener("click", () => {
        onCode(s);
      });
      this.el.append(b);
    });
    // Pressing a button must not collapse the reader's selection before it is read.
    this.el.addEventListener("mousedown", (e) => {
      e.preventDefault();
    });
  }

  get visible(): boolean {
    return isFloatingShown(this.el);
  }

  /** Shows the toolbar above `rect` (viewport coordinates), or below it near the top. */
  show(rect: DOMRect | null): void {
    showFloating(this.el, true);
    if (!rect) return;
    const width = this.el.offsetWidth || 300;
    const height = this.el.offsetHeight || 36;
    const left = Math.max(8, Math.min(window.innerWidth - width - 8, rect.left + rect.width / 2 - width / 2));
    const above = rect.top - height - 8;
    const top = above > 48 ? above : rect.bottom + 8;
    this.el.style.left = `${Math.round(left)}px`;
    this.el.style.top = `${Math.round(top)}px`;
  }

  /** Hidden by its visibility (see `showFloating`): it goes as a selection does, while the
   * reader's text is being painted. */
  hide(): void {
    showFloating(this.el, false);
  }
}
