// Hovering the text shows which claims cover the point under the pointer (status + speaker),
// found by caret hit-testing and a lookup in the claim index: no per-claim elements to hover.
// A cue under the pointer names its claim, and the claims and cues found are linked in the
// painter, so hovering a cue shows its claim and hovering a claim shows its cue.

import type { Claim } from "../ipc";
import { domPointToCp } from "../text/dom";
import { h, showFloating } from "../dom";
import { NextFrame } from "../nextFrame";

export interface HoverDeps {
  /** The reader's text root. */
  readonly root: HTMLElement;
  /** Claims covering a code point, in text order. */
  claimsAt(cp: number): Claim[];
  /** Claims whose cue covers a code point. */
  cuesAt(cp: number): Claim[];
  /** Marks these claims with their cues (none: the pointer left). */
  link(claims: readonly Claim[]): void;
  /** A speaker's display name, or null. */
  speakerName(id: string | null): string | null;
}

interface CaretApis {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

interface CaretPoint {
  node: Node;
  offset: number;
}

/** The DOM text position under a viewport point, with whichever API the engine has. */
export function caretFromPoint(doc: Document, x: number, y: number): CaretPoint | null {
  // WebKit has long had caretRangeFromPoint; the standard caretPositionFromPoint is newer.
  // Both are looked up as optional, since either may be missing.
  const d = doc as unknown as CaretApis;
  if (typeof d.caretPositionFromPoint === "function") {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === "function") {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

export class HoverTips {
  readonly el: HTMLElement;
  // One hit test per frame however fast the pointer moves.
  private readonly frame = new NextFrame(() => {
    if (this.last) this.update(this.last.x, this.last.y);
  });
  private last: { x: number; y: number } | null = null;

  constructor(private readonly deps: HoverDeps) {
    this.el = h("div", { class: "hover-tip", role: "tooltip" });
    showFloating(this.el, false);
    document.body.append(this.el);
    deps.root.addEventListener("mousemove", (e) => {
      this.last = { x: e.clientX, y: e.clientY };
      this.frame.request();
    });
    deps.root.addEventListener("mouseleave", () => {
      this.hide();
    });
  }

  destroy(): void {
    this.frame.cancel();
    this.el.remove();
  }

  hide(): void {
    showFloating(this.el, false);
    this.last = null;
    this.deps.link([]);
  }

  /** Shows the claims at viewport point (x, y), or hides the tip when there are none. */
  update(x: number, y: number): void {
    const caret = caretFromPoint(document, x, y);
    const cp = caret ? domPointToCp(this.deps.root, caret.node, caret.offset) : null;
    // A caret position is a boundary; the character under the pointer is the one after it,
    // unless the pointer is past the line's end, which caret hit-testing does not tell apart.
    const claims = cp === null ? [] : this.deps.claimsAt(cp);
    const cuesOf = cp === null ? [] : this.deps.cuesAt(cp);
    this.deps.link([...claims, ...cuesOf]);
    this.show(claims, cuesOf, x, y);
  }

  /** Shows a tip listing `claims`, then the claims whose cue this is, near viewport point (x, y). */
  show(claims: readonly Claim[], cuesOf: readonly Claim[], x: number, y: number): void {
    if (claims.length === 0 && cuesOf.length === 0) {
      showFloating(this.el, false);
      return;
    }
    this.el.replaceChildren(...claims.map((c) => this.row(c, "")), ...cuesOf.map((c) => this.row(c, "cue of ")));

    showFloating(this.el, true);
    // Positioned through the CSSOM, which the CSP allows (inline style attributes it does not).
    this.el.style.left = `${Math.round(x + 12)}px`;
    this.el.style.top = `${Math.round(y + 16)}px`;
  }

  private row(c: Claim, prefix: string): HTMLElement {
    return h(
      "div",
      { class: `tip-row status-${c.status}${prefix ? " tip-cue" : ""}` },
      prefix,
      h("span", { class: "badge", "aria-hidden": "true" }, c.status[0]?.toUpperCase() ?? ""),
      ` ${c.status}`,
      h("span", { class: "tip-speaker" }, ` — ${this.deps.speakerName(c.speaker) ?? "no speaker"}`),
    );
  }
}
