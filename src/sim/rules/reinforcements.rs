//! Reinforcements and withdrawals, after supply each turn.
//!
//! Rules:
//! - A unit due to leave (`withdraws`) by the start of the next turn is taken off the map.
//! - A unit due to arrive (`arrives`) by the start of the next turn enters at its hex, or the
//!   nearest hex within `arrival_radius` (by distance, then hex id) with no enemy in it, passable
//!   to it and with room in the stack; with none it waits for the next turn.
//! - Units are taken in scenario order.

use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::{Board, SimEvent};

pub fn reinforcements_phase(step: &mut Step) {
    let scn = step.scn.clone();
    let due = step.clock().now.plus_hours(scn.file.turn_hours as i64);
    for (ix, u) in scn.units.iter().enumerate() {
        let id = ix as UnitIx;
        let (arrived, removed) = (step.game().arrived[ix], step.game().removed[ix]);
        if let Some(w) = u.withdraws
            && w <= due
            && arrived
            && !removed
            && step.board.get(id).is_some()
        {
            step.emit(SimEvent::Withdrawn { unit: id });
            continue;
        }
        let Some(a) = u.arrives else { continue };
        if arrived || a > due {
            continue;
        }
        if let Some(hex) = arrival_hex(&scn, &step.board, ix) {
            step.emit(SimEvent::Arrived { unit: id, hex });
        }
    }
}

/// The unit's arrival hex, or the nearest free one (see the module's rules).
fn arrival_hex(scn: &Scenario, board: &Board, ix: usize) -> Option<HexId> {
    let u = &scn.units[ix];
    let ut = &scn.unit_types[u.kind];
    let axial = scn.map.axial(u.hex);
    let mut candidates: Vec<HexId> = axial
        .range(scn.rules.arrival_radius)
        .filter_map(|a| scn.map.from_axial(a))
        .collect();
    candidates.sort_by_key(|&h| (scn.map.distance(u.hex, h), h));
    candidates.into_iter().find(|&h| {
        board.occupant(h) != Some(u.side.enemy())
            && scn.terrain_at(h).cost.get(ut.mobility).is_some()
            && board.stacking_at(scn, h) + ut.stacking <= scn.rules.stacking_limit
    })
}
