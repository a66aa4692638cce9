//! Writing a team's return sheet for a month: the title block, the table to fill (a
//! drop-down of the commune's kinds, number cells that refuse text, a grey example
//! line), the month's three texts, the team's members on a sheet of their own, and the
//! sealed identity part on a very hidden, protected sheet.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, FormatAlign,
    FormatBorder, Formula, Workbook,
};

use super::{
    Column, FORMAT, IDENTITY_SHEET, LINES, LISTS_SHEET, MEMBERS_SHEET, TEXT_LABELS, VERSION,
    commune_key, fingerprint, seal, sheet_id,
};
use crate::domain::activity::MAX_COUNT;
use crate::domain::period::Period;
use crate::domain::team::Level;
use crate::domain::{Field, FieldError, vndate};
use crate::office::output::{self, Target};
use crate::office::spreadsheet::{header_cell, times, xlsx_error};
use crate::office::{Error, Result, home};
use crate::store::{MemberQuery, Store};

/// Which teams' sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teams {
    One(i64),
    AllVillages,
}

/// `export return-sheet`: the teams, the month, and a file (one team) or a folder.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub teams: Teams,
    pub period: Period,
    pub out: PathBuf,
    /// The day the sheets are made (the title block's deadline comes from the month).
    pub today: NaiveDate,
}

/// The files written, one a team.
#[derive(Debug, Clone)]
pub struct Exported {
    pub files: Vec<PathBuf>,
}

fn month_of(period: Period) -> Result<(i32, u32)> {
    match period {
        Period::Month(y, m) => Ok((y, m)),
        _ => Err(Error::invalid(FieldError::new(
            Field::Period,
            "phiếu báo cáo của thôn là phiếu tháng: cần dạng 2026-11",
            "a village's return sheet is for a month: write 2026-11",
        ))),
    }
}

/// The file name a team's sheet goes by: `Phiếu báo cáo 2026-11 - buôn Sút M'đưr.xlsx`
/// (what Windows refuses in a name taken out).
pub fn file_name(period: Period, place: &str) -> String {
    let place: String = place
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let place = crate::domain::text::clean(&place);
    format!("Phiếu báo cáo {} - {place}.xlsx", period.code())
}

/// The sheet of one team and month: its file name and bytes.
pub fn sheet_for(
    store: &mut Store,
    team_id: i64,
    period: Period,
    today: NaiveDate,
) -> Result<(String, Vec<u8>)> {
    let (year, month) = month_of(period)?;
    let commune = home(store)?;
    let team = store.team(team_id)?;
    if team.commune_id != commune.id {
        return Err(Error::not_found(
            format!("Không có Tổ số {team_id} trong xã này"),
            format!("There is no team {team_id} in this commune"),
        ));
    }
    let team_name = store.team_name(&team)?;
    let place = match team.village_id {
        Some(v) => store.village(v)?.full_name(),
        None => commune.full_name(),
    };
    let kinds: Vec<String> = store
        .activity_types(commune.id)?
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let indicators = store.indicators()?;
    let members = store.members(&MemberQuery {
        team_id: Some(team_id),
        ..Default::default()
    })?;
    let (village_day, _) = crate::office::deadlines::report_days(store)?;
    let due = period.due(village_day);
    let key = commune_key(store)?;

    let mut columns = vec![
        Column::Date,
        Column::Kind,
        Column::People,
        Column::Households,
    ];
    columns.extend(indicators.iter().map(|i| Column::Indicator(i.id)));
    columns.extend([Column::Participants, Column::Note]);
    let header = |c: &Column| -> String {
        match c {
            Column::Date => "Ngày (ngày/tháng/năm)".into(),
            Column::Kind => "Loại hoạt động".into(),
            Column::People => "Số người được hỗ trợ, tiếp cận".into(),
            Column::Households => "Số hộ được hỗ trợ, tiếp cận".into(),
            Column::Indicator(id) => indicators
                .iter()
                .find(|i| i.id == *id)
                .map(|i| format!("{} ({})", i.name, i.unit))
                .unwrap_or_default(),
            Column::Participants => "Thành viên tham gia (cách nhau dấu phẩy)".into(),
            Column::Note => "Ghi chú (nội dung, địa điểm)".into(),
        }
    };
    let headers: Vec<String> = columns.iter().map(header).collect();
    let leader = members
        .iter()
        .find(|m| m.membership.role == crate::domain::people::Role::Leader)
        .or(members.first())
        .map(|m| m.person.full_name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Nguyễn Văn A".into());
    let example: Vec<String> = columns
        .iter()
        .map(|c| match c {
            Column::Date => {
                vndate::short(period.first_day().with_day(5).unwrap_or(period.first_day()))
            }
            Column::Kind => kinds.first().cloned().unwrap_or_default(),
            Column::People => "25".into(),
            Column::Households => "12".into(),
            Column::Indicator(_) => String::new(),
            Column::Participants => leader.clone(),
            Column::Note => "Ví dụ: họp dân tại nhà văn hóa, hướng dẫn cài VNeID".into(),
        })
        .collect();

    let sheet = sheet_id();
    let made = vndate::short(today);
    let code = period.code();
    let team_text = team_id.to_string();
    let fp = fingerprint(&key);
    let column_codes: Vec<String> = columns.iter().map(Column::code).collect();
    // Lists as JSON arrays: a `|` or a quote in a name stays itself.
    let column_text = serde_json::to_string(&column_codes).unwrap_or_default();
    let header_text = serde_json::to_string(&headers).unwrap_or_default();
    let example_text = serde_json::to_string(&example).unwrap_or_default();
    let commune_name = commune.full_name();
    let values: Vec<(&str, &str)> = vec![
        ("format", FORMAT),
        ("version", "1"),
        ("commune", &fp),
        ("commune_name", &commune_name),
        ("team", &team_text),
        ("team_name", &team_name),
        ("period", &code),
        ("sheet", &sheet),
        ("made", &made),
        ("columns", &column_text),
        ("headers", &header_text),
        ("example", &example_text),
    ];
    debug_assert_eq!(VERSION, 1);
    let sealed = seal(&key, &values.iter().map(|(_, v)| *v).collect::<Vec<_>>());

    let mut book = Workbook::new();
    let bold = times().set_bold();
    let title = times().set_bold().set_font_size(14);
    let italic = times().set_italic();
    let head = header_cell();
    let cell = times()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let date_cell = cell.clone().set_num_format("dd/mm/yyyy");
    let grey = cell.clone().set_italic().set_font_color(0x808080);
    let text_cell = cell.clone().set_align(FormatAlign::Top);
    let label_cell = bold.clone().set_text_wrap().set_align(FormatAlign::Top);
    let last = (columns.len() - 1) as u16;

    // The sheet to fill.
    let ws = book.add_worksheet();
    ws.set_name("Phiếu báo cáo").map_err(xlsx_error)?;
    let lines = [
        (commune.committee_name_upper(), &bold),
        (format!("PHIẾU BÁO CÁO THÁNG {month:02}/{year}"), &title),
        (team_name.clone(), &bold),
        (
            format!(
                "Gửi UBND {} trước ngày {} (qua nhóm Zalo của Tổ).",
                commune.full_name(),
                vndate::short(due)
            ),
            &italic,
        ),
        (
            "Cách ghi: mỗi hoạt động một dòng; ngày dạng ngày/tháng/năm; số người, số hộ và các \
             chỉ tiêu ghi bằng số; tên thành viên tham gia cách nhau dấu phẩy (danh sách ở trang \
             “Thành viên”). Dòng chữ xám là ví dụ, không được nhập."
                .to_string(),
            &italic,
        ),
    ];
    for (r, (text, f)) in lines.iter().enumerate() {
        ws.merge_range(r as u32, 0, r as u32, last, text, f)
            .map_err(xlsx_error)?;
    }
    ws.set_row_height(4, 48).map_err(xlsx_error)?;
    let header_row = 6u32;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, h, &head)
            .map_err(xlsx_error)?;
    }
    ws.set_row_height(header_row, 96).map_err(xlsx_error)?;
    let example_row = header_row + 1;
    for (c, v) in example.iter().enumerate() {
        ws.write_string_with_format(example_row, c as u16, v, &grey)
            .map_err(xlsx_error)?;
    }
    let first = example_row + 1;
    let end = first + LINES as u32 - 1;
    for r in first..=end {
        for (c, col) in columns.iter().enumerate() {
            let f = if *col == Column::Date {
                &date_cell
            } else {
                &cell
            };
            ws.write_blank(r, c as u16, f).map_err(xlsx_error)?;
        }
    }
    // What each column takes (a phone that drops these still gives a sheet to import).
    let day = |d: NaiveDate| {
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(xlsx_error)
    };
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            day(period.first_day())?,
            day(period.last_day())?,
        ))
        .set_error_title("Ngày")
        .map_err(xlsx_error)?
        .set_error_message(format!(
            "Cần một ngày của tháng {month:02}/{year}, dạng ngày/tháng/năm."
        ))
        .map_err(xlsx_error)?;
    let numbers = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, MAX_COUNT as i32))
        .set_error_title("Số")
        .map_err(xlsx_error)?
        .set_error_message("Cần một số (không có chữ), từ 0.")
        .map_err(xlsx_error)?;
    let kind_list = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "='{LISTS_SHEET}'!$A$1:$A${}",
            kinds.len().max(1)
        )))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Loại hoạt động")
        .map_err(xlsx_error)?
        .set_error_message("Loại này chưa có trong danh mục của xã; xã sẽ xem khi nhập.")
        .map_err(xlsx_error)?;
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        let rule = match col {
            Column::Date => &dates,
            Column::Kind => &kind_list,
            Column::People | Column::Households | Column::Indicator(_) => &numbers,
            Column::Participants | Column::Note => continue,
        };
        ws.add_data_validation(first, c, end, c, rule)
            .map_err(xlsx_error)?;
    }
    // The month's three texts under the table.
    let texts_at = end + 2;
    for (i, label) in TEXT_LABELS.iter().enumerate() {
        let r = texts_at + i as u32;
        ws.merge_range(r, 0, r, 1, &format!("{label}:"), &label_cell)
            .map_err(xlsx_error)?;
        ws.merge_range(r, 2, r, last.max(2), "", &text_cell)
            .map_err(xlsx_error)?;
        ws.set_row_height(r, 60).map_err(xlsx_error)?;
    }
    for (c, col) in columns.iter().enumerate() {
        let w = match col {
            Column::Date => 13.0,
            Column::Kind => 28.0,
            Column::Participants => 26.0,
            Column::Note => 34.0,
            _ => 14.0,
        };
        ws.set_column_width(c as u16, w).map_err(xlsx_error)?;
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(xlsx_error)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);

    // The team's members, for reference.
    let ms = book.add_worksheet();
    ms.set_name(MEMBERS_SHEET).map_err(xlsx_error)?;
    ms.merge_range(0, 0, 0, 4, &team_name, &bold)
        .map_err(xlsx_error)?;
    for (c, h) in [
        "STT",
        "Họ và tên",
        "Nhiệm vụ trong Tổ",
        "Chức vụ, đơn vị",
        "Điện thoại",
    ]
    .iter()
    .enumerate()
    {
        ms.write_string_with_format(2, c as u16, *h, &head)
            .map_err(xlsx_error)?;
    }
    for (i, m) in members.iter().enumerate() {
        let r = 3 + i as u32;
        let row = [
            (i + 1).to_string(),
            m.person.full_name.clone(),
            m.membership.role.label_vi().to_string(),
            m.person.position.clone(),
            m.person.phone.clone().unwrap_or_default(),
        ];
        for (c, v) in row.iter().enumerate() {
            ms.write_string_with_format(r, c as u16, v, &cell)
                .map_err(xlsx_error)?;
        }
    }
    for (c, w) in [6.0, 28.0, 16.0, 36.0, 14.0].iter().enumerate() {
        ms.set_column_width(c as u16, *w).map_err(xlsx_error)?;
    }

    // The kinds the drop-down offers.
    let ls = book.add_worksheet();
    ls.set_name(LISTS_SHEET).map_err(xlsx_error)?;
    for (i, k) in kinds.iter().enumerate() {
        ls.write_string(i as u32, 0, k).map_err(xlsx_error)?;
    }
    ls.set_hidden(true);

    // The identity, sealed, where typing in the visible cells cannot reach.
    let id = book.add_worksheet();
    id.set_name(IDENTITY_SHEET).map_err(xlsx_error)?;
    for (r, (k, v)) in values.iter().enumerate() {
        if r == 0 {
            id.write_string(0, 0, FORMAT).map_err(xlsx_error)?;
            id.write_string(0, 1, "1").map_err(xlsx_error)?;
            continue;
        }
        id.write_string(r as u32, 0, *k).map_err(xlsx_error)?;
        id.write_string(r as u32, 1, *v).map_err(xlsx_error)?;
    }
    let r = values.len() as u32;
    id.write_string(r, 0, "seal").map_err(xlsx_error)?;
    id.write_string(r, 1, &sealed).map_err(xlsx_error)?;
    id.set_very_hidden(true);
    id.protect_with_password(&sealed[..12]);

    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok((file_name(period, &place), bytes))
}

/// Writes the sheets asked for, all or none: one team's into the file named, or every
/// village team's into the folder named (each under its own name, beside any file of
/// that name already there, never over it).
pub fn export(store: &mut Store, req: &ExportRequest) -> Result<Exported> {
    month_of(req.period)?;
    let commune = home(store)?;
    let teams: Vec<i64> = match req.teams {
        Teams::One(id) => vec![id],
        Teams::AllVillages => store
            .teams(commune.id)?
            .into_iter()
            .filter(|t| {
                t.level == Level::Village && t.status != crate::domain::team::TeamStatus::Dissolved
            })
            .map(|t| t.id)
            .collect(),
    };
    if teams.is_empty() {
        return Err(Error::not_found(
            "Xã chưa có Tổ thôn nào để gửi phiếu",
            "The commune has no village team to send a sheet to",
        ));
    }
    let mut made = Vec::new();
    for t in &teams {
        made.push(sheet_for(store, *t, req.period, req.today)?);
    }
    let folder = matches!(req.teams, Teams::AllVillages) || req.out.is_dir();
    let targets: Vec<Target> = if folder {
        if !req.out.is_dir() {
            return Err(Error::invalid(FieldError::new(
                Field::OutFile,
                format!("{} không phải một thư mục có sẵn", req.out.display()),
                format!("{} is not an existing folder", req.out.display()),
            )));
        }
        let mut taken: Vec<PathBuf> = Vec::new();
        made.iter()
            .map(|(name, _)| {
                let mut t = Target::free(&req.out.join(name));
                // Two teams of one name in the batch: the second beside the first.
                let mut n = 2;
                while taken.contains(&t.path) {
                    let stem = name.trim_end_matches(".xlsx");
                    t = Target::free(&req.out.join(format!("{stem}-{n}.xlsx")));
                    n += 1;
                }
                taken.push(t.path.clone());
                t
            })
            .collect()
    } else {
        // A file the clerk named: theirs to replace.
        vec![Target::replacing(&req.out)]
    };
    for t in &targets {
        t.check(store.path())?;
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (t, (_, bytes)) in targets.iter().zip(&made) {
        match output::write_file(&t.path, bytes) {
            Ok(p) => written.push(p),
            Err(e) => {
                for w in &written {
                    let _ = std::fs::remove_file(w);
                }
                return Err(e);
            }
        }
    }
    Ok(Exported { files: written })
}
