//! Our ids as IRIs and back, and the RFC 6920 name of a text, by which a teammate's project
//! finds the same text under another id.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::text::uuid_of_name;

/// The IRI of one of our ids: `urn:uuid:` for the UUIDs the app makes; an id that is already
/// an absolute URI (kept from a foreign file) as it is; anything else as a UUID derived from
/// it (valid, but it does not read back as the same id).
pub(super) fn iri(id: &str) -> String {
    if uuid::Uuid::parse_str(id).is_ok() {
        return format!("urn:uuid:{}", id.to_ascii_lowercase());
    }
    if is_absolute_uri(id) {
        return id.to_owned();
    }
    format!("urn:uuid:{}", uuid_of_name(id.as_bytes()))
}

/// Our id from an IRI: the UUID of `urn:uuid:<uuid>`, otherwise the IRI itself.
pub(super) fn id_of(iri: &str) -> String {
    match iri.get(..9) {
        Some(p)
            if p.eq_ignore_ascii_case("urn:uuid:") && uuid::Uuid::parse_str(&iri[9..]).is_ok() =>
        {
            iri[9..].to_ascii_lowercase()
        }
        _ => iri.to_owned(),
    }
}

/// A scheme and then only characters RFC 3986 allows (so the suite's `uri` format holds).
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
}

/// RFC 6920 name of a text: `ni:///sha-256;` and the unpadded base64url of its SHA-256.
pub fn ni_of(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("ni:///sha-256;{}", URL_SAFE_NO_PAD.encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_texts_are_rfc_6920() {
        // Expected values from Python's hashlib and base64.urlsafe_b64encode, "=" stripped.
        assert_eq!(
            ni_of("abc"),
            "ni:///sha-256;ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"
        );
        assert_eq!(
            ni_of("Zoë 👍🏽"),
            "ni:///sha-256;JZ8A3HULO4ZU78xH6rt4JNI3YnY4u8RVctlQU84pRsg"
        );
    }

    #[test]
    fn ids_become_iris_and_back() {
        let v7 = "01A21290-F1A5-778B-90AE-D56054348C48";
        assert_eq!(iri(v7), "urn:uuid:01a21290-f1a5-778b-90ae-d56054348c48");
        assert_eq!(id_of(&iri(v7)), v7.to_ascii_lowercase());
        assert_eq!(iri("urn:x:1"), "urn:x:1");
        assert_eq!(id_of("urn:x:1"), "urn:x:1");
        // Not a URI: a UUID derived from it (Python's hashlib: SHA-256 of "speaker two", first
        // 16 bytes, version 8, RFC 4122 variant).
        assert_eq!(
            iri("speaker two"),
            "urn:uuid:15e77cc1-7622-8a43-ada7-313afbe3d35e"
        );
        assert!(!is_absolute_uri("a b:c") && !is_absolute_uri("1x:y") && !is_absolute_uri("x:"));
    }
}
