//! Issued the way offices issue today: a decision and a report drafted for the văn thư
//! to number (the number and date left as room, the signing block's room kept), the
//! number and date the e-office gave recorded, the signed PDF kept byte for byte (the
//! tests make one: the numbered draft saved again by a PDF tool, as a signing tool
//! rewrites it), its number and date read from it, a mismatching one flagged, the
//! refusals named, and the signed copy carried by a bundle and a backup.

use crate::common::{self, cnscd, ok, pdf};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cnscd::document::numbering;
use cnscd::office::decisions;
use cnscd::render::Fonts;
use cnscd::store::Store;

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("xa.db");
    ok(&cnscd(&db, &["demo"]));
    db
}

/// `print … --for-numbering`: the waiting entry's id (the first line's first column).
fn draft(db: &Path, args: &[&str]) -> (i64, String) {
    let out = ok(&cnscd(db, args));
    let id = out.split('\t').next().unwrap().trim().parse().unwrap();
    (id, out)
}

/// The signed PDF the e-office would give: the draft with the number and date stamped
/// on, saved again by a PDF tool (poppler's pdftocairo rewrites every byte).
pub(crate) fn signed(db: &Path, draft: i64, number: u32, date: NaiveDate, out: &Path) -> PathBuf {
    let store = Store::open(db).unwrap();
    let d = store.numbering_draft(draft).unwrap();
    let model = numbering::numbered(&d.model, number, date).unwrap();
    let (_, bytes) = decisions::pdf(&model, &Fonts::bundled()).unwrap();
    let stamped = out.with_extension("stamped.pdf");
    std::fs::write(&stamped, bytes).unwrap();
    pdf::tool(
        "pdftocairo",
        &["-pdf", stamped.to_str().unwrap(), out.to_str().unwrap()],
    );
    assert!(out.is_file());
    out.to_path_buf()
}

/// The spaces between `a` and `b` on a line of `pdftotext -layout`.
fn room(line: &str, a: &str, b: &str) -> usize {
    let i = line.find(a).unwrap() + a.len();
    let j = i + line[i..].find(b).unwrap();
    let between = &line[i..j];
    assert!(
        between.trim().is_empty(),
        "only room between {a} and {b}: {line}"
    );
    between.chars().count()
}

fn sha(p: &Path) -> String {
    cnscd::office::decisions::sha256(&std::fs::read(p).unwrap())
}

fn refusal(o: &std::process::Output) -> String {
    assert!(
        !o.status.success(),
        "refused: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_decision_drafted_for_numbering_leaves_room_for_the_number_date_signature_and_seal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf_path = dir.path().join("qd-cho-so.pdf");
    let meta = dir.path().join("qd.json");
    let (id, out) = draft(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "2",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            pdf_path.to_str().unwrap(),
            "--meta",
            meta.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("Trích yếu:\tVề việc thành lập Tổ công nghệ số cộng đồng thôn 1"),
        "{out}"
    );
    // The page is Decree 30's; the number and the day and month are room, the year kept.
    let format = pdf::decree_30_format(&pdf_path, 1.0);
    let all = &format.all;
    assert!(all.contains("Số: /QĐ-UBND"), "{all}");
    assert!(all.contains("Đắk Nia, ngày tháng năm 2026"), "{all}");
    let layout = pdf::tool("pdftotext", &["-layout", pdf_path.to_str().unwrap(), "-"]);
    let number_line = layout.lines().find(|l| l.contains("/QĐ-UBND")).unwrap();
    assert!(
        number_line.contains("Số:      /QĐ-UBND"),
        "room for the number: {number_line}"
    );
    // Between the signer's position and name, the room for the signature's image (and
    // the seal over its left third): at least 20 mm.
    let (words, _) = pdf::bbox(&pdf_path);
    let last = words.iter().map(|w| w.page).max().unwrap();
    let on_last: Vec<_> = words.iter().filter(|w| w.page == last).collect();
    let title = on_last.iter().rev().find(|w| w.text == "TỊCH").unwrap();
    let name = on_last
        .iter()
        .find(|w| w.text == "Tuấn" && w.y0 > title.y1)
        .unwrap();
    assert!(
        name.y0 - title.y1 >= 20.0 * 72.0 / 25.4,
        "room: {} pt",
        name.y0 - title.y1
    );
    // Kept in the register as waiting, its metadata beside it.
    let waiting = ok(&cnscd(&db, &["drafts"]));
    assert!(
        waiting.starts_with(&format!("{id}\tdecision\t2026-11-01\t")),
        "{waiting}"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&meta).unwrap()).unwrap();
    assert_eq!(json["format"], "cnscd-eoffice-meta");
    assert_eq!(json["so_ky_hieu"], "…/QĐ-UBND");
    assert_eq!(json["loai_van_ban"], "Quyết định");
    assert_eq!(json["nguoi_ky"], "Trần Đình Tuấn");
    assert!(json["so_trang"].as_u64().unwrap() >= 1);
    // A number typed with --for-numbering is refused (clap: the flags conflict).
    let o = cnscd(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "2",
            "--number",
            "3",
            "--for-numbering",
            "--out",
            "x.pdf",
        ],
    );
    assert!(!o.status.success());
}

#[test]
fn a_number_is_registered_and_the_signed_copy_kept_read_and_given_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (id, _) = draft(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "2",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            dir.path().join("nhap.pdf").to_str().unwrap(),
        ],
    );
    let date = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let file = signed(&db, id, 15, date, &dir.path().join("da-ky.pdf"));
    // Refusals first, each named: a date before the draft's, a file that is not a PDF,
    // one of 200 MB.
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--number",
            "15",
            "--date",
            "31/10/2026",
        ],
    ));
    assert!(e.contains("trước ngày soạn bản nháp 01/11/2026"), "{e}");
    let word = dir.path().join("khong-phai.pdf");
    std::fs::write(&word, b"PK\x03\x04 a Word file renamed").unwrap();
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--signed",
            word.to_str().unwrap(),
        ],
    ));
    assert!(e.contains("khong-phai.pdf: không phải tệp PDF"), "{e}");
    let huge = dir.path().join("qua-lon.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--signed",
            huge.to_str().unwrap(),
        ],
    ));
    assert!(
        e.contains("qua-lon.pdf: tệp 200,0 MB, quá giới hạn 50 MB"),
        "{e}"
    );
    let tomorrow =
        cnscd::domain::vndate::short(chrono::Local::now().date_naive() + chrono::Duration::days(1));
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--number",
            "15",
            "--date",
            &tomorrow,
        ],
    ));
    assert!(e.contains("sau hôm nay"), "{e}");
    assert_eq!(ok(&cnscd(&db, &["decisions"])), "", "nothing registered");
    // The number and date read from the signed copy (none typed).
    let out = ok(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--signed",
            file.to_str().unwrap(),
        ],
    ));
    assert!(out.starts_with("1\t15/QĐ-UBND ngày 02/11/2026"), "{out}");
    assert!(out.contains("đọc từ bản đã ký"), "{out}");
    let line = ok(&cnscd(&db, &["decisions"]));
    assert!(
        line.trim_end()
            .ends_with(&format!("eoffice signed {}", sha(&file))),
        "{line}"
    );
    assert_eq!(ok(&cnscd(&db, &["drafts"])), "", "no longer waiting");
    // Printing it again gives the signed copy, not a fresh print.
    let again = dir.path().join("in-lai.pdf");
    ok(&cnscd(
        &db,
        &[
            "print",
            "decision",
            "--issued",
            "1",
            "--out",
            again.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&file).unwrap()
    );
    // Registered twice: refused.
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id.to_string(),
            "--number",
            "16",
            "--date",
            "02/11/2026",
        ],
    ));
    assert!(e.contains("không còn chờ cấp số"), "{e}");
    // A second draft given a number already issued: refused, naming the next free one.
    let (id2, _) = draft(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "3",
            "--date",
            "02/11/2026",
            "--for-numbering",
            "--out",
            dir.path().join("nhap2.pdf").to_str().unwrap(),
        ],
    );
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id2.to_string(),
            "--number",
            "15",
            "--date",
            "03/11/2026",
        ],
    ));
    assert!(
        e.contains("số 15/QĐ-UBND năm 2026 đã được ban hành; số trống tiếp theo là 16"),
        "{e}"
    );
    // The first decision's signed copy is not the second's: another subject, flagged.
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id2.to_string(),
            "--number",
            "16",
            "--date",
            "03/11/2026",
            "--signed",
            file.to_str().unwrap(),
        ],
    ));
    assert!(
        e.contains("trích yếu “Về việc thành lập Tổ công nghệ số cộng đồng thôn 2”"),
        "{e}"
    );
    assert!(e.contains("bản đã ký mang số 15, không phải 16"), "{e}");
    assert!(
        e.contains("Số và ngày vào sổ phải đúng như trên bản đã ký"),
        "never kept with another number: {e}"
    );
    // Registered without a signed copy; attached later, the right one.
    ok(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id2.to_string(),
            "--number",
            "16",
            "--date",
            "03/11/2026",
        ],
    ));
    let second = signed(
        &db,
        id2,
        16,
        NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
        &dir.path().join("da-ky-2.pdf"),
    );
    let e = refusal(&cnscd(
        &db,
        &["attach", "decision", "2", file.to_str().unwrap()],
    ));
    assert!(e.contains("không khớp"), "{e}");
    let said = ok(&cnscd(
        &db,
        &["attach", "decision", "2", second.to_str().unwrap()],
    ));
    assert!(said.contains("Đã giữ bản đã ký da-ky-2.pdf"), "{said}");
    let e = refusal(&cnscd(
        &db,
        &["attach", "decision", "2", second.to_str().unwrap()],
    ));
    assert!(e.contains("đã có bản đã ký"), "{e}");
    // A voided entry takes no signed copy.
    let (id3, _) = draft(
        &db,
        &[
            "print",
            "decision",
            "--all-villages",
            "--date",
            "03/11/2026",
            "--for-numbering",
            "--out",
            dir.path().join("nhap3.pdf").to_str().unwrap(),
        ],
    );
    ok(&cnscd(
        &db,
        &[
            "register",
            "decision",
            &id3.to_string(),
            "--number",
            "17",
            "--date",
            "03/11/2026",
        ],
    ));
    ok(&cnscd(
        &db,
        &["void", "decision", "3", "--reason", "Soạn nhầm"],
    ));
    let e = refusal(&cnscd(
        &db,
        &["attach", "decision", "3", second.to_str().unwrap()],
    ));
    assert!(e.contains("đã bị hủy trong sổ"), "{e}");

    // A bundle carries the signed copies; so does a backup.
    let bundle = dir.path().join("xa.cnscd");
    ok(&cnscd(
        &db,
        &["export", "bundle", "--out", bundle.to_str().unwrap()],
    ));
    let other = dir.path().join("khac.db");
    ok(&cnscd(
        &other,
        &["import", "bundle", bundle.to_str().unwrap()],
    ));
    let there = dir.path().join("ben-kia.pdf");
    ok(&cnscd(
        &other,
        &[
            "print",
            "decision",
            "--issued",
            "2",
            "--out",
            there.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        sha(&there),
        sha(&second),
        "the bundle's round trip keeps the bytes"
    );
    let backup_dir = dir.path().join("sao-luu");
    std::fs::create_dir_all(&backup_dir).unwrap();
    ok(&cnscd(
        &db,
        &["backup", "--to", backup_dir.to_str().unwrap()],
    ));
    let copy = std::fs::read_dir(&backup_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let restored = dir.path().join("khoi-phuc.db");
    std::fs::copy(&copy, &restored).unwrap();
    let back = dir.path().join("tu-sao-luu.pdf");
    ok(&cnscd(
        &restored,
        &[
            "print",
            "decision",
            "--issued",
            "1",
            "--out",
            back.to_str().unwrap(),
        ],
    ));
    assert_eq!(sha(&back), sha(&file), "the backup keeps the bytes");
}

#[test]
fn a_report_drafted_for_numbering_in_word_prints_with_room_through_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let docx = dir.path().join("bc-cho-so.docx");
    let (id, _) = draft(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026-11",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            docx.to_str().unwrap(),
        ],
    );
    let printed = common::libre_office(&[&docx]).remove(0);
    // As LibreOffice prints it: the number's room and the day's and month's, the
    // year kept (the header's two columns side by side on their lines).
    let text = pdf::tool("pdftotext", &["-layout", printed.to_str().unwrap(), "-"]);
    let number = text.lines().find(|l| l.contains("/BC-UBND")).unwrap();
    assert!(
        room(number, "Số:", "/BC-UBND") >= 4,
        "room for the number: {number}"
    );
    let date = text
        .lines()
        .find(|l| l.contains("năm 2026") && l.contains("Đắk Nia, ngày"))
        .unwrap();
    let words: Vec<&str> = date.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "ngày").unwrap();
    assert_eq!(
        &words[at..at + 4],
        ["ngày", "tháng", "năm", "2026"],
        "{date}"
    );
    assert!(room(date, "ngày", "tháng") >= 4, "room for the day: {date}");
    assert!(text.contains("BÁO CÁO"), "{text}");
    // The PDF draft of the same report; its number and date recorded.
    let pdf_path = dir.path().join("bc-cho-so.pdf");
    let (id2, _) = draft(
        &db,
        &[
            "print",
            "report",
            "--period",
            "2026-10",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            pdf_path.to_str().unwrap(),
        ],
    );
    pdf::decree_30_format(&pdf_path, 1.0);
    let text = pdf::tool("pdftotext", &["-layout", pdf_path.to_str().unwrap(), "-"]);
    let header = text.lines().find(|l| l.contains("/BC-UBND")).unwrap();
    assert!(room(header, "Số:", "/BC-UBND") >= 4, "{header}");
    assert!(room(header, "ngày", "tháng") >= 4, "{header}");
    assert!(header.contains("năm 2026"), "{header}");
    let file = signed(
        &db,
        id2,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 4).unwrap(),
        &dir.path().join("bc-da-ky.pdf"),
    );
    let out = ok(&cnscd(
        &db,
        &[
            "register",
            "report",
            &id2.to_string(),
            "--number",
            "7",
            "--date",
            "04/11/2026",
            "--signed",
            file.to_str().unwrap(),
        ],
    ));
    assert!(out.contains("07/BC-UBND ngày 04/11/2026"), "{out}");
    let reports = ok(&cnscd(&db, &["reports"]));
    assert!(
        reports.contains(&format!("eoffice signed {}", sha(&file))),
        "{reports}"
    );
    // The Word draft still waits; set aside, it no longer does.
    assert!(ok(&cnscd(&db, &["drafts"])).starts_with(&format!("{id}\treport")));
    let said = ok(&cnscd(
        &db,
        &[
            "void",
            "draft",
            &id.to_string(),
            "--reason",
            "Không ban hành",
        ],
    ));
    assert!(said.contains("Đã bỏ bản chờ cấp số"), "{said}");
    assert_eq!(ok(&cnscd(&db, &["drafts"])), "");
    let e = refusal(&cnscd(
        &db,
        &[
            "register",
            "report",
            &id.to_string(),
            "--number",
            "8",
            "--date",
            "04/11/2026",
        ],
    ));
    assert!(e.contains("không còn chờ cấp số"), "{e}");
}

#[test]
fn the_signed_pdf_reader_never_panics_on_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (id, _) = draft(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "2",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            dir.path().join("nhap.pdf").to_str().unwrap(),
        ],
    );
    let good = signed(
        &db,
        id,
        3,
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        &dir.path().join("tot.pdf"),
    );
    let bytes = std::fs::read(&good).unwrap();
    for (i, bad) in common::damaged_copies(&bytes, 60, 0xE0FF_1CE0)
        .into_iter()
        .enumerate()
    {
        let f = dir.path().join(format!("hong-{i}.pdf"));
        std::fs::write(&f, &bad).unwrap();
        // Read or refused, never a panic; what it reads is only ever a number and a day.
        if let Ok(s) = cnscd::office::eoffice::read_signed(&f) {
            let _ = cnscd::office::eoffice::number_and_date(s.text.as_deref().unwrap_or(""));
        }
    }
}
