//! The aftermath of a combat, in this order:
//! 1. Units left with fewer than `min_men` men are destroyed (attackers first, then defenders).
//! 2. If the defender must retreat, each defending unit falls back to an adjacent hex it can enter
//!    with no enemy in it and room in the stack, preferring hexes out of enemy zones of control,
//!    then closer to its side's supply sources, then the lowest hex id; it loses
//!    `combat.retreat_cohesion_cost` cohesion and its entrenchment. With nowhere to go it
//!    surrenders.
//! 3. A retreating unit whose cohesion falls below `combat.rout_cohesion` routs: it loses
//!    `rout_men_lost` of its men and `rout_heavy_weapons_lost` of each kind of gun, mortar and
//!    machine gun (rounded down), and is destroyed if that leaves it under `min_men`.
//! 4. If the hex is empty the attacker has taken it, and the first attacker (in the order given)
//!    that can step into it and fits the stack advances.

use super::movement::step_cost;
use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::{Board, SimEvent, UnitLoss, UnitSnap};

/// A unit gives up: everything it has is lost, and the side's `captured_share` of its men (rounded)
/// are taken prisoner.
pub fn surrender(step: &mut Step, id: UnitIx) {
    let u = step.board.get(id).expect("live");
    let loss = everything(u);
    let share = step.scn.captured_share[u.side.index()];
    let captured = ((loss.men as f32 * share).round() as u32).min(loss.men);
    step.emit(SimEvent::Surrendered {
        unit: id,
        loss,
        captured,
    });
}

/// Everything a unit still has, as a loss (for surrender and destruction).
pub fn everything(u: &UnitSnap) -> UnitLoss {
    UnitLoss {
        men: u.strength.men,
        equipment: u
            .strength
            .equipment
            .iter()
            .copied()
            .filter(|(_, n)| *n > 0)
            .collect(),
    }
}

/// Removes a unit from play if it has fewer than `min_men` men.
pub fn destroy_if_spent(step: &mut Step, id: UnitIx) {
    if let Some(u) = step.board.get(id)
        && u.strength.men < step.scn.rules.min_men
    {
        let loss = everything(u);
        step.emit(SimEvent::Destroyed { unit: id, loss });
    }
}

/// Follows a combat just fought by `side`'s `attackers` on `defenders` in `target`.
pub fn follow(
    step: &mut Step,
    side: Side,
    attackers: &[UnitIx],
    defenders: &[UnitIx],
    target: HexId,
    retreats: bool,
) {
    for &id in attackers.iter().chain(defenders) {
        destroy_if_spent(step, id);
    }
    if !retreats {
        return;
    }
    for &id in defenders {
        if step.board.get(id).is_none() {
            continue;
        }
        match retreat_hex(&step.scn, &step.board, id) {
            Some(to) => {
                step.emit(SimEvent::Retreated {
                    unit: id,
                    from: target,
                    to,
                });
                let u = step.board.get(id).expect("retreated");
                if u.condition.cohesion < step.scn.rules.combat.rout_cohesion {
                    let loss = rout_loss(&step.scn, u);
                    step.emit(SimEvent::Routed { unit: id, loss });
                    destroy_if_spent(step, id);
                }
            }
            None => surrender(step, id),
        }
    }
    if !step.board.is_empty_at(target) {
        return;
    }
    step.emit(SimEvent::Taken {
        hex: target,
        by: side,
    });
    if let Some(id) = advancer(&step.scn, &step.board, attackers, target) {
        step.emit(SimEvent::Advanced {
            unit: id,
            to: target,
        });
    }
}

/// The attacker that advances into `target` once it is taken and empty: the first of `attackers`
/// (in the order given) still on the map that can step into it and fits the stack there.
pub fn advancer(
    scn: &Scenario,
    board: &Board,
    attackers: &[UnitIx],
    target: HexId,
) -> Option<UnitIx> {
    attackers.iter().copied().find(|&id| {
        board.get(id).is_some_and(|u| {
            step_cost(scn, board, id, u.hex, target, true).is_some()
                && scn.unit_type(id).stacking <= scn.rules.stacking_limit
        })
    })
}

/// What a routing unit loses: `rout_men_lost` of its men and `rout_heavy_weapons_lost` of each of
/// its non-armour weapons, rounded down.
fn rout_loss(scn: &Scenario, u: &UnitSnap) -> UnitLoss {
    let c = &scn.rules.combat;
    let share = |n: u32, f: f32| (n as f64 * f as f64).floor() as u32;
    UnitLoss {
        men: share(u.strength.men, c.rout_men_lost),
        equipment: u
            .strength
            .equipment
            .iter()
            .filter(|(e, _)| {
                !matches!(
                    scn.equipment[*e].class,
                    EquipmentClass::Tank | EquipmentClass::ArmoredCar
                )
            })
            .map(|&(e, n)| (e, share(n, c.rout_heavy_weapons_lost)))
            .filter(|(_, n)| *n > 0)
            .collect(),
    }
}

/// Where a beaten unit falls back (see the module's rules); `None` = it surrenders.
pub fn retreat_hex(scn: &Scenario, board: &Board, id: UnitIx) -> Option<HexId> {
    let u = board.get(id)?;
    let zoc = board.zoc_of(scn, u.side.enemy());
    let pts = scn.unit_type(id).stacking;
    let sources = &scn.supply_sources[u.side.index()];
    scn.map
        .neighbors(u.hex)
        .filter(|&(_, n)| board.occupant(n) != Some(u.side.enemy()))
        .filter(|&(_, n)| step_cost(scn, board, id, u.hex, n, true).is_some())
        .filter(|&(_, n)| board.stacking_at(scn, n) + pts <= scn.rules.stacking_limit)
        .min_by_key(|&(_, n)| {
            let to_source = sources
                .iter()
                .map(|&s| scn.map.distance(n, s))
                .min()
                .unwrap_or(0);
            (zoc[n.0 as usize], to_source, n)
        })
        .map(|(_, n)| n)
}
