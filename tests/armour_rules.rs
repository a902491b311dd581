//! Armour against armour: anti-armour fire counts by gun and armour (the Type 89's short 57 mm
//! barely hurts a BT-7, the Soviet 45 mm pierces every Japanese tank), each kind of vehicle is lost
//! at the rate the enemy's fire against its own armour gives; of the vehicles lost, half are knocked
//! out rather than destroyed and are recovered in the evening where their side holds the ground.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind::Plan;
use khalkhin_gol::data::rules::Branch;
use khalkhin_gol::scenario::Scenario;
use khalkhin_gol::sim::SimEvent;
use khalkhin_gol::sim::combat::{Combatant, Draws, pierce, resolve};

fn eq(scn: &Scenario, key: &str) -> usize {
    scn.equipment_keys.iter().position(|k| k == key).unwrap()
}

fn combatant(men: u32, equipment: Vec<(usize, u32)>, branch: Branch) -> Combatant {
    Combatant {
        men,
        equipment,
        branch,
        experience: 60,
        cohesion: 90.0,
        fatigue: 0.0,
        supply: 1.0,
    }
}

#[test]
fn guns_pierce_by_armour_and_thin_skinned_vehicles_die_first() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let e = |k: &str| &scn.equipment[eq(&scn, k)];
    let (bt7, bt5) = (e("BT-7"), e("BT-5"));
    let short57 = e("Type 89B I-Go");
    assert!(
        pierce(short57, bt7.armor_mm) < 0.5,
        "the short 57 mm barely hurts a BT-7"
    );
    assert!(pierce(short57, bt7.armor_mm) < pierce(short57, bt5.armor_mm));
    for k in [
        "Type 89B I-Go",
        "Type 97 Chi-Ha",
        "Type 95 Ha-Go",
        "Type 97 Te-Ke",
    ] {
        assert_eq!(pierce(e("45mm AT gun M1937"), e(k).armor_mm), 1.0, "{k}");
    }
    // The same Type 89 attack on a battalion of BT-5s and BT-7s: the BT-5s lose more.
    let tanks = combatant(400, vec![(eq(&scn, "Type 89B I-Go"), 30)], Branch::Armor);
    let mixed = combatant(
        450,
        vec![(eq(&scn, "BT-7"), 30), (eq(&scn, "BT-5"), 30)],
        Branch::Armor,
    );
    let r = resolve(
        &scn.equipment,
        scn.rifleman_soft_attack,
        &scn.rules.combat,
        &open_fight(&scn, vec![tanks], vec![mixed]),
        Draws {
            attacker: 0.5,
            defender: 0.9,
        },
    );
    let lost = |k: &str| {
        r.defender_losses[0]
            .equipment
            .iter()
            .find(|x| x.0 == eq(&scn, k))
            .map_or(0, |x| x.1)
    };
    assert!(lost("BT-5") > lost("BT-7"), "{:?}", r.defender_losses);
}

#[test]
fn knocked_out_vehicles_are_recovered_where_their_side_holds_the_ground() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let share = scn.rules.recovery.knocked_out_share;
    let (mut recovered_games, mut lost_games) = (0, 0);
    for seed in 0..6 {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        let mut hour = 0;
        let mut knocked: Vec<(u32, usize, u32, u32)> = Vec::new(); // unit, equipment, count, hex
        let mut repaired = [0u32; 2];
        for e in &log.0 {
            match e {
                SimEvent::TurnStarted { date, .. } => hour = date.hour(),
                SimEvent::Combat {
                    target,
                    wrecks,
                    attacker_losses,
                    defender_losses,
                    attackers,
                    defenders,
                    ..
                } => {
                    // Each kind's wrecks are its losses × the share, rounded.
                    for &(u, k, n) in wrecks {
                        let loss = attackers
                            .iter()
                            .zip(attacker_losses)
                            .chain(defenders.iter().zip(defender_losses))
                            .find(|(x, _)| **x == u)
                            .map(|(_, l)| l)
                            .unwrap();
                        let lost = loss.equipment.iter().find(|x| x.0 == k).unwrap().1;
                        assert_eq!(n, (lost as f32 * share).round() as u32);
                        knocked.push((u, k, n, target.0));
                    }
                }
                SimEvent::Recovered {
                    unit,
                    hex,
                    equipment,
                } => {
                    assert_eq!(hour, scn.rules.recovery.hour as i64, "in the evening");
                    for &(k, n) in equipment {
                        let lying: u32 = knocked
                            .iter()
                            .filter(|w| w.0 == *unit && w.1 == k && w.3 == hex.0)
                            .map(|w| w.2)
                            .sum();
                        assert!(n <= lying, "no more back than lay there");
                        let side = scn.units[*unit as usize].side.index();
                        if scn.equipment[k].class == khalkhin_gol::data::EquipmentClass::Tank {
                            repaired[side] += n;
                        }
                    }
                    knocked.retain(|w| !(w.0 == *unit && w.3 == hex.0));
                    recovered_games += 1;
                }
                SimEvent::WrecksLost { hex, wrecks, .. } => {
                    assert_eq!(hour, scn.rules.recovery.hour as i64);
                    knocked.retain(|w| {
                        w.3 != hex.0 || !wrecks.iter().any(|&(u, k, _)| u == w.0 && k == w.1)
                    });
                    lost_games += 1;
                }
                _ => {}
            }
        }
        assert_eq!(record.losses.soviet.tanks_recovered, repaired[0]);
        assert_eq!(record.losses.japanese.tanks_recovered, repaired[1]);
    }
    assert!(
        recovered_games > 0,
        "the Soviet side recovers tanks around Bain-Tsagan"
    );
    assert!(lost_games > 0, "some wrecks lie where the enemy stands");
}

/// Pieces of one kind a side lost in one combat at middling draws, under the given combat rules.
fn lost_under(
    scn: &Scenario,
    rules: &khalkhin_gol::data::rules::CombatRules,
    e: &khalkhin_gol::sim::combat::Engagement,
    key: &str,
    attacker: bool,
) -> u32 {
    let r = resolve(
        &scn.equipment,
        scn.rifleman_soft_attack,
        rules,
        e,
        Draws {
            attacker: 0.5,
            defender: 0.5,
        },
    );
    let losses = if attacker {
        &r.attacker_losses
    } else {
        &r.defender_losses
    };
    losses
        .iter()
        .flat_map(|l| l.equipment.iter())
        .filter(|x| x.0 == eq(scn, key))
        .map(|x| x.1)
        .sum()
}

#[test]
fn unescorted_armour_is_close_assaulted_by_dug_in_infantry_and_petrol_engines_burn() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let rules = &scn.rules.combat;
    let mut no_assault = rules.clone();
    no_assault.close_assault_armor_loss = 0.0;
    // (with the rule, without it)
    let both = |e: &khalkhin_gol::sim::combat::Engagement, key: &str| {
        (
            lost_under(&scn, rules, e, key, true),
            lost_under(&scn, &no_assault, e, key, true),
        )
    };
    let rifles = || {
        combatant(
            1000,
            vec![
                (eq(&scn, "Type 11 LMG"), 27),
                (eq(&scn, "Type 94 37mm AT gun"), 2),
            ],
            Branch::Infantry,
        )
    };
    let fight = |att: Vec<Combatant>, dug_in: u8| {
        let mut e = open_fight(&scn, att, vec![rifles()]);
        e.entrenchment = dug_in;
        e
    };
    let bts = || combatant(450, vec![(eq(&scn, "BT-5"), 50)], Branch::Armor);
    // On open ground dug-in infantry close-assaults the BTs; infantry in the open does not.
    let (with, without) = both(&fight(vec![bts()], 1), "BT-5");
    assert!(
        with > without,
        "dug in: {with} with the rule, {without} without"
    );
    let (with, without) = both(&fight(vec![bts()], 0), "BT-5");
    assert_eq!(with, without, "in the open");
    // With infantry of their own alongside, the assault parties cannot close.
    let mut escorted = fight(vec![bts()], 1);
    escorted.attackers.push(combatant(
        800,
        vec![(eq(&scn, "DP LMG"), 27)],
        Branch::MotorisedInfantry,
    ));
    let (with, without) = both(&escorted, "BT-5");
    assert_eq!(with, without, "escorted");
    // Armoured cars alone are armour too.
    let cars = combatant(400, vec![(eq(&scn, "BA-10"), 40)], Branch::Armor);
    let (with, without) = both(&fight(vec![cars], 1), "BA-10");
    assert!(
        with > without,
        "armoured cars: {with} with the rule, {without} without"
    );
    // The two Type 89s differ only in their engines: the petrol Kō loses more than the diesel Otsu.
    let type89 = |k: &str| combatant(400, vec![(eq(&scn, k), 60)], Branch::Armor);
    let soviet_rifles = combatant(
        1000,
        vec![(eq(&scn, "DP LMG"), 27), (eq(&scn, "Maxim HMG"), 12)],
        Branch::MotorisedInfantry,
    );
    let mut e = open_fight(&scn, vec![type89("Type 89A I-Go")], vec![soviet_rifles]);
    e.close_assault_terrain = true;
    let petrol = lost_under(&scn, rules, &e, "Type 89A I-Go", true);
    e.attackers = vec![type89("Type 89B I-Go")];
    let diesel = lost_under(&scn, rules, &e, "Type 89B I-Go", true);
    assert!(petrol > diesel, "petrol {petrol}, diesel {diesel}");
    // Defenders without foot soldiers have no assault parties.
    let mut guns_only = fight(vec![bts()], 1);
    guns_only.defenders = vec![combatant(
        400,
        vec![(eq(&scn, "Type 38 75mm field gun"), 12)],
        Branch::Artillery,
    )];
    let (with, without) = both(&guns_only, "BT-5");
    assert_eq!(with, without, "guns only");
}

#[test]
fn armour_attacking_by_night_overruns_the_defenders_guns() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let rules = &scn.rules.combat;
    let mut no_overrun = rules.clone();
    no_overrun.night_overrun_gun_loss = 0.0;
    let battalion = || {
        combatant(
            420,
            vec![
                (eq(&scn, "DP LMG"), 15),
                (eq(&scn, "45mm AT gun M1937"), 6),
                (eq(&scn, "76mm regimental gun M1927"), 6),
            ],
            Branch::MotorisedInfantry,
        )
    };
    // Guns lost (with the rule, without it).
    let guns = |e: &khalkhin_gol::sim::combat::Engagement| {
        let n = |r| {
            lost_under(&scn, r, e, "45mm AT gun M1937", false)
                + lost_under(&scn, r, e, "76mm regimental gun M1927", false)
        };
        (n(rules), n(&no_overrun))
    };
    let tanks = || combatant(560, vec![(eq(&scn, "Type 95 Ha-Go"), 40)], Branch::Armor);
    let foot = || combatant(1000, vec![(eq(&scn, "Type 11 LMG"), 27)], Branch::Infantry);
    let day = open_fight(&scn, vec![tanks(), foot()], vec![battalion()]);
    let mut night = day.clone();
    night.night = true;
    let (with, without) = guns(&night);
    assert!(
        with > without,
        "by night: {with} with the rule, {without} without"
    );
    let (with, without) = guns(&day);
    assert_eq!(with, without, "by day the guns fire over open sights");
    let mut foot_night = open_fight(&scn, vec![foot(), foot()], vec![battalion()]);
    foot_night.night = true;
    let (with, without) = guns(&foot_night);
    assert_eq!(with, without, "infantry alone overruns nothing");
}
