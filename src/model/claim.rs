use serde::{Deserialize, Serialize};

use super::{ClaimId, CoderId, DocumentId, SpeakerId, Timestamp};

/// How a claim stands: exactly one of three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The text attributes the claim to a source.
    Attributed,
    /// The claim is contested in or beyond the text.
    Disputed,
    /// Asserted with no attribution or support.
    Unverified,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Attributed, Status::Disputed, Status::Unverified];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Attributed => "attributed",
            Status::Disputed => "disputed",
            Status::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A span of code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A coded span of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Claim {
    pub id: ClaimId,
    pub document: DocumentId,
    pub start: u32,
    pub end: u32,
    /// The exact text at start..end.
    pub quote: String,
    /// Up to [`crate::text::CONTEXT_CHARS`] code points before and after the quote, so the
    /// claim can be found again if offsets ever disagree with the text.
    pub prefix: String,
    pub suffix: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    /// The words that signal attribution ("said", "according to"), as their own span.
    pub cue: Option<Span>,
    pub note: Option<String>,
    pub coder: CoderId,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// A document's claims in the few bytes the app's reader and lists need (the `list_claims`
/// command): no document id (the caller named it), no quote context (exports and re-anchoring
/// read it from the project), no times, and each coder once. Opening a book with 10,000 claims
/// moved 4.9 MB of `Claim`s through the window's IPC, most of the opening's time; this is a
/// third of that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimList {
    pub document: DocumentId,
    /// The coders of the claims, each once; a row names its coder by its place here.
    pub coders: Vec<CoderId>,
    pub rows: Vec<ClaimRow>,
}

/// One claim of a [`ClaimList`], as an array: id, start, end, quote, status, speaker, cue,
/// note, and its coder's place in the list's `coders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimRow(
    pub ClaimId,
    pub u32,
    pub u32,
    pub String,
    pub Status,
    pub Option<SpeakerId>,
    pub Option<Span>,
    pub Option<String>,
    pub u32,
);

impl ClaimList {
    /// An empty list of `document`'s claims.
    pub fn new(document: DocumentId) -> ClaimList {
        ClaimList {
            document,
            coders: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The place of `coder` in `coders`, added when it is not there yet (a document has a
    /// handful of coders: a scan beats a map).
    pub fn coder_place(&mut self, coder: CoderId) -> u32 {
        let i = match self.coders.iter().position(|k| *k == coder) {
            Some(i) => i,
            None => {
                self.coders.push(coder);
                self.coders.len() - 1
            }
        };
        u32::try_from(i).unwrap_or(u32::MAX)
    }
}

/// What a coder gives to make a claim; the quote is checked against the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewClaim {
    pub document: DocumentId,
    pub start: u32,
    pub end: u32,
    pub quote: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub cue: Option<Span>,
    pub note: Option<String>,
}

/// The complete new state of a claim's editable fields (so undo is an edit back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClaimEdit {
    pub id: ClaimId,
    pub start: u32,
    pub end: u32,
    pub quote: String,
    pub status: Status,
    pub speaker: Option<SpeakerId>,
    pub cue: Option<Span>,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(n: u8, coder: &str) -> Claim {
        Claim {
            id: ClaimId(format!("c{n}")),
            document: DocumentId("d".into()),
            start: u32::from(n),
            end: u32::from(n) + 2,
            quote: format!("q{n}"),
            prefix: "before".into(),
            suffix: "after".into(),
            status: Status::Disputed,
            speaker: (n == 2).then(|| SpeakerId("s".into())),
            cue: (n == 3).then_some(Span { start: 0, end: 1 }),
            note: (n == 1).then(|| "a note".into()),
            coder: CoderId(coder.into()),
            created: "2026-01-01T00:00:00.000Z".into(),
            modified: "2026-01-02T00:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_claim_list_names_each_coder_once_and_keeps_what_the_app_shows() {
        let claims = [claim(1, "ana"), claim(2, "ben"), claim(3, "ana")];
        let mut list = ClaimList::new(DocumentId("d".into()));
        for c in claims.clone() {
            let k = list.coder_place(c.coder);
            list.rows.push(ClaimRow(
                c.id, c.start, c.end, c.quote, c.status, c.speaker, c.cue, c.note, k,
            ));
        }
        assert_eq!(
            list.coders,
            vec![CoderId("ana".into()), CoderId("ben".into())]
        );
        let coders: Vec<u32> = list.rows.iter().map(|r| r.8).collect();
        assert_eq!(coders, vec![0, 1, 0]);
        let json = serde_json::to_string(&list.rows[1]).unwrap();
        assert_eq!(json, r#"["c2",2,4,"q2","disputed","s",null,null,1]"#);
        // The context and times stay in the project: far fewer bytes than the claims.
        let full = serde_json::to_string(&claims).unwrap();
        let slim = serde_json::to_string(&list).unwrap();
        assert!(slim.len() * 2 < full.len(), "{slim}");
    }
}
