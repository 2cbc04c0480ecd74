//! Integration tests of the core on real SQLite files (one test binary, its modules as files).

mod adjudication;
mod agreement;
mod backups;
mod claims;
mod cli;
mod documents;
mod durability;
mod exports;
mod fuzz_regressions;
mod hostile_values;
mod html_import;
mod import;
mod open;
mod properties;
mod qdpx;
mod query_plans;
mod reanchor_gen;
mod reanchoring;
mod search;
mod sets;
mod speakers;
mod support;
mod team_marks;
mod ui_fixtures;
mod versions;
