//! The Word copy as a word processor prints it: LibreOffice (headless) turns the
//! `.docx` into PDF, and that file passes the same Decree 30 checks as the program's
//! own PDF (A4, margins, page numbers from page 2 and centred, justified body lines
//! ending on the margin, the attached list's first page unnumbered), in Times New
//! Roman or its metric twin only (no fallback font for a Vietnamese letter), with the
//! same words as the PDF.

use crate::common::pdf;

use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use chrono::NaiveDate;
use cnscd::office::decisions::{self, DecisionRequest};
use cnscd::office::output::{self, Target};
use cnscd::office::{demo, reports, word};
use cnscd::render::Fonts;
use cnscd::store::Store;
use pdf::{decree_30_format, tool};

/// The demo's decision and yearly report as Word copies, printed by LibreOffice in
/// one start (each test reads its own), and the program's own PDF of the decision.
struct Printed {
    decision: PathBuf,
    report: PathBuf,
    ours: PathBuf,
}

fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx_print");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("cnscd.db")).unwrap();
        demo::dak_nia(&mut store).unwrap();
        let fonts = Fonts::bundled();
        let req = DecisionRequest {
            number: Some(5),
            date: NaiveDate::from_ymd_opt(2026, 2, 5),
            created: output::parse_created("2026-02-05T08:00:00").ok(),
            annex_threshold: Some(0),
            ..DecisionRequest::for_team(1)
        };
        let qd = dir.join("qd.docx");
        word::decision(&store, &req, &Target::new(&qd), &fonts).unwrap();
        let ours = dir.join("ours.pdf");
        decisions::save(&store, &req, &Target::new(&ours), &fonts).unwrap();
        let period = cnscd::domain::period::Period::parse("2026").unwrap();
        let bc = dir.join("bc.docx");
        word::report(
            &store,
            &reports::ReportRequest::new(period, None),
            &Target::new(&bc),
            &fonts,
        )
        .unwrap();
        let mut pdfs = crate::common::libre_office(&[&qd, &bc]).into_iter();
        Printed {
            decision: pdfs.next().unwrap(),
            report: pdfs.next().unwrap(),
            ours,
        }
    })
}

/// How far from the margin a justified line may end in LibreOffice's print: it measures
/// a few lines a little wider than the PDF does and ends them up to 1.7 pt short; a line
/// left ragged ends far shorter. The program's own PDF is held to 1 pt.
const LO_JUSTIFY: f32 = 2.0;

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Every font of the file is Times New Roman or Liberation Serif, embedded.
fn only_times(pdf: &Path) {
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let face = cols[0].split('+').next_back().unwrap();
        assert!(
            face.starts_with("LiberationSerif") || face.starts_with("TimesNewRoman"),
            "a fallback font drew some letters: {fonts}"
        );
        // The columns end: emb sub uni object-number generation.
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {r}");
    }
}

#[test]
fn a_decision_s_word_copy_prints_in_decree_30_format_with_the_pdf_s_words() {
    let Printed {
        decision: printed,
        ours,
        ..
    } = printed();
    let format = decree_30_format(printed, LO_JUSTIFY);
    let all = &format.all;
    assert!(all.contains("Số: 05/QĐ-UBND"), "{all}");
    assert!(all.contains("Đắk Nia, ngày 05 tháng 02 năm 2026"), "{all}");
    assert!(
        format.justified > 30,
        "{} justified lines",
        format.justified
    );
    assert!(format.annex_page.is_some(), "the attached list");
    assert!(
        all.contains("STT Họ và tên Chức vụ / đơn vị Nhiệm vụ trong Tổ Số điện thoại"),
        "the list's header: {all}"
    );
    only_times(printed);
    // The same words as the program's PDF, in the same order. Page numbers fall where
    // each lays out its pages, and a line broken after a hyphen (`09-` / `NQ/TU`)
    // comes out of pdftotext without it: compare the letters without either.
    let letters = |p: &Path| -> Vec<char> {
        words(&tool("pdftotext", &[p.to_str().unwrap(), "-"]))
            .into_iter()
            .filter(|w| !(w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit())))
            .flat_map(|w| w.chars().collect::<Vec<_>>())
            .filter(|c| *c != '-')
            .collect()
    };
    let (theirs, mine) = (letters(printed), letters(ours));
    let first_difference = theirs.iter().zip(&mine).position(|(a, b)| a != b);
    let around = |v: &[char], at: usize| -> String {
        v[at.saturating_sub(40)..(at + 40).min(v.len())]
            .iter()
            .collect()
    };
    if let Some(at) = first_difference {
        panic!(
            "LibreOffice: …{}…\nthe PDF:     …{}…",
            around(&theirs, at),
            around(&mine, at)
        );
    }
    assert_eq!(theirs.len(), mine.len(), "one has more text");
}

#[test]
fn a_report_s_word_copy_prints_on_the_same_page() {
    let printed = &printed().report;
    let format = decree_30_format(printed, LO_JUSTIFY);
    assert!(format.pages >= 2, "{} pages", format.pages);
    assert!(format.justified > 5, "{} justified lines", format.justified);
    assert!(format.all.contains("BÁO CÁO"), "{}", format.all);
    only_times(printed);
}

#[test]
fn a_decision_s_word_copy_draws_its_rules_and_lines_where_the_pdf_does() {
    let Printed {
        decision: printed,
        ours,
        ..
    } = printed();
    let (theirs, mine) = (pdf::rules(printed, 1), pdf::rules(ours, 1));
    // Under the issuing body, under the motto, under the subject.
    assert_eq!(theirs.len(), 3, "{theirs:?}");
    assert_eq!(mine.len(), 3, "{mine:?}");
    for (t, m) in theirs.iter().zip(&mine) {
        assert!(
            (t.gap - m.gap).abs() <= 1.0,
            "a rule {} pt below its text in the Word copy, {} pt in the PDF: {t:?} {m:?}",
            t.gap,
            m.gap
        );
        assert!(
            (t.x0 - m.x0).abs() <= 1.0 && (t.x1 - m.x1).abs() <= 1.0,
            "{t:?} {m:?}"
        );
    }
    let (lo, pdf) = (pdf::line_pitch(printed), pdf::line_pitch(ours));
    assert!(
        (lo - pdf).abs() <= 0.3,
        "lines {lo} pt apart in the Word copy, {pdf} pt in the PDF"
    );
}
