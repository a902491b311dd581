//! An analyst replays a scenario: the same scenario, seed and controllers give the same events and
//! the same numbers, bit for bit; the August scenario loads and plays to its end.

mod common;
use common::*;
use khalkhin_gol::analysis::{Shard, play_game, replay_batch, replay_summary};
use khalkhin_gol::control::ControllerKind::{Ai, Passive, Plan, Random};
use khalkhin_gol::data::Side;
use khalkhin_gol::sim::SimEvent;

#[test]
fn two_replays_with_one_seed_give_identical_json_whatever_the_threads() {
    let scn = august();
    let json = |threads| {
        let (summary, _) = replay_summary(&scn, 3, 42, (Plan, Plan), Shard::WHOLE, threads);
        serde_json::to_string(&summary).unwrap()
    };
    let (a, b, c) = (json(1), json(1), json(2));
    assert_eq!(a, b);
    assert_eq!(a, c, "two threads must give the one-thread result");
}

#[test]
fn games_are_handed_on_in_run_order_whatever_the_threads() {
    let scn = mini();
    let runs = |threads, shard| {
        let mut seen = Vec::new();
        replay_batch(&scn, 40, 5, (Plan, Ai), shard, threads, &mut |g| {
            seen.push((g.run, g.seed, g.winner.clone(), g.losses.soviet.men));
        });
        seen
    };
    let one = runs(1, Shard::WHOLE);
    assert_eq!(
        one.iter().map(|g| g.0).collect::<Vec<_>>(),
        (0..40).collect::<Vec<_>>()
    );
    assert_eq!(one, runs(2, Shard::WHOLE));
    assert_eq!(one, runs(7, Shard::WHOLE));
    let shard = runs(3, Shard::parse("1/3").unwrap());
    assert_eq!(
        shard,
        one.iter()
            .filter(|g| g.0 % 3 == 1)
            .cloned()
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_same_seed_gives_the_same_event_log_and_another_seed_another() {
    let scn = mini();
    let (ra, la) = play_game(&scn, 9, Plan, Ai);
    let (rb, lb) = play_game(&scn, 9, Plan, Ai);
    assert_eq!(format!("{:?}", la.0), format!("{:?}", lb.0));
    assert_eq!(ra, rb);
    let scn = august();
    let (_, l1) = play_game(&scn, 1, Plan, Plan);
    let (_, l2) = play_game(&scn, 2, Plan, Plan);
    assert_ne!(
        format!("{:?}", l1.0),
        format!("{:?}", l2.0),
        "different seeds should give different battles"
    );
}

#[test]
fn the_august_scenario_plays_to_its_end_with_both_sides_on_the_plan() {
    let scn = august();
    assert_eq!(
        scn.turns(),
        47,
        "6-hour turns from 06:00 on 20 Aug to midnight on 31 Aug"
    );
    let (record, log) = play_game(&scn, 1939, Plan, Plan);
    assert_eq!(record.end_date, "1939-09-01T00:00");
    let turns = log
        .0
        .iter()
        .filter(|e| matches!(e, SimEvent::TurnStarted { .. }))
        .count();
    assert_eq!(turns, 47);
    assert!(matches!(log.0.last(), Some(SimEvent::GameOver { .. })));
    // Real fighting happened, in real quantities, on both sides.
    assert!(
        log.0
            .iter()
            .filter(|e| matches!(e, SimEvent::Combat { .. }))
            .count()
            > 20
    );
    assert!(
        record.losses.soviet.men > 1000 && record.losses.japanese.men > 1000,
        "{:?}",
        record.losses
    );
    // Day and night turns alternate: 06:00 and 12:00 are day, 18:00 partly and 00:00 night.
    let nights = log
        .0
        .iter()
        .filter(|e| matches!(e, SimEvent::TurnStarted { night: true, .. }))
        .count();
    assert!(nights >= 11, "one night turn a day at least: {nights}");
}

#[test]
fn every_controller_pairing_finishes_the_august_scenario() {
    let scn = august();
    for (s, j) in [(Ai, Ai), (Plan, Passive), (Passive, Ai), (Random, Ai)] {
        let (record, log) = play_game(&scn, 3, s, j);
        assert!(
            matches!(log.0.last(), Some(SimEvent::GameOver { .. })),
            "{s:?} vs {j:?}"
        );
        // The last turn ends at midnight on 31 Aug; a game ends earlier only when a side has no
        // units left and none to come.
        let wiped_out = |side: Side| {
            let of_side = |u: &u32| scn.units[*u as usize].side == side;
            let placed = log
                .0
                .iter()
                .filter(|e| match e {
                    SimEvent::Deployed { unit, .. } | SimEvent::Arrived { unit, .. } => {
                        of_side(unit)
                    }
                    _ => false,
                })
                .count();
            let gone = log
                .0
                .iter()
                .filter(|e| match e {
                    SimEvent::Destroyed { unit, .. }
                    | SimEvent::Surrendered { unit, .. }
                    | SimEvent::Withdrawn { unit } => of_side(unit),
                    _ => false,
                })
                .count();
            let all = scn.units.iter().filter(|u| u.side == side).count();
            placed == all && gone == all
        };
        assert!(
            record.end_date == "1939-09-01T00:00"
                || wiped_out(Side::Soviet)
                || wiped_out(Side::Japanese),
            "{s:?} vs {j:?} ended on {} with both sides in the field: {:?}",
            record.end_date,
            record.losses
        );
    }
}

#[test]
fn a_passive_japanese_side_loses_to_the_soviet_plan() {
    let scn = august();
    let (record, _) = play_game(&scn, 11, Plan, Passive);
    assert_eq!(record.winner, "soviet", "{record:?}");
}
