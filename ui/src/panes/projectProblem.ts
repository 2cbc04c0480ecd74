// What the reader shows when the project could not be opened (damaged, not a project, made by
// a newer version): why, and the ways on. The file is never written to; the newest good
// backup is offered first, then the other backups, reading a damaged one read-only, another
// project or a new one.

import type { Backup, Ipc } from "../ipc";
import { toIpcError } from "../ipc";
import { h } from "../dom";
import { backupContents, backupTime } from "./backupsDialog";

export interface ProblemDeps {
  ipc: Ipc;
  /** Restores `b` over the project (after the user confirmed). */
  restore(b: Backup): void;
  chooseBackup(): void;
  openProject(): void;
  newProject(): void;
  /** Opens the damaged project without writing to it, to read and export what it holds. */
  openReadOnly(): void;
}

const TITLES: Partial<Record<string, string>> = {
  corrupt_project: "This project is damaged",
  not_a_project: "This file is not a Claimcoder project",
  newer_version: "This project was made by a newer Claimcoder",
};

export class ProjectProblem {
  readonly el = h("section", { class: "project-problem", "data-testid": "project-problem", "aria-labelledby": "project-problem-title", hidden: true });

  constructor(private readonly deps: ProblemDeps) {}

  async show(error: unknown): Promise<void> {
    const err = toIpcError(error);
    const backups = await this.deps.ipc.listBackups().catch(() => [] as Backup[]);
    const newest = backups[0];
    const button = (label: string, testid: string, act: () => void, primary = false): HTMLButtonElement => {
      const b = h("button", { type: "button", "data-testid": testid, class: primary ? "primary" : undefined }, label);
      b.addEventListener("click", act);
      return b;
    };
    const ways: HTMLElement[] = [];
    if (newest) {
      ways.push(
        button(`Restore the newest backup (${backupTime(newest)}: ${backupContents(newest)})`, "restore-newest", () => {
          this.confirmRestore(newest);
        }, true),
      );
      if (backups.length > 1) ways.push(button(`Choose among ${backups.length} backups…`, "choose-backup", () => { this.deps.chooseBackup(); }));
    }
    if (err.code === "corrupt_project") {
      ways.push(button("Open it read-only", "open-read-only", () => { this.deps.openReadOnly(); }));
    }
    ways.push(button("Open another project…", "problem-open", () => { this.deps.openProject(); }, !newest));
    ways.push(button("New project…", "problem-new", () => { this.deps.newProject(); }));
    this.el.replaceChildren(
      h("h2", { id: "project-problem-title" }, TITLES[err.code] ?? "This project cannot be opened"),
      h("p", { class: "problem-reason", "data-code": err.code }, err.message),
      h("p", {}, "Claimcoder has not changed the file.", newest ? "" : " There is no backup of it."),
      h("div", { class: "problem-ways" }, ...ways),
    );
    this.el.hidden = false;
    ways[0]?.focus();
  }

  hide(): void {
    this.el.hidden = true;
    this.el.replaceChildren();
  }

  private confirmRestore(b: Backup): void {
    const question = h(
      "p",
      { class: "restore-question", role: "alert" },
      "Replace the damaged file with this backup? The file as it is now is copied beside the backups first.",
    );
    const yes = h("button", { type: "button", class: "danger", "data-testid": "confirm-restore" }, "Replace the file");
    const no = h("button", { type: "button" }, "Not now");
    const row = h("div", { class: "problem-ways" }, no, yes);
    yes.addEventListener("click", () => {
      yes.setAttribute("disabled", "");
      this.deps.restore(b);
    });
    no.addEventListener("click", () => {
      question.remove();
      row.remove();
    });
    this.el.append(question, row);
    no.focus();
  }
}
