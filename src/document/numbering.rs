//! The draft for the văn thư (Decree 30, Article 15.3: an electronic document's number
//! and time of issue are given by the document system): the number left as room
//! (`Số:          /QĐ-UBND`), the date as `…, ngày      tháng      năm 2026` (the
//! year kept), everything else as the final document — and, once the e-office has
//! given them, the same model with the number and date filled in.

use chrono::{Datelike, NaiveDate};

use super::model::{Document, NUMBER_ROOM};
use crate::domain::{Msg, number, vndate};

/// The room left for the day and for the month: no-break spaces, kept as they are.
pub const DATE_ROOM: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// `ngày 27 tháng 7 năm 2022` in `s` → `ngày      tháng      năm 2022`, each one.
fn blank_dates(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("ngày ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "ngày ".len()..];
        match long_date_at(after) {
            Some((year, len)) => {
                out.push_str(&format!("ngày{DATE_ROOM}tháng{DATE_ROOM}năm {year}"));
                rest = &after[len..];
            }
            None => {
                out.push_str("ngày ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `27 tháng 7 năm 2022…` at the start of `s`: the year and the length read.
fn long_date_at(s: &str) -> Option<(i32, usize)> {
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let d = digits(s);
    if d == 0 || d > 2 {
        return None;
    }
    let t = s[d..].strip_prefix(" tháng ")?;
    let m = digits(t);
    if m == 0 || m > 2 {
        return None;
    }
    let y = t[m..].strip_prefix(" năm ")?;
    let n = digits(y);
    if n != 4 {
        return None;
    }
    let year: i32 = y[..4].parse().ok()?;
    Some((year, s.len() - y.len() + 4))
}

/// A draft's model made the one the văn thư numbers: its number must be left out (a
/// draft with a number typed is not one to number).
pub fn for_numbering(doc: &mut Document) {
    doc.header.place_date = blank_dates(&doc.header.place_date);
    for a in &mut doc.annexes {
        a.reference = blank_dates(&a.reference);
    }
}

/// The year a draft for numbering keeps (`năm 2026` of its date line).
pub fn year_of(doc: &Document) -> Option<i32> {
    let s = &doc.header.place_date;
    let i = s.rfind("năm ")?;
    s[i + "năm ".len()..].trim().get(..4)?.parse().ok()
}

/// The draft's model with the number and date the e-office gave; refused when the
/// date is not of the draft's year (its date line kept the year).
pub fn numbered(draft: &Document, n: u32, date: NaiveDate) -> Result<Document, Msg> {
    if let Some(year) = year_of(draft)
        && year != date.year()
    {
        return Err(Msg::new(
            format!(
                "ngày {} không thuộc năm {year} của bản nháp",
                vndate::short(date)
            ),
            format!("{} is not in the draft's year {year}", vndate::short(date)),
        ));
    }
    let blank = format!("ngày{DATE_ROOM}tháng{DATE_ROOM}năm {}", date.year());
    let long = vndate::long(date);
    let num = format!("{}/", number::doc_number(n));
    let room = format!("{NUMBER_ROOM}/");
    let fill = |s: &str| s.replace(&blank, &long).replacen(&room, &num, 1);
    let mut doc = draft.clone();
    doc.header.number_line = fill(&doc.header.number_line);
    doc.header.place_date = fill(&doc.header.place_date);
    doc.meta.title = fill(&doc.meta.title);
    for a in &mut doc.annexes {
        a.reference = fill(&a.reference);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dates_are_blanked_with_their_year_and_filled_again() {
        let s = "Đắk Nia, ngày 05 tháng 11 năm 2026";
        let b = blank_dates(s);
        assert_eq!(
            b,
            format!("Đắk Nia, ngày{DATE_ROOM}tháng{DATE_ROOM}năm 2026")
        );
        assert_eq!(
            blank_dates("kể từ ngày ký và ngày 3 tháng 4"),
            "kể từ ngày ký và ngày 3 tháng 4",
            "only whole dates"
        );
        let mut doc = Document::default();
        doc.header.place_date = b;
        doc.header.number_line = format!("Số: {NUMBER_ROOM}/QĐ-UBND");
        assert_eq!(year_of(&doc), Some(2026));
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let n = numbered(&doc, 15, d).unwrap();
        assert_eq!(n.header.number_line, "Số: 15/QĐ-UBND");
        assert_eq!(n.header.place_date, format!("Đắk Nia, {}", vndate::long(d)));
        let other = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        assert!(numbered(&doc, 15, other).is_err());
    }
}
