//! `cnscd print …`: decisions, member lists and reports as PDF, through the office.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Out, PrintWhat, created_flag, date_flag, font_flag};
use crate::document::decision::{DecisionKind, Signing};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang};
use crate::office::decisions::{self, DecisionRequest, Teams};
use crate::office::output::Target;
use crate::office::{Error, member_lists, reports, word};
use crate::store::Store;

fn invalid(field: Field, vi: String, en: String) -> Error {
    Error::invalid(FieldError::new(field, vi, en))
}

fn kind_flag(flag: Option<&str>) -> Result<DecisionKind, Error> {
    match flag {
        None => Ok(DecisionKind::Establish),
        Some(k) => DecisionKind::from_code(k).ok_or_else(|| {
            invalid(
                Field::Decision,
                format!("loại “{k}” không có; chọn establish hoặc change"),
                format!("no kind “{k}”; use establish or change"),
            )
        }),
    }
}

fn signing_flag(flag: Option<&str>) -> Result<Option<Signing>, Error> {
    flag.map(|s| {
        Signing::from_code(s).ok_or_else(|| {
            invalid(
                Field::Signer,
                format!("cách ký “{s}” không có; chọn tm, ct hoặc kt"),
                format!("no signing mode “{s}”; use tm, ct or kt"),
            )
        })
    })
    .transpose()
}

/// What `print` is asked for, whatever file it goes to.
enum Job {
    Decision(Box<DecisionRequest>),
    IssuedDecision(i64),
    Report(Box<reports::ReportRequest>),
    IssuedReport(i64),
    Members {
        team: i64,
        created: Option<chrono::NaiveDateTime>,
    },
}

/// The verb's flags read once: the job, whether to issue it, the font flag, the file.
fn job(what: PrintWhat) -> Result<(Job, bool, Option<String>, PathBuf), Error> {
    Ok(match what {
        PrintWhat::Decision {
            issued: Some(id),
            issue,
            font,
            out,
            ..
        } => (Job::IssuedDecision(id), issue, font, out),
        PrintWhat::Decision {
            team,
            all_villages,
            kind,
            number,
            date,
            subject,
            signing,
            signer,
            replaces,
            annex_over,
            issue,
            font,
            created,
            out,
            issued: None,
            ..
        } => {
            let teams = match (team, all_villages) {
                (_, true) => Teams::AllVillages,
                (Some(t), false) => Teams::One(t),
                (None, false) => {
                    return Err(invalid(
                        Field::Team,
                        "cần --team ID hoặc --all-villages".into(),
                        "give --team ID or --all-villages".into(),
                    ));
                }
            };
            let req = DecisionRequest {
                teams,
                kind: kind_flag(kind.as_deref())?,
                number,
                date: date_flag(date.as_deref())?,
                subject,
                signing: signing_flag(signing.as_deref())?,
                signer,
                replaces,
                annex_threshold: annex_over,
                created: created_flag(created.as_deref())?,
                ..DecisionRequest::for_team(0)
            };
            (Job::Decision(Box::new(req)), issue, font, out)
        }
        PrintWhat::Report {
            issued: Some(id),
            issue,
            font,
            out,
            ..
        } => (Job::IssuedReport(id), issue, font, out),
        PrintWhat::Report {
            period,
            team,
            number,
            date,
            signer,
            issue,
            font,
            created,
            out,
            issued: None,
            ..
        } => {
            let period = Period::parse(period.as_deref().unwrap_or(""))?;
            let mut req = reports::ReportRequest::new(period, team);
            req.number = number;
            req.signer = signer;
            req.date = date_flag(date.as_deref())?;
            req.created = created_flag(created.as_deref())?;
            (Job::Report(Box::new(req)), issue, font, out)
        }
        PrintWhat::Members {
            team,
            font,
            created,
            out,
        } => {
            let created = created_flag(created.as_deref())?;
            (Job::Members { team, created }, false, font, out)
        }
    })
}

/// `print decision|report|members … --out FILE`: PDF, or a Word copy when FILE ends in
/// `.docx` (never issued: the register keeps the PDF).
pub(super) fn run(
    store: &mut Store,
    what: PrintWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let (numbering, meta) = match &what {
        PrintWhat::Decision {
            for_numbering,
            meta,
            ..
        }
        | PrintWhat::Report {
            for_numbering,
            meta,
            ..
        } => (*for_numbering, meta.clone()),
        PrintWhat::Members { .. } => (false, None),
    };
    let (job, issue, font, path) = job(what)?;
    if numbering {
        return for_numbering(store, job, font, &path, meta, out, lang);
    }
    let fonts = font_flag(store, font.as_deref())?;
    let target = Target::replacing(&path);
    // A province's database prints the province's report (and its register's).
    if store.province_home()?.is_some() {
        use crate::office::province::report as province_report;
        let said = match job {
            Job::IssuedReport(id) if word::is_docx(&path) => {
                province_report::issued_word(store, id, &target, &fonts)?.summary()
            }
            Job::IssuedReport(id) => {
                province_report::reprint(store, id, &target, &fonts)?.summary()
            }
            Job::Report(req) => {
                let r = province_report::ReportRequest {
                    period: req.period,
                    date: req.date,
                    number: req.number,
                    signer: req.signer.clone(),
                    created: req.created,
                };
                if word::is_docx(&path) {
                    if issue {
                        return Err(word::refuse_issue().into());
                    }
                    province_report::word(store, &r, &target, &fonts)?.summary()
                } else if issue {
                    province_report::issue(store, &r, &target, &fonts)?.summary()
                } else {
                    province_report::save(store, &r, &target, &fonts)?.summary()
                }
            }
            _ => {
                return Err(Error::refused(
                    "cơ sở dữ liệu của tỉnh chỉ in báo cáo của tỉnh (print report --period P)",
                    "a province's database prints only the province's report (print report --period P)",
                )
                .into());
            }
        };
        writeln!(out, "{}", said.get(lang))?;
        return Ok(());
    }
    let said = if word::is_docx(&path) {
        if issue {
            return Err(word::refuse_issue().into());
        }
        match job {
            Job::Decision(req) => word::decision(store, &req, &target, &fonts)?,
            Job::IssuedDecision(id) => word::issued_decision(store, id, &target, &fonts)?,
            Job::Report(req) => word::report(store, &req, &target, &fonts)?,
            Job::IssuedReport(id) => word::issued_report(store, id, &target, &fonts)?,
            Job::Members { team, created } => {
                word::member_list(store, team, created, &target, &fonts)?
            }
        }
        .summary()
    } else {
        match job {
            Job::Decision(req) if issue => decisions::issue(store, &req, &target, &fonts)?,
            Job::Decision(req) => {
                // A draft may carry a number already used; it is said, not hidden.
                if let Some(w) = decisions::number_warning(store, &req)? {
                    eprintln!("{} {}", tr_warning(lang), w.get(lang));
                }
                decisions::save(store, &req, &target, &fonts)?
            }
            Job::IssuedDecision(id) => decisions::reprint(store, id, &target, &fonts)?,
            Job::Report(req) if issue => reports::issue(store, &req, &target, &fonts)?,
            Job::Report(req) => reports::save(store, &req, &target, &fonts)?,
            Job::IssuedReport(id) => reports::reprint(store, id, &target, &fonts)?,
            Job::Members { team, created } => {
                member_lists::save(store, team, created, &target, &fonts)?
            }
        }
        .summary()
    };
    writeln!(out, "{}", said.get(lang))?;
    Ok(())
}

/// The word before a warning on standard error.
fn tr_warning(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Cảnh báo —",
        Lang::En => "Warning —",
    }
}

/// `print decision|report … --for-numbering --out F.pdf [--meta F.json]`: the draft for
/// the văn thư, kept as waiting for its number; its id first, then what was written.
fn for_numbering(
    store: &mut Store,
    job: Job,
    font: Option<String>,
    path: &std::path::Path,
    meta: Option<std::path::PathBuf>,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    use crate::office::eoffice::{self, DraftRequest};
    let req = match job {
        Job::Decision(r) => DraftRequest::Decision(*r),
        Job::Report(r) => DraftRequest::Report(*r),
        _ => {
            return Err(Error::refused(
                "--for-numbering chỉ dùng cho quyết định hoặc báo cáo chưa ban hành",
                "--for-numbering is for a decision or report not yet issued",
            )
            .into());
        }
    };
    let fonts = font_flag(store, font.as_deref())?;
    // Both files are checked before either is written.
    let meta_target = meta.map(|m| Target::replacing(&m));
    if let Some(t) = &meta_target {
        t.check(store.path())?;
        let same = |a: &std::path::Path| std::path::absolute(a).ok();
        if same(&t.path) == same(path) {
            return Err(Error::refused(
                "--meta phải là một tệp khác --out (tệp JSON ghi đè bản nháp)",
                "--meta must be another file than --out (the JSON would replace the draft)",
            )
            .into());
        }
    }
    let done = eoffice::draft(store, &req, &Target::replacing(path), &fonts)?;
    writeln!(out, "{}\t{}", done.id, done.saved.path.display())?;
    writeln!(out, "{}", done.summary().get(lang))?;
    let kind = match req {
        DraftRequest::Decision(_) => "decision",
        DraftRequest::Report(_) => "report",
    };
    let next = match lang {
        Lang::Vi => "Khi văn thư cấp số:",
        Lang::En => "Once the văn thư numbers it:",
    };
    writeln!(
        out,
        "{next} cnscd register {kind} {} --number N --date D [--signed F.pdf]",
        done.id
    )?;
    if let Some(t) = meta_target {
        let p = eoffice::write_meta(&done.meta, &t, store.path())?;
        writeln!(out, "{}", p.display())?;
    }
    for (label, value) in done.meta.lines(lang) {
        writeln!(out, "{label}:\t{value}")?;
    }
    Ok(())
}
