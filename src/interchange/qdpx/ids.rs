//! The GUIDs of an export: our own ids where they are GUIDs, and name-based ones derived from
//! fixed names, so that the codebook, codings and links get the same GUIDs in every export.

use crate::model::Status;
use crate::text::uuid_of_name;

use super::VARIABLES;

/// A name-based GUID (UUID version 8 over SHA-256 of `claimcoder/qdpx/{name}`): the same name
/// gives the same GUID in every export, which keeps the codebook stable across exports and
/// projects.
pub fn derived_guid(name: &str) -> String {
    uuid_of_name(format!("claimcoder/qdpx/{name}").as_bytes())
        .hyphenated()
        .to_string()
}

/// `s` as a GUID of the schema's form (lowercase, no braces), or `None` when it is not one.
/// Braces and any case are accepted; the other forms the uuid crate reads (32 bare digits, a
/// `urn:uuid:` prefix) are not GUIDs of the schema, so they are refused.
pub fn normalise_guid(s: &str) -> Option<String> {
    let s = s.trim();
    let hyphenated_or_braced = matches!(s.len(), 36 | 38);
    let guid = uuid::Uuid::try_parse(s)
        .ok()
        .filter(|_| hyphenated_or_braced)?;
    Some(guid.hyphenated().to_string())
}

/// The GUID of one of our ids: the id itself when it is a GUID (ours are UUID v7), else one
/// derived from it (an id that came in from a foreign format).
pub(super) fn guid_of(kind: &str, id: &str) -> String {
    normalise_guid(id).unwrap_or_else(|| derived_guid(&format!("{kind}/{id}")))
}

pub(super) fn status_guid(s: Status) -> String {
    derived_guid(&format!("code/status/{}", s.as_str()))
}

pub(super) fn cue_guid() -> String {
    derived_guid("code/cue")
}

/// The GUID of the variable `VARIABLES[i]`.
pub(super) fn variable_guid(i: usize) -> String {
    derived_guid(&format!("variable/{}", VARIABLES[i].to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_normalised_or_refused() {
        let g = "9E8D7C6B-5A49-4382-B1A0-F9E8D7C6B5A4";
        let want = Some("9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4".to_owned());
        assert_eq!(normalise_guid(g), want);
        assert_eq!(normalise_guid(&format!("{{{g}}}")), want);
        assert_eq!(normalise_guid(&format!(" {g}\n")), want);
        for bad in [
            "",
            "code-1",
            "9e8d7c6b5a494382b1a0f9e8d7c6b5a4",
            "{9e8d7c6b5a494382b1a0f9e8d7c6b5a4}",
            "urn:uuid:9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
            "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5ag",
            "9e8d7c6b5-a49-4382-b1a0-f9e8d7c6b5a4",
            "{9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
            "(9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4)",
        ] {
            assert_eq!(normalise_guid(bad), None, "{bad}");
        }
    }

    #[test]
    fn derived_guids_are_stable_version_8_guids() {
        // Expected values from Python's hashlib: the first 16 bytes of the SHA-256 of
        // "claimcoder/qdpx/<name>", version nibble 8, RFC 4122 variant.
        assert_eq!(
            derived_guid("code/status/attributed"),
            "d2ed65ff-db43-89c7-aba6-c64474d1bcf8"
        );
        assert_eq!(
            guid_of("claim", "urn:x:1"),
            "15107364-a0bb-8a78-b374-57c3cdfb7961"
        );
        // Our ids are GUIDs already and are kept.
        let v7 = "01a21290-f1a5-778b-90ae-d56054348c48";
        assert_eq!(guid_of("claim", v7), v7);
    }
}
