// TEMPORARY hand-written stand-in for the tauri-specta output (docs/ui-contract.md).
// It will be overwritten by the generated file; nothing but src/ipc/ may import it.

import { invoke as TAURI_INVOKE } from "@tauri-apps/api/core";

/** user-defined commands **/

export const commands = {
  async session(): Promise<Result<Session, AppError>> {
    return call("session", {});
  },
  async setCoder(name: string): Promise<Result<Coder, AppError>> {
    return call("set_coder", { name });
  },
  async listDocuments(): Promise<Result<DocumentSummary[], AppError>> {
    return call("list_documents", {});
  },
  async getDocument(id: string): Promise<Result<Document, AppError>> {
    return call("get_document", { id });
  },
  async importText(title: string | null, text: string): Promise<Result<DocumentSummary, AppError>> {
    return call("import_text", { title, text });
  },
  async importFilesDialog(): Promise<Result<DocumentSummary[], AppError>> {
    return call("import_files_dialog", {});
  },
  async listClaims(document: string): Promise<Result<Claim[], AppError>> {
    return call("list_claims", { document });
  },
  async createClaim(claim: NewClaim): Promise<Result<Claim, AppError>> {
    return call("create_claim", { claim });
  },
  async updateClaim(edit: ClaimEdit): Promise<Result<Claim, AppError>> {
    return call("update_claim", { edit });
  },
  async deleteClaim(id: string): Promise<Result<Claim, AppError>> {
    return call("delete_claim", { id });
  },
  async restoreClaim(claim: Claim): Promise<Result<Claim, AppError>> {
    return call("restore_claim", { claim });
  },
  async listSpeakers(): Promise<Result<Speaker[], AppError>> {
    return call("list_speakers", {});
  },
  async createSpeaker(speaker: NewSpeaker): Promise<Result<Speaker, AppError>> {
    return call("create_speaker", { speaker });
  },
  async openProjectDialog(): Promise<Result<Session | null, AppError>> {
    return call("open_project_dialog", {});
  },
  async newProjectDialog(): Promise<Result<Session | null, AppError>> {
    return call("new_project_dialog", {});
  },
  async openProject(path: string): Promise<Result<Session, AppError>> {
    return call("open_project", { path });
  },
};

async function call<T>(cmd: string, args: Record<string, unknown>): Promise<Result<T, AppError>> {
  try {
    return { status: "ok", data: await TAURI_INVOKE<T>(cmd, args) };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { status: "error", error: e as AppError };
  }
}

/** user-defined types **/

export type AppError = { code: ErrorCode; message: string };
export type Claim = {
  id: string;
  document: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  status: Status;
  speaker: string | null;
  cue: Span | null;
  note: string | null;
  coder: string;
  created: string;
  modified: string;
};
export type ClaimEdit = {
  id: string;
  start: number;
  end: number;
  quote: string;
  status: Status;
  speaker: string | null;
  cue: Span | null;
  note: string | null;
};
export type Coder = { id: string; name: string };
export type Document = {
  id: string;
  title: string;
  text: string;
  source: Source;
  length: number;
  version: number;
  created: string;
};
export type DocumentSummary = {
  id: string;
  title: string;
  publisher: string | null;
  length: number;
  claim_count: number;
  created: string;
};
export type ErrorCode =
  | "not_a_project"
  | "newer_version"
  | "corrupt_project"
  | "invalid_span"
  | "quote_mismatch"
  | "not_found"
  | "invalid_input"
  | "empty_input"
  | "too_large"
  | "not_text"
  | "io"
  | "database"
  | "no_coder"
  | "no_project";
export type NewClaim = {
  document: string;
  start: number;
  end: number;
  quote: string;
  status: Status;
  speaker: string | null;
  cue: Span | null;
  note: string | null;
};
export type NewSpeaker = { name: string; kind: SpeakerKind; aliases: string[] };
export type Session = { project_path: string; coder: Coder | null; recent_projects: string[] };
export type Source = {
  url: string | null;
  publisher: string | null;
  author: string | null;
  published: string | null;
};
export type Span = { start: number; end: number };
export type Speaker = { id: string; name: string; kind: SpeakerKind; aliases: string[] };
export type SpeakerKind = "person" | "organisation" | "media" | "government" | "other";
export type Status = "attributed" | "disputed" | "unverified";

export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };
