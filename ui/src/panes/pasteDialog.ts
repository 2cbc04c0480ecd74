// The Paste dialog: an article's text (and an optional title) pasted in and imported as a new
// document. What is pasted from a web page comes with its HTML: while the text is as pasted, the
// page's article and metadata are imported from it (the core extracts them, as for a saved page);
// once edited, the text as it stands. A refusal (empty text, say) is shown in the banner and the
// dialog stays open.

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
  const fromPage = h("p", { class: "dialog-intro", "data-testid": "paste-from-page", hidden: true }, "Pasted from a web page: its article and metadata (author, date, source) will be kept.");
  // The HTML of the last paste, and the text it left in the box (kept while that text stands).
  let pasted: { html: string; text: string } | null = null;
  text.addEventListener("paste", (e) => {
    const html = e.clipboardData?.getData("text/html") ?? "";
    setTimeout(() => {
      pasted = html.trim() !== "" && text.value.trim() !== "" ? { html, text: text.value } : null;
      fromPage.hidden = pasted === null;
    }, 0);
  });
  text.addEventListener("input", () => {
    if (pasted && text.value !== pasted.text) {
      pasted = null;
      fromPage.hidden = true;
    }
  });
  const modal = openModal({
    testid: "paste-dialog",
    title: "Paste an article",
    body: [h("label", {}, "Title", title), h("label", {}, "Text", text), fromPage],
    initialFocus: text,
    dismissible: true,
    submitLabel: "Import",
    submitTestid: "paste-import",
    onSubmit: async () => {
      try {
        const t = title.value.trim();
        const summary =
          pasted && text.value === pasted.text
            ? await deps.ipc.importHtml(t === "" ? null : t, pasted.html)
            : await deps.ipc.importText(t === "" ? null : t, text.value);
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
