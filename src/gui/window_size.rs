//! The window fits the screen it opens on: at most 95% of the primary monitor's width and 90% of
//! its height (room for the desktop's panels and the title bar), in logical pixels. Where the
//! default size fits it is kept.

use bevy::prelude::*;
use bevy::window::{Monitor, MonitorSelection, PrimaryMonitor, PrimaryWindow, WindowPosition};

/// Share of the monitor's width and height the window may take.
const ROOM: Vec2 = Vec2::new(0.95, 0.90);

/// The size a window of `size` takes on a monitor of `monitor` logical pixels: the same, or
/// smaller to fit; `None` when it fits already.
pub fn fitted(size: Vec2, monitor: Vec2) -> Option<Vec2> {
    let room = (monitor * ROOM).floor();
    (room.x > 0.0 && room.y > 0.0 && (size.x > room.x || size.y > room.y)).then(|| size.min(room))
}

/// Once the primary monitor is known, shrinks the primary window to fit it and centres it.
pub fn fit_to_monitor(
    monitors: Query<&Monitor, With<PrimaryMonitor>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut done: Local<bool>,
) {
    if *done {
        return;
    }
    let (Ok(m), Ok(mut w)) = (monitors.single(), windows.single_mut()) else {
        return;
    };
    *done = true;
    let scale = m.scale_factor.max(0.1) as f32;
    let monitor = Vec2::new(m.physical_width as f32, m.physical_height as f32) / scale;
    let size = Vec2::new(w.resolution.width(), w.resolution.height());
    if let Some(to) = fitted(size, monitor) {
        w.resolution.set(to.x, to.y);
        w.position = WindowPosition::Centered(MonitorSelection::Primary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_shrinks_to_fit_a_small_screen_and_keeps_its_size_on_a_large_one() {
        let default = Vec2::new(1280.0, 900.0);
        assert_eq!(
            fitted(default, Vec2::new(1280.0, 800.0)),
            Some(Vec2::new(1216.0, 720.0))
        );
        assert_eq!(
            fitted(default, Vec2::new(1366.0, 768.0)),
            Some(Vec2::new(1280.0, 691.0))
        );
        assert_eq!(fitted(default, Vec2::new(1920.0, 1080.0)), None);
        // A monitor of no size (a virtual one) leaves the window alone.
        assert_eq!(fitted(default, Vec2::ZERO), None);
    }
}
