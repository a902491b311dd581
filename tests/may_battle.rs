//! The May battle (28–30 May 1939): the scenario validates, plays to its end with every pairing of
//! controllers, and on the historical plans gives the record's outcome (history §b1): Azuma's
//! reconnaissance unit, cut off behind the Soviet line near the bridge, is destroyed; the Soviet
//! and Mongolian side keeps the bridge and the bridgehead east of the river; the losses of men are
//! of the record's size on both sides.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind::{Ai, Passive, Plan, Random};
use khalkhin_gol::sim::SimEvent;

#[test]
fn the_may_battle_plays_to_its_end_and_azumas_unit_is_destroyed() {
    let scn = load("scenarios/may_1939.ron");
    assert_eq!(
        scn.turns(),
        8,
        "6-hour turns from 06:00 28 May to 06:00 30 May"
    );
    // One bridge in May: the Soviet bridge at the confluence (history §a2).
    assert_eq!(scn.bridges.len(), 1);
    let azuma = unit(&scn, "jp_azuma");
    let games = 20;
    let (mut soviet_wins, mut destroyed, mut men) = (0, 0, [0u64; 2]);
    for seed in 0..games {
        let (record, log) = play_game(&scn, seed, Plan, Plan);
        assert_eq!(record.end_date, "1939-05-30T06:00");
        assert!(matches!(log.0.last(), Some(SimEvent::GameOver { .. })));
        if record.winner == "soviet" {
            soviet_wins += 1;
        }
        if log.0.iter().any(|e| {
            matches!(e, SimEvent::Destroyed { unit, .. } | SimEvent::Surrendered { unit, .. }
                if *unit == azuma)
        }) {
            destroyed += 1;
        }
        let bridge = record
            .objectives
            .iter()
            .find(|o| o.name == "Kawamata bridge")
            .unwrap();
        assert_eq!(bridge.holder, "soviet", "seed {seed}: the bridge held");
        men[0] += record.losses.soviet.men as u64;
        men[1] += record.losses.japanese.men as u64;
    }
    assert!(
        soviet_wins >= 13,
        "history's outcome in most games: {soviet_wins} of {games}"
    );
    assert!(
        destroyed >= 13,
        "Azuma's unit destroyed in most games: {destroyed} of {games}"
    );
    // history §b1/§e2: Soviet and Mongolian 369 killed, missing and wounded (Mongolian wounded
    // n/c); Japanese 290. The mean of the games within a factor of two of each.
    let (soviet, japanese) = (men[0] / games, men[1] / games);
    assert!(
        (185..=900).contains(&soviet),
        "Soviet men lost, mean {soviet}"
    );
    assert!(
        (145..=580).contains(&japanese),
        "Japanese men lost, mean {japanese}"
    );
    for (s, j) in [(Ai, Ai), (Passive, Ai), (Random, Plan), (Plan, Ai)] {
        let (record, _) = play_game(&scn, 5, s, j);
        assert_eq!(record.end_date, "1939-05-30T06:00", "{s:?} against {j:?}");
    }
}

#[test]
fn the_149th_arrives_by_truck_at_noon_on_the_first_day() {
    // history §b1: the 149th Motor Rifle Regiment "arrives by truck the same day" (28 May) [hour
    // est. 12:00]. A unit due by the start of a turn enters at the end of the turn before it
    // (sim/rules/reinforcements.rs): in the 06:00 turn, to move from 12:00.
    let scn = load("scenarios/may_1939.ron");
    let (_, log) = play_game(&scn, 1, Plan, Plan);
    let arrived = arrivals(&scn, &log);
    for b in ["su_149mrr_1", "su_149mrr_2", "su_149mrr_3"] {
        assert!(
            arrived.contains(&(b.to_string(), "1939-05-28T06:00".to_string())),
            "{b}: {arrived:?}"
        );
    }
}
