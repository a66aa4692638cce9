//! Communes that are not the demo, set up from the command line (`commune set`,
//! `village add`, `team add`, `member add`), each printing a village team's decision,
//! the commune team's decision and reports, checked through the PDF's text: the date
//! line with the commune's place, the wording by level and kind, the addressee, and
//! no word of the demo commune anywhere.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{cnscd, ok};

fn fails(o: &std::process::Output) -> String {
    assert!(!o.status.success(), "should have failed");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The PDF's words in reading order, one space apart.
fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nothing of the demo commune (Đắk Nia, Gia Nghĩa, its `bon`s) in a document.
fn no_demo_words(text: &str) {
    for w in ["Đắk Nia", "ĐẮK NIA", "Gia Nghĩa", "GIA NGHĨA", "Đắk Nông"] {
        assert!(!text.contains(w), "demo word “{w}” in:\n{text}");
    }
    let bon = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.to_lowercase() == "bon");
    assert!(!bon, "demo word “bon” in:\n{text}");
}

fn has(text: &str, want: &str) {
    assert!(text.contains(want), "missing “{want}” in:\n{text}");
}

fn has_not(text: &str, bad: &str) {
    assert!(!text.contains(bad), "unexpected “{bad}” in:\n{text}");
}

/// No such word (`thôn`, not the `thôn` inside `Truyền thông`).
fn no_word(text: &str, bad: &str) {
    let found = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.to_lowercase() == bad);
    assert!(!found, "unexpected word “{bad}” in:\n{text}");
}

struct Commune {
    _dir: tempfile::TempDir,
    db: PathBuf,
    out: PathBuf,
}

impl Commune {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cnscd.db");
        let out = dir.path().to_path_buf();
        Self { _dir: dir, db, out }
    }

    fn run(&self, args: &[&str]) -> String {
        ok(&cnscd(&self.db, args))
    }

    /// The first field of the first line: the id a verb printed.
    fn id(&self, args: &[&str]) -> String {
        let o = self.run(args);
        o.split('\t').next().unwrap().trim().to_string()
    }

    fn print(&self, name: &str, args: &[&str]) -> String {
        let pdf = self.out.join(name);
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--created",
            "2026-01-01T08:00:00",
            "--out",
            pdf.to_str().unwrap(),
        ]);
        self.run(&all);
        pdf_text(&pdf)
    }

    /// A team of four: a leader, a deputy and two members.
    fn four(&self, team: &str, people: [(&str, &str, &str, &str); 4]) {
        for (name, role, position, gender) in people {
            let id = self.id(&[
                "member",
                "add",
                "--team",
                team,
                "--name",
                name,
                "--role",
                role,
                "--position",
                position,
                "--gender",
                gender,
                "--joined",
                "2024-10-01",
            ]);
            assert!(id.parse::<i64>().is_ok(), "a membership id: {id}");
        }
    }
}

/// A ward (phường) under a city, with `tổ dân phố`; a decision signed
/// `KT. CHỦ TỊCH / PHÓ CHỦ TỊCH`; reports before the districts were abolished.
#[test]
fn a_ward_of_a_city_with_residential_groups() {
    let c = Commune::new();
    let set = c.run(&[
        "commune",
        "set",
        "--province",
        "Hà Tĩnh",
        "--district-kind",
        "thanh-pho",
        "--district",
        "Hà Tĩnh",
        "--kind",
        "phuong",
        "--name",
        "Thạch Linh",
        "--chairman",
        "Nguyễn Văn An",
        "--vice-chairman",
        "Trần Thị Bình",
        "--vice-chairman",
        "Lê Văn Cường",
    ]);
    assert_eq!(set.trim(), "1\tphường Thạch Linh\tcreated");
    let villages = c.run(&[
        "village",
        "add",
        "--kind",
        "to-dan-pho",
        "Hạ Thanh",
        "Tân Tiến",
        "Thượng Phú",
        "Đông Thắng",
    ]);
    assert_eq!(villages.lines().count(), 4, "{villages}");
    assert!(
        villages.starts_with("1\ttổ dân phố\tHạ Thanh"),
        "{villages}"
    );
    let village = c.id(&["team", "add", "--village", "tổ dân phố Hạ Thanh"]);
    let commune = c.id(&["team", "add", "--commune"]);
    c.four(
        &village,
        [
            (
                "Phạm Văn Dũng",
                "truong",
                "Tổ trưởng tổ dân phố Hạ Thanh",
                "nam",
            ),
            ("Hoàng Thị Lan", "pho", "Bí thư Chi đoàn tổ dân phố", "nu"),
            ("Võ Thị Hoa", "vien", "Công chức Văn phòng - Thống kê", "nu"),
            ("Đặng Văn Tú", "vien", "Nhân viên Bưu điện phường", "nam"),
        ],
    );
    c.four(
        &commune,
        [
            ("Trần Thị Bình", "truong", "Phó Chủ tịch UBND phường", "nu"),
            ("Ngô Văn Hải", "pho", "Bí thư Đoàn phường", "nam"),
            ("Bùi Thị Mai", "vien", "Công chức Văn hóa - Xã hội", "nu"),
            ("Lý Văn Sơn", "vien", "Công an phường", "nam"),
        ],
    );

    let d = c.print(
        "village.pdf",
        &[
            "print",
            "decision",
            "--team",
            &village,
            "--date",
            "2025-02-03",
            "--signing",
            "kt",
        ],
    );
    no_demo_words(&d);
    has(&d, "ỦY BAN NHÂN DÂN PHƯỜNG THẠCH LINH");
    has(&d, "Thạch Linh, ngày 03 tháng 02 năm 2025");
    has(
        &d,
        "Về việc thành lập Tổ công nghệ số cộng đồng tổ dân phố Hạ Thanh",
    );
    has(&d, "Chuyển đổi số trên địa bàn tổ dân phố Hạ Thanh");
    has(
        &d,
        "Tổ công nghệ số cộng đồng tổ dân phố Hạ Thanh làm việc theo chế độ kiêm nhiệm",
    );
    has(&d, "hộ gia đình trong tổ dân phố Hạ Thanh");
    has_not(&d, "Tổ công nghệ số cộng đồng xã");
    has_not(&d, "trên địa bàn xã");
    has_not(&d, "Tổ công nghệ số cộng đồng phường làm việc");
    // A position inside a sentence: the typed capital of a common noun goes, the
    // proper nouns and titles stay.
    has(&d, "Bà Võ Thị Hoa, công chức Văn phòng - Thống kê");
    has(&d, "Bà Hoàng Thị Lan, Bí thư Chi đoàn tổ dân phố");
    has(&d, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH");
    has(&d, "Trần Thị Bình");

    let d = c.print(
        "commune.pdf",
        &[
            "print",
            "decision",
            "--team",
            &commune,
            "--date",
            "2025-02-03",
        ],
    );
    no_demo_words(&d);
    has(
        &d,
        "Về việc thành lập Tổ công nghệ số cộng đồng phường Thạch Linh",
    );
    has(
        &d,
        "Tổ công nghệ số cộng đồng phường làm việc theo chế độ kiêm nhiệm",
    );
    has(&d, "hộ gia đình trong tổ dân phố");
    has(&d, "trên địa bàn phường");
    no_word(&d, "thôn");
    // The usual recipients speak of the ward, and filing is last.
    has(&d, "- TT HĐND phường (b/c);");
    has(&d, "- CT, các PCT UBND phường;");
    has_not(&d, "HĐND xã");
    has(&d, "- Sở Thông tin và Truyền thông (b/c);");

    // The village team reports to the commune's team, which exists.
    let r = c.print(
        "village-report.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-01",
            "--team",
            &village,
            "--date",
            "2025-02-10",
        ],
    );
    no_demo_words(&r);
    has(&r, "UBND PHƯỜNG THẠCH LINH");
    has(&r, "TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG");
    has(&r, "TỔ DÂN PHỐ HẠ THANH");
    has(&r, "Thạch Linh, ngày 10 tháng 02 năm 2025");
    has(&r, "Kính gửi: Tổ công nghệ số cộng đồng phường Thạch Linh.");
    has(&r, "Trong kỳ chưa có hoạt động nào được ghi nhận.");
    has_not(&r, "— hoạt động");
    has(&r, "Phạm Văn Dũng");

    // The ward reports to its city while districts existed.
    let r = c.print(
        "report.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-01",
            "--date",
            "2025-02-12",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Ủy ban nhân dân thành phố Hà Tĩnh.");
    has(
        &r,
        "Kết quả hoạt động của Tổ công nghệ số cộng đồng phường Thạch Linh tháng 1 năm 2025",
    );
    has(&r, "Các Tổ công nghệ số cộng đồng tổ dân phố");
    has(&r, "HĐND phường");
}

/// A commune of `ấp` with no district: the village team reports to the commune's
/// committee while the commune has no team of its own; the commune's report goes to
/// the province's department of the report's day.
#[test]
fn a_commune_of_hamlets_without_a_district() {
    let c = Commune::new();
    c.run(&[
        "commune",
        "set",
        "--province",
        "An Giang",
        "--kind",
        "xa",
        "--name",
        "Tân Phú",
        "--chairman",
        "Huỳnh Văn Tâm",
        "--vice-chairman",
        "Lâm Thị Thu",
    ]);
    c.run(&[
        "village",
        "add",
        "--kind",
        "ap",
        "Tân Thành",
        "Tân Hòa",
        "Phú Lợi",
        "Phú Hưng",
    ]);
    let village = c.id(&["team", "add", "--village", "Tân Hòa"]);
    c.four(
        &village,
        [
            ("Trương Văn Lộc", "truong", "Trưởng ấp Tân Hòa", "nam"),
            ("Đỗ Thị Ngọc", "pho", "Đoàn viên ấp Tân Hòa", "nu"),
            (
                "Châu Văn Phúc",
                "vien",
                "Giáo viên Trường Tiểu học Tân Hòa",
                "nam",
            ),
            ("Thạch Thị Sa", "vien", "Người dân ấp Tân Hòa", "nu"),
        ],
    );
    let r = c.print(
        "village-report.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-01",
            "--team",
            &village,
            "--date",
            "2025-02-10",
        ],
    );
    no_demo_words(&r);
    has(&r, "Tân Phú, ngày 10 tháng 02 năm 2025");
    has(&r, "Kính gửi: Ủy ban nhân dân xã Tân Phú.");
    has_not(&r, "Kính gửi: Tổ công nghệ số cộng đồng xã");

    let commune = c.id(&["team", "add", "--commune"]);
    c.four(
        &commune,
        [
            ("Lâm Thị Thu", "truong", "Phó Chủ tịch UBND xã", "nu"),
            ("Võ Minh Khôi", "pho", "Bí thư Đoàn xã", "nam"),
            (
                "Nguyễn Thị Diễm",
                "vien",
                "Công chức Văn phòng - Thống kê",
                "nu",
            ),
            ("Phan Văn Hậu", "vien", "Nhân viên Viettel An Giang", "nam"),
        ],
    );
    let d = c.print(
        "village.pdf",
        &[
            "print",
            "decision",
            "--team",
            &village,
            "--date",
            "2026-03-02",
        ],
    );
    no_demo_words(&d);
    has(&d, "Tân Phú, ngày 02 tháng 3 năm 2026");
    has(&d, "Thành lập Tổ công nghệ số cộng đồng ấp Tân Hòa");
    has(&d, "trên địa bàn ấp Tân Hòa");
    has(&d, "Tổ công nghệ số cộng đồng ấp Tân Hòa làm việc");
    has(&d, "Ông Châu Văn Phúc, giáo viên Trường Tiểu học Tân Hòa");
    has(&d, "Bà Thạch Thị Sa, người dân ấp Tân Hòa");
    has(&d, "Ông Trương Văn Lộc, Trưởng ấp Tân Hòa");

    let d = c.print(
        "commune.pdf",
        &[
            "print",
            "decision",
            "--team",
            &commune,
            "--date",
            "2026-03-02",
        ],
    );
    no_demo_words(&d);
    has(&d, "Tổ công nghệ số cộng đồng xã làm việc");
    has(&d, "hộ gia đình trong ấp");
    has(&d, "người dân trong các ấp, cụm dân cư");
    no_word(&d, "thôn");

    // Before 1 March 2025 the department was the Sở Thông tin và Truyền thông …
    let r = c.print(
        "report-2025.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-01",
            "--date",
            "2025-02-20",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Sở Thông tin và Truyền thông tỉnh An Giang.");
    // … from then the Sở Khoa học và Công nghệ.
    let r = c.print(
        "report-2026.pdf",
        &[
            "print",
            "report",
            "--period",
            "2026-02",
            "--date",
            "2026-03-16",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Sở Khoa học và Công nghệ tỉnh An Giang.");
    has(&r, "Tân Phú, ngày 16 tháng 3 năm 2026");
    has(&r, "Các Tổ công nghệ số cộng đồng ấp");
}

/// A commune of `thôn` in a district, with its own place name for the date line; a
/// report after the districts were abolished goes to the province's department.
#[test]
fn a_commune_of_villages_in_a_district_with_its_own_place_name() {
    let c = Commune::new();
    c.run(&[
        "commune",
        "set",
        "--province",
        "Quảng Trị",
        "--district-kind",
        "huyen",
        "--district",
        "Hải Lăng",
        "--kind",
        "xa",
        "--name",
        "Hải Phong",
        "--chairman",
        "Lê Quang Vinh",
        "--place",
        "Hải Lăng",
    ]);
    c.run(&[
        "village",
        "add",
        "--kind",
        "thon",
        "Câu Nhi",
        "Mỹ Chánh",
        "Thuận Đức",
        "Văn Quỹ",
    ]);
    let village = c.id(&["team", "add", "--village", "thôn Mỹ Chánh"]);
    let commune = c.id(&["team", "add", "--commune"]);
    c.four(
        &village,
        [
            ("Hồ Văn Minh", "truong", "Trưởng thôn Mỹ Chánh", "nam"),
            ("Lê Thị Hằng", "pho", "Bí thư Chi đoàn thôn", "nu"),
            ("Trần Văn Quý", "vien", "Cán bộ Hội Nông dân thôn", "nam"),
            (
                "Phan Thị Yến",
                "vien",
                "Học sinh Trường THPT Hải Lăng",
                "nu",
            ),
        ],
    );
    c.four(
        &commune,
        [
            ("Lê Quang Vinh", "truong", "Chủ tịch UBND xã", "nam"),
            ("Nguyễn Văn Bảo", "pho", "Bí thư Đoàn xã", "nam"),
            (
                "Đoàn Thị Cúc",
                "vien",
                "Chủ tịch Hội Liên hiệp Phụ nữ xã",
                "nu",
            ),
            (
                "Tôn Văn Dũng",
                "vien",
                "Công chức Văn phòng - Thống kê",
                "nam",
            ),
        ],
    );
    let d = c.print(
        "village.pdf",
        &[
            "print",
            "decision",
            "--team",
            &village,
            "--date",
            "2024-11-05",
        ],
    );
    no_demo_words(&d);
    has(&d, "Hải Lăng, ngày 05 tháng 11 năm 2024");
    has(&d, "trên địa bàn thôn Mỹ Chánh");
    has(&d, "Tổ công nghệ số cộng đồng thôn Mỹ Chánh làm việc");
    has(&d, "Ông Trần Văn Quý, cán bộ Hội Nông dân thôn");
    has_not(&d, "trên địa bàn xã");

    let d = c.print(
        "commune.pdf",
        &[
            "print",
            "decision",
            "--team",
            &commune,
            "--date",
            "2024-11-05",
        ],
    );
    no_demo_words(&d);
    has(&d, "Tổ công nghệ số cộng đồng xã Hải Phong");
    has(&d, "hộ gia đình trong thôn");
    has(&d, "Ông Tôn Văn Dũng, công chức Văn phòng - Thống kê");

    // While there were districts, the commune reported to its district …
    let r = c.print(
        "report-2024.pdf",
        &[
            "print",
            "report",
            "--period",
            "2024-11",
            "--date",
            "2024-12-19",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Ủy ban nhân dân huyện Hải Lăng.");
    // … and after 1 July 2025 to the province's department.
    let r = c.print(
        "report-2025.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-08",
            "--date",
            "2025-09-15",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Sở Khoa học và Công nghệ tỉnh Quảng Trị.");
    has(&r, "Hải Lăng, ngày 15 tháng 9 năm 2025");
    let r = c.print(
        "village-report.pdf",
        &[
            "print",
            "report",
            "--period",
            "2025-08",
            "--team",
            &village,
            "--date",
            "2025-09-12",
        ],
    );
    no_demo_words(&r);
    has(&r, "Kính gửi: Tổ công nghệ số cộng đồng xã Hải Phong.");
    has(&r, "TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG");
    has(&r, "THÔN MỸ CHÁNH");
}

/// The setup verbs refuse what the window refuses, naming the field and the rule.
#[test]
fn setting_up_refuses_bad_input_naming_the_field() {
    let c = Commune::new();
    let e = fails(&cnscd(&c.db, &["village", "add", "--kind", "thon", "1"]));
    assert!(e.contains("commune set"), "{e}");
    let e = fails(&cnscd(
        &c.db,
        &[
            "commune",
            "set",
            "--province",
            " ",
            "--kind",
            "huyen",
            "--name",
            "X",
            "--chairman",
            "",
        ],
    ));
    assert!(e.contains("Tỉnh, thành phố: không được để trống"), "{e}");
    assert!(e.contains("Xã, phường:"), "{e}");
    assert!(e.contains("Chủ tịch UBND:"), "{e}");
    c.run(&[
        "commune",
        "set",
        "--province",
        "Lào Cai",
        "--kind",
        "xa",
        "--name",
        "Bản Lầu",
        "--chairman",
        "Vàng A Dình",
    ]);
    let e = fails(&cnscd(&c.db, &["village", "add", "--kind", "xom", "1"]));
    assert!(e.starts_with("Thôn, ấp, khu phố:"), "{e}");
    c.run(&["village", "add", "--kind", "ban", "Na Lốc"]);
    let e = fails(&cnscd(
        &c.db,
        &["village", "add", "--kind", "ban", "na loc"],
    ));
    assert!(e.contains("đã có bản na loc"), "{e}");
    let e = fails(&cnscd(&c.db, &["team", "add", "--village", "Lũng Pâu"]));
    assert!(e.contains("không có “Lũng Pâu”"), "{e}");
    let team = c.id(&["team", "add", "--village", "Na Lốc"]);
    let e = fails(&cnscd(&c.db, &["team", "add", "--village", "bản Na Lốc"]));
    assert!(e.contains("đã có Tổ"), "{e}");
    let e = fails(&cnscd(
        &c.db,
        &[
            "member",
            "add",
            "--team",
            &team,
            "--name",
            "Giàng Seo Phử",
            "--role",
            "chief",
            "--phone",
            "12345",
        ],
    ));
    assert!(e.contains("Nhiệm vụ trong Tổ:"), "{e}");
    assert!(e.contains("Số điện thoại:"), "{e}");
    // Updating keeps the commune (id 1) and its place follows the new name.
    let o = c.run(&[
        "commune",
        "set",
        "--province",
        "Lào Cai",
        "--kind",
        "xa",
        "--name",
        "Bản Xèo",
        "--chairman",
        "Vàng A Dình",
    ]);
    assert_eq!(o.trim(), "1\txã Bản Xèo\tupdated");
}

#[test]
fn a_commune_is_picked_from_the_official_list_by_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    // The list is searched without accents or apostrophes; no database is made.
    let found = ok(&cnscd(&db, &["units", "cu", "mgar"]));
    let first = found.lines().next().unwrap();
    let cols: Vec<&str> = first.split('\t').collect();
    assert_eq!(cols[1..], ["xã", "Xã Cư M’gar", "Đắk Lắk"], "{found}");
    assert!(!db.exists());
    let e = fails(&cnscd(&db, &["units", "khong co dau ca"]));
    assert!(e.contains("Không có đơn vị nào"), "{e}");
    // Its code gives the province, the kind and the name.
    let code = cols[0];
    let bad = fails(&cnscd(
        &db,
        &[
            "commune",
            "set",
            "--code",
            code,
            "--name",
            "Ea Kar",
            "--chairman",
            "Y Thông Byă",
        ],
    ));
    assert!(
        bad.contains("Xã Cư M’gar") && bad.contains("Ea Kar"),
        "{bad}"
    );
    let set = ok(&cnscd(
        &db,
        &[
            "commune",
            "set",
            "--code",
            code,
            "--chairman",
            "Y Thông Byă",
        ],
    ));
    assert!(set.contains("xã Cư M’gar\tcreated"), "{set}");
    let store = cnscd::store::Store::open(&db).unwrap();
    let c = store.home_commune().unwrap().unwrap();
    assert_eq!(c.province, "Đắk Lắk");
    assert_eq!(store.unit_code(c.id).unwrap(), Some(code.parse().unwrap()));
    drop(store);
    let e = fails(&cnscd(
        &db,
        &["commune", "set", "--code", "999999", "--chairman", "A"],
    ));
    assert!(e.contains("999999"), "{e}");
    // A commune set up by hand keeps working, without a code.
    let other = dir.path().join("tay.db");
    ok(&cnscd(
        &other,
        &[
            "commune",
            "set",
            "--province",
            "Lâm Đồng",
            "--kind",
            "xa",
            "--name",
            "Quảng Sơn",
            "--chairman",
            "A B",
        ],
    ));
    let store = cnscd::store::Store::open(&other).unwrap();
    assert_eq!(store.unit_code(1).unwrap(), None);
}
