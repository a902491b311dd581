//! Helpers shared by the integration tests.
#![allow(dead_code)]

use khalkhin_gol::control::Passive;
use khalkhin_gol::map::HexId;
use khalkhin_gol::scenario::{Scenario, UnitIx, load_scenario};
use khalkhin_gol::sim::{Board, headless_app, read_board};
use std::path::Path;
use std::sync::Arc;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(rel: &str) -> Arc<Scenario> {
    match load_scenario(&root().join(rel)) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("{rel} should load:\n{e}"),
    }
}

pub fn mini() -> Arc<Scenario> {
    load("tests/fixtures/mini_scenario.ron")
}

pub fn august() -> Arc<Scenario> {
    load("scenarios/august_1939.ron")
}

/// The board after the setup phase: every unit present at the start, on its starting hex.
pub fn start_board(scn: &Arc<Scenario>) -> Board {
    let mut app = headless_app(scn.clone(), 1, [Box::new(Passive), Box::new(Passive)]);
    app.update();
    read_board(app.world_mut())
}

pub fn unit(scn: &Scenario, key: &str) -> UnitIx {
    scn.units
        .iter()
        .position(|u| u.key == key)
        .unwrap_or_else(|| panic!("no unit {key}")) as UnitIx
}

pub fn hex(scn: &Scenario, col: i32, row: i32) -> HexId {
    scn.map.id(col, row).expect("on the map")
}

/// Runs the `khalkhin` binary in the project root.
pub fn khalkhin(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_khalkhin"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

/// The scenario with some units placed elsewhere at the start (`(key, col, row)`) and others kept
/// out of the game (they arrive only after its end): how tests set up a position, through the
/// scenario's data like any game.
pub fn with_positions(
    scn: &Scenario,
    moved: &[(&str, i32, i32)],
    absent: &[&str],
) -> Arc<Scenario> {
    let mut s = scn.clone();
    for &(key, col, row) in moved {
        let i = unit(&s, key) as usize;
        s.units[i].hex = hex(&s, col, row);
    }
    for &key in absent {
        let i = unit(&s, key) as usize;
        s.units[i].arrives = Some(s.file.end.plus_hours(s.file.turn_hours as i64));
    }
    Arc::new(s)
}

/// The test scenario with jp_inf at (8,6) ringed by every Soviet unit two hexes out (their zones of
/// control close all six of its neighbours), and the units in `absent` kept out of the game.
pub fn ringed_pocket(absent: &[&str]) -> Arc<Scenario> {
    with_positions(
        &mini(),
        &[
            ("jp_inf", 8, 6),
            ("su_rifle", 10, 6),
            ("su_tank", 6, 6),
            ("su_tank2", 8, 4),
            ("su_art", 8, 8),
        ],
        absent,
    )
}

/// A fight in the open by day with no support, no river and no entrenchment, between the given
/// sides (the combat tests vary one factor of it at a time).
pub fn open_fight(
    scn: &Scenario,
    attackers: Vec<khalkhin_gol::sim::combat::Combatant>,
    defenders: Vec<khalkhin_gol::sim::combat::Combatant>,
) -> khalkhin_gol::sim::combat::Engagement {
    khalkhin_gol::sim::combat::Engagement {
        attackers,
        defenders,
        attacker_artillery: 0.0,
        defender_artillery: 0.0,
        attacker_air: 0.0,
        terrain_defence: 1.0,
        terrain_armor_attack: 1.0,
        close_assault_terrain: false,
        elevation_diff_m: 0.0,
        across_major_river: false,
        across_minor_river: false,
        entrenchment: 0,
        entrenchment_bonus: scn.rules.entrenchment_bonus,
        night: false,
        attacker_night_doctrine: false,
        attacker_combined_arms: true,
    }
}

/// Each unit that came in during the game, by id, with the start of the turn it came in.
pub fn arrivals(scn: &Scenario, log: &khalkhin_gol::sim::EventLog) -> Vec<(String, String)> {
    let mut date = String::new();
    let mut arrived = Vec::new();
    for e in &log.0 {
        match e {
            khalkhin_gol::sim::SimEvent::TurnStarted { date: d, .. } => date = d.to_string(),
            khalkhin_gol::sim::SimEvent::Arrived { unit, .. } => {
                arrived.push((scn.units[*unit as usize].key.clone(), date.clone()))
            }
            _ => {}
        }
    }
    arrived
}
