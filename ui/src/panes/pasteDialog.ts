// The Paste dialog: an article's text (and an optional title) pasted in and imported as a new
// document. A refusal (empty text, say) is shown in the banner and the dialog stays open.

import type { Ipc } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";

export interface PasteDeps {
  ipc: Ipc;
  /** The text was imported: read the documents again (a failure keeps the dialog open). */
  reload(): Promise<void>;
  /** Then, with the dialog closed, open the new document. */
  open(id: string): Promise<void>;
  showError(e: unknown): void;
}

export function openPasteDialog(deps: PasteDeps): Modal {
  const title = h("input", { type: "text", "data-testid": "paste-title", "aria-label": "Title", placeholder: "Title (optional)" });
  const text = h("textarea", { "data-testid": "paste-text", rows: "14", "aria-label": "Article text", placeholder: "Paste the article’s text here" });
  const modal = openModal({
    testid: "paste-dialog",
    title: "Paste an article",
    body: [h("label", {}, "Title", title), h("label", {}, "Text", text)],
    initialFocus: text,
    dismissible: true,
    submitLabel: "Import",
    submitTestid: "paste-import",
    onSubmit: async () => {
      try {
        const t = title.value.trim();
        const summary = await deps.ipc.importText(t === "" ? null : t, text.value);
        await deps.reload();
        modal.close();
        await deps.open(summary.id);
        return true;
      } catch (e) {
        deps.showError(e);
        return false;
      }
    },
  });
  return modal;
}
