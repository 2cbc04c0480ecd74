// The one module that calls the generated bindings (ENGINEERING.md item 3). It unwraps each
// Result and throws IpcError, so the rest of the UI works with plain values and try/catch, and
// classifies errors by their stable code, never by matching message strings (item 4).
//
// The Ipc type and tauriIpc() are derived from `commands` in bindings.ts, so the list of
// commands has one home: the Rust shell. A command added there is on Ipc at once (and the
// fakes fail the type check until they implement it); a command removed there is gone here.

import { isTauri } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type { AppError, ErrorCode } from "./types";

/** "ipc" is the UI's own code for a failure of the bridge itself (e.g. an unknown command). */
export type IpcErrorCode = ErrorCode | "ipc";

export class IpcError extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }
}

type Commands = typeof commands;
type CommandName = keyof Commands;

/** What tauri-specta's `typedError` wraps a Result-returning command's answer in. */
type Res<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** What a command resolves to, unwrapped: `T` for a `Res<T>`, the value itself otherwise.
 * (Tuple-wrapped, so the union `Res<T>` is matched whole rather than member by member.) */
type Unwrapped<R> = [R] extends [Res<infer T>] ? T : R;
type Answer<K extends CommandName> = Awaited<ReturnType<Commands[K]>>;

/** Everything the UI can ask of the core: each command of bindings.ts with its own arguments,
 * resolving to its value (errors are thrown as IpcError). Components receive this, so tests
 * can pass a fake. Notes for callers, beyond the bindings' own doc comments:
 *
 * | command | note |
 * | --- | --- |
 * | pickExportPath, pickAuditPath | native save dialog; null when cancelled |
 * | pickSetFiles | native open dialog for annotation sets; [] when cancelled |
 * | pickArticleFiles | native open dialog for article files; [] when cancelled |
 * | openProjectDialog, newProjectDialog | native dialogs; null when cancelled |
 * | exportClaims | one call: the core writes the whole export at once |
 * | importSetFiles | each file in its own transaction; a file with refused claims imports nothing unless `acceptPartial` |
 * | reviewUnits | `coders` by name; [] = every coder but gold |
 * | adjudicate | its gold claim (none for a rejection) is made by the "gold" coder |
 * | undoDecision | its gold claim goes; the record stays, marked undone |
 * | listDecisions | the audit trail, oldest first, undone decisions included; of one document when given |
 * | exportDecisions | returns how many decisions the trail holds |
 */
export type Ipc = {
  [K in CommandName]: (...args: Parameters<Commands[K]>) => Promise<Unwrapped<Answer<K>>>;
};

/** The commands the shell declares without a Result (native dialogs): their failures arrive
 * as rejections. */
type PlainCommand = { [K in CommandName]: [Answer<K>] extends [Res<unknown>] ? never : K }[CommandName];

/** The plain commands by name, for telling them apart at run time. Typed by PlainCommand, so
 * the type check fails when this list and bindings.ts disagree (a key missing or extra). */
const PLAIN: Record<PlainCommand, true> = { pickExportPath: true, pickSetFiles: true, pickAuditPath: true, pickArticleFiles: true, chromePreview: true };

function isPlain(name: CommandName): name is PlainCommand {
  return Object.hasOwn(PLAIN, name);
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** Turns anything thrown or returned as an error into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (isAppError(e)) return new IpcError(e.code, e.message);
  if (e instanceof Error) return new IpcError("ipc", e.message);
  return new IpcError("ipc", String(e));
}

/** For the commands that return a plain value (no Result): a rejection still becomes an IpcError. */
async function plain<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toIpcError(e);
  }
}

async function unwrap<T>(p: Promise<Res<T>>): Promise<T> {
  let r: Res<T>;
  try {
    r = await p;
  } catch (e) {
    throw toIpcError(e);
  }
  if (r.status === "error") throw toIpcError(r.error);
  return r.data;
}

/** The Ipc of the real core: every command of bindings.ts, unwrapped. */
export function tauriIpc(): Ipc {
  // Typed per command by Ipc; inside the loop every command is one shape (arguments in, a
  // promise out), which is all this wrapping needs to know.
  const ipc: Partial<Record<CommandName, (...args: never[]) => Promise<unknown>>> = {};
  for (const name of Object.keys(commands) as CommandName[]) {
    const command = commands[name] as (...args: unknown[]) => Promise<unknown>;
    ipc[name] = isPlain(name)
      ? (...args: unknown[]) => plain(command(...args))
      : (...args: unknown[]) => unwrap(command(...args) as Promise<Res<unknown>>);
  }
  return ipc as Ipc;
}

/** True inside the Tauri window; false in a plain browser (`npm run dev` preview). */
export function inTauri(): boolean {
  // isTauri() reads a flag the runtime sets; the internals object is the bridge itself. Either
  // one means the real core is there, and the in-memory fake must never stand in for it.
  return isTauri() || "__TAURI_INTERNALS__" in globalThis;
}
