// What an import of article files did, file by file: imported, already in the project (the
// same text), or skipped and why. Shown when anything was not simply imported, so that no file
// is left out silently.

import type { FileResult } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "./modal";

/** What a batch of article files came to: each file's result, and whether it was cancelled
 * (then how many files were not started). */
export interface BatchReport {
  files: FileResult[];
  cancelled: boolean;
  not_started: number;
}

const REASONS: Record<string, string> = {
  unsupported: "not a kind of file Claimcoder imports",
  too_large: "too large",
  unreadable: "could not be read",
  not_text: "not text",
  malformed: "damaged",
  empty: "no text in it",
  failed: "could not be stored",
};

/** One line for a file's outcome. */
export function describeFile(f: FileResult): string {
  switch (f.outcome) {
    case "imported":
      return `Imported as “${f.document.title}”`;
    case "duplicate":
      return `Already in the project as “${f.of.title}” (the same text)`;
    case "new_version":
      return `A new version of “${f.of.title}” (the same address, edited): ${f.carried} claims carried${f.orphaned > 0 ? `, ${f.orphaned} whose words are gone to place again` : ""}`;
    case "skipped":
      return `Skipped (${REASONS[f.reason] ?? f.reason}): ${f.error.message}`;
  }
}

/** "3 imported, 1 already there, 2 skipped". */
export function summarise(report: BatchReport): string {
  const count = (o: FileResult["outcome"]): number => report.files.filter((f) => f.outcome === o).length;
  const parts = [`${count("imported")} imported`];
  if (count("new_version") > 0) parts.push(`${count("new_version")} new ${count("new_version") === 1 ? "version" : "versions"}`);
  if (count("duplicate") > 0) parts.push(`${count("duplicate")} already there`);
  if (count("skipped") > 0) parts.push(`${count("skipped")} skipped`);
  if (report.cancelled) parts.push(`${report.not_started} not started (cancelled)`);
  return parts.join(", ");
}

export function openFileReport(report: BatchReport): Modal {
  const list = h(
    "ul",
    { class: "file-report", "data-testid": "file-report" },
    ...report.files.map((f) =>
      h(
        "li",
        { "data-testid": "file-outcome", "data-outcome": f.outcome },
        h("span", { class: "file-path" }, f.path),
        h("span", { class: "file-outcome" }, describeFile(f)),
      ),
    ),
  );
  return openModal({
    testid: "file-report-dialog",
    title: `Import: ${summarise(report)}`,
    body: [list],
    dismissible: true,
    cancelLabel: null,
    submitLabel: "Close",
    onSubmit: () => Promise.resolve(true),
  });
}
