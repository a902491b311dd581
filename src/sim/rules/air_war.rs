//! The air war in aircraft: each day turn, before the turn opens, the fighters of both sides in the
//! battle (their scenario `air_units` in force at the turn's start) fight for the air.
//!
//! Rules (numbers in `rules.air_war`):
//! - A side's fighter strength = Σ its fighters left × `air_combat` × the unit's `pilots`; its share
//!   `p` of both sides' strength is its hold on the air (½ each when neither has fighters).
//! - Each air unit of a side loses `fighter_loss` (fighters) or `bomber_loss` (bombers, scouts) of
//!   its aircraft × (2 (1 − p))^`exponent` — nothing against a side without fighters — rounded by one draw of
//!   the game's random stream per unit in force (in file order): a fraction f becomes one more
//!   aircraft when the draw is below f.
//! - The side's air points for the turn: Σ aircraft left × `ground_attack` × (`contested` + p), on
//!   top of its scenario `air` entries (efforts such as a mass strike). None at night: no air war.

use crate::data::{EquipmentClass, Side, Stamp};
use crate::scenario::Scenario;
use crate::sim::SimEvent;
use crate::sim::apply::Step;

/// The air units of `side` in the battle at `now`, by index.
pub fn in_force(scn: &Scenario, side: Side, now: Stamp) -> impl Iterator<Item = usize> + '_ {
    scn.air_units
        .iter()
        .enumerate()
        .filter(move |(_, a)| a.side == side && a.in_force(now))
        .map(|(i, _)| i)
}

/// Each side's hold on the air (by `Side::index()`), from its fighters left.
pub fn air_shares(scn: &Scenario, left: &[u32], now: Stamp) -> [f32; 2] {
    let strength = |side: Side| -> f32 {
        in_force(scn, side, now)
            .filter(|&i| scn.equipment[scn.air_units[i].aircraft].class == EquipmentClass::Fighter)
            .map(|i| {
                let a = &scn.air_units[i];
                left[i] as f32 * scn.equipment[a.aircraft].air_combat * a.pilots
            })
            .sum()
    };
    let (s, j) = (strength(Side::Soviet), strength(Side::Japanese));
    if s + j <= 0.0 {
        [0.5, 0.5]
    } else {
        [s / (s + j), j / (s + j)]
    }
}

/// Air points each side's aircraft give in the turn starting `now` (by `Side::index()`).
pub fn aircraft_points(scn: &Scenario, left: &[u32], now: Stamp) -> [f32; 2] {
    if scn.is_night(now) {
        return [0.0, 0.0];
    }
    let share = air_shares(scn, left, now);
    let c = scn.rules.air_war.contested;
    [Side::Soviet, Side::Japanese].map(|side| {
        in_force(scn, side, now)
            .map(|i| left[i] as f32 * scn.equipment[scn.air_units[i].aircraft].ground_attack)
            .sum::<f32>()
            * (c + share[side.index()])
    })
}

/// The day turn's fight for the air: emits `AirBattle` with what each air unit lost, if any.
pub fn air_battle(step: &mut Step, now: Stamp) {
    let scn = step.scn.clone();
    if scn.is_night(now) || scn.air_units.is_empty() {
        return;
    }
    let left = step.game().aircraft.clone();
    let share = air_shares(&scn, &left, now);
    let r = &scn.rules.air_war;
    let mut losses = Vec::new();
    for side in [Side::Soviet, Side::Japanese] {
        let enemy_fighters = share[side.enemy().index()] > 0.0
            && in_force(&scn, side.enemy(), now).any(|i| {
                scn.equipment[scn.air_units[i].aircraft].class == EquipmentClass::Fighter
                    && left[i] > 0
            });
        for i in in_force(&scn, side, now).collect::<Vec<_>>() {
            let draw = step.draw();
            if !enemy_fighters || left[i] == 0 {
                continue;
            }
            let a = &scn.air_units[i];
            let rate = match scn.equipment[a.aircraft].class {
                EquipmentClass::Fighter => r.fighter_loss,
                _ => r.bomber_loss,
            };
            let want = left[i] as f32 * rate * (2.0 * (1.0 - share[side.index()])).powf(r.exponent);
            let n = ((want.floor() + (want.fract() > draw) as u32 as f32) as u32).min(left[i]);
            if n > 0 {
                losses.push((i, n));
            }
        }
    }
    if !losses.is_empty() {
        step.emit(SimEvent::AirBattle { date: now, losses });
    }
}
