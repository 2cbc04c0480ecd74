// What the app tells the user in passing: the error banner (always present, hidden when idle,
// the core's message and its code) and the toast (a short confirmation that hides itself).

import { toIpcError } from "../ipc";
import { h } from "../dom";

const TOAST_MS = 3500;

/** Writes an error into `el`: its message as text and its code as data-code. The banner and
 * the dialogs' own error lines show errors this one way. */
export function writeError(el: HTMLElement, e: unknown): void {
  const err = toIpcError(e);
  el.textContent = err.message;
  el.setAttribute("data-code", err.code);
}

export class Feedback {
  /** The banner with its dismiss button; placed under the top bar. */
  readonly banner: HTMLElement;
  /** The toast; placed at the end of the root. */
  readonly toastEl: HTMLElement;
  private readonly bannerText: HTMLElement;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.bannerText = h("div", { class: "banner-text", "data-testid": "error-banner", role: "alert" });
    const dismiss = h("button", { type: "button", "aria-label": "Dismiss the error" }, "×");
    dismiss.addEventListener("click", () => {
      this.clearError();
    });
    this.banner = h("div", { class: "error-wrap", hidden: true }, this.bannerText, dismiss);
    this.toastEl = h("div", { class: "toast", "data-testid": "toast", role: "status", "aria-live": "polite", hidden: true });
  }

  showError(e: unknown): void {
    writeError(this.bannerText, e);
    this.banner.hidden = false;
  }

  clearError(): void {
    this.banner.hidden = true;
    this.bannerText.textContent = "";
    this.bannerText.removeAttribute("data-code");
  }

  toast(message: string): void {
    this.toastEl.textContent = message;
    this.toastEl.hidden = false;
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toastEl.hidden = true;
      this.toastTimer = null;
    }, TOAST_MS);
  }

  /** Stops a pending toast timer (the app is being torn down). */
  destroy(): void {
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
  }
}
