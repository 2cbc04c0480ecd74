//! Rolling backups of a project, kept next to the user's data: made on demand (and by the
//! app's policy), listed with what each holds, thinned the way Anki thins its backups, and
//! restored over the project with the current file backed up first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Project;
use crate::error::{Error, Result};
use crate::paths::{backups_dir, PROJECT_EXTENSION};
use crate::store::backup;

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Backup {
    pub path: String,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
    pub documents: u32,
    pub claims: u32,
}

impl Project {
    /// Makes a backup now, then thins the older ones.
    pub fn create_backup(&self) -> Result<Backup> {
        make_backup(self.path(), |dest| self.store.backup_to(dest))
    }

    /// Makes a backup when the project changed since its newest backup (or has none yet):
    /// what the app does on opening a project and every half hour while it is open.
    pub fn backup_if_changed(&self) -> Result<Option<Backup>> {
        if self.needs_backup()? {
            self.create_backup().map(Some)
        } else {
            Ok(None)
        }
    }

    /// [`Project::backup_if_changed`] in two steps, so that the copy (seconds for a large
    /// project) need not hold the project: the decision now, and a job that copies through a
    /// connection of its own (a snapshot; writes go on meanwhile). `None` when no backup is due;
    /// a read-only project (which may not be read by a second connection) is backed up at once.
    pub fn backup_job_if_changed(&self) -> Result<Option<BackupJob>> {
        if !self.needs_backup()? {
            return Ok(None);
        }
        if self.read_only().is_some() {
            self.create_backup()?;
            return Ok(None);
        }
        Ok(Some(BackupJob {
            project: self.path().to_owned(),
        }))
    }

    fn needs_backup(&self) -> Result<bool> {
        let Some(changed) = self.store.read(crate::store::changes::last_change)? else {
            return Ok(false);
        };
        let changed = DateTime::parse_from_rfc3339(&changed)
            .map(|t| t.with_timezone(&Utc))
            .ok();
        let newest = dated(&backups_dir(self.path()))?.first().map(|(_, t)| *t);
        Ok(!matches!((newest, changed), (Some(backup), Some(change)) if backup >= change))
    }

    /// This project's backups, newest first, each checked and counted.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        list(self.path())
    }
}

/// The page cache (KiB) of the connection a backup job copies through. The app runs the job on
/// a thread of its own, whose memory the allocator keeps once freed: with SQLite's default
/// (2 MiB of cache, and as much again for each index VACUUM INTO sorts) a 17 MB project left the
/// app 12 MB larger for good (measured in the app). The job is in the background, so a slower
/// copy costs nothing anyone waits for.
const BACKUP_CACHE_KIB: i64 = 256;

/// A backup to make of a project, through a read connection of its own (see
/// [`Project::backup_job_if_changed`]).
#[derive(Debug)]
pub struct BackupJob {
    project: PathBuf,
}

impl BackupJob {
    /// Copies the project as it is now (one snapshot) into a new backup, then thins the older.
    pub fn run(self) -> Result<Backup> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.project,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::from(e).at_file(&self.project))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "cache_size", -BACKUP_CACHE_KIB)?;
        make_backup(&self.project, |dest| {
            backup::copy_to(&conn, dest).map_err(|e| e.at_file(&self.project))
        })
    }
}

/// A new backup of `project` made by `copy` (into the path it is given), then the older ones
/// thinned.
fn make_backup(
    project: &Path,
    copy: impl FnOnce(&Path) -> Result<backup::Contents>,
) -> Result<Backup> {
    let dir = backups_dir(project);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let now = Utc::now();
    let path = dir.join(backup::file_name(now));
    let contents = copy(&path)?;
    thin_dir(&dir, now)?;
    Ok(Backup {
        path: path.display().to_string(),
        created: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        documents: contents.documents,
        claims: contents.claims,
    })
}

/// The backups of the project at `project`, newest first. One that fails its check is left out
/// of the list (it cannot be restored), never deleted.
pub fn list(project: &Path) -> Result<Vec<Backup>> {
    let mut out = Vec::new();
    for (path, at) in dated(&backups_dir(project))? {
        if let Ok(c) = backup::check(&path) {
            out.push(Backup {
                path: path.display().to_string(),
                created: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                documents: c.documents,
                claims: c.claims,
            });
        }
    }
    Ok(out)
}

/// What was kept of the project a restore replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kept {
    /// There was no file.
    Nothing,
    /// It opened: a checked backup of it, listed with the others.
    Backup(Backup),
    /// It could not be opened (damaged, or not ours): its bytes, copied as they were.
    Copy { path: String, reason: String },
}

/// Puts the backup at `from` in place of the project at `project`, which no program may have
/// open. The backup is checked before anything is replaced, and the current file is kept
/// first: backed up when it opens, else copied byte for byte (with its write-ahead log) beside
/// the backups, so that a restore never loses what was there.
pub fn restore(project: &Path, from: &Path) -> Result<Kept> {
    backup::check(from)?;
    let io = |e| Error::io(format!("cannot restore {}", project.display()), e);
    let kept = if !project.exists() {
        Kept::Nothing
    } else {
        // Opening and closing it also folds its write-ahead log back into the file.
        match Project::open(project) {
            Ok(p) => Kept::Backup(p.create_backup()?),
            Err(e) => Kept::Copy {
                path: keep_damaged(project)?.display().to_string(),
                reason: e.to_string(),
            },
        }
    };
    let tmp = project.with_extension("restoring");
    std::fs::copy(from, &tmp).map_err(io)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    // A log left beside the old file would be applied to the restored one.
    for side in ["-wal", "-shm"] {
        let mut p = project.as_os_str().to_owned();
        p.push(side);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p).map_err(io)?;
        }
    }
    std::fs::rename(&tmp, project).map_err(io)?;
    // The restored project opens (and is migrated if it is older) like any other.
    drop(Project::open(project)?);
    Ok(kept)
}

/// Copies a project that cannot be opened, and its side files, into its backups folder under a
/// name the backup list does not take for a backup (it would fail the check anyway).
fn keep_damaged(project: &Path) -> Result<PathBuf> {
    let dir = backups_dir(project);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let stem = format!("{}-damaged", Utc::now().format(backup::NAME_FORMAT));
    let dest = dir.join(format!("{stem}.{PROJECT_EXTENSION}"));
    for side in ["", "-wal", "-shm"] {
        let mut from = project.as_os_str().to_owned();
        from.push(side);
        let from = PathBuf::from(from);
        if from.exists() {
            let mut to = dest.as_os_str().to_owned();
            to.push(side);
            std::fs::copy(&from, PathBuf::from(to))
                .map_err(|e| Error::io(format!("cannot keep a copy of {}", from.display()), e))?;
        }
    }
    Ok(dest)
}

/// The backup files of `dir` with their times, newest first.
fn dated(dir: &Path) -> Result<Vec<(PathBuf, DateTime<Utc>)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot read {}", dir.display()), e)),
    };
    let mut out: Vec<(PathBuf, DateTime<Utc>)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?;
            let stamp = name.strip_suffix(&format!(".{PROJECT_EXTENSION}"))?;
            let at = NaiveDateTime::parse_from_str(stamp, backup::NAME_FORMAT).ok()?;
            Some((path, at.and_utc()))
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.1));
    Ok(out)
}

fn thin_dir(dir: &Path, now: DateTime<Utc>) -> Result<()> {
    let all = dated(dir)?;
    let times: Vec<DateTime<Utc>> = all.iter().map(|(_, t)| *t).collect();
    for ((path, _), kept) in all.iter().zip(keep(&times, now)) {
        if !kept {
            std::fs::remove_file(path)
                .map_err(|e| Error::io(format!("cannot remove {}", path.display()), e))?;
        }
    }
    Ok(())
}

/// Which of `times` (newest first) to keep: every backup of today and yesterday, then the
/// newest of each of 12 more days, then of 10 weeks, then of 9 months.
pub fn keep(times: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<bool> {
    let today = now.date_naive();
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    times
        .iter()
        .map(|t| {
            let day = t.date_naive();
            if (today - day).num_days() <= 1 {
                return true;
            }
            let week = (day.iso_week().year(), day.iso_week().week());
            let month = (day.year(), day.month());
            if days.len() < 12 && !days.contains(&day) {
                days.push(day);
                return true;
            }
            if days.contains(&day) {
                return false;
            }
            if weeks.len() < 10 && !weeks.contains(&week) {
                weeks.push(week);
                return true;
            }
            if weeks.contains(&week) {
                return false;
            }
            if months.len() < 9 && !months.contains(&month) {
                months.push(month);
                return true;
            }
            false
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn thinning_keeps_today_and_yesterday_then_days_weeks_and_months() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        // Every six hours for 500 days, newest first.
        let times: Vec<DateTime<Utc>> = (0..2000)
            .map(|i| now - chrono::Duration::hours(6 * i))
            .collect();
        let kept: Vec<DateTime<Utc>> = times
            .iter()
            .zip(keep(&times, now))
            .filter_map(|(t, k)| k.then_some(*t))
            .collect();
        // Today's 3 (00, 06, 12 h) and yesterday's 4.
        let recent = kept
            .iter()
            .filter(|t| (now.date_naive() - t.date_naive()).num_days() <= 1)
            .count();
        assert_eq!(recent, 7);
        let older: Vec<_> = kept.iter().skip(recent).collect();
        assert_eq!(older.len(), 12 + 10 + 9, "{older:?}");
        // The 12 daily ones are the newest of each of the 12 days before yesterday.
        for (i, t) in older.iter().take(12).enumerate() {
            assert_eq!((now.date_naive() - t.date_naive()).num_days(), 2 + i as i64);
            assert_eq!(t.format("%H").to_string(), "18", "the newest of its day");
        }
        // Never two of one week among the weekly ones, nor of one month among the monthly.
        let weeks: std::collections::HashSet<_> =
            older[12..22].iter().map(|t| t.iso_week()).collect();
        assert_eq!(weeks.len(), 10);
        let months: std::collections::HashSet<_> =
            older[22..].iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 9);
        assert!(older.windows(2).all(|w| w[0] > w[1]));
    }
}
