//! What the review view shows of one document: its units in text order, each with the coders'
//! claims, where they differ, and the decision taken on it.

use serde::Serialize;

use crate::model::{Claim, Decision};

/// A unit for the review view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewUnit {
    /// Names the unit by its claims (the same claims, the same id), so that a script can decide
    /// the unit it listed.
    pub id: String,
    pub start: u32,
    pub end: u32,
    /// The chosen coders' claims in this unit, in the order the coders were chosen.
    pub claims: Vec<Claim>,
    /// Coders (by name) with no claim here.
    pub missing: Vec<String>,
    pub differs: Differences,
    /// The decision in force on this unit, if any.
    pub decision: Option<Decision>,
}

/// The id of the unit made of `claims`: a name-based UUID of their ids, in any order.
pub fn unit_id(claims: &[Claim]) -> String {
    let mut ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    crate::text::uuid_of_name(format!("unit/{}", ids.join(",")).as_bytes()).to_string()
}

/// Where the coders of a unit disagree; a missing coder disagrees on everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Differences {
    pub span: bool,
    pub status: bool,
    pub speaker: bool,
}

impl Differences {
    pub fn of(claims: &[Claim], missing: usize) -> Differences {
        let differ = |f: &dyn Fn(&Claim) -> String| {
            missing > 0 || claims.windows(2).any(|w| f(&w[0]) != f(&w[1]))
        };
        Differences {
            span: differ(&|c| format!("{}..{}", c.start, c.end)),
            status: differ(&|c| c.status.as_str().to_owned()),
            speaker: differ(&|c| {
                c.speaker
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            }),
        }
    }

    pub fn any(self) -> bool {
        self.span || self.status || self.speaker
    }
}
