//! Objectives, checked at the end of each turn.
//!
//! Rule: an objective belongs to the side whose units stand on it; an empty objective stays with
//! its last holder (the scenario's `holder` at the start).

use crate::data::Side;
use crate::scenario::Scenario;
use crate::sim::apply::Step;
use crate::sim::{Board, SimEvent};

/// The objectives that pass to another side by this rule if the turn ended on `board` now: each
/// objective's index and the side standing on it. `holders` are the holders now (an objective
/// missing from it: its holder at the start). Units the board knows only where last seen (`ghost`,
/// under fog of war) stand on nothing.
pub fn changing_hands(scn: &Scenario, board: &Board, holders: &[Side]) -> Vec<(usize, Side)> {
    scn.objectives
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let side = board
                .units_at(o.hex)
                .filter_map(|id| board.get(id))
                .find(|u| !u.ghost)?
                .side;
            (side != holders.get(i).copied().unwrap_or(o.holder)).then_some((i, side))
        })
        .collect()
}

pub fn update(step: &mut Step) {
    let scn = step.scn.clone();
    for (i, side) in changing_hands(&scn, &step.board, &step.game().holders) {
        step.emit(SimEvent::ObjectiveTaken {
            objective: i,
            name: scn.objectives[i].name.clone(),
            by: side,
        });
    }
}
