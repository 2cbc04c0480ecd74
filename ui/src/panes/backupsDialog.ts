// "Backups…": the project's rolling backups (kept beside the user's data, not in the project),
// newest first with what each holds; "Back up now"; and restoring one, after a confirmation
// that says the project as it is now is kept first. Also opened, without "Back up now", for a
// project that could not be opened.

import type { Backup, Ipc, Restored } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";
import { writeError } from "./feedback";

export interface BackupsDeps {
  ipc: Ipc;
  /** Whether the project is open (a damaged one can only be restored over). */
  projectOpen: boolean;
  /** A backup was put in place of the project. */
  restored(r: Restored): void;
}

/** "2 December 2026, 14:05:09" in the user's locale: when a backup was made. */
export function backupTime(b: Backup): string {
  return new Date(b.created).toLocaleString(undefined, { dateStyle: "long", timeStyle: "medium" });
}

export function backupContents(b: Backup): string {
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
  return `${n(b.documents, "document", "documents")}, ${n(b.claims, "claim", "claims")}`;
}

export function openBackupsDialog(deps: BackupsDeps): Modal {
  const list = h("ul", { class: "backup-list", "data-testid": "backup-list", "aria-label": "Backups, newest first" });
  const error = h("p", { class: "dialog-error", "data-testid": "backups-error", role: "alert", hidden: true });
  const intro = h(
    "p",
    { class: "dialog-intro" },
    "Kept beside your data, not inside the project: on opening it, every half hour while it changes, and before an upgrade. Older ones are thinned to one a day, then one a week, then one a month.",
  );
  const fail = (e: unknown): void => {
    writeError(error, e);
    error.hidden = false;
  };

  const restore = async (b: Backup, row: HTMLElement): Promise<void> => {
    try {
      const r = await deps.ipc.restoreBackup(b.path);
      modal.close();
      deps.restored(r);
    } catch (e) {
      fail(e);
      row.querySelector<HTMLButtonElement>("[data-testid=confirm-restore]")?.removeAttribute("disabled");
    }
  };

  /** The row's confirmation, in place of its Restore button. */
  const confirm = (b: Backup, row: HTMLElement, actions: HTMLElement): void => {
    const yes = h("button", { type: "button", class: "danger", "data-testid": "confirm-restore" }, "Replace the project");
    const no = h("button", { type: "button" }, "Keep it");
    const question = h(
      "p",
      { class: "restore-question", role: "alert" },
      `Replace the project with this backup? The project as it is now is kept first${deps.projectOpen ? " (as a new backup)" : " (as a copy)"}.`,
    );
    yes.addEventListener("click", () => {
      yes.setAttribute("disabled", "");
      void restore(b, row);
    });
    no.addEventListener("click", () => {
      question.remove();
      actions.replaceChildren(restoreButton(b, row, actions));
      actions.querySelector("button")?.focus();
    });
    row.append(question);
    actions.replaceChildren(no, yes);
    no.focus();
  };

  const restoreButton = (b: Backup, row: HTMLElement, actions: HTMLElement): HTMLButtonElement => {
    const btn = h("button", { type: "button", "data-testid": "restore-backup", "aria-label": `Restore the backup of ${backupTime(b)}` }, "Restore…");
    btn.addEventListener("click", () => {
      confirm(b, row, actions);
    });
    return btn;
  };

  const render = (backups: Backup[]): void => {
    if (backups.length === 0) {
      list.replaceChildren(h("li", { class: "empty" }, "No backups yet."));
      return;
    }
    list.replaceChildren(
      ...backups.map((b) => {
        const actions = h("span", { class: "backup-actions" });
        const row = h(
          "li",
          { "data-testid": "backup", "data-created": b.created },
          h("span", { class: "backup-time" }, backupTime(b)),
          h("span", { class: "backup-contents" }, backupContents(b)),
          actions,
        );
        actions.append(restoreButton(b, row, actions));
        return row;
      }),
    );
  };

  const load = async (): Promise<void> => {
    try {
      render(await deps.ipc.listBackups());
    } catch (e) {
      fail(e);
    }
  };

  const modal = openModal({
    testid: "backups-dialog",
    title: "Backups",
    body: [intro, list, error],
    dismissible: true,
    cancelLabel: "Close",
    submitLabel: "Back up now",
    submitTestid: "backup-now",
    canSubmit: () => deps.projectOpen,
    onSubmit: async () => {
      error.hidden = true;
      try {
        await deps.ipc.createBackup();
        await load();
      } catch (e) {
        fail(e);
      }
      return false;
    },
  });
  modal.el.classList.add("backups-modal");
  void load();
  return modal;
}
