//! Typed errors. Each carries a stable [`ErrorCode`] so that clients classify errors without
//! matching message strings.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path} is not a Claimcoder project ({reason})")]
    NotAProject { path: PathBuf, reason: String },
    #[error("{path} was written by a newer version of Claimcoder (project format {found}; this version reads up to {supported}); update Claimcoder to open it")]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is damaged and cannot be opened: {reason}")]
    CorruptProject { path: PathBuf, reason: String },
    #[error("invalid span: {0}")]
    InvalidSpan(String),
    #[error("the quote does not match the document's text at {start}..{end}: expected {expected:?}, got {given:?}")]
    QuoteMismatch {
        start: usize,
        end: usize,
        expected: String,
        given: String,
    },
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },
    #[error("no {entity} is called {name:?}")]
    UnknownName { entity: &'static str, name: String },
    /// A file of outside data (an annotation set, a standard format) that cannot be read.
    #[error("{what}: {reason}")]
    InvalidFile { what: String, reason: String },
    #[error("{what}: files of this kind cannot be imported (use {accepted})")]
    UnsupportedFile { what: String, accepted: String },
    /// The export's data contradicts itself (a claim outside its document, say).
    #[error("cannot export: {0}")]
    CannotExport(String),
    #[error("{0} cannot be empty")]
    EmptyName(String),
    #[error("{what} is longer than {limit} characters")]
    TooLong { what: String, limit: usize },
    #[error("a speaker called {0:?} already exists")]
    SpeakerExists(String),
    #[error("claim {id} already exists {detail}")]
    ClaimExists { id: String, detail: String },
    #[error("this unit was already decided ({action} by {by} at {at}); undo that decision first")]
    AlreadyDecided {
        action: String,
        by: String,
        at: String,
    },
    #[error("{title:?} has {claims} claims: delete them with it, or keep the document")]
    HasClaims { title: String, claims: u32 },
    #[error("{title:?} has a later version: delete the later versions first")]
    HasLaterVersion { title: String },
    #[error("{title:?} has review decisions: the audit trail keeps the document")]
    HasDecisions { title: String },
    #[error("decision {0} was already undone")]
    AlreadyUndone(String),
    /// A decision that does not say what it decides from, or draws on claims it may not use.
    #[error("{0}")]
    InvalidDecision(String),
    /// An option out of its range or naming something unknown (a threshold, a coder, a format).
    #[error("{0}")]
    InvalidOption(String),
    /// Claims of an import were refused, so the files holding them imported nothing.
    #[error("{0}")]
    ClaimsRefused(String),
    #[error("{0} is empty: there is no text to import")]
    EmptyInput(String),
    #[error("{what} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { what: String, size: u64, limit: u64 },
    #[error("{what} is not valid text: {reason}")]
    NotText { what: String, reason: String },
    #[error("no coder is set: give your name first")]
    NoCoder,
    /// The disk holding the project (or a file being written) has no space left.
    #[error("the disk is full: {path} cannot be saved (nothing of this change was written); free some space and try again")]
    NoSpace { path: PathBuf },
    /// The project is open read-only, or cannot be opened for writing.
    #[error("{path} is read-only ({reason}): changes cannot be saved")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("this project is not linked to a team project: link it first (claimcoder team link URL --token TOKEN)")]
    NotLinked,
    /// The team server cannot be reached: the project works on offline and syncs later.
    #[error("the team server at {server} cannot be reached ({reason}); your work is kept here and syncs when it is back")]
    TeamOffline { server: String, reason: String },
    /// The team server refused the token (unknown, revoked, expired) or the operation.
    #[error("the team server refused: {0}")]
    TeamRefused(String),
    /// Any other answer of the team server that is not what was asked for.
    #[error("the team server answered with an error: {0}")]
    TeamServer(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// Stable classification of an [`Error`], shown to clients alongside the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotAProject,
    NewerVersion,
    CorruptProject,
    InvalidSpan,
    QuoteMismatch,
    NotFound,
    InvalidFile,
    UnsupportedFile,
    CannotExport,
    EmptyInput,
    TooLong,
    SpeakerExists,
    ClaimExists,
    AlreadyDecided,
    AlreadyUndone,
    HasClaims,
    HasDecisions,
    HasLaterVersion,
    InvalidDecision,
    InvalidOption,
    ClaimsRefused,
    TooLarge,
    NotText,
    Io,
    Database,
    NoCoder,
    // The disk is full: the change was not saved; free some space.
    NoSpace,
    // The project is read-only: nothing can be changed in it.
    ReadOnly,
    NotLinked,
    TeamOffline,
    TeamRefused,
    TeamServer,
}

/// An error as clients receive it, across the desktop shell's IPC or in a per-file report: its
/// stable code, which they act on, and its message, which they show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError::from(&e)
    }
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> Self {
        AppError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotAProject { .. } => ErrorCode::NotAProject,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::CorruptProject { .. } => ErrorCode::CorruptProject,
            Error::InvalidSpan(_) => ErrorCode::InvalidSpan,
            Error::QuoteMismatch { .. } => ErrorCode::QuoteMismatch,
            Error::NotFound { .. } | Error::UnknownName { .. } => ErrorCode::NotFound,
            Error::InvalidFile { .. } => ErrorCode::InvalidFile,
            Error::UnsupportedFile { .. } => ErrorCode::UnsupportedFile,
            Error::CannotExport(_) => ErrorCode::CannotExport,
            Error::EmptyInput(_) | Error::EmptyName(_) => ErrorCode::EmptyInput,
            Error::TooLong { .. } => ErrorCode::TooLong,
            Error::SpeakerExists(_) => ErrorCode::SpeakerExists,
            Error::ClaimExists { .. } => ErrorCode::ClaimExists,
            Error::AlreadyDecided { .. } => ErrorCode::AlreadyDecided,
            Error::AlreadyUndone(_) => ErrorCode::AlreadyUndone,
            Error::HasClaims { .. } => ErrorCode::HasClaims,
            Error::HasDecisions { .. } => ErrorCode::HasDecisions,
            Error::HasLaterVersion { .. } => ErrorCode::HasLaterVersion,
            Error::InvalidDecision(_) => ErrorCode::InvalidDecision,
            Error::InvalidOption(_) => ErrorCode::InvalidOption,
            Error::ClaimsRefused(_) => ErrorCode::ClaimsRefused,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::NotText { .. } => ErrorCode::NotText,
            Error::NoCoder => ErrorCode::NoCoder,
            Error::NoSpace { .. } => ErrorCode::NoSpace,
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
            Error::NotLinked => ErrorCode::NotLinked,
            Error::TeamOffline { .. } => ErrorCode::TeamOffline,
            Error::TeamRefused(_) => ErrorCode::TeamRefused,
            Error::TeamServer(_) => ErrorCode::TeamServer,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) | Error::Migration(_) => ErrorCode::Database,
        }
    }

    /// A reader's refusal of the file `what`.
    pub(crate) fn invalid_file(what: &str, reason: impl Into<String>) -> Self {
        Error::InvalidFile {
            what: what.to_owned(),
            reason: reason.into(),
        }
    }

    /// This error as it concerns the project file at `path`: a full disk or a read-only file
    /// reported by SQLite or the system becomes [`Error::NoSpace`] or [`Error::ReadOnly`]
    /// naming the file, instead of a raw database or system message.
    pub(crate) fn at_file(self, path: &std::path::Path) -> Self {
        use rusqlite::ErrorCode as Sql;
        let sqlite = match &self {
            Error::Database(rusqlite::Error::SqliteFailure(f, msg)) => Some((f, msg)),
            Error::Migration(rusqlite_migration::Error::RusqliteError {
                err: rusqlite::Error::SqliteFailure(f, msg),
                ..
            }) => Some((f, msg)),
            _ => None,
        };
        let full = match (&self, sqlite) {
            (_, Some((f, _))) => f.code == Sql::DiskFull,
            (Error::Io { source, .. }, None) => {
                source.kind() == std::io::ErrorKind::StorageFull
                    || source.raw_os_error() == Some(28) // ENOSPC
            }
            _ => false,
        };
        if full {
            return Error::NoSpace {
                path: path.to_owned(),
            };
        }
        match sqlite {
            Some((f, msg)) if f.code == Sql::ReadOnly => Error::ReadOnly {
                path: path.to_owned(),
                reason: msg
                    .clone()
                    .unwrap_or_else(|| "the file cannot be written".into()),
            },
            // A damaged page met while reading (a project opened read-only after failing its
            // check): said as what it is, with the file, not as a bare database error.
            Some((f, msg)) if matches!(f.code, Sql::DatabaseCorrupt | Sql::NotADatabase) => {
                Error::CorruptProject {
                    path: path.to_owned(),
                    reason: msg
                        .clone()
                        .unwrap_or_else(|| "the database disk image is malformed".into()),
                }
            }
            _ => self,
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
