//! Bombardment: an artillery unit fires on an enemy hex without an attack — counter-battery fire
//! on the enemy's guns, or fire on his troops before an attack.
//!
//! Rules (numbers in `rules.artillery`):
//! - Only the active side's artillery bombards, once a phase (a unit that has fired this phase,
//!   bombarding or supporting a combat, may not fire again nor move), with at least one fire of
//!   ammunition (`SideSetup.ammunition`), on a hex that holds enemy units, is within the range of
//!   at least one of its field guns and is observed ([`super::observation`]); under fog of war
//!   the side must see an enemy unit there ([`super::sight`]).
//! - Fire = Σ soft attack of the guns in range × the unit's supply factor × the observation.
//! - Each unit in the hex takes a share of the fire by its men, and loses `men_per_fire` men and
//!   `guns_per_fire` guns (field and anti-tank guns, mortars) per point of its share, both times a
//!   spread factor as in combat and divided by the hex's terrain defence × (1 + entrenchment ×
//!   `entrenchment_bonus`), each at most `max_loss` of what it has. Tanks and armoured cars lose
//!   nothing to bombardment. Cohesion falls by the men's loss as in combat.
//! - Two draws of the game's random stream: the spread, then the rounding of fractional guns.

use super::attack_setup::artillery_fire;
use super::observation::observation;
use crate::data::rules::Branch;
use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::{Board, Order, SimEvent, UnitLoss, UnitSnap};

/// The fire `unit` would bring on `target` now, or why it cannot fire.
pub fn fire_on(
    scn: &Scenario,
    board: &Board,
    side: Side,
    unit: UnitIx,
    target: HexId,
    now: crate::data::Stamp,
    air_left: f32,
) -> Result<f32, String> {
    if target.0 as usize >= scn.map.len() {
        return Err(format!("hex #{} is off the map", target.0));
    }
    let Some(u) = board.get(unit) else {
        return Err(format!("unit #{unit} is not on the map"));
    };
    ready(scn, u, side)?;
    if board.occupant(target) != Some(side.enemy()) {
        return Err(format!("no enemy in hex {}", scn.map.label(target)));
    }
    if board
        .units_at(target)
        .all(|id| board.get(id).is_some_and(|u| u.ghost))
    {
        return Err(format!(
            "we see no enemy in hex {} (only where some were last seen)",
            scn.map.label(target)
        ));
    }
    let fire = artillery_fire(scn, u, target);
    if fire <= 0.0 {
        let reach = max_range_km(scn, u);
        let dist = scn.map.distance(u.hex, target) as f64 * scn.map.hex_km;
        return Err(format!(
            "{} is out of range: {:.0} km away, its guns reach {reach:.1} km",
            scn.map.label(target),
            dist
        ));
    }
    let seen = observation(scn, board, side, target, now, air_left);
    if seen <= 0.0 {
        return Err(format!(
            "no one of ours observes {} (no unit near enough or high enough, no aircraft by day)",
            scn.map.label(target)
        ));
    }
    Ok(fire * seen)
}

/// Whether the unit may fire at all this phase, wherever the target: one of `side`'s artillery that
/// has not fired and has a fire of ammunition; or why not.
pub fn ready(scn: &Scenario, u: &UnitSnap, side: Side) -> Result<(), String> {
    let name = &scn.units[u.id as usize].name;
    if u.side != side {
        return Err("only the active side's units can fire".into());
    }
    if scn.unit_type(u.id).branch != Branch::Artillery {
        return Err(format!("{name} is not artillery"));
    }
    if u.condition.fired {
        return Err(format!("{name} has already fired this phase"));
    }
    if u.condition.ammo < 1.0 {
        return Err(format!(
            "{name} is out of ammunition ({:.1} fires; one is needed)",
            u.condition.ammo
        ));
    }
    Ok(())
}

/// The longest range of the unit's field guns, km.
pub fn max_range_km(scn: &Scenario, u: &UnitSnap) -> f32 {
    u.strength
        .equipment
        .iter()
        .filter(|&&(e, n)| n > 0 && scn.equipment[e].class == EquipmentClass::FieldGun)
        .map(|&(e, _)| scn.equipment[e].range_km)
        .fold(0.0, f32::max)
}

/// Losses and cohesion of the units in a bombarded hex, by unit in `targets`' order.
pub fn resolve(
    scn: &Scenario,
    board: &Board,
    targets: &[UnitIx],
    target: HexId,
    fire: f32,
    (spread_draw, round_draw): (f32, f32),
) -> (Vec<UnitLoss>, Vec<f32>) {
    let a = &scn.rules.artillery;
    let c = &scn.rules.combat;
    let spread = 1.0 - c.spread + 2.0 * c.spread * spread_draw;
    let units: Vec<&UnitSnap> = targets.iter().filter_map(|&id| board.get(id)).collect();
    let all_men: u32 = units.iter().map(|u| u.strength.men).sum::<u32>().max(1);
    let entrenchment = units
        .iter()
        .map(|u| u.condition.entrenchment)
        .max()
        .unwrap_or(0);
    let cover = scn.terrain_at(target).defence.max(0.01)
        * (1.0 + entrenchment as f32 * scn.rules.entrenchment_bonus);
    let mut losses = Vec::new();
    let mut cohesion = Vec::new();
    for u in units {
        let share = fire * u.strength.men as f32 / all_men as f32 * spread / cover;
        let men_cap = (u.strength.men as f32 * a.max_loss).floor();
        let men = (share * a.men_per_fire).min(men_cap).round() as u32;
        let guns: Vec<(usize, u32)> = u
            .strength
            .equipment
            .iter()
            .copied()
            .filter(|&(e, n)| {
                n > 0
                    && matches!(
                        scn.equipment[e].class,
                        EquipmentClass::FieldGun
                            | EquipmentClass::AntiTankGun
                            | EquipmentClass::Mortar
                    )
            })
            .collect();
        let total: u32 = guns.iter().map(|g| g.1).sum();
        let want = (share * a.guns_per_fire).min((total as f32 * a.max_loss).max(1.0));
        let lost = (want.floor() + (want.fract() > round_draw) as u32 as f32) as u32;
        losses.push(UnitLoss {
            men,
            equipment: super::apportion::apportion(&guns, lost),
        });
        let frac = men as f32 / u.strength.men.max(1) as f32;
        cohesion.push(frac * 100.0 * c.cohesion_per_loss_pct);
    }
    (losses, cohesion)
}

/// Carries out a bombardment order of the active `side`, or refuses it with the reason. Returns
/// whether the guns fired.
pub fn carry_out(step: &mut Step, side: Side, unit: UnitIx, target: HexId) -> bool {
    let air_left = step.game().air_left[side.index()];
    let unseen = step.scn.file.fog.on
        && (target.0 as usize) < step.scn.map.len()
        && !step
            .board
            .units_at(target)
            .any(|id| step.knowledge().sees(side, id));
    let fire = match fire_on(
        &step.scn,
        &step.board,
        side,
        unit,
        target,
        step.clock().now,
        air_left,
    )
    .and_then(|f| {
        if unseen {
            Err(format!(
                "we see no enemy in hex {}",
                step.scn.map.label(target)
            ))
        } else {
            Ok(f)
        }
    }) {
        Ok(f) => f,
        Err(reason) => {
            step.emit(SimEvent::OrderRejected {
                side,
                order: Order::Bombard { unit, target },
                reason,
            });
            return false;
        }
    };
    let draws = (step.draw(), step.draw());
    let targets: Vec<UnitIx> = step.board.units_at(target).collect();
    let (losses, cohesion) = resolve(&step.scn, &step.board, &targets, target, fire, draws);
    step.emit(SimEvent::Bombarded {
        side,
        unit,
        target,
        fire,
        targets,
        losses,
        cohesion_loss: cohesion,
    });
    for &id in &step.board.units_at(target).collect::<Vec<_>>() {
        super::aftermath::destroy_if_spent(step, id);
    }
    true
}
