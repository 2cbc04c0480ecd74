// The IPC data types, re-exported so that no module but src/ipc names the generated file.
export type {
  Agreement,
  AgreementOptions,
  AlphaDetail,
  AppError,
  ChromeLine,
  ChromePreview,
  Attention,
  CarriedClaim,
  ClaimPlacement,
  ClaimToReview,
  DocumentVersion,
  HitKind,
  Orphan,
  Placement,
  ReviewReason,
  SearchHit,
  VersionImport,
  Backup,
  SyncPhase,
  SyncReport,
  TeamState,
  TeamStatus,
  FileResult,
  FileOutcome,
  SkipReason,
  Kept,
  Restored,
  Chosen,
  CoderBreakdown,
  Decision,
  DecisionAction,
  Differences,
  DocumentAgreement,
  EditedClaim,
  NewDecision,
  ReviewUnit,
  SpanAgreement,
  SpanPair,
  SpeakerAgreement,
  StatusAgreement,
  StatusBreakdown,
  StatusPair,
  ClaimEdit,
  ClaimList,
  ClaimRow,
  ClaimNote,
  Coder,
  Document,
  DocumentEdit,
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
  SpeakerEdit,
  SpeakerKind,
  SpeakerMerge,
  SpeakerUnmerge,
  SpeakerUse,
  CoderCount,
  MergeSuggestion,
  NameMatch,
  Status,
} from "../bindings";

import type { Claim as StoredClaim, SpeakerKind, Status } from "../bindings";

/** A claim as the core stores it, with its quote's context and times (what a deleted claim is
 * restored from). */
export type { StoredClaim };
/** A claim as the app shows and edits it: what `list_claims` carries (ipc/claimList.ts); a
 * StoredClaim is one too. */
export type Claim = Omit<StoredClaim, "prefix" | "suffix" | "created" | "modified">;

/** Shared with the core: the coder whose claims are the gold set, and the overlap (Jaccard
 * index) from which claims form one unit unless the user chooses another. */
export { GOLD_CODER, DEFAULT_MIN_JACCARD, MAX_IMPORT_BYTES, MAX_SEARCH_HITS } from "../bindings";

export const STATUSES: readonly Status[] = ["attributed", "disputed", "unverified"];
/** Each status's badge letter and its name for people, for every pane that shows them (typed
 * by Status: a status added in Rust fails the type check until it has both). */
export const STATUS_LETTER: Record<Status, string> = { attributed: "A", disputed: "D", unverified: "U" };
export const STATUS_LABEL: Record<Status, string> = { attributed: "Attributed", disputed: "Disputed", unverified: "Unverified" };
export const SPEAKER_KINDS: readonly SpeakerKind[] = [
  "person",
  "organisation",
  "media",
  "government",
  "other",
];
/** Each speaker kind's name for people (typed by SpeakerKind, like the statuses'). */
export const KIND_LABEL: Record<SpeakerKind, string> = {
  person: "Person",
  organisation: "Organisation",
  media: "Media outlet",
  government: "Government body",
  other: "Other",
};
