// The team link: "Team" in the top bar shows where the sync stands (linked or not, syncing,
// offline, when it last synced, what waits to be sent); its dialog links the project to a team
// project (the address and token a lead hands out), syncs now, or unlinks. Sync itself runs in
// the background in the shell; this only shows it and asks for it.

import type { Ipc, TeamState } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";
import { writeError } from "./feedback";

/** "synced 2 min ago", "syncing…", "offline — 3 changes wait": the top bar's short word. */
export function teamSummary(state: TeamState, now: number = Date.now()): string {
  const s = state.status;
  if (state.phase === "unlinked" || s === null) return "Team: not linked";
  const waiting = s.pending > 0 ? ` · ${s.pending} to send` : "";
  switch (state.phase) {
    case "syncing":
      return `Team: syncing…${waiting}`;
    case "offline":
      return `Team: offline${waiting}`;
    case "error":
      return `Team: sync failed${waiting}`;
    default:
      return s.last_synced === null ? `Team: linked${waiting}` : `Team: synced ${ago(s.last_synced, now)}${waiting}`;
  }
}

/** The top bar's button: a word or two ("Team", "Synced", "Offline · 3"); the whole summary
 * is its label and tooltip (the bar has no room for more at 1280 px). */
export function teamWord(state: TeamState): string {
  const s = state.status;
  if (state.phase === "unlinked" || s === null) return "Team";
  const waiting = s.pending > 0 ? ` · ${s.pending}` : "";
  switch (state.phase) {
    case "syncing":
      return `Syncing…${waiting}`;
    case "offline":
      return `Offline${waiting}`;
    case "error":
      return `Sync failed${waiting}`;
    default:
      return `Synced${waiting}`;
  }
}

function ago(at: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (s < 60) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  return new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export interface TeamDeps {
  ipc: Ipc;
  state: TeamState;
  /** Who is coding here: claims go to the team under the member's name only. */
  coderName: string | null;
  /** The link changed (linked, unlinked, synced on demand): the top bar shows it. */
  changed(state: TeamState): void;
}

export function openTeamDialog(deps: TeamDeps): Modal {
  const error = h("p", { class: "dialog-error", "data-testid": "team-error", role: "alert", hidden: true });
  const fail = (e: unknown): void => {
    writeError(error, e);
    error.hidden = false;
  };
  const s = deps.state.status;
  if (s === null) {
    const url = h("input", { type: "url", "data-testid": "team-url", placeholder: "https://host:port/project-id", autocomplete: "off", spellcheck: "false" });
    const token = h("input", { type: "password", "data-testid": "team-token", placeholder: "cc1.…", autocomplete: "off" });
    const modal = openModal({
      testid: "team-dialog",
      title: "Link to a team project",
      body: [
        h("p", { class: "dialog-intro" }, "Your team’s lead gives you the team project’s address and your own token. Claims you code here are sent to the team and your teammates’ come back; the project keeps working offline and catches up when the server is back. The token is kept in your settings, not in the project file."),
        h("label", {}, "Team project address", url),
        h("label", {}, "Your token", token),
        error,
      ],
      initialFocus: url,
      dismissible: true,
      submitLabel: "Link",
      submitTestid: "team-link",
      canSubmit: () => url.value.trim() !== "" && token.value.trim() !== "",
      onSubmit: async () => {
        error.hidden = true;
        try {
          deps.changed(await deps.ipc.teamLink(url.value.trim(), token.value.trim()));
          return true;
        } catch (e) {
          fail(e);
          return false;
        }
      },
    });
    for (const input of [url, token]) {
      input.addEventListener("input", () => {
        modal.refresh();
      });
    }
    return modal;
  }
  const rows: [string, string][] = [
    ["Team project", s.url],
    ["You", `${s.member} (${s.role})`],
    ["Last synced", s.last_synced === null ? "never" : new Date(s.last_synced).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })],
    ["Waiting to be sent", String(s.pending)],
    ["Team changes applied up to", `version ${s.pulled}`],
  ];
  const facts = h("dl", { class: "team-facts", "data-testid": "team-facts" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  const problems: Node[] = [];
  if (deps.coderName !== null && deps.coderName.toLowerCase() !== s.member.toLowerCase()) {
    problems.push(
      h("p", { class: "team-last-error", "data-testid": "team-coder-warning", role: "status" }, `You are coding as “${deps.coderName}” but linked as “${s.member}”: only ${s.member}’s claims are sent to the team. Change the coder to ${s.member} to send yours.`),
    );
  }
  if (s.last_error !== null) problems.push(h("p", { class: "team-last-error", "data-testid": "team-last-error", role: "status" }, `The last sync did not finish: ${s.last_error}`));
  if (s.refused.length > 0) {
    problems.push(
      h("p", {}, "The team server refused these (they stay here):"),
      h("ul", { class: "team-refused", "data-testid": "team-refused" }, ...s.refused.map((r) => h("li", {}, `${r.kind} ${r.id}: ${r.message}`))),
    );
  }
  const unlink = h("button", { type: "button", class: "danger", "data-testid": "team-unlink" }, "Unlink");
  unlink.addEventListener("click", () => {
    void deps.ipc
      .teamUnlink()
      .then((st) => {
        deps.changed(st);
        modal.close();
      })
      .catch(fail);
  });
  const modal = openModal({
    testid: "team-dialog",
    title: "Team",
    body: [facts, ...problems, h("p", { class: "dialog-intro" }, "Syncing runs on its own: soon after each change here and every minute. Unlinking keeps everything in this project."), unlink, error],
    dismissible: true,
    submitLabel: "Sync now",
    submitTestid: "team-sync-now",
    cancelLabel: "Close",
    onSubmit: async () => {
      error.hidden = true;
      try {
        deps.changed(await deps.ipc.teamSyncNow());
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
  });
  return modal;
}
