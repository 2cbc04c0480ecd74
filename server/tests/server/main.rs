//! The team server's integration tests: a real PostgreSQL (a throw-away cluster this binary
//! starts, `pg.rs`), the real server over real HTTP on loopback. No mock database.

mod common;
mod pg;
