// A small modal dialog (role="dialog", aria-modal) built by hand: it traps Tab inside, closes
// on Escape when allowed, and gives focus back to where it was.

import { h } from "../dom";

export interface ModalOptions {
  testid: string;
  title: string;
  body: Node[];
  /** Focused when the dialog opens. */
  initialFocus?: HTMLElement;
  /** Whether Escape / Cancel may close it (the first-run coder dialog may not). */
  dismissible: boolean;
  submitLabel: string;
  submitTestid?: string;
  /** The label of the button that dismisses it (default "Cancel"); null for none, where the
   * submit button itself closes the dialog. */
  cancelLabel?: string | null;
  /** Whether submitting makes sense now (default: always); the submit button is disabled
   * while it does not, and again after each submit as this says. */
  canSubmit?(): boolean;
  /** Called once the dialog has closed, however it closed. */
  onClose?(): void;
  /** Called on submit; resolve true to close. Errors are the caller's to show. */
  onSubmit(): Promise<boolean>;
}

export interface Modal {
  readonly el: HTMLElement;
  readonly submit: HTMLButtonElement;
  /** Whether it has been closed. */
  readonly closed: boolean;
  close(): void;
  /** Enables or disables the submit button as `canSubmit` says now. */
  refresh(): void;
}

let openCount = 0;

export function isModalOpen(): boolean {
  return openCount > 0;
}

export function openModal(opts: ModalOptions): Modal {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `${opts.testid}-title`;
  const submit = h(
    "button",
    { type: "submit", class: "primary", ...(opts.submitTestid ? { "data-testid": opts.submitTestid } : {}) },
    opts.submitLabel,
  );
  const actions = h("div", { class: "modal-actions" });
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    openCount--;
    backdrop.remove();
    previous?.focus();
    opts.onClose?.();
  };
  if (opts.dismissible && opts.cancelLabel !== null) {
    const cancel = h("button", { type: "button" }, opts.cancelLabel ?? "Cancel");
    cancel.addEventListener("click", close);
    actions.append(cancel);
  }
  actions.append(submit);
  const form = h("form", { class: "modal-form" }, ...opts.body, actions);
  const dialog = h(
    "div",
    { class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, "data-testid": opts.testid },
    h("h2", { id: titleId }, opts.title),
    form,
  );
  const backdrop = h("div", { class: "modal-backdrop" }, dialog);
  let busy = false;
  const refresh = (): void => {
    submit.disabled = busy || !(opts.canSubmit?.() ?? true);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (busy || !(opts.canSubmit?.() ?? true)) return;
    busy = true;
    refresh();
    void opts
      .onSubmit()
      .then((ok) => {
        if (ok) close();
      })
      .finally(() => {
        busy = false;
        refresh();
      });
  });
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (opts.dismissible) close();
    } else if (e.key === "Tab") {
      const focusables = [...dialog.querySelectorAll<HTMLElement>("input, textarea, select, button")].filter(
        (el) => !el.hasAttribute("disabled"),
      );
      const first = focusables[0];
      const last = focusables[focusables.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  document.body.append(backdrop);
  openCount++;
  refresh();
  (opts.initialFocus ?? submit).focus();
  return {
    el: dialog,
    submit,
    get closed() {
      return closed;
    },
    close,
    refresh,
  };
}
