//! The page preview: draws the laid-out pages — the very data the PDF is written from —
//! on a canvas, word by word at the positions the layout engine chose.

use std::sync::Arc;

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Font, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::document::model::Face;
use crate::render::layout::{Item, Page};
use crate::render::{Fonts, Laid};

/// The document font as the window knows it (the bundled Liberation Serif faces).
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
        ..Font::with_name("Liberation Serif")
    }
}

pub const DOC_FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// One page of a laid-out document, drawn to fit the canvas.
pub struct PagePreview {
    pub laid: Arc<Laid>,
    pub page: usize,
    pub fonts: Fonts,
}

impl PagePreview {
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

impl<Message> canvas::Program<Message> for PagePreview {
    type State = ();

    fn draw(
        &self,
        _state: &(),
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
        if let Some(page) = self.laid.pages.get(self.page) {
            let scale = (bounds.width / page.width).min(bounds.height / page.height);
            self.draw_page(&mut frame, page, scale);
        }
        vec![frame.into_geometry()]
    }
}
