// The coding view's keyboard shortcuts (docs/ui-contract.md, "Keys"): 1/2/3 code the reader's
// selection or change the selected claim's status, Delete/Backspace delete it, Escape leaves
// the toolbar or the editor, Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo, `s` opens the speakers
// pane. Typing in a field and an open modal keep their keys.

import type { Status } from "../ipc";
import { STATUSES } from "../ipc";
import { isTextField } from "../dom";
import { isModalOpen } from "../panes/modal";
import type { ReaderSelection } from "../reader/selection";
import type { CodeToolbar } from "./toolbar";
import type { ClaimEditor } from "./editor";

export interface KeyDeps {
  selection: ReaderSelection;
  toolbar: CodeToolbar;
  editor: ClaimEditor;
  /** Codes the reader's selection as a new claim. */
  code(status: Status): void;
  /** Sets the status of the claim in the editor. */
  setStatus(status: Status): void;
  /** Deletes the claim in the editor. */
  deleteSelected(): void;
  undoRedo(redo: boolean): void;
  /** Escape in the editor: close it, and back to the claim's item in the claims list. */
  leaveEditor(): void;
  /** `s`: the speakers pane. */
  openSpeakers(): void;
}

/** Listens for the shortcuts on the document until `signal` aborts. */
export function listenKeys(deps: KeyDeps, signal: AbortSignal): void {
  document.addEventListener("keydown", (e) => {
    onKey(deps, e);
  }, { signal });
}

function onKey(deps: KeyDeps, e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const mod = e.ctrlKey || e.metaKey;
  const inField = isTextField(e.target);
  if (isModalOpen()) return;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && (key === "z" || key === "y")) {
    if (inField) return; // the field's own undo
    e.preventDefault();
    deps.undoRedo(key === "y" || e.shiftKey);
    return;
  }
  if (e.key === "Escape") {
    if (deps.toolbar.visible) {
      deps.toolbar.hide();
      deps.selection.clear();
    } else if (deps.editor.isOpen) {
      e.preventDefault();
      deps.leaveEditor();
    }
    return;
  }
  if (inField || mod) return;
  if (e.key === "s" && !e.altKey) {
    e.preventDefault();
    deps.openSpeakers();
    return;
  }
  const digit = statusKey(e);
  if (digit) {
    if (deps.selection.extent()) {
      e.preventDefault();
      deps.code(digit);
    } else if (deps.editor.isOpen) {
      e.preventDefault();
      deps.setStatus(digit);
    }
    return;
  }
  if ((e.key === "Delete" || e.key === "Backspace") && deps.editor.isOpen) {
    e.preventDefault();
    deps.deleteSelected();
  }
}

/** The status of keys 1/2/3 (by character, or by physical key for layouts such as AZERTY). */
function statusKey(e: KeyboardEvent): Status | null {
  const byKey = ["1", "2", "3"].indexOf(e.key);
  const byCode = ["Digit1", "Digit2", "Digit3"].indexOf(e.code);
  const byPad = ["Numpad1", "Numpad2", "Numpad3"].indexOf(e.code);
  const i = byKey >= 0 ? byKey : byCode >= 0 ? byCode : byPad;
  return i >= 0 ? (STATUSES[i] ?? null) : null;
}
