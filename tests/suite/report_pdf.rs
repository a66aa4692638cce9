//! Reports as PDF through the command line: the Decree 30 format checked on the file
//! (sizes, styles, margins, justified text, page numbers), a table split across pages
//! with its header repeated, the chart, refusals, and the register.

use crate::common;
use crate::common::pdf;

use common::{cnscd, ok};
use pdf::{MM, bbox, tool};

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cnscd(&db, &["demo"]));
    (dir, db)
}

#[test]
fn the_commune_report_of_october_keeps_decree_30_format() {
    let (dir, db) = demo();
    let out = dir.path().join("bc.pdf");
    let o = ok(&cnscd(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026-10",
            "--number",
            "5",
            "--date",
            "16/11/2026",
            "--created",
            "2026-11-16T08:00:00",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(o.contains("Số: 05/BC-UBND"), "{o}");
    let layout = tool("pdftotext", &["-layout", out.to_str().unwrap(), "-"]);
    assert!(layout.contains("Số: 05/BC-UBND"));
    // Words in reading order, one space apart (lines wrap anywhere).
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "ỦY BAN NHÂN DÂN",
        "XÃ ĐẮK NIA",
        "Số: 05/BC-UBND",
        "Đắk Nia, ngày 16 tháng 11 năm 2026",
        "BÁO CÁO",
        "Kết quả hoạt động của Tổ công nghệ số cộng đồng xã Đắk Nia tháng 10 năm 2026",
        "Kính gửi: Sở Khoa học và Công nghệ tỉnh Đắk Nông.",
        "I. KẾT QUẢ THỰC HIỆN",
        "Chỉ tiêu năm",
        "Lũy kế từ đầu",
        "Tỷ lệ đạt được so với mẫu số",
        "Các Tổ chưa gửi báo cáo:",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. CÁCH LÀM HAY, MÔ HÌNH HIỆU QUẢ",
        "TM. ỦY BAN NHÂN DÂN",
        "Trần Đình Tuấn",
        "Nơi nhận:",
    ] {
        assert!(text.contains(want), "missing “{want}” in:\n{text}");
    }
    // Percentages the Vietnamese way; figures grouped with dots; no zero for missing.
    assert!(text.contains(",") && text.contains(" %"), "{text}");
    // A4, fonts embedded and subset.
    let info = tool("pdfinfo", &[out.to_str().unwrap()]);
    assert!(
        info.contains("595.276 x 841.89") || info.contains("595.28 x 841.89"),
        "{info}"
    );
    let fonts = tool("pdffonts", &[out.to_str().unwrap()]);
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains(" yes yes yes") || line.contains("yes yes yes"),
            "{line}"
        );
    }
    // Margins, page numbers from page 2, justified body lines end at the right margin.
    let (words, lines) = bbox(&out);
    let (left, right, top) = (30.0 * MM, (210.0 - 15.0) * MM, 20.0 * MM);
    for w in &words {
        assert!(w.x0 >= left - 0.5 && w.x1 <= right + 0.5, "outside: {w:?}");
    }
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages >= 2, "a report of this length runs to a second page");
    let in_top: Vec<_> = words.iter().filter(|w| w.y1 < top).collect();
    assert!(in_top.iter().all(|w| w.page > 1), "no number on page 1");
    assert!(in_top.iter().any(|w| w.page == 2 && w.text == "2"));
    let mut justified = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some(next) = lines.get(i + 1) else { break };
        let (first, last) = (&words[l[0]], &words[*l.last().unwrap()]);
        let n0 = &words[next[0]];
        let body = (last.y1 - last.y0) > 13.0;
        if body
            && n0.page == first.page
            && (n0.x0 - left).abs() < 1.0
            && l.len() > 6
            && last.x1 > right - 40.0
        {
            assert!(
                (last.x1 - right).abs() < 1.0,
                "line ends at {} not {right}",
                last.x1
            );
            justified += 1;
        }
    }
    assert!(justified >= 2, "{justified} justified lines");
}

#[test]
fn a_long_team_table_splits_with_its_header_repeated_and_the_chart_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    ok(&cnscd(
        &db,
        &[
            "demo",
            "--communes",
            "1",
            "--villages",
            "70",
            "--members",
            "2",
        ],
    ));
    ok(&cnscd(&db, &["demo", "--activities", "3000"]));
    let out = dir.path().join("nam.pdf");
    ok(&cnscd(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026",
            "--created",
            "2026-11-16T08:00:00",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let (words, lines) = bbox(&out);
    // The header row of the teams' table starts with "STT Tổ Số hoạt động" on each page
    // the table runs over.
    let header_pages: std::collections::BTreeSet<usize> = lines
        .iter()
        .filter(|l| {
            let t: Vec<&str> = l.iter().map(|i| words[*i].text.as_str()).collect();
            t.windows(2).any(|w| w == ["Số", "hoạt"]) || t.contains(&"Lượt")
        })
        .map(|l| words[l[0]].page)
        .collect();
    assert!(header_pages.len() >= 2, "header on pages {header_pages:?}");
    // The chart: its title, and filled bars in the page's drawing.
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(text.contains("Tỷ lệ đạt được so với mẫu số, lũy kế đến hết năm 2026"));
    // The bars on the laid-out page the PDF is written from: a grey track and a dark
    // bar per indicator with a share, and a target mark.
    let store = cnscd::store::Store::open(&db).unwrap();
    let req =
        cnscd::office::reports::ReportRequest::new(cnscd::domain::period::Period::Year(2026), None);
    let doc = cnscd::office::reports::build(&store, &req).unwrap().doc;
    let laid = cnscd::render::compose(
        &doc,
        &cnscd::render::Fonts::bundled(),
        cnscd::render::PageSetup::DECREE_30,
    );
    let page = laid
        .pages
        .iter()
        .find(|p| p.text().contains("Tỷ lệ đạt được so với mẫu số"))
        .expect("the chart's page");
    let rects = page
        .items
        .iter()
        .filter(|i| matches!(i, cnscd::render::layout::Item::Rect { .. }))
        .count();
    assert!(rects >= 4, "{rects} bars");
}

#[test]
fn issuing_numbers_reports_per_body_and_a_bad_period_is_refused() {
    let (dir, db) = demo();
    let out = dir.path().join("x.pdf");
    let p = out.to_str().unwrap();
    let o = ok(&cnscd(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026-10",
            "--team",
            "2",
            "--issue",
            "--date",
            "15/11/2026",
            "--out",
            p,
        ],
    ));
    assert!(o.contains("Số: 01/BC-TCNSCĐ"), "{o}");
    let o = ok(&cnscd(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026-10",
            "--issue",
            "--date",
            "19/11/2026",
            "--out",
            p,
        ],
    ));
    assert!(
        o.contains("Số: 01/BC-UBND"),
        "each body numbers its own: {o}"
    );
    let list = ok(&cnscd(&db, &["reports"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    // An issued report prints again from its frozen model, the same bytes, even after
    // the activities behind it change.
    let first = std::fs::read(&out).unwrap();
    let commune_id = list
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    ok(&cnscd(&db, &["demo", "--activities", "50"]));
    let again = dir.path().join("again.pdf");
    let o = ok(&cnscd(
        &db,
        &[
            "print",
            "report",
            "--issued",
            &commune_id,
            "--out",
            again.to_str().unwrap(),
        ],
    ));
    assert!(o.contains("trùng khớp bản đã ban hành"), "{o}");
    assert_eq!(std::fs::read(&again).unwrap(), first);
    // The commune's next report names who has not reported October.
    let o = ok(&cnscd(
        &db,
        &["print", "report", "--period", "2026-10", "--out", p],
    ));
    assert!(o.contains("BC-UBND"));
    let text = tool("pdftotext", &[p, "-"]);
    assert!(text.contains("Đã báo cáo"), "{text}");
    let bad = cnscd(&db, &["print", "report", "--period", "2026-13", "--out", p]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.starts_with("Kỳ báo cáo:"), "{err}");
}

#[test]
fn activities_list_and_generated_activities() {
    let (_dir, db) = demo();
    let all = ok(&cnscd(&db, &["activities"]));
    assert!(all.lines().count() > 100, "a year of demo activities");
    let oct = ok(&cnscd(
        &db,
        &["activities", "--from", "2026-10-01", "--to", "31/10/2026"],
    ));
    assert!(!oct.is_empty());
    assert!(
        oct.lines()
            .all(|l| l.split('\t').nth(1).unwrap().starts_with("2026-10")),
        "{oct}"
    );
    let limited = ok(&cnscd(&db, &["activities", "--team", "2", "--limit", "3"]));
    assert_eq!(limited.lines().count(), 3);
    let o = ok(&cnscd(&db, &["demo", "--activities", "500"]));
    assert!(o.contains("500"), "{o}");
    let after = ok(&cnscd(&db, &["activities"]));
    assert_eq!(after.lines().count(), all.lines().count() + 500);
}
