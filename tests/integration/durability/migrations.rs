//! Every released project format opens in this version with nothing lost: the fixtures in
//! tests/fixtures/schema/ were written by the versions that wrote each format (see its README).

use std::collections::BTreeMap;
use std::path::Path;

use claimcoder::store::SCHEMA_VERSION;
use claimcoder::Project;
use serde_json::Value;

/// Every field of `stored` (as this version serialises it) equals the one the old version
/// printed, and the old version printed every one of them.
fn same_fields(what: &str, stored: &Value, printed: &Value) {
    for (key, value) in stored.as_object().unwrap() {
        assert_eq!(
            printed.get(key),
            Some(value),
            "{what}: field {key:?} differs from what the old version printed"
        );
    }
}

#[test]
fn every_released_format_opens_claim_by_claim_as_its_version_wrote_it() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema");
    for version in 1..=SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.claimcoder"));
        std::fs::copy(fixtures.join(format!("v{version}.claimcoder")), &path)
            .unwrap_or_else(|e| panic!("no fixture for format {version}: {e}"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures.join(format!("v{version}.expected.json"))).unwrap(),
        )
        .unwrap();
        let at = |what: &str| format!("format {version}: {what}");

        let p = Project::open(&path).unwrap_or_else(|e| panic!("format {version}: {e}"));
        let coders: BTreeMap<_, _> = p
            .coders()
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let speakers: BTreeMap<_, _> = p
            .speakers()
            .unwrap()
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();

        let printed_docs = expected["docs"].as_array().unwrap();
        let docs = p.documents().unwrap();
        assert_eq!(docs.len(), printed_docs.len(), "{}", at("documents"));
        for (d, e) in docs.iter().zip(printed_docs) {
            assert_eq!(d.id.as_str(), e["id"], "{}", at("document ids in order"));
            assert_eq!(d.title, e["title"], "{}", at("title"));
            assert_eq!(d.length, e["length"], "{}", at("length in code points"));
            assert_eq!(
                d.claim_count,
                e["claim_count"],
                "{}",
                at("claims per document")
            );
        }

        let printed = expected["claims"].as_array().unwrap();
        let stored = super::by_id(p.all_claims().unwrap());
        assert_eq!(stored.len(), printed.len(), "{}", at("claims"));
        let mut statuses = std::collections::BTreeSet::new();
        for e in printed {
            let id = e["id"].as_str().unwrap();
            let c = stored
                .values()
                .find(|c| c.id.as_str() == id)
                .unwrap_or_else(|| panic!("{}", at(&format!("claim {id} is lost"))));
            // Ids, document, offsets, quote and context, status, speaker, cue, note, coder, times.
            same_fields(&at(id), &serde_json::to_value(c).unwrap(), e);
            let speaker = c.speaker.as_ref().map(|s| speakers[s].as_str());
            assert_eq!(
                speaker,
                e["speaker_name"].as_str(),
                "{}",
                at("speaker's name")
            );
            assert_eq!(coders[&c.coder], e["coder_name"], "{}", at("coder's name"));
            statuses.insert(c.status.as_str());
        }
        assert_eq!(
            statuses.len(),
            3,
            "{}",
            at("the fixture holds every status")
        );

        if version >= 2 {
            let printed = expected["decisions"].as_array().unwrap();
            let decisions = p.decisions(None).unwrap();
            assert_eq!(decisions.len(), printed.len(), "{}", at("decisions"));
            for (d, e) in decisions.iter().zip(printed) {
                same_fields(&at("decision"), &serde_json::to_value(d).unwrap(), e);
            }
        }
        drop(p);

        // The file as it was is kept before it is upgraded.
        let backups = claimcoder::paths::backups_dir(&path);
        if version < SCHEMA_VERSION {
            let kept: Vec<_> = std::fs::read_dir(&backups)
                .unwrap_or_else(|e| panic!("{}: {e}", at("no backup folder")))
                .map(|f| f.unwrap().path())
                .collect();
            assert_eq!(kept.len(), 1, "{}", at("one pre-upgrade backup"));
            let conn = rusqlite::Connection::open(&kept[0]).unwrap();
            let (v, n): (i64, i64) = conn
                .query_row(
                    "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM claims",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                (v, n as usize),
                (version, printed.len()),
                "{}",
                at("the backup is the old file")
            );
        } else {
            assert!(
                !backups.exists(),
                "{}",
                at("a current project needs no backup")
            );
        }
        let _ = std::fs::remove_dir_all(&backups);
    }
}
