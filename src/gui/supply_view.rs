//! The supply view (V): every hex the side's supply cannot reach now hatched in dark red, from the
//! rules' own trace ([`crate::sim::supply::supplied_hexes`]) on the board as the side knows it, so a
//! player sees where a ring is open or a line cut before the turn's supply phase says so. The side
//! is the person's (in a hot-seat game, the side to move); V again shows the enemy's supply as far
//! as that side can tell (traced among the enemy units it sees), to check a ring is closed; V a
//! third time hides the view.

use super::line_mesh::LineMesh;
use super::overlay::ViewBoard;
use super::{PX_PER_KM, ViewedScenario, hex_world};
use crate::data::Side;
use crate::map::HexId;
use crate::sim::{Clock, Humans};
use bevy::prelude::*;

/// What the supply view shows.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SupplyView {
    #[default]
    Off,
    /// The supply of the person's side.
    Own,
    /// The enemy's, as the person's side can tell.
    Enemy,
}

/// The line under the top bar that says what the view shows.
#[derive(Component)]
pub struct SupplyLegend;

/// Height of the hatching: over the ground, under the rivers and tracks.
const Z_HATCH: f32 = 0.5;
/// The hatching's colour and line width (world units).
const HATCH: Color = Color::srgb(0.55, 0.06, 0.06);
const HATCH_WIDTH: f32 = 1.3;

/// V goes round the supply view: the side's own supply, the enemy's, off.
pub fn toggle(keys: Res<ButtonInput<KeyCode>>, mut view: ResMut<SupplyView>) {
    if keys.just_pressed(KeyCode::KeyV) {
        *view = match *view {
            SupplyView::Off => SupplyView::Own,
            SupplyView::Own => SupplyView::Enemy,
            SupplyView::Enemy => SupplyView::Off,
        };
    }
}

/// Per hex, whether the view hatches it: `side`'s supply cannot reach it on `board`.
pub fn hatched(
    scn: &crate::scenario::Scenario,
    board: &crate::sim::Board,
    side: Side,
) -> Vec<bool> {
    crate::sim::supply::supplied_hexes(scn, board, side)
        .into_iter()
        .map(|s| !s)
        .collect()
}

/// The side whose supply is shown: the person's, else the side to move.
pub fn side_shown(humans: [bool; 2], active: Side) -> Side {
    match humans {
        [true, false] => Side::Soviet,
        [false, true] => Side::Japanese,
        _ => active,
    }
}

/// The side whose supply `view` shows: the person's (see [`side_shown`]), or the enemy's.
pub fn view_side(view: SupplyView, humans: [bool; 2], active: Side) -> Side {
    let own = side_shown(humans, active);
    if view == SupplyView::Enemy {
        own.enemy()
    } else {
        own
    }
}

/// What the hatching shows: the view, the scenario shown (counted), the side, and the hexes its
/// supply does not reach.
type HatchKey = (SupplyView, u32, Side, Vec<bool>);

/// Hatches the hexes beyond the side's supply while the view is on (built again only when they
/// change), and shows or hides the legend.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    mut commands: Commands,
    view: Res<SupplyView>,
    scn: Res<ViewedScenario>,
    board: Res<ViewBoard>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut legend: Query<(&mut Visibility, &mut Text), With<SupplyLegend>>,
    (mut drawing, mut shown): (Local<super::retained::Drawing<HatchKey>>, Local<u32>),
) {
    if scn.is_changed() {
        *shown += 1;
    }
    let on = *view != SupplyView::Off;
    let side = view_side(*view, humans.0, clock.active);
    let cut = if on {
        hatched(&scn.0, &board.0, side)
    } else {
        Vec::new()
    };
    for (mut vis, mut text) in &mut legend {
        vis.set_if_neq(if on {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        let line = if *view == SupplyView::Enemy {
            format!(
                "Supply view (V, again: off): hexes hatched red are beyond the {} side's supply \
                 as far as your side can tell (traced among the enemy units it sees): an enemy \
                 unit there is cut off at the turn's end, where no hatching is the ring is open",
                side.adjective()
            )
        } else {
            format!(
                "Supply view (V, again: the enemy's): hexes hatched red are beyond the {} side's \
                 supply now; a unit there is out of supply at the turn's end (a column from a \
                 source must reach it without crossing enemy units or their zones of control, \
                 except where your units stand)",
                side.adjective()
            )
        };
        if on && text.0 != line {
            text.0 = line;
        }
    }
    let key = (*view, *shown, side, cut);
    let scn = &scn.0;
    drawing.show(
        key.clone(),
        &mut commands,
        (&mut meshes, &mut materials),
        |lines| {
            lines.at_z(Z_HATCH);
            for (h, _) in key.3.iter().enumerate().filter(|(_, c)| **c) {
                hatch(lines, hex_world(scn, HexId(h as u32)));
            }
        },
    );
}

/// Three parallel diagonal strokes across a hex, inside its inner circle.
fn hatch(lines: &mut LineMesh, centre: Vec2) {
    let inner = PX_PER_KM / 2.0 * 0.9;
    let along = Vec2::new(1.0, 1.0).normalize();
    let across = Vec2::new(-along.y, along.x);
    for k in [-1.0f32, 0.0, 1.0] {
        let off = k * inner * 0.5;
        let half = (inner * inner - off * off).sqrt();
        let mid = centre + across * off;
        lines.line(mid - along * half, mid + along * half, HATCH_WIDTH, HATCH);
    }
}

/// The legend's node, hidden until the view is on.
pub fn spawn_legend(mut commands: Commands) {
    commands.spawn((
        SupplyLegend,
        Node {
            position_type: PositionType::Absolute,
            top: px(44),
            left: px(8),
            max_width: px(560),
            padding: UiRect::all(px(6)),
            ..default()
        },
        BackgroundColor(Color::srgb(0.05, 0.05, 0.06)),
        Text::new(""),
        TextFont {
            font_size: bevy::text::FontSize::Px(13.0),
            ..default()
        },
        TextColor(Color::srgb(0.95, 0.85, 0.8)),
        Visibility::Hidden,
    ));
}
