//! The exchange bundle: a commune's whole state in one versioned file
//! (`docs/exchange.md`), to move it to another computer or keep it outside the
//! database. Export writes the file safely (temporary name, flush, rename); import
//! writes everything in one transaction into a database without a commune, or nothing.

use std::path::{Path, PathBuf};

use crate::domain::Msg;
use crate::store::Store;

use super::{Error, Result, output};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub bytes: usize,
    pub msg: Msg,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub commune: String,
    /// Rows per table.
    pub rows: Vec<(String, usize)>,
    pub msg: Msg,
}

/// Writes the home commune's bundle to `out`.
pub fn export(store: &mut Store, out: &Path) -> Result<Exported> {
    output::check_target(out, store.path())?;
    let commune = store.home_commune()?.ok_or_else(|| {
        Error::refused(
            "Cơ sở dữ liệu chưa có xã nào; không có gì để xuất.",
            "The database holds no commune; there is nothing to export.",
        )
    })?;
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let bytes = store.export_bundle(commune.id, &now)?;
    let path = output::write_file(out, &bytes)?;
    let name = commune.full_name();
    Ok(Exported {
        msg: Msg::new(
            format!("Đã xuất toàn bộ dữ liệu {name} vào {}.", path.display()),
            format!("Exported all of {name}'s data to {}.", path.display()),
        ),
        path,
        bytes: bytes.len(),
    })
}

/// Reads the bundle `bytes` into the database (which must hold no commune).
pub fn import_bytes(store: &mut Store, bytes: &[u8]) -> Result<Imported> {
    let s = store.import_bundle(bytes)?;
    let total: usize = s.rows.iter().map(|(_, n)| n).sum();
    Ok(Imported {
        msg: Msg::new(
            format!("Đã nhập {} ({total} dòng dữ liệu).", s.commune),
            format!("Imported {} ({total} rows).", s.commune),
        ),
        commune: s.commune,
        rows: s.rows,
    })
}

/// Reads the bundle file at `path` into the database (which must hold no commune).
pub fn import(store: &mut Store, path: &Path) -> Result<Imported> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::file(path, &e))?
        .len();
    if size > super::limits::MAX_BUNDLE_BYTES {
        return Err(super::limits::over(
            &path.display().to_string(),
            format!(
                "gói dữ liệu lớn hơn {} MB",
                super::limits::MAX_BUNDLE_BYTES >> 20
            ),
            format!(
                "the bundle is larger than {} MB",
                super::limits::MAX_BUNDLE_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    import_bytes(store, &bytes)
}
