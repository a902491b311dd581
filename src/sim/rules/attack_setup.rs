//! Attack set-up: the one place that gathers a combat's inputs from the board — who attacks, who
//! defends, the artillery in range of both sides, the attacker's air and the ground — for the
//! simulation, the computer players and the window's preview alike.
//!
//! Rules:
//! - Attackers must be next to the target hex, of a type that may attack, with men and with cohesion
//!   at or above `combat.retreat_cohesion`.
//! - Every artillery unit of either side within its guns' range (`range_km`) of the target that has
//!   not fired this phase and has a fire of ammunition joins in: the attacker's (those not
//!   attacking) and the defender's; each spends one fire.
//! - The attack gets `air_share_per_attack` of the air points the side has left this turn.

use super::combat::{Combatant, Engagement};
use crate::data::rules::Branch;
use crate::data::{EquipmentClass, Side, Stamp};
use crate::map::{HexId, SideFeature};
use crate::scenario::{Scenario, UnitIx};
use crate::sim::{Board, UnitSnap};

/// Strength multiplier of a unit from its supply: 1 in supply, then falling each turn out of supply.
pub fn supply_factor(scn: &Scenario, u: &UnitSnap) -> f32 {
    if u.supply.in_supply() {
        return 1.0;
    }
    let s = &scn.rules.supply;
    (scn.rules.combat.out_of_supply - s.strength_decay * (u.supply.turns_out - 1) as f32)
        .max(s.min_strength)
}

pub fn combatant(scn: &Scenario, u: &UnitSnap) -> Combatant {
    Combatant {
        men: u.strength.men,
        equipment: u.strength.equipment.clone(),
        branch: scn.unit_type(u.id).branch,
        experience: u.condition.experience,
        cohesion: u.condition.cohesion,
        fatigue: u.condition.fatigue,
        supply: supply_factor(scn, u),
    }
}

/// Fire an artillery unit can bring on `target` (0 when out of range), and whether it is artillery at all.
pub fn artillery_fire(scn: &Scenario, u: &UnitSnap, target: HexId) -> f32 {
    if scn.unit_type(u.id).branch != Branch::Artillery {
        return 0.0;
    }
    let dist_km = scn.map.distance(u.hex, target) as f32 * scn.map.hex_km as f32;
    u.strength
        .equipment
        .iter()
        .filter(|(e, _)| {
            scn.equipment[*e].class == EquipmentClass::FieldGun
                && scn.equipment[*e].range_km >= dist_km
        })
        .map(|&(e, n)| scn.equipment[e].soft_attack * n as f32)
        .sum::<f32>()
        * supply_factor(scn, u)
}

/// Artillery of `side` that can fire on `target` and has not fired this phase, excluding `exclude`.
pub fn supporting_artillery(
    scn: &Scenario,
    board: &Board,
    side: Side,
    target: HexId,
    exclude: &[UnitIx],
) -> Vec<(UnitIx, f32)> {
    board
        .live()
        .filter(|u| {
            u.side == side
                && !u.condition.fired
                && u.condition.ammo >= 1.0
                && !exclude.contains(&u.id)
        })
        .filter_map(|u| {
            let f = artillery_fire(scn, u, target);
            (f > 0.0).then_some((u.id, f))
        })
        .collect()
}

/// Whether a unit may attack at all: its type leads attacks and its cohesion holds.
pub fn can_attack(scn: &Scenario, u: &UnitSnap) -> bool {
    scn.unit_type(u.id).can_attack
        && u.condition.cohesion >= scn.rules.combat.retreat_cohesion
        && u.strength.men > 0
}

/// Builds the engagement for an attack by `attackers` on `target`, or says why it cannot happen.
/// Artillery support is the given (unit, fire) lists; air is the attacker's air points.
pub fn engagement(
    scn: &Scenario,
    board: &Board,
    attackers: &[UnitIx],
    target: HexId,
    now: Stamp,
    support: (f32, f32),
    air: f32,
) -> Result<Engagement, String> {
    let defenders: Vec<&UnitSnap> = board
        .units_at(target)
        .filter_map(|id| board.get(id))
        .collect();
    let Some(def_side) = defenders.first().map(|u| u.side) else {
        return Err(format!("no enemy in hex {}", scn.map.label(target)));
    };
    let mut atts = Vec::new();
    for &id in attackers {
        let Some(u) = board.get(id) else {
            return Err(format!("unit #{id} is not on the map"));
        };
        if u.side == def_side {
            return Err(format!(
                "`{}` cannot attack its own side",
                scn.units[id as usize].key
            ));
        }
        if scn.map.distance(u.hex, target) != 1 {
            return Err(format!(
                "`{}` is not adjacent to {}",
                scn.units[id as usize].key,
                scn.map.label(target)
            ));
        }
        if !can_attack(scn, u) {
            return Err(format!(
                "`{}` cannot attack (artillery, or cohesion too low)",
                scn.units[id as usize].key
            ));
        }
        atts.push(u);
    }
    if atts.is_empty() {
        return Err("an attack needs at least one unit".into());
    }
    let attacker_side = def_side.enemy();
    let terrain = scn.terrain_at(target);
    let mut across_major = false;
    let mut across_minor = false;
    for u in &atts {
        match scn.feature_between_at(board.epoch, u.hex, target) {
            SideFeature::MajorRiver => across_major = true,
            SideFeature::MinorRiver => across_minor = true,
            _ => {}
        }
    }
    let att_elev = atts
        .iter()
        .map(|u| scn.map.elevation_m[u.hex.0 as usize] as f32)
        .sum::<f32>()
        / atts.len() as f32;
    Ok(Engagement {
        attackers: atts.iter().map(|u| combatant(scn, u)).collect(),
        defenders: defenders.iter().map(|u| combatant(scn, u)).collect(),
        attacker_artillery: support.0,
        defender_artillery: support.1,
        attacker_air: air,
        terrain_defence: terrain.defence,
        terrain_armor_attack: terrain.armor_attack,
        close_assault_terrain: terrain.close_assault,
        elevation_diff_m: scn.map.elevation_m[target.0 as usize] as f32 - att_elev,
        across_major_river: across_major,
        across_minor_river: across_minor,
        entrenchment: defenders
            .iter()
            .map(|u| u.condition.entrenchment)
            .max()
            .unwrap_or(0),
        entrenchment_bonus: scn.rules.entrenchment_bonus,
        night: scn.is_night(now),
        attacker_night_doctrine: scn.night_doctrine[attacker_side.index()],
        attacker_combined_arms: scn.combined_arms[attacker_side.index()],
    })
}

/// Everything an attack brings together: the engagement and the supports it used.
#[derive(Debug, Clone, PartialEq)]
pub struct AttackSetup {
    pub engagement: Engagement,
    /// Artillery of both sides that fires in this combat (attacker's first, by id).
    pub artillery: Vec<UnitIx>,
    /// Air points the attacker spends on it.
    pub air: f32,
}

/// Sets up an attack by `side`'s `attackers` on `target` at `now`, with the side's `air_left` air
/// points this turn; or says why it cannot happen.
pub fn attack_setup(
    scn: &Scenario,
    board: &Board,
    side: Side,
    attackers: &[UnitIx],
    target: HexId,
    now: Stamp,
    air_left: f32,
) -> Result<AttackSetup, String> {
    let att = supporting_artillery(scn, board, side, target, attackers);
    let def = supporting_artillery(scn, board, side.enemy(), target, &[]);
    let support = (att.iter().map(|a| a.1).sum(), def.iter().map(|a| a.1).sum());
    let air = air_left * scn.rules.air_share_per_attack;
    let engagement = engagement(scn, board, attackers, target, now, support, air)?;
    Ok(AttackSetup {
        engagement,
        artillery: att.iter().chain(&def).map(|a| a.0).collect(),
        air,
    })
}
