//! Printing for people and for scripts.

use serde::Serialize;

pub fn json(value: &impl Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("model types serialise")
    );
}

/// `s` on one line, cut to `max` characters.
pub fn excerpt(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    }
}
