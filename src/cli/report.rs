//! Reports from the store: the figures of a team or of the commune for a period, the
//! prefilled texts, the document, its PDF, and issuing it in the register.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::print::{created_stamp, write_pdf};
use crate::document::model::Document;
use crate::document::report::{self, Figures, Issuer, ReportDraft, TeamLine};
use crate::domain::people::Role;
use crate::domain::period::Period;
use crate::domain::team::Level;
use crate::domain::{Field, FieldError, Msg, vndate};
use crate::render::{self, Fonts};
use crate::store::{ActivityQuery, NewReport, Scope, Store, StoreError};

/// The editable texts of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportTexts {
    pub activities: String,
    pub difficulties: String,
    pub proposals: String,
    pub good_practices: String,
}

/// What `print report` (or the report screen) asks for.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub period: Period,
    /// A team's report; `None` for the commune's.
    pub team: Option<i64>,
    pub number: Option<u32>,
    pub date: Option<NaiveDate>,
    /// The texts; prefilled from the period's activity notes when `None`.
    pub texts: Option<ReportTexts>,
    pub addressees: Option<Vec<String>>,
    pub signer: Option<String>,
    pub recipients: Option<Vec<String>>,
    pub created: Option<String>,
    /// Take the next free number of the year when `number` is not given (issuing).
    pub next_number: bool,
}

impl ReportRequest {
    pub fn new(period: Period, team: Option<i64>) -> Self {
        Self {
            period,
            team,
            number: None,
            date: None,
            texts: None,
            addressees: None,
            signer: None,
            recipients: None,
            created: None,
            next_number: false,
        }
    }
}

/// The newest notes of the period, one line each (at most `MAX_NOTES`): the clerk edits
/// them into the report's first section.
pub const MAX_NOTES: usize = 15;

pub fn prefill(
    store: &Store,
    commune_id: i64,
    team: Option<i64>,
    period: Period,
) -> Result<ReportTexts, StoreError> {
    let rows = store.activities(&ActivityQuery {
        commune_id,
        team_id: team,
        from: Some(period.first_day()),
        to: Some(period.last_day()),
        limit: Some(MAX_NOTES * 4),
        ..Default::default()
    })?;
    let mut lines: Vec<String> = rows
        .iter()
        .filter(|r| !r.activity.note.trim().is_empty())
        .take(MAX_NOTES)
        .map(|r| {
            format!(
                "- Ngày {}: {} – {}.",
                vndate::short(r.activity.on_date),
                r.type_name,
                r.activity
                    .note
                    .trim()
                    .trim_end_matches('.')
                    .replace('\n', "; ")
            )
        })
        .collect();
    lines.reverse();
    Ok(ReportTexts {
        activities: lines.join("\n"),
        ..Default::default()
    })
}

/// team → indicator → (total, entries).
type TeamTotals = HashMap<i64, HashMap<i64, (i64, i64)>>;

/// Totals per team over months `from..=to`: team → indicator → (total, entries).
fn totals_by_team(
    store: &Store,
    commune_id: i64,
    from: &str,
    to: &str,
) -> Result<TeamTotals, StoreError> {
    let mut out = TeamTotals::new();
    let conn = store.conn();
    let mut st = conn.prepare_cached(
        "SELECT team_id, indicator_id, sum(total), sum(entries) FROM monthly \
         WHERE commune_id = ?1 AND month BETWEEN ?2 AND ?3 GROUP BY team_id, indicator_id",
    )?;
    let rows = st.query_map(params![commune_id, from, to], |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    for row in rows {
        let (team, ind, total, entries) = row?;
        out.entry(team).or_default().insert(ind, (total, entries));
    }
    Ok(out)
}

fn team_leader(store: &Store, team_id: i64) -> Result<String, StoreError> {
    let rows = store.members(&crate::store::MemberQuery {
        team_id: Some(team_id),
        role: Some(Role::Leader),
        ..Default::default()
    })?;
    Ok(rows
        .first()
        .map(|r| r.person.full_name.clone())
        .unwrap_or_default())
}

/// Builds the report's document and the draft it came from.
pub fn build_report(
    store: &mut Store,
    req: &ReportRequest,
) -> Result<(Document, ReportDraft), StoreError> {
    let commune = store
        .home_commune()?
        .ok_or_else(|| StoreError::not_found("Chưa có xã nào", "No commune yet"))?;
    let date = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (issuer, scope, team_id) = match req.team {
        Some(t) => {
            let team = store.team(t)?;
            if team.commune_id != commune.id {
                return Err(StoreError::invalid(FieldError::new(
                    Field::Team,
                    "Tổ không thuộc xã này",
                    "the team is not of this commune",
                )));
            }
            (Issuer::Team(store.team_name(&team)?), Scope::Team(t), t)
        }
        None => (Issuer::Commune, Scope::Commune(commune.id), 0),
    };
    let number = match req.number {
        None if req.next_number => {
            Some(store.next_report_number(commune.id, team_id, date.year())?)
        }
        n => n,
    };
    let figures = store.period_figures(scope, req.period)?;
    let mut teams = Vec::new();
    if req.team.is_none() {
        let keys = req.period.month_keys();
        let by_team = totals_by_team(store, commune.id, &keys[0], &keys[keys.len() - 1])?;
        let reported = store.reported(commune.id, &req.period.code())?;
        let names = store.team_names()?;
        for t in store.teams(commune.id)? {
            if t.level != Level::Village {
                continue;
            }
            let get = |ind: i64| {
                by_team
                    .get(&t.id)
                    .and_then(|m| m.get(&ind))
                    .filter(|(_, e)| *e > 0)
                    .map(|(total, _)| *total)
            };
            teams.push(TeamLine {
                name: names.get(&t.id).cloned().unwrap_or_default(),
                reported: reported.contains(&t.id),
                activities: get(crate::store::activities::ACTIVITIES),
                people: get(crate::store::activities::PEOPLE),
                households: get(crate::store::activities::HOUSEHOLDS),
            });
        }
    }
    let texts = match &req.texts {
        Some(t) => t.clone(),
        None => prefill(store, commune.id, req.team, req.period)?,
    };
    let (mark, title, signer, addressee, recipients) = match &issuer {
        Issuer::Commune => (
            Some("TM. ỦY BAN NHÂN DÂN".to_string()),
            "CHỦ TỊCH",
            commune.chairman.clone(),
            format!("Sở Khoa học và Công nghệ tỉnh {}", commune.province),
            vec![
                "Như trên".to_string(),
                "TT Đảng ủy, HĐND xã (b/c)".into(),
                "Các Tổ công nghệ số cộng đồng thôn".into(),
                "Lưu: VT".into(),
            ],
        ),
        Issuer::Team(_) => (
            None,
            "TỔ TRƯỞNG",
            team_leader(store, team_id)?,
            format!("Tổ công nghệ số cộng đồng {}", commune.full_name()),
            vec![
                "Như trên".to_string(),
                "UBND xã (b/c)".into(),
                "Lưu: Tổ".into(),
            ],
        ),
    };
    let draft = ReportDraft {
        period: req.period,
        number,
        date,
        issuer,
        addressees: req.addressees.clone().unwrap_or_else(|| vec![addressee]),
        activities_text: texts.activities,
        difficulties: texts.difficulties,
        proposals: texts.proposals,
        good_practices: texts.good_practices,
        mark,
        title: title.into(),
        signer: req.signer.clone().unwrap_or(signer),
        recipients: req.recipients.clone().unwrap_or(recipients),
    };
    let figures = Figures {
        lines: figures
            .lines
            .into_iter()
            .map(|l| (l.indicator, l.progress))
            .collect(),
        activities: figures.activities,
        people: figures.people,
        households: figures.households,
        teams,
    };
    let created = created_stamp(req.created.as_deref())?;
    let doc = report::build(&commune, &figures, &draft, &created).map_err(StoreError::Invalid)?;
    Ok((doc, draft))
}

/// Writes the report's PDF; with `issue`, numbers it and freezes it in the register.
pub fn print_report(
    store: &mut Store,
    req: &ReportRequest,
    issue: bool,
    out: &Path,
    fonts: &Fonts,
) -> Result<Msg, StoreError> {
    let req = ReportRequest {
        next_number: issue,
        ..req.clone()
    };
    let (doc, draft) = build_report(store, &req)?;
    let (laid, bytes) = render::document_pdf(&doc, fonts).map_err(|e| {
        StoreError::refused(
            format!("Không tạo được PDF: {e}"),
            format!("Could not make the PDF: {e}"),
        )
    })?;
    if issue {
        let commune = store
            .home_commune()?
            .ok_or_else(|| StoreError::not_found("Chưa có xã nào", "No commune yet"))?;
        let number = draft.number.ok_or_else(|| {
            StoreError::invalid(FieldError::new(
                Field::Number,
                "cần số báo cáo để ban hành",
                "a number is needed to issue",
            ))
        })?;
        store.issue_report(&NewReport {
            commune_id: commune.id,
            team_id: req.team.unwrap_or(0),
            period: &req.period.code(),
            number,
            issued_on: draft.date,
            model: &doc,
            pdf_sha256: &render::pdf::sha256_hex(&bytes),
        })?;
    }
    write_pdf(out, &bytes)?;
    let pages = laid.pages.len();
    Ok(Msg::new(
        format!(
            "Đã ghi {} — {} ({pages} trang){}",
            out.display(),
            doc.header.number_line,
            if issue { ", đã vào sổ" } else { "" }
        ),
        format!(
            "Wrote {} — {} ({pages} pages){}",
            out.display(),
            doc.header.number_line,
            if issue { ", registered" } else { "" }
        ),
    ))
}

/// Prints an issued report again from its frozen model; says whether the bytes are
/// those that were issued.
pub fn print_issued(store: &Store, id: i64, out: &Path, fonts: &Fonts) -> Result<Msg, StoreError> {
    let commune = store
        .home_commune()?
        .ok_or_else(|| StoreError::not_found("Chưa có xã nào", "No commune yet"))?;
    let r = store.issued_report(commune.id, id)?;
    let (_, bytes) = render::document_pdf(&r.model, fonts).map_err(|e| {
        StoreError::refused(
            format!("Không tạo được PDF: {e}"),
            format!("Could not make the PDF: {e}"),
        )
    })?;
    write_pdf(out, &bytes)?;
    let same = render::pdf::sha256_hex(&bytes) == r.pdf_sha256;
    Ok(Msg::new(
        format!(
            "Đã ghi {} — {}{}",
            out.display(),
            r.model.header.number_line,
            if same {
                " (trùng khớp bản đã ban hành)"
            } else {
                " (khác phông chữ với bản đã ban hành)"
            }
        ),
        format!(
            "Wrote {} — {}{}",
            out.display(),
            r.model.header.number_line,
            if same {
                " (the same bytes as issued)"
            } else {
                " (another font than when issued)"
            }
        ),
    ))
}
