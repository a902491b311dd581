//! The computer's last turn drawn on the map: an arrow from where each of its units started a
//! move (or a retreat) to where it ended, in its side's colour.
//! A computer side's arrows are cleared when its next turn begins, so during a person's turn the
//! map shows what the enemy just did.

use super::{ViewedScenario, hex_world, units_view::side_colour};
use crate::data::Side;
use crate::map::HexId;
use crate::sim::{EventLog, Humans, SimEvent};
use bevy::prelude::*;

/// The moves of the computer sides' latest turns: (from, to, side).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ComputerPaths {
    read: usize,
    pub moves: Vec<(HexId, HexId, Side)>,
}

/// Reads new events into [`ComputerPaths`] (from the start again when the event log was replaced:
/// a new game, a load, an undo).
pub fn collect_paths(
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    humans: Res<Humans>,
    mut paths: ResMut<ComputerPaths>,
) {
    if events.0.len() < paths.read {
        *paths = ComputerPaths::default();
    }
    let computer = |side: Side| !humans.0[side.index()];
    for e in &events.0[paths.read..] {
        let (unit, from, to) = match e {
            SimEvent::SideToMove { side } if computer(*side) => {
                paths.moves.retain(|m| m.2 != *side);
                continue;
            }
            SimEvent::Moved { unit, from, to, .. } | SimEvent::Retreated { unit, from, to, .. } => {
                (*unit, *from, *to)
            }
            _ => continue,
        };
        let side = scn.0.units[unit as usize].side;
        if computer(side) && from != to {
            paths.moves.push((from, to, side));
        }
    }
    paths.read = events.0.len();
}

/// Draws the arrows of [`ComputerPaths`].
pub fn draw_paths(scn: Res<ViewedScenario>, paths: Res<ComputerPaths>, mut gizmos: Gizmos) {
    for &(from, to, side) in &paths.moves {
        let (a, b) = (hex_world(&scn.0, from), hex_world(&scn.0, to));
        gizmos
            .arrow_2d(a, b, side_colour(side).with_alpha(0.75))
            .with_tip_length(super::PX_PER_KM * 0.3);
    }
}
