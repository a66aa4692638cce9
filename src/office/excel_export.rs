//! Tables out to Excel (`.xlsx`): the roster (the whole commune, one sheet per team,
//! those who left on their own sheet), the activity log of any filter, the indicator
//! progress of a period, and the tables of a report. Each sheet opens with a title
//! block (commune, what, period, day made) above Vietnamese headers; the citizen ID is
//! masked unless the clerk asks for it in full.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::output::{self, Target};
use super::spreadsheet::{self, Cell, Table};
use super::{Error, Result, home, reports};
use crate::document::model::{Block, Document};
use crate::domain::period::Period;
use crate::domain::place::Commune;
use crate::domain::{Msg, vndate};
use crate::store::{ActivityQuery, MemberQuery, MemberRow, MemberSort, Scope, Store};

/// A written workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// Each sheet's name and number of rows.
    pub sheets: Vec<(String, usize)>,
    pub bytes: usize,
}

impl Written {
    pub fn summary(&self) -> Msg {
        let rows: usize = self.sheets.iter().map(|(_, n)| n).sum();
        let (name, folder) = super::output::named(&self.path);
        let s = self.sheets.len();
        let (size_vi, size_en) = crate::domain::number::size(self.bytes as u64);
        let sheets_en = if s == 1 { "sheet" } else { "sheets" };
        let rows_en = if rows == 1 { "row" } else { "rows" };
        Msg::new(
            format!(
                "Đã ghi {name} — {s} trang tính, {rows} dòng ({size_vi}), trong thư mục {folder}."
            ),
            format!(
                "Wrote {name} — {s} {sheets_en}, {rows} {rows_en} ({size_en}), in the folder {folder}."
            ),
        )
    }
}

/// Writes tables as one workbook to a checked target: the whole file, or none.
pub fn write(store: &Store, tables: &[Table], target: &Target) -> Result<Written> {
    target.check(store.path())?;
    let bytes = spreadsheet::xlsx(tables)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(Written {
        path,
        sheets: tables
            .iter()
            .map(|t| (t.sheet.clone(), t.rows.len()))
            .collect(),
        bytes: bytes.len(),
    })
}

/// The title block: the committee, what, the period or scope, the day made.
fn title(commune: &Commune, what: &str, scope: &str, made: NaiveDate) -> Vec<String> {
    title_of(&commune.committee_name(), what, scope, made)
}

fn title_of(issuer: &str, what: &str, scope: &str, made: NaiveDate) -> Vec<String> {
    let mut t = vec![issuer.to_uppercase(), what.to_uppercase()];
    if !scope.is_empty() {
        t.push(scope.to_string());
    }
    t.push(format!("Ngày lập: {}", made.format("%d/%m/%Y")));
    t
}

/// The roster's headers; the import reads the same ones back.
pub const ROSTER_HEADERS: [&str; 14] = [
    "STT",
    "Họ và tên",
    "Tổ",
    "Nhiệm vụ trong Tổ",
    "Chức vụ, đơn vị",
    "Giới tính",
    "Năm sinh",
    "Số điện thoại",
    "Số CCCD",
    "Thư điện tử",
    "Ngày tham gia",
    "Quyết định",
    "Ghi chú",
    "Mã người",
];

fn member_cells(i: usize, r: &MemberRow, team: &str, full_id: bool) -> Vec<Cell> {
    let (m, p) = (&r.membership, &r.person);
    let id = if full_id {
        p.citizen_id.clone().unwrap_or_default()
    } else {
        p.masked_citizen_id()
    };
    vec![
        Cell::Count(i as i64 + 1),
        Cell::text(&p.full_name),
        Cell::text(team),
        Cell::text(m.role.label_vi()),
        Cell::text(&p.position),
        Cell::text(p.gender.map(|g| g.label_vi()).unwrap_or("")),
        p.birth_year
            .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
        Cell::text(p.phone.clone().unwrap_or_default()),
        Cell::text(id),
        Cell::text(p.email.clone().unwrap_or_default()),
        Cell::date(m.joined_on),
        Cell::text(&m.joined_by),
        Cell::text(&p.notes),
        Cell::Count(p.id),
    ]
}

/// The roster: the whole commune's current members, then one sheet per team, then
/// those who have left (with the day, the reason and the decision).
pub fn roster(store: &Store, full_id: bool, made: NaiveDate) -> Result<Vec<Table>> {
    let commune = home(store)?;
    let names = store.team_names()?;
    let team_of = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let what = "Danh sách thành viên Tổ công nghệ số cộng đồng";
    let all = store.members(&MemberQuery {
        commune_id: Some(commune.id),
        include_left: true,
        sort: MemberSort::Team,
        ..Default::default()
    })?;
    let (current, left): (Vec<&MemberRow>, Vec<&MemberRow>) =
        all.iter().partition(|r| r.membership.is_current());
    let mut tables = vec![Table {
        sheet: "Toàn xã".into(),
        title: title(&commune, what, &commune.full_name(), made),
        headers: ROSTER_HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: current
            .iter()
            .enumerate()
            .map(|(i, r)| member_cells(i, r, &team_of(r.membership.team_id), full_id))
            .collect(),
    }];
    for team in store.teams(commune.id)? {
        let name = team_of(team.id);
        let rows: Vec<&&MemberRow> = {
            let mut v: Vec<&&MemberRow> = current
                .iter()
                .filter(|r| r.membership.team_id == team.id)
                .collect();
            v.sort_by_key(|r| r.membership.role);
            v
        };
        tables.push(Table {
            sheet: name
                .trim_start_matches("Tổ công nghệ số cộng đồng ")
                .to_string(),
            title: title(&commune, what, &name, made),
            headers: ROSTER_HEADERS.iter().map(|h| h.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| member_cells(i, r, &name, full_id))
                .collect(),
        });
    }
    let mut headers: Vec<String> = ROSTER_HEADERS.iter().map(|h| h.to_string()).collect();
    headers.extend(["Ngày rời Tổ", "Lý do", "Quyết định cho rời"].map(String::from));
    tables.push(Table {
        sheet: "Đã rời Tổ".into(),
        title: title(&commune, "Thành viên đã rời Tổ", &commune.full_name(), made),
        headers,
        rows: left
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut c = member_cells(i, r, &team_of(r.membership.team_id), full_id);
                c.push(Cell::date(r.membership.left_on));
                c.push(Cell::text(&r.membership.leave_reason));
                c.push(Cell::text(&r.membership.left_by));
                c
            })
            .collect(),
    });
    Ok(tables)
}

/// The activity log as the filter gives it (the commune is filled in), newest first.
pub fn activities(store: &Store, mut q: ActivityQuery, made: NaiveDate) -> Result<Table> {
    let commune = home(store)?;
    q.commune_id = commune.id;
    let names = store.team_names()?;
    let indicators = store.indicator_list()?;
    let rows = store.activities(&q)?;
    let used: Vec<&crate::domain::indicator::Indicator> = indicators
        .iter()
        .filter(|i| {
            rows.iter()
                .any(|r| r.activity.counts.iter().any(|(id, _)| *id == i.id))
        })
        .collect();
    let mut headers: Vec<String> = [
        "STT",
        "Ngày",
        "Tổ",
        "Loại hoạt động",
        "Số người được tiếp cận",
        "Số hộ được tiếp cận",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(used.iter().map(|i| format!("{} ({})", i.name, i.unit)));
    headers.push("Ghi chú".into());
    let mut scope = Vec::new();
    if let Some(t) = q.team_id {
        scope.push(names.get(&t).cloned().unwrap_or_default());
    }
    match (q.from, q.to) {
        (Some(f), Some(t)) => {
            scope.push(format!("Từ {} đến {}", vndate::short(f), vndate::short(t)))
        }
        (Some(f), None) => scope.push(format!("Từ {}", vndate::short(f))),
        (None, Some(t)) => scope.push(format!("Đến {}", vndate::short(t))),
        (None, None) => {}
    }
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let a = &r.activity;
            let mut c = vec![
                Cell::Count(n as i64 + 1),
                Cell::Date(a.on_date),
                Cell::text(names.get(&a.team_id).cloned().unwrap_or_default()),
                Cell::text(&r.type_name),
                Cell::count(a.people),
                Cell::count(a.households),
            ];
            c.extend(used.iter().map(|i| {
                Cell::count(a.counts.iter().find(|(id, _)| *id == i.id).map(|(_, v)| *v))
            }));
            c.push(Cell::text(&a.note));
            c
        })
        .collect();
    Ok(Table {
        sheet: "Nhật ký hoạt động".into(),
        title: title(&commune, "Nhật ký hoạt động", &scope.join(" — "), made),
        headers,
        rows: table_rows,
    })
}

/// The indicators' progress of a period, for the commune or a team.
pub fn progress(
    store: &Store,
    team: Option<i64>,
    period: Period,
    made: NaiveDate,
) -> Result<Table> {
    let commune = home(store)?;
    let (scope, who) = match team {
        Some(t) => (Scope::Team(t), store.team_name(&store.team(t)?)?),
        None => (Scope::Commune(commune.id), commune.full_name()),
    };
    let figures = store.period_figures(scope, period)?;
    let headers = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu năm",
        "Kỳ này",
        "Lũy kế từ đầu năm",
        "Số liệu gốc",
        "Tỷ lệ",
        "Đạt chỉ tiêu",
    ]
    .map(String::from)
    .to_vec();
    let mut rows: Vec<Vec<Cell>> = figures
        .lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let p = &l.progress;
            vec![
                Cell::Count(n as i64 + 1),
                Cell::text(&l.indicator.name),
                Cell::text(&l.indicator.unit),
                match (p.target, p.has_base) {
                    (Some(t), true) => Cell::Percent(t),
                    (Some(t), false) => Cell::Number(t),
                    (None, _) => Cell::Missing,
                },
                Cell::count(p.period),
                Cell::count(p.cumulative),
                if p.has_base {
                    Cell::count(p.base)
                } else {
                    Cell::Empty
                },
                p.share().map_or(Cell::Missing, Cell::Percent),
                match p.reached() {
                    Some(true) => Cell::text("Đạt"),
                    Some(false) => Cell::text("Chưa đạt"),
                    None => Cell::Missing,
                },
            ]
        })
        .collect();
    let n = rows.len() as i64;
    for (i, (label, v)) in [
        ("Số hoạt động", figures.activities),
        ("Số người được tiếp cận", figures.people),
        ("Số hộ được tiếp cận", figures.households),
    ]
    .into_iter()
    .enumerate()
    {
        rows.push(vec![
            Cell::Count(n + i as i64 + 1),
            Cell::text(label),
            Cell::text(if i == 0 {
                "hoạt động"
            } else if i == 1 {
                "người"
            } else {
                "hộ"
            }),
            Cell::Empty,
            Cell::count(v),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    Ok(Table {
        sheet: format!("Tiến độ {}", period.code()),
        title: title(
            &commune,
            "Tiến độ thực hiện chỉ tiêu",
            &format!("{who} — {}", period.label_vi()),
            made,
        ),
        headers,
        rows,
    })
}

/// A report's text figure back as a typed cell: `5.233` a count, `74,75 %` a share,
/// `—` missing, a date a date, anything else text.
pub fn typed_cell(s: &str) -> Cell {
    let t = s.trim();
    if t == "—" {
        return Cell::Missing;
    }
    if t.is_empty() {
        return Cell::Empty;
    }
    let digits_dots = |x: &str| {
        !x.is_empty()
            && x.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !x.starts_with('.')
            && x.split('.').skip(1).all(|g| g.len() == 3)
    };
    let unsigned = t.strip_prefix('-').unwrap_or(t);
    if digits_dots(unsigned)
        && unsigned.len() <= 18
        && let Ok(n) = t.replace('.', "").parse::<i64>()
    {
        return Cell::Count(n);
    }
    if let Some(p) = t.strip_suffix('%') {
        let p = p.trim().replace('.', "").replace(',', ".");
        if let Ok(x) = p.parse::<f64>() {
            return Cell::Percent(x);
        }
    }
    if t.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(t, "%d/%m/%Y")
    {
        return Cell::Date(d);
    }
    Cell::text(t)
}

/// Every table of a document, one sheet each, under the document's title.
/// `issuer`: the body the title block names (`UBND xã Đắk Nia`, the Sở KH&CN).
pub fn document_tables(issuer: &str, doc: &Document, made: NaiveDate) -> Vec<Table> {
    let what = doc
        .title
        .clone()
        .into_iter()
        .chain(doc.subject.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::new();
    let blocks = doc
        .body
        .iter()
        .chain(doc.annexes.iter().flat_map(|a| a.blocks.iter()));
    let mut heading = String::new();
    for b in blocks {
        match b {
            Block::Para(p) => heading = p.text(),
            Block::Table(t) => {
                let n = out.len() + 1;
                let mut title = title_of(issuer, &what, &heading, made);
                title.insert(2, doc.header.number_line.clone());
                out.push(Table {
                    sheet: format!("Bảng {n}"),
                    title,
                    headers: t.columns.iter().map(|c| c.title.clone()).collect(),
                    rows: t
                        .rows
                        .iter()
                        .map(|r| r.iter().map(|c| typed_cell(c)).collect())
                        .collect(),
                });
            }
            _ => {}
        }
    }
    out
}

/// A report: an issued one's frozen model, or the report the request builds.
pub fn report_document(
    store: &Store,
    issued: Option<i64>,
    req: Option<&reports::ReportRequest>,
) -> Result<Document> {
    match (issued, req) {
        (Some(id), _) => Ok(store.issued_report(home(store)?.id, id)?.model),
        (None, Some(r)) => Ok(reports::build(store, r)?.doc),
        (None, None) => Err(Error::invalid(crate::domain::FieldError::new(
            crate::domain::Field::Period,
            "cần kỳ báo cáo hoặc mã báo cáo đã ban hành",
            "give a period or an issued report's id",
        ))),
    }
}

/// The tables of a report: an issued one from its frozen model, or the report the
/// request builds.
pub fn report_tables(
    store: &Store,
    issued: Option<i64>,
    req: Option<&reports::ReportRequest>,
    made: NaiveDate,
) -> Result<Vec<Table>> {
    tables_of_report(store, &report_document(store, issued, req)?, made)
}

/// The tables of a report's document, refused when it has none.
pub fn tables_of_report(store: &Store, doc: &Document, made: NaiveDate) -> Result<Vec<Table>> {
    let issuer = match store.province_home()? {
        Some(_) => doc.meta.author.clone(),
        None => home(store)?.committee_name(),
    };
    let tables = document_tables(&issuer, doc, made);
    if tables.is_empty() {
        return Err(Error::not_found(
            "Báo cáo này không có bảng nào",
            "This report has no tables",
        ));
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_figures_come_back_typed() {
        assert_eq!(typed_cell("5.233"), Cell::Count(5233));
        assert_eq!(typed_cell("12"), Cell::Count(12));
        assert_eq!(typed_cell("74,75 %"), Cell::Percent(74.75));
        assert_eq!(typed_cell("—"), Cell::Missing);
        assert_eq!(typed_cell("0"), Cell::Count(0));
        assert_eq!(typed_cell("Thôn 1"), Cell::text("Thôn 1"));
        assert_eq!(typed_cell("1.2"), Cell::text("1.2"));
        assert_eq!(
            typed_cell("05/02/2026"),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap())
        );
    }
}
