//! Team tokens kept in the user's config folder, one per team project address, in a file only
//! its owner can read. `CLAIMCODER_TEAM_TOKEN` overrides it, for scripts.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

pub const TOKEN_ENV: &str = "CLAIMCODER_TEAM_TOKEN";

/// The token for the team project at `url`, if one is kept.
pub fn load(file: &Path, url: &str) -> Result<Option<String>> {
    if let Some(t) = std::env::var_os(TOKEN_ENV).filter(|t| !t.is_empty()) {
        return Ok(Some(t.to_string_lossy().into_owned()));
    }
    Ok(read(file)?.remove(url))
}

/// Keeps `token` for `url` (none: forgets it).
pub fn store(file: &Path, url: &str, token: Option<&str>) -> Result<()> {
    let mut all = read(file)?;
    match token {
        Some(t) => all.insert(url.to_owned(), t.to_owned()),
        None => all.remove(url),
    };
    let json = serde_json::to_vec_pretty(&all).expect("a map of strings serialises");
    crate::files::save(file, &json, true)
}

fn read(file: &Path) -> Result<BTreeMap<String, String>> {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::invalid_file(
                &file.display().to_string(),
                format!("not a token file: {e}"),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(Error::Io {
            context: format!("cannot read {}", file.display()),
            source: e,
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_kept_per_address_readable_by_their_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cfg/team-tokens.json");
        super::store(&file, "http://a/P1", Some("cc1.x.y")).unwrap();
        super::store(&file, "http://a/P2", Some("cc1.z.w")).unwrap();
        assert_eq!(super::read(&file).unwrap()["http://a/P1"], "cc1.x.y");
        super::store(&file, "http://a/P1", None).unwrap();
        assert!(!super::read(&file).unwrap().contains_key("http://a/P1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "mode {mode:o}");
        }
    }
}
