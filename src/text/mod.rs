//! Text anchoring: code-point offsets, quotes and their context. Rust strings are UTF-8 and
//! the UI works in UTF-16; both convert here, at their edge, and nothing else sees another unit.

mod anchor;
mod approx;
mod carry;
mod diffmap;
mod identity;
mod names;
mod offsets;
mod reanchor;

pub use anchor::{Anchor, IndexedText, CONTEXT_CHARS};
pub use approx::{approx_find, edit_distance, ApproxMatch};
pub use carry::{Carrier, OldSpan, Placed, Placement};
pub use diffmap::OffsetMap;
pub use identity::{sha256_hex, uuid_of_name};
pub use names::{same_speaker, NameKey, NameMatch};
pub use offsets::{byte_of_cp, cp_len, cp_of_utf16, slice_cp, utf16_of_cp};
pub use reanchor::{occurrences, reanchor, Found, Occurrence};
