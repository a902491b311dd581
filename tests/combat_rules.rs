//! An attacker commits units to an attack: the combat model's inputs move its outcome the way a
//! wargamer expects, and more attackers never make the attacker's expected result worse.

mod common;
use common::*;
use khalkhin_gol::data::rules::Branch;
use khalkhin_gol::sim::combat::{Combatant, Draws, Engagement, odds, preview, resolve};

fn infantry(scn: &khalkhin_gol::scenario::Scenario, men: u32) -> Combatant {
    let lmg = scn
        .equipment_keys
        .iter()
        .position(|k| k == "DP LMG")
        .unwrap();
    Combatant {
        men,
        equipment: vec![(lmg, men / 30)],
        branch: Branch::Infantry,
        experience: 50,
        cohesion: 100.0,
        fatigue: 0.0,
        supply: 1.0,
    }
}

fn tanks(scn: &khalkhin_gol::scenario::Scenario, n: u32) -> Combatant {
    let bt = scn.equipment_keys.iter().position(|k| k == "BT-7").unwrap();
    Combatant {
        men: n * 3,
        equipment: vec![(bt, n)],
        branch: Branch::Armor,
        experience: 50,
        cohesion: 100.0,
        fatigue: 0.0,
        supply: 1.0,
    }
}

fn base(scn: &khalkhin_gol::scenario::Scenario) -> Engagement {
    open_fight(scn, vec![infantry(scn, 800)], vec![infantry(scn, 800)])
}

#[test]
fn more_attackers_never_lower_the_attackers_expected_result() {
    let scn = mini();
    let c = &scn.rules.combat;
    for defenders in [1, 2, 3] {
        for terrain in [1.0, 1.35, 1.5] {
            for entrenchment in [0, 2, 4] {
                let mut e = base(&scn);
                e.defenders = (0..defenders).map(|_| infantry(&scn, 900)).collect();
                e.terrain_defence = terrain;
                e.entrenchment = entrenchment;
                e.attackers.clear();
                let mut last: Option<khalkhin_gol::sim::combat::Preview> = None;
                for n in 1..=6 {
                    e.attackers.push(if n % 3 == 0 {
                        tanks(&scn, 40)
                    } else {
                        infantry(&scn, 800)
                    });
                    let p = preview(&scn.equipment, scn.rifleman_soft_attack, c, &e);
                    if let Some(prev) = &last {
                        assert!(
                            p.odds >= prev.odds,
                            "odds fell from {} to {} with attacker {n}",
                            prev.odds,
                            p.odds
                        );
                        assert!(
                            p.take_chance >= prev.take_chance,
                            "take chance fell with attacker {n}"
                        );
                        assert!(
                            p.defender_men_lost >= prev.defender_men_lost - 1e-3,
                            "defender losses fell with attacker {n}"
                        );
                    }
                    last = Some(p);
                }
                if defenders == 1 && entrenchment == 0 && terrain == 1.0 {
                    assert!(
                        last.unwrap().take_chance > 0.5,
                        "six battalions against one in the open should usually take the hex"
                    );
                }
            }
        }
    }
}

#[test]
fn terrain_entrenchment_river_and_height_each_favour_the_defender() {
    let scn = mini();
    let c = &scn.rules.combat;
    let r = |e: &Engagement| odds(&scn.equipment, scn.rifleman_soft_attack, c, e).2;
    let open = r(&base(&scn));
    let mut e = base(&scn);
    e.terrain_defence = 1.5;
    assert!(r(&e) < open);
    let mut e = base(&scn);
    e.entrenchment = 3;
    assert!(r(&e) < open);
    let mut e = base(&scn);
    e.across_major_river = true;
    assert!(r(&e) < open);
    let mut e = base(&scn);
    e.elevation_diff_m = 30.0;
    assert!(r(&e) < open);
    let mut e = base(&scn);
    e.defenders[0].supply = c.out_of_supply;
    assert!(r(&e) > open, "an unsupplied defender is weaker");
    let mut e = base(&scn);
    e.attacker_artillery = 100.0;
    assert!(r(&e) > open, "artillery in range helps the attack");
    let mut e = base(&scn);
    e.attacker_air = 50.0;
    assert!(r(&e) > open, "air support helps the attack");
}

#[test]
fn night_attacks_suit_the_side_trained_for_them() {
    let scn = mini();
    let c = &scn.rules.combat;
    let r = |e: &Engagement| odds(&scn.equipment, scn.rifleman_soft_attack, c, e).2;
    let day = r(&base(&scn));
    let mut e = base(&scn);
    e.night = true;
    let untrained = r(&e);
    e.attacker_night_doctrine = true;
    let trained = r(&e);
    assert!(
        untrained < day,
        "a night attack without the doctrine is weaker"
    );
    assert!(
        trained > untrained,
        "the doctrine makes night attacks better"
    );
}

#[test]
fn infantry_armour_and_artillery_together_beat_armour_alone() {
    let scn = mini();
    let c = &scn.rules.combat;
    let mut alone = base(&scn);
    alone.attackers = vec![tanks(&scn, 50), tanks(&scn, 50)];
    alone.attacker_artillery = 60.0;
    let mut combined = alone.clone();
    combined.attackers = vec![tanks(&scn, 50), infantry(&scn, 150)];
    // Combined arms gets its bonus even with fewer tanks.
    let ra = odds(&scn.equipment, scn.rifleman_soft_attack, c, &alone);
    let rc = odds(&scn.equipment, scn.rifleman_soft_attack, c, &combined);
    let per_unit_a = ra.0 / 2.0;
    assert!(
        rc.0 > per_unit_a * 1.2,
        "combined attack {} vs half the armour-only attack {}",
        rc.0,
        per_unit_a
    );
}

#[test]
fn armour_alone_in_the_dunes_loses_more_tanks_to_close_assault() {
    let scn = mini();
    let c = &scn.rules.combat;
    let mut open = base(&scn);
    open.attackers = vec![tanks(&scn, 50)];
    let mut dunes = open.clone();
    dunes.close_assault_terrain = true;
    let d = Draws {
        attacker: 0.5,
        defender: 0.5,
    };
    let tanks_lost = |e: &Engagement| -> u32 {
        resolve(&scn.equipment, scn.rifleman_soft_attack, c, e, d).attacker_losses[0]
            .equipment
            .iter()
            .map(|x| x.1)
            .sum()
    };
    assert!(tanks_lost(&dunes) > tanks_lost(&open));
    // With infantry alongside, the close assault does not bite.
    let mut escorted = dunes.clone();
    escorted.attackers.push(infantry(&scn, 800));
    let escorted_loss: u32 = resolve(&scn.equipment, scn.rifleman_soft_attack, c, &escorted, d)
        .attacker_losses[0]
        .equipment
        .iter()
        .map(|x| x.1)
        .sum();
    assert!(escorted_loss < tanks_lost(&dunes));
}

#[test]
fn losses_are_real_quantities_and_never_exceed_what_a_unit_has() {
    let scn = mini();
    let c = &scn.rules.combat;
    let mut e = base(&scn);
    e.attackers = vec![tanks(&scn, 50), infantry(&scn, 800), infantry(&scn, 800)];
    for i in 0..20 {
        let u = i as f32 / 20.0;
        let r = resolve(
            &scn.equipment,
            scn.rifleman_soft_attack,
            c,
            &e,
            Draws {
                attacker: u,
                defender: 1.0 - u,
            },
        );
        for (loss, who) in r
            .attacker_losses
            .iter()
            .zip(&e.attackers)
            .chain(r.defender_losses.iter().zip(&e.defenders))
        {
            assert!(loss.men <= who.men);
            assert!((loss.men as f32) <= who.men as f32 * c.max_loss + 1.0);
            for (eq, n) in &loss.equipment {
                let had = who.equipment.iter().find(|x| x.0 == *eq).map_or(0, |x| x.1);
                assert!(*n <= had);
            }
        }
    }
    // The preview is the same model: its expected losses are the mean of `resolve` over its grid
    // of draws (16 points, both draws equal), and higher draws mean heavier losses.
    let grid = PREVIEW_GRID;
    let (mut att, mut def, mut taken) = (0.0f32, 0.0f32, 0.0f32);
    let mut last: Option<(u32, u32)> = None;
    for r in over_the_grid(&scn, &e) {
        let men = |l: &[khalkhin_gol::sim::UnitLoss]| l.iter().map(|x| x.men).sum::<u32>();
        let now = (men(&r.attacker_losses), men(&r.defender_losses));
        if let Some(prev) = last {
            assert!(now.0 >= prev.0 && now.1 >= prev.1, "{prev:?} then {now:?}");
        }
        last = Some(now);
        att += now.0 as f32;
        def += now.1 as f32;
        taken += r.defender_retreats as u8 as f32;
    }
    let p = preview(&scn.equipment, scn.rifleman_soft_attack, c, &e);
    assert!(
        (p.attacker_men_lost - att / grid as f32).abs() < 1e-3,
        "{p:?}"
    );
    assert!(
        (p.defender_men_lost - def / grid as f32).abs() < 1e-3,
        "{p:?}"
    );
    assert!((p.take_chance - taken / grid as f32).abs() < 1e-6, "{p:?}");
}

#[test]
fn the_preview_counts_the_armoured_cars_each_side_is_expected_to_lose() {
    let scn = mini();
    let c = &scn.rules.combat;
    let ba = scn
        .equipment_keys
        .iter()
        .position(|k| k == "BA-10")
        .unwrap();
    let at = scn
        .equipment_keys
        .iter()
        .position(|k| k == "Type 94 37mm AT gun")
        .unwrap();
    let mut e = base(&scn);
    e.attackers = vec![Combatant {
        men: 120,
        equipment: vec![(ba, 30)],
        branch: Branch::Armor,
        experience: 50,
        cohesion: 100.0,
        fatigue: 0.0,
        supply: 1.0,
    }];
    e.defenders[0].equipment.push((at, 4));
    // The mean of the armoured cars `resolve` takes over the preview's grid of draws.
    let grid = PREVIEW_GRID;
    let mut cars = 0.0f32;
    for r in over_the_grid(&scn, &e) {
        cars += r.attacker_losses[0]
            .equipment
            .iter()
            .filter(|x| x.0 == ba)
            .map(|x| x.1)
            .sum::<u32>() as f32;
    }
    let p = preview(&scn.equipment, scn.rifleman_soft_attack, c, &e);
    assert!(cars > 0.0, "cars are lost in some draws");
    assert!(
        (p.attacker_cars_lost - cars / grid as f32).abs() < 1e-3,
        "{p:?}"
    );
    assert_eq!(p.attacker_tanks_lost, 0.0, "no tanks among them");
}

/// Points of the preview's grid of draws (both draws equal).
const PREVIEW_GRID: usize = 16;

/// `resolve` at each point of the preview's grid of draws, lightest losses first.
fn over_the_grid(
    scn: &khalkhin_gol::scenario::Scenario,
    e: &khalkhin_gol::sim::combat::Engagement,
) -> Vec<khalkhin_gol::sim::combat::CombatResult> {
    (0..PREVIEW_GRID)
        .map(|i| {
            let u = (i as f32 + 0.5) / PREVIEW_GRID as f32;
            resolve(
                &scn.equipment,
                scn.rifleman_soft_attack,
                &scn.rules.combat,
                e,
                Draws {
                    attacker: u,
                    defender: u,
                },
            )
        })
        .collect()
}
