//! The air war in aircraft: each day turn the fighters fight for the air; the side with less of it
//! loses more aircraft, pilots' skill counts like numbers, bombing gets through in proportion to the
//! air won, nothing flies at night; the aircraft lost are in the records by side and type; aircraft
//! belong in `air_units`, never in a ground unit.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind::Plan;
use khalkhin_gol::scenario::load_scenario;
use khalkhin_gol::sim::SimEvent;
use khalkhin_gol::sim::rules::air_war::{air_shares, aircraft_points};

#[test]
fn the_side_with_less_of_the_air_loses_more_and_bombs_less() {
    let scn = load("scenarios/august_1939.ron");
    let full: Vec<u32> = scn.air_units.iter().map(|a| a.count).collect();
    let day = scn.file.start;
    let [s, j] = air_shares(&scn, &full, day);
    assert!((s + j - 1.0).abs() < 1e-5);
    assert!(
        s > 0.6,
        "the Soviet fighters outnumber the Japanese ~3:1: {s}"
    );
    let points = aircraft_points(&scn, &full, day);
    // With every Japanese fighter gone the Soviet bombers' points rise to (contested + 1) / (contested + s).
    let no_jp_fighters: Vec<u32> = scn
        .air_units
        .iter()
        .map(|a| {
            if a.side == khalkhin_gol::data::Side::Japanese
                && scn.equipment[a.aircraft].class == khalkhin_gol::data::EquipmentClass::Fighter
            {
                0
            } else {
                a.count
            }
        })
        .collect();
    let alone = aircraft_points(&scn, &no_jp_fighters, day);
    let c = scn.rules.air_war.contested;
    assert!((alone[0] / points[0] - (c + 1.0) / (c + s)).abs() < 1e-3);
    // No air war at night.
    let night = khalkhin_gol::data::time::Stamp::parse("1939-08-21T00:00").unwrap();
    assert!(scn.is_night(night));
    assert_eq!(aircraft_points(&scn, &full, night), [0.0, 0.0]);

    let (record, log) = play_game(&scn, 3, Plan, Plan);
    let mut lost = [0u32; 2];
    let mut by_type = std::collections::BTreeMap::<String, u32>::new();
    for e in &log.0 {
        if let SimEvent::AirBattle { date, losses } = e {
            assert!(!scn.is_night(*date), "air battles by day only");
            for &(i, n) in losses {
                let a = &scn.air_units[i];
                lost[a.side.index()] += n;
                if a.side == khalkhin_gol::data::Side::Japanese {
                    *by_type
                        .entry(scn.equipment_keys[a.aircraft].clone())
                        .or_default() += n;
                }
            }
        }
    }
    assert_eq!(record.losses.soviet.aircraft, lost[0]);
    assert_eq!(record.losses.japanese.aircraft, lost[1]);
    assert!(
        lost[1] > lost[0],
        "August: the Japanese lose more: {lost:?}"
    );
    for (k, n) in by_type {
        assert_eq!(record.losses.japanese.by_type.get(&k), Some(&n), "{k}");
    }
}

#[test]
fn pilots_count_like_numbers_early_in_july() {
    // Bain-Tsagan: about even numbers of fighters, the Japanese pilots' edge of May–July (1.3).
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let full: Vec<u32> = scn.air_units.iter().map(|a| a.count).collect();
    let [s, _] = air_shares(&scn, &full, scn.file.start);
    assert!(s < 0.5, "the Japanese hold more of the air on 2 July: {s}");
    let mut soviet_more = 0;
    for seed in 0..5 {
        let (record, _) = play_game(&scn, seed, Plan, Plan);
        soviet_more += (record.losses.soviet.aircraft > record.losses.japanese.aircraft) as u32;
    }
    assert!(
        soviet_more >= 4,
        "the Soviet side loses more aircraft in {soviet_more} of 5"
    );
}

/// The mini scenario with `units` and `air` put in, loaded from a temporary folder.
fn mini_with(tag: &str, from: &str, to: &str) -> Result<khalkhin_gol::scenario::Scenario, String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/mini_scenario.ron"))
        .unwrap()
        .replace("\"../../assets/", "\"game:assets/")
        .replace("\"mini_map.ron\"", "\"game:tests/fixtures/mini_map.ron\"")
        .replace(from, to);
    assert!(text.contains(to));
    let dir = std::env::temp_dir().join(format!("khalkhin-air-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.ron");
    std::fs::write(&path, text).unwrap();
    load_scenario(&path).map_err(|e| e.to_string())
}

#[test]
fn aircraft_belong_in_air_units_and_are_checked_there() {
    let err = mini_with(
        "ground",
        r#"equipment: [("BT-7", 50)]"#,
        r#"equipment: [("BT-7", 50), ("I-16", 3)]"#,
    )
    .unwrap_err();
    assert!(err.contains("`I-16` is an aircraft"), "{err}");
    let bridges = "    bridges:";
    let err = mini_with(
        "unknown",
        bridges,
        "    air_units: [(side: Soviet, name: \"1st\", aircraft: \"I-61\", count: 10, from: \"1939-08-20T06:00\", until: \"1939-08-22T06:00\")],\n    bridges:",
    )
    .unwrap_err();
    assert!(
        err.contains("unknown aircraft `I-61`") && err.contains("I-16"),
        "{err}"
    );
    let err = mini_with(
        "tank",
        bridges,
        "    air_units: [(side: Soviet, name: \"1st\", aircraft: \"BT-7\", count: 10, from: \"1939-08-20T06:00\", until: \"1939-08-22T06:00\")],\n    bridges:",
    )
    .unwrap_err();
    assert!(err.contains("not an aircraft"), "{err}");
    let err = mini_with(
        "dates",
        bridges,
        "    air_units: [(side: Soviet, name: \"1st\", aircraft: \"I-16\", count: 0, from: \"1939-08-22T06:00\", until: \"1939-08-20T06:00\", pilots: -1.0)],\n    bridges:",
    )
    .unwrap_err();
    for want in [
        "`count` is 0",
        "`pilots` is -1",
        "must leave after it arrives",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let ok = mini_with(
        "ok",
        bridges,
        "    air_units: [(side: Soviet, name: \"1st\", aircraft: \"I-16\", count: 10, from: \"1939-08-20T06:00\", until: \"1939-08-22T06:00\")],\n    bridges:",
    )
    .unwrap();
    assert_eq!(ok.air_units.len(), 1);
}

#[test]
fn tokyo_forbids_airfield_raids_and_the_computer_obeys() {
    use khalkhin_gol::control::ControllerKind::Ai;
    use khalkhin_gol::data::Side;
    use khalkhin_gol::sim::rules::airfield_raids::raid_allowed;
    let scn = load("scenarios/august_1939.ron");
    let day = scn.file.start;
    let err = raid_allowed(&scn, Side::Japanese, day, 40.0).unwrap_err();
    assert!(err.contains("forbidden") && err.contains("Tokyo"), "{err}");
    assert!(raid_allowed(&scn, Side::Soviet, day, 40.0).is_ok());
    let night = khalkhin_gol::data::time::Stamp::parse("1939-08-21T00:00").unwrap();
    assert!(raid_allowed(&scn, Side::Soviet, night, 40.0).is_err());
    // The free Japanese opponent, outnumbered about 3:1 in the air, would raid; under the ban it
    // never orders one.
    let raids = |log: &khalkhin_gol::sim::EventLog| {
        log.0
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    SimEvent::AirfieldRaid { .. }
                        | SimEvent::OrderRejected {
                            order: khalkhin_gol::sim::Order::RaidAirfields,
                            ..
                        }
                )
            })
            .count()
    };
    let (_, log) = play_game(&scn, 2, Ai, Ai);
    assert_eq!(raids(&log), 0, "the ban is obeyed");
    // Without the ban it raids, spending its day's air points on the Soviet aircraft on the ground.
    let text = std::fs::read_to_string(root().join("scenarios/august_1939.ron")).unwrap();
    let start = text.find("        no_airfield_raids:").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    let unbanned = format!("{}{}", &text[..start], &text[end..]);
    let dir = std::env::temp_dir().join(format!("khalkhin-raids-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("august.ron");
    std::fs::write(&path, unbanned).unwrap();
    let free = std::sync::Arc::new(load_scenario(&path).unwrap());
    let (record, log) = play_game(&free, 2, Ai, Ai);
    let mut destroyed = 0;
    for e in &log.0 {
        if let SimEvent::AirfieldRaid {
            side,
            destroyed: d,
            air,
        } = e
        {
            assert_eq!(*side, Side::Japanese);
            assert!(*air > 0.0);
            destroyed += d.iter().map(|x| x.1).sum::<u32>();
        }
    }
    assert!(destroyed > 0, "raids destroy Soviet aircraft on the ground");
    assert!(record.losses.soviet.aircraft >= destroyed);
}

#[test]
fn a_persons_raid_under_the_ban_is_refused_with_whose_order() {
    use bevy::prelude::*;
    use khalkhin_gol::control::ControllerKind::Plan;
    use khalkhin_gol::sim::{
        Clock, EventLog, Humans, Order, Phase, PlayerCommand, PlayerCommands, headless_app,
    };
    let scn = load("scenarios/august_1939.ron");
    let mut app = headless_app(scn.clone(), 1, [Plan.build(), Plan.build()]);
    app.world_mut().insert_resource(Humans([false, true]));
    for _ in 0..40 {
        app.update();
        let waiting = *app.world().resource::<State<Phase>>().get() == Phase::Orders
            && app.world().resource::<Clock>().active == khalkhin_gol::data::Side::Japanese;
        if waiting {
            break;
        }
    }
    app.world_mut()
        .resource_mut::<PlayerCommands>()
        .0
        .push(PlayerCommand::Order(Order::RaidAirfields));
    app.update();
    let refused = app
        .world()
        .resource::<EventLog>()
        .0
        .iter()
        .find_map(|e| match e {
            SimEvent::OrderRejected {
                order: Order::RaidAirfields,
                reason,
                ..
            } => Some(reason.clone()),
            _ => None,
        });
    let reason = refused.expect("the raid is refused");
    assert!(reason.contains("29 June 1939"), "{reason}");
}
