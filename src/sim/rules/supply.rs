//! Supply, traced each turn after both sides have fought.
//!
//! Rules:
//! - A unit is in supply when a motorised supply column could reach its hex from one of its side's
//!   sources within `supply.max_trace_hours`, without entering enemy-held hexes or enemy zones of
//!   control (unless a friendly unit holds the hex), and crossing a major river only at a bridge.
//! - A unit out of supply loses `supply.cohesion_loss` cohesion a turn. After
//!   `supply.encircled_after_turns` turns out it is encircled: it loses `supply.attrition` of its
//!   men a turn (destroyed under `min_men`), and at or below `supply.surrender_cohesion` it
//!   surrenders with chance `supply.surrender_chance` a turn (one draw per such unit, by unit id).
//! - Then the turn's rest (see [`SimEvent::Rested`]).

use crate::data::Side;
use crate::map::steps::{IMPASSABLE, SWIM};
use crate::map::{HexId, NO_HEX};
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::buckets::with_queue;
use crate::sim::{Board, SimEvent, UnitSnap};

/// Per hex: whether `side` can trace supply to it.
pub fn supplied_hexes(scn: &Scenario, board: &Board, side: Side) -> Vec<bool> {
    supply_tree(scn, board, side)
        .into_iter()
        .map(|(c, _)| c != u32::MAX)
        .collect()
}

/// Per hex: the cheapest supply trace of `side` to it (minutes, `u32::MAX` where none) and the hex
/// the trace comes from (`NO_HEX` for sources and unsupplied hexes).
pub fn supply_tree(scn: &Scenario, board: &Board, side: Side) -> Vec<(u32, u32)> {
    trace(scn, board, side, None)
}

/// Whether each of `side`'s units can trace supply, by its position in `board.units` (`false` for
/// the enemy's): the trace stops as soon as every one of the side's hexes is settled.
pub fn units_supplied(scn: &Scenario, board: &Board, side: Side) -> Vec<bool> {
    let mut wanted = vec![false; scn.map.len()];
    for u in board.live().filter(|u| u.side == side) {
        wanted[u.hex.0 as usize] = true;
    }
    let best = trace(scn, board, side, Some(&wanted));
    board
        .units
        .iter()
        .map(|u| u.side == side && !u.gone && best[u.hex.0 as usize].0 != u32::MAX)
        .collect()
}

/// The supply trace; with `until`, it stops once every hex marked there is settled (the costs of
/// hexes beyond are then not all final).
fn trace(scn: &Scenario, board: &Board, side: Side, until: Option<&[bool]>) -> Vec<(u32, u32)> {
    let mut left = until.map_or(usize::MAX, |w| w.iter().filter(|&&x| x).count());
    let enemy_zoc = board.zoc_of(scn, side.enemy());
    let n = scn.map.len();
    let limit = (scn.rules.supply.max_trace_hours * 60.0) as u32;
    let mut best = vec![(u32::MAX, NO_HEX); n];
    let table = &scn.steps(board.epoch)[crate::map::steps::SUPPLY];
    // Per hex, whether a column may not enter it: computed once, read for every step.
    let barred: Vec<bool> = (0..n as u32)
        .map(|h| {
            let occ = board.occupant(HexId(h));
            occ == Some(side.enemy()) || (enemy_zoc[h as usize] && occ != Some(side))
        })
        .collect();
    let blocked = |h: HexId| barred[h.0 as usize];
    with_queue(|queue| {
        for &s in &scn.supply_sources[side.index()] {
            if board.occupant(s) != Some(side.enemy()) && best[s.0 as usize].0 != 0 {
                best[s.0 as usize].0 = 0;
                queue.push(0, s.0);
            }
        }
        while let Some((cost, h)) = queue.pop() {
            if cost != best[h as usize].0 {
                continue;
            }
            if let Some(w) = until
                && w[h as usize]
            {
                left -= 1;
                if left == 0 {
                    break;
                }
            }
            for (&nb, &c) in scn.map.nbrs[h as usize].iter().zip(&table[h as usize]) {
                if nb == NO_HEX || c == IMPASSABLE || c == SWIM || blocked(HexId(nb)) {
                    continue;
                }
                let nc = cost.saturating_add(c as u32);
                if nc <= limit && nc < best[nb as usize].0 {
                    best[nb as usize] = (nc, h);
                    queue.push(nc, nb);
                }
            }
        }
    });
    best
}

/// Per hex: the men of `side`'s supplied units that `counts` accepts whose cheapest supply trace
/// runs through it (their own hex included) — where cutting the side's routes would cut off the
/// most men.
pub fn supply_flow(
    scn: &Scenario,
    board: &Board,
    side: Side,
    counts: &dyn Fn(&UnitSnap) -> bool,
) -> Vec<u32> {
    let tree = supply_tree(scn, board, side);
    let mut flow = vec![0u32; scn.map.len()];
    for u in board.live().filter(|u| u.side == side && counts(u)) {
        let mut h = u.hex.0;
        if tree[h as usize].0 == u32::MAX {
            continue;
        }
        while h != NO_HEX {
            flow[h as usize] += u.strength.men;
            h = tree[h as usize].1;
        }
    }
    flow
}

/// The supply phase: traces supply for both sides, then attrition and surrender of encircled
/// units, then the turn's rest.
pub fn supply_phase(step: &mut Step) {
    let scn = step.scn.clone();
    let s = &scn.rules.supply;
    let supplied = [
        units_supplied(&scn, &step.board, Side::Soviet),
        units_supplied(&scn, &step.board, Side::Japanese),
    ];
    let cut: Vec<UnitIx> = step
        .board
        .units
        .iter()
        .enumerate()
        .filter(|(i, u)| !u.gone && !supplied[u.side.index()][*i])
        .map(|(_, u)| u.id)
        .collect();
    step.emit(SimEvent::SupplyTraced { cut: cut.clone() });
    for id in cut {
        let u = step.board.get(id).expect("live");
        let turns_out = u.supply.turns_out;
        if turns_out == 1 {
            step.emit(SimEvent::SupplyCut { unit: id });
        }
        if turns_out < s.encircled_after_turns {
            continue;
        }
        let u = step.board.get(id).expect("live");
        let men = ((u.strength.men as f32 * s.attrition).round() as u32).min(u.strength.men);
        step.emit(SimEvent::Attrition { unit: id, men });
        let u = step.board.get(id).expect("live");
        if u.strength.men < scn.rules.min_men {
            super::aftermath::destroy_if_spent(step, id);
            continue;
        }
        if u.condition.cohesion <= s.surrender_cohesion && step.draw() < s.surrender_chance {
            super::aftermath::surrender(step, id);
        }
    }
    step.emit(SimEvent::Rested);
}
