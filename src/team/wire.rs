//! What travels over HTTP, as serde JSON. The model's enums (status, speaker kind, decision
//! action) and spans come from the model, so a value means the same on both sides. The team
//! server and the desktop's sync client share this one definition.

use crate::model::{DecisionAction, Span, SpeakerKind, Status};
use serde::{Deserialize, Serialize};

/// What a member may do in a team project (see the roles matrix in the server's README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Invites people, shares documents, edits speakers.
    Lead,
    /// Adjudicates: writes the gold coder's claims and the decisions.
    Reviewer,
    /// Writes their own claims only.
    Coder,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Reviewer => "reviewer",
            Role::Coder => "coder",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Lead, Role::Reviewer, Role::Coder]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// `POST /projects/{id}/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// Chosen by the client (a UUID) and kept until the answer arrives: sending the same batch
    /// again returns the stored answer and applies nothing twice.
    pub batch_id: String,
    pub changes: Vec<Change>,
}

/// One change. `base_version` is the version of that row the client last saw (0 for a row it
/// created): if the row has changed since, the item is stale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    Document {
        base_version: i64,
        document: WireDocument,
    },
    Speaker {
        base_version: i64,
        speaker: WireSpeaker,
    },
    Claim {
        base_version: i64,
        claim: WireClaim,
    },
    ClaimDelete {
        base_version: i64,
        id: String,
        /// The claim's coder (its owner).
        coder: String,
        /// When it was deleted (RFC 3339): a newer edit elsewhere wins over an older deletion.
        modified: String,
    },
    Decision {
        base_version: i64,
        decision: WireDecision,
    },
}

impl Change {
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Document { .. } => "document",
            Change::Speaker { .. } => "speaker",
            Change::Claim { .. } | Change::ClaimDelete { .. } => "claim",
            Change::Decision { .. } => "decision",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Change::Document { document, .. } => &document.id,
            Change::Speaker { speaker, .. } => &speaker.id,
            Change::Claim { claim, .. } => &claim.id,
            Change::ClaimDelete { id, .. } => id,
            Change::Decision { decision, .. } => &decision.id,
        }
    }

    pub fn base_version(&self) -> i64 {
        match self {
            Change::Document { base_version, .. }
            | Change::Speaker { base_version, .. }
            | Change::Claim { base_version, .. }
            | Change::ClaimDelete { base_version, .. }
            | Change::Decision { base_version, .. } => *base_version,
        }
    }
}

/// A document: immutable once shared; matched across machines by the SHA-256 of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDocument {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Hex SHA-256 of the UTF-8 text; checked.
    pub sha256: String,
    #[serde(default)]
    pub source: WireSource,
    /// The document this one is a new version of, when it is one.
    #[serde(default)]
    pub previous_version: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSource {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSpeaker {
    pub id: String,
    pub name: String,
    pub kind: SpeakerKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A claim, offsets in code points of its document's text, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireClaim {
    pub id: String,
    pub document: String,
    pub start: u32,
    pub end: u32,
    /// Checked against the document's text.
    pub quote: String,
    /// Filled in by the server from the text when absent.
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub suffix: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub cue: Option<Span>,
    #[serde(default)]
    pub note: Option<String>,
    /// Its owner: the pushing member's own name, or the gold coder for a reviewer.
    pub coder: String,
    pub created: String,
    /// When the coder last changed it (RFC 3339): the newer of two edits wins.
    pub modified: String,
}

/// An adjudication decision; the gold claim it made travels as a claim of the gold coder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDecision {
    pub id: String,
    pub document: String,
    pub unit_start: u32,
    pub unit_end: u32,
    pub action: DecisionAction,
    /// The coders' claims considered.
    pub considered: Vec<String>,
    /// The gold claim made (none for a rejection).
    #[serde(default)]
    pub result: Option<String>,
    pub reason: String,
    pub decided_at: String,
    #[serde(default)]
    pub undone_at: Option<String>,
}

/// What became of one pushed item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied, with its new version.
    #[default]
    Accepted,
    /// The server already had exactly this: nothing written, `version` is the row's.
    Unchanged,
    /// The row changed since `base_version` and this edit lost (it is older, or the row is not
    /// one where the newer edit wins): kept in the record, `version` is the row's current one.
    Stale,
    /// A speaker whose name or alias the team already has: `into` is that speaker's id.
    Merged,
    /// A document whose text the team already has under another id: `into` is that id.
    Duplicate,
    /// Not applied: `code` and `message` say why.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub index: usize,
    pub kind: String,
    pub id: String,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    /// Accepted over a row that changed since `base_version` (an older edit): that row's
    /// version, whose state is kept in the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub batch_id: String,
    /// True when this is the stored answer of a batch applied before.
    pub replayed: bool,
    /// The project's latest version when the batch was applied.
    pub latest: i64,
    pub results: Vec<ItemResult>,
}

/// `GET /projects/{id}/changes?after=V&limit=N`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangesPage {
    pub changes: Vec<LogEntry>,
    /// The project's latest version in the same snapshot as the page.
    pub latest: i64,
    /// More changes follow the last one of this page.
    pub has_more: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    pub version: i64,
    pub kind: String,
    pub id: String,
    /// `upsert` or `delete`.
    pub op: String,
    pub owner: Option<String>,
    /// The member who pushed it.
    pub author: String,
    pub at: String,
    /// The row as it is after this change (null for a deletion); passed through as PostgreSQL
    /// holds it, not parsed and written again.
    pub body: Option<Box<serde_json::value::RawValue>>,
}

/// `GET /projects/{id}/summary`: what the client compares after a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub latest: i64,
    pub documents: i64,
    pub speakers: i64,
    pub decisions: i64,
    pub owners: Vec<OwnerSummary>,
}

/// One coder's live claims: how many, and the hex SHA-256 of `"<id>:<version>\n"` for each,
/// sorted by id (byte order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerSummary {
    pub owner: String,
    pub claims: i64,
    pub hash: String,
}

/// `GET /projects/{id}/me`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    pub project_id: String,
    pub project_name: String,
    pub member_id: String,
    pub name: String,
    pub role: Role,
    pub latest: i64,
}

/// `POST /projects/{id}/members` (lead only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub expires_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invited {
    pub member_id: String,
    pub name: String,
    pub role: Role,
    /// Shown once: only its hash is kept.
    pub token: String,
    pub expires_at: String,
}

/// A member as `GET members` lists them (never a token).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemberInfo {
    pub member_id: String,
    pub name: String,
    pub role: Role,
}

/// `PATCH /projects/{id}/members/{member}` (lead only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: Role,
}

/// `POST /projects/{id}/members/{member}/revoke` (lead only).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revoked {
    pub member_id: String,
    pub tokens_revoked: u64,
}
