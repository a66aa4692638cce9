//! Legal bases (`Căn cứ …`) and the usual addressees belong to a date: each has the date
//! of its own document, the day it took effect and, when known, the day it stopped
//! and what replaced it. A decree-30 document lists its bases by legal rank, then date.

use chrono::NaiveDate;

use super::Msg;
use super::text;

/// What is known of a library entry's dates and rank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The date of the document itself (`ngày 19 tháng 6 năm 2015`).
    pub dated: Option<NaiveDate>,
    /// In force from this day (the document's date when unknown).
    pub from: Option<NaiveDate>,
    /// In force until this day, included.
    pub until: Option<NaiveDate>,
    /// What replaced it.
    pub replaced_by: String,
    /// Legal rank: 1 laws, 2 decrees, 3 the Prime Minister's decisions, 4 ministries
    /// and central bodies, 5 the province, 6 the district, 7 the commune, 9 unknown.
    pub rank: u8,
}

/// How an entry stands on a document's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    InForce,
    /// Its document is dated after the decision's date.
    DatedAfter(NaiveDate),
    /// Not in force yet on that date.
    NotYet(NaiveDate),
    /// No longer in force on that date (since the day after `until`).
    Ended {
        until: NaiveDate,
        replaced_by: String,
    },
}

impl Facts {
    /// How the entry stands on `date`.
    pub fn standing(&self, date: NaiveDate) -> Standing {
        if let Some(d) = self.dated.filter(|d| *d > date) {
            return Standing::DatedAfter(d);
        }
        if let Some(f) = self.from.filter(|f| *f > date) {
            return Standing::NotYet(f);
        }
        if let Some(u) = self.until.filter(|u| *u < date) {
            return Standing::Ended {
                until: u,
                replaced_by: self.replaced_by.clone(),
            };
        }
        Standing::InForce
    }

    /// Offered (ticked) for a document of `date`.
    pub fn offered_on(&self, date: NaiveDate) -> bool {
        self.standing(date) == Standing::InForce
    }

    /// The warning shown beside the entry on a document of `date`, if any.
    pub fn warning(&self, date: NaiveDate) -> Option<Msg> {
        let d = |x: NaiveDate| x.format("%d/%m/%Y").to_string();
        match self.standing(date) {
            Standing::InForce => None,
            Standing::DatedAfter(x) => Some(Msg::new(
                format!("văn bản này ngày {}, sau ngày ký", d(x)),
                format!("this document is dated {}, after the signing date", d(x)),
            )),
            Standing::NotYet(x) => Some(Msg::new(
                format!("chưa có hiệu lực (từ {})", d(x)),
                format!("not in force yet (from {})", d(x)),
            )),
            Standing::Ended { until, replaced_by } => {
                let (by, by_en) = if replaced_by.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!("; thay bằng {replaced_by}"),
                        format!("; replaced by {replaced_by}"),
                    )
                };
                Some(Msg::new(
                    format!("hết hiệu lực từ sau ngày {}{by}", d(until)),
                    format!("no longer in force after {}{by_en}", d(until)),
                ))
            }
        }
    }
}

/// The legal rank of a basis, read from its words: the kind of document first, else
/// the body that issued it (the words after its first `của`).
pub fn rank_of(basis: &str) -> u8 {
    let f = format!(" {} ", text::fold(basis));
    let has = |w: &str| f.contains(w);
    if has(" luat ") || has(" hien phap ") || has("/qh") {
        return 1;
    }
    if has(" nghi dinh ") || has("/nd-cp") {
        return 2;
    }
    if has("-ttg") || has(" thu tuong ") {
        return 3;
    }
    let issuer = match f.find(" cua ") {
        Some(at) => {
            let rest = &f[at + 4..];
            let end = [" ve ", " ban hanh ", " phe duyet ", " huong dan ", ";", ","]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()
                .unwrap_or(rest.len());
            format!(" {} ", rest[..end].trim())
        }
        None => f.clone(),
    };
    let by = |w: &str| issuer.contains(w);
    if by(" bo ") || by(" trung uong ") || by(" chinh phu ") || by("/bcdtw") {
        4
    } else if by(" tinh ") {
        5
    } else if by(" huyen ") || by(" thi xa ") || by(" thanh pho ") || by(" quan ") {
        6
    } else if by(" xa ") || by(" phuong ") || by(" thi tran ") {
        7
    } else {
        9
    }
}

/// The first date written in a basis: `ngày 19 tháng 6 năm 2015`, `ngày 19/6/2015`,
/// `ngày 03/06/2020`.
pub fn date_in(basis: &str) -> Option<NaiveDate> {
    let f = text::fold(basis);
    let mut rest = f.as_str();
    while let Some(at) = rest.find("ngay ") {
        rest = &rest[at + 5..];
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|w| !w.is_empty())
            .take(5)
            .collect();
        let num = |s: &str| {
            s.trim_matches(|c: char| !c.is_ascii_digit())
                .parse::<u32>()
                .ok()
        };
        let ymd = |d: Option<u32>, m: Option<u32>, y: Option<u32>| {
            NaiveDate::from_ymd_opt(y? as i32, m?, d?)
        };
        // ngày D tháng M năm Y
        if words.len() >= 5
            && words[1] == "thang"
            && words[3] == "nam"
            && let Some(date) = ymd(num(words[0]), num(words[2]), num(words[4]))
        {
            return Some(date);
        }
        // ngày D/M/Y
        if let Some(first) = words.first() {
            let parts: Vec<&str> = first.split('/').collect();
            if parts.len() == 3
                && let Some(date) = ymd(num(parts[0]), num(parts[1]), num(parts[2]))
            {
                return Some(date);
            }
        }
    }
    None
}

/// The facts of an entry the clerk typed: its date and rank from its words, in force
/// from its date.
pub fn facts_of(basis: &str) -> Facts {
    let dated = date_in(basis);
    Facts {
        dated,
        from: dated,
        until: None,
        replaced_by: String::new(),
        rank: rank_of(basis),
    }
}

/// Orders bases as Decree 30 does: by legal rank, then by date.
pub fn order_key(f: &Facts) -> (u8, NaiveDate) {
    (f.rank, f.dated.unwrap_or(NaiveDate::MIN))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The known facts of the usual legal bases and addressees (domain.md), by their text.
pub fn known(entry: &str) -> Option<Facts> {
    let f = text::fold(entry);
    let facts = |dated, from, until, replaced_by: &str, rank| Facts {
        dated,
        from,
        until,
        replaced_by: replaced_by.to_string(),
        rank,
    };
    if f.contains("luat to chuc chinh quyen dia phuong ngay 16") {
        // Law 72/2025/QH15, in force from the day it was passed.
        Some(facts(ymd(2025, 6, 16), ymd(2025, 6, 16), None, "", 1))
    } else if f.contains("luat to chuc chinh quyen dia phuong ngay 19") {
        Some(facts(
            ymd(2015, 6, 19),
            ymd(2016, 1, 1),
            ymd(2025, 6, 15),
            "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            1,
        ))
    } else if f.starts_with("so thong tin va truyen thong") {
        // The provincial departments merged on 1 March 2025 in most provinces.
        Some(facts(
            None,
            None,
            ymd(2025, 2, 28),
            "Sở Khoa học và Công nghệ",
            9,
        ))
    } else if f.starts_with("so khoa hoc va cong nghe") {
        Some(facts(None, ymd(2025, 3, 1), None, "", 9))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_read_in_both_spellings() {
        assert_eq!(
            date_in(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi … ngày 22 tháng 11 năm 2019"
            ),
            Some(d(2015, 6, 19))
        );
        assert_eq!(
            date_in("Căn cứ Kế hoạch số 61/KH-UBND, ngày 26/7/2022 của Ủy ban nhân dân xã"),
            Some(d(2022, 7, 26))
        );
        assert_eq!(date_in("Căn cứ Điều lệ"), None);
    }

    #[test]
    fn ranks_follow_legal_force() {
        assert_eq!(rank_of("Căn cứ Luật Tổ chức chính quyền địa phương"), 1);
        assert_eq!(rank_of("Căn cứ Nghị định số 30/2020/NĐ-CP"), 2);
        assert_eq!(
            rank_of("Căn cứ Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ"),
            3
        );
        assert_eq!(
            rank_of("Căn cứ Công văn số 793/BTTTT-THH của Bộ Thông tin và Truyền thông"),
            4
        );
        assert_eq!(
            rank_of("Căn cứ Quyết định số 570/QĐ-UBND của UBND tỉnh Đắk Nông"),
            5
        );
        assert_eq!(
            rank_of(
                "Căn cứ Kế hoạch số 61/KH-UBND, ngày 26 tháng 7 năm 2022 của Ủy ban nhân dân xã Đắk Nia về triển khai Nghị quyết số 09-NQ/TU của Tỉnh ủy Đắk Nông"
            ),
            7
        );
        assert_eq!(
            rank_of("Căn cứ Quyết định số 602/QĐ-UBND của UBND thành phố Gia Nghĩa"),
            6
        );
        assert_eq!(
            rank_of("Căn cứ Kế hoạch số 01-KH/BCĐTW của Ban Chỉ đạo Trung ương"),
            4
        );
    }

    #[test]
    fn the_2015_law_gives_way_to_the_2025_law() {
        let old =
            known("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015").unwrap();
        let new =
            known("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025").unwrap();
        assert!(old.offered_on(d(2022, 7, 27)) && !new.offered_on(d(2022, 7, 27)));
        assert!(!old.offered_on(d(2025, 11, 20)) && new.offered_on(d(2025, 11, 20)));
        let w = old.warning(d(2025, 11, 20)).unwrap();
        assert!(
            w.vi.starts_with("hết hiệu lực từ sau ngày 15/06/2025; thay bằng Luật"),
            "{}",
            w.vi
        );
        let w = new.warning(d(2022, 7, 27)).unwrap();
        assert!(w.vi.contains("sau ngày ký"), "{}", w.vi);
    }

    #[test]
    fn the_department_changed_on_1_march_2025() {
        let tt = known("Sở Thông tin và Truyền thông (b/c)").unwrap();
        let kh = known("Sở Khoa học và Công nghệ (b/c)").unwrap();
        assert!(tt.offered_on(d(2025, 2, 28)) && !kh.offered_on(d(2025, 2, 28)));
        assert!(!tt.offered_on(d(2025, 3, 1)) && kh.offered_on(d(2025, 3, 1)));
    }
}
