//! Units trace supply to their side's sources; surrounded units are cut off, lose strength, and are
//! counted as encircled. The encirclement comes from the rules, not from a script.

mod common;
use common::*;
use khalkhin_gol::control::{ControllerKind, Passive};
use khalkhin_gol::data::Side;
use khalkhin_gol::sim::supply::supplied_hexes;
use khalkhin_gol::sim::{
    EventLog, SimEvent, Strength, Tally, UnitId, headless_app, read_board, write_board,
};

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
    let scn = mini();
    let mut app = headless_app(scn.clone(), 7, [Box::new(Passive), Box::new(Passive)]);
    app.update(); // setup
    // Surround jp_inf at (8,6) with every Soviet unit and block the rest of the east bank.
    {
        let world = app.world_mut();
        let mut board = read_board(world);
        let jp = unit(&scn, "jp_inf");
        board.relocate(jp, hex(&scn, 8, 6));
        board.remove(unit(&scn, "jp_inf2"));
        for (k, (c, r)) in ["su_rifle", "su_tank", "su_tank2", "su_art"].iter().zip([
            (10, 6),
            (6, 6),
            (8, 4),
            (8, 8),
        ]) {
            board.relocate(unit(&scn, k), hex(&scn, c, r));
        }
        write_board(world, &board);
    }
    let before = men_of(&mut app, unit(&scn, "jp_inf"));
    // Play on: the rules alone decide what happens.
    let out = khalkhin_gol::sim::run_to_end(&mut app, 500).expect("ends");
    let log = &app.world().resource::<EventLog>().0;
    let cut = log
        .iter()
        .any(|e| matches!(e, SimEvent::SupplyCut { unit } if *unit == unit_id(&scn, "jp_inf")));
    assert!(cut, "jp_inf should have been cut off");
    let tally = app.world().resource::<Tally>();
    let jp_f = scn.formations.iter().position(|f| f.key == "jp").unwrap();
    assert!(
        tally.encircled.iter().any(|(f, _)| *f == jp_f),
        "the Japanese formation should be recorded as encircled"
    );
    assert!(tally.losses[Side::Japanese.index()].men > 0);
    let after = men_of(&mut app, unit(&scn, "jp_inf"));
    assert!(
        after < before,
        "attrition: {after} should be below {before}"
    );
    assert!(out.end > scn.file.start);
    let _ = ControllerKind::Passive;
}

fn unit_id(scn: &khalkhin_gol::scenario::Scenario, key: &str) -> u32 {
    unit(scn, key)
}

fn men_of(app: &mut bevy::prelude::App, id: u32) -> u32 {
    let world = app.world_mut();
    let mut q = world.query::<(&UnitId, &Strength)>();
    q.iter(world)
        .find(|(u, _)| u.0 == id)
        .map_or(0, |(_, s)| s.men)
}
