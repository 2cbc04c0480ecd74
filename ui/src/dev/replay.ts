// Answers recorded from the real core, replayed. The Rust test tests/integration/ui_fixtures/
// drives real projects through the scenarios the UI tests need and writes what each command
// answered to ui/src/test/fixtures/*.json (refresh with scripts/ui-fixtures.sh), so the fake
// ipc never computes a merge (of a set or of speakers), a suggestion, a review unit, a decision
// or a figure itself.

import type { AppError, StoredClaim as Claim, Coder, Document, Ipc, Speaker } from "../ipc";
import { IpcError } from "../ipc";

/** A recorded project: what the fake serves as plain storage while in that state. */
export interface Snapshot {
  documents: Document[];
  claims: Claim[];
  speakers: Speaker[];
  coders: Coder[];
}

/** The commands whose answers are replayed rather than computed. */
export type ReplayedCommand = keyof Pick<
  Ipc,
  | "importSetFiles" | "reviewUnits" | "adjudicate" | "undoDecision" | "listDecisions" | "agreement" | "exportDecisions"
  | "mergeSpeakers" | "unmergeSpeakers" | "mergeSuggestions"
  | "search" | "listVersions" | "importVersionDialog" | "attention" | "replaceOrphan" | "discardOrphan" | "confirmPlacement"
>;

/** One recorded call: in `state`, `command` with `request` answered `ok` (then the project
 * was in state `next`, when it changed) or refused with `error`. */
export interface Answer {
  state: string;
  command: ReplayedCommand;
  request: unknown;
  ok?: unknown;
  error?: AppError;
  next?: string;
}

/** One fixture file. */
export interface Recording {
  /** The current coder of the recorded project. */
  coder: Coder | null;
  states: Record<string, Snapshot>;
  answers: Answer[];
  /** The files the recorded imports read, by path. */
  files: Record<string, string>;
}

/** Parses a fixture file, checking its outline (the Rust test writes the rest). Files are
 * stored as lists of lines, for readable diffs. */
export function parseRecording(text: string): Recording {
  const r = JSON.parse(text) as unknown;
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;
  if (!isObject(r) || !isObject(r.states) || !Array.isArray(r.answers) || !isObject(r.files)) {
    throw new Error("not a recording of the core's answers");
  }
  const files = Object.entries(r.files).map(([path, lines]) => {
    if (!Array.isArray(lines)) throw new Error(`the recorded file ${path} is not a list of lines`);
    return [path, lines.join("\n")];
  });
  return { ...(r as unknown as Recording), files: Object.fromEntries(files) as Record<string, string> };
}

/** JSON equality, whatever the order of keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((k) => k in y && sameJson(x[k], y[k]));
  }
  return a === b;
}

/** Follows a recording from one of its states, answering as the core did. */
export class Replay {
  constructor(readonly recording: Recording, public state: string) {
    this.snapshot(state);
  }

  snapshot(state: string): Snapshot {
    const s = this.recording.states[state];
    if (!s) throw new Error(`no recorded state ${state}`);
    return s;
  }

  /** The recorded answer to `command` with `request` in the current state (an IpcError when
   * the core refused it, or when nothing was recorded), and the state it led to, if any. */
  answer(command: ReplayedCommand, request: unknown): { value: unknown; next: Snapshot | null } {
    const a = this.recording.answers.find((x) => x.state === this.state && x.command === command && sameJson(x.request, request));
    if (!a) {
      throw new IpcError("ipc", `no recorded answer for ${command}(${JSON.stringify(request)}) in state ${this.state}`);
    }
    if (a.error) throw new IpcError(a.error.code, a.error.message);
    if (a.next === undefined) return { value: a.ok, next: null };
    this.state = a.next;
    return { value: a.ok, next: this.snapshot(a.next) };
  }
}
