//! A user runs the `khalkhin` command: validate, replay and map, with good and bad input.

mod common;
use common::{khalkhin, root};

#[test]
fn validate_accepts_the_shipped_scenarios_and_exits_zero() {
    let out = khalkhin(&[
        "validate",
        "scenarios/august_1939.ron",
        "tests/fixtures/mini_scenario.ron",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("august_1939.ron: ok"), "{text}");
}

#[test]
fn validate_reports_file_line_column_and_exits_non_zero() {
    let out = khalkhin(&[
        "validate",
        "scenarios/august_1939.ron",
        "tests/fixtures/broken/unknown_unit_type.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tests/fixtures/broken/unknown_unit_type.ron:24:72: unit `su_tank`: unknown unit type `tank_brigade`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn every_command_that_reads_a_scenario_shows_the_broken_line_under_its_error() {
    let broken = "tests/fixtures/broken/unknown_unit_type.ron";
    for args in [
        vec!["map", broken],
        vec!["replay", broken, "--runs", "1"],
        vec![
            "report",
            broken,
            "--runs",
            "1",
            "--out",
            "/tmp/khalkhin-never-written",
        ],
    ] {
        let out = khalkhin(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        // The place, then the line itself with the unknown type marked.
        assert!(
            err.contains("unknown_unit_type.ron:24:72:"),
            "{args:?}: {err}"
        );
        let marked = err
            .lines()
            .skip_while(|l| !l.contains(":24:72:"))
            .any(|l| l.contains("^^^^^^^^^^^^^^"));
        assert!(marked, "{args:?}: no excerpt under the error: {err}");
    }
}

#[test]
fn bad_arguments_are_refused_with_a_message_not_a_panic() {
    for args in [
        vec!["replay", "scenarios/august_1939.ron", "--runs", "zero"],
        vec!["replay", "scenarios/august_1939.ron", "--runs", "0"],
        vec!["replay", "scenarios/august_1939.ron", "--soviet", "genius"],
        vec!["replay", "no/such/file.ron"],
        vec!["validate"],
        vec!["frobnicate"],
    ] {
        let out = khalkhin(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.is_empty() && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn replay_writes_json_with_the_documented_fields() {
    let dir = std::env::temp_dir().join(format!("khalkhin-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("out.json");
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "3",
        "--seed",
        "5",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["scenario"], "mini");
    assert_eq!(v["seed"], 5);
    assert_eq!(v["runs"], 3);
    let vic = &v["victories"];
    assert_eq!(
        vic["soviet"].as_u64().unwrap()
            + vic["japanese"].as_u64().unwrap()
            + vic["draw"].as_u64().unwrap(),
        3
    );
    for side in ["soviet", "japanese"] {
        for what in ["men", "tanks", "armored_cars", "guns"] {
            for stat in ["mean", "p10", "p90"] {
                assert!(
                    v["losses"][side][what][stat].is_number(),
                    "losses.{side}.{what}.{stat}"
                );
            }
        }
    }
    let games = v["games"].as_array().unwrap();
    assert_eq!(games.len(), 3);
    for g in games {
        assert!(g["seed"].is_u64());
        assert!(["soviet", "japanese", "draw"].contains(&g["winner"].as_str().unwrap()));
        assert_eq!(g["end_date"], "1939-08-22T06:00");
        for side in ["soviet", "japanese"] {
            for what in ["men", "tanks", "armored_cars", "guns"] {
                assert!(g["losses"][side][what].is_u64());
            }
        }
        assert!(g["encircled"].is_array());
        let objs = g["objectives"].as_array().unwrap();
        assert_eq!(objs.len(), 2);
        assert!(objs.iter().all(|o| o["name"].is_string()
            && ["soviet", "japanese"].contains(&o["holder"].as_str().unwrap())));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn map_prints_the_ground_with_rivers_and_units() {
    let out = khalkhin(&["map", "tests/fixtures/mini_scenario.ron"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains('|') && text.contains('=') && text.contains('S') && text.contains('J'),
        "{text}"
    );
}

#[test]
fn validate_checks_data_and_map_files_on_their_own() {
    let files = [
        "assets/data/equipment.ron",
        "assets/data/unit_types.ron",
        "assets/data/terrain.ron",
        "assets/data/rules.ron",
        "assets/maps/khalkhin_gol.ron",
    ];
    let mut args = vec!["validate"];
    args.extend(files);
    let out = khalkhin(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for (f, kind) in files
        .iter()
        .zip(["equipment", "unit types", "terrain", "rules", "map"])
    {
        assert!(
            text.contains(&format!("{f}: ok ({kind}")),
            "{f} as {kind}: {text}"
        );
    }
    let out = khalkhin(&[
        "validate",
        "tests/fixtures/broken_data/negative_rating_equipment.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = std::fs::read_to_string(
        root().join("tests/fixtures/broken_data/negative_rating_equipment.ron"),
    )
    .unwrap()
    .lines()
    .position(|l| l.contains("\"Type 92 HMG\""))
    .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "negative_rating_equipment.ron:{line}:88: `Type 92 HMG.soft_attack` is -1.2; expected \
             a number from 0 to 10000"
        )),
        "{err}"
    );
}

#[test]
fn replay_writes_one_csv_row_per_game_with_documented_columns() {
    let dir = std::env::temp_dir().join(format!("khalkhin-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("out.csv");
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "4",
        "--seed",
        "2",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "a header and four games:\n{text}");
    assert_eq!(
        lines[0],
        "run,seed,winner,end_date,soviet_points,soviet_men,soviet_tanks,soviet_armored_cars,soviet_guns,\
         japanese_men,japanese_tanks,japanese_armored_cars,japanese_guns,soviet_prisoners,\
         japanese_prisoners,pocket_closed,encircled,soviet_tanks_recovered,\
         soviet_armored_cars_recovered,japanese_tanks_recovered,japanese_armored_cars_recovered,\
         soviet_aircraft,japanese_aircraft,soviet_by_type,japanese_by_type,holder:East bank,\
         holder:West bank"
    );
    for (i, row) in lines[1..].iter().enumerate() {
        let cols: Vec<&str> = row.split(',').collect();
        assert_eq!(cols.len(), 27, "{row}");
        // The pieces by type add up to the totals: the Soviet tanks are BT-5s and BT-7s.
        let soviet_tanks: u32 = cols[6].parse().unwrap();
        let by_type: u32 = cols[23]
            .split(';')
            .filter(|p| p.starts_with("BT-"))
            .map(|p| p.split('=').nth(1).unwrap().parse::<u32>().unwrap())
            .sum();
        assert_eq!(by_type, soviet_tanks, "{row}");
        // Prisoners are part of the men lost.
        let (men, prisoners) = (
            cols[9].parse::<u32>().unwrap(),
            cols[14].parse::<u32>().unwrap(),
        );
        assert!(prisoners <= men, "{row}");
        assert_eq!(cols[0], i.to_string(), "rows in run order");
        assert!(["soviet", "japanese", "draw"].contains(&cols[2]), "{row}");
        assert_eq!(cols[3], "1939-08-22T06:00");
        assert!(
            cols[5].parse::<u32>().is_ok() && cols[9].parse::<u32>().is_ok(),
            "{row}"
        );
    }
    assert!(
        std::fs::read_dir(&dir).unwrap().count() == 1,
        "no temporary file is left beside the output"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn replay_streams_every_event_as_json_lines_that_agree_with_the_games() {
    let dir = std::env::temp_dir().join(format!("khalkhin-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (json, events) = (dir.join("games.json"), dir.join("events.jsonl"));
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "3",
        "--seed",
        "4",
        "--json",
        json.to_str().unwrap(),
        "--events",
        events.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let games: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let text = std::fs::read_to_string(&events).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    for (i, g) in games["games"].as_array().unwrap().iter().enumerate() {
        let mine: Vec<&serde_json::Value> = lines.iter().filter(|l| l["run"] == i as u64).collect();
        assert_eq!(mine.len() as u64, g["events"].as_u64().unwrap(), "game {i}");
        for l in &mine {
            assert_eq!(l["seed"], g["seed"]);
            for key in ["turn", "date", "kind"] {
                assert!(!l[key].is_null(), "{key} in {l}");
            }
        }
        // Losses in the events add up to the game's losses.
        let mut men = [0u64; 2];
        let mut bombardments = 0;
        for l in &mine {
            let side = |s: &serde_json::Value| (s == "japanese") as usize;
            match l["kind"].as_str().unwrap() {
                "combat" => {
                    let att = side(&l["side"]);
                    men[att] += l["attacker_men"].as_u64().unwrap();
                    men[1 - att] += l["defender_men"].as_u64().unwrap();
                }
                "bombarded" => {
                    bombardments += 1;
                    let firing = side(&l["side"]);
                    men[1 - firing] += l["defender_men"].as_u64().unwrap();
                    assert!(l["unit"].is_string() && l["fire"].is_f64(), "{l}");
                }
                "routed" | "surrendered" | "destroyed" | "attrition" => {
                    men[side(&l["side"])] += l["men"].as_u64().unwrap();
                    assert!(
                        l["hex"].is_array() && l["lat"].is_f64() && l["lon"].is_f64(),
                        "{l}"
                    );
                    assert!(l["unit"].is_string() && l["formation"].is_string(), "{l}");
                }
                _ => {}
            }
        }
        assert_eq!(men[0], g["losses"]["soviet"]["men"].as_u64().unwrap());
        assert_eq!(men[1], g["losses"]["japanese"]["men"].as_u64().unwrap());
        assert!(bombardments > 0, "the guns fire on each other in game {i}");
        let last = mine.last().unwrap();
        assert_eq!(last["kind"], "game_over");
        assert_eq!(last["winner"], g["winner"]);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn one_file_named_for_two_outputs_is_refused_before_any_game() {
    let dir = std::env::temp_dir().join(format!("khalkhin-twice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("out");
    std::fs::write(&f, "keep me").unwrap();
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "2",
        "--json",
        f.to_str().unwrap(),
        "--csv",
        f.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--json and --csv name the same file"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_users_file_named_like_a_temporary_file_is_left_alone() {
    let dir = std::env::temp_dir().join(format!("khalkhin-tmpname-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("out.json");
    let theirs = [
        dir.join("out.json.partial"),
        dir.join("out.json.games.partial"),
    ];
    for f in &theirs {
        std::fs::write(f, "mine").unwrap();
    }
    let out = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "2",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in &theirs {
        assert_eq!(
            std::fs::read_to_string(f).unwrap(),
            "mine",
            "{}",
            f.display()
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["out.json", "out.json.games.partial", "out.json.partial"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_takes_folders_and_reports_every_file() {
    // The game's own scenarios: all sound.
    let out = khalkhin(&["validate", "scenarios"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("scenarios/august_1939.ron: ok"), "{text}");
    // The broken examples: every one reported, with its place, and the count.
    let out = khalkhin(&["validate", "tests/fixtures/broken"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let files = std::fs::read_dir(root().join("tests/fixtures/broken"))
        .unwrap()
        .count();
    for e in std::fs::read_dir(root().join("tests/fixtures/broken")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            err.contains(&format!("broken/{name}:")),
            "{name} not reported: {err}"
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{files} files: 0 sound, {files} with errors")),
        "{text}"
    );
}

#[test]
fn the_games_own_scenarios_are_found_from_any_folder() {
    // The game installed elsewhere and started from the user's home: a scenario named relative to
    // the game's folder, or with `game:`, is read from there; a path that is nowhere is an error.
    let elsewhere = std::env::temp_dir();
    let run = |scenario: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khalkhin"))
            .args(["map", scenario])
            .current_dir(&elsewhere)
            .env("KHALKHIN_HOME", env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("runs")
    };
    for named in [
        "tests/fixtures/mini_scenario.ron",
        "game:tests/fixtures/mini_scenario.ron",
    ] {
        let out = run(named);
        assert!(
            out.status.success(),
            "{named}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains('|'));
    }
    let out = run("tests/fixtures/no_such_scenario.ron");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such_scenario.ron"));
    // A `game:` path means inside the game's folder: one that would leave it is not read.
    let out = run("game:../../../../../../etc/passwd");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read") && !err.contains("root"),
        "{err}"
    );
}
