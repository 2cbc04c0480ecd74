// Finding speakers as the analyst types: by name or alias, ignoring case and diacritics
// ("zoe" finds "Zoë"), and the list's order (by name, as people read it, not by code point).

import type { Speaker } from "../ipc";

/** `s` without case or combining marks, for comparing what was typed with a name. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase().normalize("NFC");
}

/** Whether the speaker's name or an alias contains `query` (folded; an empty query matches). */
export function matches(speaker: Speaker, query: string): boolean {
  const q = fold(query.trim());
  if (q === "") return true;
  return [speaker.name, ...speaker.aliases].some((n) => fold(n).includes(q));
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** By name, case and accents aside; the same name twice keeps the given order. */
export function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
