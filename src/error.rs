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
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0} is empty: there is no text to import")]
    EmptyInput(String),
    #[error("{what} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { what: String, size: u64, limit: u64 },
    #[error("{what} is not valid text: {reason}")]
    NotText { what: String, reason: String },
    #[error("no coder is set: give your name first")]
    NoCoder,
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
    InvalidInput,
    EmptyInput,
    TooLarge,
    NotText,
    Io,
    Database,
    NoCoder,
    NoProject,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotAProject { .. } => ErrorCode::NotAProject,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::CorruptProject { .. } => ErrorCode::CorruptProject,
            Error::InvalidSpan(_) => ErrorCode::InvalidSpan,
            Error::QuoteMismatch { .. } => ErrorCode::QuoteMismatch,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::EmptyInput(_) => ErrorCode::EmptyInput,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::NotText { .. } => ErrorCode::NotText,
            Error::NoCoder => ErrorCode::NoCoder,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) | Error::Migration(_) => ErrorCode::Database,
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
