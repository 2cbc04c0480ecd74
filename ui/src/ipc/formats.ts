// The export formats the UI offers, with their names for people: one table over the generated
// ExportFormat union. Typed as Record<ExportFormat, string>, so the type check fails when
// bindings.ts gains a format this table lacks (add its row), and when a row names no format.

import type { ExportFormat } from "../bindings";

export const EXPORT_FORMATS: Record<ExportFormat, string> = {
  json: "Claimcoder annotation set (.json)",
  jsonl: "JSON Lines (.jsonl)",
  csv: "CSV spreadsheet (.csv)",
  w3c: "W3C Web Annotation (.jsonld)",
  qdpx: "REFI-QDA project (.qdpx)",
  brat: "brat standoff (.zip)",
  html: "HTML report (.html)",
};

/** The formats in table order, typed (Object.keys gives plain strings; the Record's type
 * admits no other keys). */
export function exportFormats(): ExportFormat[] {
  return Object.keys(EXPORT_FORMATS) as ExportFormat[];
}
