//! An analyst keeps a game as a replay file and plays it back later: the same game, event for event;
//! a replay made with other scenario content is refused with a clear message.

mod common;
use common::*;
use khalkhin_gol::analysis::{ReplayError, ReplayFile, play_game_with};
use khalkhin_gol::control::ControllerKind::{Ai, Plan};
use khalkhin_gol::scenario::load_scenario;
use khalkhin_gol::sim::Order;
use std::path::PathBuf;

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khalkhin-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_recorded_game_plays_back_event_for_event() {
    let scn = august();
    let (record, events, orders) = play_game_with(&scn, 77, [Plan.build(), Ai.build()]);
    assert!(!orders.0.is_empty());
    let dir = temp_dir("record");
    let path = dir.join("game.ron");
    ReplayFile::new(&scn, 77, (Plan, Ai), &orders)
        .save(&path)
        .unwrap();
    let file = ReplayFile::load(&path).unwrap();
    file.check_scenario(&scn, &path).unwrap();
    let (again, events_again) =
        khalkhin_gol::analysis::play_replay(&file, &scn, std::path::Path::new("test"))
            .expect("the record plays back");
    assert_eq!(format!("{:?}", events.0), format!("{:?}", events_again.0));
    assert_eq!(record, again);
    // The computer side gave orders the rules refused (it orders on what it sees, before its other
    // orders are carried out): the file keeps them marked, and they are refused again.
    let refused = |log: &[khalkhin_gol::sim::SimEvent]| {
        log.iter()
            .filter(|e| matches!(e, khalkhin_gol::sim::SimEvent::OrderRejected { .. }))
            .count()
    };
    assert!(refused(&events.0) > 0, "this game has no refused order");
    assert_eq!(
        file.turns.iter().map(|t| t.refused.len()).sum::<usize>(),
        refused(&events.0)
    );

    // A record that says a refused order was carried out, or a carried-out one refused, is not
    // the game: playing it back says where it leaves the record.
    let mut unmarked = file.clone();
    let t = unmarked
        .turns
        .iter_mut()
        .find(|t| !t.refused.is_empty())
        .unwrap();
    t.refused.remove(0);
    let err = khalkhin_gol::analysis::play_replay(&unmarked, &scn, std::path::Path::new("x.ron"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("the rules refuse it"), "{err}");
    let mut marked = file.clone();
    let t = marked
        .turns
        .iter_mut()
        .find(|t| t.refused.len() < t.orders.len())
        .unwrap();
    let carried = (0..t.orders.len())
        .find(|j| !t.refused.contains(j))
        .unwrap();
    t.refused.push(carried);
    t.refused.sort_unstable();
    let err = khalkhin_gol::analysis::play_replay(&marked, &scn, std::path::Path::new("x.ron"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the record has it refused, but the rules carry it out")
            || err.contains("the rules refuse it"),
        "{err}"
    );

    // In the file, a mark beyond the turn's orders is an error at its place.
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text.replacen("refused: [", "refused: [9999, ", 1);
    assert_ne!(bad, text);
    std::fs::write(&path, bad).unwrap();
    let err = ReplayFile::load(&path).unwrap_err().to_string();
    assert!(err.contains("refused: [9999"), "{err}");
    assert!(
        err.contains("expected the indices of refused orders"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_replay_of_changed_scenario_content_is_refused() {
    let scn = mini();
    let (_, _, orders) = play_game_with(&scn, 3, [Plan.build(), Plan.build()]);
    let dir = temp_dir("changed");
    let replay = dir.join("game.ron");
    ReplayFile::new(&scn, 3, (Plan, Plan), &orders)
        .save(&replay)
        .unwrap();
    // The same scenario id with one unit's strength changed.
    let fixtures = root().join("tests/fixtures");
    let text = std::fs::read_to_string(fixtures.join("mini_scenario.ron"))
        .unwrap()
        .replace(
            "map: \"mini_map.ron\"",
            &format!("map: {:?}", fixtures.join("mini_map.ron")),
        )
        .replace(
            "\"../../assets/",
            &format!("\"{}/", root().join("assets").display()),
        )
        .replace("men: 850", "men: 851");
    let changed_path = dir.join("mini_changed.ron");
    std::fs::write(&changed_path, text).unwrap();
    let changed = load_scenario(&changed_path).expect("the changed copy loads");
    assert_eq!(changed.file.id, scn.file.id);
    let err = ReplayFile::load(&replay)
        .unwrap()
        .check_scenario(&changed, &replay)
        .unwrap_err();
    assert!(matches!(err, ReplayError::ScenarioChanged { .. }));
    assert!(err.to_string().contains("have changed since"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_command_line_records_and_plays_back_a_game() {
    let dir = temp_dir("cli-record");
    let file = dir.join("g.ron");
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "1",
        "--seed",
        "9",
        "--record",
        file.to_str().unwrap(),
        "--json",
        dir.join("g.json").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("g.json")).unwrap()).unwrap();
    let out = khalkhin(&["replay", "--from", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let game = &json["games"][0];
    assert!(
        text.contains(&format!("winner: {}", game["winner"].as_str().unwrap())),
        "{text}"
    );
    assert!(
        text.contains(&format!("soviet: {} men", game["losses"]["soviet"]["men"])),
        "{text}"
    );
    // A corrupt replay file is an error with a position, not a panic, and the line is shown under
    // it with the place marked.
    std::fs::write(&file, "(format: 1, scenario: ").unwrap();
    let out = khalkhin(&["replay", "--from", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("g.ron:1:") && !err.contains("panicked"),
        "{err}"
    );
    assert!(err.contains("1 | (format: 1, scenario:"), "{err}");
    assert!(err.lines().any(|l| l.trim_end().ends_with('^')), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_replay_whose_orders_the_rules_refuse_is_an_error_not_another_game() {
    let scn = august();
    let (_, _, orders) = play_game_with(&scn, 5, [Plan.build(), Plan.build()]);
    let mut file = ReplayFile::new(&scn, 5, (Plan, Plan), &orders);
    let path = std::path::Path::new("edited.ron");
    // The first move sent to a hex no unit could reach in one turn.
    let t = file
        .turns
        .iter_mut()
        .find(|t| t.orders.iter().any(|o| matches!(o, Order::Move { .. })))
        .expect("a turn with a move");
    let turn = t.turn;
    let k = t
        .orders
        .iter()
        .position(|o| matches!(o, Order::Move { .. }))
        .unwrap();
    let Order::Move { unit, .. } = t.orders[k] else {
        unreachable!()
    };
    t.orders[k] = Order::Move {
        unit,
        to: scn.map.id(0, 0).unwrap(),
    };
    let err = khalkhin_gol::analysis::play_replay(&file, &scn, path)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("edited.ron: the game does not follow its record: turn ")
            && err.contains(&format!("turn {} (", turn + 1))
            && err.contains("the rules refuse it: cannot reach the hex"),
        "{err}"
    );
}

#[test]
fn a_replay_naming_a_hex_or_unit_the_scenario_lacks_is_refused_before_playing() {
    let scn = mini();
    let (_, _, orders) = play_game_with(&scn, 3, [Plan.build(), Plan.build()]);
    let path = std::path::Path::new("r.ron");
    let mut off_map = ReplayFile::new(&scn, 3, (Plan, Plan), &orders);
    off_map.turns[0].orders[0] = Order::Move {
        unit: 0,
        to: khalkhin_gol::map::HexId(1_000_000),
    };
    let err = off_map.check_scenario(&scn, path).unwrap_err().to_string();
    assert!(
        err.contains("names hex #1000000; the map has hexes #0–#119"),
        "{err}"
    );
    let mut no_unit = ReplayFile::new(&scn, 3, (Plan, Plan), &orders);
    no_unit.turns[0].orders[0] = Order::Attack {
        units: vec![99],
        target: khalkhin_gol::map::HexId(3),
    };
    let err = no_unit.check_scenario(&scn, path).unwrap_err().to_string();
    assert!(
        err.contains("names unit #99; the scenario has units #0–#6"),
        "{err}"
    );
    // Through the command line: exit 1 and the message, no panic.
    let dir = temp_dir("off-map");
    let file = dir.join("r.ron");
    off_map.save(&file).unwrap();
    let out = khalkhin(&["replay", "--from", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("names hex #1000000") && !err.contains("panicked"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
