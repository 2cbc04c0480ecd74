// The one module that calls the generated bindings (ENGINEERING.md item 3). It unwraps each
// Result and throws IpcError, so the rest of the UI works with plain values and try/catch, and
// classifies errors by their stable code, never by matching message strings (item 4).
import { isTauri } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type {
  Agreement,
  AgreementOptions,
  AppError,
  Claim,
  ClaimEdit,
  Coder,
  Decision,
  Document,
  DocumentSummary,
  ErrorCode,
  ExportFormat,
  ExportScope,
  ExportSummary,
  ImportReport,
  NewClaim,
  NewDecision,
  NewSpeaker,
  ReviewUnit,
  Session,
  Speaker,
} from "./types";

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

/** Everything the UI can ask of the core. Components receive this, so tests can pass a fake. */
export interface Ipc {
  session(): Promise<Session>;
  setCoder(name: string): Promise<Coder>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<Document>;
  importText(title: string | null, text: string): Promise<DocumentSummary>;
  importFilesDialog(): Promise<DocumentSummary[]>;
  listClaims(document: string): Promise<Claim[]>;
  createClaim(claim: NewClaim): Promise<Claim>;
  updateClaim(edit: ClaimEdit): Promise<Claim>;
  deleteClaim(id: string): Promise<Claim>;
  restoreClaim(claim: Claim): Promise<Claim>;
  listSpeakers(): Promise<Speaker[]>;
  createSpeaker(speaker: NewSpeaker): Promise<Speaker>;
  openProjectDialog(): Promise<Session | null>;
  newProjectDialog(): Promise<Session | null>;
  openProject(path: string): Promise<Session>;
  /** Native save dialog for an export of `format`; null when cancelled. */
  pickExportPath(format: ExportFormat): Promise<string | null>;
  /** Writes the claims of `scope` in `format` to `path` (one call: the core writes it at once). */
  exportClaims(scope: ExportScope, format: ExportFormat, path: string): Promise<ExportSummary>;
  /** Native open dialog for annotation sets; [] when cancelled. */
  pickSetFiles(): Promise<string[]>;
  /** Imports each file in its own transaction; a file with refused claims imports nothing
   * unless `acceptPartial`. */
  importSetFiles(paths: string[], acceptPartial: boolean): Promise<ImportReport[]>;
  listCoders(): Promise<Coder[]>;
  /** Agreement figures for the dashboard. */
  agreement(options: AgreementOptions): Promise<Agreement>;
  /** The units of a document for the review view; `coders` by name ([] = all but gold). */
  reviewUnits(document: string, coders: string[], minJaccard: number | null): Promise<ReviewUnit[]>;
  /** Decides a unit; its gold claim (none for a rejection) is made by the "gold" coder. */
  adjudicate(decision: NewDecision): Promise<Decision>;
  /** Undoes a decision: its gold claim goes, the record stays (marked undone). */
  undoDecision(id: string): Promise<Decision>;
  /** The audit trail, oldest first (undone decisions included); of one document when given. */
  listDecisions(document: string | null): Promise<Decision[]>;
  /** Native save dialog for the audit trail; null when cancelled. */
  pickAuditPath(asCsv: boolean): Promise<string | null>;
  /** Writes the audit trail; returns how many decisions it holds. */
  exportDecisions(path: string, asCsv: boolean): Promise<number>;
}

type Res<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

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

export function tauriIpc(): Ipc {
  return {
    session: () => unwrap(commands.session()),
    setCoder: (name) => unwrap(commands.setCoder(name)),
    listDocuments: () => unwrap(commands.listDocuments()),
    getDocument: (id) => unwrap(commands.getDocument(id)),
    importText: (title, text) => unwrap(commands.importText(title, text)),
    importFilesDialog: () => unwrap(commands.importFilesDialog()),
    listClaims: (document) => unwrap(commands.listClaims(document)),
    createClaim: (claim) => unwrap(commands.createClaim(claim)),
    updateClaim: (edit) => unwrap(commands.updateClaim(edit)),
    deleteClaim: (id) => unwrap(commands.deleteClaim(id)),
    restoreClaim: (claim) => unwrap(commands.restoreClaim(claim)),
    listSpeakers: () => unwrap(commands.listSpeakers()),
    createSpeaker: (speaker) => unwrap(commands.createSpeaker(speaker)),
    openProjectDialog: () => unwrap(commands.openProjectDialog()),
    newProjectDialog: () => unwrap(commands.newProjectDialog()),
    openProject: (path) => unwrap(commands.openProject(path)),
    pickExportPath: (format) => plain(commands.pickExportPath(format)),
    exportClaims: (scope, format, path) => unwrap(commands.exportClaims(scope, format, path)),
    pickSetFiles: () => plain(commands.pickSetFiles()),
    importSetFiles: (paths, acceptPartial) => unwrap(commands.importSetFiles(paths, acceptPartial)),
    listCoders: () => unwrap(commands.listCoders()),
    agreement: (options) => unwrap(commands.agreement(options)),
    reviewUnits: (document, coders, minJaccard) => unwrap(commands.reviewUnits(document, coders, minJaccard)),
    adjudicate: (decision) => unwrap(commands.adjudicate(decision)),
    undoDecision: (id) => unwrap(commands.undoDecision(id)),
    listDecisions: (document) => unwrap(commands.listDecisions(document)),
    pickAuditPath: (asCsv) => plain(commands.pickAuditPath(asCsv)),
    exportDecisions: (path, asCsv) => unwrap(commands.exportDecisions(path, asCsv)),
  };
}

/** True inside the Tauri window; false in a plain browser (`npm run dev` preview). */
export function inTauri(): boolean {
  // isTauri() reads a flag the runtime sets; the internals object is the bridge itself. Either
  // one means the real core is there, and the in-memory fake must never stand in for it.
  return isTauri() || "__TAURI_INTERNALS__" in globalThis;
}
