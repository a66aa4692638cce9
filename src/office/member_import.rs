//! Members brought in from a spreadsheet (`.xlsx`, `.xls`, `.ods`, `.csv`): the header
//! found under the title block, a mapping of columns to fields proposed from the
//! Vietnamese headers (the clerk may change it), every line checked with the person
//! form's rules and previewed with its problems named by field, people already in the
//! database linked instead of duplicated — then all lines written in one transaction,
//! or none. The lines left out are saved, with their reasons, as a sheet.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::output::{self, Target};
use super::spreadsheet::{self, Cell, Sheet, Table};
use super::{Error, Result};
use crate::domain::member_sheet::{self, Column, Known, Mapping, Match};
use crate::domain::people::{JoinInput, Joining, Person, PersonInput};
use crate::domain::{Field, FieldError, Lang, Msg, text};
use crate::store::{ImportWrite, Store, StoreError};

/// What the clerk asks for.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub file: PathBuf,
    pub team: i64,
    /// The sheet's name (any case or accents); the first with a header otherwise.
    pub sheet: Option<String>,
    /// The header's row, counted from 1, when it is not found on its own.
    pub header_row: Option<usize>,
    /// `(field, column)` as typed: `phone` = `E`, `name` = `Họ và tên`, `notes` = `` (none).
    pub map: Vec<(String, String)>,
    /// Write the good lines and leave the bad ones out (listed in the skipped sheet).
    pub skip_bad: bool,
    /// Preview only: the database and the disk are left as they are.
    pub dry_run: bool,
    /// Where the skipped lines go; beside the file, under a new name, by default.
    pub skipped_to: Option<Target>,
    /// The year birth years are checked against; this year by default.
    pub this_year: Option<i32>,
    /// The language of the skipped sheet's reasons.
    pub lang: Lang,
}

/// What becomes of one line of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new person joins the team.
    Add {
        person: Person,
        joining: Joining,
        warnings: Vec<Msg>,
    },
    /// Someone already in the database joins the team (id, name as kept, why).
    Link {
        person_id: i64,
        name: String,
        why: Msg,
        joining: Joining,
    },
    /// Left out, and why (a repeated line, already a member).
    Skip(Msg),
    /// Refused: every problem, each naming its field.
    Bad(Vec<FieldError>),
}

/// One line of the sheet and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The sheet's row number, counted from 1 as Excel shows it.
    pub row: usize,
    /// The name (or position) as read.
    pub name: String,
    pub outcome: Outcome,
}

/// Everything the clerk sees before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub sheets: Vec<String>,
    pub sheet: String,
    /// The header's row, counted from 1 (0: none).
    pub header_row: usize,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub lines: Vec<Line>,
    /// Rows that are not members (title lines, section headings, totals, column
    /// numbers, a repeated header), counted from 1.
    pub ignored: Vec<usize>,
    /// The cells of each line's row, for the skipped sheet.
    cells: HashMap<usize, Vec<String>>,
}

/// How many lines of each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub linked: usize,
    pub skipped: usize,
    pub bad: usize,
}

impl Preview {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for l in &self.lines {
            match l.outcome {
                Outcome::Add { .. } => c.added += 1,
                Outcome::Link { .. } => c.linked += 1,
                Outcome::Skip(_) => c.skipped += 1,
                Outcome::Bad(_) => c.bad += 1,
            }
        }
        c
    }

    /// The mapping in words: `Họ và tên ← B (Họ và tên)`, one a line.
    pub fn mapping_lines(&self, lang: Lang) -> Vec<String> {
        self.mapping
            .columns
            .iter()
            .map(|(f, c)| {
                let header = self.headers.get(*c).map(String::as_str).unwrap_or("");
                format!(
                    "{}\t{}\t{}",
                    f.label().get(lang),
                    member_sheet::column_letter(*c),
                    text::clean(header)
                )
            })
            .collect()
    }
}

/// The outcome of a line in words.
pub fn describe(outcome: &Outcome, lang: Lang) -> (String, String) {
    match outcome {
        Outcome::Add { warnings, .. } => (
            match lang {
                Lang::Vi => "thêm".into(),
                Lang::En => "add".into(),
            },
            warnings
                .iter()
                .map(|w| w.get(lang).to_string())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Outcome::Link {
            person_id,
            name,
            why,
            ..
        } => (
            match lang {
                Lang::Vi => "liên kết".into(),
                Lang::En => "link".into(),
            },
            match lang {
                Lang::Vi => format!("đã có: {name} (mã {person_id}), {}", why.vi),
                Lang::En => format!("already known: {name} (id {person_id}), {}", why.en),
            },
        ),
        Outcome::Skip(m) => (
            match lang {
                Lang::Vi => "bỏ qua".into(),
                Lang::En => "skip".into(),
            },
            m.get(lang).to_string(),
        ),
        Outcome::Bad(errors) => (
            match lang {
                Lang::Vi => "lỗi".into(),
                Lang::En => "error".into(),
            },
            errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// An import done (or, with `dry_run`, only previewed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub preview: Preview,
    /// Nothing was written (a dry run).
    pub dry_run: bool,
    /// The new memberships.
    pub memberships: Vec<i64>,
    /// The sheet of the lines left out, if any was written.
    pub skipped_file: Option<PathBuf>,
    /// Why that sheet could not be written (the import itself is saved).
    pub skipped_error: Option<Msg>,
}

impl Done {
    /// `Đã thêm 12, liên kết 2, bỏ qua 3 dòng.`
    pub fn summary(&self) -> Msg {
        let c = self.preview.counts();
        let left = c.skipped + c.bad;
        let mut m = if self.dry_run {
            Msg::new(
                format!(
                    "Xem trước (chưa ghi gì): sẽ thêm {}, liên kết {}, bỏ qua {} dòng{}.",
                    c.added,
                    c.linked,
                    c.skipped,
                    if c.bad > 0 {
                        format!("; {} dòng có lỗi", c.bad)
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "Preview (nothing written): would add {}, link {}, skip {} lines{}.",
                    c.added,
                    c.linked,
                    c.skipped,
                    if c.bad > 0 {
                        format!("; {} lines have errors", c.bad)
                    } else {
                        String::new()
                    }
                ),
            )
        } else {
            Msg::new(
                format!(
                    "Đã thêm {} người, liên kết {} người đã có, bỏ qua {} dòng.",
                    c.added, c.linked, left
                ),
                format!(
                    "Added {} people, linked {} already known, skipped {} lines.",
                    c.added, c.linked, left
                ),
            )
        };
        if let Some(p) = &self.skipped_file {
            m.vi.push_str(&format!(" Các dòng bỏ qua và lý do: {}", p.display()));
            m.en.push_str(&format!(" Skipped lines and reasons: {}", p.display()));
        }
        if let Some(e) = &self.skipped_error {
            m.vi.push_str(&format!(" {}", e.vi));
            m.en.push_str(&format!(" {}", e.en));
        }
        m
    }
}

fn refused_map(vi: String, en: String) -> Error {
    Error::Refused(Msg::new(vi, en))
}

/// The sheet the clerk named, or the first whose header is found.
fn choose<'a>(sheets: &'a [Sheet], name: Option<&str>) -> Result<&'a Sheet> {
    let names = || {
        sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(want) = name {
        return sheets
            .iter()
            .find(|s| text::fold(&s.name) == text::fold(want))
            .ok_or_else(|| {
                refused_map(
                    format!("Không có trang “{want}”; tệp có: {}", names()),
                    format!("There is no sheet “{want}”; the file has: {}", names()),
                )
            });
    }
    sheets
        .iter()
        .find(|s| member_sheet::find_header(&s.rows).is_some())
        .or_else(|| sheets.first())
        .ok_or_else(|| {
            refused_map(
                "Tệp không có trang nào".into(),
                "The file has no sheet".into(),
            )
        })
}

/// The header row and the mapping: found, then changed as the clerk typed.
fn mapping(sheet: &Sheet, req: &ImportRequest) -> Result<(usize, Vec<String>, Mapping)> {
    let found = member_sheet::find_header(&sheet.rows);
    if let Some(r) = req.header_row
        && !(1..=sheet.rows.len()).contains(&r)
    {
        let n = sheet.rows.len();
        return Err(refused_map(
            format!(
                "--header-row {r}: trang “{}” có các hàng từ 1 đến {n}",
                sheet.name
            ),
            format!("--header-row {r}: sheet “{}” has rows 1 to {n}", sheet.name),
        ));
    }
    let (index, mut m) = match (req.header_row, found) {
        (Some(r), _) => {
            let row = sheet.rows[r - 1].clone();
            (Some(r - 1), member_sheet::propose(&row))
        }
        (_, Some((i, m))) => (Some(i), m),
        _ => (None, Mapping::default()),
    };
    let headers = index
        .and_then(|i| sheet.rows.get(i).cloned())
        .unwrap_or_default();
    for (field, column) in &req.map {
        let f = Column::from_code(field).ok_or_else(|| {
            let all: Vec<&str> = Column::ALL.iter().map(|c| c.code()).collect();
            refused_map(
                format!(
                    "--map: không có trường “{field}”; chọn một trong: {}",
                    all.join(", ")
                ),
                format!(
                    "--map: there is no field “{field}”; use one of: {}",
                    all.join(", ")
                ),
            )
        })?;
        if column.trim().is_empty() || column.trim() == "-" {
            m.set(f, None);
            continue;
        }
        let c = member_sheet::parse_column(column, &headers).ok_or_else(|| {
            refused_map(
                format!("--map {field}: không có cột “{column}” (ghi chữ cái như C, số thứ tự cột, hoặc tên cột)"),
                format!("--map {field}: there is no column “{column}” (give a letter like C, the column's number, or its header)"),
            )
        })?;
        m.set(f, Some(c));
    }
    if !m.usable() {
        return Err(refused_map(
            format!(
                "Trang “{}” không có cột Họ và tên (hay Chức vụ) nhận ra được; hãy chỉ rõ, ví dụ --map name=B",
                sheet.name
            ),
            format!(
                "No full name (or position) column was recognised on sheet “{}”; name it, e.g. --map name=B",
                sheet.name
            ),
        ));
    }
    Ok((index.map_or(0, |i| i + 1), headers, m))
}

/// Reads the file and proposes the mapping; the lines are planned against `known`.
fn plan(sheets: &[Sheet], req: &ImportRequest, known: &Known, this_year: i32) -> Result<Preview> {
    let sheet = choose(sheets, req.sheet.as_deref())?;
    let (header_row, headers, mapping) = mapping(sheet, req)?;
    let mut lines = Vec::new();
    let mut ignored = Vec::new();
    let mut cells_of = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // People already known, linked by an earlier line: person id → row.
    let mut linked: HashMap<i64, usize> = HashMap::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(header_row) {
        let number = i + 1;
        let get = |f: Column| -> String {
            mapping
                .column(f)
                .and_then(|c| row.get(c))
                .map(|s| text::clean(s))
                .unwrap_or_default()
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // With a numbered list, a line without a number is a heading, a total or the
        // signature block under the table.
        if mapping.column(Column::Number).is_some() {
            let n = get(Column::Number);
            let n = n.trim_end_matches('.');
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
                ignored.push(number);
                continue;
            }
        } else if member_sheet::is_furniture(row) {
            ignored.push(number);
            continue;
        }
        let full_name = match (get(Column::FullName), get(Column::FamilyMiddle)) {
            (n, _) if !n.is_empty() => n,
            (_, family) => format!("{family} {}", get(Column::GivenName))
                .trim()
                .to_string(),
        };
        let given_name = if mapping.column(Column::FamilyMiddle).is_some() {
            get(Column::GivenName)
        } else {
            String::new()
        };
        let mut position = get(Column::Position);
        let unit = get(Column::Unit);
        if !unit.is_empty() && !text::fold(&position).contains(&text::fold(&unit)) {
            position = format!("{position} {unit}").trim().to_string();
        }
        let facts = [
            get(Column::Role),
            get(Column::Phone),
            get(Column::Birth),
            get(Column::CitizenId),
            get(Column::Gender),
        ];
        if full_name.is_empty() && position.is_empty() && facts.iter().all(String::is_empty) {
            ignored.push(number);
            continue;
        }
        let folded = text::fold(&full_name);
        if folded.starts_with("tong cong") || folded.starts_with("tong so") {
            ignored.push(number);
            continue;
        }
        let mut notes = get(Column::Notes);
        let village = get(Column::Village);
        if !village.is_empty() {
            let v = format!("Thôn/Tổ: {village}");
            notes = if notes.is_empty() {
                v
            } else {
                format!("{notes}\n{v}")
            };
        }
        let input = PersonInput {
            full_name: full_name.clone(),
            given_name,
            gender: get(Column::Gender),
            birth_year: member_sheet::birth_year(&get(Column::Birth)),
            position: position.clone(),
            phone: member_sheet::phone(&get(Column::Phone)),
            email: get(Column::Email),
            citizen_id: member_sheet::citizen_id(&get(Column::CitizenId)),
            notes,
        };
        let role_typed = get(Column::Role);
        let mut errors = formulas_without_value(sheet, &mapping, i);
        // A line of the sheet is a person: without a name it is refused, never filed
        // under the words of another column.
        if full_name.is_empty() && errors.iter().all(|e| e.field != Field::FullName) {
            errors.push(FieldError::new(
                Field::FullName,
                "thiếu Họ và tên",
                "the full name (Họ và tên) is missing",
            ));
        }
        let role = member_sheet::role(&role_typed);
        if role.is_none() {
            errors.push(FieldError::new(
                Field::Role,
                format!("“{role_typed}” không phải Tổ trưởng, Tổ phó hay Tổ viên"),
                format!(
                    "“{role_typed}” is not Tổ trưởng (leader), Tổ phó (deputy) or Tổ viên (member)"
                ),
            ));
        }
        let join = JoinInput {
            role: role
                .unwrap_or(crate::domain::people::Role::Member)
                .code()
                .into(),
            duties: get(Column::Duties),
            joined_on: get(Column::JoinedOn),
            joined_by: String::new(),
        };
        let checked = input.check(this_year);
        let joining = join.check();
        if let Err(e) = &checked {
            errors.extend(e.iter().cloned());
        }
        if let Err(e) = &joining {
            errors.extend(e.iter().cloned());
        }
        cells_of.insert(number, row.clone());
        let shown = if full_name.is_empty() {
            position.clone()
        } else {
            text::clean(&full_name)
        };
        let (Ok(checked), Ok(joining), true) = (checked, joining, errors.is_empty()) else {
            lines.push(Line {
                row: number,
                name: shown,
                outcome: Outcome::Bad(errors),
            });
            continue;
        };
        let person = checked.person;
        let outcome = match repeated(&person, number, &mut seen) {
            Some(first) => Outcome::Skip(Msg::new(
                format!("trùng với dòng {first}"),
                format!("the same person as row {first}"),
            )),
            None => match known.find(&person) {
                Match::Same(id, name, why) if known.is_in_team(id) => Outcome::Skip(Msg::new(
                    format!("{name} đã là thành viên của Tổ ({})", why.vi),
                    format!("{name} is already a member of the team ({})", why.en),
                )),
                Match::Same(person_id, _, _) if linked.contains_key(&person_id) => {
                    let first = linked[&person_id];
                    Outcome::Skip(Msg::new(
                        format!("trùng với dòng {first}"),
                        format!("the same person as row {first}"),
                    ))
                }
                Match::Same(person_id, name, why) => {
                    linked.insert(person_id, number);
                    Outcome::Link {
                        person_id,
                        name,
                        why,
                        joining,
                    }
                }
                Match::OtherName(_, name) => Outcome::Bad(vec![FieldError::new(
                    Field::CitizenId,
                    format!(
                        "số CCCD này đã là của {name}, một người có họ tên khác; hãy kiểm tra lại số CCCD hoặc họ tên"
                    ),
                    format!(
                        "this citizen ID already belongs to {name}, who has another name; check the ID or the name"
                    ),
                )]),
                Match::New => Outcome::Add {
                    person,
                    joining,
                    warnings: checked.warnings,
                },
            },
        };
        lines.push(Line {
            row: number,
            name: shown,
            outcome,
        });
    }
    Ok(Preview {
        sheets: sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: sheet.name.clone(),
        header_row,
        headers,
        mapping,
        lines,
        ignored,
        cells: cells_of,
    })
}

/// The mapped cells of row `i` that hold a formula saved without its value: read,
/// they would be empty, so each is named for the clerk to open and save the file.
fn formulas_without_value(sheet: &Sheet, mapping: &Mapping, i: usize) -> Vec<FieldError> {
    Column::ALL
        .into_iter()
        .filter_map(|column| {
            let c = mapping.column(column)?;
            sheet.is_formula_without_value(i, c).then(|| {
                let cell = super::limits::cell_name(i, c);
                FieldError::new(
                    field_of(column),
                    format!("ô {cell} là công thức chưa có giá trị (tệp chưa được tính lại); hãy mở tệp bằng Excel hay LibreOffice, lưu lại rồi nhập lại"),
                    format!("cell {cell} is a formula saved without its value (the file was never recalculated); open it in Excel or LibreOffice, save it and import again"),
                )
            })
        })
        .collect()
}

/// The form's field a column of the sheet fills.
fn field_of(c: Column) -> Field {
    match c {
        Column::Number | Column::FullName | Column::FamilyMiddle => Field::FullName,
        Column::GivenName => Field::GivenName,
        Column::Position | Column::Unit => Field::Position,
        Column::Role => Field::Role,
        Column::Duties => Field::Duties,
        Column::Phone => Field::Phone,
        Column::Birth => Field::BirthYear,
        Column::Gender => Field::Gender,
        Column::CitizenId => Field::CitizenId,
        Column::Village => Field::Village,
        Column::Email => Field::Email,
        Column::Notes => Field::Notes,
        Column::JoinedOn => Field::JoinedOn,
    }
}

/// The first row the same person was read from (same citizen ID, same name with the
/// same phone or birth year, or — with none of these — the same name and position);
/// records this one otherwise.
fn repeated(p: &Person, row: usize, seen: &mut HashMap<String, usize>) -> Option<usize> {
    let name = text::fold(&p.full_name);
    let mut keys = Vec::new();
    if let Some(c) = &p.citizen_id {
        keys.push(format!("id:{c}"));
    }
    if !name.is_empty() {
        if let Some(ph) = &p.phone {
            keys.push(format!("phone:{name}:{ph}"));
        }
        if let Some(y) = p.birth_year {
            keys.push(format!("year:{name}:{y}"));
        }
        if keys.is_empty() {
            // Nothing else tells them apart: the same name in the same position.
            keys.push(format!("pos:{name}:{}", text::fold(&p.position)));
        }
    } else {
        keys.push(format!("slot:{}", text::fold(&p.position)));
    }
    if let Some(first) = keys.iter().find_map(|k| seen.get(k)) {
        return Some(*first);
    }
    for k in keys {
        seen.insert(k, row);
    }
    None
}

fn this_year(req: &ImportRequest) -> i32 {
    req.this_year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()))
}

/// Reads the file and plans every line against the database; writes nothing.
pub fn preview(store: &Store, req: &ImportRequest) -> Result<Preview> {
    let sheets = spreadsheet::read(&req.file)?;
    store.team(req.team)?;
    let known = store.known_people(req.team)?;
    plan(&sheets, req, &known, this_year(req))
}

/// The refusal of an import with bad lines: each line and field, at most 30.
fn bad_lines_refusal(p: &Preview) -> Error {
    let mut vi = Vec::new();
    let mut en = Vec::new();
    let bad: Vec<&Line> = p
        .lines
        .iter()
        .filter(|l| matches!(l.outcome, Outcome::Bad(_)))
        .collect();
    vi.push(format!(
        "{} dòng có lỗi; chưa ghi gì. Hãy sửa tệp rồi nhập lại, hoặc chọn bỏ qua các dòng lỗi (--skip-bad):",
        bad.len()
    ));
    en.push(format!(
        "{} lines have errors; nothing was written. Correct the file and import it again, or choose to skip the bad lines (--skip-bad):",
        bad.len()
    ));
    for l in bad.iter().take(30) {
        let (_, why_vi) = describe(&l.outcome, Lang::Vi);
        let (_, why_en) = describe(&l.outcome, Lang::En);
        vi.push(format!("Dòng {} ({}) — {why_vi}", l.row, l.name));
        en.push(format!("Row {} ({}) — {why_en}", l.row, l.name));
    }
    if bad.len() > 30 {
        vi.push(format!("… và {} dòng nữa", bad.len() - 30));
        en.push(format!("… and {} more", bad.len() - 30));
    }
    Error::Refused(Msg::new(vi.join("\n"), en.join("\n")))
}

/// Imports the members: the whole file in one transaction, or nothing. A line with an
/// error refuses the whole import unless the clerk chose to skip bad lines; a dry run
/// only previews. The lines left out are saved as a sheet afterwards.
pub fn run(store: &mut Store, req: &ImportRequest) -> Result<Done> {
    let sheets = spreadsheet::read(&req.file)?;
    store.team(req.team)?;
    let year = this_year(req);
    if req.dry_run {
        let known = store.known_people(req.team)?;
        return Ok(Done {
            preview: plan(&sheets, req, &known, year)?,
            dry_run: true,
            memberships: Vec::new(),
            skipped_file: None,
            skipped_error: None,
        });
    }
    let skipped_target = req.skipped_to.clone();
    if let Some(t) = &skipped_target {
        t.check(store.path())?;
    }
    let source = req
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let skip_bad = req.skip_bad;
    // Planned inside the transaction, from the people known when it began; a refusal
    // there rolls back before anything was written.
    let (memberships, preview) = store.import_members(req.team, &source, |known| {
        let p = plan(&sheets, req, known, year).map_err(to_store)?;
        if p.counts().bad > 0 && !skip_bad {
            return Err(to_store(bad_lines_refusal(&p)));
        }
        let writes = p
            .lines
            .iter()
            .filter_map(|l| match &l.outcome {
                Outcome::Add {
                    person, joining, ..
                } => Some(ImportWrite::New {
                    person: person.clone(),
                    joining: joining.clone(),
                }),
                Outcome::Link {
                    person_id, joining, ..
                } => Some(ImportWrite::Link {
                    person_id: *person_id,
                    joining: joining.clone(),
                }),
                _ => None,
            })
            .collect();
        Ok((writes, p))
    })?;
    let mut done = Done {
        preview,
        dry_run: false,
        memberships,
        skipped_file: None,
        skipped_error: None,
    };
    let c = done.preview.counts();
    if c.skipped + c.bad > 0 {
        let target = skipped_target.unwrap_or_else(|| Target::free(&skipped_beside(&req.file)));
        match write_skipped(&done.preview, &target, store.path(), req.lang) {
            Ok(p) => done.skipped_file = Some(p),
            Err(e) => {
                done.skipped_error = Some(Msg::new(
                    format!(
                        "Không ghi được danh sách dòng bỏ qua: {}",
                        e.message(Lang::Vi)
                    ),
                    format!(
                        "The list of skipped lines could not be written: {}",
                        e.message(Lang::En)
                    ),
                ))
            }
        }
    }
    Ok(done)
}

fn to_store(e: Error) -> StoreError {
    match e {
        Error::Invalid(v) => StoreError::Invalid(v),
        Error::NotFound(m) => StoreError::NotFound(m),
        Error::Conflict(m) => StoreError::Conflict(m),
        other => StoreError::Refused(other.to_msg()),
    }
}

/// `danh-sach-bo-qua.xlsx` beside `danh-sach.xlsx`.
pub fn skipped_beside(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "nhap".into());
    file.with_file_name(format!("{stem}-bo-qua.xlsx"))
}

/// The lines left out as a sheet: the row, the reason, then the row's cells under the
/// sheet's own headers.
pub fn skipped_table(p: &Preview, lang: Lang) -> Table {
    let mut headers = vec![
        match lang {
            Lang::Vi => "Dòng".to_string(),
            Lang::En => "Row".to_string(),
        },
        match lang {
            Lang::Vi => "Lý do".to_string(),
            Lang::En => "Reason".to_string(),
        },
    ];
    let width = p
        .cells
        .values()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(p.headers.len());
    for c in 0..width {
        let h = p.headers.get(c).map(|h| text::clean(h)).unwrap_or_default();
        headers.push(if h.is_empty() {
            member_sheet::column_letter(c)
        } else {
            h
        });
    }
    let rows = p
        .lines
        .iter()
        .filter(|l| matches!(l.outcome, Outcome::Skip(_) | Outcome::Bad(_)))
        .map(|l| {
            let mut r = vec![
                Cell::Count(l.row as i64),
                Cell::Text(describe(&l.outcome, lang).1),
            ];
            if let Some(cells) = p.cells.get(&l.row) {
                r.extend(cells.iter().map(|c| Cell::Text(c.clone())));
            }
            r
        })
        .collect();
    Table {
        sheet: match lang {
            Lang::Vi => "Dòng bỏ qua".into(),
            Lang::En => "Skipped lines".into(),
        },
        title: vec![match lang {
            Lang::Vi => format!("Các dòng không nhập từ trang “{}”", p.sheet),
            Lang::En => format!("Lines not imported from sheet “{}”", p.sheet),
        }],
        headers,
        rows,
    }
}

fn write_skipped(p: &Preview, target: &Target, db: Option<&Path>, lang: Lang) -> Result<PathBuf> {
    target.check(db)?;
    let bytes = spreadsheet::xlsx(&[skipped_table(p, lang)])?;
    output::write_file(&target.path, &bytes)
}
