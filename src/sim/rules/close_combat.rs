//! Armour against infantry and guns at short range (history §b3, §d1, §d2).
//!
//! - **Close assault**: vehicles (tanks, armoured cars) that attack without infantry of their own
//!   into a hex whose defenders include infantry, where the ground hides the assault parties
//!   (close-assault terrain: dunes and hollows) or the defenders are dug in (entrenchment of at
//!   least `close_assault_entrenchment`), lose an extra `close_assault_armor_loss` of each kind of
//!   vehicle: those with petrol engines in full, diesel ones at `close_assault_diesel_factor` of it
//!   (petrol bottles set the BTs' engine decks alight at Bain-Tsagan, §b3; the Japanese Type 95 and
//!   97 and the Type 89 Otsu ran on diesel, §d1).
//! - **Night overrun**: vehicles that attack by night reach the defenders' guns before the crews can
//!   see to fire over open sights: the defenders lose an extra `night_overrun_gun_loss` of their
//!   field guns, anti-tank guns and mortars, times how far the attack broke in (the defenders' loss
//!   fraction over `retreat_loss`, at most 1). Tamada's night attack of 2/3 July overran about 12
//!   Soviet gun positions; by day the same guns stopped Yasuoka's tanks at the third line (§b3).

use super::combat::{Combatant, Engagement};
use crate::data::rules::{Branch, CombatRules};
use crate::data::{EquipmentClass, EquipmentSpec};

/// Whether a unit fights on foot: infantry, cavalry, motorised infantry or engineers.
pub fn is_foot(c: &Combatant) -> bool {
    matches!(
        c.branch,
        Branch::Infantry | Branch::Cavalry | Branch::MotorisedInfantry | Branch::Engineer
    )
}

/// Whether a unit has tanks or armoured cars.
pub fn has_vehicles(eq: &[EquipmentSpec], c: &Combatant) -> bool {
    c.equipment.iter().any(|&(e, n)| {
        n > 0
            && matches!(
                eq[e].class,
                EquipmentClass::Tank | EquipmentClass::ArmoredCar
            )
    })
}

/// The extra share of each kind of the attacker's vehicles lost to close assault, before the
/// engine's factor ([`engine_factor`]): `close_assault_armor_loss` where the rule applies, else 0.
pub fn close_assault_share(eq: &[EquipmentSpec], rules: &CombatRules, e: &Engagement) -> f32 {
    let unescorted =
        e.attackers.iter().any(|c| has_vehicles(eq, c)) && !e.attackers.iter().any(is_foot);
    let assault_parties = e.defenders.iter().any(is_foot);
    let cover = e.close_assault_terrain || e.entrenchment >= rules.close_assault_entrenchment;
    if unescorted && assault_parties && cover {
        rules.close_assault_armor_loss
    } else {
        0.0
    }
}

/// How much of the close-assault share a vehicle suffers: 1 with a petrol engine, else
/// `close_assault_diesel_factor`.
pub fn engine_factor(spec: &EquipmentSpec, rules: &CombatRules) -> f32 {
    if spec.petrol_engine {
        1.0
    } else {
        rules.close_assault_diesel_factor
    }
}

/// The extra share of the defenders' guns and mortars overrun when they lose `defender_frac` of
/// their men: `night_overrun_gun_loss × min(1, defender_frac / retreat_loss)` in a night attack
/// with vehicles, else 0.
pub fn night_overrun_share(
    eq: &[EquipmentSpec],
    rules: &CombatRules,
    e: &Engagement,
    defender_frac: f32,
) -> f32 {
    if !e.night || !e.attackers.iter().any(|c| has_vehicles(eq, c)) {
        return 0.0;
    }
    rules.night_overrun_gun_loss * (defender_frac / rules.retreat_loss.max(1e-6)).min(1.0)
}
