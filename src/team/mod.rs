//! Syncing a project with a team project on a team server (`claimcoder-server`): the wire
//! types both sides share, the HTTP client, where tokens are kept, and the sync itself.
//! The project's side of each step (what is pending, what an answer or a pulled change means
//! here) is in `project::team_sync`; this module only drives it.

pub mod client;
pub mod sync;
pub mod tokens;
pub mod wire;

pub use client::{Client, TeamAddress};
pub use sync::{link, run, ProjectAccess, SyncReport};
