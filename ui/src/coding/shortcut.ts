// A keyboard shortcut is one row of a table: the "?" overlay shows its keys and what it does,
// and the handler of that table recognises and runs it from the same row, so the overlay
// cannot list a key that does something else or miss one.

import { isTextField } from "../dom";

export interface KeyHelp {
  /** The keys as people read them ("Ctrl+Z"); any one of them does it. */
  readonly keys: readonly string[];
  /** What it does. */
  readonly does: string;
}

/** A titled group of shortcuts, as the overlay lists them. */
export interface KeySection {
  readonly title: string;
  readonly shortcuts: readonly KeyHelp[];
}

export interface Shortcut<C> extends KeyHelp {
  /** Whether it acts while a text field has the focus too (most leave typing alone). */
  readonly inFields?: boolean;
  /** Whether `e` is this shortcut's key, modifiers included. */
  matches(e: KeyboardEvent): boolean;
  /** Does it if it applies now; true when it did (the key's default is then prevented). */
  run(ctx: C, e: KeyboardEvent): boolean;
}

/** Runs the first shortcut of `table` that `e` is, if it applies. */
export function dispatch<C>(table: readonly Shortcut<C>[], ctx: C, e: KeyboardEvent): void {
  const inField = isTextField(e.target);
  for (const s of table) {
    if (!s.matches(e) || (inField && !s.inFields)) continue;
    if (s.run(ctx, e)) e.preventDefault();
    return;
  }
}

/** Neither Ctrl nor Cmd is held (Shift and Alt may be: some layouts type characters with them). */
export function plain(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey;
}

/** Exactly `key`, with no Ctrl, Cmd or Alt (for keys that no layout types with a modifier). */
export function bareKey(e: KeyboardEvent, key: string): boolean {
  return plain(e) && !e.altKey && e.key === key;
}

/** The letter key `letter` (lower case), by character, or by physical key on layouts whose
 * character is not a Latin letter (e.g. Cyrillic), so the shortcut works there too. */
export function isLetter(e: KeyboardEvent, letter: string): boolean {
  const k = e.key.toLowerCase();
  if (/^[a-z]$/.test(k)) return k === letter;
  return e.code === `Key${letter.toUpperCase()}`;
}
