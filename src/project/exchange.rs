//! Exports, and imports of annotation sets and standard formats.

use foldhash::{HashMap, HashSet};
use std::path::Path;
use std::sync::mpsc::sync_channel;

use super::merge::{merge, ImportReport};
use super::Project;
use crate::error::Result;
use crate::interchange::set::AnnotationSet;
use crate::interchange::{self, Corpus, ExportFormat, ExportScope, ExportSummary, ReadAlone};
use crate::model::{Claim, CoderId, DocumentId, SpeakerId};
use crate::store::{claims, coders, documents, speakers};

impl Project {
    /// Gathers what `scope` exports. With no filter, every document (coded or not); with a
    /// coder or status filter and no document list, the documents holding claims in scope.
    pub fn corpus(&self, scope: &ExportScope) -> Result<Corpus> {
        self.store.read(|c| {
            let coder = match &scope.coder {
                Some(name) => Some(coders::named(c, name)?),
                None => None,
            };
            for id in &scope.documents {
                documents::get_summary(c, id)?;
            }
            // Sets, not scans of the claims per document, speaker and coder: those were
            // quadratic on a large project.
            let wanted_docs: HashSet<&DocumentId> = scope.documents.iter().collect();
            let claims: Vec<Claim> = match &coder {
                Some(k) => claims::by_coder(c, &k.id)?,
                None => claims::all_in_any_order(c)?,
            }
            .into_iter()
            .filter(|cl| scope.statuses.is_empty() || scope.statuses.contains(&cl.status))
            .filter(|cl| wanted_docs.is_empty() || wanted_docs.contains(&cl.document))
            .collect();
            let filtered = coder.is_some() || !scope.statuses.is_empty();
            let coded: HashSet<&DocumentId> = claims.iter().map(|cl| &cl.document).collect();
            let mut docs = Vec::new();
            for summary in documents::list(c)? {
                let wanted = if wanted_docs.is_empty() {
                    !filtered || coded.contains(&summary.id)
                } else {
                    wanted_docs.contains(&summary.id)
                };
                if wanted {
                    docs.push(documents::get(c, &summary.id)?);
                }
            }
            let order: HashMap<&DocumentId, usize> =
                docs.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
            // The documents' order, then text order; each claim's document looked up once.
            let mut placed: Vec<(Option<usize>, Claim)> = claims
                .into_iter()
                .map(|cl| (order.get(&cl.document).copied(), cl))
                .collect();
            placed.sort_unstable_by(|(a, x), (b, y)| {
                (a, x.start, x.end, &x.created, &x.id).cmp(&(b, y.start, y.end, &y.created, &y.id))
            });
            let claims: Vec<Claim> = placed.into_iter().map(|(_, cl)| cl).collect();
            let cited: HashSet<&SpeakerId> =
                claims.iter().filter_map(|cl| cl.speaker.as_ref()).collect();
            let speakers = speakers::list(c)?
                .into_iter()
                .filter(|s| cited.contains(&s.id))
                .collect();
            let coding: HashSet<&CoderId> = claims.iter().map(|cl| &cl.coder).collect();
            let coders = coders::list(c)?
                .into_iter()
                .filter(|k| coding.contains(&k.id))
                .collect();
            Ok(Corpus::new(docs, speakers, coders, claims))
        })
    }

    /// Writes the claims of `scope` to `path` in `format`, atomically.
    pub fn export(
        &self,
        scope: &ExportScope,
        format: ExportFormat,
        path: &Path,
    ) -> Result<ExportSummary> {
        let corpus = self.corpus(scope)?;
        let bytes = interchange::write_atomically_with(path, |out| format.write_to(&corpus, out))?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            format,
            documents: corpus.documents.len() as u32,
            claims: corpus.claims.len() as u32,
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
        })
    }

    /// Imports each file in its own transaction and reports on every one, whatever happened to
    /// the others: a file that cannot be read gets a report with its error, and the files
    /// before and after it are still imported and reported. The next file is read and parsed
    /// on a thread of its own while this one merges: parsing was an eighth of a large import.
    pub fn import_set_files<P: AsRef<Path> + Sync>(
        &mut self,
        paths: &[P],
        accept_partial: bool,
    ) -> Vec<ImportReport> {
        std::thread::scope(|scope| {
            // One file read ahead at most, so no more than two sets are held at once.
            let (ahead, read) = sync_channel(0);
            scope.spawn(move || {
                for path in paths {
                    let path = path.as_ref();
                    if ahead.send((path, interchange::read_file(path))).is_err() {
                        break;
                    }
                }
            });
            read.iter()
                .map(|(path, alone)| {
                    alone
                        .and_then(|alone| self.import_read(path, alone, accept_partial))
                        .unwrap_or_else(|e| ImportReport {
                            source: path.display().to_string(),
                            error: Some(e.into()),
                            ..ImportReport::default()
                        })
                })
                .collect()
        })
    }

    /// Imports a file holding an annotation set (or a standard format that comes back in).
    pub fn import_set_file(&mut self, path: &Path, accept_partial: bool) -> Result<ImportReport> {
        let alone = interchange::read_file(path)?;
        self.import_read(path, alone, accept_partial)
    }

    fn import_read(
        &mut self,
        path: &Path,
        alone: ReadAlone,
        accept_partial: bool,
    ) -> Result<ImportReport> {
        let read = alone.finish(|| {
            let ids = self.all_documents()?;
            ids.iter().map(|d| self.document(&d.id)).collect()
        })?;
        let mut report =
            self.merge_checked(&read.set, &path.display().to_string(), accept_partial)?;
        report.notes = read.notes;
        Ok(report)
    }

    /// Merges an annotation set (see [`super::merge`]). With refused claims and no
    /// `accept_partial`, nothing is written and the report says why. A set whose structure is
    /// broken (a claim on a document it does not hold, say) is refused whole.
    pub fn import_set(
        &mut self,
        set: &AnnotationSet,
        source: &str,
        accept_partial: bool,
    ) -> Result<ImportReport> {
        set.check(source)?;
        self.merge_checked(set, source, accept_partial)
    }

    /// [`Project::import_set`] of a set that passed its check (every set `interchange::read_file`
    /// answers).
    fn merge_checked(
        &mut self,
        set: &AnnotationSet,
        source: &str,
        accept_partial: bool,
    ) -> Result<ImportReport> {
        let by = self.coder.as_ref().map(|c| c.id.clone());
        let report = self.store.large_write_or_roll_back(|tx| {
            let mut report = ImportReport {
                source: source.to_owned(),
                ..ImportReport::default()
            };
            merge(tx, set, by.as_ref(), accept_partial, &mut report)?;
            let keep = report.imported;
            Ok((report, keep))
        })?;
        Ok(report)
    }
}
