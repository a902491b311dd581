//! An analyst keeps a game as a replay file and plays it back later: the same game, event for event;
//! a replay made with other scenario content is refused with a clear message.

mod common;
use common::*;
use khalkhin_gol::analysis::{ReplayError, ReplayFile, play_game_with};
use khalkhin_gol::control::ControllerKind::{Ai, Plan};
use khalkhin_gol::scenario::load_scenario;
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
    let (again, events_again) = khalkhin_gol::analysis::play_replay(&file, &scn);
    assert_eq!(format!("{:?}", events.0), format!("{:?}", events_again.0));
    assert_eq!(record, again);
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
    // A corrupt replay file is an error with a position, not a panic.
    std::fs::write(&file, "(format: 1, scenario: ").unwrap();
    let out = khalkhin(&["replay", "--from", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("g.ron:1:") && !err.contains("panicked"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
