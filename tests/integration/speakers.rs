use claimcoder::model::{NewSpeaker, SpeakerKind};
use claimcoder::{ErrorCode, Project};

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
