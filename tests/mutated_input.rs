//! Thousands of mutants of the test scenario and its data files — numbers swapped for extreme ones,
//! lines dropped or doubled, bytes changed — are loaded, and each one that loads is played by the
//! computer players and the random baseline: nothing panics, hangs or loops, whatever the input.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::scenario::load_scenario;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

const EXTREMES: &[&str] = &[
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "0.0",
    "1e30",
    "-1e30",
    "4294967295",
    "4294967296",
    "255",
    "256",
    "99999",
    "1e-30",
    "24",
    "25",
    "0.001",
];

/// Air units of both sides for the mutated scenario (put before its `bridges`).
const AIR_AND_AMMUNITION: &str = "    air_units: [\
    (side: Soviet, name: \"F\", aircraft: \"I-16\", count: 40, from: \"1939-08-20T06:00\", until: \"1939-08-22T06:00\"),\
    (side: Soviet, name: \"B\", aircraft: \"SB\", count: 20, from: \"1939-08-20T06:00\", until: \"1939-08-22T06:00\"),\
    (side: Japanese, name: \"K\", aircraft: \"Ki-27\", count: 30, from: \"1939-08-20T12:00\", until: \"1939-08-22T06:00\", pilots: 1.3),\
    (side: Japanese, name: \"L\", aircraft: \"Ki-30\", count: 10, from: \"1939-08-20T06:00\", until: \"1939-08-21T06:00\")],\n    bridges:";

/// How many mutants to try, and the seed: `count` of seed 1939 unless `KHALKHIN_MUTANTS=COUNT[,SEED]`
/// asks for a longer search.
fn mutants(count: u64) -> (u64, u64) {
    std::env::var("KHALKHIN_MUTANTS")
        .ok()
        .and_then(|v| {
            let mut p = v.split(',').map(|x| x.trim().parse::<u64>().ok());
            Some((p.next()??, p.next().flatten().unwrap_or(1939)))
        })
        .unwrap_or((count, 1939))
}

/// One random change to a file's text.
fn mutate(rng: &mut ChaCha8Rng, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    match rng.random_range(0..13) {
        // Scale a number by 0.1–10 (an integer stays one): odd data that still loads, to play.
        10..=12 => {
            let spans = number_spans(text);
            if spans.is_empty() {
                return text.to_string();
            }
            let (a, b) = spans[rng.random_range(0..spans.len())];
            let old = &text[a..b];
            let f = 10f64.powf(rng.random_range(-1.0..1.0));
            let new = match old.parse::<i64>() {
                Ok(i) => ((i as f64 * f).round() as i64).to_string(),
                Err(_) => format!("{:.3}", old.parse::<f64>().unwrap_or(1.0) * f),
            };
            format!("{}{new}{}", &text[..a], &text[b..])
        }
        // Swap a number for an extreme one.
        0..=6 => {
            let spans: Vec<(usize, usize)> = number_spans(text);
            if spans.is_empty() {
                return text.to_string();
            }
            let (a, b) = spans[rng.random_range(0..spans.len())];
            let with = EXTREMES[rng.random_range(0..EXTREMES.len())];
            format!("{}{with}{}", &text[..a], &text[b..])
        }
        // Drop a line.
        7 => {
            let k = rng.random_range(0..lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != k)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        // Double a line.
        8 => {
            let k = rng.random_range(0..lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(k, lines[k]);
            out.join("\n")
        }
        // Change one byte to another printable one.
        _ => {
            let mut b = text.as_bytes().to_vec();
            let k = rng.random_range(0..b.len());
            b[k] = rng.random_range(32u8..127);
            String::from_utf8_lossy(&b).into_owned()
        }
    }
}

/// Byte spans of the numbers in a text (outside comments).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    let mut in_comment = false;
    while i < b.len() {
        if b[i] == b'\n' {
            in_comment = false;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            in_comment = true;
        }
        let starts = !in_comment
            && (b[i].is_ascii_digit()
                || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'));
        if starts {
            let s = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'e') {
                i += 1;
            }
            // Not inside a quoted string (a date, an id): the quotes before it on the line are even.
            let line_start = text[..s].rfind('\n').map_or(0, |x| x + 1);
            if text[line_start..s].matches('"').count().is_multiple_of(2) {
                out.push((s, i));
            }
            continue;
        }
        i += 1;
    }
    out
}

#[test]
fn mutants_of_the_scenario_and_its_data_never_panic() {
    let dir = std::env::temp_dir().join(format!("khalkhin-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = root().join("tests/fixtures");
    let data = root().join("assets/data");
    let originals: Vec<(&str, String)> = vec![
        (
            "scenario.ron",
            std::fs::read_to_string(fixtures.join("mini_scenario.ron"))
                .unwrap()
                .replace("map: \"mini_map.ron\"", "map: \"map.ron\"")
                .replace("\"../../assets/data/", "\"")
                // The air war, ammunition and a raid ban, for the mutants to reach them too.
                .replace("    bridges:", AIR_AND_AMMUNITION)
                .replace(
                    "night_attack_doctrine: true,",
                    "night_attack_doctrine: true, ammunition: (carried: 3.0, per_turn: 0.5), \
                     no_airfield_raids: Some((from: \"1939-08-21T00:00\", by: \"a test\")),",
                ),
        ),
        (
            "map.ron",
            std::fs::read_to_string(fixtures.join("mini_map.ron")).unwrap(),
        ),
        (
            "rules.ron",
            std::fs::read_to_string(data.join("rules.ron")).unwrap(),
        ),
        (
            "terrain.ron",
            std::fs::read_to_string(data.join("terrain.ron")).unwrap(),
        ),
        (
            "unit_types.ron",
            std::fs::read_to_string(data.join("unit_types.ron")).unwrap(),
        ),
        (
            "equipment.ron",
            std::fs::read_to_string(data.join("equipment.ron")).unwrap(),
        ),
    ];
    let (count, seed) = mutants(1500);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut loaded, mut refused) = (0, 0);
    // The unchanged files load, with their air war and ammunition.
    for (name, text) in &originals {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let base = load_scenario(&dir.join("scenario.ron")).expect("the originals load");
    assert_eq!(base.air_units.len(), 4);
    assert_eq!(base.ammunition[1].per_turn, 0.5);
    for n in 0..count {
        // One to three changes, in one file or several.
        let mut files = originals.clone();
        for _ in 0..rng.random_range(1..=3) {
            let k = rng.random_range(0..files.len());
            files[k].1 = mutate(&mut rng, &files[k].1);
        }
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let path = dir.join("scenario.ron");
        let result = std::panic::catch_unwind(|| load_scenario(&path));
        let Ok(result) = result else {
            let changed: Vec<_> = files
                .iter()
                .zip(&originals)
                .filter(|(a, b)| a.1 != b.1)
                .map(|(a, _)| a.0)
                .collect();
            panic!(
                "mutant {n}: loading panicked (changed: {changed:?}); files in {}",
                dir.display()
            );
        };
        match result {
            Err(e) => {
                refused += 1;
                let text = e.to_string();
                assert!(!text.is_empty() && !text.contains("panicked"), "mutant {n}");
            }
            Ok(scn) => {
                loaded += 1;
                let scn = Arc::new(scn);
                for (s, j) in [
                    (ControllerKind::Ai, ControllerKind::Ai),
                    (ControllerKind::Random, ControllerKind::Plan),
                ] {
                    let played = std::panic::catch_unwind(|| play_game(&scn, n, s, j));
                    assert!(
                        played.is_ok(),
                        "mutant {n} loads but {s:?} vs {j:?} panicked; files in {}",
                        dir.display()
                    );
                }
            }
        }
    }
    // Both kinds were tried: mutants that load and play, and mutants refused.
    eprintln!("{count} mutants: {loaded} loaded and played, {refused} refused");
    assert!(
        loaded > count / 20 && refused > count / 20,
        "loaded {loaded}, refused {refused}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mutants_of_a_campaign_and_its_progress_never_panic_and_every_error_has_a_place() {
    use khalkhin_gol::campaign::{Progress, load_campaign, play_campaign};
    use khalkhin_gol::mods::ModSet;
    let dir =
        std::env::temp_dir().join(format!("khalkhin-campaign-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = root().join("tests/fixtures/mini_scenario.ron");
    let original =
        std::fs::read_to_string(root().join("tests/fixtures/campaigns/mini_campaign.ron"))
            .unwrap()
            .replace(
                "\"../mini_scenario.ron\"",
                &format!("\"{}\"", scenario.display()),
            );
    let path = dir.join("campaign.ron");
    std::fs::write(&path, &original).unwrap();
    let base = load_campaign(&path, &ModSet::none()).expect("the original loads");
    // A progress file after one battle, to mutate too.
    let start = Progress::new(
        &base,
        3,
        (ControllerKind::Ai, ControllerKind::Ai),
        [false; 2],
        false,
    );
    let first = &base.battles[0].scenario;
    let (_, log) = play_game(first, 1, ControllerKind::Ai, ControllerKind::Ai);
    let progress = start.after(&base, first, &log.0);
    let progress_text = ron::ser::to_string_pretty(&progress, Default::default()).unwrap();
    let (count, seed) = mutants(300);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut loaded, mut refused) = (0, 0);
    for n in 0..count {
        let text = mutate(&mut rng, &original);
        std::fs::write(&path, &text).unwrap();
        let result = std::panic::catch_unwind(|| load_campaign(&path, &ModSet::none()));
        let Ok(result) = result else {
            panic!("campaign mutant {n}: loading panicked:\n{text}");
        };
        match result {
            Err(e) => {
                refused += 1;
                // Each error is placed (or is about a whole file that cannot be read).
                for err in &e.0 {
                    assert!(
                        err.line > 0 || err.message.contains("cannot read"),
                        "campaign mutant {n}: {err}\n{text}"
                    );
                }
            }
            Ok(c) => {
                loaded += 1;
                let played = std::panic::catch_unwind(|| {
                    play_campaign(&c, n, (ControllerKind::Ai, ControllerKind::Random), false)
                });
                assert!(
                    played.is_ok(),
                    "campaign mutant {n} loads but panics:\n{text}"
                );
            }
        }
        // A mutated progress file: read, and if it reads, its next battle built.
        let p_text = mutate(&mut rng, &progress_text);
        let p_path = dir.join("progress.ron");
        std::fs::write(&p_path, &p_text).unwrap();
        let built = std::panic::catch_unwind(|| {
            if let Ok(p) = Progress::load(&p_path)
                && p.check_against(&base, &p_path).is_ok()
                && let Some(b) = p.next_battle(&base)
            {
                let _ = p.scenario_for(&base, b);
            }
        });
        assert!(built.is_ok(), "progress mutant {n} panics:\n{p_text}");
    }
    eprintln!("{count} campaign mutants: {loaded} loaded and played, {refused} refused");
    assert!(
        loaded > count / 20 && refused > count / 20,
        "loaded {loaded}, refused {refused}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
