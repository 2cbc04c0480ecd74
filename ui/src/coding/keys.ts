// The coding view's keyboard shortcuts (docs/ui-contract.md, "Keys"), as one table that both
// the key handler and the "?" overlay read: 1/2/3 code the reader's selection or change the
// open claim's status, C sets its cue, Delete/Backspace delete it, Escape leaves the toolbar or
// the editor, Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo; the top bar's and the documents
// pane's actions each have a key too (S, R, G, E, I, F, V, K, T, Ctrl+O, Ctrl+N); ? shows the
// keys. Typing in a field and an open modal keep their keys.

import type { Status } from "../ipc";
import { STATUSES, STATUS_LABEL } from "../ipc";
import { isModalOpen } from "../panes/modal";
import type { ReaderSelection } from "../reader/selection";
import type { CodeToolbar } from "./toolbar";
import type { ClaimEditor } from "./editor";
import { type Shortcut, dispatch, isLetter, plain } from "./shortcut";

export interface KeyDeps {
  selection: ReaderSelection;
  toolbar: CodeToolbar;
  editor: ClaimEditor;
  /** Codes the reader's selection as a new claim. */
  code(status: Status): void;
  /** Sets the status of the claim in the editor. */
  setStatus(status: Status): void;
  /** Sets the cue of the claim in the editor to the reader's selection. */
  setCue(): void;
  /** Deletes the claim in the editor. */
  deleteSelected(): void;
  undoRedo(redo: boolean): void;
  /** Escape in the editor: close it, and back to the claim's item in the claims list. */
  leaveEditor(): void;
  /** Opens the overlay that lists the keys. */
  showKeys(): void;
  /** Opens the speakers pane. */
  openSpeakers(): void;
  /** The top bar's actions, by key too. */
  openReview(): void;
  openAgreement(): void;
  exportClaims(): void;
  importSets(): void;
  openProject(): void;
  newProject(): void;
  changeCoder(): void;
  toggleTheme(): void;
  /** The documents pane's actions. */
  importFiles(): void;
  paste(): void;
}

/** A letter that opens something, outside text fields. */
const opener = (letter: string, does: string, run: (d: KeyDeps) => void): Shortcut<KeyDeps> => ({
  keys: [letter.toUpperCase()],
  does,
  matches: (e) => plain(e) && !e.altKey && isLetter(e, letter),
  run: (d) => {
    run(d);
    return true;
  },
});

/** The status of keys 1/2/3 (by character, or by physical key for layouts such as AZERTY). */
function statusKey(e: KeyboardEvent): Status | null {
  const byKey = ["1", "2", "3"].indexOf(e.key);
  const byCode = ["Digit1", "Digit2", "Digit3"].indexOf(e.code);
  const byPad = ["Numpad1", "Numpad2", "Numpad3"].indexOf(e.code);
  const i = byKey >= 0 ? byKey : byCode >= 0 ? byCode : byPad;
  return i >= 0 ? (STATUSES[i] ?? null) : null;
}

/** Ctrl (or Cmd) with `key` and no Alt. */
function modKey(e: KeyboardEvent, key: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === key;
}

const statusShortcut = (s: Status, i: number): Shortcut<KeyDeps> => ({
  keys: [String(i + 1)],
  does: `${STATUS_LABEL[s]}: code the selection, or set the open claim's status`,
  matches: (e) => plain(e) && statusKey(e) === s,
  run: (d) => {
    if (d.selection.extent()) d.code(s);
    else if (d.editor.isOpen) d.setStatus(s);
    else return false;
    return true;
  },
});

/** Every shortcut of the coding view, in the order the overlay lists them. */
export const CODING_KEYS: readonly Shortcut<KeyDeps>[] = [
  ...STATUSES.map(statusShortcut),
  {
    keys: ["C"],
    does: "Set the open claim's cue to the selected words",
    matches: (e) => plain(e) && isLetter(e, "c"),
    run: (d) => {
      if (!d.editor.isOpen && !d.selection.extent()) return false;
      d.setCue();
      return true;
    },
  },
  {
    keys: ["Delete", "Backspace"],
    does: "Delete the open claim",
    matches: (e) => plain(e) && (e.key === "Delete" || e.key === "Backspace"),
    run: (d) => {
      if (!d.editor.isOpen) return false;
      d.deleteSelected();
      return true;
    },
  },
  {
    keys: ["Escape"],
    does: "Close the toolbar, or the editor",
    inFields: true,
    matches: (e) => e.key === "Escape",
    run: (d) => {
      if (d.toolbar.visible) {
        d.toolbar.hide();
        d.selection.clear();
        return false; // a field's own Escape may still apply
      }
      if (!d.editor.isOpen) return false;
      d.leaveEditor();
      return true;
    },
  },
  {
    keys: ["Ctrl+Z"],
    does: "Undo the last change",
    matches: (e) => modKey(e, "z") && !e.shiftKey,
    run: (d) => {
      d.undoRedo(false);
      return true;
    },
  },
  {
    keys: ["Ctrl+Shift+Z", "Ctrl+Y"],
    does: "Redo",
    matches: (e) => (modKey(e, "z") && e.shiftKey) || modKey(e, "y"),
    run: (d) => {
      d.undoRedo(true);
      return true;
    },
  },
  opener("s", "Open the speakers pane", (d) => {
    d.openSpeakers();
  }),
  opener("r", "Review the open document's units", (d) => {
    d.openReview();
  }),
  opener("g", "Open the agreement dashboard", (d) => {
    d.openAgreement();
  }),
  opener("e", "Export claims…", (d) => {
    d.exportClaims();
  }),
  opener("i", "Import annotation sets…", (d) => {
    d.importSets();
  }),
  opener("f", "Import article files…", (d) => {
    d.importFiles();
  }),
  opener("v", "Paste an article…", (d) => {
    d.paste();
  }),
  opener("k", "Change the coder's name", (d) => {
    d.changeCoder();
  }),
  opener("t", "Switch between light and dark", (d) => {
    d.toggleTheme();
  }),
  {
    keys: ["Ctrl+O"],
    does: "Open a project…",
    matches: (e) => modKey(e, "o"),
    run: (d) => {
      d.openProject();
      return true;
    },
  },
  {
    keys: ["Ctrl+N"],
    does: "Create a new project…",
    matches: (e) => modKey(e, "n"),
    run: (d) => {
      d.newProject();
      return true;
    },
  },
  {
    keys: ["?"],
    does: "Show these keys",
    matches: (e) => plain(e) && e.key === "?",
    run: (d) => {
      d.showKeys();
      return true;
    },
  },
];

/** Listens for the shortcuts on the document until `signal` aborts. */
export function listenKeys(deps: KeyDeps, signal: AbortSignal): void {
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || isModalOpen()) return;
    dispatch(CODING_KEYS, deps, e);
  }, { signal });
}
