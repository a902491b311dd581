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
    let enemy_zoc = board.zoc_of(scn, side.enemy());
    let n = scn.map.len();
    let limit = (scn.rules.supply.max_trace_hours * 60.0) as u32;
    let mut best = vec![u32::MAX; n];
    let table = &scn.step_minutes[Mobility::Motorised as usize];
    let blocked = |h: HexId| {
        let occ = board.occupant(h);
        occ == Some(side.enemy()) || (enemy_zoc[h.0 as usize] && occ != Some(side))
    };
    with_queue(|queue| {
        for &s in &scn.supply_sources[side.index()] {
            if board.occupant(s) != Some(side.enemy()) && best[s.0 as usize] != 0 {
                best[s.0 as usize] = 0;
                queue.push(0, s.0);
            }
        }
        while let Some((cost, h)) = queue.pop() {
            if cost != best[h as usize] {
                continue;
            }
            for (&nb, &c) in scn.map.nbrs[h as usize].iter().zip(&table[h as usize]) {
                if nb == NO_HEX || c == IMPASSABLE || c == SWIM || blocked(HexId(nb)) {
                    continue;
                }
                let nc = cost + c as u32;
                if nc <= limit && nc < best[nb as usize] {
                    best[nb as usize] = nc;
                    queue.push(nc, nb);
                }
            }
        }
    });
    best.into_iter().map(|c| c != u32::MAX).collect()
}
