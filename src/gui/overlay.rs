//! What the selected unit can do, drawn over the map: a white ring on its hex, a green outline on
//! every hex it can still reach this turn (from the simulation's own movement search), and a red dot in
//! each hex of the enemy's zone of control, where a move must stop. During the player's turn the
//! hovered enemy hex next to the selection is outlined in orange: a click there attacks.

use super::{PX_PER_KM, Selection, ViewedScenario, hex_world};
use crate::sim::{Board, Clock, UnitParts, board_of};
use bevy::prelude::*;

/// Outlines a hex.
fn outline(gizmos: &mut Gizmos, centre: Vec2, scale: f32, colour: Color) {
    let r = PX_PER_KM / 3f32.sqrt() * scale;
    let corners: Vec<Vec2> = (0..=6)
        .map(|k| {
            let a = std::f32::consts::FRAC_PI_6 + k as f32 * std::f32::consts::FRAC_PI_3;
            centre + Vec2::new(a.cos(), a.sin()) * r
        })
        .collect();
    gizmos.linestrip_2d(corners, colour);
}

/// Draws an invisible line strip and line every frame, so that the renderer's line buffers always
/// exist and a selection only fills them: on the software renderer a selection otherwise waited
/// a frame for them to be made (a select click showed in 72–94 ms, a deselect in 34–44; with
/// them kept, 38–53 ms both), and the first selection of a game for its line pipelines too.
pub fn keep_lines(scn: Res<ViewedScenario>, mut gizmos: Gizmos) {
    let p = hex_world(&scn.0, crate::map::HexId(0));
    gizmos.linestrip_2d([p, p + Vec2::X], Color::NONE);
    gizmos.line_2d(p, p + Vec2::X, Color::NONE);
}

/// The simulation's units as a board, read once a frame for every view and input system: under fog
/// of war, the board as the player's side knows it (its own units, the enemy units it sees, and
/// ghosts of those it saw where and as it saw them last; `sim::rules::sight::known_board`).
#[derive(Resource)]
pub struct ViewBoard(pub Board);

impl Default for ViewBoard {
    fn default() -> Self {
        ViewBoard(Board::new(Vec::new(), 0))
    }
}

/// Reads the board for this frame.
pub fn read_view_board(
    scn: Res<ViewedScenario>,
    units: Query<UnitParts>,
    knowledge: Res<crate::sim::Knowledge>,
    humans: Res<crate::sim::Humans>,
    clock: Res<Clock>,
    mut view: ResMut<ViewBoard>,
) {
    let scn = &scn.0;
    let mut board = board_of(scn.map.len(), units.iter());
    board.epoch = scn.epoch_at(clock.now);
    view.0 = match crate::play::fog::viewer(scn, humans.0, clock.active) {
        Some(side) => crate::sim::rules::sight::known_board(scn, &board, &knowledge, side),
        None => board,
    };
}

pub fn draw(
    scn: Res<ViewedScenario>,
    selection: Res<Selection>,
    hovered: Res<super::Hovered>,
    clock: Res<Clock>,
    turn: Res<crate::sim::TurnState>,
    board: Res<ViewBoard>,
    mut gizmos: Gizmos,
) {
    let scn = &scn.0;
    let Some(id) = selection.0 else { return };
    let board = &board.0;
    let Some(u) = board.get(id) else { return };
    let zoc = board.zoc_of(scn, u.side.enemy());
    outline(&mut gizmos, hex_world(scn, u.hex), 0.98, Color::WHITE);
    if u.side == clock.active {
        for h in crate::play::move_targets(scn, board, &turn, id) {
            outline(
                &mut gizmos,
                hex_world(scn, h),
                0.8,
                Color::srgba(0.1, 0.75, 0.2, 0.55),
            );
        }
    }
    for (h, &z) in zoc.iter().enumerate() {
        if z {
            let p = hex_world(scn, crate::map::HexId(h as u32));
            // A dot a few pixels across: six sides are a circle at that size (the default 32
            // made every zone-of-control hex cost a hundred line vertices a frame).
            gizmos
                .circle_2d(
                    Isometry2d::from_translation(p + Vec2::new(0.0, -0.3 * PX_PER_KM)),
                    1.5,
                    Color::srgb(0.85, 0.1, 0.1),
                )
                .resolution(6);
        }
    }
    if let Some(h) = hovered.0
        && board.occupant(h) == Some(u.side.enemy())
        && scn.map.distance(h, u.hex) == 1
    {
        outline(
            &mut gizmos,
            hex_world(scn, h),
            0.9,
            Color::srgb(1.0, 0.55, 0.0),
        );
    }
}
