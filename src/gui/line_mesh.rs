//! Lines, rings and ellipses built as triangles of one vertex-coloured mesh, each at its own
//! height (z): the map's rivers, tracks, claim line and objective rings under the counters, and each
//! counter's marks just over its counter. One draw for each, where lines drawn through `Gizmos` cost
//! a third of a frame on the software renderer. Widths are in world units (px of the map at zoom
//! 1, `PX_PER_KM` to the km), so that the lines scale with the map as a printed map's would.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// Segments in a full ring.
const RING_SEGMENTS: u32 = 32;

/// Triangles being gathered for one mesh.
#[derive(Default)]
pub struct LineMesh {
    z: f32,
    positions: Vec<[f32; 3]>,
    colours: Vec<[f32; 4]>,
    indices: Vec<u32>,
}

impl LineMesh {
    /// Draws what follows at height `z`.
    pub fn at_z(&mut self, z: f32) {
        self.z = z;
    }

    fn quad(&mut self, corners: [Vec2; 4], colour: [f32; 4]) {
        let base = self.positions.len() as u32;
        for c in corners {
            self.positions.push([c.x, c.y, self.z]);
            self.colours.push(colour);
        }
        self.indices
            .extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }

    /// A straight line from `a` to `b`, `width` across, square-ended.
    pub fn line(&mut self, a: Vec2, b: Vec2, width: f32, colour: Color) {
        let Some(dir) = (b - a).try_normalize() else {
            return;
        };
        let side = dir.perp() * width / 2.0;
        let colour = colour.to_linear().to_f32_array();
        self.quad([a - side, b - side, b + side, a + side], colour);
    }

    /// Lines through `points` in turn, each extended by half the width at both ends so that
    /// the joints show no notch.
    pub fn strip(&mut self, points: &[Vec2], width: f32, colour: Color) {
        for pair in points.windows(2) {
            let dir = (pair[1] - pair[0]).normalize_or_zero() * width / 2.0;
            self.line(pair[0] - dir, pair[1] + dir, width, colour);
        }
    }

    /// A ring round `centre` from radius `inner` to `outer`.
    pub fn ring(&mut self, centre: Vec2, inner: f32, outer: f32, colour: Color) {
        self.ellipse_ring(centre, Vec2::splat(inner), Vec2::splat(outer), colour);
    }

    /// An ellipse's outline round `centre` with half-axes `half`, `width` across.
    pub fn ellipse(&mut self, centre: Vec2, half: Vec2, width: f32, colour: Color) {
        let w = Vec2::splat(width / 2.0);
        self.ellipse_ring(centre, half - w, half + w, colour);
    }

    /// The band between two ellipses round `centre`, of half-axes `inner` and `outer`.
    fn ellipse_ring(&mut self, centre: Vec2, inner: Vec2, outer: Vec2, colour: Color) {
        let colour = colour.to_linear().to_f32_array();
        let at = |k: u32, r: Vec2| {
            let a = k as f32 * std::f32::consts::TAU / RING_SEGMENTS as f32;
            centre + Vec2::new(a.cos(), a.sin()) * r
        };
        for k in 0..RING_SEGMENTS {
            self.quad(
                [
                    at(k, inner),
                    at(k, outer),
                    at(k + 1, outer),
                    at(k + 1, inner),
                ],
                colour,
            );
        }
    }

    /// The mesh of everything gathered. With nothing gathered it holds one triangle of no area
    /// (nothing drawn): the renderer's mesh allocator takes an empty mesh for a freed one and logs
    /// an error each time it is sent (bevy issues 24874, 25246).
    pub fn into_mesh(mut self) -> Mesh {
        if self.indices.is_empty() {
            self.positions = vec![[0.0, 0.0, self.z]; 3];
            self.colours = vec![[0.0; 4]; 3];
            self.indices = vec![0, 1, 2];
        }
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colours)
        .with_inserted_indices(Indices::U32(self.indices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_drawing_is_one_triangle_of_no_area_and_a_line_two_of_some() {
        let count = |m: &Mesh| m.indices().map_or(0, |i| i.len());
        let empty = LineMesh::default().into_mesh();
        assert_eq!(count(&empty), 3);
        let Some(bevy::mesh::VertexAttributeValues::Float32x3(p)) =
            empty.attribute(Mesh::ATTRIBUTE_POSITION)
        else {
            panic!("positions")
        };
        assert!(p.iter().all(|v| v == &p[0]), "no area: {p:?}");
        let mut one = LineMesh::default();
        one.line(Vec2::ZERO, Vec2::X * 10.0, 2.0, Color::WHITE);
        assert_eq!(count(&one.into_mesh()), 6);
    }
}
