//! The computer's last turn drawn on the map: an arrow from where each of its units started a
//! move (or a retreat) to where it ended, in its side's colour. Under fog of war only the moves
//! of units the player's side sees where they end are drawn.
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
    /// What the player's side is told (fog of war: moves of units it sees where they end).
    fog: Option<crate::play::fog::FogFilter>,
}

/// Reads new events into [`ComputerPaths`] (from the start again when the event log was replaced:
/// a new game, a load, an undo).
pub fn collect_paths(
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    humans: Res<Humans>,
    clock: Res<crate::sim::Clock>,
    mut paths: ResMut<ComputerPaths>,
) {
    use crate::play::fog::{FogFilter, Told, viewer};
    // A new game (its scenario inserted afresh) is read from its first event.
    if scn.is_changed() || events.0.len() < paths.read {
        *paths = ComputerPaths::default();
    }
    let computer = |side: Side| !humans.0[side.index()];
    let looking = viewer(&scn.0, humans.0, clock.active);
    let mut fog = paths
        .fog
        .take()
        .unwrap_or_else(|| FogFilter::new(&scn.0, looking));
    fog.set_viewer(looking);
    for i in paths.read..events.0.len() {
        let e = &events.0[i];
        if fog.told(&scn.0, &events.0, i) != Told::Yes {
            continue;
        }
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
    paths.fog = Some(fog);
}

/// Draws the arrows of [`ComputerPaths`] (unless the menu's P setting hides them): the turn's
/// first moves faint, its last ones strong, so the order of the moves shows.
pub fn draw_paths(
    scn: Res<ViewedScenario>,
    paths: Res<ComputerPaths>,
    settings: Option<Res<super::menu::Settings>>,
    mut gizmos: Gizmos,
) {
    if settings.is_some_and(|s| !s.arrows) {
        return;
    }
    let n = paths.moves.len().max(1) as f32;
    for (k, &(from, to, side)) in paths.moves.iter().enumerate() {
        let (a, b) = (hex_world(&scn.0, from), hex_world(&scn.0, to));
        let alpha = 0.3 + 0.5 * (k as f32 + 1.0) / n;
        gizmos
            .arrow_2d(a, b, side_colour(side).with_alpha(alpha))
            .with_tip_length(super::PX_PER_KM * 0.3);
    }
}
