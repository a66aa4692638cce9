//! Tab and Shift+Tab move the focus at once, inside the window's own handling of the
//! key: a letter typed right after Tab (Unikey users type fast) goes to the next field,
//! never the previous one, as it would if the move waited for a task to run.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, operation};
use iced::advanced::{Clipboard, Shell, Widget, mouse, overlay, renderer};
use iced::keyboard::{self, Key, key::Named};
use iced::{Element, Event, Length, Rectangle, Renderer, Size, Theme, Vector};

/// The window's content, with Tab moving between fields.
pub struct TabFocus<'a, M> {
    content: Element<'a, M>,
}

pub fn tab_focus<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> TabFocus<'a, M> {
    TabFocus {
        content: content.into(),
    }
}

impl<M> TabFocus<'_, M> {
    /// Runs a focus operation to its end, as the runtime does with a task's.
    fn run(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        mut op: Box<dyn Operation>,
    ) {
        loop {
            self.content
                .as_widget_mut()
                .operate(tree, layout, renderer, op.as_mut());
            match op.finish() {
                operation::Outcome::Chain(next) => op = next,
                _ => break,
            }
        }
    }
}

impl<M> Widget<M, Theme, Renderer> for TabFocus<'_, M> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        if let Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Named(Named::Tab),
            modifiers,
            ..
        }) = event
            && !modifiers.command()
            && !modifiers.alt()
        {
            let op: Box<dyn Operation> = if modifiers.shift() {
                Box::new(operation::focusable::focus_previous())
            } else {
                Box::new(operation::focusable::focus_next())
            };
            self.run(&mut tree.children[0], layout, renderer, op);
            shell.capture_event();
            shell.request_redraw();
            return;
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, M: 'a> From<TabFocus<'a, M>> for Element<'a, M> {
    fn from(t: TabFocus<'a, M>) -> Self {
        Element::new(t)
    }
}
