//! Bridges belong to scenarios and dates: a bridge carries the mobility classes of its kind, from
//! the first turn after it is built until it is removed, each change an event; supply crosses
//! where the kind allows; horse-drawn guns do not swim.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::map::SideFeature;
use khalkhin_gol::scenario::{Scenario, load_scenario};
use khalkhin_gol::sim::SimEvent;
use khalkhin_gol::sim::movement::step_cost;
use std::sync::Arc;

/// The mini scenario with its bridge replaced by `bridge` (RON), loaded from a temporary folder.
fn try_bridge(tag: &str, bridge: &str) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/mini_scenario.ron"))
        .unwrap()
        .replace("\"../../assets/", "\"game:assets/")
        .replace("\"mini_map.ron\"", "\"game:tests/fixtures/mini_map.ron\"")
        .replace(
            r#"bridges: [(name: "Test bridge", at: At((47.7689, 118.5735)), capacity: "all")],"#,
            &format!("bridges: [{bridge}],"),
        );
    assert!(text.contains(bridge), "the bridge was put in");
    let dir = std::env::temp_dir().join(format!("khalkhin-bridges-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.ron");
    std::fs::write(&path, text).unwrap();
    load_scenario(&path).map_err(|e| e.to_string())
}

fn with_bridge(tag: &str, bridge: &str) -> Arc<Scenario> {
    Arc::new(try_bridge(tag, bridge).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn a_foot_bridge_built_later_and_blown_carries_men_only_while_it_stands() {
    let scn = with_bridge(
        "foot",
        r#"(name: "Pontoon", at: At((47.7689, 118.5735)), capacity: "foot", built: "1939-08-20T15:00", removed: "1939-08-21T06:00")"#,
    );
    let b = &scn.bridges[0];
    let (w, e) = (b.hex, scn.map.neighbor(b.hex, b.dir).unwrap());
    let mut board = start_board(&scn);
    let (inf, tank) = (unit(&scn, "su_rifle"), unit(&scn, "su_tank"));
    // Turn 1 (06:00) and turn 2 (12:00): not yet built: the river, swum on foot, closed to tanks.
    for date in ["1939-08-20T06:00", "1939-08-20T12:00"] {
        board.epoch = scn.epoch_at(khalkhin_gol::data::time::Stamp::parse(date).unwrap());
        assert_eq!(
            scn.feature_between_at(board.epoch, w, e),
            SideFeature::MajorRiver
        );
        assert_eq!(step_cost(&scn, &board, tank, w, e, true), None);
        let swim = step_cost(&scn, &board, inf, w, e, true).unwrap();
        assert_eq!(
            swim,
            scn.unit_type(inf).move_hours,
            "a swim takes the whole move"
        );
    }
    // Turn 3 (18:00), the first to start after 15:00: men cross for the land cost + 1 h; no tanks.
    board.epoch = scn.epoch_at(khalkhin_gol::data::time::Stamp::parse("1939-08-20T18:00").unwrap());
    assert_eq!(
        scn.feature_between_at(board.epoch, w, e),
        SideFeature::Bridge
    );
    assert_eq!(
        step_cost(&scn, &board, tank, w, e, true),
        None,
        "a foot bridge takes no tanks"
    );
    let over = step_cost(&scn, &board, inf, w, e, false).expect("not only as a first step");
    assert!(
        over < scn.unit_type(inf).move_hours && over >= 1.0,
        "{over}"
    );
    // 21 Aug 06:00: blown.
    board.epoch = scn.epoch_at(khalkhin_gol::data::time::Stamp::parse("1939-08-21T06:00").unwrap());
    assert_eq!(
        scn.feature_between_at(board.epoch, w, e),
        SideFeature::MajorRiver
    );
    // The game says so, at the start of those turns.
    let (_, log) = play_game(&scn, 1, ControllerKind::Passive, ControllerKind::Passive);
    let mut date = None;
    let mut changes = Vec::new();
    for ev in &log.0 {
        match ev {
            SimEvent::TurnStarted { date: d, .. } => date = Some(d.to_string()),
            SimEvent::BridgeChanged { bridge, stands } => {
                changes.push((date.clone().unwrap(), *bridge, *stands))
            }
            _ => {}
        }
    }
    assert_eq!(
        changes,
        [
            ("1939-08-20T18:00".to_string(), 0, true),
            ("1939-08-21T06:00".to_string(), 0, false)
        ]
    );
}

#[test]
fn supply_crosses_only_where_the_kind_of_bridge_carries_it() {
    use khalkhin_gol::sim::supply::supply_tree;
    let far_bank = |scn: &Arc<Scenario>| {
        // The Soviet side's supply reaches the east bank only over the bridge.
        let board = start_board(scn);
        let tree = supply_tree(scn, &board, khalkhin_gol::data::Side::Soviet);
        let b = &scn.bridges[0];
        let e = scn.map.neighbor(b.hex, b.dir).unwrap();
        tree[e.0 as usize].0 != u32::MAX
    };
    let all = with_bridge(
        "supply_all",
        r#"(name: "B", at: At((47.7689, 118.5735)), capacity: "all")"#,
    );
    assert!(far_bank(&all));
    // A foot bridge: supply is carried over by hand.
    let foot = with_bridge(
        "supply_foot",
        r#"(name: "B", at: At((47.7689, 118.5735)), capacity: "foot")"#,
    );
    assert!(far_bank(&foot));
    let none = with_bridge(
        "supply_later",
        r#"(name: "B", at: At((47.7689, 118.5735)), capacity: "all", built: "1939-08-21T06:00")"#,
    );
    assert!(!far_bank(&none), "no bridge yet, no supply across");
}

#[test]
fn horse_drawn_guns_do_not_swim_and_bad_bridges_are_refused_in_place() {
    let scn = mini();
    let types = std::fs::read_to_string(root().join("assets/data/unit_types.ron")).unwrap();
    assert!(types.contains("\"horse_artillery_battalion\"") && types.contains("swims: false"));
    let horse_guns = scn
        .unit_type_keys
        .iter()
        .position(|k| k == "horse_artillery_battalion")
        .unwrap();
    assert!(!scn.unit_types[horse_guns].swims);
    for (bridge, want) in [
        (
            r#"(name: "B", at: At((47.7689, 118.5735)), capacity: "pontoon")"#,
            "unknown capacity `pontoon`",
        ),
        (
            r#"(name: "B", at: Hex(0, 0), capacity: "all")"#,
            "is not within 2 hexes of a major river hex side",
        ),
        (
            r#"(name: "B", at: At((47.7689, 118.5735)), capacity: "all", built: "1939-08-21T00:00", removed: "1939-08-20T12:00")"#,
            "`removed` (1939-08-20T12:00) must be after `built`",
        ),
    ] {
        let err = try_bridge("bad", bridge).unwrap_err();
        assert!(err.contains(want) && err.contains("scenario.ron:"), "{err}");
    }
}
