//! Files from many hands (issue 19): workbooks made to hurt — a cell at XFD1048576, a
//! shared string of hundreds of megabytes, parts that inflate past any size — are
//! refused before anything is allocated for them, naming the file, the sheet, the cell
//! and the limit, and quoting a few dozen characters at most; sheets past the rows
//! read are refused, never cut; invisible marks never join two words; a formula saved
//! without its value is named; a line without a name is refused, never filed under
//! another column's words.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cnscd::office::member_import::{self, ImportRequest, Outcome};
use cnscd::office::{Error, limits, spreadsheet};
use cnscd::store::Store;
use rust_xlsxwriter::Workbook;

/// A workbook of one sheet `DS` from its parts' XML, zipped as Excel does.
fn xlsx(path: &Path, sheet_xml: &str, shared: Option<&str>) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, opt).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    part(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>"#
        ),
    );
    if let Some(sst) = shared {
        part(
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>"#
            ),
        );
    }
    zip.finish().unwrap();
}

fn refusal(e: Error) -> String {
    let Error::Refused(m) = e else {
        panic!("a refusal, got {e:?}")
    };
    m.vi
}

/// Reads and must refuse; the message is short and names `names`.
fn refused_naming(path: &Path, names: &[&str]) -> String {
    let t = Instant::now();
    let e = spreadsheet::read(path).expect_err("refused");
    let vi = refusal(e);
    assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
    assert!(
        vi.chars().count() < 400,
        "a long message: {} chars",
        vi.chars().count()
    );
    for n in names {
        assert!(vi.contains(n), "{n} not named in: {vi}");
    }
    vi
}

#[test]
fn a_cell_at_the_sheet_s_last_corner_is_refused_before_any_table_is_made() {
    let dir = tempfile::tempdir().unwrap();
    // As a generator writes it: rust_xlsxwriter, a name and one value far out.
    let path = dir.path().join("xa-nhat.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Họ và tên").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    refused_naming(&path, &["xa-nhat.xlsx", "XFD1048576", "200.000 hàng"]);
    // And a dimension that claims the whole sheet, over two real cells: read.
    let claimed = dir.path().join("dimension.xlsx");
    xlsx(
        &claimed,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>"#,
        None,
    );
    let sheets = spreadsheet::read(&claimed).unwrap();
    assert_eq!(sheets[0].rows, [["Họ và tên"]]);
}

#[test]
fn a_huge_shared_string_is_refused_quoting_a_few_dozen_characters() {
    let dir = tempfile::tempdir().unwrap();
    // Past the part's inflated limit: refused before the strings are loaded.
    let bomb = dir.path().join("bom.xlsx");
    let huge = "A".repeat(limits::MAX_PART_BYTES as usize + 1024);
    xlsx(
        &bomb,
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        Some(&format!("<si><t>{huge}</t></si>")),
    );
    drop(huge);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1_000_000);
    refused_naming(&bomb, &["bom.xlsx", "xl/sharedStrings.xml", "MB"]);
    // Within the part's limit but longer than a cell may be: the cell is named.
    let long = dir.path().join("dai.xlsx");
    let text = "Nguyễn ".repeat(6_000);
    xlsx(
        &long,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>"#,
        Some(&format!("<si><t>{text}</t></si>")),
    );
    let vi = refused_naming(&long, &["ô A2", "trang DS", "32.767"]);
    assert!(
        !vi.contains(&"Nguyễn ".repeat(10)),
        "the value is not quoted whole"
    );
}

#[test]
fn parts_that_inflate_past_the_limit_are_refused_whatever_the_zip_declares() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xml-lon.xlsx");
    // 130 MB of padding inside the sheet's XML: a few hundred kilobytes zipped.
    let padding = " ".repeat(130 * 1024 * 1024);
    xlsx(
        &path,
        &format!(r#"<row r="1"><c r="A1"><v>1</v></c></row>{padding}"#),
        None,
    );
    drop(padding);
    refused_naming(&path, &["xml-lon.xlsx", "xl/worksheets/sheet1.xml"]);
}

#[test]
fn a_sheet_past_the_rows_read_is_refused_never_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dai.csv");
    let mut csv = String::from("Họ và tên;Số điện thoại\n");
    for i in 0..limits::MAX_ROWS {
        csv.push_str(&format!("Người {i};\n"));
    }
    std::fs::write(&path, &csv).unwrap();
    refused_naming(&path, &["dai.csv", "A200001", "200.000 hàng"]);
    // Columns past the limit too.
    let wide = dir.path().join("rong.csv");
    let line: Vec<String> = (0..=limits::MAX_COLUMNS).map(|c| format!("c{c}")).collect();
    std::fs::write(&wide, line.join(";")).unwrap();
    refused_naming(&wide, &["rong.csv", "GS1"]);
}

#[test]
fn invisible_marks_never_join_two_words_and_a_bare_return_splits_no_line() {
    let dir = tempfile::tempdir().unwrap();
    // Two files glued in the old Windows code page: the second's UTF-8 mark begins a
    // line; a NUL, a zero-width space and a byte-order mark inside names; a bare CR
    // inside a line of a file whose lines end in CR LF.
    // (Letters the code page holds whole: its encoder writes the others as `&#…;`.)
    let (bytes, _, unmapped) =
        encoding_rs::WINDOWS_1258.encode("Ho va ten;Chuc vu\r\nLê Văn An;Truong thon\r\n");
    assert!(!unmapped);
    let mut file = bytes.into_owned();
    file.extend([0xEF, 0xBB, 0xBF]);
    let (more, _, unmapped) = encoding_rs::WINDOWS_1258.encode("Đào Văn Tâm;To vien\r\n");
    assert!(!unmapped);
    file.extend(more.iter());
    std::fs::write(dir.path().join("ghep.csv"), &file).unwrap();
    let rows = &spreadsheet::read(&dir.path().join("ghep.csv")).unwrap()[0].rows;
    assert_eq!(rows[1], ["Lê Văn An", "Truong thon"]);
    assert_eq!(rows[2], ["Đào Văn Tâm", "To vien"]);

    let text = "Họ và tên,Chức vụ\r\nLê\u{200B}Văn\u{0}Cường,Công an\rviên\r\n\u{FEFF}H'Hen Niê,Tổ\u{200B}viên\r\n";
    std::fs::write(dir.path().join("an.csv"), text).unwrap();
    let rows = &spreadsheet::read(&dir.path().join("an.csv")).unwrap()[0].rows;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1], ["Lê Văn Cường", "Công an viên"]);
    assert_eq!(rows[2], ["H'Hen Niê", "Tổ viên"]);
}

fn commune(dir: &Path) -> (Store, i64) {
    crate::common::one_village_commune(
        dir,
        ("Đắk Lắk", "Cư M'gar", "Y Thông Byă"),
        ("buon", "Sút M'đưr"),
    )
}

fn request(file: PathBuf, team: i64) -> ImportRequest {
    ImportRequest {
        file,
        team,
        this_year: Some(2026),
        ..Default::default()
    }
}

#[test]
fn a_formula_saved_without_its_value_is_named_not_read_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (store, team) = commune(dir.path());
    let path = dir.path().join("cong-thuc.xlsx");
    xlsx(
        &path,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Chức vụ</t></is></c></row>
           <row r="2"><c r="A2" t="inlineStr"><is><t>H'Hen Niê</t></is></c><c r="B2" t="inlineStr"><is><t>Tổ viên</t></is></c></row>
           <row r="3"><c r="A3" t="str"><f>CONCATENATE("Y ","Thông")</f></c><c r="B3" t="inlineStr"><is><t>Công an viên</t></is></c></row>"#,
        None,
    );
    let sheets = spreadsheet::read(&path).unwrap();
    assert_eq!(sheets[0].formulas_without_value, [(2, 0)]);
    let p = member_import::preview(&store, &request(path, team)).unwrap();
    let line = p
        .lines
        .iter()
        .find(|l| l.row == 3)
        .expect("row 3 is listed");
    let Outcome::Bad(errors) = &line.outcome else {
        panic!("row 3 must be refused: {:?}", line.outcome)
    };
    assert!(
        errors
            .iter()
            .any(|e| e.rule.vi.contains("ô A3 là công thức")),
        "{errors:?}"
    );
}

#[test]
fn a_line_without_a_name_is_refused_not_filed_under_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let path = dir.path().join("thieu-ten.csv");
    std::fs::write(
        &path,
        "STT;Họ và tên;Chức vụ;Vai trò\n1;H'Hen Niê;Trưởng buôn;Tổ trưởng\n2;;Công an viên;Tổ viên\n",
    )
    .unwrap();
    let req = request(path, team);
    let p = member_import::preview(&store, &req).unwrap();
    let line = p
        .lines
        .iter()
        .find(|l| l.row == 3)
        .expect("row 3 is listed");
    let Outcome::Bad(errors) = &line.outcome else {
        panic!("row 3 must be refused: {:?}", line.outcome)
    };
    assert!(
        errors.iter().any(|e| e.rule.vi == "thiếu Họ và tên"),
        "{errors:?}"
    );
    // Imported with the bad lines left out: only H'Hen Niê arrives.
    member_import::run(
        &mut store,
        &ImportRequest {
            skip_bad: true,
            ..req
        },
    )
    .unwrap();
    let names: Vec<String> = store
        .members(&cnscd::store::MemberQuery {
            team_id: Some(team),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.person.full_name.clone())
        .collect();
    assert_eq!(names, ["H'Hen Niê"]);
}

/// A small deterministic generator for the mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Mutated workbooks and CSV files (bytes flipped, cut short, garbage inserted, parts
/// repeated): the members import never panics, answers each within 10 s, and an
/// import that is refused leaves the database exactly as it was.
#[test]
fn mutated_sheets_never_panic_and_a_refused_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let good = dir.path().join("tot.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["STT", "Họ và tên", "Chức vụ", "Số điện thoại", "Năm sinh"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=30u32 {
        ws.write_number(r, 0, r as f64).unwrap();
        ws.write_string(
            r,
            1,
            format!("Nguyễn Văn Thành {r}").replace(char::is_numeric, ""),
        )
        .unwrap();
        ws.write_string(r, 2, "Tổ viên").unwrap();
        ws.write_string(r, 3, format!("09123450{r:02}")).unwrap();
        ws.write_number(r, 4, 1970.0 + r as f64).unwrap();
    }
    book.save(&good).unwrap();
    let xlsx_bytes = std::fs::read(&good).unwrap();
    let csv_bytes = "Họ và tên;Số điện thoại\nH'Hen Niê;0912345678\nY Thông Byă;0987654321\n"
        .as_bytes()
        .to_vec();
    let mut rng = Rng(0x19_5EED_F11E);
    let mut digest = store.digest().unwrap();
    let mut slowest = std::time::Duration::ZERO;
    for round in 0..160 {
        let (mut b, ext) = if round % 5 == 4 {
            (csv_bytes.clone(), "csv")
        } else {
            (xlsx_bytes.clone(), "xlsx")
        };
        match round % 4 {
            0 => {
                for _ in 0..1 + rng.below(20) {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
            1 => b.truncate(rng.below(b.len())),
            2 => {
                let at = rng.below(b.len());
                let junk: Vec<u8> = (0..1 + rng.below(400)).map(|_| rng.next() as u8).collect();
                b.splice(at..at, junk);
            }
            _ => {
                let from = rng.below(b.len());
                let to = (from + rng.below(2_000)).min(b.len());
                let piece = b[from..to].to_vec();
                let at = rng.below(b.len());
                b.splice(at..at, piece);
            }
        }
        let file = dir.path().join(format!("dot-bien-{round}.{ext}"));
        std::fs::write(&file, &b).unwrap();
        let t = Instant::now();
        let req = request(file, team);
        let _ = member_import::preview(&store, &req);
        match member_import::run(&mut store, &req) {
            Ok(_) => digest = store.digest().unwrap(),
            Err(e) => {
                assert!(!e.message(cnscd::domain::Lang::Vi).is_empty());
                assert_eq!(
                    store.digest().unwrap(),
                    digest,
                    "round {round}: a refused import changed the database"
                );
            }
        }
        slowest = slowest.max(t.elapsed());
        assert!(
            t.elapsed().as_secs() < 10,
            "round {round}: {:?}",
            t.elapsed()
        );
    }
    eprintln!("mutated sheets: the slowest took {slowest:?}");
}

/// What holds citizen IDs and phones is the owner's alone on Linux (0600), whatever
/// the umask: a bundle, a roster with full IDs, a decision with its member list, its
/// Word copy.
#[cfg(unix)]
#[test]
fn files_that_hold_personal_data_are_the_owner_s_alone() {
    use crate::common::{cnscd, ok, seed_004_decision};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (bundle, roster, pdf, docx) = (
        out("xa.cnscd"),
        out("ds.xlsx"),
        out("qd.pdf"),
        out("qd.docx"),
    );
    ok(&cnscd(&db, &["export", "bundle", "--out", &bundle]));
    ok(&cnscd(
        &db,
        &["export", "roster", "--full-id", "--out", &roster],
    ));
    ok(&cnscd(&db, &seed_004_decision(&["--out", &pdf])));
    ok(&cnscd(&db, &seed_004_decision(&["--out", &docx])));
    for f in [&bundle, &roster, &pdf, &docx] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}: {mode:o}");
    }
}

/// A temporary file a killed write left beside its target (`.F.PID.part`) goes with
/// the next write of that file; a killed restore's copy beside the database goes
/// with the next start.
#[test]
fn leftovers_of_a_killed_write_are_cleaned_up() {
    use crate::common::{cnscd, ok};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    // A process id no process has (Linux counts to at most 2^22).
    let stale = dir.path().join(".ds.xlsx.4999999.part");
    std::fs::write(&stale, b"half").unwrap();
    let restore_copy = dir.path().join("cnscd.db.khoi-phuc-20261203-101010");
    std::fs::write(&restore_copy, b"half").unwrap();
    let out = dir.path().join("ds.xlsx");
    ok(&cnscd(
        &db,
        &["export", "roster", "--out", out.to_str().unwrap()],
    ));
    assert!(out.exists());
    if cfg!(target_os = "linux") {
        assert!(!stale.exists(), "the killed write's temporary file is left");
    }
    assert!(!restore_copy.exists(), "the killed restore's copy is left");
}
