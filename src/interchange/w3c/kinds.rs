//! A speaker's kind as a schema.org type, and back (foaf and full schema.org IRIs read too).

use crate::model::SpeakerKind;

pub(super) fn schema_type(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "schema:Person",
        SpeakerKind::Organisation => "schema:Organization",
        SpeakerKind::Media => "schema:NewsMediaOrganization",
        SpeakerKind::Government => "schema:GovernmentOrganization",
        SpeakerKind::Other => "schema:Thing",
    }
}

pub(super) fn kind_of_type(t: &str) -> Option<SpeakerKind> {
    let local = [
        "schema:",
        "http://schema.org/",
        "https://schema.org/",
        "foaf:",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    Some(match local {
        "Person" => SpeakerKind::Person,
        "Organization" | "Organisation" => SpeakerKind::Organisation,
        "NewsMediaOrganization" => SpeakerKind::Media,
        "GovernmentOrganization" => SpeakerKind::Government,
        "Thing" => SpeakerKind::Other,
        _ => return None,
    })
}
