//! Each rule, seen through the events it emits: small engagements on the test scenario, with the
//! exact sequence of events each rule gives (one test per rule file in `src/sim/rules/`).

mod common;
use common::*;
use khalkhin_gol::control::{Controller, OrderContext};
use khalkhin_gol::data::Side;
use khalkhin_gol::scenario::Scenario;
use khalkhin_gol::sim::attack_setup::attack_setup;
use khalkhin_gol::sim::combat::{Draws, resolve};
use khalkhin_gol::sim::rules::aftermath::retreat_hex;
use khalkhin_gol::sim::{
    EventLog, GameState, Order, Passive, SimEvent, UnitLoss, headless_app, run_to_end,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Gives the orders written for each turn.
struct Script(BTreeMap<u32, Vec<Order>>);

impl Controller for Script {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        self.0.remove(&ctx.turn).unwrap_or_default()
    }
}

fn script(turn0: Vec<Order>) -> Box<dyn Controller> {
    Box::new(Script(BTreeMap::from([(0, turn0)])))
}

/// Plays a whole game and returns its events.
fn play(
    scn: &Arc<Scenario>,
    seed: u64,
    soviet: Box<dyn Controller>,
    japanese: Box<dyn Controller>,
) -> Vec<SimEvent> {
    let mut app = headless_app(scn.clone(), seed, [soviet, japanese]);
    run_to_end(&mut app, 1000).expect("the game ends");
    app.world_mut()
        .remove_resource::<EventLog>()
        .expect("a log")
        .0
}

/// The events of one turn, without its opening `TurnStarted`.
fn turn(events: &[SimEvent], t: u32) -> Vec<SimEvent> {
    let start = events
        .iter()
        .position(|e| matches!(e, SimEvent::TurnStarted { turn, .. } if *turn == t))
        .expect("the turn is played");
    events[start + 1..]
        .iter()
        .take_while(|e| !matches!(e, SimEvent::TurnStarted { .. }))
        .cloned()
        .collect()
}

/// A turn's events after the first side's move began, up to the end of its combat.
fn soviet_turn(events: &[SimEvent]) -> Vec<SimEvent> {
    turn(events, 0)
        .into_iter()
        .skip(1) // SideToMove { Soviet }
        .take_while(|e| !matches!(e, SimEvent::SideTurnEnded { .. }))
        .collect()
}

/// The turn's bookkeeping when nothing else happens: both sides' turns end, supply is traced with
/// nobody cut off, and the units rest.
fn quiet_end() -> Vec<SimEvent> {
    vec![
        SimEvent::SideTurnEnded { side: Side::Soviet },
        SimEvent::SideToMove {
            side: Side::Japanese,
        },
        SimEvent::SideTurnEnded {
            side: Side::Japanese,
        },
        SimEvent::SupplyTraced { cut: vec![] },
        SimEvent::Rested,
    ]
}

#[test]
fn movement_stops_in_an_enemy_zone_of_control_and_a_further_move_is_refused() {
    // movement.rs and zoc.rs: the tank enters the infantry's zone of control three steppe hexes on
    // (3 × 0.2 h tracked), and may move no further this turn.
    let base = mini();
    let scn = with_positions(
        &base,
        &[("su_tank", 6, 0), ("jp_inf2", 9, 2)],
        &["su_rifle", "su_tank2", "su_art", "jp_inf", "jp_late"],
    );
    let (tank, from, to, back) = (
        unit(&scn, "su_tank"),
        hex(&scn, 6, 0),
        hex(&scn, 8, 1),
        hex(&scn, 7, 0),
    );
    assert_eq!(
        scn.map.distance(to, hex(&scn, 9, 2)),
        1,
        "next to the infantry"
    );
    assert_eq!(scn.map.distance(from, to), 3);
    let events = play(
        &scn,
        1,
        script(vec![
            Order::Move { unit: tank, to },
            Order::Move {
                unit: tank,
                to: back,
            },
            Order::Move {
                unit: tank,
                to: hex(&scn, 9, 2),
            },
        ]),
        Box::new(Passive),
    );
    let mut expected = vec![
        SimEvent::Moved {
            unit: tank,
            from,
            to,
            hours: 0.6,
        },
        SimEvent::OrderRejected {
            side: Side::Soviet,
            order: Order::Move {
                unit: tank,
                to: back,
            },
            reason: "the unit's movement ended this turn when it entered the enemy's zone of \
                     control"
                .into(),
        },
        SimEvent::OrderRejected {
            side: Side::Soviet,
            order: Order::Move {
                unit: tank,
                to: hex(&scn, 9, 2),
            },
            reason: "the unit's movement ended this turn when it entered the enemy's zone of \
                     control"
                .into(),
        },
    ];
    expected.extend(quiet_end());
    assert_eq!(turn(&events, 0)[1..], expected[..]);
}

/// The test scenario with the Japanese infantry battalion down to 120 men.
fn weak_defender(scn: &Scenario) -> Scenario {
    let mut s = scn.clone();
    let jp = unit(&s, "jp_inf") as usize;
    s.units[jp].men = 120;
    s
}

/// The infantry in the corner (11,0); the attackers fill its three neighbours (10,0), (10,1) and
/// (11,1), the howitzers stand in range.
const CORNER: &[(&str, i32, i32)] = &[
    ("jp_inf", 11, 0),
    ("su_rifle", 10, 0),
    ("su_tank", 11, 1),
    ("su_tank2", 10, 1),
    ("su_art", 8, 0),
];

/// The attack of the rifle and tank battalions, with the howitzers in range, on a weakened
/// infantry battalion in the open, as the rules set it up and resolve it from the game's random
/// stream.
fn set_piece() -> (Arc<Scenario>, Order) {
    let s = weak_defender(&mini());
    let scn = with_positions(
        &s,
        &[
            ("jp_inf", 8, 1),
            ("su_rifle", 7, 1),
            ("su_tank", 8, 0),
            ("su_art", 6, 1),
        ],
        &["su_tank2", "jp_inf2", "jp_late"],
    );
    for a in ["su_rifle", "su_tank"] {
        assert_eq!(
            scn.map
                .distance(scn.units[unit(&scn, a) as usize].hex, hex(&scn, 8, 1)),
            1
        );
    }
    let order = Order::Attack {
        units: vec![unit(&scn, "su_rifle"), unit(&scn, "su_tank")],
        target: hex(&scn, 8, 1),
    };
    (scn, order)
}

#[test]
fn an_attack_is_set_up_fought_and_followed_by_retreat_and_advance() {
    // attack_setup.rs, attacks.rs, combat.rs, aftermath.rs.
    let (scn, order) = set_piece();
    let Order::Attack { units, target } = order.clone() else {
        unreachable!()
    };
    let seed = 5;
    let events = play(&scn, seed, script(vec![order]), Box::new(Passive));
    // What the rules should have done, worked out from the start position: the set-up (the
    // howitzers join; no air in this scenario), the first two draws of the game's stream, the
    // combat model.
    let board = start_board(&scn);
    let setup = attack_setup(
        &scn,
        &board,
        Side::Soviet,
        &units,
        target,
        scn.file.start,
        0.0,
    )
    .expect("a legal attack");
    assert_eq!(setup.artillery, vec![unit(&scn, "su_art")]);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let draws = Draws {
        attacker: rng.random::<f32>(),
        defender: rng.random::<f32>(),
    };
    let r = resolve(
        &scn.equipment,
        scn.rifleman_soft_attack,
        &scn.rules.combat,
        &setup.engagement,
        draws,
    );
    assert!(r.odds > 10.0 && r.defender_retreats, "{r:?}");
    let jp = unit(&scn, "jp_inf");
    let to = retreat_hex(&scn, &board, jp).expect("room to fall back");
    assert_eq!(scn.map.distance(to, target), 1);
    let expected = vec![
        SimEvent::Combat {
            side: Side::Soviet,
            attackers: units.clone(),
            defenders: vec![jp],
            target,
            odds: r.odds,
            attacker_losses: r.attacker_losses.clone(),
            defender_losses: r.defender_losses.clone(),
            attacker_cohesion_loss: r.attacker_cohesion_loss,
            defender_cohesion_loss: r.defender_cohesion_loss,
            defender_retreats: true,
            artillery: vec![unit(&scn, "su_art")],
            air: 0.0,
            wrecks: khalkhin_gol::sim::rules::recovery::knocked_out(
                &scn,
                units
                    .iter()
                    .copied()
                    .zip(&r.attacker_losses)
                    .chain(std::iter::once(jp).zip(&r.defender_losses)),
            ),
        },
        SimEvent::Retreated {
            unit: jp,
            from: target,
            to,
        },
        SimEvent::Taken {
            hex: target,
            by: Side::Soviet,
        },
        SimEvent::Advanced {
            unit: units[0],
            to: target,
        },
    ];
    assert_eq!(soviet_turn(&events), expected);
}

#[test]
fn a_hex_is_attacked_once_a_turn_and_a_unit_attacks_once() {
    // attacks.rs: the second attack on the hex, the rifles' second attack, an attack naming a
    // unit twice and one on a hex off the map are refused.
    let (scn, order) = set_piece();
    let Order::Attack { units, target } = order.clone() else {
        unreachable!()
    };
    let again = Order::Attack {
        units: vec![units[1]],
        target,
    };
    let elsewhere = Order::Attack {
        units: vec![units[0]],
        target: hex(&scn, 9, 2),
    };
    let twice = Order::Attack {
        units: vec![unit(&scn, "su_art"), unit(&scn, "su_art")],
        target: hex(&scn, 9, 2),
    };
    let off_map = Order::Attack {
        units: vec![units[1]],
        target: khalkhin_gol::map::HexId(9_999),
    };
    let events = play(
        &scn,
        5,
        script(vec![
            order,
            again.clone(),
            elsewhere.clone(),
            twice.clone(),
            off_map.clone(),
        ]),
        Box::new(Passive),
    );
    let refusals: Vec<SimEvent> = soviet_turn(&events)
        .into_iter()
        .filter(|e| matches!(e, SimEvent::OrderRejected { .. }))
        .collect();
    assert_eq!(
        refusals,
        vec![
            SimEvent::OrderRejected {
                side: Side::Soviet,
                order: again,
                reason: "hex (8,1) was already attacked this turn".into(),
            },
            SimEvent::OrderRejected {
                side: Side::Soviet,
                order: elsewhere,
                reason: "Rifle battalion has already attacked this turn".into(),
            },
            SimEvent::OrderRejected {
                side: Side::Soviet,
                order: twice,
                reason: "the attack names a unit twice".into(),
            },
            SimEvent::OrderRejected {
                side: Side::Soviet,
                order: off_map,
                reason: "hex #9999 is off the map".into(),
            },
        ]
    );
}

#[test]
fn a_beaten_unit_with_nowhere_to_go_surrenders_with_all_it_has() {
    // aftermath.rs: the infantry, ringed by the river, the map's edge and the attackers' stacks,
    // cannot fall back.
    let s = weak_defender(&mini());
    let jp = unit(&s, "jp_inf") as usize;
    let scn = with_positions(&s, CORNER, &["jp_inf2", "jp_late"]);
    let target = hex(&scn, 11, 0);
    assert_eq!(scn.map.neighbors(target).count(), 3);
    let units = vec![
        unit(&scn, "su_rifle"),
        unit(&scn, "su_tank"),
        unit(&scn, "su_tank2"),
    ];
    let events = play(
        &scn,
        5,
        script(vec![Order::Attack {
            units: units.clone(),
            target,
        }]),
        Box::new(Passive),
    );
    let turn0 = soviet_turn(&events);
    let SimEvent::Combat {
        defender_losses,
        defender_retreats: true,
        ..
    } = &turn0[0]
    else {
        panic!("a combat the defender loses first: {turn0:?}")
    };
    let left = &scn.units[jp];
    let after_combat = UnitLoss {
        men: left.men - defender_losses[0].men,
        equipment: left
            .equipment
            .iter()
            .map(|&(e, n)| {
                let lost = defender_losses[0]
                    .equipment
                    .iter()
                    .find(|x| x.0 == e)
                    .map_or(0, |x| x.1);
                (e, n - lost)
            })
            .filter(|x| x.1 > 0)
            .collect(),
    };
    assert_eq!(
        turn0[1..],
        [
            SimEvent::Surrendered {
                unit: jp as u32,
                // Half its men taken prisoner (the mini scenario's Japanese `captured_share`).
                captured: (after_combat.men as f32 * 0.5).round() as u32,
                loss: after_combat,
            },
            SimEvent::Taken {
                hex: target,
                by: Side::Soviet,
            },
            SimEvent::Advanced {
                unit: units[0],
                to: target,
            },
        ]
    );
}

#[test]
fn a_reinforcement_arrives_at_its_hex_by_the_start_of_the_next_turn() {
    // reinforcements.rs: jp_late is due at 06:00 on 21 Aug, the start of turn 4 (0-based): it
    // enters in the reinforcement phase of turn 3, after supply.
    let scn = mini();
    let events = play(&scn, 1, Box::new(Passive), Box::new(Passive));
    let late = unit(&scn, "jp_late");
    let t3 = turn(&events, 3);
    let rest = t3
        .iter()
        .position(|e| *e == SimEvent::Rested)
        .expect("a rest");
    assert_eq!(
        t3[rest + 1..],
        [SimEvent::Arrived {
            unit: late,
            hex: hex(&scn, 11, 8),
        }]
    );
    assert!(
        (0..3).all(|t| !turn(&events, t)
            .iter()
            .any(|e| matches!(e, SimEvent::Arrived { .. }))),
        "nobody arrives before"
    );
}

#[test]
fn a_reinforcement_whose_hex_is_held_by_the_enemy_takes_the_nearest_free_one() {
    // reinforcements.rs: a Soviet tank battalion sits on jp_late's arrival hex (11,8).
    let scn = with_positions(&mini(), &[("su_tank", 11, 8)], &[]);
    let events = play(&scn, 1, Box::new(Passive), Box::new(Passive));
    let arrival = events
        .iter()
        .find_map(|e| match e {
            SimEvent::Arrived { unit, hex } if *unit == self::unit(&scn, "jp_late") => Some(*hex),
            _ => None,
        })
        .expect("it arrives");
    let (col, row) = scn.map.offset(arrival);
    assert_eq!(
        scn.map.distance(arrival, hex(&scn, 11, 8)),
        1,
        "({col},{row})"
    );
    // Nearest first, then the lowest hex id among the nearest.
    let lowest = scn
        .map
        .neighbors(hex(&scn, 11, 8))
        .map(|(_, n)| n)
        .min()
        .expect("neighbours");
    assert_eq!(arrival, lowest);
}

#[test]
fn an_objective_changes_hands_when_the_enemy_stands_on_it_and_the_game_is_scored() {
    // objectives.rs and victory.rs: a Soviet tank battalion drives onto the empty East bank; at
    // the end the Soviet side holds both banks (20 points: a Soviet win).
    let scn = with_positions(
        &mini(),
        &[("su_tank", 7, 4)],
        &["jp_inf", "jp_inf2", "su_rifle", "su_tank2", "su_art"],
    );
    let east = scn.map.place("East bank").expect("a place");
    let events = play(
        &scn,
        1,
        script(vec![Order::Move {
            unit: unit(&scn, "su_tank"),
            to: east,
        }]),
        Box::new(Passive),
    );
    let t0 = turn(&events, 0);
    assert_eq!(
        t0.last(),
        Some(&SimEvent::ObjectiveTaken {
            objective: 0,
            name: "East bank".into(),
            by: Side::Soviet,
        }),
        "{t0:?}"
    );
    assert_eq!(
        events.last(),
        Some(&SimEvent::GameOver {
            winner: Some(Side::Soviet),
            soviet_points: 20.0,
            date: scn.file.end,
        })
    );
}

#[test]
fn a_side_with_nothing_left_to_fight_loses_at_once() {
    // victory.rs: the Japanese side is one cornered battalion (the scenario's other two are taken
    // out of it); it surrenders in the first turn and the game ends with that turn, not at the
    // scenario's end.
    let mut s = weak_defender(&mini());
    s.units.truncate(unit(&s, "jp_inf") as usize + 1);
    let scn = with_positions(&s, CORNER, &[]);
    let order = Order::Attack {
        units: vec![
            unit(&scn, "su_rifle"),
            unit(&scn, "su_tank"),
            unit(&scn, "su_tank2"),
        ],
        target: hex(&scn, 11, 0),
    };
    let mut app = headless_app(scn.clone(), 5, [script(vec![order]), Box::new(Passive)]);
    run_to_end(&mut app, 1000).expect("ends");
    let end = scn.file.start.plus_hours(scn.file.turn_hours as i64);
    let outcome = app
        .world()
        .resource::<GameState>()
        .outcome
        .clone()
        .expect("over");
    assert_eq!(outcome.end, end, "over after the first turn");
    let log = &app.world().resource::<EventLog>().0;
    assert!(matches!(
        log.last(),
        Some(SimEvent::GameOver { date, .. }) if *date == end
    ));
    let jp = unit(&scn, "jp_inf");
    assert!(
        log.iter()
            .any(|e| matches!(e, SimEvent::Surrendered { unit: u, .. } if *u == jp))
    );
}

#[test]
fn air_points_come_by_day_from_the_scenario_and_none_at_night() {
    // air.rs, air_war.rs: August: the scenario's air entries and the aircraft left give points by
    // day and none at night.
    let scn = august();
    let (_, log) = khalkhin_gol::analysis::play_game(
        &scn,
        1,
        khalkhin_gol::control::ControllerKind::Passive,
        khalkhin_gol::control::ControllerKind::Passive,
    );
    let mut day = 0;
    let mut left: Vec<u32> = scn.air_units.iter().map(|a| a.count).collect();
    for e in &log.0 {
        if let SimEvent::AirBattle { losses, .. } = e {
            for &(i, n) in losses {
                left[i] -= n;
            }
        }
        if let SimEvent::TurnStarted {
            date, night, air, ..
        } = e
        {
            let entries = khalkhin_gol::sim::rules::air::air_of_turn(&scn, *date);
            let aircraft = khalkhin_gol::sim::rules::air_war::aircraft_points(&scn, &left, *date);
            assert_eq!(*air, [entries[0] + aircraft[0], entries[1] + aircraft[1]]);
            if *night {
                assert_eq!(*air, [0.0, 0.0], "{date}");
            } else if air[0] > 0.0 {
                day += 1;
            }
        }
    }
    assert!(day > 10, "air points on {day} day turns");
}

#[test]
fn a_shaken_unit_that_must_fall_back_routs_and_leaves_men_and_heavy_weapons() {
    // aftermath.rs: the infantry starts at cohesion 35; the combat's cohesion loss and the
    // retreat's cost take it under `rout_cohesion`, and it loses a fifth of its men and half of
    // each of its guns and machine guns (rounded down).
    let (scn, order) = set_piece();
    let mut s = (*scn).clone();
    let jp = unit(&s, "jp_inf");
    s.units[jp as usize].cohesion = 35;
    let scn = Arc::new(s);
    let events = play(&scn, 5, script(vec![order]), Box::new(Passive));
    let t = soviet_turn(&events);
    let SimEvent::Combat {
        defender_losses,
        defender_cohesion_loss,
        defender_retreats: true,
        ..
    } = &t[0]
    else {
        panic!("the defender is beaten: {t:?}")
    };
    let c = &scn.rules.combat;
    assert!(35.0 - defender_cohesion_loss - c.retreat_cohesion_cost < c.rout_cohesion);
    let start = &scn.units[jp as usize];
    let men_left = start.men - defender_losses[0].men;
    let kept = |e: usize| {
        let had = start.equipment.iter().find(|x| x.0 == e).map_or(0, |x| x.1);
        had - defender_losses[0]
            .equipment
            .iter()
            .find(|x| x.0 == e)
            .map_or(0, |x| x.1)
    };
    let abandoned: Vec<(usize, u32)> = start
        .equipment
        .iter()
        .map(|&(e, _)| (e, kept(e) / 2))
        .filter(|x| x.1 > 0)
        .collect();
    assert!(matches!(t[1], SimEvent::Retreated { unit, .. } if unit == jp));
    assert_eq!(
        t[2],
        SimEvent::Routed {
            unit: jp,
            loss: UnitLoss {
                men: men_left / 5,
                equipment: abandoned,
            },
        }
    );
    assert!(matches!(t[3], SimEvent::Taken { .. }));
}

#[test]
fn a_formation_is_encircled_relieved_when_fresh_men_join_and_encircled_again() {
    // encirclement.rs: jp_inf is ringed from the start; jp_late (900 men) joins the formation at
    // the end of turn 3 and is in supply one turn, so the cut-off share falls under one half; cut
    // off itself, it counts as encircled from turn 5.
    let scn = ringed_pocket(&["jp_inf2"]);
    let events = play(&scn, 7, Box::new(Passive), Box::new(Passive));
    let mut t = 0;
    let mut seen = Vec::new();
    for e in &events {
        match e {
            SimEvent::TurnStarted { turn, .. } => t = *turn,
            SimEvent::FormationEncircled { formation, .. } => {
                seen.push(("encircled", formation.clone(), t))
            }
            SimEvent::FormationRelieved { formation, .. } => {
                seen.push(("relieved", formation.clone(), t))
            }
            _ => {}
        }
    }
    let jp = |what, t| (what, "jp".to_string(), t);
    assert_eq!(
        seen,
        vec![jp("encircled", 1), jp("relieved", 4), jp("encircled", 5)]
    );
}

#[test]
fn a_pocket_that_surrenders_leaves_its_formation_encircled_not_relieved() {
    // encirclement.rs: the men of units destroyed or surrendered while cut off stay in the
    // formation's encircled share. jp_inf (ringed) gives up at its first supply phase cut off long
    // enough; the formation's one other battalion, smaller and in supply outside the ring, does
    // not make the formation relieved (the reinforcement that joins it later is kept out).
    let mut scn = (*ringed_pocket(&["jp_late"])).clone();
    let small = unit(&scn, "jp_inf2") as usize;
    scn.units[small].men = 400;
    scn.rules.supply.surrender_cohesion = 100.0;
    scn.rules.supply.surrender_chance = 1.0;
    let scn = std::sync::Arc::new(scn);
    let pocket = unit(&scn, "jp_inf");
    let events = play(&scn, 7, Box::new(Passive), Box::new(Passive));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, SimEvent::Surrendered { unit, .. } if *unit == pocket)),
        "the ringed battalion gives up"
    );
    let encircled = events
        .iter()
        .filter(
            |e| matches!(e, SimEvent::FormationEncircled { formation, .. } if formation == "jp"),
        )
        .count();
    let relieved = events
        .iter()
        .filter(|e| matches!(e, SimEvent::FormationRelieved { formation, .. } if formation == "jp"))
        .count();
    assert_eq!((encircled, relieved), (1, 0));
}
