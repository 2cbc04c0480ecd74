// The top bar: which project is open (switching project, its backups), export and import of annotation
// sets, review and agreement, the speakers pane, who is coding, the theme.

import type { Session, TeamState } from "../ipc";
import { teamSummary, teamWord } from "./teamDialog";
import { basename, h } from "../dom";

export interface TopBarDeps {
  openProject(): void;
  newProject(): void;
  openRecent(path: string): void;
  changeCoder(): void;
  toggleTheme(): void;
  exportClaims(): void;
  importSets(): void;
  openReview(): void;
  openAgreement(): void;
  showKeys(): void;
  openSpeakers(): void;
  openBackups(): void;
  openTeam(): void;
}

export class TopBar {
  readonly el: HTMLElement;
  private readonly project: HTMLElement;
  private readonly recentBtn: HTMLButtonElement;
  private readonly recentMenu: HTMLUListElement;
  private readonly coder: HTMLButtonElement;
  /** Where the team sync stands; opens the team dialog. */
  readonly team: HTMLButtonElement;
  readonly themeBtn: HTMLButtonElement;
  /** Under the bar while the project is open read-only: why, and that nothing is saved. */
  readonly readOnlyBanner: HTMLElement = h("div", { class: "read-only-banner", "data-testid": "read-only-banner", role: "status", hidden: true });

  constructor(
    private readonly deps: TopBarDeps,
    signal?: AbortSignal,
  ) {
    this.project = h("span", { class: "project-name", "data-testid": "project-name" });
    const open = h("button", { type: "button", "aria-label": "Open a project file" }, "Open project…");
    open.addEventListener("click", () => {
      deps.openProject();
    });
    const create = h("button", { type: "button", "aria-label": "Create a new project file" }, "New project…");
    create.addEventListener("click", () => {
      deps.newProject();
    });
    const backups = h("button", { type: "button", "data-testid": "open-backups", "aria-label": "The project's backups: list, back up now, restore" }, "Backups…");
    backups.addEventListener("click", () => {
      deps.openBackups();
    });
    this.recentMenu = h("ul", { class: "menu", role: "menu", id: "recent-menu", hidden: true });
    this.recentBtn = h(
      "button",
      { type: "button", "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": "recent-menu" },
      "Recent ▾",
    );
    this.recentBtn.addEventListener("click", () => {
      this.toggleMenu(this.recentMenu.hidden);
    });
    this.recentMenu.addEventListener("keydown", (e) => {
      const items = [...this.recentMenu.querySelectorAll<HTMLElement>("[role=menuitem]")];
      const i = items.indexOf(document.activeElement as HTMLElement);
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.toggleMenu(false);
        this.recentBtn.focus();
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = items.length;
        items[(i + (e.key === "ArrowDown" ? 1 : n - 1)) % n]?.focus();
      }
    });
    document.addEventListener("click", (e) => {
      if (!this.recentMenu.hidden && !this.recentBtn.contains(e.target as Node) && !this.recentMenu.contains(e.target as Node)) {
        this.toggleMenu(false);
      }
    }, { signal });
    const exportBtn = h("button", { type: "button", "data-testid": "open-export", "aria-label": "Export claims to a file" }, "Export…");
    exportBtn.addEventListener("click", () => {
      deps.exportClaims();
    });
    const importBtn = h("button", { type: "button", "data-testid": "open-import", "aria-label": "Import annotation sets" }, "Import set…");
    importBtn.addEventListener("click", () => {
      deps.importSets();
    });
    const reviewBtn = h("button", { type: "button", "data-testid": "open-review", "aria-label": "Review the coders' claims on this document" }, "Review");
    reviewBtn.addEventListener("click", () => {
      deps.openReview();
    });
    const agreementBtn = h("button", { type: "button", "data-testid": "open-agreement", "aria-label": "Agreement between coders" }, "Agreement");
    agreementBtn.addEventListener("click", () => {
      deps.openAgreement();
    });
    const speakersBtn = h(
      "button",
      { type: "button", "data-testid": "open-speakers", "aria-keyshortcuts": "S", title: "Speakers (S)", "aria-label": "Speakers: edit, merge and see their claims" },
      "Speakers",
    );
    speakersBtn.addEventListener("click", () => {
      deps.openSpeakers();
    });
    this.team = h("button", { type: "button", class: "team-status", "data-testid": "team-status", "data-phase": "unlinked", "aria-label": "Team: not linked", title: "Team sync: link this project to a team project" }, "Team");
    this.team.addEventListener("click", () => {
      deps.openTeam();
    });
    this.coder = h("button", { type: "button", class: "coder", "aria-label": "Coder (click to change)" });
    this.coder.addEventListener("click", () => {
      deps.changeCoder();
    });
    const keysBtn = h("button", { type: "button", "data-testid": "open-keys", "aria-label": "Keyboard shortcuts (?)", title: "Keyboard shortcuts (?)" }, "?");
    keysBtn.addEventListener("click", () => {
      deps.showKeys();
    });
    this.themeBtn = h("button", { type: "button", class: "theme-toggle", "aria-label": "Toggle light or dark theme" }, "◐");
    this.themeBtn.addEventListener("click", () => {
      deps.toggleTheme();
    });
    this.el = h(
      "header",
      { class: "topbar" },
      h("span", { class: "app-name" }, "Claimcoder"),
      this.project,
      h("div", { class: "project-actions" }, open, create, h("div", { class: "menu-wrap" }, this.recentBtn, this.recentMenu), backups),
      h("div", { class: "project-actions", role: "group", "aria-label": "Annotation sets" }, exportBtn, importBtn),
      h("div", { class: "project-actions", role: "group", "aria-label": "Review" }, reviewBtn, agreementBtn),
      h("div", { class: "project-actions" }, speakersBtn),
      h("div", { class: "spacer" }),
      this.team,
      this.coder,
      keysBtn,
      this.themeBtn,
    );
  }

  render(session: Session | null): void {
    const readOnly = session?.read_only ?? null;
    this.readOnlyBanner.hidden = readOnly === null;
    this.readOnlyBanner.textContent = readOnly === null ? "" : `Read-only: ${readOnly}. Nothing can be changed or saved in this project.`;
    this.project.textContent = session ? basename(session.project_path) + (readOnly === null ? "" : " (read-only)") : "";
    this.project.title = session?.project_path ?? "";
    const name = session?.coder?.name ?? "no coder";
    this.coder.textContent = `Coder: ${name}`;
    this.coder.setAttribute("aria-label", `Coder: ${name} (click to change)`);
    const recent = (session?.recent_projects ?? []).filter((p) => p !== session?.project_path);
    this.recentBtn.disabled = recent.length === 0;
    this.recentMenu.replaceChildren(
      ...recent.map((path) => {
        const b = h("button", { type: "button", role: "menuitem", title: path }, basename(path), h("span", { class: "path" }, path));
        b.addEventListener("click", () => {
          this.toggleMenu(false);
          this.deps.openRecent(path);
        });
        return h("li", { role: "none" }, b);
      }),
    );
  }

  /** Shows where the team sync stands. */
  renderTeam(state: TeamState): void {
    const summary = teamSummary(state);
    this.team.textContent = teamWord(state);
    this.team.dataset.phase = state.phase;
    this.team.setAttribute("aria-label", summary);
    const error = state.status?.last_error;
    this.team.title = error ? `${summary}. The last sync did not finish: ${error}` : summary;
  }

  private toggleMenu(open: boolean): void {
    this.recentMenu.hidden = !open;
    this.recentBtn.setAttribute("aria-expanded", String(open));
    if (open) this.recentMenu.querySelector<HTMLElement>("[role=menuitem]")?.focus();
  }
}
