//! The CodeBook read: which codes are statuses (by name, under any parent), which are speakers
//! (the codes under a parent "Speakers", their kind and aliases from the Description), which is
//! the cue code, and which are foreign.

use roxmltree::Node;

use super::qde::Element;
use super::{clean, Reader};
use crate::error::Result;
use crate::interchange::qdpx::{CUE_CODE, SPEAKERS_PARENT};
use crate::interchange::set::SetSpeaker;
use crate::model::{SpeakerKind, Status};

#[derive(Debug, Clone)]
pub(super) enum CodeKind {
    Status(Status),
    /// The index of the speaker in the reader's speakers.
    Speaker(usize),
    Cue,
    Other,
}

pub(super) struct Code {
    pub(super) name: String,
    pub(super) kind: CodeKind,
}

impl Reader<'_> {
    /// Reads the codes of the CodeBook, nested ones too (without recursion: the nesting is the
    /// file's to choose).
    pub(super) fn codebook(&mut self, book: Node) -> Result<()> {
        let top: Vec<Node> = book.items("Codes", "Code").collect();
        let mut stack: Vec<(Node, Option<String>, usize)> =
            top.into_iter().rev().map(|c| (c, None, 0)).collect();
        while let Some((code, parent, depth)) = stack.pop() {
            let g = self.guid(code, "Code")?;
            let name = clean(code.attr("name").unwrap_or_default());
            let kind = self.code_kind(code, &g, &name, parent.as_deref(), depth);
            for child in code.all("Code").collect::<Vec<_>>().into_iter().rev() {
                stack.push((child, Some(name.clone()), depth + 1));
            }
            self.codes.insert(g, Code { name, kind });
        }
        Ok(())
    }

    fn code_kind(
        &mut self,
        code: Node,
        guid: &str,
        name: &str,
        parent: Option<&str>,
        depth: usize,
    ) -> CodeKind {
        if let Some(s) = Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
        {
            return CodeKind::Status(s);
        }
        if parent.is_some_and(|p| p.eq_ignore_ascii_case(SPEAKERS_PARENT)) && !name.is_empty() {
            let description = code.child("Description").map(Element::own_text);
            let (kind, aliases) = speaker_details(description.as_deref().unwrap_or_default());
            if kind.is_none() {
                self.note(format!(
                    "speaker {name:?} (code {guid}) has no Claimcoder kind in its description: read as \"other\""
                ));
            }
            self.speakers.push(SetSpeaker {
                id: guid.to_owned(),
                name: name.to_owned(),
                kind: kind.unwrap_or(SpeakerKind::Other),
                aliases,
            });
            self.speakers_used.push(false);
            return CodeKind::Speaker(self.speakers.len() - 1);
        }
        if depth == 0 && name.eq_ignore_ascii_case(CUE_CODE) {
            return CodeKind::Cue;
        }
        CodeKind::Other
    }
}

/// A speaker code's kind and aliases, from the `kind: …` and `alias: …` lines we write.
fn speaker_details(description: &str) -> (Option<SpeakerKind>, Vec<String>) {
    let mut kind = None;
    let mut aliases = Vec::new();
    for line in description.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = clean(value);
        match key.trim().to_ascii_lowercase().as_str() {
            "kind" => kind = SpeakerKind::parse(&value.to_ascii_lowercase()),
            "alias" if !value.is_empty() => aliases.push(value),
            _ => {}
        }
    }
    (kind, aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_descriptions_give_kind_and_aliases() {
        let (k, a) = speaker_details("Kind: Government\nalias:  the   minister \nnotes: x\nalias:");
        assert_eq!(k, Some(SpeakerKind::Government));
        assert_eq!(a, ["the minister"]);
        assert_eq!(speaker_details("a famous person").0, None);
    }
}
