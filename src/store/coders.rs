use super::{exec, query_row};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{now, Coder, CoderId};

/// The coder with `name` (case-insensitive), created if the project does not know them yet.
pub fn ensure(conn: &Connection, name: &str) -> Result<Coder> {
    if let Some(coder) = find_by_name(conn, name)? {
        return Ok(coder);
    }
    let coder = Coder {
        id: CoderId::generate(),
        name: name.to_owned(),
    };
    exec(
        conn,
        "INSERT INTO coders (id, name, created) VALUES (?1, ?2, ?3)",
        params![coder.id.as_str(), coder.name, now()],
    )?;
    Ok(coder)
}

/// The coder called `name` (case-insensitive), or an error naming the unknown name.
pub fn named(conn: &Connection, name: &str) -> Result<Coder> {
    find_by_name(conn, name)?.ok_or_else(|| crate::error::Error::UnknownName {
        entity: "coder",
        name: name.to_owned(),
    })
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Coder>> {
    Ok(query_row(
        conn,
        "SELECT id, name FROM coders WHERE name = ?1 COLLATE NOCASE",
        [name],
        |r| {
            Ok(Coder {
                id: CoderId(r.get(0)?),
                name: r.get(1)?,
            })
        },
    )
    .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Coder>> {
    let mut stmt = conn.prepare("SELECT id, name FROM coders ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| {
        Ok(Coder {
            id: CoderId(r.get(0)?),
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
