//! The article a new default project opens on, so a newcomer sees something at once. It is
//! fictional, written for the app: quoted speakers, a contested claim, an unattributed one,
//! accented names and an emoji outside the Basic Multilingual Plane.

use crate::model::{NewDocument, Source};

pub const SAMPLE_TEXT: &str = include_str!("sample/harbour-report.txt");

pub fn sample_document() -> NewDocument {
    NewDocument {
        title: "Port of Valmora strike enters second week as ministers trade blame".into(),
        text: SAMPLE_TEXT.to_owned(),
        source: Source {
            url: None,
            publisher: Some("The Valmora Courier (sample article)".into()),
            author: Some("Claimcoder".into()),
            published: Some("2026-03-14".into()),
            language: Some("en".into()),
        },
    }
}
