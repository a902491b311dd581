//! Supply tracing: a unit is in supply when a motorised supply column could reach its hex from one of
//! its side's sources within `max_trace_hours`, without entering enemy-held hexes or enemy zones of
//! control (unless a friendly unit holds the hex), and crossing a major river only at a bridge.

use super::board::Board;
use super::movement::{IMPASSABLE, SWIM};
use crate::data::{Mobility, Side};
use crate::map::HexId;
use crate::scenario::Scenario;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Per hex: whether `side` can trace supply to it.
pub fn supplied_hexes(scn: &Scenario, board: &Board, side: Side) -> Vec<bool> {
    let enemy_zoc = board.zoc_of(scn, side.enemy());
    let n = scn.map.len();
    let limit = (scn.rules.supply.max_trace_hours * 60.0) as u32;
    let mut best = vec![u32::MAX; n];
    let mut heap = BinaryHeap::new();
    for &s in &scn.supply_sources[side.index()] {
        if board.occupant(s) != Some(side.enemy()) && best[s.0 as usize] != 0 {
            best[s.0 as usize] = 0;
            heap.push(Reverse((0u32, s)));
        }
    }
    let table = &scn.step_minutes[Mobility::Motorised as usize];
    let blocked = |h: HexId| {
        let occ = board.occupant(h);
        occ == Some(side.enemy()) || (enemy_zoc[h.0 as usize] && occ != Some(side))
    };
    while let Some(Reverse((cost, h))) = heap.pop() {
        if cost != best[h.0 as usize] {
            continue;
        }
        for (d, nb) in scn.map.neighbors(h) {
            if blocked(nb) {
                continue;
            }
            let c = table[h.0 as usize][d];
            if c == IMPASSABLE || c == SWIM {
                continue;
            }
            let nc = cost + c as u32;
            if nc <= limit && nc < best[nb.0 as usize] {
                best[nb.0 as usize] = nc;
                heap.push(Reverse((nc, nb)));
            }
        }
    }
    best.into_iter().map(|c| c != u32::MAX).collect()
}
