//! Line drawings kept between frames and rebuilt only when what they show changes: the map's
//! rivers, tracks, claim line and objective rings, and the marks on the counters. Drawn afresh each
//! frame through `Gizmos` they were built and sent to the renderer again every frame.

use super::line_mesh::LineMesh;
use bevy::prelude::*;

/// One retained mesh of lines ([`LineMesh`]), rebuilt only when its key changes.
pub struct Drawing<K> {
    key: Option<K>,
    mesh: Option<Handle<Mesh>>,
}

impl<K> Default for Drawing<K> {
    fn default() -> Self {
        Drawing {
            key: None,
            mesh: None,
        }
    }
}

impl<K: PartialEq> Drawing<K> {
    /// Builds the lines afresh with `draw` when `key` differs from the key last drawn, spawning
    /// the mesh's entity the first time. The lines are opaque and written with depth, so that
    /// whatever is drawn at a greater `z` lies over them and whatever at a lesser under them.
    pub fn show(
        &mut self,
        key: K,
        commands: &mut Commands,
        (meshes, materials): (&mut Assets<Mesh>, &mut Assets<ColorMaterial>),
        draw: impl FnOnce(&mut LineMesh),
    ) {
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let mut lines = LineMesh::default();
        draw(&mut lines);
        let mesh = lines.into_mesh();
        if let Some(mut old) = self.mesh.as_ref().and_then(|h| meshes.get_mut(h)) {
            *old = mesh;
        } else {
            let handle = meshes.add(mesh);
            commands.spawn((
                Mesh2d(handle.clone()),
                MeshMaterial2d(materials.add(ColorMaterial {
                    alpha_mode: bevy::sprite_render::AlphaMode2d::Opaque,
                    ..default()
                })),
                Transform::default(),
            ));
            self.mesh = Some(handle);
        }
        self.key = Some(key);
    }
}
