//! The fuzz targets' bodies, shared with the regression test that replays their findings.

#[path = "harness.rs"]
pub mod harness;
