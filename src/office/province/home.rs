//! A database whose home is a province: set up from the official list, taking the
//! communes' sheets in (one, many or a folder at once; all or none), and who has sent
//! the period's sheet — on time, late, or not yet.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::read::{ReadSheet, read_hashed};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang, Msg, units, vndate};
use crate::office::limits::quote;
use crate::office::{Error, Result};
use crate::store::{NewSubmission, Store};

/// Makes this database the home of the province of `code` (a province's code in the
/// official list); `issuer`: `so` (the Sở KH&CN) or `ubnd` (the UBND tỉnh).
pub fn set_home(store: &mut Store, code: u32, issuer: &str) -> Result<String> {
    let Some((_, name)) = units::provinces().into_iter().find(|(c, _)| *c == code) else {
        let list: Vec<String> = units::provinces()
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        return Err(Error::invalid(FieldError::new(
            Field::Province,
            format!("mã tỉnh {code} không có; các mã: {}", list.join(", ")),
            format!(
                "there is no province {code}; the codes: {}",
                list.join(", ")
            ),
        )));
    };
    if !matches!(issuer, "so" | "ubnd") {
        return Err(Error::invalid(FieldError::new(
            Field::Province,
            format!("“{issuer}”: chỉ nhận so (Sở KH&CN) hoặc ubnd (UBND tỉnh)"),
            format!("“{issuer}”: use so (the Sở KH&CN) or ubnd (the UBND tỉnh)"),
        )));
    }
    store.set_province_home(code, issuer)?;
    Ok(name.to_string())
}

pub(super) fn home_province(store: &Store) -> Result<(u32, String)> {
    store.province_home()?.ok_or_else(|| {
        Error::not_found(
            "Cơ sở dữ liệu này chưa là của tỉnh nào: hãy chạy “cnscd province set --code N”",
            "This database is no province's yet: run “cnscd province set --code N”",
        )
    })
}

/// The spreadsheets to take in: each file named, and the `.xlsx`, `.xls` and `.ods`
/// files of each folder named (by name).
fn files_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::file(p, &e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                            ["xlsx", "xls", "ods"].contains(&x.to_ascii_lowercase().as_str())
                        })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// One file as it will be taken in, or why not.
#[derive(Debug, Clone)]
pub struct Submission {
    pub file: PathBuf,
    pub sheet: Option<ReadSheet>,
    /// Why the file is held back (another province's, the same sheet again, problems).
    pub refusal: Option<Msg>,
    /// The day the sheet it replaces was taken in.
    pub replaces: Option<NaiveDate>,
    sha256: String,
}

impl Submission {
    /// Its reasons, each with the file's name, in the interface's language.
    pub fn reasons(&self, l: Lang) -> Vec<String> {
        let name = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut out: Vec<String> = self
            .refusal
            .iter()
            .map(|m| format!("{name}: {}", m.get(l)))
            .collect();
        if let Some(s) = &self.sheet {
            out.extend(
                s.problems
                    .iter()
                    .map(|p| format!("{name}, {}", p.message(l))),
            );
        }
        out
    }
}

/// What taking the sheets in did.
#[derive(Debug, Clone)]
pub struct TakeInDone {
    /// (unit, period, replaced an earlier sheet).
    pub sheets: Vec<(String, String, bool)>,
}

impl TakeInDone {
    pub fn summary(&self) -> Msg {
        let replaced = self.sheets.iter().filter(|s| s.2).count();
        Msg::new(
            format!(
                "Đã nhận {} biểu ({replaced} biểu thay biểu nhận trước).",
                self.sheets.len()
            ),
            format!(
                "{} sheets taken in ({replaced} replacing one taken in before).",
                self.sheets.len()
            ),
        )
    }
}

/// Reads every file and says what taking them in would do; writes nothing.
pub fn preview(store: &Store, paths: &[PathBuf]) -> Result<Vec<Submission>> {
    let (province, _) = home_province(store)?;
    let mut out: Vec<Submission> = Vec::new();
    for file in files_of(paths)? {
        let mut s = Submission {
            file: file.clone(),
            sheet: None,
            refusal: None,
            replaces: None,
            sha256: String::new(),
        };
        match read_hashed(&file) {
            Ok((sheet, sha)) => {
                s.sheet = Some(sheet);
                s.sha256 = sha;
            }
            Err(e) => {
                s.refusal = Some(e.to_msg());
                out.push(s);
                continue;
            }
        }
        let sheet = s.sheet.as_ref().expect("read");
        let f = &sheet.figures;
        let unit = units::by_code(f.code);
        let nothing = [
            f.teams,
            f.members,
            f.leaders,
            f.deputies,
            f.others,
            f.activities,
            f.people,
            f.households,
        ]
        .iter()
        .all(Option::is_none)
            && f.kinds.iter().all(|(_, n)| n.is_none())
            && f.indicators.iter().all(|i| {
                i.period.is_none()
                    && i.cumulative.is_none()
                    && i.base.is_none()
                    && i.share.is_none()
                    && i.target.is_none()
            })
            && f.report_number.trim().is_empty()
            && f.texts.iter().all(|t| t.is_empty());
        if nothing {
            s.refusal = Some(Msg::new(
                format!("biểu của {} chưa điền số liệu nào", f.unit),
                format!("the sheet of {} has no figure filled in", f.unit),
            ));
        } else if unit.is_none_or(|u| u.province_code != province) {
            let theirs = unit.map(|u| u.province_full).unwrap_or("?");
            s.refusal = Some(Msg::new(
                format!(
                    "biểu của {} ({theirs}), không thuộc tỉnh này",
                    quote(&f.unit)
                ),
                format!(
                    "the sheet of {} ({theirs}), not of this province",
                    quote(&f.unit)
                ),
            ));
        } else if let Some(old) = store
            .submission_history(f.code)?
            .into_iter()
            .find(|h| h.period == f.period && h.sha256 == s.sha256 && h.replaced_by.is_some())
        {
            // An older sheet, replaced since: taken again it would count over the newer.
            s.refusal = Some(Msg::new(
                format!(
                    "biểu này của {} kỳ {} đã nhận ngày {} và đã được thay bằng biểu mới hơn; không nhận lại",
                    f.unit,
                    f.period,
                    vndate::short(old.received_on)
                ),
                format!(
                    "this sheet of {} for {} was taken in on {} and replaced by a newer one since; it is not taken again",
                    f.unit,
                    f.period,
                    vndate::short(old.received_on)
                ),
            ));
        } else if let Some(current) = store
            .submissions(&f.period)?
            .into_iter()
            .find(|c| c.unit_code == f.code)
        {
            if current.sha256 == s.sha256 {
                s.refusal = Some(Msg::new(
                    format!(
                        "biểu này của {} kỳ {} đã nhận ngày {}; không tính hai lần",
                        f.unit,
                        f.period,
                        vndate::short(current.received_on)
                    ),
                    format!(
                        "this sheet of {} for {} was taken in on {}; it is not counted twice",
                        f.unit,
                        f.period,
                        vndate::short(current.received_on)
                    ),
                ));
            } else {
                s.replaces = Some(current.received_on);
            }
        }
        if s.refusal.is_none()
            && let Some(first) = out.iter().find(|o| {
                o.refusal.is_none()
                    && o.sheet
                        .as_ref()
                        .is_some_and(|x| x.figures.code == f.code && x.figures.period == f.period)
            })
        {
            s.refusal = Some(Msg::new(
                format!(
                    "cùng xã và kỳ với {}: chỉ nhận một biểu mỗi lần",
                    first.file.display()
                ),
                format!(
                    "the same commune and period as {}: one sheet at a time",
                    first.file.display()
                ),
            ));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err(Error::not_found(
            "Không có tệp bảng tính nào để nhận",
            "There is no spreadsheet to take in",
        ));
    }
    Ok(out)
}

/// Takes the sheets in, in one transaction — or, when any cannot be, none.
pub fn take_in(store: &mut Store, paths: &[PathBuf], today: NaiveDate) -> Result<TakeInDone> {
    let previews = preview(store, paths)?;
    let reasons = previews
        .iter()
        .flat_map(|p| p.reasons(Lang::Vi).into_iter().zip(p.reasons(Lang::En)));
    if let Some(e) = Error::held_back(
        Msg::new("Chưa nhận biểu nào:", "No sheet was taken in:"),
        reasons,
    ) {
        return Err(e);
    }
    let new: Vec<NewSubmission> = previews
        .iter()
        .map(|p| {
            let s = p.sheet.as_ref().expect("read");
            NewSubmission {
                unit_code: s.figures.code,
                period: s.figures.period.clone(),
                received_on: today,
                file_name: p
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256: p.sha256.clone(),
                blank: s.blank,
                figures: serde_json::to_string(&s.figures).unwrap_or_default(),
            }
        })
        .collect();
    let done = store.take_in_submissions(&new)?;
    Ok(TakeInDone {
        sheets: previews
            .iter()
            .zip(&done)
            .map(|(p, (_, old))| {
                let f = &p.sheet.as_ref().expect("read").figures;
                (f.unit.clone(), f.period.clone(), old.is_some())
            })
            .collect(),
    })
}

/// Whether a commune's sheet of the period came, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    OnTime,
    Late,
    Missing,
}

/// A commune of the province and its sheet of the period.
#[derive(Debug, Clone)]
pub struct SubmissionLine {
    pub code: u32,
    pub unit: String,
    pub status: Status,
    pub received_on: Option<NaiveDate>,
    pub file: String,
}

/// Every commune of the province and its sheet of `period`: on time (by the
/// commune's reporting day after the period), late, or missing.
pub fn submissions(store: &Store, period: Period) -> Result<(NaiveDate, Vec<SubmissionLine>)> {
    let (province, _) = home_province(store)?;
    let (_, commune_day) = crate::office::deadlines::report_days(store)?;
    let due = period.due(commune_day);
    let got = store.submissions(&period.code())?;
    let lines = units::all()
        .iter()
        .filter(|u| u.province_code == province)
        .map(|u| {
            let s = got.iter().find(|g| g.unit_code == u.code);
            SubmissionLine {
                code: u.code,
                unit: u.full_name.to_string(),
                status: match s {
                    Some(s) if s.received_on <= due => Status::OnTime,
                    Some(_) => Status::Late,
                    None => Status::Missing,
                },
                received_on: s.map(|s| s.received_on),
                file: s.map(|s| s.file_name.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok((due, lines))
}
