//! Taking return sheets in: each file read (bounded), each line read as a clerk would
//! read it — `12 hộ` is 12, `5/11` is the 5th of the sheet's month, a date Excel kept
//! as a number is that day, a line with only a note continues the line above — or
//! named as a problem by row and column; then every sheet in one transaction, or none.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::read::{Parsed, RawLine};
use super::{Column, existing_key, parse};
use crate::domain::activity::{Activity, MAX_COUNT};
use crate::domain::period::Period;
use crate::domain::text::{clean, fold};
use crate::domain::{Lang, Msg, number, vndate};
use crate::office::limits::quote;
use crate::office::{Error, Result, home, spreadsheet};
use crate::store::{MemberQuery, NewReturnSheet, ReturnSheetRow, Store};

/// `import return-sheet FILE… [--dry-run] [--replace]`, or the window's button.
#[derive(Debug, Clone)]
pub struct TakeInRequest {
    pub files: Vec<PathBuf>,
    /// A month already taken in: its lines replaced by this sheet's (else refused).
    pub replace: bool,
    /// Kinds of activity the commune does not have yet: added (else each such line is
    /// a problem).
    pub add_kinds: bool,
    /// The day the sheets are taken in (dates after it are refused).
    pub today: NaiveDate,
}

/// A problem of a line: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    /// The sheet's column letter and the column's header, when it is one cell's.
    pub column: Option<(String, String)>,
    pub what: Msg,
}

impl Problem {
    /// `dòng 12, cột E (Số hộ…): …`
    pub fn message(&self, l: Lang) -> String {
        let at = match (&self.column, l) {
            (Some((letter, head)), Lang::Vi) => {
                format!(
                    "dòng {}, cột {letter} ({}, ô {letter}{})",
                    self.row,
                    quote(head),
                    self.row
                )
            }
            (Some((letter, head)), Lang::En) => {
                format!(
                    "row {}, column {letter} ({}, cell {letter}{})",
                    self.row,
                    quote(head),
                    self.row
                )
            }
            (None, Lang::Vi) => format!("dòng {}", self.row),
            (None, Lang::En) => format!("row {}", self.row),
        };
        format!("{at}: {}", self.what.get(l))
    }
}

/// A line as it will be taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePreview {
    pub row: usize,
    pub date: NaiveDate,
    pub kind: String,
    /// A kind the commune does not have yet.
    pub new_kind: bool,
    pub people: Option<i64>,
    pub households: Option<i64>,
    /// (indicator name, count).
    pub counts: Vec<(String, i64)>,
    pub participants: Vec<String>,
    pub note: String,
}

/// One file as it will be taken in, or why it cannot be.
#[derive(Debug, Clone)]
pub struct SheetPreview {
    pub file: PathBuf,
    /// Why the whole file is refused (another commune's, a closed month…).
    pub refusal: Option<Msg>,
    pub team_id: i64,
    pub team_name: String,
    pub period: Option<Period>,
    pub lines: Vec<LinePreview>,
    pub problems: Vec<Problem>,
    /// What was read in a way worth saying (a name not in the team, a merged row).
    pub notes: Vec<Problem>,
    pub new_kinds: Vec<String>,
    pub texts: [String; 3],
    /// The sheet taken in before for this month (replaced with `replace`).
    pub earlier: Option<ReturnSheetRow>,
    sha256: String,
    sheet_id: String,
    commune_id: i64,
    activities: Vec<(Activity, Option<String>)>,
}

impl SheetPreview {
    /// Whether this sheet can be taken in as it is.
    pub fn ready(&self) -> bool {
        self.refusal.is_none() && self.problems.is_empty()
    }

    fn refused(file: &Path, why: Msg) -> Self {
        Self {
            file: file.to_path_buf(),
            refusal: Some(why),
            team_id: 0,
            team_name: String::new(),
            period: None,
            lines: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            new_kinds: Vec::new(),
            texts: Default::default(),
            earlier: None,
            sha256: String::new(),
            sheet_id: String::new(),
            commune_id: 0,
            activities: Vec::new(),
        }
    }

    /// Every reason this sheet is held back, in the interface's language.
    pub fn reasons(&self, l: Lang) -> Vec<String> {
        let name = file_label(&self.file);
        let mut out: Vec<String> = self
            .refusal
            .iter()
            .map(|m| format!("{name}: {}", m.get(l)))
            .collect();
        out.extend(
            self.problems
                .iter()
                .map(|p| format!("{name}, {}", p.message(l))),
        );
        out
    }
}

fn file_label(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// What taking the sheets in did.
#[derive(Debug, Clone)]
pub struct Done {
    /// (team name, month, activities added, activities of an earlier sheet removed).
    pub sheets: Vec<(String, String, usize, usize)>,
    pub new_kinds: Vec<String>,
}

impl Done {
    pub fn summary(&self) -> Msg {
        let mut vi = Vec::new();
        let mut en = Vec::new();
        for (team, month, added, removed) in &self.sheets {
            if *removed > 0 {
                vi.push(format!(
                    "{team}, tháng {month}: thay {removed} hoạt động của phiếu trước bằng {added} hoạt động"
                ));
                en.push(format!(
                    "{team}, {month}: {removed} activities of the earlier sheet replaced by {added}"
                ));
            } else {
                vi.push(format!("{team}, tháng {month}: {added} hoạt động"));
                en.push(format!("{team}, {month}: {added} activities"));
            }
        }
        Msg::new(
            format!("Đã nhập {} phiếu — {}.", self.sheets.len(), vi.join("; ")),
            format!("{} sheets taken in — {}.", self.sheets.len(), en.join("; ")),
        )
    }
}

fn problem(line: &RawLine, col: &Column, header: &str, vi: String, en: String) -> Problem {
    Problem {
        row: line.row,
        column: line.letter(col).map(|l| (l, header.to_string())),
        what: Msg::new(vi, en),
    }
}

/// A date as written in a sheet of `period`: `05/11/2026`, `5/11` (the sheet's year),
/// `5` (the sheet's month), or the number Excel keeps a date as.
fn date(text: &str, period: Period) -> std::result::Result<NaiveDate, (String, String)> {
    let t = clean(text);
    let bad = || {
        (
            format!(
                "“{t}” không phải ngày; cần dạng ngày/tháng/năm, ví dụ 05/{:02}/{}",
                period.first_day().month(),
                period.year()
            ),
            format!(
                "“{t}” is not a date; write day/month/year, e.g. 05/{:02}/{}",
                period.first_day().month(),
                period.year()
            ),
        )
    };
    if let Ok(serial) = t.parse::<i64>() {
        if (1..=31).contains(&serial) {
            return period.first_day().with_day(serial as u32).ok_or_else(bad);
        }
        if (30_000..=80_000).contains(&serial) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a day");
            return base
                .checked_add_signed(chrono::Duration::days(serial))
                .ok_or_else(bad);
        }
        return Err(bad());
    }
    let seps = t.chars().filter(|c| matches!(c, '/' | '-' | '.')).count();
    let full = if seps == 1 {
        let sep = t
            .chars()
            .find(|c| matches!(c, '/' | '-' | '.'))
            .unwrap_or('/');
        format!("{t}{sep}{}", period.year())
    } else {
        t.clone()
    };
    vndate::parse(&full, crate::domain::Field::Date).map_err(|_| bad())
}

/// Names as typed in the participants cell, split on commas, semicolons, slashes,
/// line breaks and ` và `.
fn names(text: &str) -> Vec<String> {
    text.replace(" và ", ",")
        .split([',', ';', '/', '\n'])
        .map(clean)
        .filter(|n| !n.is_empty())
        .collect()
}

struct Context {
    commune_id: i64,
    kinds: Vec<(i64, String)>,
    indicators: Vec<(i64, String)>,
    /// (person id, full name, given name) of the team's current members.
    members: Vec<(i64, String, String)>,
    today: NaiveDate,
    add_kinds: bool,
}

/// Reads one file into its preview (never fails: a file that cannot be taken in says
/// why in its `refusal`).
fn preview_one(
    store: &mut Store,
    file: &Path,
    key: Option<&str>,
    req: &TakeInRequest,
) -> Result<SheetPreview> {
    let shown = file_label(file);
    // A file that cannot be read as a sheet is this file's refusal, not the batch's.
    let (sheets, sha256) = match spreadsheet::read_hashed(file) {
        Ok(s) => s,
        Err(e @ (Error::Refused(_) | Error::Invalid(_) | Error::File { .. })) => {
            return Ok(SheetPreview::refused(file, e.to_msg()));
        }
        Err(e) => return Err(e),
    };
    let parsed = match parse(&sheets, key, &shown) {
        Ok(p) => p,
        Err(Error::Refused(m)) => {
            // The file's name is said by the preview itself.
            let strip = |s: &str| {
                s.strip_prefix(&format!("{shown}: "))
                    .unwrap_or(s)
                    .to_string()
            };
            return Ok(SheetPreview::refused(
                file,
                Msg::new(strip(&m.vi), strip(&m.en)),
            ));
        }
        Err(e) => return Err(e),
    };
    let commune = home(store)?;
    let period = match Period::parse(&parsed.identity.period) {
        Ok(p @ Period::Month(..)) => p,
        _ => {
            return Ok(SheetPreview::refused(
                file,
                Msg::new(
                    "phần nhận dạng của phiếu hỏng (tháng)",
                    "the sheet's identity part is damaged (month)",
                ),
            ));
        }
    };
    let team = match store.team(parsed.identity.team) {
        Ok(t) if t.commune_id == commune.id => t,
        _ => {
            return Ok(SheetPreview::refused(
                file,
                Msg::new(
                    format!(
                        "{} không còn trong xã; không nhập được phiếu của Tổ này",
                        quote(&parsed.identity.team_name)
                    ),
                    format!(
                        "{} is no longer in the commune; its sheet cannot be taken in",
                        quote(&parsed.identity.team_name)
                    ),
                ),
            ));
        }
    };
    let team_name = store.team_name(&team)?;
    let mut p = SheetPreview::refused(file, Msg::new("", ""));
    p.refusal = None;
    p.team_id = team.id;
    p.team_name = team_name.clone();
    p.period = Some(period);
    p.sha256 = sha256;
    p.sheet_id = parsed.identity.sheet.clone();
    p.commune_id = commune.id;
    p.texts = parsed.texts.clone();
    let month = format!("{:02}/{}", period.first_day().month(), period.year());
    if let Some((closing, n, year)) = store.month_closed_by(commune.id, team.id, &period.code())? {
        let whose = if closing == 0 {
            "của UBND xã"
        } else {
            "của Tổ"
        };
        let whose_en = if closing == 0 {
            "the commune's"
        } else {
            "the team's"
        };
        p.refusal = Some(Msg::new(
            format!(
                "tháng {month} đã khép lại: báo cáo {whose} số {}/BC-UBND năm {year} đã ban hành; \
                 hủy báo cáo đó trước (Báo cáo › Hủy), rồi nhập phiếu và lập lại báo cáo",
                number::doc_number(n)
            ),
            format!(
                "{month} is closed: {whose_en} report {}/BC-UBND of {year} is issued; void it first \
                 (Reports › Void), then take the sheet in and issue the report again",
                number::doc_number(n)
            ),
        ));
        return Ok(p);
    }
    p.earlier = store.return_sheet(team.id, &period.code())?;
    if let Some(e) = &p.earlier
        && !req.replace
    {
        let same = if e.sha256 == p.sha256 {
            "tệp này"
        } else {
            "một phiếu"
        };
        let same_en = if e.sha256 == p.sha256 {
            "this very file"
        } else {
            "a sheet"
        };
        p.refusal = Some(Msg::new(
            format!(
                "{same} của {team_name} tháng {month} đã nhập ngày {} ({}, {} hoạt động); \
                 không nhập hai lần — để thay bằng phiếu này, chọn “Thay phiếu đã nhập” (--replace)",
                vndate::short(e.received_on),
                e.file_name,
                e.lines
            ),
            format!(
                "{same_en} of {team_name} for {month} was taken in on {} ({}, {} activities); it is \
                 not taken twice — to replace it by this one, choose “Replace the sheet” (--replace)",
                vndate::short(e.received_on),
                e.file_name,
                e.lines
            ),
        ));
        return Ok(p);
    }
    let members = store.members(&MemberQuery {
        team_id: Some(team.id),
        ..Default::default()
    })?;
    let ctx = Context {
        commune_id: commune.id,
        kinds: store.activity_types(commune.id)?,
        indicators: store
            .indicators()?
            .into_iter()
            .map(|i| (i.id, i.name))
            .collect(),
        members: members
            .iter()
            .filter(|m| !m.person.is_slot())
            .map(|m| {
                (
                    m.person.id,
                    m.person.full_name.clone(),
                    m.person.given_name.clone(),
                )
            })
            .collect(),
        today: req.today,
        add_kinds: req.add_kinds,
    };
    for h in &parsed.missing {
        p.notes.push(Problem {
            row: 0,
            column: None,
            what: Msg::new(
                format!("cột {} không còn trong bảng: bỏ qua", quote(h)),
                format!(
                    "the column {} is no longer in the table: left out",
                    quote(h)
                ),
            ),
        });
    }
    read_lines(&parsed, &ctx, &team, period, &mut p);
    for &(r, c) in &parsed.formulas {
        let header = parsed
            .found
            .iter()
            .find(|(_, at)| *at == c)
            .and_then(|(col, _)| parsed.identity.columns.iter().position(|x| x == col))
            .and_then(|i| parsed.identity.headers.get(i).cloned())
            .unwrap_or_default();
        p.problems.push(Problem {
            row: r + 1,
            column: Some((crate::office::limits::column_name(c), header)),
            what: crate::office::spreadsheet::formula_without_value(),
        });
    }
    for row in &parsed.below {
        p.problems.push(Problem {
            row: *row,
            column: None,
            what: Msg::new(
                "hoạt động ghi dưới phần khó khăn, đề xuất, cách làm hay: hãy chuyển lên bảng (chèn thêm dòng trong bảng nếu cần)",
                "an activity written under the texts: move it up into the table (insert rows in the table if needed)",
            ),
        });
    }
    Ok(p)
}

fn read_lines(
    parsed: &Parsed,
    ctx: &Context,
    team: &crate::domain::team::Team,
    period: Period,
    p: &mut SheetPreview,
) {
    let id = &parsed.identity;
    let header = |c: &Column| -> String {
        id.columns
            .iter()
            .zip(&id.headers)
            .find(|(col, _)| *col == c)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    for line in &parsed.lines {
        // The example line, wherever it went (and whatever column was deleted), is
        // never taken in.
        let kept: Vec<(&Column, &String)> = id
            .columns
            .iter()
            .zip(&id.example)
            .filter(|(c, _)| parsed.found.iter().any(|(f, _)| f == *c))
            .collect();
        if !kept.is_empty() && kept.iter().all(|(c, e)| line.get(c) == e.trim()) {
            continue;
        }
        let filled: Vec<&(Column, usize, String)> = line
            .cells
            .iter()
            .filter(|(_, _, t)| !t.trim().is_empty())
            .collect();
        if filled.is_empty() {
            continue;
        }
        // A merged row (a heading such as `Tuần 2` across the table): one text in
        // every cell.
        if filled.len() > 2
            && filled
                .iter()
                .all(|(_, _, t)| t.trim() == filled[0].2.trim())
        {
            p.notes.push(Problem {
                row: line.row,
                column: None,
                what: Msg::new(
                    format!(
                        "các ô gộp ({}): đọc là dòng tiêu đề, bỏ qua",
                        quote(filled[0].2.trim())
                    ),
                    format!(
                        "merged cells ({}): read as a heading, left out",
                        quote(filled[0].2.trim())
                    ),
                ),
            });
            continue;
        }
        let only_text = filled
            .iter()
            .all(|(c, _, _)| matches!(c, Column::Note | Column::Participants));
        if only_text && line.get(&Column::Participants).is_empty() {
            // A note alone continues the line above it.
            if let Some((last, _)) = p.activities.last_mut() {
                let more = clean(line.get(&Column::Note));
                last.note = format!("{}; {more}", last.note.trim_end_matches('.'));
                if let Some(lp) = p.lines.last_mut() {
                    lp.note = last.note.clone();
                }
                p.notes.push(Problem {
                    row: line.row,
                    column: None,
                    what: Msg::new(
                        "chỉ có ghi chú: đọc là phần tiếp của ghi chú dòng trên",
                        "a note alone: read as the rest of the note of the line above",
                    ),
                });
            } else {
                p.problems.push(problem(
                    line,
                    &Column::Date,
                    &header(&Column::Date),
                    "dòng chỉ có ghi chú: cần ghi Ngày và Loại hoạt động".into(),
                    "a line with only a note: write the date and the kind".into(),
                ));
            }
            continue;
        }
        let before = p.problems.len();
        let date_text = line.get(&Column::Date);
        let on = if date_text.is_empty() {
            p.problems.push(problem(
                line,
                &Column::Date,
                &header(&Column::Date),
                "thiếu Ngày".into(),
                "the date is missing".into(),
            ));
            None
        } else {
            match date(date_text, period) {
                Ok(d) if d < period.first_day() || d > period.last_day() => {
                    p.problems.push(problem(
                        line,
                        &Column::Date,
                        &header(&Column::Date),
                        format!(
                            "{} không thuộc tháng {:02}/{} của phiếu",
                            vndate::short(d),
                            period.first_day().month(),
                            period.year()
                        ),
                        format!(
                            "{} is not in the sheet's month {:02}/{}",
                            vndate::short(d),
                            period.first_day().month(),
                            period.year()
                        ),
                    ));
                    None
                }
                Ok(d) if d > ctx.today => {
                    p.problems.push(problem(
                        line,
                        &Column::Date,
                        &header(&Column::Date),
                        format!("{} là ngày chưa tới", vndate::short(d)),
                        format!("{} is in the future", vndate::short(d)),
                    ));
                    None
                }
                Ok(d) => Some(d),
                Err((vi, en)) => {
                    p.problems
                        .push(problem(line, &Column::Date, &header(&Column::Date), vi, en));
                    None
                }
            }
        };
        let kind_text = clean(line.get(&Column::Kind));
        let mut new_kind = None;
        let kind = if kind_text.is_empty() {
            p.problems.push(problem(
                line,
                &Column::Kind,
                &header(&Column::Kind),
                "thiếu Loại hoạt động".into(),
                "the kind is missing".into(),
            ));
            None
        } else if let Some((id, name)) = ctx.kinds.iter().find(|(_, n)| fold(n) == fold(&kind_text))
        {
            Some((*id, name.clone()))
        } else if ctx.add_kinds {
            if !p.new_kinds.iter().any(|k| fold(k) == fold(&kind_text)) {
                p.new_kinds.push(kind_text.clone());
            }
            let name = p
                .new_kinds
                .iter()
                .find(|k| fold(k) == fold(&kind_text))
                .cloned()
                .unwrap_or(kind_text.clone());
            new_kind = Some(name.clone());
            Some((0, name))
        } else {
            if !p.new_kinds.iter().any(|k| fold(k) == fold(&kind_text)) {
                p.new_kinds.push(kind_text.clone());
            }
            p.problems.push(problem(
                line,
                &Column::Kind,
                &header(&Column::Kind),
                format!("loại {} chưa có trong danh mục của xã: chọn loại có sẵn, hoặc đồng ý thêm loại mới (--add-kinds)", quote(&kind_text)),
                format!("the kind {} is not in the commune's list: choose one it has, or agree to add it (--add-kinds)", quote(&kind_text)),
            ));
            None
        };
        let mut read_count = |col: &Column| -> Option<i64> {
            match number::typed_count(line.get(col), MAX_COUNT) {
                Ok(n) => n,
                Err(m) => {
                    p.problems
                        .push(problem(line, col, &header(col), m.vi, m.en));
                    None
                }
            }
        };
        let people = read_count(&Column::People);
        let households = read_count(&Column::Households);
        let mut counts = Vec::new();
        let mut shown_counts = Vec::new();
        for (iid, name) in &ctx.indicators {
            let col = Column::Indicator(*iid);
            if let Some(n) = read_count(&col) {
                counts.push((*iid, n));
                shown_counts.push((name.clone(), n));
            }
        }
        let mut participants = Vec::new();
        let mut participant_names = Vec::new();
        for n in names(line.get(&Column::Participants)) {
            let f = fold(&n);
            let by_full: Vec<&(i64, String, String)> =
                ctx.members.iter().filter(|m| fold(&m.1) == f).collect();
            let by_given: Vec<&(i64, String, String)> =
                ctx.members.iter().filter(|m| fold(&m.2) == f).collect();
            let found = if by_full.len() == 1 {
                Some(by_full[0])
            } else if by_full.is_empty() && by_given.len() == 1 {
                Some(by_given[0])
            } else {
                None
            };
            match found {
                Some(m) if !participants.contains(&m.0) => {
                    participants.push(m.0);
                    participant_names.push(m.1.clone());
                }
                Some(_) => {}
                None => p.notes.push(problem(
                    line,
                    &Column::Participants,
                    &header(&Column::Participants),
                    format!("{} không có (hoặc trùng tên) trong danh sách Tổ: không ghi là người tham gia", quote(&n)),
                    format!("{} is not (or not only one) in the team's list: not recorded as taking part", quote(&n)),
                )),
            }
        }
        if p.problems.len() > before {
            continue;
        }
        let (Some(on), Some((type_id, kind_name))) = (on, kind) else {
            continue;
        };
        let note = crate::domain::text::clean_multiline(line.get(&Column::Note));
        p.lines.push(LinePreview {
            row: line.row,
            date: on,
            kind: kind_name,
            new_kind: new_kind.is_some(),
            people,
            households,
            counts: shown_counts,
            participants: participant_names,
            note: note.clone(),
        });
        p.activities.push((
            Activity {
                id: 0,
                commune_id: ctx.commune_id,
                team_id: team.id,
                village_id: team.village_id,
                on_date: on,
                type_id,
                people,
                households,
                counts,
                note,
                participants,
            },
            new_kind,
        ));
    }
    if p.lines.is_empty() && p.problems.is_empty() && p.texts.iter().all(String::is_empty) {
        p.refusal = Some(Msg::new(
            "phiếu chưa ghi gì (không có dòng hoạt động nào, không có nội dung nào)",
            "the sheet is empty (no activity line, no text)",
        ));
    }
}

/// Reads every file and says what taking them in would do; nothing is written.
pub fn preview(store: &mut Store, req: &TakeInRequest) -> Result<Vec<SheetPreview>> {
    home(store)?;
    let key = existing_key(store)?;
    let mut out: Vec<SheetPreview> = Vec::new();
    for f in &req.files {
        let mut p = preview_one(store, f, key.as_deref(), req)?;
        // One sheet a team and month in one go; the same file twice is one file.
        if p.refusal.is_none()
            && let Some(first) = out
                .iter()
                .find(|o| o.refusal.is_none() && o.team_id == p.team_id && o.period == p.period)
        {
            let same = first.sha256 == p.sha256;
            p.refusal = Some(Msg::new(
                if same {
                    format!(
                        "là cùng một tệp với {}: chỉ nhập một lần",
                        file_label(&first.file)
                    )
                } else {
                    format!(
                        "cùng Tổ và tháng với {}: chỉ nhập một phiếu mỗi lần",
                        file_label(&first.file)
                    )
                },
                if same {
                    format!(
                        "the same file as {}: taken in once",
                        file_label(&first.file)
                    )
                } else {
                    format!(
                        "the same team and month as {}: one sheet at a time",
                        file_label(&first.file)
                    )
                },
            ));
        }
        out.push(p);
    }
    Ok(out)
}

/// Takes every file in, in one transaction — or, when any cannot be, none (the error
/// lists each reason by file, row and column).
pub fn take_in(store: &mut Store, req: &TakeInRequest) -> Result<Done> {
    let previews = preview(store, req)?;
    let reasons = previews
        .iter()
        .flat_map(|p| p.reasons(Lang::Vi).into_iter().zip(p.reasons(Lang::En)));
    if let Some(e) = Error::held_back(
        Msg::new("Chưa nhập phiếu nào:", "No sheet was taken in:"),
        reasons,
    ) {
        return Err(e);
    }
    let mut new_kinds: Vec<(i64, String)> = Vec::new();
    let mut sheets = Vec::new();
    for p in &previews {
        for k in &p.new_kinds {
            if !new_kinds.iter().any(|(_, n)| fold(n) == fold(k)) {
                new_kinds.push((p.commune_id, k.clone()));
            }
        }
        sheets.push(NewReturnSheet {
            commune_id: p.commune_id,
            team_id: p.team_id,
            period: p.period.map(|x| x.code()).unwrap_or_default(),
            sheet_id: p.sheet_id.clone(),
            sha256: p.sha256.clone(),
            file_name: file_label(&p.file),
            received_on: req.today,
            activities: p.activities.iter().map(|(a, _)| a.clone()).collect(),
            kind_of_new: p
                .activities
                .iter()
                .map(|(_, k)| {
                    k.as_ref().and_then(|k| {
                        new_kinds
                            .iter()
                            .find(|(_, n)| fold(n) == fold(k))
                            .map(|(_, n)| n.clone())
                    })
                })
                .collect(),
            replacing: p.earlier.as_ref().map(|e| e.id),
            texts: p.texts.clone(),
        });
    }
    let taken = store.take_in_return_sheets(&sheets, &new_kinds)?;
    Ok(Done {
        sheets: previews
            .iter()
            .zip(&taken)
            .map(|(p, t)| {
                let month = p
                    .period
                    .map(|x| format!("{:02}/{}", x.first_day().month(), x.year()))
                    .unwrap_or_default();
                (p.team_name.clone(), month, t.added, t.removed)
            })
            .collect(),
        new_kinds: new_kinds.into_iter().map(|(_, n)| n).collect(),
    })
}
