//! Supply tracing: a unit is in supply when a motorised supply column could reach its hex from one of
//! its side's sources within `max_trace_hours`, without entering enemy-held hexes or enemy zones of
//! control (unless a friendly unit holds the hex), and crossing a major river only at a bridge.

use super::board::Board;
use super::buckets::with_queue;
use super::movement::{IMPASSABLE, SWIM};
use crate::data::{Mobility, Side};
use crate::map::{HexId, NO_HEX};
use crate::scenario::Scenario;

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
    let enemy_zoc = board.zoc_of(scn, side.enemy());
    let n = scn.map.len();
    let limit = (scn.rules.supply.max_trace_hours * 60.0) as u32;
    let mut best = vec![(u32::MAX, NO_HEX); n];
    let table = &scn.step_minutes[Mobility::Motorised as usize];
    let blocked = |h: HexId| {
        let occ = board.occupant(h);
        occ == Some(side.enemy()) || (enemy_zoc[h.0 as usize] && occ != Some(side))
    };
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
            for (&nb, &c) in scn.map.nbrs[h as usize].iter().zip(&table[h as usize]) {
                if nb == NO_HEX || c == IMPASSABLE || c == SWIM || blocked(HexId(nb)) {
                    continue;
                }
                let nc = cost + c as u32;
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
    counts: &dyn Fn(&super::board::UnitSnap) -> bool,
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
