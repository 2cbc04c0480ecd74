// The export formats as the core's one table gives them (a constant of the bindings): their
// order, their names for people and their extensions. A format added in Rust appears here
// without a change; the type check below fails if the table ever misses one.

import { EXPORT_FORMATS as TABLE, type ExportFormat } from "../bindings";

type InTable = (typeof TABLE)[number]["format"];
/** Fails the type check when the core's table misses a format of the ExportFormat union. */
export const EVERY_FORMAT_HAS_A_ROW: [ExportFormat] extends [InTable] ? true : never = true;

/** Each format's name for people with its extension, e.g. "CSV spreadsheet (.csv)". */
export const EXPORT_FORMATS = Object.fromEntries(
  TABLE.map((f) => [f.format, `${f.label} (.${f.extension})`]),
) as Record<ExportFormat, string>;

/** The formats in the core's order. */
export function exportFormats(): ExportFormat[] {
  return TABLE.map((f) => f.format);
}
