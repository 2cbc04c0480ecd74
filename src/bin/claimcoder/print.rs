//! Printing for people and for scripts.

use std::io::Write;

use serde::Serialize;

/// `println!` for the tool's output: when whoever reads it has gone (`claimcoder docs | head`),
/// the tool stops quietly with the status a shell gives a command ended by a broken pipe (141),
/// as other command-line tools do, rather than panicking on the write.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::print::line(format_args!($($arg)*))
    };
}

/// Ends the program rather than returning an error through every caller: each line reports a
/// step whose writes are already committed (every change is one transaction), so stopping here
/// loses nothing, and the connection left unclosed is recovered by SQLite at the next opening.
/// Any other failure to write the output is an error like the others: said, exit code 1.
pub fn line(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("claimcoder: cannot write the output: {e}");
        std::process::exit(1);
    }
}

pub fn json(value: &impl Serialize) {
    outln!(
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
