//! The mouse wheel over a panel taller than the room it has (the side panel, the help, the lists)
//! scrolls that panel; anywhere else it zooms the map ([`super::camera::pan_and_zoom`]).
//!
//! A panel scrolls when its node has `overflow: Overflow::scroll_y()` and an [`Interaction`]; of
//! several under the pointer, the one drawn on top scrolls.

use bevy::input::mouse::AccumulatedMouseScroll;
use bevy::input::mouse::MouseScrollUnit;
use bevy::prelude::*;
use bevy::ui::ComputedStackIndex;

/// Logical pixels a panel moves for one line of the wheel.
const LINE_PX: f32 = 36.0;

/// The wheel scrolls the top-most hovered panel that can scroll, within its content.
pub fn wheel_scrolls_panels(
    scroll: Res<AccumulatedMouseScroll>,
    mut panels: Query<(
        &Interaction,
        &Node,
        &ComputedNode,
        &ComputedStackIndex,
        &mut ScrollPosition,
    )>,
) {
    if scroll.delta.y == 0.0 {
        return;
    }
    let step = match scroll.unit {
        MouseScrollUnit::Line => scroll.delta.y * LINE_PX,
        MouseScrollUnit::Pixel => scroll.delta.y,
    };
    let top = panels
        .iter_mut()
        .filter(|(i, node, ..)| **i != Interaction::None && node.overflow.y == OverflowAxis::Scroll)
        .max_by_key(|(.., stack, _)| stack.0);
    if let Some((_, _, computed, _, mut at)) = top {
        let most = ((computed.content_size().y - computed.size().y)
            * computed.inverse_scale_factor())
        .max(0.0);
        // The wheel turned toward the player (negative) reads further down.
        let y = (at.y - step).clamp(0.0, most);
        if at.y != y {
            at.y = y;
        }
    }
}

/// Whether the pointer is over a panel (the wheel then does not zoom the map, a click does not
/// reach it).
pub fn over_panel<'a>(panels: impl IntoIterator<Item = &'a Interaction>) -> bool {
    panels.into_iter().any(|i| *i != Interaction::None)
}
