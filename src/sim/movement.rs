//! Movement: terrain and mobility costs (hours per 1 km hex), rivers, tracks, zones of control
//! and stacking.
//!
//! Rules:
//! - A unit spends at most its type's `move_hours` per turn. Entering a hex costs the terrain's hours
//!   for the unit's mobility, or the track cost when a track crosses the hex side; a minor river side
//!   adds `minor_river_hours`.
//! - An unbridged major river side is closed to vehicles; foot and horse cross it only as their first
//!   step of the turn, and the crossing ends their move.
//! - A unit may always move one hex if the hex is passable to it, whatever the cost.
//! - Entering a hex in an enemy zone of control ends the move; a unit that starts in an enemy zone
//!   cannot step directly into another enemy-zone hex.
//! - Hexes with enemy units cannot be entered; a move cannot end where stacking would pass the limit.

use super::board::Board;
use crate::data::{Mobility, Side};
use crate::map::{HexId, SideFeature};
use crate::scenario::{Scenario, UnitIx};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveError {
    NoSuchUnit(UnitIx),
    NotYourUnit,
    AlreadyMoved,
    Unreachable { reason: String },
    Stacking { points: u32, limit: u32 },
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::NoSuchUnit(id) => write!(f, "unit #{id} is not on the map"),
            MoveError::NotYourUnit => write!(f, "the unit belongs to the other side"),
            MoveError::AlreadyMoved => write!(f, "the unit has already moved this turn"),
            MoveError::Unreachable { reason } => write!(f, "cannot reach the hex: {reason}"),
            MoveError::Stacking { points, limit } => {
                write!(
                    f,
                    "the hex would hold {points} stacking points, more than the limit of {limit}"
                )
            }
        }
    }
}

/// Hours to step from `from` into the adjacent `to` for a unit of this mobility, ignoring units;
/// `None` when impassable. `first_step` allows a major-river crossing on foot or horse.
pub fn step_cost(
    scn: &Scenario,
    unit: UnitIx,
    from: HexId,
    to: HexId,
    first_step: bool,
) -> Option<f32> {
    let ut = &scn.unit_types[scn.units[unit as usize].kind];
    mobility_step_cost(scn, ut.mobility, ut.move_hours, from, to, first_step)
}

/// [`step_cost`] for a mobility class with a given turn allowance (hours).
pub fn mobility_step_cost(
    scn: &Scenario,
    mob: Mobility,
    allowance: f32,
    from: HexId,
    to: HexId,
    first_step: bool,
) -> Option<f32> {
    let dir = scn.map.side_between(from, to)?;
    let feature = scn.map.side_feature(from, dir);
    if feature == SideFeature::MajorRiver {
        return (!mob.is_vehicle() && first_step).then_some(allowance);
    }
    let terrain = scn.terrain_at(to).cost.get(mob)?;
    let base = if scn.map.has_track(from, dir) {
        scn.rules
            .track_cost
            .get(mob)
            .unwrap_or(terrain)
            .min(terrain)
    } else {
        terrain
    };
    Some(
        base + if feature == SideFeature::MinorRiver {
            scn.rules.minor_river_hours
        } else {
            0.0
        },
    )
}

/// One hex a unit can reach this turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    pub hex: HexId,
    /// Hours spent to get there.
    pub hours: f32,
    /// The hex it came from (itself for the start).
    pub prev: HexId,
    /// The move must stop here (enemy zone of control or a river crossing).
    pub stop: bool,
}

/// Every hex the unit can reach this turn with the hours it has left, with costs and paths.
/// `enemy_zoc` is the enemy's zone of control (from [`Board::zoc_of`]). Sorted by hex id.
pub fn reachable(scn: &Scenario, board: &Board, enemy_zoc: &[bool], id: UnitIx) -> Vec<Reach> {
    let Some(u) = board.get(id) else {
        return Vec::new();
    };
    let ut = &scn.unit_types[scn.units[id as usize].kind];
    let budget = (ut.move_hours - u.condition.moved_hours).max(0.0);
    let start = u.hex;
    let started_in_zoc = enemy_zoc[start.0 as usize];
    let enemy = u.side.enemy();
    let mut best: Vec<Option<Reach>> = vec![None; scn.map.len()];
    best[start.0 as usize] = Some(Reach {
        hex: start,
        hours: 0.0,
        prev: start,
        stop: false,
    });
    // Costs are kept in integer minutes so the search order is exact and stable.
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0u32, start)));
    if budget <= 0.0 {
        return vec![best[start.0 as usize].unwrap()];
    }
    while let Some(Reverse((mins, h))) = heap.pop() {
        let cur = best[h.0 as usize].unwrap();
        if to_minutes(cur.hours) != mins || (cur.stop && h != start) {
            continue;
        }
        let first = h == start;
        for (_, n) in scn.map.neighbors(h) {
            if board.occupant(n) == Some(enemy) {
                continue;
            }
            let Some(cost) = step_cost(scn, id, h, n, first) else {
                continue;
            };
            let hours = cur.hours + cost;
            if hours > budget + 1e-4 && !(first && u.condition.moved_hours == 0.0) {
                continue;
            }
            let n_zoc = enemy_zoc[n.0 as usize];
            if first && started_in_zoc && n_zoc {
                continue;
            }
            let crossing = scn.map.feature_between(h, n) == SideFeature::MajorRiver;
            let stop = n_zoc || crossing || hours >= budget - 1e-4;
            let better = best[n.0 as usize].is_none_or(|b| to_minutes(hours) < to_minutes(b.hours));
            if better {
                best[n.0 as usize] = Some(Reach {
                    hex: n,
                    hours,
                    prev: h,
                    stop,
                });
                heap.push(Reverse((to_minutes(hours), n)));
            }
        }
    }
    best.into_iter().flatten().collect()
}

fn to_minutes(h: f32) -> u32 {
    (h * 60.0).round() as u32
}

/// The path from the unit's hex to `to`, inclusive, from a `reachable` result.
pub fn path_to(reach: &[Reach], to: HexId) -> Option<Vec<HexId>> {
    let find = |h: HexId| {
        reach
            .binary_search_by_key(&h, |r| r.hex)
            .ok()
            .map(|i| reach[i])
    };
    let mut path = vec![to];
    let mut cur = find(to)?;
    while cur.prev != cur.hex {
        path.push(cur.prev);
        cur = find(cur.prev)?;
    }
    path.reverse();
    Some(path)
}

/// Checks a move order; on success returns the path and the hours it takes.
pub fn check_move(
    scn: &Scenario,
    board: &Board,
    side: Side,
    id: UnitIx,
    to: HexId,
) -> Result<(Vec<HexId>, f32), MoveError> {
    let u = board.get(id).ok_or(MoveError::NoSuchUnit(id))?;
    if u.side != side {
        return Err(MoveError::NotYourUnit);
    }
    if u.condition.moved_hours > 0.0 {
        return Err(MoveError::AlreadyMoved);
    }
    if (to.0 as usize) >= scn.map.len() {
        return Err(MoveError::Unreachable {
            reason: "the hex is off the map".into(),
        });
    }
    let zoc = board.zoc_of(scn, side.enemy());
    let reach = reachable(scn, board, &zoc, id);
    let Some(r) = reach
        .binary_search_by_key(&to, |r| r.hex)
        .ok()
        .map(|i| reach[i])
    else {
        return Err(MoveError::Unreachable {
            reason: unreachable_reason(scn, board, id, to),
        });
    };
    if to != u.hex {
        let here = board.stacking_at(scn, to);
        let mine = scn.unit_types[scn.units[id as usize].kind].stacking;
        if here + mine > scn.rules.stacking_limit {
            return Err(MoveError::Stacking {
                points: here + mine,
                limit: scn.rules.stacking_limit,
            });
        }
    }
    Ok((path_to(&reach, to).unwrap_or_default(), r.hours))
}

fn unreachable_reason(scn: &Scenario, board: &Board, id: UnitIx, to: HexId) -> String {
    let u = board.get(id).expect("checked");
    let mob = scn.unit_types[scn.units[id as usize].kind].mobility;
    if board.occupant(to) == Some(u.side.enemy()) {
        return "enemy units hold it (attack instead)".into();
    }
    if scn.terrain_at(to).cost.get(mob).is_none() {
        return format!("{} is impassable to {mob:?} units", scn.terrain_at(to).name);
    }
    if scn.map.distance(u.hex, to) == 1 {
        let f = scn.map.feature_between(u.hex, to);
        if f == SideFeature::MajorRiver && mob.is_vehicle() {
            return "vehicles cross the river only at a bridge".into();
        }
        return "an enemy zone of control blocks it".into();
    }
    "too far for this turn's movement, or blocked by rivers, enemy units or zones of control".into()
}
