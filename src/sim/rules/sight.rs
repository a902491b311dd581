//! Fog of war: what a side sees of the enemy's units.
//!
//! Rules (numbers in `rules.sight` and `rules.artillery`):
//! - Every unit sees the six hexes next to its own.
//! - By day a unit sees the hexes it observes for the artillery ([`super::observation`]:
//!   `artillery.observe_km`, farther from a height, at most `observe_max_km`); at night those within
//!   `sight.night_km`.
//! - By day a side that had air points at the start of the turn also sees every hex within
//!   `sight.air_km` of any of its units.
//! - A side sees every enemy unit in a hex it sees, and knows an enemy unit it no longer sees where
//!   it saw it last. The sides the scenario lists in `fog.known_at_start` know every enemy unit
//!   where it stands when the game begins.
//! - What a side knows changes only by `Sighted` events: at the start of each turn, and whenever a
//!   unit moves, retreats, advances, arrives or leaves play.
//! - The computer players give their orders from what their side knows ([`known_board`]); a move
//!   that runs into enemy units its side does not see stops short ([`super::movement`]).
//! - Without fog (the scenario's `fog.on: false`, or `--no-fog`) none of this applies: both sides
//!   see every unit and no `Sighted` event is emitted.

use super::observation::sight_km;
use crate::data::Side;
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::{Board, Knowledge, SimEvent, UnitSnap};

/// Whether a unit of `side` standing in `from` sees the hex `target` now.
pub fn sees_from(scn: &Scenario, k: &Knowledge, side: Side, from: HexId, target: HexId) -> bool {
    let d = scn.map.distance(from, target);
    if d <= 1 {
        return true;
    }
    let km = d as f32 * scn.map.hex_km as f32;
    let s = &scn.rules.sight;
    if k.night {
        km <= s.night_km
    } else {
        km <= sight_km(scn, from, target) || (k.air[side.index()] && km <= s.air_km)
    }
}

/// Whether any unit of `side` sees the hex `target` now.
pub fn seen_by(scn: &Scenario, board: &Board, k: &Knowledge, side: Side, target: HexId) -> bool {
    board
        .live()
        .any(|u| u.side == side && sees_from(scn, k, side, u.hex, target))
}

/// Farthest, in hexes, any unit sees (by day from the highest ground, from the air, or at night).
fn reach_hexes(scn: &Scenario) -> u32 {
    let s = &scn.rules.sight;
    let km = s
        .night_km
        .max(s.air_km)
        .max(scn.rules.artillery.observe_max_km);
    (km / scn.map.hex_km as f32).ceil() as u32 + 1
}

/// The board as `side` knows it: its own units, the enemy units it sees now, and those it knows
/// of but does not see where and as it saw them last (all units when the scenario is played without
/// fog). The computer players and the window's order checks read this; the rules read the whole
/// board.
pub fn known_board(scn: &Scenario, board: &Board, k: &Knowledge, side: Side) -> Board {
    if !scn.file.fog.on {
        return board.clone();
    }
    let mut units: Vec<UnitSnap> = board
        .live()
        .filter(|u| u.side == side || k.sees(side, u.id))
        .cloned()
        .collect();
    units.extend(k.ghosts(side).map(|(id, hex, s, c)| UnitSnap {
        id,
        side: side.enemy(),
        hex,
        strength: s.clone(),
        condition: c.clone(),
        supply: Default::default(),
        gone: false,
        ghost: true,
    }));
    let mut b = Board::new(units, scn.map.len());
    b.epoch = board.epoch;
    b
}

/// The hexes `side` believes hold enemy units (those it sees, and those it knows of where it
/// saw them last), and the zone of control they exert: what its moves are checked against.
pub fn known_enemy(
    scn: &Scenario,
    board: &Board,
    k: &Knowledge,
    side: Side,
) -> (Vec<bool>, Vec<bool>) {
    let mut at = vec![false; scn.map.len()];
    let mut exerting = Vec::new();
    for u in board.live() {
        if u.side != side && k.sees(side, u.id) {
            at[u.hex.0 as usize] = true;
            exerting.push((u.id, u.hex, u.strength.men));
        }
    }
    for (id, hex, s, _) in k.ghosts(side) {
        at[hex.0 as usize] = true;
        exerting.push((id, hex, s.men));
    }
    let zoc = super::zoc::zoc_of_places(scn, board.epoch, exerting.into_iter());
    (at, zoc)
}

/// The unit an event moves, places or removes, its side and the hex it stood in before (read
/// from the board before the event is applied); `None` for other events.
pub fn moving(
    scn: &Scenario,
    board: &Board,
    e: &SimEvent,
) -> Option<(UnitIx, Side, Option<HexId>)> {
    use SimEvent::*;
    let unit = match e {
        Moved { unit, .. }
        | Retreated { unit, .. }
        | Advanced { unit, .. }
        | Arrived { unit, .. }
        | Surrendered { unit, .. }
        | Destroyed { unit, .. }
        | Withdrawn { unit } => *unit,
        _ => return None,
    };
    Some((
        unit,
        scn.units[unit as usize].side,
        board.get(unit).map(|u| u.hex),
    ))
}

/// The `Sighted` event that brings `side`'s knowledge of `units` up to date, if anything changed:
/// `sees(x)` says whether the side sees unit `x` where it stands; `ghost_seen(h)` whether it now
/// sees the hex where it last saw a unit it does not see; `hex_seen(h)` whether any of its units
/// sees `h` (a unit that slips out of sight from a hex still watched has gone, not stayed).
fn update<'a>(
    k: &Knowledge,
    side: Side,
    units: impl Iterator<Item = &'a UnitSnap>,
    sees: impl Fn(&UnitSnap) -> bool,
    ghost_seen: impl Fn(HexId) -> bool,
    hex_seen: impl Fn(HexId) -> bool,
) -> Option<SimEvent> {
    let (mut seen, mut lost, mut gone) = (Vec::new(), Vec::new(), Vec::new());
    for x in units.filter(|x| x.side != side) {
        let was = k.sees(side, x.id);
        let last = k.last_seen(side, x.id);
        if sees(x) {
            if !was || last != Some(x.hex) {
                seen.push((x.id, x.hex));
            }
        } else if was {
            if last.is_some_and(&hex_seen) {
                gone.push(x.id);
            } else {
                lost.push(x.id);
            }
        } else if last.is_some_and(&ghost_seen) {
            gone.push(x.id);
        }
    }
    (!seen.is_empty() || !lost.is_empty() || !gone.is_empty()).then_some(SimEvent::Sighted {
        side,
        seen,
        lost,
        gone,
    })
}

/// At the start of a turn: what each side sees now (night and the air change everything). In the
/// first turn the sides of `fog.known_at_start` first learn where every enemy unit stands.
pub fn start_turn(step: &mut Step, first: bool) {
    let scn = step.scn.clone();
    if first {
        for &side in &scn.file.fog.known_at_start {
            let seen: Vec<_> = step
                .board
                .live()
                .filter(|u| u.side != side)
                .map(|u| (u.id, u.hex))
                .collect();
            if !seen.is_empty() {
                step.emit(SimEvent::Sighted {
                    side,
                    seen,
                    lost: Vec::new(),
                    gone: Vec::new(),
                });
            }
        }
    }
    for side in Side::BOTH {
        let (board, k) = (&step.board, step.knowledge());
        let hex_seen = |h| seen_by(&scn, board, k, side, h);
        let e = update(
            k,
            side,
            board.live(),
            |x| hex_seen(x.hex),
            hex_seen,
            hex_seen,
        );
        if let Some(e) = e {
            step.emit(e);
        }
    }
}

/// After unit `m` of `side` went from `from` to `to` (`None`: it was not on the map, or has left
/// it): what the enemy sees of it, and what its side sees of the enemy round both hexes.
pub fn follow(step: &mut Step, m: UnitIx, side: Side, from: Option<HexId>, to: Option<HexId>) {
    let scn = step.scn.clone();
    let enemy = side.enemy();
    let mut out = Vec::new();
    {
        let (board, k) = (&step.board, step.knowledge());
        if let Some(b) = to
            && let Some(u) = board.get(m)
        {
            let hex_seen = |h| seen_by(&scn, board, k, enemy, h);
            out.extend(update(
                k,
                enemy,
                std::iter::once(u),
                |_| hex_seen(b),
                |_| false,
                hex_seen,
            ));
        }
        let r = reach_hexes(&scn);
        let near = |h: HexId| {
            [from, to]
                .iter()
                .flatten()
                .any(|&a| scn.map.distance(a, h) <= r)
        };
        let m_sees = |h: HexId| to.is_some_and(|b| sees_from(&scn, k, side, b, h));
        let hex_seen = |h| seen_by(&scn, board, k, side, h);
        // Only `m` moved: an enemy unit is newly seen if `m` sees it, and lost only if `m` saw
        // it before and no unit of the side sees it now.
        out.extend(update(
            k,
            side,
            board.live().filter(|x| {
                x.side == enemy && (near(x.hex) || k.last_seen(side, x.id).is_some_and(near))
            }),
            |x| {
                if m_sees(x.hex) {
                    true
                } else if !k.sees(side, x.id) {
                    false
                } else if !from.is_some_and(|a| sees_from(&scn, k, side, a, x.hex)) {
                    true
                } else {
                    hex_seen(x.hex)
                }
            },
            m_sees,
            hex_seen,
        ));
    }
    for e in out {
        step.emit(e);
    }
}
