//! `cnscd print …`: decisions, member lists and reports as PDF, through the office.

use std::io::Write;

use super::{Failure, Out, PrintWhat, created_flag, date_flag, font_flag};
use crate::document::decision::{DecisionKind, Signing};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang};
use crate::office::decisions::{self, DecisionRequest, Teams};
use crate::office::output::Target;
use crate::office::{Error, member_lists, reports};
use crate::store::Store;

fn invalid(field: Field, vi: String, en: String) -> Error {
    Error::invalid(FieldError::new(field, vi, en))
}

pub(super) fn kind_flag(flag: Option<&str>) -> Result<DecisionKind, Error> {
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

pub(super) fn signing_flag(flag: Option<&str>) -> Result<Option<Signing>, Error> {
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

pub(super) fn run(
    store: &mut Store,
    what: PrintWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    if super::excel::is_docx_print(&what) {
        return super::excel::print_docx(store, what, out, lang);
    }
    let saved = match what {
        PrintWhat::Decision {
            team,
            all_villages,
            issued,
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
            out: path,
        } => {
            let fonts = font_flag(store, font.as_deref())?;
            match issued {
                Some(id) => decisions::reprint(store, id, &Target::replacing(&path), &fonts)?,
                None => {
                    let teams = match (team, all_villages) {
                        (_, true) => Teams::AllVillages,
                        (Some(t), false) => Teams::One(t),
                        (None, false) => {
                            return Err(invalid(
                                Field::Team,
                                "cần --team ID hoặc --all-villages".into(),
                                "give --team ID or --all-villages".into(),
                            )
                            .into());
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
                    if issue {
                        decisions::issue(store, &req, &Target::replacing(&path), &fonts)?
                    } else {
                        // A draft may carry a number already used; it is said, not hidden.
                        if let Some(w) = decisions::number_warning(store, &req)? {
                            eprintln!("{} {}", tr_warning(lang), w.get(lang));
                        }
                        decisions::save(store, &req, &Target::replacing(&path), &fonts)?
                    }
                }
            }
        }
        PrintWhat::Report {
            issued: Some(id),
            font,
            out: path,
            ..
        } => {
            let fonts = font_flag(store, font.as_deref())?;
            reports::reprint(store, id, &Target::replacing(&path), &fonts)?
        }
        PrintWhat::Report {
            period,
            team,
            number,
            date,
            issue,
            font,
            created,
            out: path,
            issued: None,
        } => {
            let fonts = font_flag(store, font.as_deref())?;
            let period = Period::parse(period.as_deref().unwrap_or(""))?;
            let mut req = reports::ReportRequest::new(period, team);
            req.number = number;
            req.date = date_flag(date.as_deref())?;
            req.created = created_flag(created.as_deref())?;
            if issue {
                reports::issue(store, &req, &Target::replacing(&path), &fonts)?
            } else {
                reports::save(store, &req, &Target::replacing(&path), &fonts)?
            }
        }
        PrintWhat::Members {
            team,
            font,
            created,
            out: path,
        } => {
            let fonts = font_flag(store, font.as_deref())?;
            member_lists::save(
                store,
                team,
                created_flag(created.as_deref())?,
                &Target::replacing(&path),
                &fonts,
            )?
        }
    };
    writeln!(out, "{}", saved.summary().get(lang))?;
    Ok(())
}

/// The word before a warning on standard error.
fn tr_warning(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Cảnh báo —",
        Lang::En => "Warning —",
    }
}
