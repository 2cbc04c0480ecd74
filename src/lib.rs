//! Claimcoder's core: the domain model, the SQLite store, text anchoring, import and the
//! operations a user can do. It knows nothing of Tauri; the desktop shell and the command-line
//! tool are two clients of [`project::Project`].

pub mod error;
pub mod files;
pub mod import;
pub mod interchange;
pub mod model;
pub mod paths;
pub mod project;
pub mod review;
pub mod sample;
pub mod settings;
pub mod store;
pub mod team;
pub mod text;

pub use error::{Error, ErrorCode, Result};
pub use project::Project;
