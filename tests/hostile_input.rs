//! A stranger's scenario or data file is hostile input: every number out of its range, every size
//! past its limit, is refused by `validate` with file, line and column, and what validates plays
//! without a panic.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A copy of the test scenario in a folder of its own, with its map and data files beside it
/// (`edit` changes them by name: "scenario", "rules", "terrain", "unit_types", "equipment", "map").
fn variant(tag: &str, edit: &dyn Fn(&str, String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("khalkhin-hostile-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = root().join("tests/fixtures");
    let data = root().join("assets/data");
    for (name, from) in [
        ("rules", data.join("rules.ron")),
        ("terrain", data.join("terrain.ron")),
        ("unit_types", data.join("unit_types.ron")),
        ("equipment", data.join("equipment.ron")),
        ("map", fixtures.join("mini_map.ron")),
    ] {
        let text = edit(name, std::fs::read_to_string(from).unwrap());
        std::fs::write(dir.join(format!("{name}.ron")), text).unwrap();
    }
    let scenario = std::fs::read_to_string(fixtures.join("mini_scenario.ron"))
        .unwrap()
        .replace("map: \"mini_map.ron\"", "map: \"map.ron\"")
        .replace("\"../../assets/data/", "\"");
    let path = dir.join("scenario.ron");
    std::fs::write(&path, edit("scenario", scenario)).unwrap();
    path
}

/// A change to the copy's files.
type Edit = Box<dyn Fn(&str, String) -> String>;

fn validate(path: &Path) -> (Option<i32>, String) {
    let out = khalkhin(&["validate", path.to_str().unwrap()]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Replaces `from` by `to` in the file named `file`, once (it must be there).
fn swap(
    file: &'static str,
    from: &'static str,
    to: &'static str,
) -> impl Fn(&str, String) -> String {
    move |name, text| {
        if name == file {
            assert!(text.contains(from), "{file} has no `{from}`");
            text.replacen(from, to, 1)
        } else {
            text
        }
    }
}

#[test]
fn the_unchanged_copy_validates() {
    let p = variant("plain", &|_, t| t);
    let (code, err) = validate(&p);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn numbers_out_of_their_range_are_refused_with_their_place() {
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "nan-rating",
            Box::new(swap("equipment", "soft_attack: 1.5", "soft_attack: NaN")),
            "equipment.ron:",
            "soft_attack` is NaN; expected a number from 0 to 10000",
        ),
        (
            "inf-cost",
            Box::new(swap("terrain", "foot: Some(0.45)", "foot: Some(inf)")),
            "terrain.ron:",
            "`steppe.cost.foot` is inf; expected a number above 0 and at most 24 hours a hex",
        ),
        (
            "negative-move",
            Box::new(swap("unit_types", "move_hours: 4.0,", "move_hours: -4.0,")),
            "unit_types.ron:",
            "move_hours` is -4; expected a number above 0 and at most 24 hours",
        ),
        (
            "share-above-one",
            Box::new(swap("rules", "max_loss: 0.45", "max_loss: 4.5")),
            "rules.ron:",
            "`combat.max_loss` is 4.5; expected a number from 0 to 1",
        ),
        (
            "zero-saturation",
            Box::new(swap(
                "rules",
                "armor_loss_saturation: 20.0",
                "armor_loss_saturation: 0.0",
            )),
            "rules.ron:",
            "`combat.armor_loss_saturation` is 0; expected a number above 0",
        ),
        (
            "huge-men",
            Box::new(swap("scenario", "men: 850", "men: 4294967295")),
            "scenario.ron:23:",
            "`men` is 4294967295; expected 1 to 100000",
        ),
        (
            "window-odd-row",
            Box::new(swap(
                "scenario",
                "map: \"map.ron\",",
                "map: \"map.ron\", map_window: Some((col: 0, row: 1, cols: 12, rows: 8)),",
            )),
            "scenario.ron:6:",
            "the window starts on row 1, an odd row; expected an even row (odd rows are shifted \
             half a hex): 0 or 2",
        ),
        (
            "window-off-grid",
            Box::new(swap(
                "scenario",
                "map: \"map.ron\",",
                "map: \"map.ron\", map_window: Some((col: 4, row: 0, cols: 12, rows: 10)),",
            )),
            "scenario.ron:6:",
            "the window (columns 4–15, rows 0–9) leaves the map's grid of 12×10 hexes",
        ),
        (
            "window-hides-a-place",
            Box::new(swap(
                "scenario",
                "map: \"map.ron\",",
                "map: \"map.ron\", map_window: Some((col: 0, row: 0, cols: 6, rows: 10)),",
            )),
            "scenario.ron:",
            "place `East bank` lies outside this scenario's `map_window` (columns 0–5, rows 0–9)",
        ),
        (
            "window-hides-a-hex",
            Box::new(swap(
                "scenario",
                "map: \"map.ron\",",
                "map: \"map.ron\", map_window: Some((col: 0, row: 0, cols: 6, rows: 10)),",
            )),
            "scenario.ron:17:",
            "hex (11,4) is off the scenario's map; expected columns 0–5, rows 0–9",
        ),
        (
            "window-grid-numbers",
            Box::new(|name: &str, text: String| match name {
                // A window from column 2 and row 2: the unit at the grid's (4,2) is now the
                // board's (2,0); a hex given in the board's numbers, (1,1), is off the window.
                "scenario" => text
                    .replacen(
                        "map: \"map.ron\",",
                        "map: \"map.ron\", map_window: Some((col: 2, row: 2, cols: 10, rows: 8)),",
                        1,
                    )
                    .replacen("at: Hex(4, 6)", "at: Hex(1, 1)", 1),
                _ => text,
            }),
            "scenario.ron:",
            "hex (1,1) is off the scenario's map; expected columns 2–11, rows 2–9",
        ),
        (
            "far-scale-latitude",
            Box::new(swap(
                "map",
                "origin: (47.80, 118.50),",
                "origin: (47.80, 118.50), scale_latitude: Some(80.0),",
            )),
            "map.ron:5:",
            "`scale_latitude` is 80; expected degrees north within 5 of the origin's 47.8",
        ),
        (
            "nan-place",
            Box::new(swap("scenario", "at: Hex(4, 2)", "at: At((NaN, NaN))")),
            "scenario.ron:23:",
            "point (NaN, NaN) is off the scenario's map",
        ),
        (
            "million-turns",
            Box::new(swap(
                "scenario",
                "end: \"1939-08-22T06:00\"",
                "end: \"2399-08-22T06:00\"",
            )),
            "scenario.ron:14:",
            "expected at most 2000",
        ),
        (
            "tiny-hexes",
            Box::new(swap("map", "hex_km: 1.0", "hex_km: 0.000001")),
            "map.ron:",
            "expected a hex size from 0.1 to 50 km",
        ),
        (
            "far-track",
            Box::new(swap(
                "map",
                "tracks: [",
                "tracks: [(name: \"Far\", course: [(47.7, 118.6), (1e300, 118.6)]),",
            )),
            "map.ron:",
            "track `Far`: point (1e300, 118.6) is far off the map",
        ),
        (
            "bridge-hours",
            Box::new(swap(
                "rules",
                "supply: true, hours: 1.0)",
                "supply: true, hours: NaN)",
            )),
            "rules.ron:",
            "`bridge_capacities.foot.hours` is NaN",
        ),
        (
            "bridge-carries",
            Box::new(swap(
                "rules",
                "\"light\": (carries: [Foot, Horse, Motorised]",
                "\"light\": (carries: []",
            )),
            "rules.ron:",
            "bridge kind `light` carries nothing",
        ),
    ];
    for (tag, edit, at, words) in cases {
        let p = variant(tag, &*edit);
        let (code, err) = validate(&p);
        assert_eq!(code, Some(1), "{tag}: {err}");
        assert!(err.contains(at) && err.contains(words), "{tag}: {err}");
        assert!(!err.contains("panicked"), "{tag}: {err}");
    }
}

#[test]
fn an_order_of_battle_without_one_side_is_refused() {
    let p = variant("one-sided", &|name, text| {
        if name != "scenario" {
            return text;
        }
        text.lines()
            .filter(|l| !l.contains("(id: \"jp"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("the japanese side has no units"), "{err}");
}

#[test]
fn very_slow_ground_validates_and_plays_without_a_panic() {
    // A terrain 20 hours a hex (more than the search queue's ring of 17 hours) and a unit type
    // that moves 24 hours a turn.
    let p = variant("slow", &|name, text| match name {
        "terrain" => text.replacen("tracked: Some(0.2)", "tracked: Some(20.0)", 1),
        "unit_types" => text.replacen(
            "mobility: Tracked, stacking: 1, move_hours: 4.0",
            "mobility: Tracked, stacking: 1, move_hours: 24.0",
            1,
        ),
        _ => text,
    });
    let (code, err) = validate(&p);
    assert_eq!(code, Some(0), "{err}");
    for sides in [["plan", "plan"], ["ai", "ai"], ["random", "random"]] {
        let out = khalkhin(&[
            "replay",
            p.to_str().unwrap(),
            "--runs",
            "2",
            "--soviet",
            sides[0],
            "--japanese",
            sides[1],
        ]);
        assert!(
            out.status.success(),
            "{sides:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn files_outside_the_game_and_the_scenarios_folder_are_refused_unread() {
    // An absolute path, and a link in the scenario's own folder that leads out of it.
    let abs = variant(
        "abs",
        &swap("scenario", "rules: \"rules.ron\"", "rules: \"/etc/passwd\""),
    );
    let (code, err) = validate(&abs);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("/etc/passwd` is outside the folders the game reads"),
        "{err}"
    );
    assert!(
        !err.contains("root:"),
        "the refused file's content is not shown: {err}"
    );
    let linked = variant(
        "link",
        &swap("scenario", "rules: \"rules.ron\"", "rules: \"sneaky.ron\""),
    );
    let dir = linked.parent().unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("sneaky.ron")).unwrap();
    let (code, err) = validate(&linked);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("sneaky.ron` is outside the folders"), "{err}");
}

#[test]
fn a_pipe_or_a_folder_named_as_a_file_is_refused_without_blocking() {
    let p = variant(
        "pipe",
        &swap("scenario", "map: \"map.ron\"", "map: \"pipe.ron\""),
    );
    let dir = p.parent().unwrap();
    let fifo = dir.join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    // A folder where a file is wanted: the scenario's own folder as its map.
    let p = variant(
        "folder",
        &swap("scenario", "map: \"map.ron\"", "map: \".\""),
    );
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("it is a folder, not a file"), "{err}");
}

#[test]
fn bytes_that_are_not_utf8_are_refused_at_their_place() {
    let p = variant("utf8", &|_, t| t);
    let mut bytes = std::fs::read(&p).unwrap();
    let at = bytes.windows(4).position(|w| w == b"mini").unwrap();
    bytes[at] = 0xff;
    std::fs::write(&p, bytes).unwrap();
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("scenario.ron:3:10: the file is not UTF-8 text"),
        "{err}"
    );
}

#[test]
fn text_quoted_from_a_file_cannot_forge_lines_of_the_message() {
    let p = variant(
        "forge",
        &swap(
            "scenario",
            "kind: \"rifle_battalion\"",
            "kind: \"x\\nerror: /etc/passwd:1:1: forged\"",
        ),
    );
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("unknown unit type `x\\nerror:"), "{err}");
    // Every line is one of the game's own: a message, or the excerpt under it (`NN | …`).
    let excerpt = |l: &str| {
        let (gutter, _) = l.split_once(" |").unwrap_or(("x", ""));
        gutter.trim().chars().all(|c| c.is_ascii_digit())
    };
    assert!(
        err.lines().all(|l| l.starts_with("error: ") || excerpt(l)),
        "{err}"
    );
    assert!(!err.lines().any(|l| l.starts_with("error: /etc")), "{err}");
}

#[test]
fn a_replay_naming_a_scenario_outside_the_game_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("khalkhin-hostile-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("r.ron");
    std::fs::write(
        &file,
        "(format: 1, scenario: \"mini\", scenario_file: \"/etc/passwd\", content_hash: \"0\", \
         seed: 1, soviet: plan, japanese: plan, turns: [])",
    )
    .unwrap();
    let out = khalkhin(&["replay", "--from", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/etc/passwd` is outside the folders"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}

#[test]
fn thousands_of_errors_are_reported_a_hundred_with_places_and_the_rest_counted() {
    // 3,000 units of an unknown type, all in one hex.
    let p = variant("many-errors", &|name, text| {
        if name != "scenario" {
            return text;
        }
        let extra: String = (0..3000)
            .map(|i| {
                format!(
                    "        (id: \"bad{i}\", name: \"Bad\", formation: \"su\", kind: \"nope\", at: \
                     Hex(1, 1), men: 10, equipment: []),\n"
                )
            })
            .collect();
        text.replacen("    units: [\n", &format!("    units: [\n{extra}"), 1)
    });
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1));
    assert_eq!(
        err.lines()
            .filter(|l| l.contains("unknown unit type `nope`"))
            .count(),
        100,
        "{}",
        &err[..err.len().min(2000)]
    );
    // Each past the third also overfills the hex: 2,900 type errors and 2,997 stacking errors are
    // counted, not shown.
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        101
    );
    assert!(
        err.lines()
            .last()
            .is_some_and(|l| l.ends_with("5897 more errors not shown (the first 100 are above)")),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
}

#[test]
fn very_long_ids_and_names_are_refused_and_not_repeated_in_full() {
    let long_id: &'static str = Box::leak("x".repeat(5000).into_boxed_str());
    let p = variant("long-id", &|name, text| {
        if name == "scenario" {
            text.replace("\"su_rifle\"", &format!("\"{long_id}\""))
        } else {
            text
        }
    });
    let (code, err) = validate(&p);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("is 5000 characters long; expected at most 100"),
        "{}",
        &err[..err.len().min(1000)]
    );
    assert!(
        err.lines().all(|l| l.chars().count() < 800),
        "messages are cut"
    );
}

#[test]
fn a_scenario_naming_the_games_files_by_game_paths_works_from_any_folder() {
    // The August scenario names its map and data as `game:assets/…`: a copy in a mod folder
    // elsewhere loads the same files.
    let dir = std::env::temp_dir().join(format!("khalkhin-mod-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("my_august.ron");
    std::fs::copy(root().join("scenarios/august_1939.ron"), &copy).unwrap();
    let (code, err) = validate(&copy);
    assert_eq!(code, Some(0), "{err}");
    let a = khalkhin_gol::scenario::load_scenario(&copy).unwrap();
    let b = august();
    assert_eq!(
        a.content_hash, b.content_hash,
        "the same files, wherever the scenario is"
    );
    std::fs::remove_dir_all(&dir).ok();
}
