// The coder dialog: who is coding. On first run it cannot be dismissed (every claim records its
// coder); later, "Coder: …" in the top bar opens it to change the name.

import type { Coder, Ipc } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";

export interface CoderDeps {
  ipc: Ipc;
  /** The current coder's name ("" when there is none yet). */
  name: string;
  /** The first-run welcome, which cannot be dismissed. */
  firstRun: boolean;
  /** The core saved the name. */
  saved(coder: Coder): void;
  showError(e: unknown): void;
}

export function openCoderDialog(deps: CoderDeps): Modal {
  const input = h("input", {
    type: "text",
    "data-testid": "coder-name",
    "aria-label": "Your name",
    autocomplete: "name",
    value: deps.name,
  });
  return openModal({
    testid: "coder-dialog",
    title: deps.firstRun ? "Welcome to Claimcoder" : "Coder",
    body: [
      h("p", {}, "Your name is recorded with every claim you code, so that a team’s coding can be compared."),
      h("label", {}, "Your name", input),
    ],
    initialFocus: input,
    dismissible: !deps.firstRun,
    submitLabel: "Save",
    submitTestid: "coder-save",
    onSubmit: async () => {
      try {
        deps.saved(await deps.ipc.setCoder(input.value.trim()));
        return true;
      } catch (e) {
        deps.showError(e);
        return false;
      }
    },
  });
}
