//! The page preview: draws the laid-out pages — the very data the PDF is written from —
//! on a canvas, word by word at the positions the layout engine chose.

use std::sync::Arc;

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Font, Point, Rectangle, Renderer, Size, Theme, Vector, mouse};

use crate::document::model::Face;
use crate::render::layout::{Item, Page};
use crate::render::{Fonts, Laid};

/// The document font as the window knows it (the bundled Liberation Serif faces, under
/// the preview's own family name).
pub fn font(face: Face) -> Font {
    Font {
        weight: if face.bold {
            iced::font::Weight::Bold
        } else {
            iced::font::Weight::Normal
        },
        style: if face.italic {
            iced::font::Style::Italic
        } else {
            iced::font::Style::Normal
        },
        ..Font::with_name(PREVIEW_FAMILY)
    }
}

/// The family the preview knows the document font by. A system font called "Liberation
/// Serif" (another version, other widths) would otherwise stand in for the bundled one,
/// and words drawn at the layout's positions would touch or overlap. As long as
/// "Liberation Serif", so the font's name table is changed in place.
pub const PREVIEW_FAMILY: &str = "CNSCD Print Face";

/// The bundled document faces under [`PREVIEW_FAMILY`], for the window to load:
/// renamed once, then lent (the window, and every simulated one in the tests).
pub fn doc_fonts() -> &'static [Vec<u8>] {
    static FONTS: std::sync::LazyLock<Vec<Vec<u8>>> =
        std::sync::LazyLock::new(|| DOC_FONTS.iter().map(|b| renamed(b)).collect());
    &FONTS
}

/// `bytes` with every "Liberation Serif" of its `name` table (UTF-16 and single-byte
/// records) written as [`PREVIEW_FAMILY`]; anything unreadable is left as it is.
fn renamed(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let u32_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let Some(tables) = u16_at(4) else {
        return out;
    };
    let Some((start, len)) = (0..tables as usize)
        .map(|t| 12 + 16 * t)
        .find(|&r| bytes.get(r..r + 4) == Some(b"name".as_slice()))
        .and_then(|r| Some((u32_at(r + 8)?, u32_at(r + 12)?)))
    else {
        return out;
    };
    let Some(table) = out.get_mut(start..start + len) else {
        return out;
    };
    let from = "Liberation Serif";
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_be_bytes).collect() };
    for (old, new) in [
        (utf16(from), utf16(PREVIEW_FAMILY)),
        (from.as_bytes().to_vec(), PREVIEW_FAMILY.as_bytes().to_vec()),
    ] {
        let mut i = 0;
        while i + old.len() <= table.len() {
            if table[i..i + old.len()] == old[..] {
                table[i..i + old.len()].copy_from_slice(&new);
                i += old.len();
            } else {
                i += 1;
            }
        }
    }
    out
}

pub const DOC_FONTS: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// How big the page is drawn, as in a PDF viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    /// The whole page in sight.
    #[default]
    FitPage,
    /// The page as wide as the preview; scroll to see the rest.
    FitWidth,
    /// A share of the real size (100 = the printed size on a 96 dpi screen).
    Percent(u32),
}

/// The zoom steps, as a PDF viewer offers them.
pub const ZOOM_STEPS: [u32; 9] = [50, 67, 75, 90, 100, 125, 150, 200, 300];

/// Screen pixels per point of the page at 100 %.
const PX_PER_PT: f32 = 96.0 / 72.0;
/// The grey margin around the page.
const MARGIN: f32 = 8.0;

impl Zoom {
    /// The scale (pixels per point) of a page `w` × `h` points in a preview of `size`.
    pub fn scale(self, w: f32, h: f32, size: Size) -> f32 {
        let room = Size::new(
            (size.width - 2.0 * MARGIN).max(1.0),
            (size.height - 2.0 * MARGIN).max(1.0),
        );
        match self {
            Zoom::FitPage => (room.width / w).min(room.height / h),
            Zoom::FitWidth => room.width / w,
            Zoom::Percent(p) => p as f32 / 100.0 * PX_PER_PT,
        }
    }

    /// The next step up (`true`) or down from the zoom shown at `scale`.
    pub fn step(scale: f32, up: bool) -> Zoom {
        let now = (scale / PX_PER_PT * 100.0).round() as u32;
        let next = if up {
            ZOOM_STEPS.iter().copied().find(|&p| p > now)
        } else {
            ZOOM_STEPS.iter().rev().copied().find(|&p| p < now)
        };
        Zoom::Percent(next.unwrap_or(if up {
            ZOOM_STEPS[ZOOM_STEPS.len() - 1]
        } else {
            ZOOM_STEPS[0]
        }))
    }
}

/// What the preview asks of its screen: another page, another zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Request {
    Page(usize),
    /// Zoom one step in (`true`) or out, from the scale shown.
    Zoom(f32, bool),
}

/// One page of a laid-out document at a zoom; scrolls with the wheel, PageUp and
/// PageDown (which go on to the next page at the page's end), Ctrl+wheel zooms.
pub struct PagePreview<M> {
    pub laid: Arc<Laid>,
    pub page: usize,
    pub fonts: Fonts,
    pub zoom: Zoom,
    pub on: fn(Request) -> M,
}

/// The preview's scroll position, kept by the canvas for the page it was on.
#[derive(Debug, Default)]
pub struct Scroll {
    page: usize,
    zoom: Zoom,
    offset: Vector,
    /// Ctrl is held: the wheel zooms.
    ctrl: bool,
}

impl Scroll {
    /// The offset for `page` at `zoom`: a page or zoom just changed starts at the top.
    fn offset(&self, page: usize, zoom: Zoom) -> Vector {
        if self.page == page && self.zoom == zoom {
            self.offset
        } else {
            Vector::ZERO
        }
    }
}

impl<M> PagePreview<M> {
    /// The page's scale, its size on screen, and how far it can scroll.
    fn geometry(&self, bounds: Size) -> Option<(f32, Size, Vector)> {
        let page = self.laid.pages.get(self.page)?;
        let scale = self.zoom.scale(page.width, page.height, bounds);
        let drawn = Size::new(page.width * scale, page.height * scale);
        let most = Vector::new(
            (drawn.width + 2.0 * MARGIN - bounds.width).max(0.0),
            (drawn.height + 2.0 * MARGIN - bounds.height).max(0.0),
        );
        Some((scale, drawn, most))
    }

    fn clamp(offset: Vector, most: Vector) -> Vector {
        Vector::new(offset.x.clamp(0.0, most.x), offset.y.clamp(0.0, most.y))
    }

    fn draw_page(&self, frame: &mut Frame, page: &Page, scale: f32) {
        frame.fill_rectangle(
            Point::ORIGIN,
            Size::new(page.width * scale, page.height * scale),
            Color::WHITE,
        );
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    text,
                    word_extra,
                } => {
                    let f = self.fonts.face(*face);
                    let top = y - size * f.ascender;
                    let mut cx = *x;
                    // Word by word: justified lines keep the engine's spacing.
                    for (i, word) in text.split(' ').enumerate() {
                        if i > 0 {
                            cx += f.width(" ", *size) + word_extra;
                        }
                        if !word.is_empty() {
                            frame.fill_text(Text {
                                content: word.to_string(),
                                position: Point::new(cx * scale, top * scale),
                                size: (size * scale).into(),
                                font: font(*face),
                                color: Color::BLACK,
                                ..Text::default()
                            });
                        }
                        cx += f.width(word, *size);
                    }
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    let path = Path::line(
                        Point::new(x1 * scale, y1 * scale),
                        Point::new(x2 * scale, y2 * scale),
                    );
                    frame.stroke(
                        &path,
                        Stroke::default()
                            .with_width((width * scale).max(0.5))
                            .with_color(Color::BLACK),
                    );
                }
                Item::Rect { x, y, w, h, grey } => {
                    frame.fill_rectangle(
                        Point::new(x * scale, y * scale),
                        Size::new(w * scale, h * scale),
                        Color::from_rgb(*grey, *grey, *grey),
                    );
                }
            }
        }
    }
}

impl<M> canvas::Program<M> for PagePreview<M> {
    type State = Scroll;

    fn update(
        &self,
        state: &mut Scroll,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<M>> {
        use iced::keyboard::{self, Key, key::Named};
        let (scale, _, most) = self.geometry(bounds.size())?;
        let offset = state.offset(self.page, self.zoom);
        let pages = self.laid.pages.len();
        let scrolled = |state: &mut Scroll, to: Vector| {
            state.page = self.page;
            state.zoom = self.zoom;
            state.offset = Self::clamp(to, most);
            Some(canvas::Action::request_redraw().and_capture())
        };
        match event {
            canvas::Event::Mouse(mouse::Event::WheelScrolled { delta }) => {
                cursor.position_over(bounds)?;
                let (dx, dy) = match *delta {
                    mouse::ScrollDelta::Lines { x, y } => (x * 60.0, y * 60.0),
                    mouse::ScrollDelta::Pixels { x, y } => (x, y),
                };
                if state.ctrl {
                    let action = canvas::Action::publish((self.on)(Request::Zoom(scale, dy > 0.0)));
                    return Some(action.and_capture());
                }
                scrolled(state, offset - Vector::new(dx, dy))
            }
            canvas::Event::Keyboard(keyboard::Event::ModifiersChanged(m)) => {
                state.ctrl = m.command();
                None
            }
            canvas::Event::Keyboard(keyboard::Event::KeyPressed {
                key: Key::Named(key @ (Named::PageDown | Named::PageUp)),
                modifiers,
                ..
            }) if modifiers.is_empty() => {
                let step = (bounds.height - 40.0).max(40.0);
                if *key == Named::PageDown {
                    if offset.y < most.y {
                        scrolled(state, offset + Vector::new(0.0, step))
                    } else if self.page + 1 < pages {
                        Some(canvas::Action::publish((self.on)(Request::Page(
                            self.page + 1,
                        ))))
                    } else {
                        None
                    }
                } else if offset.y > 0.0 {
                    scrolled(state, offset - Vector::new(0.0, step))
                } else if self.page > 0 {
                    Some(canvas::Action::publish((self.on)(Request::Page(
                        self.page - 1,
                    ))))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        state: &Scroll,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        frame.fill_rectangle(
            Point::ORIGIN,
            bounds.size(),
            Color::from_rgb(0.85, 0.86, 0.88),
        );
        if let (Some(page), Some((scale, drawn, most))) =
            (self.laid.pages.get(self.page), self.geometry(bounds.size()))
        {
            let offset = Self::clamp(state.offset(self.page, self.zoom), most);
            // Centred when it is narrower or shorter than the preview.
            let x = ((bounds.width - drawn.width) / 2.0).max(MARGIN) - offset.x;
            let y = if most.y > 0.0 {
                MARGIN - offset.y
            } else {
                ((bounds.height - drawn.height) / 2.0).max(MARGIN)
            };
            frame.with_save(|f| {
                f.translate(Vector::new(x, y));
                f.fill_rectangle(
                    Point::new(2.0, 2.0),
                    drawn,
                    Color::from_rgba(0.0, 0.0, 0.0, 0.25),
                );
                self.draw_page(f, page, scale);
            });
            // Where the view is in a page taller than the preview.
            if most.y > 0.0 {
                let h = bounds.height * bounds.height / (drawn.height + 2.0 * MARGIN);
                let top = (bounds.height - h) * offset.y / most.y;
                frame.fill_rectangle(
                    Point::new(bounds.width - 6.0, top),
                    Size::new(4.0, h),
                    Color::from_rgba(0.0, 0.0, 0.0, 0.35),
                );
            }
        }
        vec![frame.into_geometry()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_font_has_a_family_of_its_own() {
        assert_eq!(PREVIEW_FAMILY.len(), "Liberation Serif".len());
        for (bytes, original) in doc_fonts().iter().zip(DOC_FONTS) {
            let face = ttf_parser::Face::parse(bytes, 0).expect("still a font");
            let families: Vec<String> = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
                .filter_map(|n| n.to_string())
                .collect();
            assert!(!families.is_empty());
            assert!(families.iter().all(|f| f == PREVIEW_FAMILY), "{families:?}");
            // The glyphs are the bundled ones: only the names changed.
            assert_eq!(bytes.len(), original.len());
            let before = ttf_parser::Face::parse(original, 0).unwrap();
            assert_eq!(face.number_of_glyphs(), before.number_of_glyphs());
        }
    }
}
