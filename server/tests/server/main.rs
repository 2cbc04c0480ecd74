//! The team server's integration tests: a real PostgreSQL (a throw-away cluster this binary
//! starts, `pg.rs`), the real server over real HTTP on loopback. No mock database.

mod admin;
mod auth;
mod client;
mod client_faults;
mod common;
mod faults;
mod ordering;
mod pg;
mod roles;
mod sync;
