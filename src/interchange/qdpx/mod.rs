//! REFI-QDA project exchange (.qdpx), the format of NVivo, ATLAS.ti, MAXQDA, QualCoder and
//! others: a ZIP holding `project.qde` (XML, namespace `urn:QDA-XML:project:1.0`, valid against
//! the standard's Project.xsd) and each document's plain text as `sources/<guid>.txt`.
//!
//! The mapping:
//! - coders are Users (guid = coder id);
//! - the CodeBook has a parent code "Status" (not codable) with the codes Attributed, Disputed
//!   and Unverified, a parent "Speakers" (not codable) with one code per speaker (guid = speaker
//!   id; its kind and aliases as `kind: …` / `alias: …` lines of the Description), and a code
//!   "Cue" for attribution cues; the guids of the codes that are not speakers are derived from
//!   fixed names, so they are the same in every export;
//! - documents are TextSources (guid = document id, name = title, text in `sources/`); their
//!   source metadata are Text Variables (URL, Publisher, Author, Published);
//! - a claim is a PlainTextSelection (guid = claim id; positions in code points, end exclusive,
//!   as the standard's "first character is 0" and its example use; Description = the note)
//!   with one Coding of its status and, when it has one, one of its speaker;
//! - a claim's cue is a PlainTextSelection coded "Cue", joined to the claim by a Link named
//!   "cue" from the claim's selection to the cue's.
//!
//! Reading maps a foreign project as far as it can and says in the notes what it could not
//! keep: codes that are neither a status nor a speaker, selections without a status (skipped),
//! non-text sources, memos, variables and structures it does not read.
//!
//! `ids` holds the GUIDs, `write` the writer, `read` the reader; the names below are the
//! format's vocabulary, shared by both.

mod ids;
mod read;
mod write;

use crate::model::Status;

pub use ids::{derived_guid, normalise_guid};
pub use read::read;
pub use write::write;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
pub const PROJECT_FILE: &str = "project.qde";
/// What `write` puts in `Project@name` and `Project@origin`.
pub const PROJECT_NAME: &str = "Claimcoder export";
pub const ORIGIN: &str = "Claimcoder";
/// The most a read unpacks (project.qde and the texts together): a guard against zip bombs.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
const INTERNAL: &str = "internal://";
const SOURCES_DIR: &str = "sources/";
const UNKNOWN_CODER: &str = "unknown coder";

const STATUS_PARENT: &str = "Status";
const SPEAKERS_PARENT: &str = "Speakers";
const CUE_CODE: &str = "Cue";
const CUE_LINK: &str = "cue";

/// (URL, Publisher, Author, Published): the variables that carry a document's source.
const VARIABLES: [&str; 4] = ["URL", "Publisher", "Author", "Published"];

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Attributed => "Attributed",
        Status::Disputed => "Disputed",
        Status::Unverified => "Unverified",
    }
}

/// [`write`] to a stream.
pub fn write_to(
    c: &crate::interchange::Corpus,
    out: &mut dyn std::io::Write,
) -> crate::error::Result<()> {
    super::emit(out, write(c))
}
