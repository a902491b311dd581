//! Line drawings kept between frames and rebuilt only when what they show changes: the map's rivers,
//! tracks, claim line and objective rings, and the marks on the counters. Drawn afresh each frame
//! through `Gizmos` they were built and sent to the renderer again every frame.

use bevy::prelude::*;

/// One retained line drawing: a `Gizmo` entity and the key of what it shows now.
pub struct Drawing<K> {
    key: Option<K>,
    handle: Option<Handle<GizmoAsset>>,
}

impl<K> Default for Drawing<K> {
    fn default() -> Self {
        Drawing {
            key: None,
            handle: None,
        }
    }
}

impl<K: PartialEq> Drawing<K> {
    /// Draws afresh with `draw` when `key` differs from the key last drawn, spawning the drawing's
    /// entity the first time.
    pub fn show(
        &mut self,
        key: K,
        commands: &mut Commands,
        assets: &mut Assets<GizmoAsset>,
        draw: impl FnOnce(&mut GizmoAsset),
    ) {
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let mut lines = GizmoAsset::new();
        draw(&mut lines);
        if let Some(mut old) = self.handle.as_ref().and_then(|h| assets.get_mut(h)) {
            *old = lines;
        } else {
            let handle = assets.add(lines);
            commands.spawn(Gizmo {
                handle: handle.clone(),
                ..default()
            });
            self.handle = Some(handle);
        }
        self.key = Some(key);
    }
}
