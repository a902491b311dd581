//! Carrying out an attack order: check it, set it up, fight it, and follow it with its aftermath.
//!
//! Rules:
//! - Only the active side's units attack; each unit attacks at most once a turn (and is named once
//!   in an attack) and each hex is attacked at most once a turn.
//! - The attack is set up by [`super::attack_setup`] and resolved by [`super::combat::resolve`]
//!   with two draws of the game's random stream (the attacker's, then the defender's).

use super::aftermath;
use super::attack_setup::attack_setup;
use super::combat::{Draws, resolve};
use crate::data::Side;
use crate::map::HexId;
use crate::scenario::UnitIx;
use crate::sim::apply::Step;
use crate::sim::{Order, SimEvent};

/// Why an attack order cannot be carried out, or `Ok` with nothing said.
fn check(step: &Step, side: Side, units: &[UnitIx], target: HexId) -> Result<(), String> {
    let scn = &step.scn;
    let turn = step.turn();
    if target.0 as usize >= scn.map.len() {
        return Err(format!("hex #{} is off the map", target.0));
    }
    let mut sorted = units.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return Err("the attack names a unit twice".into());
    }
    if turn.hit.contains(&target) {
        return Err(format!(
            "hex {} was already attacked this turn",
            scn.map.label(target)
        ));
    }
    if let Some(u) = units.iter().find(|u| turn.used.contains(u)) {
        return Err(format!(
            "{} has already attacked this turn",
            scn.units[*u as usize].name
        ));
    }
    if units
        .iter()
        .any(|&u| step.board.get(u).is_some_and(|s| s.side != side))
    {
        return Err("only the active side's units can attack".into());
    }
    Ok(())
}

/// Carries out an attack order of the active `side`, or refuses it with the reason. Returns
/// whether the attack was fought.
pub fn carry_out(step: &mut Step, side: Side, units: &[UnitIx], target: HexId) -> bool {
    let setup = check(step, side, units, target).and_then(|()| {
        let air_left = step.game().air_left[side.index()];
        attack_setup(
            &step.scn,
            &step.board,
            side,
            units,
            target,
            step.clock().now,
            air_left,
        )
    });
    let setup = match setup {
        Ok(s) => s,
        Err(reason) => {
            step.emit(SimEvent::OrderRejected {
                side,
                order: Order::Attack {
                    units: units.to_vec(),
                    target,
                },
                reason,
            });
            return false;
        }
    };
    let draws = Draws {
        attacker: step.draw(),
        defender: step.draw(),
    };
    let scn = step.scn.clone();
    let result = resolve(
        &scn.equipment,
        scn.rifleman_soft_attack,
        &scn.rules.combat,
        &setup.engagement,
        draws,
    );
    let defenders: Vec<UnitIx> = step.board.units_at(target).collect();
    let wrecks = super::recovery::knocked_out(
        &scn,
        units
            .iter()
            .copied()
            .zip(&result.attacker_losses)
            .chain(defenders.iter().copied().zip(&result.defender_losses)),
    );
    step.emit(SimEvent::Combat {
        side,
        attackers: units.to_vec(),
        defenders: defenders.clone(),
        target,
        odds: result.odds,
        attacker_losses: result.attacker_losses,
        defender_losses: result.defender_losses,
        attacker_cohesion_loss: result.attacker_cohesion_loss,
        defender_cohesion_loss: result.defender_cohesion_loss,
        defender_retreats: result.defender_retreats,
        artillery: setup.artillery,
        air: setup.air,
        wrecks,
    });
    aftermath::follow(
        step,
        side,
        units,
        &defenders,
        target,
        result.defender_retreats,
    );
    true
}
