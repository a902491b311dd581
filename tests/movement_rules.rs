//! A player moves units: terrain and mobility costs, rivers and bridges, zones of control, stacking.

mod common;
use common::*;
use khalkhin_gol::data::Side;
use khalkhin_gol::map::SideFeature;
use khalkhin_gol::sim::movement::{MoveError, check_move, reachable};

#[test]
fn moving_over_open_steppe_costs_the_terrain_hours_for_the_units_mobility() {
    let scn = mini();
    let mut board = start_board(&scn);
    let tank = unit(&scn, "su_tank");
    // Keep the enemy out of the way.
    for key in ["jp_inf", "jp_inf2"] {
        board.remove(unit(&scn, key));
    }
    let zoc = board.zoc_of(&scn, Side::Japanese);
    let reach = reachable(&scn, &board, &zoc, tank);
    let steppe = scn
        .map
        .terrain_keys
        .iter()
        .position(|k| k == "steppe")
        .unwrap();
    let tracked = scn.terrain[steppe].cost.tracked.unwrap();
    // From (4,6) two hexes west along the row: (2,6), all steppe, no track, no river.
    let to = hex(&scn, 2, 6);
    let r = reach.iter().find(|r| r.hex == to).expect("reachable");
    assert!(
        (r.hours - 2.0 * tracked).abs() < 1e-4,
        "hours {} != 2 × {tracked}",
        r.hours
    );
    // Foot is slower than tracks on the same ground.
    let rifle = unit(&scn, "su_rifle");
    let foot = scn.terrain[steppe].cost.foot.unwrap();
    assert!(foot > tracked);
    let reach_foot = reachable(&scn, &board, &zoc, rifle);
    let r = reach_foot
        .iter()
        .find(|r| r.hex == hex(&scn, 2, 2))
        .expect("reachable on foot");
    assert!((r.hours - 2.0 * foot).abs() < 1e-4);
    // Nothing beyond the allowance except a single first step.
    let allowance = scn.unit_types[scn.units[tank as usize].kind].move_hours;
    assert!(
        reach
            .iter()
            .all(|r| r.hours <= allowance + 1e-4 || r.prev == board.get(tank).unwrap().hex)
    );
}

#[test]
fn dunes_cost_more_than_steppe_and_tracks_cost_less() {
    let scn = mini();
    let t = |k: &str| &scn.terrain[scn.map.terrain_keys.iter().position(|x| x == k).unwrap()];
    assert!(t("dunes").cost.foot > t("steppe").cost.foot);
    let tank = unit(&scn, "su_tank2");
    let board = start_board(&scn);
    let cost = |a, b| khalkhin_gol::sim::movement::step_cost(&scn, &board, tank, a, b, false);
    // (3,4) → (4,4) runs along the row-4 track.
    let on_track = cost(hex(&scn, 3, 4), hex(&scn, 4, 4)).unwrap();
    let off_track = cost(hex(&scn, 3, 3), hex(&scn, 4, 3)).unwrap();
    assert!(
        scn.map.has_track(
            hex(&scn, 3, 4),
            scn.map
                .side_between(hex(&scn, 3, 4), hex(&scn, 4, 4))
                .unwrap()
        )
    );
    assert!(
        on_track < off_track,
        "track {on_track} should be cheaper than steppe {off_track}"
    );
}

#[test]
fn vehicles_cross_the_major_river_only_at_the_bridge() {
    let scn = mini();
    let mut board = start_board(&scn);
    board.remove(unit(&scn, "jp_inf2"));
    let tank = unit(&scn, "su_tank");
    let (w, e) = (hex(&scn, 5, 6), hex(&scn, 6, 6));
    assert_eq!(scn.map.feature_between(w, e), SideFeature::MajorRiver);
    assert_eq!(
        khalkhin_gol::sim::movement::step_cost(&scn, &board, tank, w, e, true),
        None
    );
    // With the bridge open the tank gets across, and its path uses the bridge.
    board.relocate(tank, w);
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 10, 8));
    let (path, _) = check_move(&scn, &board, Side::Soviet, tank, e).expect("over the bridge");
    let bridge = (hex(&scn, 5, 4), hex(&scn, 6, 4));
    assert_eq!(
        scn.feature_between_at(board.epoch, bridge.0, bridge.1),
        SideFeature::Bridge
    );
    assert_eq!(
        scn.map.feature_between(bridge.0, bridge.1),
        SideFeature::MajorRiver
    );
    assert!(
        path.windows(2).any(|p| (p[0], p[1]) == bridge),
        "path {path:?} does not use the bridge"
    );
    // With an enemy on the far end of the bridge there is no way over.
    board.relocate(unit(&scn, "jp_inf"), bridge.1);
    let err = check_move(&scn, &board, Side::Soviet, tank, e).unwrap_err();
    assert!(err.to_string().contains("only at a bridge"), "{err}");
}

#[test]
fn infantry_crosses_the_river_as_its_whole_move() {
    let scn = mini();
    let mut board = start_board(&scn);
    board.remove(unit(&scn, "jp_inf2"));
    // Block the bridge so the only way over is across the river itself.
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 6, 4));
    let rifle = unit(&scn, "su_rifle");
    board.relocate(rifle, hex(&scn, 5, 6));
    let (path, hours) = check_move(&scn, &board, Side::Soviet, rifle, hex(&scn, 6, 6))
        .expect("foot crosses as its first step");
    assert_eq!(path.len(), 2);
    assert_eq!(
        hours, scn.unit_types[scn.units[rifle as usize].kind].move_hours,
        "the crossing takes the whole allowance"
    );
    let err = check_move(&scn, &board, Side::Soviet, rifle, hex(&scn, 7, 6)).unwrap_err();
    assert!(
        matches!(err, MoveError::Unreachable { .. }),
        "the crossing ends the move: {err}"
    );
}

#[test]
fn entering_an_enemy_zone_of_control_ends_the_move() {
    let scn = mini();
    let mut board = start_board(&scn);
    let tank = unit(&scn, "su_tank");
    let jp = unit(&scn, "jp_inf");
    // Enemy at (8,6); tank east of the river at (6,4) via the bridge area.
    board.relocate(tank, hex(&scn, 6, 4));
    board.relocate(jp, hex(&scn, 8, 5));
    let zoc = board.zoc_of(&scn, Side::Japanese);
    let z = hex(&scn, 7, 5);
    assert!(zoc[z.0 as usize], "(7,5) is next to (8,5)");
    let reach = reachable(&scn, &board, &zoc, tank);
    let r = reach
        .iter()
        .find(|r| r.hex == z)
        .expect("can enter the zone");
    assert!(r.stop);
    // No hex is reached through a zone-of-control hex.
    for r in &reach {
        if r.prev != board.get(tank).unwrap().hex {
            assert!(
                !zoc[r.prev.0 as usize],
                "{:?} reached through the enemy zone at {:?}",
                r.hex, r.prev
            );
        }
    }
    // Cannot enter the enemy's hex at all.
    let err = check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 8, 5)).unwrap_err();
    assert!(err.to_string().contains("enemy"), "{err}");
}

#[test]
fn a_unit_cannot_step_from_one_enemy_zone_hex_into_another() {
    let scn = mini();
    let mut board = start_board(&scn);
    let tank = unit(&scn, "su_tank");
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 8, 6));
    let start = hex(&scn, 7, 6);
    board.relocate(tank, start);
    let zoc = board.zoc_of(&scn, Side::Japanese);
    assert!(zoc[start.0 as usize]);
    let reach = reachable(&scn, &board, &zoc, tank);
    // Every zone hex next to the start is either unreachable or reached by a detour, never directly.
    let (mut checked, mut refused) = (0, 0);
    for (_, n) in scn.map.neighbors(start) {
        if zoc[n.0 as usize] && board.occupant(n).is_none() {
            checked += 1;
            if let Some(r) = reach.iter().find(|r| r.hex == n) {
                assert_ne!(
                    r.prev, start,
                    "stepped directly from zone to zone into {n:?}"
                );
            }
        }
    }
    // On foot the detours are too long: the step is refused, with this rule as the reason.
    let rifle = unit(&scn, "su_rifle");
    let mut board = start_board(&scn);
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 8, 6));
    board.relocate(tank, hex(&scn, 0, 0));
    board.relocate(rifle, start);
    // A second enemy unit puts the detours in its zone too.
    board.relocate(unit(&scn, "jp_inf2"), hex(&scn, 6, 8));
    let zoc = board.zoc_of(&scn, Side::Japanese);
    for (_, n) in scn.map.neighbors(start) {
        let open = scn.feature_between_at(board.epoch, start, n) != SideFeature::MajorRiver;
        if zoc[n.0 as usize] && board.occupant(n).is_none() && open {
            match check_move(&scn, &board, Side::Soviet, rifle, n) {
                Err(err @ MoveError::Unreachable { .. }) => {
                    assert!(
                        err.to_string()
                            .contains("cannot step straight into another hex of it"),
                        "{n:?}: {err}"
                    );
                    refused += 1;
                }
                Ok((path, _)) => assert!(path.len() > 2, "straight into {n:?}: {path:?}"),
                Err(e) => panic!("{n:?}: {e}"),
            }
        }
    }
    assert!(checked >= 2, "the test needs zone hexes next to the start");
    assert!(refused >= 1, "the test needs a refused step");
}

#[test]
fn a_move_into_a_full_hex_is_refused_with_the_stacking_limit() {
    let scn = mini();
    let mut board = start_board(&scn);
    let limit = scn.rules.stacking_limit;
    assert_eq!(limit, 3, "the test fills a hex with three battalions");
    let h = hex(&scn, 3, 5);
    for key in ["su_rifle", "su_tank", "su_art"] {
        board.relocate(unit(&scn, key), h);
    }
    let err = check_move(&scn, &board, Side::Soviet, unit(&scn, "su_tank2"), h).unwrap_err();
    assert_eq!(
        err,
        MoveError::Stacking {
            points: 4,
            limit: 3
        }
    );
    let err = check_move(
        &scn,
        &board,
        Side::Japanese,
        unit(&scn, "su_tank2"),
        hex(&scn, 2, 4),
    )
    .unwrap_err();
    assert_eq!(err, MoveError::NotYourUnit);
}

#[test]
fn a_unit_goes_on_moving_with_the_hours_it_has_left() {
    let scn = mini();
    let mut board = start_board(&scn);
    for key in ["jp_inf", "jp_inf2"] {
        board.remove(unit(&scn, key));
    }
    let tank = unit(&scn, "su_tank");
    let allowance = scn.unit_types[scn.units[tank as usize].kind].move_hours;
    let (_, spent) = check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 2, 6)).unwrap();
    assert!(spent > 0.0 && spent < allowance);
    board.relocate(tank, hex(&scn, 2, 6));
    board.get_mut(tank).unwrap().condition.moved_hours = spent;
    let zoc = board.zoc_of(&scn, Side::Japanese);
    let rest = reachable(&scn, &board, &zoc, tank);
    assert!(rest.len() > 1, "hours are left: {rest:?}");
    assert!(
        rest.iter().all(|r| r.hours <= allowance - spent + 1e-4),
        "only the hours left are spent"
    );
    check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 0, 6)).expect("goes on west");
    assert!(!khalkhin_gol::play::move_targets(&scn, &board, &Default::default(), tank).is_empty());
    // Once the side has attacked, movement is over for all its units: the window shows no target.
    let attacked = khalkhin_gol::sim::TurnState {
        attacked: true,
        ..Default::default()
    };
    assert!(khalkhin_gol::play::move_targets(&scn, &board, &attacked, tank).is_empty());
    // With the whole allowance spent, not even one more hex.
    board.get_mut(tank).unwrap().condition.moved_hours = allowance;
    let err = check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 1, 6)).unwrap_err();
    assert!(matches!(err, MoveError::NoHoursLeft { .. }), "{err}");
    assert!(err.to_string().contains("no movement left"), "{err}");
    assert!(khalkhin_gol::play::move_targets(&scn, &board, &Default::default(), tank).is_empty());
}

#[test]
fn a_move_into_the_enemy_zone_or_over_the_river_ends_the_units_movement() {
    let scn = mini();
    let mut board = start_board(&scn);
    board.remove(unit(&scn, "jp_inf2"));
    let tank = unit(&scn, "su_tank");
    let in_zone = hex(&scn, 7, 6);
    board.relocate(tank, in_zone);
    let zoc = board.zoc_of(&scn, Side::Japanese);
    assert!(
        zoc[in_zone.0 as usize],
        "(7,6) is next to the enemy at (8,6)"
    );
    // Starting the turn in the zone, it may step out...
    check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 6, 6)).expect("a fresh unit leaves");
    // ...but having moved into it, it stays.
    board.get_mut(tank).unwrap().condition.moved_hours = 0.5;
    let err = check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 6, 6)).unwrap_err();
    assert!(matches!(err, MoveError::StoppedInZoc), "{err}");
    assert!(khalkhin_gol::play::move_targets(&scn, &board, &Default::default(), tank).is_empty());

    // Infantry crosses the river only as the first step of its turn's movement.
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 6, 4));
    let rifle = unit(&scn, "su_rifle");
    board.relocate(rifle, hex(&scn, 5, 6));
    check_move(&scn, &board, Side::Soviet, rifle, hex(&scn, 6, 6)).expect("fresh: crosses");
    board.get_mut(rifle).unwrap().condition.moved_hours = 0.45;
    let err = check_move(&scn, &board, Side::Soviet, rifle, hex(&scn, 6, 6)).unwrap_err();
    assert!(matches!(err, MoveError::Unreachable { .. }), "{err}");
}

#[test]
fn the_one_hex_zone_of_control_question_agrees_with_the_whole_map() {
    use khalkhin_gol::sim::rules::zoc::{in_zoc, zoc_of};
    for scn in [august(), load("scenarios/bain_tsagan_1939.ron")] {
        let board = start_board(&scn);
        for side in [
            khalkhin_gol::data::Side::Soviet,
            khalkhin_gol::data::Side::Japanese,
        ] {
            let all = zoc_of(&scn, &board, side);
            for h in 0..scn.map.len() as u32 {
                let h = khalkhin_gol::map::HexId(h);
                assert_eq!(in_zoc(&scn, &board, side, h), all[h.0 as usize], "{h:?}");
            }
        }
    }
}

#[test]
fn a_refused_move_says_how_far_the_hex_is_or_what_closes_every_route() {
    let scn = mini();
    let mut board = start_board(&scn);
    board.remove(unit(&scn, "jp_inf2"));
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 11, 9));
    // Too far on foot this turn: the refusal gives the best route's hours and those left.
    let rifle = unit(&scn, "su_rifle");
    board.relocate(rifle, hex(&scn, 0, 9));
    let far = hex(&scn, 4, 0);
    let allowance = scn.unit_types[scn.units[rifle as usize].kind].move_hours;
    let err = check_move(&scn, &board, Side::Soviet, rifle, far).unwrap_err();
    let text = err.to_string();
    let away: f32 = text
        .split("it is ")
        .nth(1)
        .and_then(|t| t.split(" h away").next())
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("no distance in: {text}"));
    assert!(away > allowance, "{text}");
    assert!(
        text.contains(&format!("{allowance:.1} h of this turn's {allowance:.0} h")),
        "{text}"
    );
    // The same hours as a move there would take, turn by turn: the first turn's reach ends closer.
    let zoc = board.zoc_of(&scn, Side::Japanese);
    let reach = reachable(&scn, &board, &zoc, rifle);
    assert!(reach.iter().all(|r| r.hex != far));
    // A tank west of the river with the enemy on the bridge's far end: no way over this turn.
    let tank = unit(&scn, "su_tank");
    board.relocate(tank, hex(&scn, 3, 4));
    board.relocate(unit(&scn, "jp_inf"), hex(&scn, 6, 4));
    let err = check_move(&scn, &board, Side::Soviet, tank, hex(&scn, 8, 4)).unwrap_err();
    assert!(
        err.to_string()
            .contains("enemy units or their zones of control close every route"),
        "{err}"
    );
}
