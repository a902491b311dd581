//! Waking the window from another thread: the scenario list checked on its own thread and the
//! file watcher ([`super::reload`]) call [`Wake::wake`] when they have news, so the window can
//! sleep until input or news instead of waking on a timer to look for it.

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// Wakes the window's event loop; does nothing without a window (tests, headless runs).
#[derive(Resource, Clone, Default)]
pub struct Wake {
    send: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Frames still to draw for news: the frame that takes the news in is drawn while the next
    /// one is updated (pipelined rendering), as after input ([`super::redraw`]).
    frames: Arc<AtomicU8>,
}

/// Frames drawn after news.
const FRAMES_AFTER_NEWS: u8 = 2;

impl Wake {
    pub fn wake(&self) {
        self.frames.store(FRAMES_AFTER_NEWS, Ordering::Relaxed);
        if let Some(f) = &self.send {
            f();
        }
    }

    /// Whether a frame is still owed to news, counting this one.
    pub fn owed(&self) -> bool {
        self.frames
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }
}

pub struct WakePlugin;

impl Plugin for WakePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Wake>().add_systems(Startup, install);
    }
}

/// Takes a handle on the window's event loop, where there is one.
fn install(mut wake: ResMut<Wake>, proxy: Option<Res<EventLoopProxyWrapper>>) {
    if let Some(p) = proxy {
        let p = (**p).clone();
        wake.send = Some(Arc::new(move || {
            // The loop is gone when the window closes: nothing to wake then.
            let _ = p.send_event(WinitUserEvent::WakeUp);
        }));
    }
}
