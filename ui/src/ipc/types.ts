// The IPC data types, re-exported so that no module but src/ipc names the generated file.
export type {
  AppError,
  Claim,
  ClaimEdit,
  ClaimNote,
  Coder,
  Document,
  DocumentSummary,
  ErrorCode,
  ExportFormat,
  ExportScope,
  ExportSummary,
  ImportReport,
  NewClaim,
  NewSpeaker,
  Session,
  Source,
  Span,
  Speaker,
  SpeakerKind,
  Status,
} from "../bindings";

import type { SpeakerKind, Status } from "../bindings";

export const STATUSES: readonly Status[] = ["attributed", "disputed", "unverified"];
export const SPEAKER_KINDS: readonly SpeakerKind[] = [
  "person",
  "organisation",
  "media",
  "government",
  "other",
];
