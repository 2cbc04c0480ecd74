//! Speakers: the one way a speaker enters a project, edits of its name, kind and aliases, and
//! merging two speakers that are one (teammates' "Antonov" and "Anatoly Antonov"). Every change
//! is one transaction with its change record; a merge moves each claim through the checked
//! claim path.

use serde::{Deserialize, Serialize};

use super::{claim_writes, clean_name, Project};
use crate::error::{Error, Result};
use crate::model::{Claim, CoderId, NewSpeaker, Speaker, SpeakerEdit, SpeakerId};
use crate::store::changes::{self, Action};
use crate::store::{claims, coders, speakers};
use crate::text::{IndexedText, NameKey, NameMatch};

/// What merging two speakers did, with what undoing it needs (`Project::unmerge_speakers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerMerge {
    /// The speaker that remains, with the other's name and aliases among its aliases.
    pub speaker: Speaker,
    /// The claims that cited the merged speaker and now cite this one.
    pub claims: Vec<Claim>,
    /// The speaker that remains, as it was before the merge.
    pub before: Speaker,
    /// The speaker that was merged and is gone, as it was.
    pub merged: Speaker,
}

/// What undoing a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerUnmerge {
    /// The speaker that remained, as it was before the merge.
    pub kept: Speaker,
    /// The merged speaker, back with its id.
    pub restored: Speaker,
    /// The claims that cite it again.
    pub claims: Vec<Claim>,
}

/// A speaker with how many claims cite it, by coder: what the speakers pane lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerUse {
    pub speaker: Speaker,
    /// Claims citing it, all coders together.
    pub claims: u32,
    /// Claims citing it by coder name, in coder order; coders with none are left out.
    pub by_coder: Vec<CoderCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CoderCount {
    pub coder: String,
    pub claims: u32,
}

/// Two speakers that may be one, offered for merging (never merged without the analyst).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeSuggestion {
    pub a: SpeakerId,
    pub b: SpeakerId,
    /// The names (or aliases) of each that matched.
    pub a_name: String,
    pub b_name: String,
    pub reason: NameMatch,
}

impl Project {
    pub fn speakers(&self) -> Result<Vec<Speaker>> {
        self.store.read(speakers::list)
    }

    /// Every speaker with its claim counts by coder, by name.
    pub fn speaker_uses(&self) -> Result<Vec<SpeakerUse>> {
        self.store.read(|c| {
            let coders = coders::list(c)?;
            let counts = claims::count_by_speaker_and_coder(c)?;
            Ok(speakers::list(c)?
                .into_iter()
                .map(|speaker| {
                    let by_coder: Vec<CoderCount> = coders
                        .iter()
                        .filter_map(|k| {
                            let n = counts
                                .get(&(speaker.id.clone(), k.id.clone()))
                                .copied()
                                .unwrap_or(0);
                            (n > 0).then(|| CoderCount {
                                coder: k.name.clone(),
                                claims: n,
                            })
                        })
                        .collect();
                    SpeakerUse {
                        claims: by_coder.iter().map(|k| k.claims).sum(),
                        by_coder,
                        speaker,
                    }
                })
                .collect())
        })
    }

    /// Pairs of speakers whose names or aliases differ only by spelling, script, initials or
    /// a missing first name: each pair once, with the names that matched and why.
    pub fn merge_suggestions(&self) -> Result<Vec<MergeSuggestion>> {
        let all = self.speakers()?;
        let keyed: Vec<Vec<(&str, NameKey)>> = all
            .iter()
            .map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(|n| (n.as_str(), NameKey::of(n)))
                    .collect()
            })
            .collect();
        let mut out = Vec::new();
        for (i, a) in keyed.iter().enumerate() {
            for (j, b) in keyed.iter().enumerate().skip(i + 1) {
                let found = a.iter().find_map(|(an, ak)| {
                    b.iter()
                        .find_map(|(bn, bk)| ak.matches(bk).map(|r| (*an, *bn, r)))
                });
                if let Some((a_name, b_name, reason)) = found {
                    out.push(MergeSuggestion {
                        a: all[i].id.clone(),
                        b: all[j].id.clone(),
                        a_name: a_name.to_owned(),
                        b_name: b_name.to_owned(),
                        reason,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The speaker called `name`, as its name or an alias (case-insensitive).
    pub fn speaker_named(&self, name: &str) -> Result<Speaker> {
        self.store
            .read(|c| match speakers::find_by_name(c, name.trim())? {
                Some(id) => speakers::get(c, &id),
                None => Err(Error::UnknownName {
                    entity: "speaker",
                    name: name.trim().to_owned(),
                }),
            })
    }

    /// Adds a speaker. A name already known (as a name or an alias) is refused.
    pub fn create_speaker(&mut self, new: NewSpeaker) -> Result<Speaker> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        self.store
            .write(|tx| add_speaker(tx, SpeakerId::generate(), &new, by.as_ref()))
    }

    /// Sets a speaker's name, kind and aliases to `edit` (the complete new state, so that an
    /// undo is an edit back). A name or alias that another speaker has is refused.
    pub fn edit_speaker(&mut self, edit: SpeakerEdit) -> Result<Speaker> {
        let coder = self.current_coder()?;
        self.store.write(|tx| {
            let before = speakers::get(tx, &edit.id)?;
            let new = NewSpeaker {
                name: edit.name,
                kind: edit.kind,
                aliases: edit.aliases,
            };
            let after = tidied(tx, before.id.clone(), &new)?;
            speakers::update(tx, &after)?;
            record(tx, &coder.id, Action::Update, Some(&before), Some(&after))?;
            // As stored (aliases in order), as every read gives it.
            speakers::get(tx, &after.id)
        })
    }

    /// Merges speaker `from` into `into`: every claim citing `from` cites `into`, `from`'s
    /// name and aliases become aliases of `into`, and `from` is gone. One transaction.
    pub fn merge_speakers(&mut self, from: &SpeakerId, into: &SpeakerId) -> Result<SpeakerMerge> {
        let coder = self.current_coder()?;
        if from == into {
            return Err(Error::InvalidOption(
                "a speaker cannot be merged into itself".into(),
            ));
        }
        let citing = self.store.read(|c| {
            speakers::exists(c, into)?;
            speakers::exists(c, from)?;
            claims::citing(c, from)
        })?;
        let mut texts = Vec::with_capacity(citing.len());
        for claim in &citing {
            texts.push(self.text_of(&claim.document)?);
        }
        self.store.write(|tx| {
            let gone = speakers::get(tx, from)?;
            let before = speakers::get(tx, into)?;
            let mut moved = Vec::with_capacity(citing.len());
            let stamp = crate::model::now();
            for (claim, text) in citing.iter().zip(&texts) {
                moved.push(recite(tx, text, &coder.id, claim, into, &stamp)?);
            }
            // Orphaned claims (no span, so not through the claim path) follow too.
            crate::store::versions::move_speaker(tx, from, into)?;
            speakers::delete(tx, from)?;
            record(tx, &coder.id, Action::Delete, Some(&gone), None)?;
            let mut after = before.clone();
            for name in std::iter::once(&gone.name).chain(&gone.aliases) {
                let known = std::iter::once(&after.name).chain(&after.aliases);
                if !known.into_iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    after.aliases.push(name.clone());
                }
            }
            speakers::update(tx, &after)?;
            record(tx, &coder.id, Action::Update, Some(&before), Some(&after))?;
            Ok(SpeakerMerge {
                speaker: speakers::get(tx, into)?,
                claims: moved,
                before,
                merged: gone,
            })
        })
    }

    /// Undoes `merge` (as `merge_speakers` answered it): the merged speaker is back with its
    /// id, name, kind and aliases, the kept one as it was before, and the claims that moved
    /// cite the merged one again (through the checked claim path). One transaction. Refused
    /// when the project changed since in a way the undo would overwrite: the kept speaker
    /// edited, a moved claim citing another speaker, the merged speaker's id or a name taken.
    pub fn unmerge_speakers(&mut self, merge: &SpeakerMerge) -> Result<SpeakerUnmerge> {
        let coder = self.current_coder()?;
        let (kept, gone) = (&merge.speaker, &merge.merged);
        let mut texts = Vec::with_capacity(merge.claims.len());
        for claim in &merge.claims {
            texts.push(self.text_of(&claim.document)?);
        }
        self.store.write(|tx| {
            let now_kept = speakers::get(tx, &kept.id)?;
            if now_kept != *kept || merge.before.id != kept.id {
                return Err(Error::InvalidOption(format!(
                    "{} was edited after the merge; undo that first",
                    now_kept.name
                )));
            }
            if speakers::is_known(tx, &gone.id)? {
                return Err(Error::SpeakerExists(gone.name.clone()));
            }
            let before = tidied(tx, kept.id.clone(), &new_of(&merge.before))?;
            speakers::update(tx, &before)?;
            record(
                tx,
                &coder.id,
                Action::Update,
                Some(&now_kept),
                Some(&before),
            )?;
            let back = tidied(tx, gone.id.clone(), &new_of(gone))?;
            speakers::create(tx, &back, Some(&coder.id))?;
            let mut moved = Vec::with_capacity(merge.claims.len());
            let stamp = crate::model::now();
            for (claim, text) in merge.claims.iter().zip(&texts) {
                let now_claim = claims::get(tx, &claim.id)?;
                if now_claim.speaker.as_ref() != Some(&kept.id) {
                    return Err(Error::InvalidOption(format!(
                        "claim {} no longer cites {}; undo that first",
                        claim.id, kept.name
                    )));
                }
                moved.push(recite(tx, text, &coder.id, &now_claim, &gone.id, &stamp)?);
            }
            Ok(SpeakerUnmerge {
                kept: speakers::get(tx, &kept.id)?,
                restored: speakers::get(tx, &gone.id)?,
                claims: moved,
            })
        })
    }
}

/// `claim` (as stored) citing `speaker` instead, through the checked claim path, modified at
/// `stamp` (one time for every claim one merge moves).
fn recite(
    tx: &rusqlite::Connection,
    text: &IndexedText,
    by: &CoderId,
    claim: &Claim,
    speaker: &SpeakerId,
    stamp: &str,
) -> Result<Claim> {
    let after = Claim {
        speaker: Some(speaker.clone()),
        modified: stamp.to_owned(),
        ..claim.clone()
    };
    claim_writes::replace(tx, text, Some(by), claim, after)
}

fn new_of(s: &Speaker) -> NewSpeaker {
    NewSpeaker {
        name: s.name.clone(),
        kind: s.kind,
        aliases: s.aliases.clone(),
    }
}

/// Adds a speaker under `id`, its name and aliases tidied, with its change record: every
/// speaker enters here. A name already known (as a name or an alias) is refused.
pub(super) fn add_speaker(
    tx: &rusqlite::Connection,
    id: SpeakerId,
    new: &NewSpeaker,
    by: Option<&CoderId>,
) -> Result<Speaker> {
    let speaker = tidied(tx, id, new)?;
    speakers::create(tx, &speaker, by)?;
    Ok(speaker)
}

/// `new` as the speaker `id`: its name and aliases tidied and bounded, an alias equal to the
/// name or repeated dropped; a name or alias that another speaker has is refused.
fn tidied(tx: &rusqlite::Connection, id: SpeakerId, new: &NewSpeaker) -> Result<Speaker> {
    let name = clean_name(&new.name, "a speaker's name")?;
    let mut aliases: Vec<String> = Vec::new();
    for a in &new.aliases {
        let a = clean_name(a, "an alias")?;
        let seen = aliases.iter().any(|b| b.eq_ignore_ascii_case(&a));
        if !a.eq_ignore_ascii_case(&name) && !seen {
            aliases.push(a);
        }
    }
    for n in std::iter::once(&name).chain(&aliases) {
        if speakers::find_by_name(tx, n)?.is_some_and(|other| other != id) {
            return Err(Error::SpeakerExists(n.clone()));
        }
    }
    Ok(Speaker {
        id,
        name,
        kind: new.kind,
        aliases,
    })
}

fn record(
    tx: &rusqlite::Connection,
    by: &CoderId,
    action: Action,
    before: Option<&Speaker>,
    after: Option<&Speaker>,
) -> Result<()> {
    let id = after.or(before).map(|s| s.id.as_str()).unwrap_or_default();
    changes::record(tx, Some(by), "speaker", id, action, before, after)
}
