//! Annotation sets and standard formats: one module per format, each with its writer (and
//! reader where the format comes back in). Writers take a [`Corpus`], the one gathered view of
//! what a scope exports, so every format exports the same claims.

pub mod corpus;
pub mod merge;
pub mod set;

pub use corpus::{Corpus, ExportScope};

/// A foreign format read into an annotation set, with what reading it had to map or could not
/// say (never dropped silently): the import report shows these notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSet {
    pub set: set::AnnotationSet,
    pub notes: Vec<String>,
}
