// Tiny helpers for building DOM by hand. Text always goes in as text nodes (never innerHTML),
// so article content can never become markup.

type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") el.className = v === true ? "" : v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Whether keyboard input at `el` is typing (shortcuts must leave it alone). */
export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color"].includes(el.type);
  }
  return false;
}

/** Shortens `s` to at most `max` characters (by code point), on one line. */
export function excerpt(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  const cps = Array.from(flat);
  return cps.length <= max ? flat : `${cps.slice(0, max - 1).join("").trimEnd()}…`;
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Shows or hides a floating element (fixed, out of the flow: the coding toolbar, the hover tip)
 * by its visibility, its box kept. Taking it out of the layout (`hidden`) made WebKit lay out
 * the whole page again: with a book open, 15-20 ms from the change to the frame after, against
 * 2-5 ms (measured in the app). Invisible, it takes no clicks or focus and is not read out. */
export function showFloating(el: HTMLElement, shown: boolean): void {
  el.style.visibility = shown ? "" : "hidden";
}

/** Whether a floating element shows (see `showFloating`). */
export function isFloatingShown(el: HTMLElement): boolean {
  return el.style.visibility !== "hidden";
}
