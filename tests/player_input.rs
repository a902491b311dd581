//! A person plays with the mouse: a click on a hex selects a unit of their side (cycling through a
//! stack; with Shift, moves the selected unit into it), moves the selected unit to a hex it can
//! reach, or attacks an adjacent enemy hex with every unit of the side next to it (with Ctrl, with
//! the selected unit alone), or bombards an enemy hex with the selected artillery; the odds preview
//! is the simulation's own combat model.

mod common;
use common::*;
use khalkhin_gol::data::Side;
use khalkhin_gol::play::{
    ClickAction, ClickKeys, attack_preview, click_action, describe, where_is,
};
use khalkhin_gol::sim::{Order, SimEvent};

const NO_KEYS: ClickKeys = ClickKeys {
    shift: false,
    ctrl: false,
};
const SHIFT: ClickKeys = ClickKeys {
    shift: true,
    ctrl: false,
};
const CTRL: ClickKeys = ClickKeys {
    shift: false,
    ctrl: true,
};

#[test]
fn clicks_select_move_and_attack() {
    let scn = mini();
    let mut board = start_board(&scn);
    let (tank, tank2) = (unit(&scn, "su_tank"), unit(&scn, "su_tank2"));
    let enemy = unit(&scn, "jp_inf");

    // A click on one's own unit selects it; nothing is selected on an empty hex.
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, None, hex(&scn, 4, 6), NO_KEYS),
        ClickAction::Select(tank)
    );
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, None, hex(&scn, 6, 6), NO_KEYS),
        ClickAction::Deselect
    );
    // An enemy unit is not selectable by the Soviet player.
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, None, hex(&scn, 8, 6), NO_KEYS),
        ClickAction::Deselect
    );
    // With the tank selected, a reachable hex is a move; an enemy hex not next to it, or a hex out
    // of reach, is refused with the reason.
    assert_eq!(
        click_action(
            &scn,
            &board,
            Side::Soviet,
            Some(tank),
            hex(&scn, 5, 6),
            NO_KEYS
        ),
        ClickAction::Order(Order::Move {
            unit: tank,
            to: hex(&scn, 5, 6)
        })
    );
    let ClickAction::Refused(why) = click_action(
        &scn,
        &board,
        Side::Soviet,
        Some(tank),
        hex(&scn, 8, 6),
        NO_KEYS,
    ) else {
        panic!("refused")
    };
    assert!(why.contains("only a hex next to it"), "{why}");
    // With artillery selected, a click on an enemy hex is a bombardment (range, observation and
    // ammunition are the rules' to check; the preview says what it would do or why not).
    let art = unit(&scn, "su_art");
    assert_eq!(
        click_action(
            &scn,
            &board,
            Side::Soviet,
            Some(art),
            hex(&scn, 8, 6),
            NO_KEYS
        ),
        ClickAction::Order(Order::Bombard {
            unit: art,
            target: hex(&scn, 8, 6)
        })
    );
    let why = khalkhin_gol::play::bombard_preview(
        &scn,
        &board,
        art,
        hex(&scn, 8, 6),
        scn.file.start,
        0.0,
    )
    .unwrap_err();
    assert!(why.contains("observes"), "{why}");
    let seen = with_positions(&scn, &[("su_rifle", 7, 7)], &[]);
    let text = khalkhin_gol::play::bombard_preview(
        &seen,
        &start_board(&seen),
        art,
        hex(&scn, 8, 6),
        scn.file.start,
        0.0,
    )
    .unwrap();
    assert!(
        text.contains("observed from the ground")
            && text.contains(" men, ")
            && text.contains("it will not join an attack this turn"),
        "{text}"
    );
    let rifle = unit(&scn, "su_rifle");
    let ClickAction::Refused(why) = click_action(
        &scn,
        &board,
        Side::Soviet,
        Some(rifle),
        hex(&scn, 11, 0),
        NO_KEYS,
    ) else {
        panic!("refused")
    };
    assert!(
        why.starts_with("Rifle battalion cannot move there: "),
        "{why}"
    );

    // Next to the enemy, a click on its hex attacks with every Soviet unit next to it.
    board.relocate(tank, hex(&scn, 7, 6));
    board.relocate(tank2, hex(&scn, 7, 5));
    let target = board.get(enemy).unwrap().hex;
    let ClickAction::Order(Order::Attack { units, target: t }) =
        click_action(&scn, &board, Side::Soviet, Some(tank), target, NO_KEYS)
    else {
        panic!("an attack")
    };
    assert_eq!(t, target);
    assert_eq!(units, vec![tank, tank2]);
    // With Ctrl the selected unit attacks alone, and leads whichever it selects.
    for (lead, other) in [(tank, tank2), (tank2, tank)] {
        assert_eq!(
            click_action(&scn, &board, Side::Soviet, Some(lead), target, CTRL),
            ClickAction::Order(Order::Attack {
                units: vec![lead],
                target
            }),
            "{other} stays out"
        );
    }
    // The side panel's preview takes its units from the same rule: all of them, or the lead alone,
    // less those that have attacked this turn.
    use khalkhin_gol::play::attackers;
    assert_eq!(
        attackers(&scn, &board, tank2, target, false, &[]),
        [tank2, tank]
    );
    assert_eq!(attackers(&scn, &board, tank2, target, true, &[]), [tank2]);
    assert_eq!(
        attackers(&scn, &board, tank, target, false, &[tank2]),
        [tank]
    );
    assert!(attackers(&scn, &board, tank, target, true, &[tank]).is_empty());
    // A unit that cannot attack is refused alone, with its own reason, not its neighbours'.
    let mut shaken = board.clone();
    shaken.get_mut(tank).unwrap().condition.cohesion = 0.0;
    let ClickAction::Refused(why) =
        click_action(&scn, &shaken, Side::Soviet, Some(tank), target, CTRL)
    else {
        panic!("refused")
    };
    assert!(
        why.starts_with("cannot attack alone: Tank battalion is too shaken"),
        "{why}"
    );
    assert!(!why.contains("Second tank battalion"), "{why}");
    let p = attack_preview(&scn, &board, &units, target, scn.file.start, 0.0).unwrap();
    assert!(p.odds > 0.0 && (0.0..=1.0).contains(&p.take_chance));
    assert!(p.attacker_men_lost > 0.0 && p.defender_men_lost > 0.0);
    // Why the hex can or cannot be taken: the share lost at which the defenders give way (at most
    // the rules' retreat_loss) against the share this attack costs them.
    let (low, high) = p.defender_share_lost;
    assert!(p.gives_way_at > 0.0 && p.gives_way_at <= scn.rules.combat.retreat_loss);
    assert!(low <= high && high > 0.0, "{p:?}");
    if high < p.gives_way_at {
        assert_eq!(p.take_chance, 0.0, "{p:?}");
    }
    if low >= p.gives_way_at {
        assert_eq!(p.take_chance, 1.0, "{p:?}");
    }
    // Two tank battalions do better than one.
    let one = attack_preview(&scn, &board, &[tank], target, scn.file.start, 0.0).unwrap();
    assert!(p.odds > one.odds);
    // What bears on it is said with the rules' numbers; the night turn adds the night factor.
    let day = khalkhin_gol::play::attack_factors(&scn, &board, &units, target, scn.file.start, 0.0);
    let ground = scn.terrain_at(target).defence;
    assert!(
        day.iter()
            .any(|f| *f == format!("their ground: defence x{ground:.2}")),
        "{day:?}"
    );
    assert!(!day.iter().any(|f| f.starts_with("night")), "{day:?}");
    let midnight = khalkhin_gol::data::time::Stamp::parse("1939-08-21T00:00").unwrap();
    let night = khalkhin_gol::play::attack_factors(&scn, &board, &units, target, midnight, 0.0);
    assert!(
        night
            .iter()
            .any(|f| f.starts_with("night, untrained: attack x")),
        "{night:?}"
    );
    assert!(
        khalkhin_gol::play::attack_factors(&scn, &board, &[], target, midnight, 0.0).is_empty()
    );

    // With no unit next to it able to attack, the refusal names each one's reason.
    let why_none = khalkhin_gol::play::why_none_can_attack;
    assert!(
        why_none(&scn, &board, Side::Soviet, target, &[tank])
            .contains("Tank battalion has attacked this turn"),
    );
    board.get_mut(tank2).unwrap().condition.cohesion = 5.0;
    board.get_mut(tank).unwrap().condition.cohesion = 5.0;
    let ClickAction::Refused(why) =
        click_action(&scn, &board, Side::Soviet, Some(tank), target, NO_KEYS)
    else {
        panic!("refused")
    };
    assert!(why.contains("too shaken (cohesion 5, below"), "{why}");
    board.relocate(art, hex(&scn, 7, 7));
    assert!(
        why_none(&scn, &board, Side::Soviet, target, &[])
            .contains("Artillery battalion: artillery battalions do not attack"),
    );
    board.get_mut(tank2).unwrap().condition.cohesion = 100.0;
    board.get_mut(tank).unwrap().condition.cohesion = 100.0;

    // Two units in a hex: clicking the hex again selects the next one.
    board.relocate(tank2, hex(&scn, 7, 6));
    assert_eq!(
        click_action(
            &scn,
            &board,
            Side::Soviet,
            Some(tank),
            hex(&scn, 7, 6),
            NO_KEYS
        ),
        ClickAction::Select(tank2)
    );
    assert_eq!(
        click_action(
            &scn,
            &board,
            Side::Soviet,
            Some(tank2),
            hex(&scn, 7, 6),
            NO_KEYS
        ),
        ClickAction::Select(tank)
    );
    // With a unit selected elsewhere, a click on a hex of the side's units selects a unit there;
    // Shift and a click moves the selected unit into the stack where it can reach it, and says
    // why not where it cannot.
    board.relocate(tank2, hex(&scn, 5, 6));
    let stack = hex(&scn, 5, 6);
    assert!(
        khalkhin_gol::sim::movement::check_move(&scn, &board, Side::Soviet, tank, stack).is_ok()
    );
    board.relocate(tank, hex(&scn, 4, 6));
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, Some(tank), stack, NO_KEYS),
        ClickAction::Select(tank2)
    );
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, Some(tank), stack, SHIFT),
        ClickAction::Order(Order::Move {
            unit: tank,
            to: stack
        })
    );
    // Its movement spent, the tank cannot go there: Shift and a click says why; a click selects.
    board.get_mut(tank).unwrap().condition.moved_hours = 100.0;
    assert!(
        khalkhin_gol::sim::movement::check_move(&scn, &board, Side::Soviet, tank, stack).is_err()
    );
    match click_action(&scn, &board, Side::Soviet, Some(tank), stack, SHIFT) {
        ClickAction::Refused(why) => assert!(
            why.contains("cannot join that stack") && why.contains("no movement left"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        click_action(&scn, &board, Side::Soviet, Some(tank), stack, NO_KEYS),
        ClickAction::Select(tank2)
    );
    // Shift on the selected unit's own stack selects the next unit there, as a click does.
    board.relocate(tank2, hex(&scn, 4, 6));
    assert_eq!(
        click_action(
            &scn,
            &board,
            Side::Soviet,
            Some(tank),
            hex(&scn, 4, 6),
            SHIFT
        ),
        ClickAction::Select(tank2)
    );
}

#[test]
fn the_turn_log_speaks_of_units_and_places_by_name() {
    let scn = mini();
    let tank = unit(&scn, "su_tank");
    let line = describe(
        &scn,
        &SimEvent::Moved {
            unit: tank,
            from: hex(&scn, 4, 6),
            to: hex(&scn, 5, 6),
            hours: 0.4,
        },
    )
    .unwrap();
    assert!(line.starts_with("Tank battalion moves to "), "{line}");
    // A hex without a name is told by its column and row and the nearest named place.
    assert_eq!(
        where_is(&scn, hex(&scn, 5, 6)),
        "(5,6), 2 km S of Test bridge"
    );
    assert_eq!(
        where_is(&scn, hex(&scn, 9, 2)),
        "(9,2), 2 km N of East bank"
    );
    let line = describe(
        &scn,
        &SimEvent::ObjectiveTaken {
            objective: 0,
            name: "East bank".into(),
            by: Side::Soviet,
        },
    )
    .unwrap();
    assert_eq!(line, "East bank taken by the Soviet");
    // A combat's line counts what each side lost: men, and tanks, armoured cars and guns where
    // any were lost.
    let board = start_board(&scn);
    let bt7 = board.get(tank).unwrap().strength.equipment[0].0;
    let rifle = unit(&scn, "su_rifle");
    let mg = board.get(rifle).unwrap().strength.equipment[0].0;
    let loss = |men, equipment| khalkhin_gol::sim::UnitLoss { men, equipment };
    let line = describe(
        &scn,
        &SimEvent::Combat {
            side: Side::Soviet,
            attackers: vec![tank],
            defenders: vec![unit(&scn, "jp_inf")],
            target: hex(&scn, 5, 6),
            odds: 4.3,
            attacker_losses: vec![loss(17, vec![(bt7, 6)])],
            defender_losses: vec![loss(1, vec![(mg, 2)])],
            attacker_cohesion_loss: 5.0,
            defender_cohesion_loss: 20.0,
            defender_retreats: true,
            artillery: vec![],
            air: 0.0,
            wrecks: vec![],
        },
    )
    .unwrap();
    assert!(
        line.ends_with("attackers lose 17 men, 6 tanks; defenders 1 man"),
        "{line}"
    );
}

#[test]
fn the_score_is_told_from_the_players_side_with_what_it_means_now() {
    use khalkhin_gol::play::score_line;
    let scn = august();
    // August: the Soviet side needs 70, the Japanese side 35 or less; the game starts at 20.
    assert_eq!(
        score_line(&scn, 20.0, [true, false]),
        "Soviet points 20 (win >= 70, lose <= 35; now: Japanese victory)"
    );
    assert_eq!(
        score_line(&scn, 20.0, [false, true]),
        "Soviet points 20 (you win <= 35, lose >= 70; now: your victory)"
    );
    assert_eq!(
        score_line(&scn, 50.4, [false, true]),
        "Soviet points 50.4 (you win <= 35, lose >= 70; now: a draw)"
    );
    // Just under the threshold is shown as it is and read as the end of the game will read it:
    // 69.5 is not 70, and not a Soviet victory.
    assert_eq!(
        score_line(&scn, 69.5, [true, false]),
        "Soviet points 69.5 (win >= 70, lose <= 35; now: a draw)"
    );
    assert_eq!(
        khalkhin_gol::sim::rules::victory::verdict(&scn.file.victory, 69.5),
        None
    );
    assert!(score_line(&scn, 85.0, [false, true]).ends_with("now: your defeat)"));
    assert!(score_line(&scn, 85.0, [true, true]).ends_with("now: Soviet victory)"));
    // When more than the objectives count, the line says what the points are made of.
    use khalkhin_gol::play::score_line_parts;
    use khalkhin_gol::sim::rules::victory::ScoreParts;
    let div = scn
        .formations
        .iter()
        .position(|f| f.key == "jp_23id")
        .expect("the 23rd Division");
    let parts = ScoreParts {
        objectives: 30.0,
        formations: vec![(div, false, 20.0)],
        men: 0.0,
    };
    let line = score_line_parts(&scn, &parts, [false, true]);
    assert!(
        line.starts_with(&format!(
            "Soviet points 50 = objectives 30 + 20 {} cut off (you win <= 35",
            scn.formations[div].name
        )),
        "{line}"
    );
    let only = ScoreParts {
        objectives: 20.0,
        formations: vec![],
        men: 0.0,
    };
    assert_eq!(
        score_line_parts(&scn, &only, [true, false]),
        score_line(&scn, 20.0, [true, false])
    );
}

#[test]
fn a_hex_under_the_pointer_tells_its_ground_its_river_sides_and_its_objective() {
    use khalkhin_gol::play::{changing_line, hex_report, objectives_changing};
    let scn = mini();
    let mut board = start_board(&scn);
    let b = &scn.bridges[0];
    let epoch = scn.epoch_at(scn.file.start);
    let report = hex_report(&scn, epoch, &board, b.hex, &[]);
    let t = scn.terrain_at(b.hex);
    assert!(report.contains(&t.name), "{report}");
    assert!(report.contains("Hours to enter: foot"), "{report}");
    assert!(
        report.contains("Test bridge (all bridge, +0.0 h) to"),
        "the bridge on its side: {report}"
    );
    // A hex on the river away from the bridge says what crossing it takes.
    let (w, _) = (hex(&scn, 5, 6), hex(&scn, 6, 6));
    let report = hex_report(&scn, epoch, &board, w, &[]);
    assert!(
        report.contains("river to (6,6)") && report.contains("no vehicles"),
        "{report}"
    );
    // An objective hex names the objective, its points and who holds it now.
    let o = &scn.objectives[0];
    let holders = vec![Side::Japanese; scn.objectives.len()];
    let report = hex_report(&scn, epoch, &board, o.hex, &holders);
    assert!(
        report.contains(&format!(
            "Objective {}: {} points, held by",
            o.name, o.points
        )),
        "{report}"
    );
    assert!(
        report.contains(khalkhin_gol::play::side_name(&scn, Side::Japanese)),
        "{report}"
    );
    // A Soviet unit standing on a Japanese objective takes it at the end of the turn: the hex and
    // the top bar say so before it happens, with what it is worth.
    let soviet = board
        .live()
        .find(|u| u.side == Side::Soviet)
        .expect("a Soviet unit")
        .id;
    for u in board.units_at(o.hex).collect::<Vec<_>>() {
        board.remove(u);
    }
    assert!(objectives_changing(&scn, &board, &holders).is_empty());
    board.relocate(soviet, o.hex);
    let report = hex_report(&scn, epoch, &board, o.hex, &holders);
    assert!(
        report.contains("The Soviet side stands on it: it passes to them at the end of the turn"),
        "{report}"
    );
    let changing = objectives_changing(&scn, &board, &holders);
    assert_eq!(changing, vec![(0, Side::Soviet)]);
    assert_eq!(
        changing_line(&scn, &changing).unwrap(),
        format!(
            "{} changes hands at turn end if held (+{})",
            o.name, o.points
        )
    );
    // Held already by the side on it, nothing changes.
    let soviet_held = vec![Side::Soviet; scn.objectives.len()];
    assert!(objectives_changing(&scn, &board, &soviet_held).is_empty());
}

#[test]
fn the_briefing_says_the_battle_how_it_is_won_and_what_the_plan_has_the_player_do() {
    let scn = load("scenarios/bain_tsagan_1939.ron");
    let text = khalkhin_gol::play::briefing(&scn, [false, true], scn.file.start, &[]);
    assert!(text.starts_with("Bain-Tsagan, 2–5 July 1939"), "{text}");
    assert!(text.contains("12 turns of 6 hours"), "{text}");
    assert!(
        text.contains(&format!("You command the {}", scn.file.japanese.name)),
        "{text}"
    );
    assert!(
        text.contains("the Soviet side wins with 60 points or more"),
        "{text}"
    );
    assert!(
        text.contains("Bain-Tsagan (10 points), held by the Soviet side"),
        "{text}"
    );
    // The plan's first steps for the Japanese side, by name and place.
    assert!(text.contains("West-bank strike force (Kobayashi"), "{text}");
    assert!(text.contains("hold (18,23)"), "{text}");
    assert!(!text.contains("jp_kob:"), "names, not ids: {text}");
    // The Soviet player is told the Soviet side's plan, not the Japanese one.
    let soviet = khalkhin_gol::play::briefing(&scn, [true, false], scn.file.start, &[]);
    assert!(soviet.contains("What the Soviet side did now"), "{soviet}");
    assert!(!soviet.contains("What the Japanese side"), "{soviet}");
    // Every source of points is told, not only the objectives: in May a Soviet victory needs a
    // Japanese detachment destroyed as well as the objectives held.
    let may = load("scenarios/may_1939.ron");
    let text = khalkhin_gol::play::briefing(&may, [true, false], may.file.start, &[]);
    assert!(
        text.contains("23rd Reconnaissance Regiment (Azuma) encircled or destroyed: +20"),
        "{text}"
    );
    assert!(
        text.contains("Bykov detachment (from the 11th Tank Brigade) encircled or destroyed: -10"),
        "{text}"
    );
    // And how a turn goes: who moves first, and that the first attack (a bombardment does not)
    // ends movement for the whole side.
    assert!(
        text.contains(&format!(
            "the {} side moves and fights first",
            scn.first_side.adjective()
        )),
        "{text}"
    );
    assert!(
        text.contains("the first attack (not a bombardment) ends movement"),
        "{text}"
    );
}

#[test]
fn a_computer_turn_is_summed_up_in_one_line() {
    use khalkhin_gol::analysis::play_game;
    use khalkhin_gol::control::ControllerKind;
    let scn = august();
    let (_, log) = play_game(&scn, 3, ControllerKind::Plan, ControllerKind::Plan);
    // The end of the first Soviet turn.
    let end = log
        .0
        .iter()
        .position(|e| matches!(e, SimEvent::SideTurnEnded { side: Side::Soviet }))
        .unwrap();
    let events = &log.0[..=end];
    let line =
        khalkhin_gol::play::side_turn_summary(&scn, events, Side::Soviet, &|_| true, None).unwrap();
    let moves = events
        .iter()
        .filter(|e| matches!(e, SimEvent::Moved { .. }))
        .count();
    let attacks = events
        .iter()
        .filter(|e| matches!(e, SimEvent::Combat { .. }))
        .count();
    let counted = khalkhin_gol::play::counted;
    assert!(
        line.starts_with(&format!(
            "Soviet turn: {}, {}",
            counted(moves as u64, "move", "moves"),
            counted(attacks as u64, "attack", "attacks")
        )),
        "{line}"
    );
    // Counts read as English: one of a thing, or many.
    assert_eq!(counted(1u64, "hex", "hexes"), "1 hex");
    assert_eq!(counted(0u64, "hex", "hexes"), "0 hexes");
    assert!(
        !line.contains(" 1 hexes") && !line.contains(" 1 units"),
        "{line}"
    );
    assert!(
        moves > 10 && attacks > 0,
        "the offensive's first turn: {line}"
    );
    assert!(line.contains("Japanese lost"), "{line}");
    assert_eq!(
        khalkhin_gol::play::side_turn_summary(&scn, &[], Side::Soviet, &|_| true, None),
        None
    );
}

#[test]
fn before_the_first_attack_the_units_it_would_leave_unmoved_are_counted() {
    use khalkhin_gol::play::left_unmoved;
    let scn = mini();
    let mut board = start_board(&scn);
    let soviet: Vec<u32> = board
        .live()
        .filter(|u| u.side == Side::Soviet)
        .map(|u| u.id)
        .collect();
    let tank = unit(&scn, "su_tank");
    assert_eq!(left_unmoved(&board, Side::Soviet, &[]), soviet.len());
    // The attackers do not count; nor does a unit that has moved or fired.
    assert_eq!(
        left_unmoved(&board, Side::Soviet, &[tank]),
        soviet.len() - 1
    );
    board
        .get_mut(unit(&scn, "su_rifle"))
        .unwrap()
        .condition
        .moved_hours = 1.0;
    board.get_mut(unit(&scn, "su_art")).unwrap().condition.fired = true;
    assert_eq!(
        left_unmoved(&board, Side::Soviet, &[tank]),
        soviet.len() - 3
    );
}

#[test]
fn the_preview_says_which_attacker_advances_and_whether_it_leaves_its_hex_empty() {
    use khalkhin_gol::play::{advance_note, led_by};
    let scn = mini();
    let mut board = start_board(&scn);
    let (tank, tank2) = (unit(&scn, "su_tank"), unit(&scn, "su_tank2"));
    let target = hex(&scn, 8, 6);
    board.relocate(unit(&scn, "jp_inf"), target);
    board.relocate(tank, hex(&scn, 7, 6));
    board.relocate(tank2, hex(&scn, 8, 5));
    // The unit chosen leads, and it is the one to advance.
    assert_eq!(led_by(vec![tank, tank2], tank2), vec![tank2, tank]);
    assert_eq!(led_by(vec![tank, tank2], 999), vec![tank, tank2]);
    let note = advance_note(&scn, &board, &[tank, tank2], target);
    assert!(
        note.starts_with("If the hex falls, Tank battalion advances into it, leaving (7,6)"),
        "{note}"
    );
    // With another unit in its hex, the advance leaves it held.
    board.relocate(unit(&scn, "su_rifle"), hex(&scn, 7, 6));
    let note = advance_note(&scn, &board, &[tank, tank2], target);
    assert_eq!(note, "If the hex falls, Tank battalion advances into it.");
}
