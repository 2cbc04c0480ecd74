use claimcoder::model::{NewClaim, NewSpeaker, Speaker, SpeakerEdit, SpeakerKind, Status};
use claimcoder::{ErrorCode, Project};

use crate::support::{new_claim, project_with, three_speakers, MIXED};

#[test]
fn speakers_keep_kind_and_aliases_and_refuse_known_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimcoder");
    let mut p = Project::open(&path).unwrap();
    let s = p
        .create_speaker(NewSpeaker {
            name: "  Jakub   Wiśniewski ".into(),
            kind: SpeakerKind::Government,
            aliases: vec![
                "Transport Minister".into(),
                "the minister".into(),
                "Transport minister".into(),
            ],
        })
        .unwrap();
    assert_eq!(s.name, "Jakub Wiśniewski");
    for dup in ["jakub wiśniewski", "THE MINISTER"] {
        let err = p
            .create_speaker(NewSpeaker {
                name: dup.into(),
                kind: SpeakerKind::Person,
                aliases: vec![],
            })
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::SpeakerExists, "{dup}");
    }
    let empty = p.create_speaker(NewSpeaker {
        name: " ".into(),
        kind: SpeakerKind::Person,
        aliases: vec![],
    });
    assert_eq!(empty.unwrap_err().code(), ErrorCode::EmptyInput);
    drop(p);
    let p = Project::open(&path).unwrap();
    let all = p.speakers().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, SpeakerKind::Government);
    assert_eq!(
        all[0].aliases.len(),
        2,
        "aliases are unique case-insensitively: {:?}",
        all[0].aliases
    );
}

#[test]
fn a_speaker_is_renamed_retyped_and_given_aliases_and_cannot_take_anothers_name() {
    let mut f = project_with(MIXED);
    let [zoe, ria, _] = three_speakers(&mut f.project);
    let edited = f
        .project
        .edit_speaker(SpeakerEdit {
            id: zoe.id.clone(),
            name: " Zoë  Marchetti-Rossi ".into(),
            kind: SpeakerKind::Person,
            // An alias equal to the name and a repeat are dropped; "Z. M." is removed.
            aliases: vec![
                "the minister".into(),
                "Marchetti".into(),
                "marchetti".into(),
                "zoë marchetti-rossi".into(),
            ],
        })
        .unwrap();
    assert_eq!(edited.name, "Zoë Marchetti-Rossi");
    assert_eq!(edited.kind, SpeakerKind::Person);
    assert_eq!(edited.aliases, ["Marchetti", "the minister"]);
    // Its old alias is free again; another speaker's name is not.
    assert_eq!(
        f.project.speaker_named("z. m.").unwrap_err().code(),
        ErrorCode::NotFound
    );
    let err = f
        .project
        .edit_speaker(SpeakerEdit {
            id: ria.id.clone(),
            name: "RIA & <News>".into(),
            kind: SpeakerKind::Media,
            aliases: vec!["MARCHETTI".into()],
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::SpeakerExists, "{err}");
    let f = f.reopen();
    assert_eq!(f.project.speaker_named("marchetti").unwrap(), edited);
    assert_eq!(f.project.speaker_named("RIA & <News>").unwrap(), ria);
}

#[test]
fn merging_two_speakers_moves_every_claim_and_keeps_both_names() {
    let mut f = project_with(MIXED);
    let [zoe, ria, _] = three_speakers(&mut f.project);
    let cite = |p: &mut Project, quote: &str, speaker: &Speaker| {
        let c = p
            .create_claim(NewClaim {
                speaker: Some(speaker.id.clone()),
                ..new_claim(&f.doc, MIXED, quote, Status::Attributed)
            })
            .unwrap();
        (c.id, c.created)
    };
    let a = cite(&mut f.project, "we agree", &ria);
    let b = cite(&mut f.project, "北京称此说法不实", &ria);
    let kept = cite(&mut f.project, "owners disagree", &zoe);
    let merged = f.project.merge_speakers(&ria.id, &zoe.id).unwrap();
    assert_eq!(merged.speaker.id, zoe.id);
    assert_eq!(merged.speaker.name, "Zoë Marchetti");
    assert_eq!(
        merged.speaker.aliases,
        ["RIA & <News>", "the minister", "Z. M."]
    );
    let moved: Vec<_> = merged.claims.iter().map(|c| c.id.clone()).collect();
    assert_eq!(moved, [a.0.clone(), b.0.clone()]);
    assert_eq!(
        f.project
            .merge_speakers(&zoe.id, &zoe.id)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidOption
    );
    assert_eq!(
        f.project
            .merge_speakers(&ria.id, &zoe.id)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound,
        "the merged speaker is gone"
    );

    let f = f.reopen();
    let claims = f.project.claims(&f.doc).unwrap();
    assert_eq!(claims.len(), 3);
    for c in &claims {
        assert_eq!(c.speaker.as_ref(), Some(&zoe.id), "{}", c.quote);
    }
    // The claims keep their ids and creation times; only their speaker changed.
    for (id, created) in [a, b, kept] {
        let c = claims.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.created, created);
    }
    assert_eq!(f.project.speakers().unwrap().len(), 2);
    assert_eq!(f.project.speaker_named("ria & <news>").unwrap().id, zoe.id);
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let records = |entity: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM changes WHERE entity_id = ?1 AND action IN ('update', 'delete')",
            [entity],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!((records(ria.id.as_str()), records(zoe.id.as_str())), (1, 1));
}

#[test]
fn a_merge_is_undone_with_the_speakers_ids_names_and_claims_as_they_were() {
    let mut f = project_with(MIXED);
    let [zoe, ria, other] = three_speakers(&mut f.project);
    let cite = |p: &mut Project, quote: &str, speaker: &Speaker| {
        p.create_claim(NewClaim {
            speaker: Some(speaker.id.clone()),
            ..new_claim(&f.doc, MIXED, quote, Status::Attributed)
        })
        .unwrap()
    };
    let a = cite(&mut f.project, "we agree", &ria);
    let kept = cite(&mut f.project, "owners disagree", &zoe);
    let merge = f.project.merge_speakers(&ria.id, &zoe.id).unwrap();
    assert_eq!((&merge.before, &merge.merged), (&zoe, &ria));

    let undone = f.project.unmerge_speakers(&merge).unwrap();
    assert_eq!((&undone.kept, &undone.restored), (&zoe, &ria));
    assert_eq!(undone.claims.len(), 1);
    let f = f.reopen();
    let mut p = f.project;
    assert_eq!(p.speakers().unwrap().len(), 3);
    assert_eq!(p.speaker_named("RIA & <News>").unwrap(), ria);
    assert_eq!(p.speaker_named("the minister").unwrap(), zoe);
    let speaker_of = |p: &Project, id| p.claim(id).unwrap().speaker;
    assert_eq!(speaker_of(&p, &a.id), Some(ria.id.clone()));
    assert_eq!(speaker_of(&p, &kept.id), Some(zoe.id.clone()));
    assert_eq!(p.claim(&a.id).unwrap().created, a.created);

    // Twice is refused: the merged speaker is back.
    let again = p.unmerge_speakers(&merge).unwrap_err();
    assert_eq!(again.code(), ErrorCode::InvalidOption, "{again}");
    // Redone, then undone after the kept speaker was edited: refused, nothing changed.
    let merge = p.merge_speakers(&ria.id, &zoe.id).unwrap();
    let edited = p
        .edit_speaker(SpeakerEdit {
            id: zoe.id.clone(),
            name: "Zoë M.".into(),
            kind: zoe.kind,
            aliases: merge.speaker.aliases.clone(),
        })
        .unwrap();
    let refused = p.unmerge_speakers(&merge).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidOption, "{refused}");
    assert_eq!(p.speakers().unwrap(), [edited.clone(), other.clone()]);
    // Edited back, the undo goes through; a moved claim citing someone else stops it.
    p.edit_speaker(SpeakerEdit {
        id: zoe.id.clone(),
        name: merge.speaker.name.clone(),
        kind: zoe.kind,
        aliases: merge.speaker.aliases.clone(),
    })
    .unwrap();
    let moved = p.claim(&a.id).unwrap();
    p.update_claim(claimcoder::model::ClaimEdit {
        speaker: Some(other.id.clone()),
        ..edit_of(&moved)
    })
    .unwrap();
    let refused = p.unmerge_speakers(&merge).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidOption, "{refused}");
    assert!(
        p.speaker_named("RIA & <News>").unwrap().id == zoe.id,
        "nothing was undone"
    );
}

fn edit_of(c: &claimcoder::model::Claim) -> claimcoder::model::ClaimEdit {
    claimcoder::model::ClaimEdit {
        id: c.id.clone(),
        start: c.start,
        end: c.end,
        quote: c.quote.clone(),
        status: c.status,
        speaker: c.speaker.clone(),
        cue: c.cue,
        note: c.note.clone(),
    }
}

#[test]
fn the_speakers_pane_counts_claims_by_coder_and_offers_likely_merges() {
    let mut f = project_with(MIXED);
    let [zoe, ria, arabic] = three_speakers(&mut f.project);
    let variant = f
        .project
        .create_speaker(NewSpeaker {
            name: "Zoe MARCHETTI".into(),
            kind: SpeakerKind::Person,
            aliases: vec![],
        })
        .unwrap();
    let initials = f
        .project
        .create_speaker(NewSpeaker {
            name: "R. Novosti".into(),
            kind: SpeakerKind::Media,
            aliases: vec![],
        })
        .unwrap();
    for (coder, quote, speaker) in [
        ("Ana", "we agree", &zoe),
        ("Ana", "owners disagree", &zoe),
        ("Bo", "北京称此说法不实", &zoe),
        ("Bo", "الميناء مغلق", &arabic),
    ] {
        f.project.set_coder(coder).unwrap();
        f.project
            .create_claim(NewClaim {
                speaker: Some(speaker.id.clone()),
                ..new_claim(&f.doc, MIXED, quote, Status::Disputed)
            })
            .unwrap();
    }
    let uses = f.project.speaker_uses().unwrap();
    let of = |id: &claimcoder::model::SpeakerId| uses.iter().find(|u| &u.speaker.id == id).unwrap();
    assert_eq!(of(&zoe.id).claims, 3);
    let by: Vec<(&str, u32)> = of(&zoe.id)
        .by_coder
        .iter()
        .map(|k| (k.coder.as_str(), k.claims))
        .collect();
    assert_eq!(by, [("Ana", 2), ("Bo", 1)]);
    assert_eq!((of(&ria.id).claims, of(&ria.id).by_coder.len()), (0, 0));

    let suggested = f.project.merge_suggestions().unwrap();
    assert_eq!(suggested.len(), 1, "{suggested:#?}");
    let s = &suggested[0];
    // In the speakers' order (by name), whichever comes first.
    let mut pair = [(&s.a, s.a_name.as_str()), (&s.b, s.b_name.as_str())];
    pair.sort();
    let mut want = [(&zoe.id, "Zoë Marchetti"), (&variant.id, "Zoe MARCHETTI")];
    want.sort();
    assert_eq!(pair, want);
    assert_eq!(s.reason, claimcoder::text::NameMatch::Spelling);
    assert!(
        !suggested
            .iter()
            .any(|s| s.a == initials.id || s.b == initials.id),
        "RIA & <News> and R. Novosti are not offered"
    );
    // Suggestions are offers: nothing was merged.
    assert_eq!(f.project.speakers().unwrap().len(), 5);
}
