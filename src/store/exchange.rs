//! The exchange bundle: a commune's whole state as one JSON document (see
//! `docs/exchange.md`). Export reads one consistent snapshot; import writes everything
//! in one transaction into a database that holds no commune, checking every value's
//! type, every reference and every row's commune before it commits — a bad bundle
//! changes nothing. Derived data (monthly totals, sort keys, search text and index)
//! is not in the bundle: the import rebuilds it in the same transaction.

use std::collections::HashSet;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params_from_iter};
use serde_json::{Map, Value as Json, json};

use super::{Result, Store, StoreError};
use crate::domain::Msg;

pub const BUNDLE_FORMAT: &str = "cnscd-bundle";
pub const BUNDLE_VERSION: i64 = 1;

/// How a table's rows of one commune are chosen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The table is the communes themselves.
    Commune,
    /// A `commune_id` column.
    CommuneId,
    /// Rows of the commune's teams.
    Team,
    /// Rows of the commune's activities.
    Activity,
    /// Shared by the whole database (the indicator catalogue, settings, history).
    Global,
}

/// The bundle's tables, in the order they are written (parents first).
const TABLES: &[(&str, Scope)] = &[
    ("indicators", Scope::Global),
    ("communes", Scope::Commune),
    ("villages", Scope::CommuneId),
    ("teams", Scope::CommuneId),
    ("people", Scope::CommuneId),
    ("memberships", Scope::Team),
    ("library", Scope::CommuneId),
    ("decisions", Scope::CommuneId),
    ("reports", Scope::CommuneId),
    ("numbering_drafts", Scope::CommuneId),
    ("signed_copies", Scope::CommuneId),
    ("baselines", Scope::CommuneId),
    ("targets", Scope::CommuneId),
    ("activity_types", Scope::CommuneId),
    ("return_sheets", Scope::CommuneId),
    ("report_drafts", Scope::CommuneId),
    ("activities", Scope::CommuneId),
    ("activity_counts", Scope::Activity),
    ("activity_people", Scope::Activity),
    ("evidence", Scope::Activity),
    ("settings", Scope::Global),
    ("history", Scope::Global),
];

/// Columns derived from others: left out of the bundle, rebuilt on import.
const DERIVED: &[(&str, &str)] = &[
    ("people", "sort_key"),
    ("people", "search_text"),
    ("memberships", "sort_key"),
];

/// Placeholder values of derived NOT NULL columns until they are rebuilt.
fn placeholder(table: &str, column: &str) -> Option<Value> {
    match (table, column) {
        ("people", "sort_key") | ("memberships", "sort_key") => Some(Value::Blob(Vec::new())),
        ("people", "search_text") => Some(Value::Text(String::new())),
        _ => None,
    }
}

fn is_derived(table: &str, column: &str) -> bool {
    DERIVED.iter().any(|&(t, c)| t == table && c == column)
}

/// The declared type of each column of a table (from the schema, never from input).
fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn filter(scope: Scope) -> &'static str {
    match scope {
        Scope::Commune => "WHERE id = ?1",
        Scope::CommuneId => "WHERE commune_id = ?1",
        Scope::Team => "WHERE team_id IN (SELECT id FROM teams WHERE commune_id = ?1)",
        Scope::Activity => "WHERE activity_id IN (SELECT id FROM activities WHERE commune_id = ?1)",
        Scope::Global => "WHERE ?1 IS NOT NULL",
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

fn to_json(v: ValueRef<'_>) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => json!({ "hex": hex(b) }),
    }
}

/// The bundle's text: the header first, then each table with one row a line, so it
/// reads (and compares) well as text.
fn layout(header: &[(&str, Json)], tables: &[(&str, Json)]) -> String {
    let mut out = String::from("{\n");
    for (k, v) in header {
        out.push_str(&format!("  {}: {},\n", Json::from(*k), v));
    }
    out.push_str("  \"tables\": {");
    for (i, (name, t)) in tables.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&format!(
            "    {}: {{\n      \"columns\": {},\n      \"rows\": [",
            Json::from(*name),
            t["columns"]
        ));
        let rows = t["rows"].as_array().map(Vec::as_slice).unwrap_or_default();
        for (j, row) in rows.iter().enumerate() {
            out.push_str(if j == 0 { "\n        " } else { ",\n        " });
            out.push_str(&row.to_string());
        }
        out.push_str(if rows.is_empty() {
            "]\n    }"
        } else {
            "\n      ]\n    }"
        });
    }
    out.push_str("\n  }\n}\n");
    out
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSummary {
    pub commune: String,
    /// Rows per table, in the bundle's order.
    pub rows: Vec<(String, usize)>,
}

/// A bundle refused: nothing was written.
fn bad(vi: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::Refused(Msg::new(
        format!("Gói dữ liệu không dùng được, không nhập gì: {}", vi.into()),
        format!(
            "The bundle cannot be used; nothing was imported: {}",
            en.into()
        ),
    ))
}

impl Store {
    /// The bundle of a commune, as JSON bytes, read from one snapshot.
    pub fn export_bundle(&mut self, commune_id: i64, exported_at: &str) -> Result<Vec<u8>> {
        let commune = self.commune(commune_id)?;
        let tx = self.conn.transaction()?;
        let mut tables = Vec::new();
        for &(table, scope) in TABLES {
            let cols: Vec<String> = columns(&tx, table)?
                .into_iter()
                .map(|(c, _)| c)
                .filter(|c| !is_derived(table, c))
                .collect();
            let list = cols
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut st = tx.prepare(&format!(
                "SELECT {list} FROM \"{table}\" {} ORDER BY 1, 2",
                filter(scope)
            ))?;
            let mut rows = st.query([commune_id])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let row: Vec<Json> = (0..cols.len())
                    .map(|i| r.get_ref(i).map(to_json))
                    .collect::<rusqlite::Result<_>>()?;
                out.push(Json::Array(row));
            }
            tables.push((table, json!({ "columns": cols, "rows": out })));
        }
        drop(tx);
        let header = [
            ("format", json!(BUNDLE_FORMAT)),
            ("version", json!(BUNDLE_VERSION)),
            ("exported_at", json!(exported_at)),
            (
                "program",
                json!(concat!("cnscd ", env!("CARGO_PKG_VERSION"))),
            ),
            ("schema", json!(super::schema::VERSION)),
            (
                "commune",
                json!({ "id": commune_id, "name": commune.full_name() }),
            ),
        ];
        Ok(layout(&header, &tables).into_bytes())
    }

    /// A digest of every row of every table (derived ones included): two equal digests
    /// mean two databases hold the same data. For checks and tests.
    pub fn digest(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let names: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_fts%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in names {
            h.update(table.as_bytes());
            let mut st = self
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))?;
            let n = st.column_count();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..n {
                    h.update(to_json(r.get_ref(i)?).to_string().as_bytes());
                    h.update([0x1f]);
                }
                h.update([0x1e]);
            }
        }
        Ok(format!("{:x}", h.finalize()))
    }

    /// What the verbs would stumble on, as `cnscd check` reports it: dates that are no
    /// day, issued documents whose frozen model does not read or was changed after it
    /// was issued. Empty when all reads.
    pub fn damage(&self) -> Result<Vec<Msg>> {
        let mut out = Vec::new();
        for (table, column, id, value) in bad_dates(self.conn())? {
            let value = crate::domain::text::quote(&value);
            out.push(Msg::new(
                format!("bảng {table}, dòng mã {id}, cột {column}: “{value}” không phải một ngày"),
                format!("table {table}, row id {id}, column {column}: “{value}” is not a day"),
            ));
        }
        out.extend(damaged_documents(self.conn())?);
        Ok(out)
    }

    /// Reads a bundle and writes its commune into this database, which must hold no
    /// commune, in one transaction; ids are kept. Any problem: nothing is written.
    pub fn import_bundle(&mut self, bytes: &[u8]) -> Result<BundleSummary> {
        let doc = parse(bytes)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let summary = import_in(&tx, &doc)?;
        tx.commit()?;
        Ok(summary)
    }
}

/// The checked header and tables of a bundle.
struct Doc {
    commune_id: i64,
    commune_name: String,
    tables: Map<String, Json>,
}

fn parse(bytes: &[u8]) -> Result<Doc> {
    let doc: Json = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            bad(
                format!("tệp bị cắt cụt (dòng {}, cột {})", e.line(), e.column()),
                format!(
                    "the file is truncated (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        } else {
            bad(
                format!(
                    "không phải JSON hợp lệ (dòng {}, cột {})",
                    e.line(),
                    e.column()
                ),
                format!(
                    "it is not valid JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        }
    })?;
    let Json::Object(mut top) = doc else {
        return Err(bad("không phải gói cnscd", "it is not a cnscd bundle"));
    };
    if top.get("format").and_then(Json::as_str) != Some(BUNDLE_FORMAT) {
        return Err(bad(
            format!("trường format phải là \"{BUNDLE_FORMAT}\" (không phải gói cnscd)"),
            format!("the field format must be \"{BUNDLE_FORMAT}\" (not a cnscd bundle)"),
        ));
    }
    match top.get("version").and_then(Json::as_i64) {
        Some(v) if v == BUNDLE_VERSION => {}
        Some(v) if v > BUNDLE_VERSION => {
            return Err(bad(
                format!(
                    "gói phiên bản {v} do chương trình mới hơn tạo ra; phiên bản này chỉ đọc được đến {BUNDLE_VERSION}. Hãy cập nhật chương trình."
                ),
                format!(
                    "it is version {v}, made by a newer program; this one reads up to {BUNDLE_VERSION}. Please update the program."
                ),
            ));
        }
        _ => {
            return Err(bad(
                format!("trường version phải là số nguyên từ 1 đến {BUNDLE_VERSION}"),
                format!("the field version must be a whole number from 1 to {BUNDLE_VERSION}"),
            ));
        }
    }
    let commune = top.get("commune").and_then(Json::as_object);
    let Some(commune_id) = commune.and_then(|c| c.get("id")).and_then(Json::as_i64) else {
        return Err(bad(
            "thiếu trường commune.id (số của xã)",
            "the field commune.id (the commune's number) is missing",
        ));
    };
    let commune_name = commune
        .and_then(|c| c.get("name"))
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(Json::Object(tables)) = top.remove("tables") else {
        return Err(bad("thiếu trường tables", "the field tables is missing"));
    };
    for name in tables.keys() {
        if !TABLES.iter().any(|(t, _)| t == name) {
            return Err(bad(
                format!("bảng \"{name}\" không có trong phiên bản {BUNDLE_VERSION}"),
                format!("the table \"{name}\" is not part of version {BUNDLE_VERSION}"),
            ));
        }
    }
    for required in ["communes", "villages", "teams", "people", "memberships"] {
        if !tables.contains_key(required) {
            return Err(bad(
                format!("thiếu bảng {required}"),
                format!("the table {required} is missing"),
            ));
        }
    }
    Ok(Doc {
        commune_id,
        commune_name,
        tables,
    })
}

/// A JSON value as the SQLite value of a column of type `ty`, or why not.
fn value(v: &Json, ty: &str) -> std::result::Result<Value, (&'static str, &'static str)> {
    let ty = ty.to_ascii_uppercase();
    Ok(match (v, ty.as_str()) {
        (Json::Null, _) => Value::Null,
        (Json::Number(n), "INTEGER") => Value::Integer(
            n.as_i64()
                .ok_or(("phải là số nguyên", "must be a whole number"))?,
        ),
        (Json::Number(n), "REAL") => {
            Value::Real(n.as_f64().ok_or(("phải là số", "must be a number"))?)
        }
        (Json::String(s), "TEXT") => Value::Text(s.clone()),
        (Json::Object(o), "BLOB") => Value::Blob(
            o.get("hex")
                .and_then(Json::as_str)
                .and_then(unhex)
                .ok_or(("phải là {\"hex\": …}", "must be {\"hex\": …}"))?,
        ),
        (_, "INTEGER") => return Err(("phải là số nguyên", "must be a whole number")),
        (_, "REAL") => return Err(("phải là số", "must be a number")),
        (_, "TEXT") => return Err(("phải là chuỗi chữ", "must be a string")),
        _ => return Err(("có kiểu không đúng", "has the wrong type")),
    })
}

fn import_in(tx: &Transaction<'_>, doc: &Doc) -> Result<BundleSummary> {
    let existing: Option<String> = tx
        .query_row(
            &format!(
                "SELECT {} FROM communes ORDER BY id LIMIT 1",
                super::places::COMMUNE_COLS
            ),
            [],
            super::places::commune_row,
        )
        .map(|c| Some(c.full_name()))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    if let Some(name) = existing {
        let same = name == doc.commune_name;
        return Err(StoreError::refused(
            format!(
                "Cơ sở dữ liệu này đã có {name}{}; không nhập để tránh trùng lặp. Hãy nhập vào một cơ sở dữ liệu mới (--db với một tệp mới).",
                if same { " (chính xã trong gói)" } else { "" }
            ),
            format!(
                "This database already holds {name}{}; nothing imported, so nothing is duplicated. Import into a new database (--db with a new file).",
                if same {
                    " (the bundle's own commune)"
                } else {
                    ""
                }
            ),
        ));
    }
    // Rows may refer forward (a village merged into a later one): references are
    // checked once everything is in, before the commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    // The catalogue seeded when the database opened gives way to the bundle's, whose
    // ids the counts and targets use.
    if doc.tables.contains_key("indicators") {
        tx.execute("DELETE FROM indicators", [])?;
    }
    let mut summary = BundleSummary {
        commune: doc.commune_name.clone(),
        rows: Vec::new(),
    };
    for &(table, _) in TABLES {
        let Some(t) = doc.tables.get(table) else {
            continue;
        };
        let n = insert_table(tx, table, t)?;
        summary.rows.push((table.to_string(), n));
    }
    check_references(tx, doc.commune_id)?;
    check_values(tx)?;
    let communes: i64 = tx.query_row("SELECT count(*) FROM communes", [], |r| r.get(0))?;
    let header: i64 = tx.query_row(
        "SELECT count(*) FROM communes WHERE id = ?1",
        [doc.commune_id],
        |r| r.get(0),
    )?;
    if communes != 1 || header != 1 {
        return Err(bad(
            format!("bảng communes phải có đúng một xã, số {}", doc.commune_id),
            format!(
                "the table communes must hold exactly one commune, number {}",
                doc.commune_id
            ),
        ));
    }
    // The header names the commune its rows hold: a bundle that says one commune and
    // brings another is not taken for what it says.
    let held = tx
        .query_row(
            &format!(
                "SELECT {} FROM communes WHERE id = ?1",
                super::places::COMMUNE_COLS
            ),
            [doc.commune_id],
            super::places::commune_row,
        )?
        .full_name();
    if crate::domain::text::fold(&held) != crate::domain::text::fold(&doc.commune_name) {
        let said = crate::domain::text::quote(&doc.commune_name);
        return Err(bad(
            format!("phần đầu gói ghi “{said}” nhưng bảng communes là {held}"),
            format!("the bundle's header says “{said}” but its table communes holds {held}"),
        ));
    }
    super::derived::check_in(tx, true)?;
    Ok(summary)
}

/// The dates a bundle's rows hold: each must be a real day written `YYYY-MM-DD`.
const DATES: &[(&str, &str)] = &[
    ("memberships", "joined_on"),
    ("memberships", "left_on"),
    ("activities", "on_date"),
    ("decisions", "issued_on"),
    ("decisions", "voided_on"),
    ("reports", "issued_on"),
    ("reports", "voided_on"),
    ("library", "dated"),
    ("library", "in_force_from"),
    ("library", "in_force_until"),
    ("return_sheets", "received_on"),
];

/// What the forms and the register would refuse, checked on the imported rows before
/// the commit: a date that is no day, a frozen document that does not read, or whose
/// text is not the one whose hash was kept at issue (an edited bundle). The first
/// problem refuses the bundle, naming the table, the row and the column.
pub(super) fn check_values(conn: &rusqlite::Connection) -> Result<()> {
    if let Some((table, column, id, value)) = bad_date(conn)? {
        return Err(bad(
            format!(
                "bảng {table}, dòng mã {id}, cột {column}: “{}” không phải một ngày (cần dạng 2026-02-05)",
                crate::domain::text::quote(&value)
            ),
            format!(
                "table {table}, row id {id}, column {column}: “{}” is not a day (it must look like 2026-02-05)",
                crate::domain::text::quote(&value)
            ),
        ));
    }
    if let Some(d) = damaged_documents(conn)?.into_iter().next() {
        return Err(bad(d.vi, d.en));
    }
    // A name is one line of letters, as the forms take it: no control character (it
    // would break a line of the command line's tab-separated lists), and a person's
    // name by the rules of the member form.
    let control = format!("*[{}-{}{}]*", '\u{1}', '\u{1f}', '\u{7f}');
    for &(table, column) in ONE_LINE {
        let found: Option<i64> = conn
            .query_row(
                &format!("SELECT rowid FROM {table} WHERE {column} GLOB ?1 LIMIT 1"),
                [&control],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = found {
            return Err(bad(
                format!(
                    "bảng {table}, dòng mã {id}, cột {column}: có ký tự điều khiển (xuống dòng, tab…), không phải chữ"
                ),
                format!(
                    "table {table}, row id {id}, column {column}: it holds a control character (a line break, a tab…), not letters"
                ),
            ));
        }
    }
    let mut st =
        conn.prepare("SELECT id, full_name FROM people WHERE full_name <> '' ORDER BY id")?;
    let names = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in names {
        let (id, name) = row?;
        if let Err(e) = crate::domain::validate::full_name(&name) {
            let shown = crate::domain::text::quote(&name);
            return Err(bad(
                format!(
                    "bảng people, dòng mã {id}, cột full_name: “{shown}” {}",
                    e.rule.vi
                ),
                format!(
                    "table people, row id {id}, column full_name: “{shown}” {}",
                    e.rule.en
                ),
            ));
        }
    }
    Ok(())
}

/// The text columns that hold one line (names, numbers), never a control character.
const ONE_LINE: &[(&str, &str)] = &[
    ("communes", "province"),
    ("communes", "name"),
    ("communes", "place_name"),
    ("communes", "chairman"),
    ("villages", "name"),
    ("people", "full_name"),
    ("people", "given_name"),
    ("people", "position"),
    ("people", "phone"),
    ("people", "email"),
    ("people", "citizen_id"),
];

/// The first date of [`DATES`] that is not a real day: (table, column, row id, value).
pub(super) fn bad_date(
    conn: &rusqlite::Connection,
) -> Result<Option<(&'static str, &'static str, i64, String)>> {
    Ok(bad_dates_in(conn, true)?.into_iter().next())
}

/// The first date that is not a real day in each column of [`DATES`].
fn bad_dates(
    conn: &rusqlite::Connection,
) -> Result<Vec<(&'static str, &'static str, i64, String)>> {
    bad_dates_in(conn, false)
}

fn bad_dates_in(
    conn: &rusqlite::Connection,
    first_only: bool,
) -> Result<Vec<(&'static str, &'static str, i64, String)>> {
    let mut out = Vec::new();
    for &(table, column) in DATES {
        let found = conn
            .query_row(
                &format!(
                    "SELECT rowid, CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL \
                     AND (typeof({column}) != 'text' OR date({column}) IS NULL OR date({column}) != {column}) LIMIT 1"
                ),
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
            )
            .optional()?;
        if let Some((id, value)) = found {
            out.push((table, column, id, value.unwrap_or_default()));
            if first_only {
                break;
            }
        }
    }
    Ok(out)
}

/// The issued documents whose frozen model does not read, or whose text is not the one
/// whose hash was kept at issue: one message each, naming the register and the entry.
pub(super) fn damaged_documents(conn: &rusqlite::Connection) -> Result<Vec<Msg>> {
    let mut out = Vec::new();
    for (table, vi, en) in [
        ("decisions", "Quyết định", "Decision"),
        ("reports", "Báo cáo", "Report"),
    ] {
        let mut st = conn.prepare(&format!(
            "SELECT id, number, model, model_sha256 FROM {table} ORDER BY id"
        ))?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, number, model, kept) = row?;
            if serde_json::from_str::<crate::document::model::Document>(&model).is_err() {
                out.push(Msg::new(
                    format!("{vi} số {number} (bảng {table}, mã {id}): văn bản lưu lúc ban hành không đọc được"),
                    format!("{en} number {number} (table {table}, id {id}): the document frozen at issue cannot be read"),
                ));
            } else if !kept.is_empty() && super::decisions::model_sha256(&model) != kept {
                out.push(Msg::new(
                    format!("{vi} số {number} (bảng {table}, mã {id}): nội dung đã bị sửa sau khi ban hành (không khớp mã kiểm tra giữ lúc ban hành)"),
                    format!("{en} number {number} (table {table}, id {id}): its text was changed after it was issued (it does not match the check kept at issue)"),
                ));
            }
        }
    }
    Ok(out)
}

fn insert_table(tx: &Transaction<'_>, table: &str, t: &Json) -> Result<usize> {
    let shape = || {
        bad(
            format!(
                "bảng {table} phải có \"columns\" (danh sách tên cột) và \"rows\" (danh sách dòng)"
            ),
            format!(
                "the table {table} must have \"columns\" (a list of names) and \"rows\" (a list of rows)"
            ),
        )
    };
    let cols = t
        .get("columns")
        .and_then(Json::as_array)
        .ok_or_else(shape)?;
    let rows = t.get("rows").and_then(Json::as_array).ok_or_else(shape)?;
    let known = columns(tx, table)?;
    let mut types = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for c in cols {
        let name = c.as_str().ok_or_else(shape)?;
        let Some((_, ty)) = known
            .iter()
            .find(|(k, _)| k == name && !is_derived(table, k))
        else {
            return Err(bad(
                format!("bảng {table} không có cột \"{name}\""),
                format!("the table {table} has no column \"{name}\""),
            ));
        };
        if !seen.insert(name.to_string()) {
            return Err(bad(
                format!("cột {table}.{name} ghi hai lần"),
                format!("the column {table}.{name} is given twice"),
            ));
        }
        names.push(name.to_string());
        types.push(ty.clone());
    }
    // History keeps its own numbering in the receiving database.
    let skip_id = table == "history";
    let mut insert_cols: Vec<String> = names
        .iter()
        .filter(|n| !(skip_id && *n == "id"))
        .cloned()
        .collect();
    let mut extra = Vec::new();
    for (k, _) in &known {
        if let Some(v) = placeholder(table, k) {
            insert_cols.push(k.clone());
            extra.push(v);
        }
    }
    let list = insert_cols
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=insert_cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let conflict = if table == "settings" {
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    } else {
        ""
    };
    let mut st = tx.prepare(&format!(
        "INSERT INTO \"{table}\" ({list}) VALUES ({marks}){conflict}"
    ))?;
    for (i, row) in rows.iter().enumerate() {
        let line = i + 1;
        let Some(row) = row.as_array().filter(|r| r.len() == names.len()) else {
            return Err(bad(
                format!(
                    "bảng {table}, dòng {line}: phải là danh sách {} giá trị",
                    names.len()
                ),
                format!(
                    "table {table}, row {line}: must be a list of {} values",
                    names.len()
                ),
            ));
        };
        let mut values = Vec::with_capacity(insert_cols.len());
        for ((v, ty), name) in row.iter().zip(&types).zip(&names) {
            let v = value(v, ty).map_err(|(vi, en)| {
                bad(
                    format!("bảng {table}, dòng {line}, cột {name}: {vi}"),
                    format!("table {table}, row {line}, column {name}: {en}"),
                )
            })?;
            if !(skip_id && name == "id") {
                values.push(v);
            }
        }
        values.extend(extra.iter().cloned());
        st.execute(params_from_iter(values.iter())).map_err(|e| {
            let (vi, en) = match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => (
                    "một giá trị trái quy tắc của bảng (thiếu, trùng số hoặc ngoài giới hạn)",
                    "a value breaks a rule of the table (missing, a duplicate number, or out of range)",
                ),
                _ => ("không ghi được dòng này", "this row could not be written"),
            };
            bad(
                format!("bảng {table}, dòng {line}: {vi}"),
                format!("table {table}, row {line}: {en}"),
            )
        })?;
    }
    Ok(rows.len())
}

/// Every reference points at a row of the bundle, and every row is the commune's.
fn check_references(tx: &Transaction<'_>, commune_id: i64) -> Result<()> {
    let dangling: Option<(String, i64, String)> = {
        let mut st =
            tx.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1")?;
        let mut rows = st.query([])?;
        match rows.next()? {
            Some(r) => Some((
                r.get(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get(2)?,
            )),
            None => None,
        }
    };
    if let Some((table, rowid, parent)) = dangling {
        return Err(bad(
            format!(
                "bảng {table}, dòng số {rowid} trỏ tới một dòng của bảng {parent} không có trong gói"
            ),
            format!(
                "table {table}, row {rowid} refers to a row of {parent} that is not in the bundle"
            ),
        ));
    }
    for &(table, scope) in TABLES {
        if scope != Scope::CommuneId {
            continue;
        }
        let other: i64 = tx.query_row(
            &format!("SELECT count(*) FROM \"{table}\" WHERE commune_id <> ?1"),
            [commune_id],
            |r| r.get(0),
        )?;
        if other > 0 {
            return Err(bad(
                format!("bảng {table} có {other} dòng của xã khác (không phải xã số {commune_id})"),
                format!(
                    "the table {table} has {other} rows of another commune (not number {commune_id})"
                ),
            ));
        }
    }
    // References the schema does not declare.
    let loose: &[(&str, &str)] = &[
        (
            "baselines",
            "village_id <> 0 AND village_id NOT IN (SELECT id FROM villages)",
        ),
        (
            "targets",
            "village_id <> 0 AND village_id NOT IN (SELECT id FROM villages)",
        ),
        (
            "reports",
            "team_id <> 0 AND team_id NOT IN (SELECT id FROM teams)",
        ),
    ];
    for (table, wh) in loose {
        let n: i64 = tx.query_row(
            &format!("SELECT count(*) FROM {table} WHERE {wh}"),
            [],
            |r| r.get(0),
        )?;
        if n > 0 {
            return Err(bad(
                format!("bảng {table} có {n} dòng trỏ tới thôn hoặc Tổ không có trong gói"),
                format!(
                    "the table {table} has {n} rows referring to a village or team not in the bundle"
                ),
            ));
        }
    }
    Ok(())
}
