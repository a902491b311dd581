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
