//! Reports (Báo cáo): the figures of a team or of the commune for a period, the texts
//! prefilled from the activity notes, the document, its PDF, issuing it into the
//! register (numbered per issuing body and year) and printing an issued one again.
//!
//! [`build`] reads the store and writes nothing; [`save`], [`issue`] and [`reprint`]
//! write.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::decisions::{Frozen, Pending, RegisterLine, Saved, print_again, write_document};
use super::output::{self, Target};
use super::{Error, Result, home};
use crate::document::model::Document;
use crate::document::report::{self, Figures, Issuer, ReportDraft, TeamLine};
use crate::domain::people::Role;
use crate::domain::period::Period;
use crate::domain::team::Level;
use crate::domain::{Field, FieldError, text, vndate};
use crate::render::Fonts;
use crate::store::{ActivityQuery, NewReport, Scope, Store};

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
    /// The number in the register of the issuing body; `None` prints a draft and,
    /// when issuing, takes the next free number.
    pub number: Option<u32>,
    /// The report's date; today when `None`.
    pub date: Option<NaiveDate>,
    /// The texts; prefilled from the period's activity notes when `None`.
    pub texts: Option<ReportTexts>,
    pub addressees: Option<Vec<String>>,
    pub signer: Option<String>,
    pub recipients: Option<Vec<String>>,
    /// The creation time written in the PDF; now when `None`.
    pub created: Option<NaiveDateTime>,
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
) -> Result<ReportTexts> {
    let rows = store.activities(&ActivityQuery {
        commune_id,
        team_id: team,
        from: Some(period.first_day()),
        to: Some(period.last_day()),
        limit: Some(MAX_NOTES * 4),
        ..Default::default()
    })?;
    // The commune's report covers every team: each line names the team that did it.
    let names = if team.is_none() {
        store.team_names()?
    } else {
        Default::default()
    };
    let mut lines: Vec<String> = rows
        .iter()
        .filter(|r| !r.activity.note.trim().is_empty())
        .take(MAX_NOTES)
        .map(|r| {
            let by = names
                .get(&r.activity.team_id)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            format!(
                "- Ngày {}: {} – {}{by}.",
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
    let mut texts = ReportTexts {
        activities: lines.join("\n"),
        ..Default::default()
    };
    // What the teams' return sheets of the month said: a team's own report takes its
    // texts; the commune's, each village team's, named.
    if matches!(period, Period::Month(..)) {
        let teams: Vec<(i64, Option<String>)> = match team {
            Some(t) => vec![(t, None)],
            None => {
                let names = store.team_names()?;
                store
                    .teams(commune_id)?
                    .into_iter()
                    .filter(|t| t.level == Level::Village)
                    .map(|t| (t.id, names.get(&t.id).cloned()))
                    .collect()
            }
        };
        let mut parts: [Vec<String>; 3] = Default::default();
        for (t, name) in teams {
            let Some(draft) = store.report_draft(t, &period.code())? else {
                continue;
            };
            for (i, text) in draft.iter().enumerate() {
                if text.trim().is_empty() {
                    continue;
                }
                parts[i].push(match &name {
                    Some(n) => format!("- {n}: {}", text.trim()),
                    None => text.trim().to_string(),
                });
            }
        }
        let [d, p, g] = parts;
        texts.difficulties = d.join("\n");
        texts.proposals = p.join("\n");
        texts.good_practices = g.join("\n");
    }
    Ok(texts)
}

/// The name of the commune's own team, when it has one that is not dissolved.
fn commune_team(store: &Store, commune_id: i64) -> Result<Option<String>> {
    for t in store.teams(commune_id)? {
        if t.level == Level::Commune && t.status != crate::domain::team::TeamStatus::Dissolved {
            return Ok(Some(store.team_name(&t)?));
        }
    }
    Ok(None)
}

fn team_leader(store: &Store, team_id: i64) -> Result<String> {
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

/// A report built from a request: the document, the draft it came from, and its
/// issuing body (the commune, or a team).
#[derive(Debug, Clone)]
pub struct Built {
    pub doc: Document,
    pub draft: ReportDraft,
    pub commune_id: i64,
    /// The issuing team; 0 for the commune.
    pub team_id: i64,
}

/// Builds the report the request describes. Reads the store, writes nothing.
pub fn build(store: &Store, req: &ReportRequest) -> Result<Built> {
    let commune = home(store)?;
    let date = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (issuer, scope, team_id) = match req.team {
        Some(t) => {
            let team = store.team(t)?;
            if team.commune_id != commune.id {
                return Err(Error::invalid(FieldError::new(
                    Field::Team,
                    "Tổ không thuộc xã này",
                    "the team is not of this commune",
                )));
            }
            (Issuer::Team(store.team_name(&team)?), Scope::Team(t), t)
        }
        None => (Issuer::Commune, Scope::Commune(commune.id), 0),
    };
    // A report speaks of its period: it is dated within it or after it, never before.
    if date < req.period.first_day() {
        return Err(Error::invalid(FieldError::new(
            Field::Date,
            format!(
                "ngày {} ở trước {} mà báo cáo nói đến; hãy ghi ngày lập báo cáo",
                vndate::short(date),
                req.period.label_vi()
            ),
            format!(
                "{} is before the period the report is about ({}); give the day it is made",
                vndate::short(date),
                req.period.code()
            ),
        )));
    }
    let number = req.number;
    if number.is_some_and(|n| n == 0 || n > super::decisions::MAX_NUMBER) {
        return Err(Error::invalid(FieldError::new(
            Field::Number,
            format!("phải là số từ 1 đến {}", super::decisions::MAX_NUMBER),
            format!(
                "must be a number from 1 to {}",
                super::decisions::MAX_NUMBER
            ),
        )));
    }
    let figures = store.period_figures(scope, req.period)?;
    let mut teams = Vec::new();
    if req.team.is_none() {
        let keys = req.period.month_keys();
        let by_team = store.totals_by_team(commune.id, &keys[0], &keys[keys.len() - 1])?;
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
    let commune_team = commune_team(store, commune.id)?;
    let (mark, title, signer, addressee, recipients) = match &issuer {
        Issuer::Commune => (
            Some("TM. ỦY BAN NHÂN DÂN".to_string()),
            "CHỦ TỊCH",
            commune.chairman.clone(),
            report::level_above(&commune, date),
            report::commune_recipients(&commune, !teams.is_empty()),
        ),
        Issuer::Team(_) => (
            None,
            "TỔ TRƯỞNG",
            team_leader(store, team_id)?,
            commune_team
                .clone()
                .unwrap_or_else(|| commune.committee_name()),
            report::team_recipients(&commune, commune_team.is_some()),
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
    // A team's report is signed by its leader: without one there is no one to sign,
    // and the clerk is told what to do (the form has no signer's field to fill).
    if let (Issuer::Team(name), true) = (&draft.issuer, text::clean(&draft.signer).is_empty()) {
        return Err(Error::invalid(FieldError::new(
            Field::Team,
            format!(
                "{name} chưa có Tổ trưởng để ký báo cáo; hãy thêm Tổ trưởng trên màn hình Thành viên rồi lập lại báo cáo"
            ),
            format!(
                "{name} has no leader (Tổ trưởng) to sign the report; add one on the Members screen, then make the report again"
            ),
        )));
    }
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
        commune_team: match draft.issuer {
            Issuer::Commune => commune_team,
            Issuer::Team(_) => None,
        },
        target_source: store.target_source(commune.id, req.period.year())?,
    };
    let created = output::created_stamp(req.created);
    let doc = report::build(&commune, &figures, &draft, &created).map_err(Error::Invalid)?;
    Ok(Built {
        doc,
        draft,
        commune_id: commune.id,
        team_id,
    })
}

/// A scope the report screen offers: the commune's report, or a village team's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeLine {
    pub scope: Scope,
    /// The village of a team's report.
    pub village: Option<i64>,
    pub name: String,
}

/// What the report form starts from.
#[derive(Debug, Clone)]
pub struct Form {
    pub scopes: Vec<ScopeLine>,
    pub register: Vec<RegisterLine>,
    /// The commune usually issues in the e-office.
    pub eoffice_first: bool,
    pub fonts: Fonts,
}

/// The report form's data: the scopes, the register of issued reports and the fonts.
pub fn form(store: &Store) -> Result<Form> {
    let fonts = super::fonts::load(store, None)?;
    let Some(c) = store.home_commune()? else {
        return Ok(Form {
            scopes: Vec::new(),
            register: Vec::new(),
            eoffice_first: false,
            fonts,
        });
    };
    let names = store.team_names()?;
    let mut scopes = vec![ScopeLine {
        scope: Scope::Commune(c.id),
        village: None,
        name: format!("Báo cáo của UBND {}", c.full_name()),
    }];
    for t in store.teams(c.id)? {
        if t.village_id.is_some() {
            scopes.push(ScopeLine {
                scope: Scope::Team(t.id),
                village: t.village_id,
                name: names.get(&t.id).cloned().unwrap_or_default(),
            });
        }
    }
    Ok(Form {
        scopes,
        register: register(store, c.id)?,
        eoffice_first: super::decisions::eoffice_first(store),
        fonts,
    })
}

/// The register of issued reports, as lines for a list.
pub fn register(store: &Store, commune_id: i64) -> Result<Vec<RegisterLine>> {
    let mut trails = super::history::of_register(store, "report")?;
    let mut lines =
        super::decisions::waiting_lines(store, commune_id, crate::store::DocKind::Report)?;
    for r in store.issued_reports(commune_id)? {
        lines.push(RegisterLine {
            id: r.id,
            line: format!(
                "{} ({}) — {}{}",
                r.model.header.number_line,
                vndate::short(r.issued_on),
                r.subject,
                super::decisions::void_mark(&r.voided)
            ),
            year: r.year,
            number: r.number,
            issuer: r.team_id,
            voided: r.voided.is_some(),
            trail: trails.remove(&r.id).unwrap_or_default(),
            way: super::decisions::way_of(store, crate::store::DocKind::Report, r.id)?,
        });
    }
    Ok(lines)
}

/// Voids an issued report with a reason: kept in the register, marked.
pub fn void(store: &mut Store, id: i64, reason: &str) -> Result<crate::domain::Msg> {
    let c = home(store)?;
    let today = chrono::Local::now().date_naive();
    let r = store.void_report(c.id, id, today, reason)?;
    let reference = reference(&r.model);
    Ok(crate::domain::Msg::new(
        format!("Đã hủy báo cáo {reference}; vẫn giữ trong sổ."),
        format!("Report {reference} is voided; it stays in the register."),
    ))
}

/// The prefilled texts of the home commune's (or a team's) report of a period.
pub fn prefill_home(store: &Store, team: Option<i64>, period: Period) -> Result<ReportTexts> {
    let c = home(store)?;
    prefill(store, c.id, team, period)
}

/// Saves the report as PDF without issuing it.
pub fn save(store: &Store, req: &ReportRequest, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    let built = build(store, req)?;
    write_document(&built.doc, target, fonts)
}

/// Issues the report: takes the next free number of its issuing body when none is
/// given, writes the PDF beside its place, registers it and puts the file in place in
/// one transaction.
pub fn issue(
    store: &mut Store,
    req: &ReportRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<Saved> {
    target.check(store.path())?;
    let mut req = req.clone();
    if req.number.is_none() {
        let c = home(store)?;
        let year = req
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive())
            .year();
        req.number = Some(store.next_report_number(c.id, req.team.unwrap_or(0), year)?);
    }
    let built = build(store, &req)?;
    let Pending { staged, sha, saved } = Pending::stage(store, &built.doc, target, fonts)?;
    let id = store.issue_report(
        &NewReport {
            commune_id: built.commune_id,
            team_id: built.team_id,
            period: &req.period.code(),
            number: built.draft.number.unwrap_or_default(),
            issued_on: built.draft.date,
            model: &built.doc,
            pdf_sha256: &sha,
        },
        || staged.commit_store(),
    );
    let id = Pending::settle(store, &sha, id)?;
    Ok(Pending::saved(saved, (id, reference(&built.doc))))
}

/// Prints an issued report again from its frozen model.
pub fn reprint(store: &Store, id: i64, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    // One issued in the e-office: its signed copy is the valid one, byte for byte.
    if let Some(saved) =
        super::eoffice::write_signed(store, crate::store::DocKind::Report, id, target)?
    {
        return Ok(saved);
    }
    let c = home(store)?;
    let r = store.issued_report(c.id, id)?;
    print_again(
        Frozen {
            model: &r.model,
            pdf_sha256: &r.pdf_sha256,
            model_intact: r.model_intact,
            issued: (r.id, reference(&r.model)),
        },
        target,
        fonts,
    )
}

/// `05/BC-UBND`: the number line without its `Số:`.
fn reference(doc: &Document) -> String {
    doc.header
        .number_line
        .trim_start_matches("Số:")
        .trim()
        .to_string()
}
