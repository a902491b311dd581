//! The July battles: Bain-Tsagan (2–5 July 1939) and the artillery offensive (23–25 July) validate,
//! play to their end with every pairing of controllers, and on the historical plans give the
//! record's outcome: the Japanese crossing is thrown back, the Soviet side holds every objective,
//! the Japanese pontoon stands only from the turn after it was finished and takes no vehicles; in
//! the artillery duel the Soviet guns on the higher west bank win and the Japanese run short of
//! shells.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind::{Ai, Passive, Plan, Random};
use khalkhin_gol::map::SideFeature;
use khalkhin_gol::sim::SimEvent;

#[test]
fn bain_tsagan_plays_to_its_end_and_the_crossing_is_thrown_back() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    assert_eq!(
        scn.turns(),
        12,
        "6-hour turns from 06:00 2 July to 06:00 5 July"
    );
    let (mut soviet_wins, mut taken) = (0, 0);
    for seed in 0..20 {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        assert_eq!(record.end_date, "1939-07-05T06:00");
        assert!(matches!(log.0.last(), Some(SimEvent::GameOver { .. })));
        if record.winner == "soviet" {
            soviet_wins += 1;
        }
        // The pontoon goes up at the start of the 12:00 turn of 3 July, once, and stays to the end.
        let mut date = String::new();
        let changes: Vec<(String, bool)> = log
            .0
            .iter()
            .filter_map(|e| match e {
                SimEvent::TurnStarted { date: d, .. } => {
                    date = d.to_string();
                    None
                }
                SimEvent::BridgeChanged { stands, .. } => Some((date.clone(), *stands)),
                _ => None,
            })
            .collect();
        assert_eq!(changes, [("1939-07-03T12:00".to_string(), true)]);
        // Bain-Tsagan changes hands and ends Soviet (history §b3).
        let bain = record
            .objectives
            .iter()
            .find(|o| o.name == "Bain-Tsagan")
            .unwrap();
        assert_eq!(bain.holder, "soviet", "seed {seed}");
        if bain.changes.iter().any(|c| c.holder == "japanese") {
            taken += 1;
        }
    }
    assert!(
        soviet_wins >= 18,
        "history's outcome in most games: {soviet_wins} of 20"
    );
    assert!(
        taken >= 15,
        "the 71st IR takes Bain-Tsagan in most games: {taken} of 20"
    );
    for (s, j) in [(Ai, Ai), (Passive, Ai), (Random, Plan)] {
        let (record, _) = play_game(&scn, 5, s, j);
        assert_eq!(record.end_date, "1939-07-05T06:00", "{s:?} against {j:?}");
    }
}

#[test]
fn the_japanese_pontoon_takes_men_not_tanks_and_july_has_no_august_pontoons() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let names: Vec<&str> = scn.bridges.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Kawamata bridge", "Japanese pontoon bridge"]);
    let pontoon = &scn.bridges[1];
    assert_eq!(pontoon.capacity, "foot");
    let start = scn.epoch_at(scn.file.start);
    let (w, e) = (
        pontoon.hex,
        scn.map.neighbor(pontoon.hex, pontoon.dir).unwrap(),
    );
    assert_eq!(scn.feature_between_at(start, w, e), SideFeature::MajorRiver);
    let later = scn.epoch_at(khalkhin_gol::data::time::Stamp::parse("1939-07-03T12:00").unwrap());
    assert_eq!(scn.feature_between_at(later, w, e), SideFeature::Bridge);
    let cap = &scn.rules.bridge_capacities["foot"];
    assert!(!cap.carries.contains(&khalkhin_gol::data::Mobility::Tracked));
    // The west-bank group's field guns are horse-drawn and do not swim.
    let guns = unit(&scn, "jp_kob_fg");
    assert!(!scn.unit_type(guns).swims);
    // The Soviet side has no combined-arms bonus in July (history §f1); the Japanese do.
    assert_eq!(scn.combined_arms, [false, true]);
}

/// The units of `scn` whose formation chain includes `formation`.
fn members(scn: &khalkhin_gol::scenario::Scenario, formation: &str) -> Vec<u32> {
    let f = scn
        .formations
        .iter()
        .position(|x| x.key == formation)
        .unwrap();
    (0..scn.units.len() as u32)
        .filter(|&u| {
            scn.formation_chain(scn.units[u as usize].formation)
                .any(|x| x == f)
        })
        .collect()
}

#[test]
fn the_artillery_offensive_the_soviet_guns_win_the_duel_and_japanese_shells_run_short() {
    let scn = load("scenarios/artillery_offensive_1939.ron");
    assert_eq!(
        scn.turns(),
        11,
        "6-hour turns from 06:00 23 July to 00:00 26 July"
    );
    // 82 Japanese artillery pieces (history §b3, §c3; field guns reaching beyond the infantry's
    // own 7 km guns), of which those reaching 11.5 km or more (the Soviet gun line from the
    // Japanese positions) are around the record's 46.
    let jp_guns = |min_km: f32| -> u32 {
        scn.units
            .iter()
            .filter(|u| u.side == khalkhin_gol::data::Side::Japanese)
            .flat_map(|u| &u.equipment)
            .filter(|(e, _)| {
                let s = &scn.equipment[*e];
                s.class == khalkhin_gol::data::EquipmentClass::FieldGun
                    && s.range_km >= min_km
                    && s.range_km > 7.5
            })
            .map(|(_, n)| n)
            .sum()
    };
    assert_eq!(jp_guns(0.0), 82);
    let reach = jp_guns(11.5);
    assert!(
        (38..=50).contains(&reach),
        "{reach} reach the Soviet gun line"
    );
    let corps = members(&scn, "jp_art_corps");
    let soviet_guns = members(&scn, "su_art");
    let (mut soviet_wins, mut duel_won) = (0, 0);
    for seed in 0..10 {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        assert_eq!(record.end_date, "1939-07-26T00:00");
        soviet_wins += (record.winner == "soviet") as u32;
        duel_won += (record.losses.japanese.guns > record.losses.soviet.guns) as u32;
        // The corps fires on the Soviet guns from the first morning, and spends most of what it
        // has in the first two days: more of its bombardments fall in the first 8 turns than after.
        let mut turn = 0;
        let (mut early, mut late, mut on_guns) = (0, 0, 0);
        for e in &log.0 {
            match e {
                SimEvent::TurnStarted { turn: t, .. } => turn = *t,
                SimEvent::Bombarded { unit, targets, .. } if corps.contains(unit) => {
                    if turn < 8 {
                        early += 1;
                    } else {
                        late += 1;
                    }
                    on_guns += targets.iter().any(|t| soviet_guns.contains(t)) as u32;
                }
                _ => {}
            }
        }
        assert!(early > late, "seed {seed}: {early} early, {late} late");
        assert!(
            on_guns > 0,
            "seed {seed}: counter-battery fire on the west bank"
        );
        let bridge = record
            .objectives
            .iter()
            .find(|o| o.name == "Kawamata bridge")
            .unwrap();
        assert_eq!(bridge.holder, "soviet", "seed {seed}");
    }
    assert!(soviet_wins >= 9, "the offensive fails: {soviet_wins} of 10");
    assert!(
        duel_won >= 8,
        "the Soviet batteries win the duel in {duel_won} of 10"
    );
    for (s, j) in [(Ai, Ai), (Passive, Plan), (Plan, Random)] {
        let (record, _) = play_game(&scn, 3, s, j);
        assert_eq!(record.end_date, "1939-07-26T00:00", "{s:?} against {j:?}");
    }
}

#[test]
fn the_soviet_mobile_reserve_attacks_bain_tsagan_off_the_march() {
    // The plan's step for the 11th TB, the 7th MAB and the MPR 8th Cavalry Division is an attack
    // off the march: the 7th MAB, which finds the way to the height full of the 11th TB's
    // battalions, takes on the nearest Japanese instead of waiting (history §b3).
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let mab: Vec<_> = scn
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.key.starts_with("su_7mab_ac"))
        .map(|(i, _)| i as khalkhin_gol::scenario::UnitIx)
        .collect();
    assert_eq!(mab.len(), 2);
    let mut attacks = 0;
    let mut cars_lost = 0;
    for seed in 1..=3 {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        cars_lost += record.losses.soviet.armored_cars;
        attacks += log
            .0
            .iter()
            .filter(|e| {
                matches!(e, SimEvent::Combat { attackers, .. }
                    if attackers.iter().any(|a| mab.contains(a)))
            })
            .count();
    }
    assert!(
        attacks >= 3,
        "the 7th MAB's armoured cars attack: {attacks} attacks"
    );
    // history §b3/§e4: 143 armoured cars put out of action at Bain-Tsagan including damaged.
    assert!(
        cars_lost / 3 >= 40,
        "armoured cars lost, mean of three games: {}",
        cars_lost / 3
    );
}
