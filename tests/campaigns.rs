//! Campaigns: battles played one after another, each unit bringing into its next battle what it
//! kept against the record, results choosing where the campaign goes, the progress kept between
//! runs and in saved games; bad campaign files refused with their place.

mod common;
use common::{khalkhin, root, unit};
use khalkhin_gol::campaign::carry::{carried_into, standing_after};
use khalkhin_gol::campaign::{
    Campaign, CampaignRun, CampaignSides, Progress, Standing, load_campaign, play_campaign,
};
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::data::Side;
use khalkhin_gol::data::campaign::{BattleResult, CarryRules};
use khalkhin_gol::mods::ModSet;
use khalkhin_gol::scenario::Scenario;
use khalkhin_gol::sim::{SimEvent, UnitLoss};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PLAN: (ControllerKind, ControllerKind) = (ControllerKind::Plan, ControllerKind::Plan);

fn mini_campaign() -> Campaign {
    load_campaign(
        &root().join("tests/fixtures/campaigns/mini_campaign.ron"),
        &ModSet::none(),
    )
    .unwrap_or_else(|e| panic!("the test campaign loads:\n{e}"))
}

fn shipped() -> Campaign {
    load_campaign(
        &root().join("campaigns/khalkhin_gol_1939.ron"),
        &ModSet::none(),
    )
    .unwrap_or_else(|e| panic!("the shipped campaign loads:\n{e}"))
}

/// A folder of its own in the temporary folder, empty.
fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khalkhin-campaign-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The events of a game in which every unit present at the start was deployed, `losses` were
/// suffered (unit id, men, pieces of its first equipment), `destroyed` were destroyed, and the game
/// ended with `winner`.
fn game_events(
    scn: &Scenario,
    losses: &[(&str, u32, u32)],
    destroyed: &[&str],
    winner: Option<Side>,
) -> Vec<SimEvent> {
    let mut ev: Vec<SimEvent> = scn
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.arrives.is_none())
        .map(|(i, u)| SimEvent::Deployed {
            unit: i as u32,
            hex: u.hex,
        })
        .collect();
    for &(key, men, pieces) in losses {
        let u = unit(scn, key);
        let def = &scn.units[u as usize];
        ev.push(SimEvent::Routed {
            unit: u,
            loss: UnitLoss {
                men,
                equipment: vec![(def.equipment[0].0, pieces)],
            },
        });
    }
    for &key in destroyed {
        let u = unit(scn, key);
        let def = &scn.units[u as usize];
        ev.push(SimEvent::Destroyed {
            unit: u,
            loss: UnitLoss {
                men: def.men,
                equipment: def.equipment.clone(),
            },
        });
    }
    ev.push(SimEvent::GameOver {
        winner,
        soviet_points: 15.0,
        date: scn.file.end,
    });
    ev
}

#[test]
fn a_unit_stands_against_its_sides_recorded_losses_and_brings_that_into_its_next_battle() {
    let c = mini_campaign();
    let scn = &c.battles[0].scenario;
    // The Soviet side brought 2,150 men and 100 tanks; the record has it lose 150 men and 3 tanks
    // (the middle of 100–200 and 1–5): it kept 1 − 150/2150 of its men, 0.97 of its tanks.
    let kept_men = 1.0 - 150.0 / 2150.0;
    let kept_tanks = 1.0 - 3.0 / 100.0;
    let ev = game_events(
        scn,
        &[("su_rifle", 425, 0), ("su_tank", 45, 25)],
        &["jp_inf2"],
        Some(Side::Soviet),
    );
    let s = standing_after(scn, &ev);
    let near = |a: f32, b: f64| (a as f64 - b).abs() < 1e-4;
    // Lost nothing: stands above history by what its side lost in the record.
    let art = s["su_art"];
    assert!(near(art.men, 1.0 / kept_men), "{art:?}");
    // Half its men lost: well below.
    assert!(
        near(s["su_rifle"].men, 0.5 / kept_men),
        "{:?}",
        s["su_rifle"]
    );
    // Half its tanks and a tenth of its men.
    let tank = s["su_tank"];
    assert!(near(tank.tanks, 0.5 / kept_tanks), "{tank:?}");
    assert!(near(tank.men, 0.9 / kept_men), "{tank:?}");
    // Destroyed: nothing left. Never deployed (a reinforcement due later): no standing at all.
    assert_eq!(s["jp_inf2"].men, 0.0);
    assert!(!s.contains_key("jp_late"));

    // Into the next battle with all of the difference carried (share 1), between 0.1 and 2.
    let rules = CarryRules {
        share: 1.0,
        floor: 0.1,
        ceiling: 2.0,
    };
    let carried = carried_into(scn, &s, &BTreeMap::new(), &rules);
    let men = |key: &str| {
        carried
            .units
            .iter()
            .find(|u| u.unit == key)
            .map(|u| u.men)
            .unwrap_or_else(|| panic!("{key} carried: {carried:?}"))
    };
    assert_eq!(men("su_art"), (400.0 / kept_men).round() as u32);
    assert_eq!(men("su_rifle"), (425.0 / kept_men).round() as u32);
    assert_eq!(
        men("jp_inf2"),
        100,
        "a destroyed unit is rebuilt to the floor"
    );
    let tanks = carried
        .units
        .iter()
        .find(|u| u.unit == "su_tank")
        .map(|u| u.equipment.clone())
        .unwrap();
    assert_eq!(
        tanks,
        vec![("BT-7".to_string(), (25.0 / kept_tanks).round() as u32)]
    );
    // Half the difference with a ceiling of 1.02: the spared artillery is capped.
    let half = CarryRules {
        share: 0.5,
        floor: 0.8,
        ceiling: 1.02,
    };
    let carried = carried_into(scn, &s, &BTreeMap::new(), &half);
    let art = carried.units.iter().find(|u| u.unit == "su_art").unwrap();
    assert_eq!(art.men, 408);
    // Half the difference would leave the rifles at 0.77 of history: the floor keeps 0.8.
    let rifle = carried.units.iter().find(|u| u.unit == "su_rifle").unwrap();
    assert!(1.0 + 0.5 * (0.5 / kept_men - 1.0) < 0.8);
    assert_eq!(rifle.men, 680);
    // A unit renamed between battles stands as the mean of the units it is.
    let same = BTreeMap::from([(
        "su_tank2".to_string(),
        vec!["su_tank".to_string(), "su_art".to_string()],
    )]);
    let carried = carried_into(scn, &s, &same, &rules);
    let tank2 = carried.units.iter().find(|u| u.unit == "su_tank2").unwrap();
    let mean = (s["su_tank"].men + s["su_art"].men) / 2.0;
    assert_eq!(tank2.men, (450.0 * mean as f64).round() as u32);
}

#[test]
fn results_choose_the_next_battle_and_the_campaign_points() {
    let c = mini_campaign();
    let start = Progress::new(&c, 7, PLAN, [false, false], false);
    assert_eq!(start.next.as_deref(), Some("first"));
    let first = &c.battles[0].scenario;
    let won = start.after(&c, first, &game_events(first, &[], &[], Some(Side::Soviet)));
    assert_eq!(won.next.as_deref(), Some("second"));
    assert_eq!(won.soviet_points(), 2.0);
    assert_ne!(
        won.battle_seed(),
        start.battle_seed(),
        "each battle its own seed"
    );
    // After a Japanese victory in the second battle the campaign ends (its branch); after a draw
    // it goes on to the third.
    let second = &c.battles[1].scenario;
    let lost = won.after(
        &c,
        second,
        &game_events(second, &[], &[], Some(Side::Japanese)),
    );
    assert!(lost.over());
    assert_eq!(lost.soviet_points(), 2.0);
    assert_eq!(
        lost.result(&c),
        BattleResult::Japanese,
        "2 points: at most 2"
    );
    let drawn = won.after(&c, second, &game_events(second, &[], &[], None));
    assert_eq!(drawn.next.as_deref(), Some("third"));
    assert_eq!(drawn.soviet_points(), 3.5);
    let third = &c.battles[2].scenario;
    let end = drawn.after(&c, third, &game_events(third, &[], &[], Some(Side::Soviet)));
    assert!(end.over());
    assert_eq!(
        (end.soviet_points(), end.result(&c)),
        (8.5, BattleResult::Soviet)
    );
    assert_eq!(
        end.played
            .iter()
            .map(|p| (p.battle.as_str(), p.result))
            .collect::<Vec<_>>(),
        [
            ("first", BattleResult::Soviet),
            ("second", BattleResult::Draw),
            ("third", BattleResult::Soviet)
        ]
    );
    // Events without the game's end change nothing.
    assert_eq!(drawn.after(&c, third, &[]), drawn);
}

#[test]
fn the_shipped_campaign_plays_its_five_battles_in_order_reproducibly() {
    let c = shipped();
    let ids: Vec<&str> = c.battles.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "may",
            "bain-tsagan",
            "artillery-offensive",
            "august",
            "september"
        ]
    );
    let a = play_campaign(&c, 11, PLAN, false).expect("plays");
    let b = play_campaign(&c, 11, PLAN, false).expect("plays");
    assert_eq!(a, b, "the same seed gives the same campaign");
    let played: Vec<&str> = a.battles.iter().map(|b| b.battle.as_str()).collect();
    assert_eq!(played, ids, "every battle leads to the next");
    let points: f32 = a.battles.iter().map(|b| b.campaign_points).sum();
    assert_eq!(a.soviet_points, points);
    // The first battle is as history has it; later ones carry what the units kept.
    assert_eq!(a.battles[0].brought, a.battles[0].history);
    assert!(
        a.battles[1..].iter().any(|b| b.brought != b.history),
        "strength carried into a later battle"
    );
    // Each battle's seed is the campaign's k-th.
    for (k, b) in a.battles.iter().enumerate() {
        assert_eq!(b.game.seed, khalkhin_gol::analysis::run_seed(11, k as u64));
    }
    let other = play_campaign(&c, 12, PLAN, false).expect("plays");
    assert_ne!(a, other, "another seed, another campaign");
}

#[test]
fn a_remnant_brings_the_mean_of_the_units_it_was_formed_of() {
    let c = shipped();
    let bt = c.battle("bain-tsagan").unwrap();
    let ao = c.battle("artillery-offensive").unwrap();
    let mut p = Progress::new(&c, 3, PLAN, [false, false], false);
    p.next = Some("artillery-offensive".into());
    let s = |men: f32, tanks: f32| Standing {
        men,
        tanks,
        armored_cars: men,
        guns: men,
    };
    p.standing = BTreeMap::from([
        ("su_11tb_1".to_string(), s(0.5, 0.4)),
        ("su_11tb_2".to_string(), s(0.7, 0.6)),
        ("su_11tb_3".to_string(), s(0.9, 0.8)),
    ]);
    let scn = p.scenario_for(&c, ao).expect("takes the strengths");
    let remnant = &scn.units[unit(&scn, "su_11tb") as usize];
    let file = scn.file.units.iter().find(|u| u.id == "su_11tb").unwrap();
    let rules = c.battles[ao].carry;
    let factor = 1.0 + rules.share as f64 * (0.7 - 1.0);
    assert_eq!(
        remnant.men,
        (file.men as f64 * factor.max(rules.floor as f64)).round() as u32
    );
    assert!(scn.content_hash != c.battles[ao].scenario.content_hash);
    assert!(!c.battles[bt].same_units.contains_key("su_11tb"));
}

#[test]
fn a_saved_battle_of_a_campaign_loads_with_its_strengths_and_its_campaign() {
    use khalkhin_gol::analysis::{ReplayFile, SavedAt, play_game_with};
    let c = mini_campaign();
    let start = Progress::new(&c, 5, PLAN, [true, false], false);
    let first = &c.battles[0].scenario;
    let after = start.after(
        &c,
        first,
        &game_events(first, &[("su_rifle", 300, 5)], &[], Some(Side::Soviet)),
    );
    let scn = std::sync::Arc::new(after.scenario_for(&c, 1).unwrap());
    assert!(!scn.carried.is_empty());
    let rifle = &scn.units[unit(&scn, "su_rifle") as usize];
    assert!(
        rifle.men < 850,
        "the rifles lost more than the record: {}",
        rifle.men
    );
    // The people's side gives no orders here; the file keeps the strengths and the campaign.
    let (_, _, orders) = play_game_with(
        &scn,
        after.battle_seed(),
        [ControllerKind::Passive.build(), ControllerKind::Ai.build()],
    );
    let mut file = ReplayFile::new(
        &scn,
        after.battle_seed(),
        (ControllerKind::Passive, ControllerKind::Ai),
        &orders,
    );
    file.saved = Some(SavedAt {
        humans: [true, false],
        turn: 2,
        side: Side::Soviet,
    });
    file.turns.retain(|t| t.turn < 2);
    file.campaign = Some(after.clone());
    let dir = temp_dir("save");
    let path = dir.join("battle2.ron");
    file.save(&path).unwrap();
    let (loaded, at, again) = ReplayFile::open_saved(&path).expect("loads");
    assert_eq!(at.turn, 2);
    assert_eq!(again.content_hash, scn.content_hash);
    assert_eq!(again.carried, scn.carried);
    assert_eq!(loaded.campaign.as_ref(), Some(&after));
    let run = CampaignRun::of_saved(loaded.campaign.unwrap(), &path).expect("its campaign");
    assert_eq!(run.battle(), Some(1));
    // Strengths that do not fit the scenario are refused, naming the file.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("unit: \"su_rifle\"", "unit: \"su_rilfe\"", 1),
    )
    .unwrap();
    let e = ReplayFile::open_saved(&path).expect_err("refused");
    assert!(
        e.contains("battle2.ron")
            && e.contains("su_rilfe")
            && e.contains("did you mean `su_rifle`"),
        "{e}"
    );
}

#[test]
fn a_campaign_under_way_is_continued_and_a_new_one_never_overwrites_it() {
    let dir = temp_dir("progress");
    let path = root().join("tests/fixtures/campaigns/mini_campaign.ron");
    let sides = CampaignSides {
        seed: 9,
        controllers: (ControllerKind::Passive, ControllerKind::Ai),
        humans: [true, false],
        no_fog: false,
    };
    let begin = |anew: bool| {
        CampaignRun::begin_in(Some(&dir), &path, &ModSet::none(), sides, anew).expect("begins")
    };
    let (run, note) = begin(false);
    assert!(note.starts_with("Campaign begun"), "{note}");
    let file = dir.join("mini-campaign.ron");
    assert!(file.is_file(), "the progress is written at once");
    // The first battle ends: the progress says the second is next.
    let scn = run.scenario().unwrap();
    let (after, problem) =
        run.finish_battle(&scn, &game_events(&scn, &[], &[], Some(Side::Soviet)));
    assert_eq!(problem, None);
    assert_eq!(Progress::load(&file).unwrap(), after);
    let (again, note) = begin(false);
    assert!(
        note.contains("continued") && note.contains("battle 2 of 3"),
        "{note}"
    );
    assert_eq!(again.battle(), Some(1));
    assert_eq!(again.seed(), after.battle_seed());
    // Begun anew: the campaign under way is kept beside.
    let (fresh, note) = begin(true);
    assert_eq!(fresh.battle(), Some(0));
    let kept = dir.join("mini-campaign.previous.ron");
    assert!(note.contains("previous"), "{note}");
    assert_eq!(Progress::load(&kept).unwrap(), after);
    // A damaged progress file is kept too, and says where it is wrong.
    std::fs::write(
        &file,
        "(format: 1, campaign: \"mini-campaign\", seed: nine)",
    )
    .unwrap();
    let e = Progress::load(&file).expect_err("damaged");
    assert_eq!((e.line, e.col > 1), (1, true), "{e}");
    let (_, note) = begin(false);
    assert!(note.contains("unreadable"), "{note}");
    assert!(dir.join("mini-campaign.unreadable.ron").is_file());
    assert!(dir.join("mini-campaign.previous.ron").is_file());
}

/// Writes a campaign file with `battles` (and the rest as given) in `dir`; returns its path.
fn campaign_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_campaign_files_are_refused_with_their_place_and_a_suggestion() {
    let dir = temp_dir("bad");
    let mini = root().join("tests/fixtures/mini_scenario.ron");
    let mini = mini.display();
    let with = |battles: &str, rest: &str| {
        format!(
            "(\n    id: \"bad\",\n    name: \"Bad\",\n    description: \"\",\n    battles: [\n{battles}\n    ],\n    victory: (soviet_wins_at: 2, japanese_wins_at: 1),\n{rest})\n"
        )
    };
    let b = |id: &str, extra: &str| {
        format!("        (id: \"{id}\", scenario: \"{mini}\", points: 2{extra}),")
    };
    let cases: Vec<(&str, String, &str, usize)> = vec![
        (
            "goes back",
            with(
                &(b("a", "") + "\n" + &b("b", ", next: [(after: Draw, go: Battle(\"a\"))]")),
                "",
            ),
            "comes before it in the list",
            7,
        ),
        (
            "goes nowhere",
            with(
                &(b("a", ", next: [(after: Soviet, go: Battle(\"bb\"))]") + "\n" + &b("b", "")),
                "",
            ),
            "did you mean `b`?",
            6,
        ),
        (
            "two branches",
            with(
                &b(
                    "a",
                    ", next: [(after: Draw, go: End), (after: Draw, go: End)]",
                ),
                "",
            ),
            "two branches after a draw",
            6,
        ),
        (
            "same id",
            with(&(b("a", "") + "\n" + &b("a", "")), ""),
            "two battles have the id `a`",
            7,
        ),
        (
            "bad id",
            with(&b("A b", ""), ""),
            "the battle id `A b` is not allowed",
            6,
        ),
        (
            "no unit",
            with(
                &(b("a", "") + "\n" + &b("b", ", same_units: [(\"su_rilfe\", \"su_tank2\")]")),
                "",
            ),
            "did you mean `su_rifle`?",
            7,
        ),
        (
            "wrong side",
            with(
                &(b("a", "") + "\n" + &b("b", ", same_units: [(\"jp_inf\", \"su_tank2\")]")),
                "",
            ),
            "expected units of one side",
            7,
        ),
        (
            "share",
            with(
                &b("a", ""),
                "    carry: (share: 1.5, floor: 0.5, ceiling: 1.2),\n",
            ),
            "carry `share` is 1.5; expected a number from 0 to 1",
            9,
        ),
        (
            "ceiling",
            with(
                &b("a", ", carry: Some((share: 0.5, floor: 0.5, ceiling: 9.0))"),
                "",
            ),
            "carry `ceiling` is 9",
            6,
        ),
        (
            "thresholds",
            with(&b("a", ""), "").replace("japanese_wins_at: 1", "japanese_wins_at: 3"),
            "`japanese_wins_at` must be below `soviet_wins_at`",
            8,
        ),
        (
            "more than there is",
            with(&b("a", ""), "").replace("soviet_wins_at: 2", "soviet_wins_at: 9"),
            "more than all the campaign points there are (2)",
            8,
        ),
        (
            "outside",
            with(
                "        (id: \"a\", scenario: \"../../../../../../../etc/passwd\", points: 1),",
                "",
            ),
            "outside the folders the game reads",
            6,
        ),
        (
            "missing scenario",
            with(
                "        (id: \"a\", scenario: \"nowhere.ron\", points: 1),",
                "",
            ),
            "nowhere.ron",
            6,
        ),
        (
            "history",
            with(
                &b("a", ""),
                "    historical: Some((results: [(\"aa\", Soviet)])),\n",
            ),
            "historical result of `aa`, which is not a battle of this campaign; did you mean `a`?",
            9,
        ),
        (
            "syntax",
            with(&b("a", ""), "    carry: (share: 0.5 floor: 0.5),\n"),
            "",
            9,
        ),
        (
            "empty",
            with("", ""),
            "`battles` has 0 entries; expected 1 to 64",
            5,
        ),
    ];
    for (what, text, expected, line) in cases {
        let p = campaign_file(&dir, &format!("{}.ron", what.replace(' ', "_")), &text);
        let e = match load_campaign(&p, &ModSet::none()) {
            Ok(_) => panic!("{what}: loaded\n{text}"),
            Err(e) => e,
        };
        let first = &e.0[0];
        assert!(
            first.to_string().contains(expected),
            "{what}: {e}\n---\n{text}"
        );
        assert_eq!(
            (first.file.as_path(), first.line),
            (p.as_path(), line),
            "{what}: {e}\n---\n{text}"
        );
        assert!(first.col >= 1, "{what}: {e}");
    }
    // A campaign whose scenario is broken: the scenario's own errors follow, in its file.
    let broken = root().join("tests/fixtures/broken/unknown_unit_type.ron");
    let p = campaign_file(
        &dir,
        "broken_scenario.ron",
        &with(
            &format!(
                "        (id: \"a\", scenario: \"{}\", points: 2),",
                broken.display()
            ),
            "",
        ),
    );
    let e = load_campaign(&p, &ModSet::none()).expect_err("refused");
    assert!(e.0[0].message.contains("cannot be played"), "{e}");
    assert!(e.0[1..].iter().any(|x| x.file == broken), "{e}");
}

#[test]
fn khalkhin_campaign_plays_batches_that_do_not_depend_on_the_threads() {
    let dir = temp_dir("cli");
    let run = |threads: &str, tag: &str| {
        let (json, csv) = (
            dir.join(format!("{tag}.json")),
            dir.join(format!("{tag}.csv")),
        );
        let out = khalkhin(&[
            "campaign",
            "tests/fixtures/campaigns/mini_campaign.ron",
            "--runs",
            "6",
            "--soviet",
            "ai",
            "--japanese",
            "ai",
            "--threads",
            threads,
            "--json",
            json.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            std::fs::read_to_string(json).unwrap(),
            std::fs::read_to_string(csv).unwrap(),
        )
    };
    let one = run("1", "one");
    let two = run("2", "two");
    assert_eq!(one.1, two.1, "the JSON");
    assert_eq!(one.2, two.2, "the CSV");
    assert!(
        one.0.contains("Test campaign (mini-campaign): 6 campaigns"),
        "{}",
        one.0
    );
    assert!(one.0.contains("The campaign: Soviet victory"), "{}", one.0);
    let v: serde_json::Value = serde_json::from_str(&one.1).unwrap();
    let campaigns = v["campaigns"].as_array().unwrap();
    assert_eq!(campaigns.len(), 6);
    let battles: usize = campaigns
        .iter()
        .map(|c| c["battles"].as_array().unwrap().len())
        .sum();
    // One CSV row per battle played, after the header.
    assert_eq!(one.2.lines().count(), battles + 1);
    assert_eq!(v["summary"]["runs"], 6);
    let played: u64 = v["summary"]["battles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["played"].as_u64().unwrap())
        .sum();
    assert_eq!(played as usize, battles);
    // A broken campaign file: its place, exit status 1.
    let bad = campaign_file(&dir, "bad.ron", "(id: \"x\", name: \"x\", battles: 3)");
    let out = khalkhin(&["campaign", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.ron:1:"), "{err}");
}

#[test]
fn validate_checks_campaigns_alone_in_a_folder_and_in_a_mod() {
    let out = khalkhin(&["validate", "campaigns"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("khalkhin_gol_1939.ron: ok (campaign, 5 battles, 11 campaign points)"),
        "{text}"
    );
    // A mod that adds a campaign and changes the shipped one.
    let dir = temp_dir("mod");
    let m = dir.join("short_war");
    std::fs::create_dir_all(m.join("campaigns")).unwrap();
    std::fs::create_dir_all(m.join("patches")).unwrap();
    std::fs::write(
        m.join("mod.ron"),
        "(id: \"short_war\", name: \"Short war\", version: \"1\", game: \"0.1\")",
    )
    .unwrap();
    std::fs::write(
        m.join("campaigns/july.ron"),
        "(id: \"july\", name: \"July\", description: \"\", battles: [\n    (id: \"bt\", scenario: \"game:scenarios/bain_tsagan_1939.ron\", points: 3),\n    (id: \"ao\", scenario: \"game:scenarios/artillery_offensive_1939.ron\", points: 2, same_units: [(\"su_11tb_1\", \"su_11tb\")]),\n], carry: (share: 1.0, floor: 0.2, ceiling: 2.0), victory: (soviet_wins_at: 4, japanese_wins_at: 1))",
    )
    .unwrap();
    std::fs::write(
        m.join("patches/campaign.ron"),
        "(target: \"game:campaigns/khalkhin_gol_1939.ron\", patches: [\n    Change(at: \"battles/august\", set: {\"points\": 6}),\n])",
    )
    .unwrap();
    let out = khalkhin(&["validate", m.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("1 campaign)"), "{text}");
    assert!(text.contains("july.ron: ok (campaign, 2 battles"), "{text}");
    assert!(
        text.contains("khalkhin_gol_1939.ron: ok (campaign, 5 battles, 13 campaign points"),
        "the patch applies: {text}"
    );
    let set = ModSet::load(std::slice::from_ref(&m)).unwrap();
    let c = load_campaign(&root().join("campaigns/khalkhin_gol_1939.ron"), &set).unwrap();
    assert_eq!(c.battles[c.battle("august").unwrap()].points, 6);
    // A patch of a battle that is not there: placed in the patch file.
    std::fs::write(
        m.join("patches/campaign.ron"),
        "(target: \"game:campaigns/khalkhin_gol_1939.ron\", patches: [\n    Change(at: \"battles/agust\", set: {\"points\": 6}),\n])",
    )
    .unwrap();
    let out = khalkhin(&["validate", m.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("patches/campaign.ron:2:") && err.contains("did you mean `august`"),
        "{err}"
    );
}

#[test]
fn a_progress_file_from_a_stranger_is_checked() {
    let dir = temp_dir("hostile");
    let c = mini_campaign();
    let mut p = Progress::new(&c, 1, PLAN, [true, false], false);
    p.standing.insert(
        "su_rifle".into(),
        Standing {
            men: 1e30,
            tanks: 1.0,
            armored_cars: 1.0,
            guns: 1.0,
        },
    );
    let file = dir.join("p.ron");
    p.save(&file).unwrap();
    let e = Progress::load(&file).expect_err("refused");
    assert!(e.message.contains("standing of unit `su_rifle`"), "{e}");
    assert!(e.line > 1, "{e}");
    // A campaign file outside the game's folders is not read.
    let mut p = Progress::new(&c, 1, PLAN, [true, false], false);
    p.campaign_file = "/etc/passwd".into();
    assert!(
        p.campaign_path(&file)
            .unwrap_err()
            .contains("outside the folders the game reads")
    );
    // Another campaign's progress, or a next battle the campaign no longer has.
    let mut p = Progress::new(&c, 1, PLAN, [true, false], false);
    p.next = Some("fourth".into());
    assert!(p.check_against(&c, &file).unwrap_err().contains("`fourth`"));
    p.campaign = "other".into();
    assert!(p.check_against(&c, &file).unwrap_err().contains("`other`"));
}

#[test]
fn the_briefing_and_the_end_of_a_battle_tell_the_campaign_and_what_carries() {
    use khalkhin_gol::play::campaign::{campaign_after, campaign_briefing};
    let c = mini_campaign();
    let start = Progress::new(&c, 5, PLAN, [true, false], false);
    let first = &c.battles[0].scenario;
    let before = campaign_briefing(&c, &start, first, [true, false]);
    assert!(
        before.contains("battle 1 of 3 (worth 2 campaign points)"),
        "{before}"
    );
    assert!(before.contains("10 still to play for"), "{before}");
    assert!(before.contains("The first test battle."), "{before}");
    let after = start.after(
        &c,
        first,
        &game_events(first, &[("su_rifle", 425, 0)], &[], Some(Side::Soviet)),
    );
    let told = campaign_after(&c, &after, [true, false]);
    assert!(
        told.contains("was a Soviet victory: 2 campaign points to the Soviet side"),
        "{told}"
    );
    assert!(told.contains("Next: battle 2 of 3"), "{told}");
    // The rifles lost half their men against their side's 7% in the record: named, weaker.
    assert!(
        told.contains("Rifle battalion: 457 of 850 men (54%)"),
        "{told}"
    );
    assert!(
        told.contains("\"N of M men\": M is history's strength"),
        "{told}"
    );
    let second = after.scenario_for(&c, 1).unwrap();
    let briefing = campaign_briefing(&c, &after, &second, [true, false]);
    assert!(briefing.contains("battle 2 of 3"), "{briefing}");
    assert!(
        briefing.contains("Test scenario: Soviet victory"),
        "{briefing}"
    );
    assert!(briefing.contains("8 still to play for"), "{briefing}");
    // The end of a campaign, from the Japanese side: its result beside history's.
    let mut end = after.clone();
    end.next = None;
    let told = campaign_after(&c, &end, [false, true]);
    assert!(
        told.contains("The campaign is over, your victory: a Japanese victory with 2 Soviet campaign points. History: a Soviet victory, with 10 points."),
        "{told}"
    );
    assert!(
        told.contains("Test scenario: Soviet victory (2 campaign points); history: Soviet victory"),
        "each battle played, beside history: {told}"
    );
}
