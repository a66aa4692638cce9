//! Document fonts: Liberation Serif bundled (SIL OFL), or the system's Times New Roman
//! where installed. Widths are measured from the font files, each advance truncated to
//! 1/1000 em exactly as the PDF's width table stores it, so justified lines end on the
//! margin to the point.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::model::Face;

const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Which family the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontChoice {
    /// Times New Roman if the system has all four faces, else Liberation Serif.
    #[default]
    Auto,
    Bundled,
    TimesNewRoman,
}

impl FontChoice {
    pub fn code(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Bundled => "bundled",
            Self::TimesNewRoman => "times",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Auto, Self::Bundled, Self::TimesNewRoman]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// One face: its bytes and the advance of every character in 1/1000 em.
#[derive(Debug)]
pub struct FontFace {
    pub bytes: Arc<Vec<u8>>,
    pub name: String,
    advances: HashMap<char, u32>,
    fallback: u32,
    pub ascender: f32,
    pub descender: f32,
}

impl FontFace {
    fn parse(bytes: Vec<u8>) -> Option<Self> {
        let face = ttf_parser::Face::parse(&bytes, 0).ok()?;
        let upem = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    if let Some(ch) = char::from_u32(cp)
                        && let Some(gid) = sub.glyph_index(cp)
                    {
                        let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                        advances.insert(ch, (f32::from(adv) * 1000.0 / upem) as u32);
                    }
                });
            }
        }
        let fallback = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .map(|a| (f32::from(a) * 1000.0 / upem) as u32)
            .unwrap_or(500);
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "Font".into());
        let ascender = f32::from(face.ascender()) / upem;
        let descender = f32::from(face.descender()) / upem;
        Some(Self {
            bytes: Arc::new(bytes),
            name,
            advances,
            fallback,
            ascender,
            descender,
        })
    }

    /// Advance of a character in 1/1000 em.
    pub fn advance(&self, ch: char) -> u32 {
        self.advances.get(&ch).copied().unwrap_or(self.fallback)
    }

    pub fn has(&self, ch: char) -> bool {
        self.advances.contains_key(&ch)
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.advance(c)).sum();
        units as f32 * size / 1000.0
    }
}

/// The four faces of the document family.
#[derive(Debug, Clone)]
pub struct Fonts {
    faces: Arc<[FontFace; 4]>,
    pub family: String,
}

fn face_index(face: Face) -> usize {
    match (face.bold, face.italic) {
        (false, false) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
    }
}

/// Where Windows and Linux keep Times New Roman.
fn times_paths() -> Vec<[PathBuf; 4]> {
    let names = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(Path::new(&windir).join("Fonts"));
    }
    dirs.push(PathBuf::from("C:\\Windows\\Fonts"));
    dirs.push(PathBuf::from("/usr/share/fonts/truetype/msttcorefonts"));
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".fonts"));
        dirs.push(Path::new(&home).join(".local/share/fonts"));
    }
    dirs.into_iter().map(|d| names.map(|n| d.join(n))).collect()
}

impl Fonts {
    /// The bundled Liberation Serif.
    pub fn bundled() -> Self {
        let faces = BUNDLED.map(|b| FontFace::parse(b.to_vec()).unwrap_or_else(empty_face));
        Self {
            faces: Arc::new(faces),
            family: "Liberation Serif".into(),
        }
    }

    /// The system's Times New Roman, if all four faces are installed.
    pub fn times_new_roman() -> Option<Self> {
        for set in times_paths() {
            if set.iter().all(|p| p.is_file()) {
                let mut faces = Vec::new();
                for p in &set {
                    faces.push(FontFace::parse(std::fs::read(p).ok()?)?);
                }
                let faces: [FontFace; 4] = faces.try_into().ok()?;
                return Some(Self {
                    faces: Arc::new(faces),
                    family: "Times New Roman".into(),
                });
            }
        }
        None
    }

    pub fn load(choice: FontChoice) -> Self {
        match choice {
            FontChoice::Bundled => Self::bundled(),
            FontChoice::Auto | FontChoice::TimesNewRoman => {
                Self::times_new_roman().unwrap_or_else(Self::bundled)
            }
        }
    }

    pub fn face(&self, face: Face) -> &FontFace {
        &self.faces[face_index(face)]
    }

    /// All four faces, in the order regular, bold, italic, bold italic.
    pub fn all(&self) -> impl Iterator<Item = (Face, &FontFace)> {
        [Face::REGULAR, Face::BOLD, Face::ITALIC, Face::BOLD_ITALIC]
            .into_iter()
            .map(|f| (f, self.face(f)))
    }

    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.face(face).width(text, size)
    }
}

fn empty_face() -> FontFace {
    FontFace {
        bytes: Arc::new(Vec::new()),
        name: "Missing".into(),
        advances: HashMap::new(),
        fallback: 500,
        ascender: 0.9,
        descender: -0.2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_every_vietnamese_letter() {
        let fonts = Fonts::bundled();
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for (_, face) in fonts.all() {
            for ch in letters.chars().chain(letters.to_uppercase().chars()) {
                assert!(face.has(ch), "{} lacks {ch}", face.name);
            }
            for ch in "–—“”‘’…№".chars() {
                assert!(face.has(ch), "{} lacks {ch}", face.name);
            }
        }
    }

    #[test]
    fn widths_truncate_to_thousandths_like_times() {
        let f = Fonts::bundled();
        // Times New Roman metrics: space 250, 'a' 444, 'W' 944 (1/1000 em).
        let r = f.face(Face::REGULAR);
        assert_eq!(r.advance(' '), 250);
        assert_eq!(r.advance('a'), 443);
        assert_eq!(r.advance('W'), 943);
        assert!((f.width("aa", Face::REGULAR, 10.0) - 8.86).abs() < 1e-4);
        assert!(f.width("Đắk", Face::BOLD, 14.0) > f.width("Đắk", Face::REGULAR, 14.0));
    }
}
