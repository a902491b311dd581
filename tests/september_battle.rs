//! The September fighting (3–9 September 1939): the scenario validates, plays to its end with every
//! pairing of controllers, and on the historical plans gives the record's outcome (history §b6):
//! both Japanese attacks on Eris-Ulyn-Obo — two battalions on 4 September, four companies on the
//! 8th — are thrown back and the height stays Soviet, at a cost in Japanese men within the range the
//! scenario takes from the record (the Soviet claims, inflated, as its high end).

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind::{Ai, Passive, Plan, Random};
use khalkhin_gol::sim::SimEvent;

#[test]
fn both_attacks_on_eris_ulyn_obo_are_thrown_back_and_the_height_stays_soviet() {
    let scn = load("scenarios/september_1939.ron");
    assert_eq!(
        scn.turns(),
        21,
        "6-hour turns from 18:00 3 September to 00:00 9 September"
    );
    let height = scn
        .file
        .victory
        .objectives
        .iter()
        .find(|o| o.name == "Eris-Ulyn-Obo")
        .expect("the height is the objective");
    assert_eq!(height.holder, khalkhin_gol::data::Side::Soviet);
    let h = &scn.file.historical;
    let games = 20;
    let (mut soviet_wins, mut men, mut attacks) = (0, [0u64; 2], [0u32; 2]);
    let first = [unit(&scn, "jp_first_1"), unit(&scn, "jp_first_2")];
    let second = unit(&scn, "jp_second");
    for seed in 0..games {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        assert_eq!(record.end_date, "1939-09-09T00:00");
        assert!(matches!(log.0.last(), Some(SimEvent::GameOver { .. })));
        if record.winner == "soviet" {
            soviet_wins += 1;
        }
        let held = record
            .objectives
            .iter()
            .find(|o| o.name == "Eris-Ulyn-Obo")
            .unwrap();
        assert_eq!(held.holder, "soviet", "seed {seed}: the height held");
        // Both attacks go in: each attacking group fights at least one combat.
        let attacked = |who: &[u32]| {
            log.0.iter().any(|e| match e {
                SimEvent::Combat { attackers, .. } => attackers.iter().any(|a| who.contains(a)),
                _ => false,
            })
        };
        attacks[0] += u32::from(attacked(&first));
        attacks[1] += u32::from(attacked(&[second]));
        men[0] += record.losses.soviet.men as u64;
        men[1] += record.losses.japanese.men as u64;
    }
    assert!(
        soviet_wins >= 15,
        "history's outcome in most games: {soviet_wins} of {games}"
    );
    assert_eq!(attacks, [games as u32; 2], "both attacks in every game");
    // The means within the scenario's ranges from the record (history §b6/§e2, [est.]).
    let (soviet, japanese) = (men[0] / games, men[1] / games);
    let within = |r: &khalkhin_gol::data::scenario::Recorded, v: u64| {
        (r.low as u64..=r.high as u64).contains(&v)
    };
    assert!(
        within(&h.soviet_losses.men, soviet),
        "Soviet men lost, mean {soviet}"
    );
    assert!(
        within(&h.japanese_losses.men, japanese),
        "Japanese men lost, mean {japanese}"
    );
    for (s, j) in [(Ai, Ai), (Passive, Ai), (Random, Plan), (Plan, Ai)] {
        let (record, _) = play_game(&scn, 5, s, j);
        assert_eq!(record.end_date, "1939-09-09T00:00", "{s:?} against {j:?}");
    }
}

#[test]
fn the_four_companies_come_up_on_the_seventh() {
    // history §b6: the second attack, "four companies", on 8 September [arrival est. 12:00 on
    // the 7th]. A unit due by the start of a turn enters at the end of the turn before it
    // (sim/rules/reinforcements.rs): in the 06:00 turn, to move from 12:00.
    let scn = load("scenarios/september_1939.ron");
    let (_, log) = play_game(&scn, 1, Plan, Plan);
    let arrived = arrivals(&scn, &log);
    assert_eq!(
        arrived,
        vec![("jp_second".to_string(), "1939-09-07T06:00".to_string())]
    );
}
