//! W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection whose first (and only)
//! page embeds one Annotation per claim. Valid against the W3C test suite's MUST assertions.
//!
//! How a claim is said, using only the model's own terms and the vocabularies its context
//! (`anno.jsonld`) already declares, so no extension context is needed:
//! - the annotation: `id` `urn:uuid:<claim id>`; `motivation` "classifying", because coding a
//!   claim is classifying a passage (its status); `created`, `modified`; `creator` the coder
//!   (a Person with `name`).
//! - bodies (each with its own `purpose`, and no `id`: the suite takes a body with an `id` and
//!   no `source` for an External Web Resource, which may not have a purpose):
//!   - the status, a TextualBody with purpose "classifying";
//!   - the speaker, a TextualBody with purpose "identifying" (who the claim is from; "tagging"
//!     is left to free tags) whose `schema:about` describes the speaker: `id`
//!     `urn:uuid:<speaker id>`, a schema.org `type` for the kind (Person, Organization,
//!     NewsMediaOrganization, GovernmentOrganization, Thing), `name`, `schema:alternateName`;
//!   - the note, a TextualBody with purpose "commenting";
//!   - the cue, a SpecificResource with purpose "linking" on the same document (a passage
//!     related to the target) with its own position and quote selectors.
//! - the target: a SpecificResource whose `source` is the document (`id`
//!   `urn:uuid:<document id>`, `canonical` the RFC 6920 `ni:///sha-256;…` name of its text, so
//!   a teammate's project that imported the same text under another id still finds it), with a
//!   TextPositionSelector (code points, end exclusive: the model's own unit) and a
//!   TextQuoteSelector (exact, prefix, suffix).
//!
//! Everything a claim holds round-trips through [`write`] then [`read`]: ids (claim, speaker;
//! documents are resolved against the project), offsets, quote, status, speaker with kind and
//! aliases, cue, note, coder name, times. The coder's id does not (coders are matched by name),
//! nor do the document's title and source metadata (the project already has the document).
//!
//! `ids` maps our ids to IRIs and back, `kinds` speaker kinds to schema.org types and back,
//! `write` is the writer, `read` the reader.

mod ids;
mod kinds;
mod read;
mod write;

pub use ids::ni_of;
pub use read::read;
pub use write::{write, write_to};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The coder of annotations that name no creator.
pub const UNKNOWN_CODER: &str = "Unknown (W3C import)";
