//! A modder gets a broken scenario wrong: every error names the file, line and column and says what
//! was expected. Each file under tests/fixtures/broken/ breaks the small test scenario in one way.

mod common;
use common::root;
use khalkhin_gol::scenario::load_scenario;

/// (file, line, column, words the message must contain).
const CASES: &[(&str, usize, usize, &str)] = &[
    (
        "unknown_unit_type",
        24,
        72,
        "unknown unit type `tank_brigade`; expected one of:",
    ),
    (
        "hex_off_map",
        28,
        109,
        "hex (19,2) is off the scenario's map; expected columns 0–11, rows 0–9",
    ),
    ("unit_in_river", 26, 103, "lies in the river Test river"),
    ("duplicate_unit_id", 25, 14, "duplicate unit id `su_tank`"),
    ("unknown_equipment", 25, 136, "unknown equipment `BT-9`"),
    (
        "end_before_start",
        14,
        5,
        "`end` (1939-08-19T06:00) must be after `start` (1939-08-20T06:00)",
    ),
    ("syntax_error", 23, 117, "Expected comma"),
    ("unknown_field", 15, 5, "unknown field `turn_hour`"),
    (
        "unknown_place",
        32,
        111,
        "unknown place `Eastbank`; the map's places: East bank, West bank",
    ),
    ("unknown_formation", 28, 60, "unknown formation `jpn`"),
    (
        "formation_cycle",
        21,
        67,
        "formation `jp` is its own ancestor: its `parent` chain comes back to it",
    ),
    (
        "arrival_after_end",
        29,
        163,
        "arrives on 1939-08-25T06:00, outside the scenario",
    ),
    ("impossible_date", 13, 13, "no such day in the calendar"),
    (
        "stacking_over_limit",
        26,
        99,
        "holds 4 stacking points, more than the limit of 3",
    ),
    ("missing_map_file", 6, 10, "no_such_map.ron"),
    (
        "plan_unknown_unit",
        33,
        40,
        "`jp_ghost` is neither a formation nor a unit id",
    ),
    (
        "unknown_side",
        20,
        50,
        "unknown value `Manchukuo` for `Side`; expected one of: Soviet, Japanese",
    ),
];

#[test]
fn every_broken_file_gives_the_right_error_at_the_right_place() {
    for &(name, line, col, words) in CASES {
        let path = root().join(format!("tests/fixtures/broken/{name}.ron"));
        let errors = match load_scenario(&path) {
            Ok(_) => panic!("{name}: loaded, but it is broken"),
            Err(e) => e,
        };
        let first = &errors.0[0];
        assert_eq!(first.file, path, "{name}: error names another file");
        assert_eq!(
            (first.line, first.col),
            (line, col),
            "{name}: wrong position for `{}`",
            first.message
        );
        assert!(
            first.message.contains(words),
            "{name}: message `{}` lacks `{words}`",
            first.message
        );
        let shown = errors.to_string();
        assert!(
            shown.contains(&format!("{name}.ron:{line}:{col}: ")),
            "{name}: display `{shown}` lacks file:line:col"
        );
    }
}

#[test]
fn every_broken_example_is_covered_by_a_case() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/broken"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let mut named: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    named.sort();
    assert_eq!(files, named);
    assert!(files.len() >= 10);
}

#[test]
fn all_problems_in_a_file_are_reported_not_just_the_first() {
    let errors =
        load_scenario(&root().join("tests/fixtures/broken/end_before_start.ron")).unwrap_err();
    assert!(
        errors.0.len() >= 2,
        "the early end also puts the reinforcement outside the scenario: {errors}"
    );
}

#[test]
fn a_missing_or_garbled_file_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("khalkhin-garbled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, text) in [
        "",
        "(",
        "\u{0}\u{1}binary",
        "Scenario(id: 5)",
        "[1, 2, 3]",
        "(id: \"x\", name: \"y\"",
    ]
    .iter()
    .enumerate()
    {
        let p = dir.join(format!("g{i}.ron"));
        std::fs::write(&p, text).unwrap();
        let e = load_scenario(&p).unwrap_err();
        assert!(e.0[0].line >= 1, "{text:?}: {e}");
    }
    let e = load_scenario(&dir.join("does-not-exist.ron")).unwrap_err();
    assert!(e.to_string().contains("cannot read file"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_misspelt_name_gets_the_nearest_known_ones_suggested() {
    for (file, suggestion) in [
        ("unknown_unit_type", "did you mean `tank_battalion`?"),
        ("unknown_field", "did you mean `turn_hours`?"),
        ("unknown_place", "did you mean `East bank`?"),
        ("unknown_formation", "did you mean `jp`?"),
        ("unknown_equipment", "did you mean `BT-5` or `BT-7`?"),
    ] {
        let path = root().join(format!("tests/fixtures/broken/{file}.ron"));
        let err = load_scenario(&path).unwrap_err().to_string();
        assert!(err.contains(suggestion), "{file}: {err}");
    }
    // Nothing near: no suggestion.
    let path = root().join("tests/fixtures/broken/plan_unknown_unit.ron");
    let err = load_scenario(&path).unwrap_err().to_string();
    assert!(!err.contains("did you mean"), "{err}");
}
