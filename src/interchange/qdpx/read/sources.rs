//! A TextSource read: its text (from the archive or inline), its source's variables, and its
//! selections, each a claim or a cue.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::archive::decode_utf8;
use super::qde::Element;
use super::source_text::SourceText;
use super::{clean, Reader};
use crate::error::Result;
use crate::interchange::qdpx::ids::normalise_guid;
use crate::interchange::qdpx::{INTERNAL, SOURCES_DIR};
use crate::interchange::set::{SetClaim, SetDocument, SetSource};
use crate::text::sha256_hex;

impl Reader<'_> {
    /// The text of a TextSource or Note, from PlainTextContent or an internal plainTextPath;
    /// `None` (with a note) when it has none that can be read.
    pub(super) fn plain_text(&mut self, node: Node, label: &str) -> Result<Option<String>> {
        let content = node.child("PlainTextContent").map(Element::own_text);
        let path = node.attr("plainTextPath");
        if let (Some(_), Some(_)) = (&content, path) {
            self.note(format!(
                "{label} has both PlainTextContent and plainTextPath (the standard allows one): its PlainTextContent is read"
            ));
        }
        if let Some(c) = content {
            return Ok(Some(c));
        }
        let Some(path) = path else {
            self.note(format!(
                "{label} has no plain text (neither PlainTextContent nor plainTextPath): not read"
            ));
            return Ok(None);
        };
        let internal = path
            .get(..INTERNAL.len())
            .filter(|p| p.eq_ignore_ascii_case(INTERNAL))
            .map(|_| &path[INTERNAL.len()..]);
        let Some(file) = internal else {
            self.note(format!(
                "{label}: its text is outside the archive ({path:?}) and is not read"
            ));
            return Ok(None);
        };
        if file.is_empty() || file.contains(['/', '\\', '\0']) || file == ".." || file.contains(':')
        {
            return Err(self.bad_at(
                node,
                format!(
                    "{label}: its plainTextPath {path:?} is not a file of the archive's sources folder"
                ),
            ));
        }
        let bytes = self.archive.source_file(file)?.ok_or_else(|| {
            self.bad_at(
                node,
                format!("{label}: its text {SOURCES_DIR}{file} is missing from the archive"),
            )
        })?;
        let text = decode_utf8(&bytes, &format!("{}: {SOURCES_DIR}{file}", self.what))?;
        Ok(Some(text.to_owned()))
    }

    pub(super) fn text_source(
        &mut self,
        s: Node,
        documents: &mut Vec<SetDocument>,
        claims: &mut Vec<SetClaim>,
    ) -> Result<()> {
        let id = self.guid(s, "TextSource")?;
        let title = clean(s.attr("name").unwrap_or_default());
        let title = if title.is_empty() {
            format!("Untitled ({id})")
        } else {
            title
        };
        let label = format!("source {title:?} ({id})");
        let selections: Vec<Node> = s.all("PlainTextSelection").collect();
        let Some(stored) = self.plain_text(s, &label)? else {
            if !selections.is_empty() {
                self.note(format!(
                    "{label}: its {} selection(s) are not read, as its text is not",
                    selections.len()
                ));
            }
            return Ok(());
        };
        let text = SourceText::new(stored);
        if text.map.is_some() {
            self.note(format!(
                "{label}: its CR line ends were made LF, as Claimcoder stores text; selection positions were mapped to match"
            ));
        }
        if text.text.text().trim().is_empty() {
            self.note(format!(
                "{label} has no text: not read, nor its {} selection(s)",
                selections.len()
            ));
            return Ok(());
        }
        let whole = s.all("Coding").count();
        if whole > 0 {
            self.note(format!(
                "{label}: its {whole} coding(s) of the whole source are not read (Claimcoder codes passages)"
            ));
        }
        if s.all("NoteRef").count() > 0 {
            self.note(format!("{label}: its memos (NoteRef) are not read"));
        }
        let source = self.source_of(s);

        // Cue selections are read with their claims, not as claims.
        let by_guid: HashMap<String, Node> = selections
            .iter()
            .filter_map(|n| Some((normalise_guid(n.attr("guid")?)?, *n)))
            .collect();
        let cue_targets: HashSet<&String> = self.cue_links.values().collect();
        let cue_selections: HashSet<String> = by_guid
            .iter()
            .filter(|(g, n)| cue_targets.contains(g) && self.coded_only_cue(**n))
            .map(|(g, _)| g.clone())
            .collect();

        for &sel in &selections {
            let raw_guid = sel.attr("guid").and_then(normalise_guid);
            if raw_guid.is_some_and(|g| cue_selections.contains(&g)) {
                // Read with the claim that links to it; checked here like any selection.
                self.guid(sel, "PlainTextSelection")?;
                self.positions(sel, &text, &label)?;
                continue;
            }
            if let Some(claim) =
                self.selection(sel, &text, &label, &id, &by_guid, &cue_selections)?
            {
                claims.push(claim);
            }
        }

        documents.push(SetDocument {
            sha256: sha256_hex(text.text.text()),
            id,
            title,
            text: text.text.text().to_owned(),
            source,
        });
        Ok(())
    }

    /// The source metadata among a TextSource's variable values; the others are listed.
    fn source_of(&mut self, s: Node) -> SetSource {
        let mut source = SetSource::default();
        for vv in s.all("VariableValue") {
            let var = vv
                .child("VariableRef")
                .and_then(|r| r.attr("targetGUID"))
                .and_then(normalise_guid)
                .and_then(|g| self.variables.get(&g).cloned())
                .unwrap_or_default();
            let value = vv.elements().find(|c| c.tag().ends_with("Value"));
            let value = value
                .map(|v| v.own_text().trim().to_owned())
                .filter(|v| !v.is_empty());
            let slot = match var.to_ascii_lowercase().as_str() {
                "url" => Some(&mut source.url),
                "publisher" => Some(&mut source.publisher),
                "author" => Some(&mut source.author),
                "published" => Some(&mut source.published),
                _ => None,
            };
            match (slot, value) {
                (Some(slot), Some(v)) => *slot = Some(v),
                (None, Some(_)) => self.unknown_variables.push(if var.is_empty() {
                    "(an unnamed variable)".into()
                } else {
                    format!("{var:?}")
                }),
                _ => {}
            }
        }
        source
    }
}
