// A document's details: its title, what is known of its source (publisher, author, date,
// address, language) and its tags, edited here; and deleting it, after a confirmation that says
// how many claims go with it. The text itself never changes (an edited article is a new version).

import type { Document, DocumentEdit, Ipc } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";
import { writeError } from "./feedback";

export interface DocumentDeps {
  ipc: Ipc;
  doc: Document;
  /** How many claims the document has (said before deleting). */
  claimCount: number;
  saved(doc: Document): void;
  deleted(id: string): void;
}

/** Tags as typed: comma-separated, trimmed, empty ones and repeats dropped. */
export function parseTags(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(",").map((x) => x.trim())) {
    if (t !== "" && !out.includes(t)) out.push(t);
  }
  return out;
}

export function openDocumentDialog(deps: DocumentDeps): Modal {
  const { doc } = deps;
  const field = (label: string, testid: string, value: string | null, placeholder = ""): [HTMLElement, HTMLInputElement] => {
    const input = h("input", { type: "text", "data-testid": testid, placeholder });
    input.value = value ?? "";
    return [h("label", {}, label, input), input];
  };
  const [titleL, title] = field("Title", "doc-title-input", doc.title);
  const [pubL, publisher] = field("Publisher or site", "doc-publisher-input", doc.source.publisher);
  const [authL, author] = field("Author(s)", "doc-author-input", doc.source.author);
  const [dateL, published] = field("Published", "doc-published-input", doc.source.published, "2026-12-01");
  const [urlL, url] = field("Address (URL)", "doc-url-input", doc.source.url, "https://…");
  const [langL, language] = field("Language", "doc-language-input", doc.source.language ?? null, "en");
  const [tagsL, tags] = field("Tags (comma-separated)", "doc-tags-input", doc.tags.join(", "));
  const error = h("p", { class: "dialog-error", "data-testid": "document-error", role: "alert", hidden: true });
  const fail = (e: unknown): void => {
    writeError(error, e);
    error.hidden = false;
  };

  const del = h("button", { type: "button", class: "danger", "data-testid": "delete-document" }, "Delete document…");
  const confirmRow = h("div", { class: "problem-ways", hidden: true });
  del.addEventListener("click", () => {
    const n = deps.claimCount;
    const yes = h("button", { type: "button", class: "danger", "data-testid": "confirm-delete-document" }, n > 0 ? `Delete it and its ${n} ${n === 1 ? "claim" : "claims"}` : "Delete it");
    const no = h("button", { type: "button" }, "Keep it");
    yes.addEventListener("click", () => {
      yes.setAttribute("disabled", "");
      deps.ipc
        .deleteDocument(doc.id, n > 0)
        .then(() => {
          modal.close();
          deps.deleted(doc.id);
        })
        .catch((e: unknown) => {
          yes.removeAttribute("disabled");
          fail(e);
        });
    });
    no.addEventListener("click", () => {
      confirmRow.hidden = true;
      confirmRow.replaceChildren();
      del.focus();
    });
    confirmRow.replaceChildren(
      h("p", { class: "restore-question", role: "alert" }, n > 0 ? `Delete “${doc.title}” and the ${n} ${n === 1 ? "claim" : "claims"} coded on it? This cannot be undone (a backup holds it).` : `Delete “${doc.title}”?`),
      no,
      yes,
    );
    confirmRow.hidden = false;
    no.focus();
  });

  const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim());
  const modal = openModal({
    testid: "document-dialog",
    title: "Document details",
    body: [titleL, pubL, authL, dateL, urlL, langL, tagsL, error, h("div", { class: "dialog-danger" }, del), confirmRow],
    initialFocus: title,
    dismissible: true,
    submitLabel: "Save",
    submitTestid: "save-document",
    onSubmit: async () => {
      error.hidden = true;
      const edit: DocumentEdit = {
        id: doc.id,
        title: title.value,
        source: {
          publisher: orNull(publisher.value),
          author: orNull(author.value),
          published: orNull(published.value),
          url: orNull(url.value),
          language: orNull(language.value),
        },
        tags: parseTags(tags.value),
      };
      try {
        deps.saved(await deps.ipc.editDocument(edit));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
  });
  return modal;
}
