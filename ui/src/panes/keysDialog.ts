// The "?" overlay: every keyboard shortcut and what it does, listed from the same tables the key
// handlers run (coding/shortcut.ts), so it cannot drift from the keys. Escape or ? closes it,
// and the focus goes back to where it was (panes/modal.ts).

import { h } from "../dom";
import type { KeySection } from "../coding/shortcut";
import { type Modal, openModal } from "./modal";

export function openKeysDialog(sections: readonly KeySection[]): Modal {
  const body = sections.map((sec) =>
    h(
      "table",
      { class: "keys-table" },
      h("caption", {}, sec.title),
      h(
        "tbody",
        {},
        ...sec.shortcuts.map((s) =>
          h(
            "tr",
            { "data-testid": "keys-row", "data-keys": s.keys.join(" ") },
            h("th", { scope: "row" }, ...s.keys.flatMap((k, j) => [j > 0 ? " or " : null, h("kbd", {}, k)])),
            h("td", {}, s.does),
          ),
        ),
      ),
    ),
  );
  const modal = openModal({
    testid: "keys-dialog",
    title: "Keyboard shortcuts",
    body,
    dismissible: true,
    cancelLabel: null,
    submitLabel: "Close",
    submitTestid: "keys-close",
    onSubmit: () => Promise.resolve(true),
  });
  modal.el.classList.add("keys-modal");
  modal.el.addEventListener("keydown", (e) => {
    if (e.key === "?" && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      modal.close();
    }
  });
  return modal;
}
