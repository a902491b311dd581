//! Objectives, checked at the end of each turn.
//!
//! Rule: an objective belongs to the side whose units stand on it; an empty objective stays with
//! its last holder (the scenario's `holder` at the start).

use crate::sim::SimEvent;
use crate::sim::apply::Step;

pub fn update(step: &mut Step) {
    let scn = step.scn.clone();
    for (i, o) in scn.objectives.iter().enumerate() {
        if let Some(side) = step.board.occupant(o.hex)
            && step.game().holders[i] != side
        {
            step.emit(SimEvent::ObjectiveTaken {
                objective: i,
                name: o.name.clone(),
                by: side,
            });
        }
    }
}
