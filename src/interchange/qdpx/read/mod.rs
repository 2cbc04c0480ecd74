//! Reading a .qdpx into an annotation set: the archive (`archive`), project.qde as a tree
//! (`qde`), the codebook, the sources and their selections; what has no place in Claimcoder is
//! said in the notes, what cannot be read is refused with where it is.

mod archive;
mod codebook;
mod qde;
mod selections;
mod source_text;
mod sources;

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::ids::normalise_guid;
use super::{CUE_LINK, NAMESPACE, PROJECT_FILE};
use crate::error::{Error, Result};
use crate::interchange::set::{AnnotationSet, SetClaim, SetCoder, SetSpeaker, FORMAT, VERSION};
use crate::interchange::ReadSet;
use archive::{decode_utf8, Archive};
use codebook::Code;
use qde::Element;

/// Reads a .qdpx into an annotation set; `what` names the input in errors and notes.
pub fn read(bytes: &[u8], what: &str) -> Result<ReadSet> {
    let mut archive = Archive::open(bytes, what)?;
    let qde_bytes = archive.project_file()?;
    let qde = decode_utf8(&qde_bytes, &format!("{what}: {PROJECT_FILE}"))?;
    let tree = qde::parse(qde, what)?;
    Reader::new(what, archive).read(tree.root_element())
}

struct Reader<'a> {
    what: String,
    archive: Archive<'a>,
    notes: Vec<String>,
    users: HashMap<String, String>,
    codes: HashMap<String, Code>,
    speakers: Vec<SetSpeaker>,
    speakers_used: Vec<bool>,
    variables: HashMap<String, String>,
    memos: HashMap<String, String>,
    memos_used: HashSet<String>,
    /// Cue links: the claim selection's guid → the cue selection's guid.
    cue_links: HashMap<String, String>,
    ids: HashSet<String>,
    untimed: usize,
    unknown_variables: Vec<String>,
}

impl<'a> Reader<'a> {
    fn new(what: &str, archive: Archive<'a>) -> Reader<'a> {
        Reader {
            what: what.to_owned(),
            archive,
            notes: Vec::new(),
            users: HashMap::new(),
            codes: HashMap::new(),
            speakers: Vec::new(),
            speakers_used: Vec::new(),
            variables: HashMap::new(),
            memos: HashMap::new(),
            memos_used: HashSet::new(),
            cue_links: HashMap::new(),
            ids: HashSet::new(),
            untimed: 0,
            unknown_variables: Vec::new(),
        }
    }

    fn bad(&self, reason: String) -> Error {
        Error::invalid_file(&self.what, reason)
    }

    /// A refusal of what `node` says, with where it is in project.qde.
    fn bad_at(&self, node: Node, reason: String) -> Error {
        let pos = node.document().text_pos_at(node.range().start);
        self.bad(format!(
            "{reason} ({PROJECT_FILE}, line {}, column {})",
            pos.row, pos.col
        ))
    }

    fn note(&mut self, n: String) {
        self.notes.push(n);
    }

    /// A GUID attribute, required, normalised; each object's GUID must be unique.
    fn guid(&mut self, node: Node, kind: &str) -> Result<String> {
        let raw = node
            .attr("guid")
            .ok_or_else(|| self.bad_at(node, format!("a {kind} has no guid")))?;
        let g = normalise_guid(raw).ok_or_else(|| {
            self.bad_at(
                node,
                format!("a {kind} has the guid {raw:?}, which is not a GUID"),
            )
        })?;
        if !self.ids.insert(g.clone()) {
            return Err(self.bad_at(
                node,
                format!("the guid {g} is used twice (again by a {kind})"),
            ));
        }
        Ok(g)
    }

    fn read(mut self, root: Node) -> Result<ReadSet> {
        self.check_root(root)?;
        self.users(root)?;
        if let Some(book) = root.child("CodeBook") {
            self.codebook(book)?;
        }
        for v in root.items("Variables", "Variable") {
            let g = self.guid(v, "Variable")?;
            self.variables
                .insert(g, v.attr("name").unwrap_or_default().trim().to_owned());
        }
        for n in root.items("Notes", "Note") {
            let g = self.guid(n, "Note")?;
            // A memo a claim refers to becomes part of its note.
            if let Some(t) = self.plain_text(n, &format!("note {g}"))? {
                self.memos.insert(g, t);
            }
        }
        let other_links = self.links(root)?;

        let mut documents = Vec::new();
        let mut claims = Vec::new();
        let mut others: Vec<String> = Vec::new();
        for sources in root.all("Sources") {
            for s in sources.elements() {
                if s.tag() == "TextSource" {
                    self.text_source(s, &mut documents, &mut claims)?;
                } else {
                    others.push(format!(
                        "{} {:?}",
                        s.tag(),
                        s.attr("name").unwrap_or_default()
                    ));
                }
            }
        }

        self.what_was_not_read(root, &others, other_links);
        let speakers: Vec<SetSpeaker> = self
            .speakers
            .iter()
            .zip(&self.speakers_used)
            .filter(|(_, used)| **used)
            .map(|(s, _)| s.clone())
            .collect();
        let single = single_coder(&mut claims);
        Ok(ReadSet {
            set: AnnotationSet {
                format: FORMAT.into(),
                version: VERSION,
                coder: single,
                documents,
                speakers,
                claims,
            },
            notes: self.notes,
        })
    }

    /// A root `<Project>`, in the REFI-QDA namespace or noted as not.
    fn check_root(&mut self, root: Node) -> Result<()> {
        if root.tag() != "Project" {
            return Err(self.bad(format!(
                "{PROJECT_FILE} is not a REFI-QDA project: its root element is <{}>, not <Project>",
                root.tag()
            )));
        }
        let declared = root.namespaces().any(|ns| ns.uri() == NAMESPACE);
        match root.default_namespace() {
            _ if declared => {}
            Some(ns) => self.note(format!(
                "{PROJECT_FILE} is in the namespace {ns:?}, not {NAMESPACE:?}; read as REFI-QDA 1.0 anyway"
            )),
            None => self.note(format!(
                "{PROJECT_FILE} has no namespace (REFI-QDA 1.0 uses {NAMESPACE:?}); read anyway"
            )),
        }
        Ok(())
    }

    fn users(&mut self, root: Node) -> Result<()> {
        for u in root.items("Users", "User") {
            let g = self.guid(u, "User")?;
            let name = u
                .attr("name")
                .map(clean)
                .filter(|n| !n.is_empty())
                .or_else(|| u.attr("id").map(clean).filter(|n| !n.is_empty()));
            let name = match name {
                Some(n) => n,
                None => {
                    self.note(format!(
                        "user {g} has no name: their claims are given the coder \"user {g}\""
                    ));
                    format!("user {g}")
                }
            };
            self.users.insert(g, name);
        }
        Ok(())
    }

    /// Reads the cue links; returns how many other links there are.
    fn links(&mut self, root: Node) -> Result<usize> {
        let mut others = 0;
        for l in root.items("Links", "Link") {
            self.guid(l, "Link")?;
            let from = l.attr("originGUID").and_then(normalise_guid);
            let to = l.attr("targetGUID").and_then(normalise_guid);
            match (l.attr("name"), from, to) {
                (Some(n), Some(from), Some(to)) if n.eq_ignore_ascii_case(CUE_LINK) => {
                    self.cue_links.insert(from, to);
                }
                _ => others += 1,
            }
        }
        Ok(others)
    }

    /// The notes on what the project holds that Claimcoder did not read.
    fn what_was_not_read(&mut self, root: Node, other_sources: &[String], other_links: usize) {
        if !other_sources.is_empty() {
            self.note(format!(
                "{} source(s) that are not text were not read, with their codings: {}",
                other_sources.len(),
                other_sources.join(", ")
            ));
        }
        let unused_memos = self.memos.len() - self.memos_used.len();
        for (name, count) in [
            ("memo(s) not attached to a claim", unused_memos),
            ("case(s)", root.items("Cases", "Case").count()),
            ("set(s)", root.items("Sets", "Set").count()),
            ("graph(s)", root.items("Graphs", "Graph").count()),
            ("link(s) other than claim cues", other_links),
        ] {
            if count > 0 {
                self.note(format!(
                    "the project's {count} {name} are not read: Claimcoder has no place for them"
                ));
            }
        }
        if self.untimed > 0 {
            self.note(format!(
                "{} selection(s) had no creation time: they are given the time of this import",
                self.untimed
            ));
        }
        let mut unknown = std::mem::take(&mut self.unknown_variables);
        unknown.sort();
        unknown.dedup();
        if !unknown.is_empty() {
            self.note(format!(
                "variables of the sources not kept (Claimcoder keeps only URL, Publisher, Author, Published): {}",
                unknown.join(", ")
            ));
        }
    }
}

/// The set's one coder when all claims have the same (then taken off the claims).
fn single_coder(claims: &mut [SetClaim]) -> Option<SetCoder> {
    let mut coders: Vec<&str> = claims
        .iter()
        .filter_map(|c| c.coder.as_ref().map(|k| k.name.as_str()))
        .collect();
    coders.sort_unstable();
    coders.dedup();
    let single = match coders.as_slice() {
        [only] => Some(SetCoder {
            name: (*only).to_owned(),
        }),
        _ => None,
    };
    if single.is_some() {
        for c in claims.iter_mut() {
            c.coder = None;
        }
    }
    single
}

/// A name on one line, as our names are.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
