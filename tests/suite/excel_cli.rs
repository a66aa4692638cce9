//! `cnscd import members`, `cnscd export …` and `print … --out FILE.docx`, as a script
//! would use them.

use crate::common;
use common::{cnscd, ok, seed_004_decision};

#[test]
fn import_export_and_word_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&cnscd(&db, &["demo"]));
    let csv = dir.path().join("ds.csv");
    std::fs::write(
        &csv,
        "DANH SÁCH\nSTT;Họ và tên;Nhiệm vụ trong Tổ;Số điện thoại\n\
         1;Đinh Văn Mới;TV;0912 000 111\n2;Lò Thị Hai;;09.1200.0222\n3;Sai Số;TV;12\n",
    )
    .unwrap();
    let csv_s = csv.to_str().unwrap();

    // Refused as a whole: the line and the field are named, nothing is written.
    let o = cnscd(&db, &["import", "members", csv_s, "--team", "2"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Dòng 5") && err.contains("Số điện thoại"),
        "{err}"
    );
    let before = ok(&cnscd(&db, &["members", "--team", "2"]));

    let dry = ok(&cnscd(
        &db,
        &["import", "members", csv_s, "--team", "2", "--dry-run"],
    ));
    assert!(dry.contains("3\tthêm\tĐinh Văn Mới\tTổ viên"), "{dry}");
    assert!(dry.contains("map\tHọ và tên\tB\tHọ và tên"), "{dry}");
    assert_eq!(ok(&cnscd(&db, &["members", "--team", "2"])), before);

    let done = ok(&cnscd(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "members",
            csv_s,
            "--team",
            "2",
            "--skip-bad",
        ],
    ));
    assert!(done.contains("Added 2 people"), "{done}");
    assert!(dir.path().join("ds-bo-qua.xlsx").exists());
    let after = ok(&cnscd(&db, &["members", "--team", "2"]));
    assert!(after.contains("Lò Thị Hai") && after.contains("0912000222"));

    let xlsx = dir.path().join("ds.xlsx");
    let out = ok(&cnscd(
        &db,
        &["export", "roster", "--out", xlsx.to_str().unwrap()],
    ));
    assert!(out.contains("Toàn xã\t"), "{out}");
    let hd = dir.path().join("hd.xlsx");
    ok(&cnscd(
        &db,
        &[
            "export",
            "activities",
            "--team",
            "2",
            "--out",
            hd.to_str().unwrap(),
        ],
    ));
    let td = dir.path().join("td.xlsx");
    ok(&cnscd(
        &db,
        &[
            "export",
            "progress",
            "--period",
            "2025",
            "--out",
            td.to_str().unwrap(),
        ],
    ));
    let bad = cnscd(
        &db,
        &["export", "progress", "--period", "2025", "--out", "td.pdf"],
    );
    assert!(!bad.status.success());
    // A report to Word and Excel: a wrong Excel name refuses both, writing neither.
    let bc = dir.path().join("bc.docx");
    let bad = cnscd(
        &db,
        &[
            "export",
            "report",
            "--period",
            "2025",
            "--docx",
            bc.to_str().unwrap(),
            "--out",
            "bc.pdf",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains(".xlsx"));
    assert!(!bc.exists(), "no Word copy left behind");
    let xl = dir.path().join("bc.xlsx");
    ok(&cnscd(
        &db,
        &[
            "export",
            "report",
            "--period",
            "2025",
            "--docx",
            bc.to_str().unwrap(),
            "--out",
            xl.to_str().unwrap(),
        ],
    ));
    assert!(bc.is_file() && xl.is_file());

    let docx = dir.path().join("qd.docx");
    let out = ok(&cnscd(
        &db,
        &seed_004_decision(&["--out", docx.to_str().unwrap()]),
    ));
    assert!(out.contains("Số: 23/QĐ-UBND"), "{out}");
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let refused = cnscd(
        &db,
        &[
            "print",
            "decision",
            "--team",
            "1",
            "--issue",
            "--out",
            docx.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success(), "issued only as PDF");
    let members_docx = dir.path().join("ds.docx");
    ok(&cnscd(
        &db,
        &[
            "print",
            "members",
            "--team",
            "2",
            "--out",
            members_docx.to_str().unwrap(),
        ],
    ));
    assert!(members_docx.exists());
}
