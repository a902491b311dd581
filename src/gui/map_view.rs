//! Drawing the ground and the units: one hexagon mesh per hex in its terrain's colour, hex-side rivers,
//! bridges, tracks and the claim line drawn as lines, named places labelled, and unit counters in the
//! NATO style (a frame in the side's colour with the branch symbol: a cross for infantry, an oval for
//! armour, a diagonal for cavalry, a dot for artillery, a flag for headquarters).

use super::{PX_PER_KM, ViewedScenario, hex_world, parse_colour};
use crate::data::Side;
use crate::data::rules::Branch;
use crate::map::{HexId, SideFeature};
use bevy::prelude::*;

/// Soviet counters: red-brown; Japanese counters: ochre.
pub fn side_colour(side: Side) -> Color {
    match side {
        Side::Soviet => Color::srgb(0.70, 0.22, 0.17),
        Side::Japanese => Color::srgb(0.86, 0.70, 0.20),
    }
}

const RIVER: Color = Color::srgb(0.17, 0.42, 0.85);
const BRIDGE: Color = Color::srgb(0.35, 0.22, 0.10);
const TRACK: Color = Color::srgb(0.45, 0.38, 0.30);
const CLAIM: Color = Color::srgb(0.85, 0.10, 0.55);
/// Counter size in world units.
const COUNTER: Vec2 = Vec2::new(0.62 * PX_PER_KM, 0.42 * PX_PER_KM);

/// Marks a unit counter with the unit's index.
#[derive(Component)]
pub struct Counter(pub usize);

pub fn spawn_map(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let scn = &scn.0;
    // Circumradius of a pointy hex 1 km across the flats.
    let radius = PX_PER_KM / 3f32.sqrt();
    let hexagon = meshes.add(RegularPolygon::new(radius * 0.985, 6));
    let terrain_materials: Vec<_> = scn
        .terrain
        .iter()
        .map(|t| materials.add(parse_colour(&t.colour)))
        .collect();
    for h in 0..scn.map.len() as u32 {
        let h = HexId(h);
        let p = hex_world(scn, h);
        let t = scn.map.terrain[h.0 as usize] as usize;
        commands.spawn((
            Mesh2d(hexagon.clone()),
            MeshMaterial2d(terrain_materials[t].clone()),
            Transform::from_xyz(p.x, p.y, 0.0),
        ));
    }
}

pub fn spawn_units(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let scn = &scn.0;
    let frame = meshes.add(Rectangle::new(COUNTER.x, COUNTER.y));
    let border = meshes.add(Rectangle::new(COUNTER.x + 2.0, COUNTER.y + 2.0));
    let black = materials.add(Color::BLACK);
    let fills = [
        materials.add(side_colour(Side::Soviet)),
        materials.add(side_colour(Side::Japanese)),
    ];
    let mut in_hex: std::collections::BTreeMap<HexId, u32> = Default::default();
    for (i, u) in scn
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.arrives.is_none())
    {
        let k = in_hex.entry(u.hex).or_default();
        let offset = Vec2::new(3.0, -3.0) * *k as f32;
        *k += 1;
        let p = hex_world(scn, u.hex) + offset;
        let z = 10.0 + i as f32 * 0.01;
        commands.spawn((
            Mesh2d(border.clone()),
            MeshMaterial2d(black.clone()),
            Transform::from_xyz(p.x, p.y, z),
        ));
        commands.spawn((
            Counter(i),
            Mesh2d(frame.clone()),
            MeshMaterial2d(fills[u.side.index()].clone()),
            Transform::from_xyz(p.x, p.y, z + 0.001),
        ));
    }
}

pub fn spawn_labels(mut commands: Commands, scn: Res<ViewedScenario>) {
    let scn = &scn.0;
    for (name, &h) in &scn.map.places {
        if name.starts_with("West edge") || name.starts_with("East edge") {
            continue;
        }
        let p = hex_world(scn, h) + Vec2::new(0.0, 0.62 * PX_PER_KM);
        commands.spawn((
            Text2d::new(name.clone()),
            TextFont {
                font_size: FontSize::Px(11.0),
                ..default()
            },
            TextColor(Color::srgb(0.05, 0.05, 0.05)),
            Transform::from_xyz(p.x, p.y, 50.0),
        ));
    }
}

/// Rivers and bridges on hex sides, tracks between hex centres, the claim line, and counter symbols.
pub fn draw_hex_sides(
    scn: Res<ViewedScenario>,
    counters: Query<(&Counter, &Transform)>,
    mut gizmos: Gizmos,
) {
    let scn = &scn.0;
    let half_side = PX_PER_KM / 3f32.sqrt() / 2.0;
    for h in 0..scn.map.len() as u32 {
        let h = HexId(h);
        for (d, n) in scn.map.neighbors(h) {
            if n < h {
                continue;
            }
            let (a, b) = (hex_world(scn, h), hex_world(scn, n));
            let mid = (a + b) / 2.0;
            let along = (b - a).normalize().perp() * half_side;
            match scn.map.side_feature(h, d) {
                SideFeature::MajorRiver => {
                    gizmos.line_2d(mid - along, mid + along, RIVER);
                    gizmos.line_2d(
                        mid - along + (b - a) * 0.04,
                        mid + along + (b - a) * 0.04,
                        RIVER,
                    );
                }
                SideFeature::MinorRiver => gizmos.line_2d(mid - along, mid + along, RIVER),
                SideFeature::Bridge => {
                    gizmos.line_2d(mid - along, mid + along, RIVER);
                    gizmos.line_2d(a + (b - a) * 0.3, a + (b - a) * 0.7, BRIDGE);
                    gizmos.line_2d(
                        a + (b - a) * 0.3 + along * 0.3,
                        a + (b - a) * 0.7 + along * 0.3,
                        BRIDGE,
                    );
                }
                SideFeature::Open => {}
            }
            if scn.map.has_track(h, d) {
                gizmos.line_2d(a, b, TRACK);
            }
        }
    }
    let claim: Vec<Vec2> = scn
        .map
        .claim_line
        .iter()
        .map(|&h| hex_world(scn, h))
        .collect();
    gizmos.linestrip_2d(claim, CLAIM);
    for (c, t) in &counters {
        let u = &scn.units[c.0];
        let p = t.translation.truncate();
        let (hw, hh) = (COUNTER.x / 2.0 - 2.0, COUNTER.y / 2.0 - 2.0);
        let ink = Color::BLACK;
        match scn.unit_types[u.kind].branch {
            Branch::Infantry | Branch::MotorisedInfantry | Branch::Engineer => {
                gizmos.line_2d(p + Vec2::new(-hw, -hh), p + Vec2::new(hw, hh), ink);
                gizmos.line_2d(p + Vec2::new(-hw, hh), p + Vec2::new(hw, -hh), ink);
            }
            Branch::Armor => {
                gizmos.ellipse_2d(
                    Isometry2d::from_translation(p),
                    Vec2::new(hw * 0.75, hh * 0.6),
                    ink,
                );
            }
            Branch::Cavalry => gizmos.line_2d(p + Vec2::new(-hw, -hh), p + Vec2::new(hw, hh), ink),
            Branch::Artillery => {
                gizmos.circle_2d(Isometry2d::from_translation(p), hh * 0.4, ink);
            }
            Branch::AntiTank => {
                gizmos.line_2d(p + Vec2::new(-hw, -hh), p + Vec2::new(0.0, hh), ink);
                gizmos.line_2d(p + Vec2::new(hw, -hh), p + Vec2::new(0.0, hh), ink);
            }
            Branch::Headquarters => gizmos.line_2d(
                p + Vec2::new(-hw, hh * 0.2),
                p + Vec2::new(hw, hh * 0.2),
                ink,
            ),
        }
    }
}
