// Before chosen plain-text files are imported: the lines at their start and end that look like
// site chrome ("Previous Article", "Leave a Comment", "Share"…), shown with their numbers, each
// file's trimming on unless the analyst turns it off. Nothing is trimmed unseen.

import type { ChromePreview } from "../ipc";
import { basename, h } from "../dom";
import { openModal } from "./modal";

/** Resolves to the paths to trim, or null when the import was called off. */
export function askChrome(previews: readonly ChromePreview[]): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    let answered = false;
    const boxes = previews.map((p) => {
      const box = h("input", { type: "checkbox", "data-testid": "trim-chrome", "data-path": p.path, checked: true });
      return { p, box };
    });
    const body = boxes.map(({ p, box }) =>
      h(
        "fieldset",
        { class: "chrome-file", "data-testid": "chrome-file" },
        h("legend", {}, basename(p.path)),
        h("label", { class: "check" }, box, `Leave out these ${p.lines.length} ${p.lines.length === 1 ? "line" : "lines"}`),
        h("ol", { class: "chrome-lines" }, ...p.lines.map((l) => h("li", { value: String(l.line) }, l.text))),
      ),
    );
    openModal({
      testid: "chrome-dialog",
      title: "Site chrome around the articles",
      body: [h("p", { class: "dialog-intro" }, "These lines at the start or end of the files look like a site's navigation, not the article."), ...body],
      dismissible: true,
      submitLabel: "Import",
      submitTestid: "chrome-import",
      onSubmit: () => {
        answered = true;
        resolve(new Set(boxes.filter(({ box }) => box.checked).map(({ p }) => p.path)));
        return Promise.resolve(true);
      },
      // Closed without importing (Escape or Cancel): nothing is imported.
      onClose: () => {
        if (!answered) resolve(null);
      },
    });
  });
}
