//! Movement: terrain and mobility costs (hours per 1 km hex), rivers, tracks, zones of control
//! and stacking.
//!
//! Rules:
//! - A unit spends at most its type's `move_hours` per turn, in one move order or several: each order
//!   goes on from where the last one stopped, with the hours left. A move that entered an enemy zone
//!   of control or crossed a major river ends the unit's movement for the turn.
//! - Entering a hex costs the terrain's hours for the unit's mobility, or the track cost when a track
//!   crosses the hex side; a minor river side adds `minor_river_hours`.
//! - An unbridged major river side is closed to vehicles; foot and horse cross it only as the first
//!   step of their turn's movement, and the crossing ends it.
//! - A unit that has not moved this turn may always move one hex if the hex is passable to it,
//!   whatever the cost.
//! - Entering a hex in an enemy zone of control ends the move; a unit that starts in an enemy zone
//!   cannot step directly into another enemy-zone hex.
//! - Hexes with enemy units cannot be entered; a move cannot end where stacking would pass the limit.
//! - Under fog of war ([`super::sight`]) a move is checked against what the side knows: enemy units
//!   it does not know of neither bar the way nor exert a zone of control on the path it takes,
//!   and those it knows of bar it where it saw them last (see [`super::sight`]). The
//!   move is then walked: it stops in the first hex of its path that lies in the real enemy zone
//!   of control, or before one that holds an enemy unit (the last hex before with room for it;
//!   `Contact`), and a stop in the enemy's zone of control ends the unit's movement.

use crate::data::Side;
use crate::map::steps::{IMPASSABLE, SWIM, step_in_turn, to_minutes};
use crate::map::{HexId, SideFeature};
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::buckets::with_queue;
use crate::sim::{Board, Order, SimEvent, UnitSnap};

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MoveError {
    #[error("unit #{0} is not on the map")]
    NoSuchUnit(UnitIx),
    #[error("the unit belongs to the other side")]
    NotYourUnit,
    #[error("the unit has no movement left this turn ({allowance} h used)")]
    NoHoursLeft { allowance: f32 },
    #[error("the unit's movement ended this turn when it entered the enemy's zone of control")]
    StoppedInZoc,
    #[error("the unit has fired this phase and stays where its guns stand")]
    Fired,
    #[error("movement is over for this turn: attacks have begun")]
    AttacksBegun,
    #[error("cannot reach the hex: {reason}")]
    Unreachable { reason: String },
    #[error("the hex would hold {points} stacking points, more than the limit of {limit}")]
    Stacking { points: u32, limit: u32 },
}

/// Hours to step from `from` into the adjacent `to` for this unit, ignoring units, with the
/// bridges of the board's period; `None` when impassable. `first_step` allows a major-river
/// crossing away from a bridge on foot or horse, for units that swim (it takes the whole allowance).
pub fn step_cost(
    scn: &Scenario,
    board: &Board,
    unit: UnitIx,
    from: HexId,
    to: HexId,
    first_step: bool,
) -> Option<f32> {
    let ut = scn.unit_type(unit);
    let dir = scn.map.side_between(from, to)?;
    match scn.steps(board.epoch)[ut.mobility as usize][from.0 as usize][dir] {
        IMPASSABLE => None,
        SWIM => (first_step && ut.swims).then_some(ut.move_hours),
        m => Some(m as f32 / 60.0),
    }
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
    search(scn, board, enemy_zoc, None, id, None)
}

/// The movement rules for one unit's steps this turn: what each step costs, which steps are
/// allowed, and which end the move. The one statement of step legality: the simulation's searches
/// and the computer players' route walks both take their steps from it.
pub struct Steps<'a> {
    table: &'a [[u16; 6]],
    /// The unit may cross a major river away from a bridge.
    swims: bool,
    nbrs: &'a [[u32; 6]],
    board: &'a Board,
    enemy_zoc: &'a [bool],
    /// Per hex: holds an enemy unit the side sees (fog of war); `None`: every enemy unit bars.
    enemy_at: Option<&'a [bool]>,
    enemy: Side,
    /// Minutes of movement left this turn.
    pub budget: u32,
    /// The unit has not moved this turn (it may then cross an unbridged river on foot or horse,
    /// and take one step whatever it costs).
    pub fresh: bool,
    pub start: HexId,
    started_in_zoc: bool,
}

/// A step the rules allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexStep {
    pub to: HexId,
    /// Minutes spent this turn once it is taken.
    pub total: u32,
    /// The move must end here: an enemy zone of control, a river crossing, or the hours spent.
    pub stop: bool,
}

impl<'a> Steps<'a> {
    /// The rules for `id`'s steps, or `None` if it is not on the map.
    pub fn of(
        scn: &'a Scenario,
        board: &'a Board,
        enemy_zoc: &'a [bool],
        id: UnitIx,
    ) -> Option<Self> {
        let u = board.get(id)?;
        let ut = scn.unit_type(id);
        Some(Steps {
            table: &scn.steps(board.epoch)[ut.mobility as usize],
            swims: ut.swims,
            nbrs: &scn.map.nbrs,
            board,
            enemy_zoc,
            enemy_at: None,
            enemy: u.side.enemy(),
            budget: to_minutes((ut.move_hours - u.condition.moved_hours).max(0.0)),
            fresh: u.condition.moved_hours == 0.0,
            start: u.hex,
            started_in_zoc: enemy_zoc[u.hex.0 as usize],
        })
    }

    /// The same steps where only the enemy units in the hexes marked in `enemy_at` bar the way
    /// (those the side sees, under fog of war).
    pub fn seeing(mut self, enemy_at: &'a [bool]) -> Self {
        self.enemy_at = Some(enemy_at);
        self
    }

    /// The steps allowed from `from`, reached after `spent` minutes this turn.
    pub fn from(&self, from: HexId, spent: u32) -> impl Iterator<Item = HexStep> + '_ {
        let first = from == self.start;
        let h = from.0 as usize;
        self.nbrs[h]
            .iter()
            .zip(&self.table[h])
            .filter_map(move |(&nb, &entry)| {
                if nb == crate::map::NO_HEX {
                    return None;
                }
                let (cost, crossing) =
                    step_in_turn(entry, first && self.fresh && self.swims, self.budget)?;
                let total = spent.saturating_add(cost);
                if total > self.budget && !(first && self.fresh) {
                    return None;
                }
                let barred = match self.enemy_at {
                    Some(at) => at[nb as usize],
                    None => self.board.occupant(HexId(nb)) == Some(self.enemy),
                };
                if barred {
                    return None;
                }
                let n_zoc = self.enemy_zoc[nb as usize];
                if first && self.started_in_zoc && n_zoc {
                    return None;
                }
                Some(HexStep {
                    to: HexId(nb),
                    total,
                    stop: n_zoc || crossing || total >= self.budget,
                })
            })
    }
}

/// Dijkstra over the unit's [`Steps`] in integer minutes; stops early once `until` is settled.
fn search(
    scn: &Scenario,
    board: &Board,
    enemy_zoc: &[bool],
    enemy_at: Option<&[bool]>,
    id: UnitIx,
    until: Option<HexId>,
) -> Vec<Reach> {
    let Some(mut steps) = Steps::of(scn, board, enemy_zoc, id) else {
        return Vec::new();
    };
    if let Some(at) = enemy_at {
        steps = steps.seeing(at);
    }
    search_steps(scn.map.len(), &steps, until)
}

/// Dijkstra over `steps` from their start, over a map of `n` hexes.
fn search_steps(n: usize, steps: &Steps, until: Option<HexId>) -> Vec<Reach> {
    let start = steps.start;
    const UNSEEN: u32 = u32::MAX;
    let mut cost = vec![UNSEEN; n];
    let mut prev = vec![start.0; n];
    let mut stop = vec![false; n];
    cost[start.0 as usize] = 0;
    with_queue(|queue| {
        if steps.budget > 0 {
            queue.push(0, start.0);
        }
        while let Some((mins, h)) = queue.pop() {
            if mins != cost[h as usize] || (stop[h as usize] && h != start.0) {
                continue;
            }
            if until.is_some_and(|t| t.0 == h) {
                break;
            }
            for st in steps.from(HexId(h), mins) {
                let nb = st.to.0 as usize;
                if st.total < cost[nb] {
                    cost[nb] = st.total;
                    prev[nb] = h;
                    stop[nb] = st.stop;
                    queue.push(st.total, st.to.0);
                }
            }
        }
    });
    (0..n)
        .filter(|&h| cost[h] != UNSEEN)
        .map(|h| Reach {
            hex: HexId(h as u32),
            hours: cost[h] as f32 / 60.0,
            prev: HexId(prev[h]),
            stop: stop[h],
        })
        .collect()
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
    check_move_in_zoc(scn, board, &board.zoc_of(scn, side.enemy()), side, id, to)
}

/// [`check_move`] with the enemy's zone of control already computed (it does not change while one
/// side moves).
pub fn check_move_in_zoc(
    scn: &Scenario,
    board: &Board,
    zoc: &[bool],
    side: Side,
    id: UnitIx,
    to: HexId,
) -> Result<(Vec<HexId>, f32), MoveError> {
    check_move_seeing(scn, board, zoc, None, side, id, to)
}

/// [`check_move_in_zoc`] where only the enemy units in the hexes of `enemy_at` bar the way (fog
/// of war: `zoc` is then the zone of the enemy units seen).
fn check_move_seeing(
    scn: &Scenario,
    board: &Board,
    zoc: &[bool],
    enemy_at: Option<&[bool]>,
    side: Side,
    id: UnitIx,
    to: HexId,
) -> Result<(Vec<HexId>, f32), MoveError> {
    let u = board.get(id).ok_or(MoveError::NoSuchUnit(id))?;
    if u.side != side {
        return Err(MoveError::NotYourUnit);
    }
    if let Some(e) = movement_over(scn, zoc, u) {
        return Err(e);
    }
    if (to.0 as usize) >= scn.map.len() {
        return Err(MoveError::Unreachable {
            reason: "the hex is off the map".into(),
        });
    }
    let reach = search(scn, board, zoc, enemy_at, id, Some(to));
    let Some(r) = reach
        .binary_search_by_key(&to, |r| r.hex)
        .ok()
        .map(|i| reach[i])
    else {
        return Err(MoveError::Unreachable {
            reason: unreachable_reason(scn, board, (zoc, enemy_at), id, to),
        });
    };
    if to != u.hex {
        let here = board.stacking_at(scn, to);
        let mine = scn.unit_type(id).stacking;
        if here + mine > scn.rules.stacking_limit {
            return Err(MoveError::Stacking {
                points: here + mine,
                limit: scn.rules.stacking_limit,
            });
        }
    }
    Ok((path_to(&reach, to).unwrap_or_default(), r.hours))
}

/// Why a unit can move no further this turn: it has fired, its hours are spent, or its last move
/// entered the enemy's zone of control. `None` while it can go on.
pub fn movement_over(scn: &Scenario, enemy_zoc: &[bool], u: &UnitSnap) -> Option<MoveError> {
    if u.condition.fired {
        return Some(MoveError::Fired);
    }
    if u.condition.moved_hours <= 0.0 {
        return None;
    }
    let allowance = scn.unit_type(u.id).move_hours;
    if to_minutes(allowance - u.condition.moved_hours) == 0 {
        Some(MoveError::NoHoursLeft { allowance })
    } else if enemy_zoc[u.hex.0 as usize] {
        Some(MoveError::StoppedInZoc)
    } else {
        None
    }
}

fn unreachable_reason(
    scn: &Scenario,
    board: &Board,
    (zoc, enemy_at): (&[bool], Option<&[bool]>),
    id: UnitIx,
    to: HexId,
) -> String {
    let u = board.get(id).expect("checked");
    let mob = scn.unit_type(id).mobility;
    let enemy_there = match enemy_at {
        Some(at) => at[to.0 as usize],
        None => board.occupant(to) == Some(u.side.enemy()),
    };
    if enemy_there {
        return "enemy units hold it (attack instead)".into();
    }
    if scn.terrain_at(to).cost.get(mob).is_none() {
        return format!("{} is impassable to {mob:?} units", scn.terrain_at(to).name);
    }
    if scn.map.distance(u.hex, to) == 1 {
        let f = scn.feature_between_at(board.epoch, u.hex, to);
        if f == SideFeature::MajorRiver && mob.is_vehicle() {
            return "vehicles cross the river only at a bridge".into();
        }
        if f == SideFeature::MajorRiver && u.condition.moved_hours > 0.0 {
            return "foot and horse swim the river only as the first step of a turn".into();
        }
        if zoc[u.hex.0 as usize] && zoc[to.0 as usize] {
            return "a unit in the enemy's zone of control cannot step straight into another hex \
                    of it (move out of it first, or attack)"
                .into();
        }
        if u.condition.moved_hours > 0.0 {
            return "not enough of this turn's movement is left to enter it".into();
        }
    }
    beyond_reason(scn, board, (zoc, enemy_at), id, to)
}

/// Why a hex beyond one step cannot be reached this turn: the hours its best route takes against
/// those left, or what closes every route (enemy units and their zones of control, or rivers and
/// ground the unit cannot cross), found by searching again without the turn's limit on hours and
/// then without the enemy.
fn beyond_reason(
    scn: &Scenario,
    board: &Board,
    (zoc, enemy_at): (&[bool], Option<&[bool]>),
    id: UnitIx,
    to: HexId,
) -> String {
    /// Minutes standing for "no limit": far more than any route across the map takes.
    const UNLIMITED: u32 = u32::MAX / 4;
    let n = scn.map.len();
    let ut = scn.unit_type(id);
    let Some(steps) = Steps::of(scn, board, zoc, id) else {
        return "the unit is not on the map".into();
    };
    let left = steps.budget as f32 / 60.0;
    let mut steps = match enemy_at {
        Some(at) => steps.seeing(at),
        None => steps,
    };
    steps.budget = UNLIMITED;
    let found = |steps: &Steps| {
        search_steps(n, steps, Some(to))
            .into_iter()
            .find(|r| r.hex == to)
    };
    if let Some(r) = found(&steps) {
        return format!(
            "it is {:.1} h away by the best route and {left:.1} h of this turn's {:.0} h of \
             movement are left",
            r.hours, ut.move_hours
        );
    }
    let nobody = vec![false; n];
    let open = Steps {
        enemy_zoc: &nobody,
        enemy_at: Some(&nobody),
        started_in_zoc: false,
        ..steps
    };
    if found(&open).is_some() {
        return "enemy units or their zones of control close every route there".into();
    }
    if ut.mobility.is_vehicle() {
        "no route there for vehicles: a river without a bridge or ground they cannot cross \
         lies between"
            .into()
    } else if ut.swims {
        "no route there in one move: a river is crossed away from a bridge only as the first \
         step of a turn's move, and the crossing ends it"
            .into()
    } else {
        "no route there: a river without a bridge or ground the unit cannot cross lies between"
            .into()
    }
}

/// Carries out a move order of the active `side`: moves the unit if the rules allow it (the
/// enemy's zone of control `zoc` is given: it does not change while one side moves), or refuses the
/// order with the reason. A side that has attacked this turn can no longer move. Returns whether
/// the order was carried out.
pub fn carry_out(step: &mut Step, side: Side, zoc: &[bool], unit: UnitIx, to: HexId) -> bool {
    let checked = if step.turn().attacked {
        Err(MoveError::AttacksBegun)
    } else if step.scn.file.fog.on {
        check_in_fog(step, side, zoc, unit, to)
    } else {
        check_move_in_zoc(&step.scn, &step.board, zoc, side, unit, to).map(|(_, h)| (to, h))
    };
    match checked {
        Ok((end, hours)) => {
            let from = step.board.get(unit).map(|u| u.hex).expect("checked");
            if from != end {
                step.emit(SimEvent::Moved {
                    unit,
                    from,
                    to: end,
                    hours,
                });
            }
            if end != to {
                step.emit(SimEvent::Contact {
                    unit,
                    hex: end,
                    ordered: to,
                });
            }
            true
        }
        Err(e) => {
            step.emit(SimEvent::OrderRejected {
                side,
                order: Order::Move { unit, to },
                reason: e.to_string(),
            });
            false
        }
    }
}

/// A move under fog of war: checked against the enemy units `side` sees, then walked along its
/// path against the real ones (`zoc` is the real enemy zone of control). Returns the hex where the
/// move ends and the hours it takes to get there.
fn check_in_fog(
    step: &Step,
    side: Side,
    zoc: &[bool],
    unit: UnitIx,
    to: HexId,
) -> Result<(HexId, f32), MoveError> {
    let (scn, board, k) = (&*step.scn, &step.board, step.knowledge());
    if let Some(e) = board.get(unit).and_then(|u| movement_over(scn, zoc, u)) {
        return Err(e);
    }
    let (enemy_at, seen_zoc) = super::sight::known_enemy(scn, board, k, side);
    let (path, hours) = check_move_seeing(scn, board, &seen_zoc, Some(&enemy_at), side, unit, to)?;
    let last = path.len().saturating_sub(1);
    let stop = (1..path.len()).find_map(|i| {
        if board.occupant(path[i]) == Some(side.enemy()) {
            Some(i - 1)
        } else if zoc[path[i].0 as usize] && i < last {
            Some(i)
        } else {
            None
        }
    });
    let Some(stop) = stop else {
        return Ok((to, hours));
    };
    // The last hex at or before the stop with room for the unit (its own hex always has).
    for j in (1..=stop).rev() {
        if let Ok((_, h)) =
            check_move_seeing(scn, board, &seen_zoc, Some(&enemy_at), side, unit, path[j])
        {
            return Ok((path[j], h));
        }
    }
    Ok((path[0], 0.0))
}
