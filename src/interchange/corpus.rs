//! What an export holds: the documents, speakers, coders and claims of a scope.

use std::collections::HashMap;

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
    /// The documents in scope (with or without claims).
    pub documents: Vec<Document>,
    /// The speakers that claims in scope refer to.
    pub speakers: Vec<Speaker>,
    /// The coders of the claims in scope.
    pub coders: Vec<Coder>,
    pub claims: Vec<Claim>,
}

impl Corpus {
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| &s.id == id)
    }

    pub fn coder(&self, id: &CoderId) -> Option<&Coder> {
        self.coders.iter().find(|c| &c.id == id)
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
