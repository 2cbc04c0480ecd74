//! The CodeBook: a parent "Status" with one code per status, a parent "Speakers" with one code
//! per speaker (its kind and aliases in the Description), and the code "Cue".

use super::xml::Xml;
use crate::interchange::qdpx::ids::{cue_guid, derived_guid, guid_of, status_guid};
use crate::interchange::qdpx::{status_name, CUE_CODE, SPEAKERS_PARENT, STATUS_PARENT};
use crate::model::{Speaker, Status};

// The app's status colours (ui/src/styles.css), so the codes look the same elsewhere.
fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Attributed => "#1B7F4B",
        Status::Disputed => "#C0392B",
        Status::Unverified => "#8A6D00",
    }
}

fn status_description(s: Status) -> &'static str {
    match s {
        Status::Attributed => "The text attributes the claim to a source.",
        Status::Disputed => "The claim is contested in or beyond the text.",
        Status::Unverified => "Asserted with no attribution or support.",
    }
}

pub(super) fn write(x: &mut Xml, speakers: &[Speaker]) {
    x.start("CodeBook", &[]);
    x.start("Codes", &[]);
    statuses(x);
    speaker_codes(x, speakers);
    x.start(
        "Code",
        &[
            ("guid", &cue_guid()),
            ("name", CUE_CODE),
            ("isCodable", "true"),
        ],
    );
    x.text_element(
        "Description",
        "The words that signal attribution (\"said\", \"according to\"); each is linked to its claim by a link named \"cue\".",
    );
    x.end("Code");
    x.end("Codes");
    x.end("CodeBook");
}

fn statuses(x: &mut Xml) {
    x.start(
        "Code",
        &[
            ("guid", &derived_guid("code/status")),
            ("name", STATUS_PARENT),
            ("isCodable", "false"),
        ],
    );
    x.text_element(
        "Description",
        "How a claim stands: each claim is coded with exactly one of these.",
    );
    for s in Status::ALL {
        x.start(
            "Code",
            &[
                ("guid", &status_guid(s)),
                ("name", status_name(s)),
                ("isCodable", "true"),
                ("color", status_colour(s)),
            ],
        );
        x.text_element("Description", status_description(s));
        x.end("Code");
    }
    x.end("Code");
}

fn speaker_codes(x: &mut Xml, speakers: &[Speaker]) {
    x.start(
        "Code",
        &[
            ("guid", &derived_guid("code/speakers")),
            ("name", SPEAKERS_PARENT),
            ("isCodable", "false"),
        ],
    );
    x.text_element(
        "Description",
        "Who a claim comes from: a claim is coded with at most one of these.",
    );
    for s in speakers {
        x.start(
            "Code",
            &[
                ("guid", &guid_of("speaker", s.id.as_str())),
                ("name", &s.name),
                ("isCodable", "true"),
            ],
        );
        let mut d = format!("kind: {}", s.kind.as_str());
        for a in &s.aliases {
            d.push_str("\nalias: ");
            d.push_str(a);
        }
        x.text_element("Description", &d);
        x.end("Code");
    }
    x.end("Code");
}
