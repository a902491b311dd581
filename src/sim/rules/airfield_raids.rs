//! Raids on the enemy's airfields: instead of supporting the ground battle, a side sends its day's
//! air effort against the enemy's aircraft on the ground.
//!
//! Rules:
//! - Only by day, once a turn, by the side whose turn it is, with air points left, and not on or
//!   after its `no_airfield_raids.from` date (Tokyo forbade the Kwantung Army raids on bases in
//!   Mongolia from 29 June 1939, history §b2) — refused with the order's author named.
//! - The raid spends all the side's air points left this turn; it destroys `air_war.raid_kill`
//!   enemy aircraft per point on the ground, shared among his air units in force by their aircraft
//!   left (largest remainders first, then file order).

use crate::data::{Side, Stamp};
use crate::scenario::Scenario;
use crate::sim::apply::Step;
use crate::sim::{Order, SimEvent};

/// Why `side` may not raid at `now`, or `Ok`.
pub fn raid_allowed(scn: &Scenario, side: Side, now: Stamp, air_left: f32) -> Result<(), String> {
    let setup = match side {
        Side::Soviet => &scn.file.soviet,
        Side::Japanese => &scn.file.japanese,
    };
    if let Some(ban) = &setup.no_airfield_raids
        && now >= ban.from
    {
        return Err(format!(
            "raids on enemy airfields are forbidden from {} ({})",
            ban.from, ban.by
        ));
    }
    if scn.is_night(now) {
        return Err("no air raids at night".into());
    }
    if air_left <= 0.0 {
        return Err("no air effort is left this turn".into());
    }
    Ok(())
}

/// Aircraft destroyed by a raid of `points`, per enemy air unit (index, count).
pub fn raid_damage(
    scn: &Scenario,
    left: &[u32],
    enemy: Side,
    now: Stamp,
    points: f32,
) -> Vec<(usize, u32)> {
    let units: Vec<usize> = super::air_war::in_force(scn, enemy, now)
        .filter(|&i| left[i] > 0)
        .collect();
    let total: u32 = units.iter().map(|&i| left[i]).sum();
    let kill = ((points * scn.rules.air_war.raid_kill).round() as u32).min(total);
    let counts: Vec<(usize, u32)> = units.iter().map(|&i| (i, left[i])).collect();
    super::apportion::apportion(&counts, kill)
}

/// Carries out a raid order of the active `side`, or refuses it. Returns whether it flew.
pub fn carry_out(step: &mut Step, side: Side) -> bool {
    let now = step.clock().now;
    let air_left = step.game().air_left[side.index()];
    let raided = step.game().raided[side.index()];
    let check = if raided {
        Err("the airfields were raided once this turn already".into())
    } else {
        raid_allowed(&step.scn, side, now, air_left)
    };
    if let Err(reason) = check {
        step.emit(SimEvent::OrderRejected {
            side,
            order: Order::RaidAirfields,
            reason,
        });
        return false;
    }
    let destroyed = raid_damage(
        &step.scn,
        &step.game().aircraft,
        side.enemy(),
        now,
        air_left,
    );
    step.emit(SimEvent::AirfieldRaid {
        side,
        air: air_left,
        destroyed,
    });
    true
}
