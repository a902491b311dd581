//! Combat resolution: a pure function of the engagement and two random draws.
//!
//! Strength of a unit = fire against the enemy's mix of soft and armoured targets
//! (riflemen × rifle rating + Σ pieces × rating), × quality (experience, cohesion, fatigue, supply).
//! The attacker's total is modified by river sides crossed, night (by doctrine), combined arms, air
//! and supporting artillery in range; the defender's by terrain, entrenchment, elevation and its own
//! artillery. Odds = attack / defence. Each side loses a fraction of men
//! `base_loss × odds^±exponent × draw`, capped; armour losses follow the enemy's anti-armour fire;
//! unescorted armour loses extra vehicles to close assault and night attacks with armour overrun
//! guns ([`super::close_combat`]).
//! Anti-armour fire is by gun and armour: a piece's hard fire against a vehicle of armour `a` mm
//! counts (penetration_mm / a)², at most 1 — the Type 89's short 57 mm gun barely scratches a BT-7,
//! the Soviet 45 mm pierces every Japanese tank (history §d1–§d2). Each kind of vehicle is lost at
//! the rate the enemy's fire against its own armour gives.
//! The defender retreats when its losses or cohesion pass the rules' thresholds; the attacker then
//! takes the hex.

use super::close_combat;
use crate::data::rules::{Branch, CombatRules};
use crate::data::{EquipmentClass, EquipmentSpec};
pub use crate::sim::events::UnitLoss;
use serde::Serialize;

/// One unit's part in a combat.
#[derive(Debug, Clone, PartialEq)]
pub struct Combatant {
    pub men: u32,
    /// (equipment index, count).
    pub equipment: Vec<(usize, u32)>,
    pub branch: Branch,
    pub experience: u8,
    pub cohesion: f32,
    pub fatigue: f32,
    /// Strength multiplier from supply (1 in supply).
    pub supply: f32,
}

/// Everything that decides a combat.
#[derive(Debug, Clone, PartialEq)]
pub struct Engagement {
    pub attackers: Vec<Combatant>,
    pub defenders: Vec<Combatant>,
    /// Fire of artillery in range that supports each side (already summed, before `artillery_support`).
    pub attacker_artillery: f32,
    pub defender_artillery: f32,
    /// Air support given to the attack.
    pub attacker_air: f32,
    /// Terrain of the defender's hex.
    pub terrain_defence: f32,
    pub terrain_armor_attack: f32,
    pub close_assault_terrain: bool,
    /// Defender's height above the attacker's mean height, metres (negative when below).
    pub elevation_diff_m: f32,
    /// The worst hex side the attack crosses.
    pub across_major_river: bool,
    pub across_minor_river: bool,
    pub entrenchment: u8,
    pub entrenchment_bonus: f32,
    pub night: bool,
    pub attacker_night_doctrine: bool,
    /// The attacking side may get the combined-arms bonus (its scenario doctrine).
    pub attacker_combined_arms: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombatResult {
    pub odds: f32,
    /// Per attacker, in the engagement's order.
    pub attacker_losses: Vec<UnitLoss>,
    pub defender_losses: Vec<UnitLoss>,
    pub attacker_cohesion_loss: f32,
    pub defender_cohesion_loss: f32,
    /// The defender must leave the hex (and the attacker takes it).
    pub defender_retreats: bool,
}

/// Random draws of one combat, each uniform in [0, 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Draws {
    pub attacker: f32,
    pub defender: f32,
}

/// A unit's fire multiplier from experience, cohesion, fatigue and supply (`combat.quality`).
fn quality(rules: &CombatRules, c: &Combatant) -> f32 {
    let q = &rules.quality;
    (q.experience.0 + q.experience.1 * c.experience as f32 / 100.0)
        * (q.cohesion.0 + q.cohesion.1 * (c.cohesion / 100.0).clamp(0.0, 1.0))
        * (1.0 - q.fatigue_penalty * (c.fatigue / 100.0).clamp(0.0, 1.0))
        * c.supply
}

/// Share of a force that is armour (tanks and armoured cars), each vehicle counted as
/// `armor_men_equivalent` men.
fn armor_share(eq: &[EquipmentSpec], rules: &CombatRules, side: &[Combatant]) -> f32 {
    let (mut armor, mut total) = (0.0, 0.0);
    for c in side {
        total += c.men as f32;
        for &(e, n) in &c.equipment {
            if matches!(
                eq[e].class,
                EquipmentClass::Tank | EquipmentClass::ArmoredCar
            ) {
                armor += n as f32 * rules.armor_men_equivalent;
                total += n as f32 * rules.armor_men_equivalent;
            }
        }
    }
    if total > 0.0 { armor / total } else { 0.0 }
}

/// Share, 0–1, of a piece's anti-armour fire that counts against armour `armor_mm` thick.
pub fn pierce(s: &EquipmentSpec, armor_mm: f32) -> f32 {
    match s.penetration_mm {
        Some(p) if armor_mm > 0.0 => (p / armor_mm).clamp(0.0, 1.0).powi(2),
        _ => 1.0,
    }
}

fn is_vehicle(class: EquipmentClass) -> bool {
    matches!(class, EquipmentClass::Tank | EquipmentClass::ArmoredCar)
}

/// A side's vehicles by armour: (armour mm, count).
fn armor_profile(eq: &[EquipmentSpec], side: &[Combatant]) -> Vec<(f32, u32)> {
    let mut out: Vec<(f32, u32)> = Vec::new();
    for &(e, n) in side.iter().flat_map(|c| c.equipment.iter()) {
        if n > 0 && is_vehicle(eq[e].class) {
            match out.iter_mut().find(|p| p.0 == eq[e].armor_mm) {
                Some(p) => p.1 += n,
                None => out.push((eq[e].armor_mm, n)),
            }
        }
    }
    out
}

/// Mean share of a piece's anti-armour fire that counts against a side's vehicles.
fn pierce_profile(s: &EquipmentSpec, profile: &[(f32, u32)]) -> f32 {
    let total: u32 = profile.iter().map(|p| p.1).sum();
    if total == 0 {
        return 1.0;
    }
    profile
        .iter()
        .map(|&(a, n)| pierce(s, a) * n as f32)
        .sum::<f32>()
        / total as f32
}

/// Fire of one unit against a target mix with the given armour share and vehicles.
fn fire(
    eq: &[EquipmentSpec],
    rules: &CombatRules,
    rifle: f32,
    c: &Combatant,
    (target_armor, profile): (f32, &[(f32, u32)]),
    armor_mult: f32,
) -> f32 {
    let crew: u32 = c.equipment.iter().map(|&(e, n)| eq[e].crew * n).sum();
    let riflemen = c.men.saturating_sub(crew) as f32;
    let mut soft = riflemen * rifle;
    let mut hard = 0.0;
    for &(e, n) in &c.equipment {
        let s = &eq[e];
        let m = if is_vehicle(s.class) { armor_mult } else { 1.0 };
        soft += n as f32 * s.soft_attack * m;
        if s.hard_attack > 0.0 {
            hard += n as f32 * s.hard_attack * m * pierce_profile(s, profile);
        }
    }
    (soft * (1.0 - target_armor) + hard * target_armor) * quality(rules, c)
}

fn has_armor(eq: &[EquipmentSpec], c: &Combatant) -> bool {
    c.equipment
        .iter()
        .any(|&(e, n)| n > 0 && eq[e].class == EquipmentClass::Tank)
}

/// The attacker's and defender's totals and the odds, before any random draw.
pub fn odds(
    eq: &[EquipmentSpec],
    rifle: f32,
    rules: &CombatRules,
    e: &Engagement,
) -> (f32, f32, f32) {
    let def_profile = armor_profile(eq, &e.defenders);
    let att_profile = armor_profile(eq, &e.attackers);
    let def_armor = (armor_share(eq, rules, &e.defenders), &def_profile[..]);
    let att_armor = (armor_share(eq, rules, &e.attackers), &att_profile[..]);
    let mut attack: f32 = e
        .attackers
        .iter()
        .map(|c| fire(eq, rules, rifle, c, def_armor, e.terrain_armor_attack))
        .sum();
    attack += e.attacker_artillery * rules.artillery_support + e.attacker_air;
    let infantry = e.attackers.iter().any(|c| {
        matches!(
            c.branch,
            Branch::Infantry | Branch::MotorisedInfantry | Branch::Cavalry | Branch::Engineer
        )
    });
    let armor = e.attackers.iter().any(|c| has_armor(eq, c));
    if e.attacker_combined_arms && infantry && armor && e.attacker_artillery > 0.0 {
        attack *= rules.combined_arms;
    }
    if e.across_major_river {
        attack *= rules.across_major_river;
    } else if e.across_minor_river {
        attack *= rules.across_minor_river;
    }
    if e.night {
        attack *= if e.attacker_night_doctrine {
            rules.night_attack_doctrine
        } else {
            rules.night_attack_other
        };
    }
    let mut defence: f32 = e
        .defenders
        .iter()
        .map(|c| fire(eq, rules, rifle, c, att_armor, 1.0))
        .sum();
    defence *= e.terrain_defence * (1.0 + e.entrenchment as f32 * e.entrenchment_bonus);
    defence *= 1.0 + (e.elevation_diff_m / 10.0).max(0.0) * rules.elevation_per_10m;
    defence += e.defender_artillery * rules.artillery_support;
    let defence = defence.max(1.0);
    (attack, defence, attack / defence)
}

/// What a combat's outcome depends on besides the draws: computed once per engagement.
#[derive(Debug, Clone, Copy)]
struct Factors {
    odds: f32,
    /// Loss fractions before the random spread.
    attacker_base: f32,
    defender_base: f32,
    /// Extra share of the attacker's tanks lost to close assault.
    close_assault_extra: f32,
    /// The defender's loss fraction at or above which it retreats (from losses or cohesion).
    retreat_threshold: f32,
}

fn factors(eq: &[EquipmentSpec], rifle: f32, rules: &CombatRules, e: &Engagement) -> Factors {
    let (_, _, odds) = odds(eq, rifle, rules, e);
    let odds_c = odds.clamp(rules.odds_range.0, rules.odds_range.1);
    let mean_def_cohesion = if e.defenders.is_empty() {
        0.0
    } else {
        e.defenders.iter().map(|c| c.cohesion).sum::<f32>() / e.defenders.len() as f32
    };
    // Retreat when losses reach `retreat_loss`, or when the cohesion they cost drops the defender
    // below `retreat_cohesion`.
    let by_cohesion =
        (mean_def_cohesion - rules.retreat_cohesion) / (100.0 * rules.cohesion_per_loss_pct);
    Factors {
        odds,
        attacker_base: rules.base_loss * rules.attacker_loss * odds_c.powf(-rules.odds_exponent),
        defender_base: rules.base_loss * odds_c.powf(rules.odds_exponent),
        close_assault_extra: close_combat::close_assault_share(eq, rules, e),
        retreat_threshold: rules.retreat_loss.min(by_cohesion),
    }
}

/// (attacker, defender) fractions of men lost for one pair of draws.
fn fractions(rules: &CombatRules, f: &Factors, d: Draws) -> (f32, f32) {
    let spread = |u: f32| 1.0 - rules.spread + 2.0 * rules.spread * u;
    (
        (f.attacker_base * spread(d.attacker)).min(rules.max_loss),
        (f.defender_base * spread(d.defender)).min(rules.max_loss),
    )
}

/// Resolves a combat with the given random draws. Pure: same inputs, same result.
pub fn resolve(
    eq: &[EquipmentSpec],
    rifle: f32,
    rules: &CombatRules,
    e: &Engagement,
    d: Draws,
) -> CombatResult {
    let f = factors(eq, rifle, rules, e);
    let (att_frac, def_frac) = fractions(rules, &f, d);
    let overrun = close_combat::night_overrun_share(eq, rules, e, def_frac);
    CombatResult {
        odds: f.odds,
        attacker_losses: e
            .attackers
            .iter()
            .map(|c| {
                let hard = vehicle_hard(eq, c, &e.defenders);
                unit_loss(eq, rules, c, att_frac, &hard, f.close_assault_extra, 0.0)
            })
            .collect(),
        defender_losses: e
            .defenders
            .iter()
            .map(|c| {
                let hard = vehicle_hard(eq, c, &e.attackers);
                unit_loss(eq, rules, c, def_frac, &hard, 0.0, overrun)
            })
            .collect(),
        attacker_cohesion_loss: att_frac * 100.0 * rules.cohesion_per_loss_pct,
        defender_cohesion_loss: def_frac * 100.0 * rules.cohesion_per_loss_pct,
        defender_retreats: def_frac >= f.retreat_threshold,
    }
}

/// A side's anti-armour fire against a vehicle of `armor_mm` (each piece by [`pierce`]).
fn hard_fire(eq: &[EquipmentSpec], side: &[Combatant], armor_mm: f32) -> f32 {
    side.iter()
        .flat_map(|c| c.equipment.iter())
        .filter(|&&(e, _)| eq[e].hard_attack > 0.0)
        .map(|&(e, n)| eq[e].hard_attack * n as f32 * pierce(&eq[e], armor_mm))
        .sum()
}

/// For each of a unit's equipment entries, the enemy's anti-armour fire against it (0 for what is
/// not a vehicle).
fn vehicle_hard(eq: &[EquipmentSpec], c: &Combatant, enemy: &[Combatant]) -> Vec<f32> {
    c.equipment
        .iter()
        .map(|&(e, _)| {
            if is_vehicle(eq[e].class) {
                hard_fire(eq, enemy, eq[e].armor_mm)
            } else {
                0.0
            }
        })
        .collect()
}

/// Share of a kind of a unit's vehicles lost when it loses `frac` of its men: in proportion to the
/// enemy's anti-armour fire against that kind's armour (saturating at `armor_loss_saturation`),
/// plus `extra_armor`.
fn armor_rate(rules: &CombatRules, frac: f32, enemy_hard: f32, extra_armor: f32) -> f32 {
    (frac * rules.armor_loss_rate * (enemy_hard / (enemy_hard + rules.armor_loss_saturation))
        + extra_armor)
        .min(1.0)
}

/// Pieces of one kind lost: armour at the armour rate (armoured cars `armored_car_loss_factor` as
/// fast), guns and mortars at `gun_loss_factor` of the rate of men plus `gun_extra` (overrun),
/// machine guns at `machine_gun_loss_factor` of it.
fn pieces_lost(
    rules: &CombatRules,
    class: EquipmentClass,
    n: u32,
    frac: f32,
    armor: f32,
    gun_extra: f32,
) -> u32 {
    let rate = match class {
        EquipmentClass::Tank => armor,
        EquipmentClass::ArmoredCar => (armor * rules.armored_car_loss_factor).min(1.0),
        EquipmentClass::FieldGun | EquipmentClass::AntiTankGun | EquipmentClass::Mortar => {
            (frac * rules.gun_loss_factor + gun_extra).min(1.0)
        }
        EquipmentClass::MachineGun => frac * rules.machine_gun_loss_factor,
        // Aircraft are never in a ground unit (the loader refuses them there).
        EquipmentClass::Fighter | EquipmentClass::Bomber | EquipmentClass::Reconnaissance => 0.0,
    };
    ((n as f32 * rate).round() as u32).min(n)
}

fn men_lost(c: &Combatant, frac: f32) -> u32 {
    ((c.men as f32 * frac).round() as u32).min(c.men)
}

/// Losses of one unit losing `frac` of its men; `hard` is the enemy's anti-armour fire against
/// each of its equipment entries ([`vehicle_hard`]); `close_assault` the extra share of vehicles
/// lost to close assault (by engine, [`close_combat::engine_factor`]), `overrun` the extra share
/// of guns and mortars.
fn unit_loss(
    eq: &[EquipmentSpec],
    rules: &CombatRules,
    c: &Combatant,
    frac: f32,
    hard: &[f32],
    close_assault: f32,
    overrun: f32,
) -> UnitLoss {
    let equipment = c
        .equipment
        .iter()
        .zip(hard)
        .filter_map(|(&(e, n), &h)| {
            let extra = close_assault * close_combat::engine_factor(&eq[e], rules);
            let armor = armor_rate(rules, frac, h, extra);
            let lost = pieces_lost(rules, eq[e].class, n, frac, armor, overrun);
            (lost > 0).then_some((e, lost))
        })
        .collect();
    UnitLoss {
        men: men_lost(c, frac),
        equipment,
    }
}

/// Vehicles of `class` (tanks or armoured cars) a unit losing `frac` of its men loses.
fn vehicles_lost(
    eq: &[EquipmentSpec],
    rules: &CombatRules,
    c: &Combatant,
    (frac, hard, extra_armor): (f32, &[f32], f32),
    class: EquipmentClass,
) -> u32 {
    c.equipment
        .iter()
        .zip(hard)
        .filter(|((e, _), _)| eq[*e].class == class)
        .map(|(&(e, n), &h)| {
            let extra = extra_armor * close_combat::engine_factor(&eq[e], rules);
            let armor = armor_rate(rules, frac, h, extra);
            pieces_lost(rules, class, n, frac, armor, 0.0)
        })
        .sum()
}

/// Expected outcome of a combat, from the same model: mean losses over a fixed grid of draws and the
/// share of draws in which the defender retreats.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub odds: f32,
    pub attacker_men_lost: f32,
    pub defender_men_lost: f32,
    pub attacker_tanks_lost: f32,
    pub defender_tanks_lost: f32,
    pub attacker_cars_lost: f32,
    pub defender_cars_lost: f32,
    /// Chance, 0–1, that the attacker takes the hex.
    pub take_chance: f32,
    /// The share of its men lost (0–1) at which the defender gives way and the hex is taken: the
    /// rules' `retreat_loss`, or less when the cohesion that loss costs would break it first.
    pub gives_way_at: f32,
    /// The least and the most of its men the defender loses (0–1) over the draws.
    pub defender_share_lost: (f32, f32),
}

/// Points per draw axis in [`preview`].
const GRID: usize = 16;

pub fn preview(eq: &[EquipmentSpec], rifle: f32, rules: &CombatRules, e: &Engagement) -> Preview {
    let f = factors(eq, rifle, rules, e);
    let mut p = Preview {
        odds: f.odds,
        attacker_men_lost: 0.0,
        defender_men_lost: 0.0,
        attacker_tanks_lost: 0.0,
        defender_tanks_lost: 0.0,
        attacker_cars_lost: 0.0,
        defender_cars_lost: 0.0,
        take_chance: 0.0,
        gives_way_at: f.retreat_threshold.max(0.0),
        defender_share_lost: (f32::INFINITY, 0.0),
    };
    let att_hard: Vec<Vec<f32>> = e
        .attackers
        .iter()
        .map(|c| vehicle_hard(eq, c, &e.defenders))
        .collect();
    let def_hard: Vec<Vec<f32>> = e
        .defenders
        .iter()
        .map(|c| vehicle_hard(eq, c, &e.attackers))
        .collect();
    for i in 0..GRID {
        let u = (i as f32 + 0.5) / GRID as f32;
        let (att, def) = fractions(
            rules,
            &f,
            Draws {
                attacker: u,
                defender: u,
            },
        );
        for (c, hard) in e.attackers.iter().zip(&att_hard) {
            let hit = (att, hard.as_slice(), f.close_assault_extra);
            p.attacker_men_lost += men_lost(c, att) as f32;
            p.attacker_tanks_lost += vehicles_lost(eq, rules, c, hit, EquipmentClass::Tank) as f32;
            p.attacker_cars_lost +=
                vehicles_lost(eq, rules, c, hit, EquipmentClass::ArmoredCar) as f32;
        }
        for (c, hard) in e.defenders.iter().zip(&def_hard) {
            let hit = (def, hard.as_slice(), 0.0);
            p.defender_men_lost += men_lost(c, def) as f32;
            p.defender_tanks_lost += vehicles_lost(eq, rules, c, hit, EquipmentClass::Tank) as f32;
            p.defender_cars_lost +=
                vehicles_lost(eq, rules, c, hit, EquipmentClass::ArmoredCar) as f32;
        }
        p.take_chance += (def >= f.retreat_threshold) as u8 as f32;
        p.defender_share_lost = (
            p.defender_share_lost.0.min(def),
            p.defender_share_lost.1.max(def),
        );
    }
    let n = GRID as f32;
    p.attacker_men_lost /= n;
    p.defender_men_lost /= n;
    p.attacker_tanks_lost /= n;
    p.defender_tanks_lost /= n;
    p.attacker_cars_lost /= n;
    p.defender_cars_lost /= n;
    p.take_chance /= n;
    p
}
