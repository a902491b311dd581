//! A modder writes mods: patch files that create, change, replace and delete entries by id, with
//! manifests that need or exclude each other. The game applies them in load order, places every
//! error in the mod's own files, says where a value came from, and compares a mod's games with the
//! base game's.

mod common;
use common::*;
use khalkhin_gol::mods::ModSet;
use khalkhin_gol::scenario::load_scenario_with;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};

/// A mod in a fresh folder below the system's temporary folder: `mod.ron` from the manifest's
/// inside, and patch files `(name, text)`.
fn make_mod(tag: &str, manifest: &str, patches: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("khalkhin-mods-{}", std::process::id()))
        .join(tag);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(dir.join("patches")).unwrap();
    std::fs::write(dir.join("mod.ron"), format!("({manifest})")).unwrap();
    for (name, text) in patches {
        std::fs::write(dir.join("patches").join(name), text).unwrap();
    }
    dir
}

fn manifest(id: &str) -> String {
    format!("id: \"{id}\", name: \"{id}\", version: \"1\", game: \"0.1\"")
}

fn august_patch(ops: &str) -> String {
    format!(
        "(\n    target: \"game:scenarios/august_1939.ron\",\n    patches: [\n{ops}\n    ],\n)\n"
    )
}

fn load_with(dirs: &[PathBuf]) -> Result<khalkhin_gol::scenario::Scenario, String> {
    let mods = ModSet::load(dirs).map_err(|e| e.to_string())?;
    load_scenario_with(&root().join("scenarios/august_1939.ron"), &mods).map_err(|e| e.to_string())
}

#[test]
fn each_operation_does_what_it_says() {
    let dir = make_mod(
        "ops",
        &manifest("ops"),
        &[
            (
                "a.ron",
                &august_patch(
                    r#"        Change(at: "units/jp_64ir_1", set: {"men": 555, "experience": 70}),
        Delete(at: "units/jp_64ir_2"),
        Create(at: "units", value: (id: "jp_new", name: "New battalion", formation: "jp_64ir", kind: "infantry_battalion", at: Place("Nomonhan"), men: 700, equipment: [])),
        Replace(at: "units/jp_64ir_3", value: (id: "jp_64ir_3", name: "Replaced", formation: "jp_64ir", kind: "infantry_battalion", at: Place("Nomonhan"), men: 300, equipment: [("Type 11 LMG", 9)])),
        Change(at: "victory", set: {"soviet_wins_at": 71}),"#,
                ),
            ),
            (
                "b.ron",
                r#"(target: "game:assets/data/equipment.ron", patches: [
                    Change(at: "equipment/BT-5", set: {"armor_mm": 15.5}),
                    Create(at: "equipment/Test tank", value: (name: "A test tank", class: Tank, crew: 3, soft_attack: 2.0, hard_attack: 2.0)),
                ])"#,
            ),
        ],
    );
    let base = august();
    let scn = load_with(&[dir]).unwrap();
    let u = |s: &khalkhin_gol::scenario::Scenario, k: &str| {
        s.units.iter().find(|u| u.key == k).cloned()
    };
    let changed = u(&scn, "jp_64ir_1").unwrap();
    assert_eq!((changed.men, changed.experience), (555, 70));
    let before = u(&base, "jp_64ir_1").unwrap();
    assert_eq!(
        changed.hex, before.hex,
        "fields not named keep their values"
    );
    assert!(u(&scn, "jp_64ir_2").is_none());
    assert_eq!(u(&scn, "jp_new").unwrap().men, 700);
    let replaced = u(&scn, "jp_64ir_3").unwrap();
    assert_eq!((replaced.name.as_str(), replaced.men), ("Replaced", 300));
    assert_eq!(scn.units.len(), base.units.len());
    assert_eq!(scn.file.victory.soviet_wins_at, 71);
    let bt5 = scn.equipment_keys.iter().position(|k| k == "BT-5").unwrap();
    assert_eq!(scn.equipment[bt5].armor_mm, 15.5);
    assert!(scn.equipment_keys.iter().any(|k| k == "Test tank"));
    assert_ne!(
        scn.content_hash, base.content_hash,
        "the hash covers the patches"
    );
}

#[test]
fn the_example_mods_validate_and_change_the_game() {
    let out = khalkhin(&["validate", "mods"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mod `tanks_stay`") && text.contains("mod `hook_held_back`"),
        "{text}"
    );
    let tanks = load_with(&[root().join("mods/tanks_stay")]).unwrap();
    let jp3 = tanks
        .units
        .iter()
        .find(|u| u.key == "jp_3tr")
        .expect("added");
    let type89 = tanks
        .equipment_keys
        .iter()
        .position(|k| k == "Type 89B I-Go")
        .unwrap();
    assert!(jp3.equipment.contains(&(type89, 16)));
    let hook = load_with(&[root().join("mods/hook_held_back")]).unwrap();
    let held = hook.plan.last().unwrap();
    assert!(matches!(
        held.task,
        khalkhin_gol::data::scenario::Task::Hold(_)
    ));
    assert_eq!(held.target, hook.map.place("Sumber").expect("a place"));
    assert_eq!(hook.plan[2].from.to_string(), "1939-08-21T06:00");
}

#[test]
fn mistakes_are_placed_in_the_patch_file_with_the_nearest_names() {
    let dir = make_mod(
        "mistakes",
        &manifest("mistakes"),
        &[(
            "a.ron",
            r#"(target: "game:assets/data/equipment.ron", patches: [
    Change(at: "equipment/BT-55", set: {"armor_mm": 15.0}),
    Change(at: "equipment/BT-5", set: {"hard_atack": 2.0}),
    Create(at: "equipment/T-26", value: (name: "again", class: Tank, crew: 3)),
])"#,
        )],
    );
    let out = khalkhin(&[
        "validate",
        "scenarios/august_1939.ron",
        "--mod",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "a.ron:2:16: `equipment` has no entry `BT-55`; did you mean `BT-5`?",
        "a.ron:3:40: unknown field `hard_atack`",
        "did you mean `hard_attack`?",
        "a.ron:4:16: `equipment/T-26` already exists; use `Change` or `Replace`",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // Each placed error has its line below it, the place marked.
    assert!(
        err.contains("2 |     Change(at: \"equipment/BT-55\""),
        "{err}"
    );
    assert!(
        err.contains("  |                ^^^^^^^^^^^^^^^^^"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // A value of the wrong type: placed at the value in the patch.
    let dir = make_mod(
        "wrong_type",
        &manifest("wrong_type"),
        &[(
            "a.ron",
            "(target: \"game:assets/data/equipment.ron\", patches: [\n    Change(at: \"equipment/BT-7\", set: {\"armor_mm\": \"thick\"}),\n])",
        )],
    );
    let err = load_with(&[dir]).unwrap_err();
    assert!(
        err.contains("wrong_type/patches/a.ron:2:52: expected a number"),
        "{err}"
    );
}

#[test]
fn load_order_follows_dependencies_then_ids_and_refuses_what_cannot_load() {
    let a = make_mod("b_base", &manifest("b_base"), &[]);
    let b = make_mod(
        "a_addon",
        &format!("{}, requires: [\"b_base\"]", manifest("a_addon")),
        &[],
    );
    let set = ModSet::load(&[b.clone(), a.clone()]).unwrap();
    assert_eq!(
        set.ids(),
        ["b_base", "a_addon"],
        "the dependency first, though its id sorts later"
    );
    // A dependency missing, a conflict, a circle, a bad id.
    let err = ModSet::load(std::slice::from_ref(&b))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("requires mod `b_base`, which is not enabled"),
        "{err}"
    );
    let c = make_mod(
        "c",
        &format!("{}, conflicts: [\"b_base\"]", manifest("c")),
        &[],
    );
    let err = ModSet::load(&[a.clone(), c]).unwrap_err().to_string();
    assert!(err.contains("cannot be loaded with mod `b_base`"), "{err}");
    let x = make_mod("x", &format!("{}, requires: [\"y\"]", manifest("x")), &[]);
    let y = make_mod("y", &format!("{}, requires: [\"x\"]", manifest("y")), &[]);
    let err = ModSet::load(&[x, y]).unwrap_err().to_string();
    assert!(err.contains("require each other in a circle"), "{err}");
    let bad = make_mod(
        "bad",
        "id: \"Bad Id!\", name: \"b\", version: \"1\", game: \"0.1\"",
        &[],
    );
    let err = ModSet::load(&[bad]).unwrap_err().to_string();
    assert!(
        err.contains("mod.ron:1:2: the mod id `Bad Id!` is not allowed"),
        "{err}"
    );
}

#[test]
fn two_mods_changing_one_value_are_reported_and_the_later_wins() {
    let p = |men: u32| {
        august_patch(&format!(
            "        Change(at: \"units/jp_64ir_1\", set: {{\"men\": {men}}}),"
        ))
    };
    let m1 = make_mod("m1", &manifest("m1"), &[("a.ron", &p(500))]);
    let m2 = make_mod("m2", &manifest("m2"), &[("a.ron", &p(600))]);
    let set = ModSet::load(&[m2.clone(), m1.clone()]).unwrap();
    assert_eq!(set.warnings.len(), 1, "{:?}", set.warnings);
    let w = set.warnings[0].to_string();
    assert!(
        w.contains("mod `m2` and mod `m1`") && w.contains("units/jp_64ir_1/men"),
        "{w}"
    );
    assert!(w.contains("`m2` is loaded later and wins"), "{w}");
    let scn = load_with(&[m1, m2]).unwrap();
    assert_eq!(
        scn.units.iter().find(|u| u.key == "jp_64ir_1").unwrap().men,
        600
    );
    // Appending to one list from two mods is no clash.
    let add = |id: &str| {
        august_patch(&format!(
            "        Create(at: \"plan\", value: (side: Japanese, units: [\"jp_64ir\"], from: \"1939-08-20T06:00\", until: \"1939-08-21T06:00\", task: Hold(Place(\"{id}\")))),"
        ))
    };
    let a1 = make_mod("a1", &manifest("a1"), &[("a.ron", &add("Nomonhan"))]);
    let a2 = make_mod("a2", &manifest("a2"), &[("a.ron", &add("Remizov height"))]);
    assert!(ModSet::load(&[a1, a2]).unwrap().warnings.is_empty());
}

#[test]
fn explain_names_the_file_and_each_mod_that_touched_a_value() {
    let out = khalkhin(&["validate", "--explain", "jp_3tr", "--mod", "tanks_stay"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("game:scenarios/august_1939.ron: units/jp_3tr"),
        "{text}"
    );
    assert!(text.contains("not in the file as shipped"), "{text}");
    assert!(text.contains("Create by mod `tanks_stay` at"), "{text}");
    assert!(text.contains("patches/august.ron:"), "{text}");
    assert!(text.contains("now: (id: \"jp_3tr\""), "{text}");
    let out = khalkhin(&["validate", "--explain", "retreat_cohesion_cost"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("rules.ron: combat/retreat_cohesion_cost"),
        "{text}"
    );
    assert!(text.contains("written in"), "{text}");
    let out = khalkhin(&["validate", "--explain", "no_such_thing_at_all"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_patch_aimed_outside_the_game_is_refused_unread() {
    let dir = make_mod(
        "escape",
        &manifest("escape"),
        &[(
            "a.ron",
            "(target: \"/etc/passwd\", patches: [Delete(at: \"root\")])",
        )],
    );
    let err = ModSet::load(&[dir]).unwrap_err().to_string();
    assert!(
        err.contains("a.ron:1:10:") && err.contains("outside the folders the game reads"),
        "{err}"
    );
    assert!(!err.contains("root:x"), "{err}");
}

#[test]
fn a_replay_records_its_mods_and_plays_back_with_them() {
    let dir = std::env::temp_dir().join(format!("khalkhin-mods-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("r.ron");
    let f = file.to_str().unwrap();
    let out = khalkhin(&[
        "replay",
        "scenarios/august_1939.ron",
        "--mod",
        "tanks_stay",
        "--runs",
        "1",
        "--record",
        f,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("mods/tanks_stay"), "the file names the mod");
    let out = khalkhin(&["replay", "--from", f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_ab_study_shows_what_a_mod_changes() {
    let dir = std::env::temp_dir().join(format!("khalkhin-mods-ab-{}", std::process::id()));
    let out = khalkhin(&[
        "report",
        "scenarios/august_1939.ron",
        "--against",
        "tanks_stay",
        "--runs",
        "12",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("ab.md")).unwrap();
    assert!(md.contains("rough"), "12 games a side is flagged: {md}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ab.json")).unwrap()).unwrap();
    let tanks = json
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "japanese_tanks")
        .expect("a row for Japanese tanks lost");
    // None in the base game, dozens with the tank regiments: significant even at 12 games.
    assert_eq!(tanks["base"]["mean"], 0.0);
    assert!(tanks["variant"]["mean"].as_f64().unwrap() > 10.0, "{tanks}");
    assert_eq!(tanks["significant"], true);
    for key in ["soviet_victory", "soviet_men", "pocket_closed"] {
        assert!(dir.join(format!("{key}.svg")).is_file(), "{key}.svg");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// One random change to a patch file's text.
fn mutate(rng: &mut ChaCha8Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match rng.random_range(0..4) {
        0 => {
            let at = rng.random_range(0..bytes.len());
            bytes[at] = b"()[]{},:\"/\\#r0x-. \n\xff"[rng.random_range(0..20)];
        }
        1 => {
            let at = rng.random_range(0..bytes.len());
            bytes.remove(at);
        }
        2 => {
            let (a, b) = (
                rng.random_range(0..bytes.len()),
                rng.random_range(0..bytes.len()),
            );
            let (a, b) = (a.min(b), a.max(b));
            bytes.drain(a..b);
        }
        _ => {
            let at = rng.random_range(0..bytes.len());
            let piece: Vec<u8> = bytes[at..(at + 40).min(bytes.len())].to_vec();
            bytes.splice(at..at, piece);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_patch_files_never_panic_and_every_error_has_a_place() {
    let originals: Vec<(PathBuf, String)> = [
        "tanks_stay/patches/august.ron",
        "hook_held_back/patches/august.ron",
    ]
    .iter()
    .map(|p| {
        let path = root().join("mods").join(p);
        (path.clone(), std::fs::read_to_string(path).unwrap())
    })
    .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let (mut loaded, mut refused) = (0, 0);
    for i in 0..150 {
        let dir = make_mod("fuzz", &manifest("fuzz"), &[]);
        for (k, (_, text)) in originals.iter().enumerate() {
            let mut t = text.clone();
            for _ in 0..rng.random_range(1..4) {
                t = mutate(&mut rng, &t);
            }
            std::fs::write(dir.join("patches").join(format!("{k}.ron")), t).unwrap();
        }
        match load_with(std::slice::from_ref(&dir)) {
            Ok(_) => loaded += 1,
            Err(e) => {
                refused += 1;
                for line in e.lines().filter(|l| l.starts_with("error: ")) {
                    let place = line.trim_start_matches("error: ");
                    assert!(
                        Path::new(place.split(':').next().unwrap()).exists(),
                        "mutant {i}: an error names a file that exists: {line}"
                    );
                }
            }
        }
    }
    assert!(refused > 50, "most mutants are refused ({loaded} loaded)");
}

#[test]
fn a_scenario_in_a_mod_folder_reads_the_games_data_wherever_it_lives() {
    let dir = make_mod("with_scenario", &manifest("with_scenario"), &[]);
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let text = std::fs::read_to_string(root().join("scenarios/august_1939.ron")).unwrap();
    std::fs::write(
        dir.join("scenarios/august_copy.ron"),
        text.replacen("id: \"august-1939\"", "id: \"august-copy\"", 1),
    )
    .unwrap();
    let out = khalkhin(&["validate", dir.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("(0 patch files, 1 scenario, 0 campaigns)"),
        "{said}"
    );
    assert!(
        said.contains("scenarios/august_copy.ron: ok (scenario, 97 units"),
        "{said}"
    );
}

#[test]
fn a_roster_entry_and_a_plan_unit_are_named_by_their_text() {
    let dir = make_mod(
        "roster",
        &manifest("roster"),
        &[(
            "a.ron",
            &august_patch(
                r#"        Replace(at: "units/su_6tb_1/equipment/BT-7", value: ("BT-7", 40)),
        Delete(at: "units/su_6tb_1/equipment/BT-5"),
        Create(at: "units/su_6tb_1/equipment", value: ("T-26", 5)),
        Delete(at: "plan/2/units/su_mpr8cd"),"#,
            ),
        )],
    );
    let scn = load_with(&[dir]).unwrap();
    let u = scn.units.iter().find(|u| u.key == "su_6tb_1").unwrap();
    let ix = |k: &str| scn.equipment_keys.iter().position(|x| x == k).unwrap();
    let mut want = vec![(ix("BT-7"), 40), (ix("T-26"), 5), (ix("BA-20"), 3)];
    want.sort();
    assert_eq!(u.equipment, want);
    let mpr = scn
        .units
        .iter()
        .position(|u| u.key == "su_mpr8cd_1")
        .unwrap() as u32;
    assert!(
        !scn.plan[2].units.contains(&mpr),
        "the cavalry left the step"
    );
    assert!(!scn.plan[2].units.is_empty());
}

#[test]
fn installed_dependencies_load_and_index_shifts_and_renames_are_caught() {
    // A mod that needs another: loaded from the same folder, with a note.
    let base = make_mod("dep_base", &manifest("dep_base"), &[]);
    let parent = base.parent().unwrap().to_path_buf();
    let addon = make_mod(
        "dep_addon",
        &format!("{}, requires: [\"dep_base\"]", manifest("dep_addon")),
        &[],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_khalkhin"))
        .args(["validate", addon.to_str().unwrap()])
        .env("XDG_DATA_HOME", parent.parent().unwrap())
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // The temporary folder is not a mod folder: the dependency is not found there.
    assert!(
        err.contains("requires mod `dep_base`, which is not enabled nor found"),
        "{err}"
    );
    assert!(
        !err.contains("did you mean `dep_addon`"),
        "never itself: {err}"
    );
    let _ = base;
    // Deleting an entry of a list another mod names by index: warned.
    let del = make_mod(
        "a_del",
        &manifest("a_del"),
        &[("a.ron", &august_patch("        Delete(at: \"plan/0\"),"))],
    );
    let set = ModSet::load(&[del, root().join("mods/hook_held_back")]).unwrap();
    assert!(
        set.warnings.iter().any(|w| w
            .to_string()
            .contains("`plan/2` names an entry of `plan` by its place")),
        "{:?}",
        set.warnings
    );
    // Change may not rename.
    let rename = make_mod(
        "rename",
        &manifest("rename"),
        &[(
            "a.ron",
            &august_patch("        Change(at: \"units/jp_64ir_1\", set: {\"id\": \"x\"}),"),
        )],
    );
    let err = load_with(&[rename]).unwrap_err();
    assert!(err.contains("`Change` cannot set the `id`"), "{err}");
}

#[test]
fn explain_lists_only_what_touched_the_entry_and_what_failed() {
    let dir = make_mod(
        "explain_only",
        &manifest("explain_only"),
        &[(
            "a.ron",
            &august_patch(
                r#"        Create(at: "units", value: (id: "jp_new", name: "New", formation: "jp_64ir", kind: "infantry_battalion", at: Place("Nomonhan"), men: 700, equipment: [])),
        Change(at: "units/jp_64ir_2", set: {"men": 900}),
        Change(at: "units/jp_nobody", set: {"men": 900}),"#,
            ),
        )],
    );
    let out = khalkhin(&[
        "validate",
        "--explain",
        "jp_64ir_1",
        "--mod",
        dir.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("Create by mod"),
        "the new unit is not this one: {text}"
    );
    assert!(
        !text.contains("Change men"),
        "another unit's change: {text}"
    );
    assert!(
        text.contains("not applied:") && text.contains("jp_nobody"),
        "{text}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed operation fails the command"
    );
    let out = khalkhin(&[
        "validate",
        "--explain",
        "jp_new",
        "--mod",
        dir.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Create by mod `explain_only`"), "{text}");
}
