//! Word copies: the package opens (zip, every part well-formed XML), its words are the
//! words of the PDF's document model, and the page is Decree 30's (A4, margins, Times
//! New Roman, page numbers from page 2, justified body with first-line indents, the
//! attached list's header repeated on each page).

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use cnscd::office::decisions::{self, DecisionRequest};
use cnscd::office::output::{self, Target};
use cnscd::office::{demo, reports, word};
use cnscd::render::Fonts;
use cnscd::store::Store;

fn parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

/// Tags open and close in order, attributes are quoted, every `&` starts an entity.
fn well_formed(name: &str, xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        for (j, _) in text.match_indices('&') {
            let t = &text[j..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| t.starts_with(e)),
                "{name}: a bare & in {t:.40}"
            );
        }
        let end = rest[i..].find('>').expect("a tag closes") + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        assert_eq!(tag.matches('"').count() % 2, 0, "{name}: quotes in <{tag}>");
        if let Some(close) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_default();
            assert_eq!(open, close, "{name}: </{close}> closes <{open}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
    }
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
}

/// Words with the punctuation a list item adds (`- …;`) taken off.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| "-;.,:|".contains(c)).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn without_motto(text: &str) -> String {
    let motto = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ];
    for m in motto {
        assert_eq!(text.matches(m).count(), 1, "{m}");
    }
    text.replace(motto[0], "").replace(motto[1], "")
}

fn seed_004() -> DecisionRequest {
    DecisionRequest {
        number: Some(23),
        date: NaiveDate::from_ymd_opt(2022, 7, 27),
        created: output::parse_created("2022-07-27T08:00:00").ok(),
        annex_threshold: Some(3),
        ..DecisionRequest::for_team(1)
    }
}

#[test]
fn a_decision_in_word_has_the_pdf_s_words_on_a_decree_30_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let fonts = Fonts::bundled();
    let out = dir.path().join("qd.docx");
    let saved = word::decision(&store, &seed_004(), &Target::new(&out), &fonts).unwrap();
    assert_eq!(saved.number_line, "Số: 23/QĐ-UBND");
    let parts = parts(&out);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/header1.xml",
        "word/header2.xml",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    for (n, x) in &parts {
        well_formed(n, x);
    }
    let doc_xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let built = decisions::build(&store, &seed_004()).unwrap();
    assert!(!built.doc.annexes.is_empty(), "the attached list");
    // The model's words and the motto, which the layout adds (as the PDF does).
    let text = without_motto(&cnscd::render::docx::text_of(doc_xml));
    assert_eq!(words(&text), words(&built.doc.plain_text()));

    // The page: A4, margins 20/15/20/30 mm, a different first page, numbers restarted
    // in the annex.
    assert!(doc_xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        doc_xml
            .contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\"")
    );
    assert_eq!(doc_xml.matches("<w:titlePg/>").count(), 2);
    assert!(doc_xml.contains("<w:pgNumType w:start=\"1\"/>"));
    assert!(doc_xml.contains("<w:jc w:val=\"both\"/>"), "justified body");
    assert!(
        doc_xml.contains("w:firstLine=\"720\""),
        "1,27 cm first-line indent"
    );
    assert!(
        doc_xml.contains("<w:tblHeader/>"),
        "the list's header repeats"
    );
    assert!(doc_xml.contains("<w:pBdr><w:bottom"), "the rules");
    let styles = &parts
        .iter()
        .find(|(n, _)| n == "word/styles.xml")
        .unwrap()
        .1;
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
    let header = &parts
        .iter()
        .find(|(n, _)| n == "word/header1.xml")
        .unwrap()
        .1;
    assert!(header.contains(" PAGE "), "page numbers");
    let first = &parts
        .iter()
        .find(|(n, _)| n == "word/header2.xml")
        .unwrap()
        .1;
    assert!(!first.contains("PAGE"), "none on page 1");

    // The same document gives the same bytes.
    let again = dir.path().join("qd2.docx");
    word::decision(&store, &seed_004(), &Target::new(&again), &fonts).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn an_issued_decision_and_a_report_in_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let fonts = Fonts::bundled();
    let pdf = dir.path().join("qd.pdf");
    let issued = decisions::issue(&mut store, &seed_004(), &Target::new(&pdf), &fonts).unwrap();
    let (id, _) = issued.issued.unwrap();
    let out = dir.path().join("qd.docx");
    word::issued_decision(&store, id, &Target::new(&out), &fonts).unwrap();
    let model = store.issued_decision(id).unwrap().model;
    let decision_parts = parts(&out);
    let doc_xml = &decision_parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert_eq!(
        words(&without_motto(&cnscd::render::docx::text_of(doc_xml))),
        words(&model.plain_text())
    );

    let period = cnscd::domain::period::Period::parse("2025").unwrap();
    let req = reports::ReportRequest::new(period, None);
    let out = dir.path().join("bc.docx");
    word::report(&store, &req, &Target::new(&out), &fonts).unwrap();
    let parts = parts(&out);
    for (n, x) in &parts {
        well_formed(n, x);
    }
    let doc_xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let text = words(&cnscd::render::docx::text_of(doc_xml));
    let built = reports::build(&store, &req).unwrap();
    // Every word of the model, in order (a chart adds its bars as a table).
    let mut at = 0;
    for w in words(&built.doc.plain_text()) {
        let found = text[at..].iter().position(|t| *t == w);
        assert!(found.is_some(), "{w} missing after word {at}");
        at += found.unwrap() + 1;
    }
    // Never over the database, never over a file the clerk did not name.
    let db = dir.path().join("cnscd.db");
    assert!(word::report(&store, &req, &Target::replacing(&db), &fonts).is_err());
    assert!(word::report(&store, &req, &Target::new(&out), &fonts).is_err());
}

#[test]
fn a_long_issuing_body_is_shrunk_in_word_as_in_the_pdf() {
    use cnscd::office::setup::{self, CommuneInput, MemberInput};
    use cnscd::render::PageSetup;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    setup::set_commune(
        &mut store,
        &CommuneInput {
            province: "Thành phố Hồ Chí Minh".into(),
            kind: "phuong".into(),
            name: "Bình Hưng Hòa".into(),
            chairman: "Trần Văn Bảy".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let name = "Khu phố Nguyễn Thị Minh Khai Nối Dài";
    setup::add_villages(
        &mut store,
        "khu-pho",
        &["Nguyễn Thị Minh Khai Nối Dài".to_string()],
    )
    .unwrap();
    let (team, _) = setup::add_team(&mut store, Some(name)).unwrap();
    setup::add_member(
        &mut store,
        &MemberInput {
            team: team.id,
            name: "Lê Thị Tư".into(),
            role: "truong".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let fonts = Fonts::bundled();
    // The team's own report: the team is the issuing body.
    let period = cnscd::domain::period::Period::parse("2026-02").unwrap();
    let req = reports::ReportRequest::new(period, Some(team.id));
    let doc = reports::build(&store, &req).unwrap().doc;
    let frame = PageSetup::DECREE_30.frame_width();
    let (_, size) = cnscd::render::compose::header_column(&doc, &fonts, frame);
    assert!(
        size < 13.0,
        "the line is long enough to shrink: {size} {:?}",
        doc.header.body
    );
    // The Word copy's issuing body has the PDF's letter size.
    let out = dir.path().join("bc.docx");
    word::report(&store, &req, &Target::new(&out), &fonts).unwrap();
    let xml = &parts(&out)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let body = doc.header.body.last().unwrap();
    let at = xml.find(body.as_str()).expect("the issuing body");
    let run = &xml[xml[..at].rfind("<w:r>").unwrap()..at];
    let want = format!("<w:sz w:val=\"{}\"/>", (size * 2.0).round() as i32);
    assert!(run.contains(&want), "{run} should have {want}");
}
