//! A PlainTextSelection read: its positions checked and mapped, its codings sorted into a
//! status, a speaker and what has no place in a claim, its cue, coder, times and note.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::codebook::{Code, CodeKind};
use super::qde::Element;
use super::source_text::SourceText;
use super::{clean, Reader};
use crate::error::Result;
use crate::interchange::qdpx::ids::normalise_guid;
use crate::interchange::qdpx::{status_name, UNKNOWN_CODER};
use crate::interchange::set::{SetClaim, SetCoder};
use crate::model::{Span, Status};

impl Reader<'_> {
    pub(super) fn coded_only_cue(&self, sel: Node) -> bool {
        let kinds: Vec<_> = codings(sel)
            .filter_map(|g| self.codes.get(&g).map(|c| c.kind.clone()))
            .collect();
        !kinds.is_empty() && kinds.iter().all(|k| matches!(k, CodeKind::Cue))
    }

    /// A selection's positions, checked against the stored text and mapped to the read text.
    pub(super) fn positions(
        &self,
        sel: Node,
        text: &SourceText,
        label: &str,
    ) -> Result<(u32, u32)> {
        let guid = sel.attr("guid").unwrap_or_default();
        let at = format!("{label}: selection {guid}");
        let pos = |key: &str| -> Result<u64> {
            let raw = sel.attr(key).unwrap_or_default().trim();
            raw.parse::<u64>().map_err(|_| {
                let why = format!(
                    "has the {key} {raw:?}, which is not a position (a whole number from 0)"
                );
                self.bad_at(sel, format!("{at} {why}"))
            })
        };
        let (start, end) = (pos("startPosition")?, pos("endPosition")?);
        if start > end {
            let why = format!("is reversed ({start}..{end}: its start is after its end)");
            return Err(self.bad_at(sel, format!("{at} {why}")));
        }
        if end > text.stored_len {
            let why = format!(
                "({start}..{end}) falls outside the text, which has {} code points",
                text.stored_len
            );
            return Err(self.bad_at(sel, format!("{at} {why}")));
        }
        Ok((text.place(start), text.place(end)))
    }

    pub(super) fn selection(
        &mut self,
        sel: Node,
        text: &SourceText,
        label: &str,
        document: &str,
        by_guid: &HashMap<String, Node>,
        cue_selections: &HashSet<String>,
    ) -> Result<Option<SetClaim>> {
        let guid = self.guid(sel, "PlainTextSelection")?;
        let (start, end) = self.positions(sel, text, label)?;
        let at = format!(
            "{label}: selection {guid} ({:?})",
            label_of(text.slice(start, end))
        );

        let mut statuses: Vec<Status> = Vec::new();
        let mut speakers: Vec<usize> = Vec::new();
        let mut foreign: Vec<String> = Vec::new();
        for code in codings(sel) {
            match self.codes.get(&code) {
                Some(Code {
                    kind: CodeKind::Status(s),
                    ..
                }) => {
                    if !statuses.contains(s) {
                        statuses.push(*s);
                    }
                }
                Some(Code {
                    kind: CodeKind::Speaker(i),
                    ..
                }) => {
                    if !speakers.contains(i) {
                        speakers.push(*i);
                    }
                }
                Some(Code { name, .. }) => foreign.push(format!("{name:?}")),
                None => foreign.push(format!("an unknown code {code}")),
            }
        }
        if !foreign.is_empty() {
            self.note(format!(
                "{at}: coded with {}, which {} not a status nor a speaker: not kept",
                foreign.join(", "),
                if foreign.len() == 1 { "is" } else { "are" }
            ));
        }
        let status = match statuses.as_slice() {
            [one] => *one,
            [] => {
                self.note(format!(
                    "{at}: no status code (Attributed, Disputed or Unverified): skipped"
                ));
                return Ok(None);
            }
            many => {
                let names: Vec<_> = many.iter().map(|s| status_name(*s)).collect();
                self.note(format!(
                    "{at}: coded with several statuses ({}), where a claim has one: skipped",
                    names.join(", ")
                ));
                return Ok(None);
            }
        };
        let anchored = match text.text.anchor(start, end, None) {
            Ok(a) => a,
            Err(e) => {
                self.note(format!("{at}: {e}: skipped"));
                return Ok(None);
            }
        };
        if speakers.len() > 1 {
            let names: Vec<_> = speakers
                .iter()
                .map(|&i| format!("{:?}", self.speakers[i].name))
                .collect();
            self.note(format!(
                "{at}: coded with several speakers ({}), where a claim has one: the first is kept",
                names.join(", ")
            ));
        }
        let speaker = speakers.first().map(|&i| {
            self.speakers_used[i] = true;
            self.speakers[i].id.clone()
        });

        let mut cue = None;
        if let Some(to) = self.cue_links.get(&guid).cloned() {
            match by_guid.get(&to) {
                Some(node) if cue_selections.contains(&to) => {
                    let (s, e) = self.positions(*node, text, label)?;
                    cue = Some(Span { start: s, end: e });
                }
                _ => self.note(format!(
                    "{at}: its cue {to} is not a selection of the same source coded \"Cue\": not kept"
                )),
            }
        }

        let coder = self.coder(sel, &at);
        let created = self.time(sel.attr("creationDateTime"), &at, "creationDateTime");
        let created = match created {
            Some(t) => t,
            None => {
                self.untimed += 1;
                crate::model::now()
            }
        };
        let modified = self
            .time(sel.attr("modifiedDateTime"), &at, "modifiedDateTime")
            .unwrap_or_else(|| created.clone());

        // The note: the selection's description, then the memos it refers to.
        let mut parts: Vec<String> = sel
            .child("Description")
            .map(|d| d.own_text().trim().to_owned())
            .into_iter()
            .collect();
        for g in sel
            .all("NoteRef")
            .filter_map(|r| r.attr("targetGUID").and_then(normalise_guid))
        {
            if let Some(m) = self.memos.get(&g) {
                parts.push(m.trim().to_owned());
                self.memos_used.insert(g);
            }
        }
        parts.retain(|p| !p.is_empty());
        let note = (!parts.is_empty()).then(|| parts.join("\n\n"));

        Ok(Some(SetClaim {
            id: guid,
            document: document.to_owned(),
            start,
            end,
            quote: anchored.quote,
            prefix: Some(anchored.prefix),
            suffix: Some(anchored.suffix),
            status,
            speaker,
            cue,
            note,
            coder: Some(SetCoder { name: coder }),
            created,
            modified,
        }))
    }

    fn coder(&mut self, sel: Node, at: &str) -> String {
        let user = sel
            .attr("creatingUser")
            .or_else(|| sel.all("Coding").find_map(|c| c.attr("creatingUser")));
        match user.map(|u| (u, normalise_guid(u).and_then(|g| self.users.get(&g)))) {
            Some((_, Some(name))) => name.clone(),
            Some((u, None)) => {
                self.note(format!(
                    "{at}: its creating user {u} is not among the project's users: coder \"{UNKNOWN_CODER}\""
                ));
                UNKNOWN_CODER.to_owned()
            }
            None => {
                self.note(format!("{at}: no creating user: coder \"{UNKNOWN_CODER}\""));
                UNKNOWN_CODER.to_owned()
            }
        }
    }

    /// An xsd:dateTime as RFC 3339: kept as written when it is RFC 3339 already; without a
    /// time zone it is taken as UTC (with a note).
    fn time(&mut self, t: Option<&str>, at: &str, key: &str) -> Option<String> {
        let t = t?.trim();
        if chrono::DateTime::parse_from_rfc3339(t).is_ok() {
            return Some(t.to_owned());
        }
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f") {
            self.note(format!(
                "{at}: its {key} {t:?} has no time zone: read as UTC"
            ));
            return Some(
                naive
                    .and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            );
        }
        self.note(format!(
            "{at}: its {key} {t:?} is not a date and time: not kept"
        ));
        None
    }
}

/// The code GUIDs a selection is coded with.
fn codings<'a>(sel: Node<'a, '_>) -> impl Iterator<Item = String> + 'a {
    sel.all("Coding")
        .filter_map(|c| c.child("CodeRef")?.attr("targetGUID"))
        .map(|g| normalise_guid(g).unwrap_or_else(|| g.to_owned()))
}

/// A selection on one line, shortened, for the notes.
fn label_of(quote: &str) -> String {
    const MAX: usize = 40;
    let q = clean(quote);
    if q.chars().count() > MAX {
        format!("{}…", q.chars().take(MAX - 1).collect::<String>())
    } else {
        q
    }
}
