//! Units trace supply to their side's sources; surrounded units are cut off, lose strength, and are
//! counted as encircled. The encirclement comes from the rules, not from a script.

mod common;
use common::*;
use khalkhin_gol::analysis::play_game_with;
use khalkhin_gol::control::Passive;
use khalkhin_gol::data::Side;
use khalkhin_gol::sim::SimEvent;
use khalkhin_gol::sim::supply::supplied_hexes;

#[test]
fn units_with_an_open_road_to_their_sources_are_in_supply() {
    let scn = mini();
    let board = start_board(&scn);
    for side in Side::BOTH {
        let ok = supplied_hexes(&scn, &board, side);
        for u in board.live().filter(|u| u.side == side) {
            assert!(
                ok[u.hex.0 as usize],
                "{} should be in supply at the start",
                scn.units[u.id as usize].key
            );
        }
    }
}

#[test]
fn a_unit_ringed_by_enemy_zones_of_control_is_cut_off_and_a_gap_restores_supply() {
    let scn = mini();
    let mut board = start_board(&scn);
    let pocket = hex(&scn, 8, 6);
    board.relocate(unit(&scn, "jp_inf"), pocket);
    board.remove(unit(&scn, "jp_inf2"));
    // Four Soviet units two hexes out put all six neighbours of the pocket in their zone of control.
    for (k, (c, r)) in
        ["su_rifle", "su_tank", "su_tank2", "su_art"]
            .iter()
            .zip([(10, 6), (6, 6), (8, 4), (8, 8)])
    {
        board.relocate(unit(&scn, k), hex(&scn, c, r));
    }
    let zoc = board.zoc_of(&scn, Side::Soviet);
    assert!(
        scn.map.neighbors(pocket).all(|(_, n)| zoc[n.0 as usize]),
        "the ring is closed"
    );
    assert!(
        !supplied_hexes(&scn, &board, Side::Japanese)[pocket.0 as usize],
        "the pocket should be cut off"
    );
    // The Soviet side, outside the ring, still traces supply.
    let su = supplied_hexes(&scn, &board, Side::Soviet);
    assert!(su[hex(&scn, 6, 6).0 as usize]);
    // Open a gap on the west side of the ring: supply flows around the north and through it.
    board.relocate(unit(&scn, "su_tank"), hex(&scn, 3, 6));
    assert!(
        supplied_hexes(&scn, &board, Side::Japanese)[pocket.0 as usize],
        "the gap at (7,6) should let supply through"
    );
}

#[test]
fn cut_off_units_lose_men_and_formations_are_recorded_as_encircled() {
    // jp_inf at (8,6), ringed by every Soviet unit two hexes out; the other Japanese units out of
    // the game.
    let scn = ringed_pocket(&["jp_inf2", "jp_late"]);
    let jp = unit(&scn, "jp_inf");
    let (record, log, _) = play_game_with(&scn, 7, [Box::new(Passive), Box::new(Passive)]);
    let log = &log.0;
    // Turn of each event, from the turn markers before it.
    let mut turn = 0;
    let mut seen = Vec::new();
    for e in log {
        match e {
            SimEvent::TurnStarted { turn: t, .. } => turn = *t,
            SimEvent::SupplyCut { unit } if *unit == jp => seen.push(("cut", turn)),
            SimEvent::Attrition { unit, men } if *unit == jp && *men > 0 => {
                seen.push(("attrition", turn))
            }
            SimEvent::FormationEncircled { formation, .. } if formation == "jp" => {
                seen.push(("encircled", turn))
            }
            _ => {}
        }
    }
    let after = scn.rules.supply.encircled_after_turns - 1;
    assert_eq!(
        &seen[..3],
        &[("cut", 0), ("attrition", after), ("encircled", after)],
        "cut off in the first supply phase, encircled (and starving) {} turns later: {seen:?}",
        scn.rules.supply.encircled_after_turns
    );
    assert!(
        seen[3..].iter().all(|s| s.0 == "attrition"),
        "once cut off it stays cut off and starves every turn: {seen:?}"
    );
    let jp_record = record
        .formations
        .iter()
        .find(|f| f.id == "jp")
        .expect("the Japanese formation is in the record");
    assert_eq!(
        jp_record.cut_off.as_deref(),
        Some(record.encircled[0].date.as_str())
    );
    assert!(
        record.losses.japanese.men > 0 && record.losses.soviet.men == 0,
        "only the pocket loses men (nobody attacks): {:?}",
        record.losses
    );
}
