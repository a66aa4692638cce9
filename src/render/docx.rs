//! The Word back end: a document model written as `.docx` (WordprocessingML parts in a
//! zip), from the same model the PDF is laid out from — the same words, Times New
//! Roman, A4 with Decree 30's margins, the two-column header as a table without
//! borders, the short rules under the issuing body, the motto and the subject, the
//! justified body with first-line indents, page numbers centred at the top from page 2
//! (a different first page; each annex numbered on its own), tables whose header row
//! repeats on every page, the signing block beside `Nơi nhận`. Word paginates the file
//! itself; the clerk may change a sentence before printing.

use std::io::Write;

use super::fonts::Fonts;
use super::layout::PageSetup;
use crate::document::model::*;

/// Why a `.docx` could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Millimetres in twentieths of a point (Word's unit).
fn tw(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

/// Points in twentieths of a point.
fn pt(p: f32) -> i64 {
    (p * 20.0).round() as i64
}

/// Text for XML: escaped, characters XML 1.0 forbids dropped.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\t' | '\n' | '\r' => o.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

fn run(text: &str, face: Face, size: f32) -> String {
    let mut props = String::new();
    if face.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if face.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    let hp = (size * 2.0).round() as i64;
    props.push_str(&format!("<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/>"));
    format!(
        "<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

fn jc(a: Align) -> &'static str {
    match a {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Paragraph properties of a style (first-line or hanging indent, spacing, keeping).
fn ppr(st: &ParaStyle, extra: &str) -> String {
    let left = tw(st.left_mm);
    let first = tw(st.indent_mm) - left;
    let ind = if first >= 0 {
        format!("<w:ind w:left=\"{left}\" w:firstLine=\"{first}\"/>")
    } else {
        format!("<w:ind w:left=\"{left}\" w:hanging=\"{}\"/>", -first)
    };
    // The PDF's line pitch (the letter size times the style's factor), at least: a
    // multiple of the font's own line ("auto") would add Times' 1.15 a second time.
    let line = pt(st.size * st.line_height);
    format!(
        "<w:pPr>{}{extra}<w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{line}\" w:lineRule=\"atLeast\"/>{ind}<w:jc w:val=\"{}\"/></w:pPr>",
        if st.keep_with_next {
            "<w:keepNext/>"
        } else {
            ""
        },
        pt(st.space_before_pt),
        pt(st.space_after_pt),
        jc(st.align)
    )
}

fn para(p: &Paragraph) -> String {
    let runs: String = p
        .runs
        .iter()
        .map(|r| run(&r.text, r.face, p.style.size))
        .collect();
    format!("<w:p>{}{runs}</w:p>", ppr(&p.style, ""))
}

/// A centred single line (the header's and title's lines): no indent, no spacing, the
/// PDF's pitch for such lines.
fn line(text: &str, face: Face, size: f32, align: Align, after_pt: f32) -> String {
    let st = ParaStyle {
        size,
        align,
        indent_mm: 0.0,
        left_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: after_pt,
        line_height: 1.15,
        keep_with_next: true,
    };
    format!("<w:p>{}{}</w:p>", ppr(&st, ""), run(text, face, size))
}

/// A short solid rule, `width_mm` long, centred in a column `column_mm` wide, `gap_pt`
/// below the line above's box (where the PDF draws it), `after_pt` above what follows:
/// an empty paragraph of an exact height with a bottom border 1 pt below it, between
/// indents.
fn rule(width_mm: f32, column_mm: f32, gap_pt: f32, after_pt: f32) -> String {
    let side = tw(((column_mm - width_mm) / 2.0).max(0.0));
    let height = (gap_pt - 1.0).max(1.0);
    format!(
        "<w:p><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>\
         <w:spacing w:before=\"0\" w:after=\"{}\" w:line=\"{}\" w:lineRule=\"exact\"/>\
         <w:ind w:left=\"{side}\" w:right=\"{side}\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>",
        pt((after_pt - height).max(0.0)),
        pt(height)
    )
}

const NO_BORDERS: &str = "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/>\
    <w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/>\
    <w:insideV w:val=\"nil\"/></w:tblBorders>";

/// A table of cells without borders (the header, the signing block), kept on one page.
fn layout_table(widths_mm: &[f32], rows: &[Vec<String>]) -> String {
    let grid: String = widths_mm
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{}\"/>", tw(*w)))
        .collect();
    let total: f32 = widths_mm.iter().sum();
    let mut s = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>{NO_BORDERS}<w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        tw(total)
    );
    for r in rows {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (cell, w) in r.iter().zip(widths_mm) {
            let body = if cell.is_empty() { "<w:p/>" } else { cell };
            s.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>{body}</w:tc>",
                tw(*w)
            ));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// A bordered table whose header row repeats on every page.
fn table(t: &Table, frame_mm: f32) -> String {
    let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(0.01);
    let widths: Vec<f32> = t
        .columns
        .iter()
        .map(|c| c.width / total * frame_mm)
        .collect();
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{}\"/>", tw(*w)))
        .collect();
    let b = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| b(s))
        .collect();
    let mut s = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>\
         <w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/>\
         <w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"57\" w:type=\"dxa\"/>\
         <w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        tw(frame_mm)
    );
    // Cells start at their top, as the PDF draws them (Word's own default).
    let cell = |text: &str, face: Face, align: Align, w: f32| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:vAlign w:val=\"top\"/></w:tcPr>{}</w:tc>",
            tw(w),
            line(text, face, t.size, align, 0.0).replace("<w:keepNext/>", "")
        )
    };
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, w) in t.columns.iter().zip(&widths) {
        s.push_str(&cell(&c.title, Face::BOLD, Align::Center, *w));
    }
    s.push_str("</w:tr>");
    for r in &t.rows {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, w) in widths.iter().enumerate() {
            let text = r.get(i).map(String::as_str).unwrap_or("");
            let align = t.columns.get(i).map_or(Align::Left, |c| c.align);
            let align = if align == Align::Justify {
                Align::Left
            } else {
                align
            };
            s.push_str(&cell(text, Face::REGULAR, align, *w));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and one keeps the gap after it.
    s.push_str(&line("", Face::REGULAR, 6.0, Align::Left, 0.0).replace("<w:keepNext/>", ""));
    s
}

/// A bar chart as Word has no drawing here: its title, then a table of the bars.
fn chart(c: &Chart, frame_mm: f32) -> String {
    let pct = |v: &Option<f32>| {
        v.map(|x| crate::domain::number::percent(f64::from(x), 1))
            .unwrap_or_else(|| "—".into())
    };
    let t = Table {
        columns: vec![
            Column {
                title: String::new(),
                width: 60.0,
                align: Align::Left,
            },
            Column {
                title: "Tỷ lệ".into(),
                width: 20.0,
                align: Align::Right,
            },
            Column {
                title: "Chỉ tiêu".into(),
                width: 20.0,
                align: Align::Right,
            },
        ],
        rows: c
            .bars
            .iter()
            .map(|(l, v, t)| vec![l.clone(), pct(v), pct(t)])
            .collect(),
        size: 12.0,
    };
    format!(
        "{}{}",
        line(&c.title, Face::BOLD, 13.0, Align::Center, 4.0),
        table(&t, frame_mm)
    )
}

fn blocks(bs: &[Block], frame_mm: f32, out: &mut String) {
    for b in bs {
        match b {
            Block::Para(p) => out.push_str(&para(p)),
            Block::Table(t) => out.push_str(&table(t, frame_mm)),
            Block::Chart(c) => out.push_str(&chart(c, frame_mm)),
            Block::Rule { width_mm } => out.push_str(&rule(*width_mm, frame_mm, 1.0, 6.0)),
            Block::PageBreak => out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
}

/// The section's page: A4, Decree 30 margins, page numbers from its second page.
fn section(setup: &PageSetup, restart: bool) -> String {
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:headerReference w:type=\"first\" r:id=\"rIdFirst\"/><w:type w:val=\"nextPage\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" \
         w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>{}<w:titlePg/></w:sectPr>",
        tw(setup.width_mm),
        tw(setup.height_mm),
        tw(setup.top_mm),
        tw(setup.right_mm),
        tw(setup.bottom_mm),
        tw(setup.left_mm),
        tw(setup.top_mm / 2.0 - 2.0),
        tw(setup.bottom_mm / 2.0),
        if restart {
            "<w:pgNumType w:start=\"1\"/>"
        } else {
            ""
        }
    )
}

fn mm_of(points: f32) -> f32 {
    points / super::layout::PT_PER_MM
}

/// The two-column header, the title, the subject and its rule, the addressees and the
/// authority line.
fn heading(doc: &Document, fonts: &Fonts, frame: f32) -> String {
    let h = &doc.header;
    let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let slogan = "Độc lập - Tự do - Hạnh phúc";
    // The same column and letter size as the PDF's.
    let (lw, size) = super::compose::header_column(doc, fonts, super::layout::mm(frame));
    let lw = mm_of(lw);
    let rw = frame - lw;
    let mut left = String::new();
    if let Some(p) = &h.parent_body {
        left.push_str(&line(p, Face::REGULAR, size, Align::Center, 0.0));
    }
    for b in &h.body {
        left.push_str(&line(b, Face::BOLD, size, Align::Center, 0.0));
    }
    let last = h
        .body
        .last()
        .map(|b| mm_of(fonts.width(b, Face::BOLD, size)))
        .unwrap_or(30.0);
    left.push_str(&rule(last * 0.4, lw, 3.0, 8.5));
    let mut right = line(motto, Face::BOLD, 12.5, Align::Center, 0.0);
    right.push_str(&line(slogan, Face::BOLD, 13.5, Align::Center, 0.0));
    right.push_str(&rule(
        mm_of(fonts.width(slogan, Face::BOLD, 13.5)),
        rw,
        3.0,
        8.5,
    ));
    let mut number = line(&h.number_line, Face::REGULAR, 13.0, Align::Center, 0.0);
    if let Some(s) = &h.summary {
        number.push_str(&line(s, Face::REGULAR, 12.0, Align::Center, 0.0));
    }
    let date = line(&h.place_date, Face::ITALIC, 14.0, Align::Center, 0.0);
    let mut s = layout_table(&[lw, rw], &[vec![left, right], vec![number, date]]);
    s.push_str(&line("", Face::REGULAR, 8.0, Align::Left, 7.8));
    if let Some(t) = &doc.title {
        s.push_str(&line(t, Face::BOLD, 14.0, Align::Center, 0.0));
    }
    if !doc.subject.is_empty() {
        for l in &doc.subject {
            s.push_str(&line(l, Face::BOLD, 14.0, Align::Center, 0.0));
        }
        let longest = doc
            .subject
            .iter()
            .map(|l| mm_of(fonts.width(l, Face::BOLD, 14.0)))
            .fold(0.0, f32::max);
        s.push_str(&rule((longest * 0.4).max(20.0), frame, 4.0, 17.0));
    }
    for a in &doc.addressees {
        s.push_str(&line(a, Face::REGULAR, 14.0, Align::Center, 0.0));
    }
    if !doc.addressees.is_empty() {
        s.push_str(&line("", Face::REGULAR, 8.0, Align::Left, 0.0));
    }
    if let Some(a) = &doc.authority {
        s.push_str(&line(a, Face::BOLD, 14.0, Align::Center, 8.0));
    }
    s
}

/// `Nơi nhận:` on the left, the signing block on the right, in one row kept whole.
fn signing(doc: &Document, frame: f32) -> String {
    let Some(sig) = &doc.signature else {
        return String::new();
    };
    let lw = frame * 0.45;
    let n = doc.recipients.len();
    let mut left = String::new();
    if n > 0 {
        left.push_str(&line(
            "Nơi nhận:",
            Face::BOLD_ITALIC,
            12.0,
            Align::Left,
            0.0,
        ));
        for (i, r) in doc.recipients.iter().enumerate() {
            let r = r.trim_end_matches([';', '.']);
            let text = format!("- {r}{}", if i + 1 == n { "." } else { ";" });
            left.push_str(&line(&text, Face::REGULAR, 11.0, Align::Left, 0.0));
        }
    }
    let mut right = String::new();
    if let Some(m) = &sig.mark {
        right.push_str(&line(m, Face::BOLD, 14.0, Align::Center, 0.0));
    }
    right.push_str(&line(&sig.title, Face::BOLD, 14.0, Align::Center, 0.0));
    // Room for the signature and the seal.
    right.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"{}\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        tw(25.0),
        run(&sig.signer, Face::BOLD, 14.0)
    ));
    format!(
        "{}{}",
        line("", Face::REGULAR, 6.0, Align::Left, 0.0),
        layout_table(&[lw, frame - lw], &[vec![left, right]])
    )
}

/// The body of `word/document.xml`.
fn body(doc: &Document, fonts: &Fonts, setup: &PageSetup) -> String {
    let frame = setup.width_mm - setup.left_mm - setup.right_mm;
    let mut s = heading(doc, fonts, frame);
    blocks(&doc.body, frame, &mut s);
    s.push_str(&signing(doc, frame));
    let mut restart = false;
    for annex in &doc.annexes {
        // The section before ends here; the annex numbers its pages on its own.
        s.push_str(&format!(
            "<w:p><w:pPr>{}</w:pPr></w:p>",
            section(setup, restart)
        ));
        restart = true;
        if let Some(l) = &annex.label {
            s.push_str(&line(l, Face::BOLD, 14.0, Align::Center, 0.0));
        }
        for t in &annex.title {
            s.push_str(&line(t, Face::BOLD, 14.0, Align::Center, 0.0));
        }
        s.push_str(&line(
            &annex.reference,
            Face::ITALIC,
            14.0,
            Align::Center,
            0.0,
        ));
        let w = mm_of(fonts.width(&annex.reference, Face::ITALIC, 14.0));
        s.push_str(&rule((w * 0.3).min(40.0), frame, 4.0, 14.2));
        blocks(&annex.blocks, frame, &mut s);
    }
    s.push_str(&section(setup, restart));
    s
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

fn header_part(number: bool) -> String {
    let p = if number {
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>2</w:t></w:r>\
         <w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    } else {
        "<w:p/>"
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>{p}</w:hdr>"
    )
}

fn styles() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}>\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" \
         w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:color w:val=\"000000\"/>\
         <w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

fn core(meta: &Meta) -> String {
    let created = if meta.created.len() == 19 {
        format!("{}Z", meta.created)
    } else {
        "2000-01-01T00:00:00Z".into()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified></cp:coreProperties>",
        esc(&meta.title),
        esc(&meta.subject),
        esc(&meta.author)
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rIdFirst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>\
</Relationships>";

/// Word 2010's layout (compatibility mode 14): LibreOffice sets a file of mode 15 with
/// its own measure of a line, which breaks the PDF's lines a word early and leaves
/// justified lines up to 2 pt short of the margin; at 14 both break and end as the PDF.
fn settings() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings {NS}>\
         <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"14\"/></w:compat>\
         </w:settings>"
    )
}

/// The `.docx` bytes of a document. The fonts measure the rules' lengths as the PDF
/// does; the same document gives the same bytes.
pub fn write(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, DocxError> {
    let setup = PageSetup::DECREE_30;
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{}</w:body></w:document>",
        body(doc, fonts, &setup)
    );
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/header1.xml", header_part(true)),
        ("word/header2.xml", header_part(false)),
        ("docProps/core.xml", core(&doc.meta)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The words of a `.docx` written here, one paragraph a line (for tests and checks):
/// the text of `word/document.xml` with the tags taken out.
pub fn text_of(document_xml: &str) -> String {
    let mut out = String::new();
    let mut rest = document_xml;
    while let Some(i) = rest.find('<') {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let tag = &after[..end];
        if tag.starts_with("</w:p>") || tag.starts_with("<w:p/>") || tag.starts_with("</w:tc>") {
            out.push('\n');
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
