//! Artillery as a weapon system: a gun unit bombards an enemy hex only within its guns' range, when
//! its side observes the hex (from the ground, farther from higher up, or from the air by day), with
//! ammunition, once a phase; bombardment kills men and guns, less in cover; ammunition is spent by
//! firing and comes up along the supply lines; the computer players fire on the enemy's guns with
//! orders the rules accept.

mod common;
use bevy::prelude::*;
use common::*;
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::{ControllerKind, Passive};
use khalkhin_gol::data::Stamp;
use khalkhin_gol::sim::attack_setup::artillery_fire;
use khalkhin_gol::sim::rules::bombardment::{fire_on, resolve};
use khalkhin_gol::sim::rules::observation::sight_km;
use khalkhin_gol::sim::{
    Condition, EventLog, Humans, Order, PlayerCommand, PlayerCommands, SimEvent, UnitId,
    headless_app,
};

fn day(scn: &khalkhin_gol::scenario::Scenario) -> Stamp {
    scn.file.start
}

#[test]
fn a_gun_fires_only_in_range_on_an_observed_hex() {
    let scn = mini();
    let (art, target) = (unit(&scn, "su_art"), hex(&scn, 8, 6));
    // No Soviet unit within sight of jp_inf (the nearest is 4 km off, on level ground), no air.
    let board = start_board(&scn);
    let err = fire_on(&scn, &board, scn.units[0].side, art, target, day(&scn), 0.0).unwrap_err();
    assert!(err.contains("observes"), "{err}");
    // By day with air points left, the aircraft observe: fire counts `air_observed`.
    let full = artillery_fire(&scn, board.get(art).unwrap(), target);
    assert!(full > 0.0);
    let by_air = fire_on(
        &scn,
        &board,
        scn.units[0].side,
        art,
        target,
        day(&scn),
        10.0,
    )
    .unwrap();
    assert!((by_air - full * scn.rules.artillery.air_observed).abs() < 1e-3);
    // A tank battalion 2 km from the target observes it: full fire.
    let scn = with_positions(&scn, &[("su_tank", 6, 6)], &[]);
    let board = start_board(&scn);
    let seen = fire_on(&scn, &board, scn.units[0].side, art, target, day(&scn), 0.0).unwrap();
    assert!((seen - full).abs() < 1e-3);
    // Beyond the 122 mm howitzers' 9 km: refused, saying how far they reach.
    let scn = with_positions(&scn, &[("su_art", 0, 9), ("su_tank", 10, 1)], &[]);
    let board = start_board(&scn);
    let far = hex(&scn, 9, 2);
    assert!(scn.map.distance(board.get(art).unwrap().hex, far) as f64 * scn.map.hex_km > 9.0);
    let err = fire_on(&scn, &board, scn.units[0].side, art, far, day(&scn), 0.0).unwrap_err();
    assert!(
        err.contains("out of range") && err.contains("9.0 km"),
        "{err}"
    );
    // An empty hex, and a unit that is not artillery.
    let err = fire_on(
        &scn,
        &board,
        scn.units[0].side,
        art,
        hex(&scn, 7, 7),
        day(&scn),
        0.0,
    )
    .unwrap_err();
    assert!(err.contains("no enemy"), "{err}");
    let tank = unit(&scn, "su_tank");
    let err = fire_on(&scn, &board, scn.units[0].side, tank, far, day(&scn), 0.0).unwrap_err();
    assert!(err.contains("not artillery"), "{err}");
}

#[test]
fn observers_see_farther_from_higher_ground() {
    let scn = mini();
    let a = &scn.rules.artillery;
    let hill = (0..scn.map.len() as u32)
        .map(khalkhin_gol::map::HexId)
        .max_by_key(|h| scn.map.elevation_m[h.0 as usize])
        .unwrap();
    let plain = hex(&scn, 2, 8);
    let rise = scn.map.elevation_m[hill.0 as usize] - scn.map.elevation_m[plain.0 as usize];
    assert!(
        rise >= 40,
        "the test map's hill stands {rise} m above the steppe"
    );
    let up = sight_km(&scn, hill, plain);
    let expected = (a.observe_km + rise as f32 / 10.0 * a.observe_km_per_10m).min(a.observe_max_km);
    assert!((up - expected).abs() < 1e-4, "{up} vs {expected}");
    assert_eq!(
        sight_km(&scn, plain, hill),
        a.observe_km,
        "no bonus looking up"
    );
    assert!(up > a.observe_km);
}

#[test]
fn bombardment_kills_men_and_guns_within_its_caps_and_less_in_cover() {
    let scn = mini();
    let board = start_board(&scn);
    let jp = unit(&scn, "jp_inf");
    let target = board.get(jp).unwrap().hex;
    let a = &scn.rules.artillery;
    let (small, _) = resolve(&scn, &board, &[jp], target, 20.0, (0.5, 0.99));
    let (big, cohesion) = resolve(&scn, &board, &[jp], target, 1e6, (0.5, 0.0));
    let u = board.get(jp).unwrap();
    assert!(small[0].men > 0 && small[0].men < big[0].men);
    assert_eq!(
        big[0].men,
        (u.strength.men as f32 * a.max_loss).floor() as u32,
        "men capped at max_loss"
    );
    let at_guns: u32 = big[0].equipment.iter().map(|e| e.1).sum();
    assert!((1..=2).contains(&at_guns), "the two 37 mm guns: {at_guns}");
    assert!(
        big[0]
            .equipment
            .iter()
            .all(|&(e, _)| scn.equipment_keys[e] == "Type 94 37mm AT gun"),
        "machine guns are not guns"
    );
    assert!(cohesion[0] > 0.0);
    // The same fire on the same unit dug in kills fewer.
    let mut dug = board.clone();
    dug.get_mut(jp).unwrap().condition.entrenchment = 3;
    let (covered, _) = resolve(&scn, &dug, &[jp], target, 200.0, (0.5, 0.5));
    let (open, _) = resolve(&scn, &board, &[jp], target, 200.0, (0.5, 0.5));
    assert!(covered[0].men < open[0].men, "{covered:?} vs {open:?}");
}

fn ammo(app: &mut App, id: u32) -> (f32, bool) {
    let mut q = app.world_mut().query::<(&UnitId, &Condition)>();
    q.iter(app.world())
        .find(|(u, _)| u.0 == id)
        .map(|(_, c)| (c.ammo, c.fired))
        .expect("on the map")
}

fn send(app: &mut App, c: PlayerCommand) {
    app.world_mut().resource_mut::<PlayerCommands>().0.push(c);
    app.update();
}

#[test]
fn a_bombardment_spends_a_fire_once_a_phase_and_supply_brings_more_up() {
    let scn = with_positions(&mini(), &[("su_tank", 6, 6)], &[]);
    let (art, target) = (unit(&scn, "su_art"), hex(&scn, 8, 6));
    let mut app = headless_app(scn.clone(), 3, [Box::new(Passive), Box::new(Passive)]);
    app.world_mut().insert_resource(Humans([true, false]));
    for _ in 0..6 {
        app.update();
    }
    let carried = scn.ammunition[0].carried;
    assert_eq!(ammo(&mut app, art), (carried, false));
    let bombard = Order::Bombard { unit: art, target };
    send(&mut app, PlayerCommand::Order(bombard.clone()));
    let fired = |app: &App| {
        app.world()
            .resource::<EventLog>()
            .0
            .iter()
            .filter(|e| matches!(e, SimEvent::Bombarded { .. }))
            .count()
    };
    assert_eq!(fired(&app), 1);
    assert_eq!(ammo(&mut app, art), (carried - 1.0, true));
    let jp_lost = app
        .world()
        .resource::<EventLog>()
        .0
        .iter()
        .find_map(|e| match e {
            SimEvent::Bombarded {
                targets, losses, ..
            } => Some((targets.clone(), losses[0].men)),
            _ => None,
        })
        .unwrap();
    assert_eq!(jp_lost.0, vec![unit(&scn, "jp_inf")]);
    assert!(jp_lost.1 > 0, "men lost");
    // A second fire in the same phase, and a move after firing, are refused with reasons.
    send(&mut app, PlayerCommand::Order(bombard.clone()));
    send(
        &mut app,
        PlayerCommand::Order(Order::Move {
            unit: art,
            to: hex(&scn, 2, 4),
        }),
    );
    let reasons: Vec<String> = app
        .world()
        .resource::<EventLog>()
        .0
        .iter()
        .filter_map(|e| match e {
            SimEvent::OrderRejected { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(fired(&app), 1);
    assert!(reasons[0].contains("already fired"), "{reasons:?}");
    assert!(reasons[1].contains("fired"), "{reasons:?}");
    // The turn ends; in supply, `per_turn` comes up, never above what a unit carries.
    send(&mut app, PlayerCommand::EndTurn);
    for _ in 0..8 {
        app.update();
    }
    let a = scn.ammunition[0];
    assert_eq!(
        ammo(&mut app, art),
        ((carried - 1.0 + a.per_turn).min(a.carried), false)
    );
}

#[test]
fn the_computer_fires_on_the_enemys_guns_with_orders_the_rules_accept() {
    let scn = august();
    for (soviet, japanese) in [
        (ControllerKind::Plan, ControllerKind::Plan),
        (ControllerKind::Ai, ControllerKind::Ai),
    ] {
        // Over a few games: the Soviet computer may need every gun for its attacks in one.
        let mut fired = [0, 0];
        let mut guns_lost = 0;
        for seed in 11..14 {
            let (record, log) = play_game(&scn, seed, soviet, japanese);
            guns_lost += record.losses.soviet.guns;
            for e in &log.0 {
                match e {
                    SimEvent::Bombarded { side, losses, .. } => {
                        fired[side.index()] += 1;
                        assert!(losses.iter().all(|l| l.men <= 10_000));
                    }
                    SimEvent::OrderRejected {
                        order: Order::Bombard { .. },
                        reason,
                        ..
                    } => panic!("a computer bombardment was refused: {reason}"),
                    _ => {}
                }
            }
        }
        assert!(
            fired[0] > 0 && fired[1] > 0,
            "both sides' guns fire: {fired:?}"
        );
        assert!(guns_lost > 0, "Soviet guns are lost too");
    }
}
