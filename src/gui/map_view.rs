//! Drawing the ground: one mesh of hexagons, each in its terrain's colour; over it one mesh of
//! hex-side rivers, bridges, tracks, the claim line and objectives ringed in their holder's colour;
//! and a dark blue shade over the ground during the scenario's night hours (place names: `labels`).

use super::line_mesh::LineMesh;
use super::units_view::side_colour;
use super::{PX_PER_KM, ViewedScenario, hex_world, parse_colour};
use crate::map::{HexId, SideFeature};
use bevy::prelude::*;

const RIVER: Color = Color::srgb(0.17, 0.42, 0.85);
const BRIDGE: Color = Color::srgb(0.35, 0.22, 0.10);
const TRACK: Color = Color::srgb(0.45, 0.38, 0.30);
const CLAIM: Color = Color::srgb(0.85, 0.10, 0.55);

/// Marks what [`spawn_map`] draws, to be replaced for another scenario.
#[derive(Component)]
pub struct MapPiece;

/// The shade laid over the ground at night.
#[derive(Component)]
pub struct NightShade;

/// Height of the night shade on the map (z): over the ground, under the counters (10 and up).
const Z_NIGHT: f32 = 2.0;

/// Height of the rivers, tracks, claim line and objective rings: over the ground, under the night
/// shade and the counters.
const Z_LINES: f32 = 1.0;

/// Widths of the map's lines, in world units (`PX_PER_KM` to the km): about 3, 2 and 2 screen
/// pixels at the zoom that frames the August map in a 1280×800 window.
const W_MAJOR_RIVER: f32 = 0.16 * PX_PER_KM;
const W_MINOR_RIVER: f32 = 0.10 * PX_PER_KM;
const W_BRIDGE: f32 = 0.08 * PX_PER_KM;
const W_TRACK: f32 = 0.08 * PX_PER_KM;
const W_CLAIM: f32 = 0.10 * PX_PER_KM;

/// The hex meshes, drawn again whenever the scenario shown changes (first at the start).
pub fn spawn_map(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    old: Query<Entity, With<MapPiece>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let scn = &scn.0;
    // Circumradius of a pointy hex 1 km across the flats.
    let radius = PX_PER_KM / 3f32.sqrt();
    // One mesh for the whole ground, each hex a fan of six triangles in its terrain's colour: one
    // draw instead of one a hex (on a software renderer the draws cost most of a frame).
    let colours: Vec<[f32; 4]> = scn
        .terrain
        .iter()
        .map(|t| parse_colour(&t.colour).to_linear().to_f32_array())
        .collect();
    let (mut positions, mut vertex_colours, mut indices) = (Vec::new(), Vec::new(), Vec::new());
    for h in 0..scn.map.len() as u32 {
        let h = HexId(h);
        let p = hex_world(scn, h);
        let colour = colours[scn.map.terrain[h.0 as usize] as usize];
        let centre = positions.len() as u32;
        positions.push([p.x, p.y, 0.0]);
        vertex_colours.push(colour);
        for k in 0..6 {
            let a = std::f32::consts::FRAC_PI_6 + k as f32 * std::f32::consts::FRAC_PI_3;
            let corner = p + Vec2::new(a.cos(), a.sin()) * radius * 0.985;
            positions.push([corner.x, corner.y, 0.0]);
            vertex_colours.push(colour);
            indices.extend([centre, centre + 1 + k, centre + 1 + (k + 1) % 6]);
        }
    }
    let ground = Mesh::new(
        bevy::mesh::PrimitiveTopology::TriangleList,
        bevy::asset::RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, vertex_colours)
    .with_inserted_indices(bevy::mesh::Indices::U32(indices));
    commands.spawn((
        MapPiece,
        Mesh2d(meshes.add(ground)),
        MeshMaterial2d(materials.add(ColorMaterial {
            alpha_mode: bevy::sprite_render::AlphaMode2d::Opaque,
            ..default()
        })),
        Transform::default(),
    ));
    let last = HexId((scn.map.len() - 1) as u32);
    let (a, b) = (hex_world(scn, HexId(0)), hex_world(scn, last));
    commands.spawn((
        MapPiece,
        NightShade,
        Sprite::from_color(
            Color::srgba(0.02, 0.04, 0.16, 0.38),
            (b - a).abs() + Vec2::splat(1.2 * PX_PER_KM),
        ),
        Transform::from_translation(((a + b) / 2.0).extend(Z_NIGHT)),
        Visibility::Hidden,
    ));
}

/// Shows the night shade during the scenario's night hours.
pub fn shade_night(
    scn: Res<ViewedScenario>,
    clock: Res<crate::sim::Clock>,
    mut shade: Query<&mut Visibility, With<NightShade>>,
) {
    let night = scn.0.is_night(clock.now);
    for mut v in &mut shade {
        v.set_if_neq(if night {
            Visibility::Visible
        } else {
            Visibility::Hidden
        });
    }
}

/// What the map's lines show: the scenario shown (counted each time it changes), the epoch (which
/// bridges stand) and each objective's holder.
type MapLinesKey = (u32, usize, Vec<crate::data::Side>);

/// Rivers and the bridges standing now on hex sides, tracks between hex centres, the claim line,
/// and objectives; built again only when the scenario, the epoch or an objective's holder changes.
#[allow(clippy::too_many_arguments)]
pub fn draw_hex_sides(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    tally: Option<Res<crate::sim::GameState>>,
    clock: Option<Res<crate::sim::Clock>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut drawing: Local<super::retained::Drawing<MapLinesKey>>,
    mut shown: Local<u32>,
) {
    if scn.is_changed() {
        *shown += 1;
    }
    let scn = &scn.0;
    let epoch = clock.map_or(0, |c| scn.epoch_at(c.now));
    // The scenario's holder until the simulation says otherwise.
    let holders: Vec<crate::data::Side> = (0..scn.objectives.len())
        .map(|i| {
            tally
                .as_ref()
                .and_then(|t| t.holders.get(i).copied())
                .unwrap_or(scn.objectives[i].holder)
        })
        .collect();
    let key = (*shown, epoch, holders.clone());
    drawing.show(key, &mut commands, (&mut meshes, &mut materials), |lines| {
        map_lines(scn, epoch, &holders, lines)
    });
}

/// Draws the map's lines for `epoch`, each objective ringed in its holder's colour.
fn map_lines(
    scn: &crate::scenario::Scenario,
    epoch: usize,
    holders: &[crate::data::Side],
    lines: &mut LineMesh,
) {
    let half_side = PX_PER_KM / 3f32.sqrt() / 2.0;
    lines.at_z(Z_LINES);
    for h in 0..scn.map.len() as u32 {
        let h = HexId(h);
        for (d, n) in scn.map.neighbors(h) {
            if n < h {
                continue;
            }
            let (a, b) = (hex_world(scn, h), hex_world(scn, n));
            let mid = (a + b) / 2.0;
            let along = (b - a).normalize().perp() * half_side;
            match scn.side_at(epoch, h, d) {
                SideFeature::MajorRiver => {
                    lines.line(mid - along, mid + along, W_MAJOR_RIVER, RIVER)
                }
                SideFeature::MinorRiver => {
                    lines.line(mid - along, mid + along, W_MINOR_RIVER, RIVER)
                }
                SideFeature::Bridge => {
                    lines.line(mid - along, mid + along, W_MINOR_RIVER, RIVER);
                    for off in [-0.15, 0.15] {
                        let o = along * off;
                        let (from, to) = (a + (b - a) * 0.3 + o, a + (b - a) * 0.7 + o);
                        lines.line(from, to, W_BRIDGE, BRIDGE);
                    }
                }
                SideFeature::Open => {}
            }
            if scn.map.has_track(h, d) {
                lines.line(a, b, W_TRACK, TRACK);
            }
        }
    }
    let claim: Vec<Vec2> = scn
        .map
        .claim_line
        .iter()
        .map(|&h| hex_world(scn, h))
        .collect();
    lines.strip(&claim, W_CLAIM, CLAIM);
    // Objectives: a ring in the colour of the side holding them, edged in black.
    for (o, &holder) in scn.objectives.iter().zip(holders) {
        let p = hex_world(scn, o.hex);
        lines.ring(p, 0.37 * PX_PER_KM, 0.45 * PX_PER_KM, side_colour(holder));
        lines.ring(p, 0.45 * PX_PER_KM, 0.48 * PX_PER_KM, Color::BLACK);
    }
}
