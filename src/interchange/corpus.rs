//! What an export holds: the documents, speakers, coders and claims of a scope.

use foldhash::{HashMap, HashMapExt as _};

use serde::{Deserialize, Serialize};

use crate::model::{Claim, Coder, CoderId, Document, DocumentId, Speaker, SpeakerId, Status};

/// Which claims an export takes. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportScope {
    /// Only this coder's claims (by name, case-insensitive).
    pub coder: Option<String>,
    /// Only these documents.
    pub documents: Vec<DocumentId>,
    /// Only claims with these statuses.
    pub statuses: Vec<Status>,
}

/// The gathered contents of an export, in a stable order: documents by creation, claims by
/// document then text order, speakers and coders by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    /// Positions by id, so writers look each claim's document, speaker and coder up in O(1)
    /// (a scan per claim is quadratic on a large project). Built by [`Corpus::new`]; a lookup
    /// that misses it falls back to a scan, so it can never give a wrong answer.
    positions: Positions,
    /// The documents in scope (with or without claims).
    pub documents: Vec<Document>,
    /// The speakers that claims in scope refer to.
    pub speakers: Vec<Speaker>,
    /// The coders of the claims in scope.
    pub coders: Vec<Coder>,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Default)]
struct Positions {
    documents: HashMap<DocumentId, usize>,
    speakers: HashMap<SpeakerId, usize>,
    coders: HashMap<CoderId, usize>,
}

// Derived data: two corpora are equal when their contents are.
impl PartialEq for Positions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Positions {}

fn find<'a, K: std::hash::Hash + Eq, T>(
    items: &'a [T],
    at: &HashMap<K, usize>,
    id: &K,
    key: impl Fn(&T) -> &K,
) -> Option<&'a T> {
    at.get(id)
        .and_then(|&i| items.get(i))
        .filter(|t| key(t) == id)
        .or_else(|| items.iter().find(|t| key(t) == id))
}

impl Corpus {
    pub fn new(
        documents: Vec<Document>,
        speakers: Vec<Speaker>,
        coders: Vec<Coder>,
        claims: Vec<Claim>,
    ) -> Corpus {
        let positions = Positions {
            documents: documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.clone(), i))
                .collect(),
            speakers: speakers
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
            coders: coders
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
        };
        Corpus {
            positions,
            documents,
            speakers,
            coders,
            claims,
        }
    }

    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        find(&self.documents, &self.positions.documents, id, |d| &d.id)
    }

    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        find(&self.speakers, &self.positions.speakers, id, |s| &s.id)
    }

    pub fn coder(&self, id: &CoderId) -> Option<&Coder> {
        find(&self.coders, &self.positions.coders, id, |c| &c.id)
    }

    /// Claims grouped by document, in document order.
    pub fn claims_by_document(&self) -> Vec<(&Document, Vec<&Claim>)> {
        let mut by: HashMap<&DocumentId, Vec<&Claim>> = HashMap::new();
        for c in &self.claims {
            by.entry(&c.document).or_default().push(c);
        }
        self.documents
            .iter()
            .map(|d| (d, by.remove(&d.id).unwrap_or_default()))
            .collect()
    }

    /// The one coder of every claim, when there is exactly one.
    pub fn single_coder(&self) -> Option<&Coder> {
        match self.coders.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }
}
