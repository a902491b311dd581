//! A person plays a side: the simulation waits in that side's orders phase, carries out each move or
//! attack at once (moves before the turn's first attack), refuses illegal ones with a reason, and
//! records what it carried out, so the game replays exactly from its orders.

mod common;
use bevy::prelude::*;
use common::*;
use khalkhin_gol::analysis::ReplayFile;
use khalkhin_gol::control::{ControllerKind, Passive};
use khalkhin_gol::sim::{
    Clock, EventLog, GameState, Humans, Order, OrderLog, Phase, PlayerCommand, PlayerCommands, Pos,
    SimEvent, UnitId, headless_app,
};

fn phase(app: &App) -> Phase {
    *app.world().resource::<State<Phase>>().get()
}

fn send(app: &mut App, c: PlayerCommand) {
    app.world_mut().resource_mut::<PlayerCommands>().0.push(c);
    app.update();
}

fn position(app: &mut App, id: u32) -> khalkhin_gol::map::HexId {
    let mut q = app.world_mut().query::<(&UnitId, &Pos)>();
    q.iter(app.world())
        .find(|(u, _)| u.0 == id)
        .map(|(_, p)| p.0)
        .expect("on the map")
}

#[test]
fn a_persons_side_waits_for_orders_and_carries_each_out_at_once() {
    let scn = mini();
    let mut app = headless_app(
        scn.clone(),
        5,
        [Box::new(Passive), ControllerKind::Ai.build()],
    );
    app.world_mut().insert_resource(Humans([true, false]));
    for _ in 0..6 {
        app.update();
    }
    assert_eq!(phase(&app), Phase::Orders, "waits for the person");
    assert_eq!(app.world().resource::<Clock>().turn, 0);

    let tank = unit(&scn, "su_tank");
    let to = hex(&scn, 5, 6);
    send(
        &mut app,
        PlayerCommand::Order(Order::Move { unit: tank, to }),
    );
    assert_eq!(position(&mut app, tank), to, "moved at once");
    assert_eq!(app.world().resource::<OrderLog>().0.len(), 1);

    // A move beyond the unit's reach is refused with a reason and not recorded.
    let far = hex(&scn, 11, 0);
    let rifle = unit(&scn, "su_rifle");
    send(
        &mut app,
        PlayerCommand::Order(Order::Move {
            unit: rifle,
            to: far,
        }),
    );
    assert_ne!(position(&mut app, rifle), far);
    let last = app.world().resource::<EventLog>().0.last().cloned();
    assert!(
        matches!(last, Some(SimEvent::OrderRejected { .. })),
        "{last:?}"
    );
    assert_eq!(app.world().resource::<OrderLog>().0.len(), 1);

    // Ending the turn lets the computer's side play; the next turn waits again.
    send(&mut app, PlayerCommand::EndTurn);
    for _ in 0..12 {
        app.update();
    }
    assert_eq!(phase(&app), Phase::Orders);
    let clock = *app.world().resource::<Clock>();
    assert_eq!((clock.turn, clock.active.key()), (1, "soviet"));
}

#[test]
fn a_played_game_replays_exactly_from_its_recorded_orders() {
    let scn = mini();
    let mut app = headless_app(
        scn.clone(),
        8,
        [Box::new(Passive), ControllerKind::Ai.build()],
    );
    app.world_mut().insert_resource(Humans([true, false]));
    app.update();
    // The person advances the tank a hex a turn toward the enemy, then ends the turn.
    let tank = unit(&scn, "su_tank");
    for _ in 0..400 {
        if app.world().resource::<GameState>().outcome.is_some() {
            break;
        }
        if phase(&app) == Phase::Orders
            && app.world().resource::<Clock>().active == khalkhin_gol::data::Side::Soviet
        {
            let at = position(&mut app, tank);
            let (c, r) = scn.map.offset(at);
            if let Some(to) = scn.map.id(c + 1, r) {
                send(
                    &mut app,
                    PlayerCommand::Order(Order::Move { unit: tank, to }),
                );
            }
            send(&mut app, PlayerCommand::EndTurn);
        } else {
            app.update();
        }
    }
    assert!(app.world().resource::<GameState>().outcome.is_some());
    let played = app.world().resource::<EventLog>().0.clone();
    let orders = app.world().resource::<OrderLog>().clone();
    assert!(
        orders
            .0
            .iter()
            .any(|(_, s, _)| *s == khalkhin_gol::data::Side::Soviet),
        "the person's moves are recorded"
    );
    let file = ReplayFile::new(
        &scn,
        8,
        (ControllerKind::Passive, ControllerKind::Ai),
        &orders,
    );
    let (_, replayed) =
        khalkhin_gol::analysis::play_replay(&file, &scn, std::path::Path::new("test"))
            .expect("the record plays back");
    // Orders the simulation refused changed nothing and are not recorded: the rest is identical.
    let kept = |log: &[SimEvent]| {
        log.iter()
            .filter(|e| !matches!(e, SimEvent::OrderRejected { .. }))
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
    };
    assert!(
        played
            .iter()
            .any(|e| matches!(e, SimEvent::Moved { unit, .. } if *unit == tank))
    );
    assert_eq!(kept(&played), kept(&replayed.0));
}

/// A computer side that gives the orders written for each turn.
struct Scripted(Vec<(u32, Order)>);

impl khalkhin_gol::control::Controller for Scripted {
    fn orders(&mut self, ctx: &khalkhin_gol::control::OrderContext) -> Vec<Order> {
        self.0
            .iter()
            .filter(|(turn, _)| *turn == ctx.turn)
            .map(|(_, o)| o.clone())
            .collect()
    }
}

#[test]
fn the_attack_preview_gives_the_odds_the_attack_is_fought_at() {
    use khalkhin_gol::data::Side;
    use khalkhin_gol::play::{attack_group, attack_preview};
    use khalkhin_gol::sim::read_board;
    // The computer's Soviet side attacks the Japanese infantry with the tank battalion in the first
    // turn, the howitzers behind it firing in support; the person plays the Japanese side.
    let scn = mini();
    let (tank, art, inf) = (
        unit(&scn, "su_tank"),
        unit(&scn, "su_art"),
        unit(&scn, "jp_inf"),
    );
    let jp_hex = hex(&scn, 8, 6);
    let soviet = Scripted(vec![
        (
            0,
            Order::Move {
                unit: tank,
                to: hex(&scn, 7, 6),
            },
        ),
        (
            0,
            Order::Attack {
                units: vec![tank],
                target: jp_hex,
            },
        ),
    ]);
    let mut app = headless_app(scn.clone(), 3, [Box::new(soviet), Box::new(Passive)]);
    app.world_mut().insert_resource(Humans([false, true]));
    for _ in 0..12 {
        app.update();
    }
    assert_eq!(app.world().resource::<Clock>().active, Side::Japanese);
    assert_eq!(phase(&app), Phase::Orders);
    let art_hex = position(&mut app, art);
    let in_range = |h| scn.map.distance(art_hex, h) <= 9;
    assert!(in_range(jp_hex));
    assert!(
        app.world()
            .resource::<EventLog>()
            .0
            .iter()
            .any(|e| matches!(e, SimEvent::Combat { target, .. } if *target == jp_hex)),
        "the Soviet attack was fought"
    );

    // The Japanese turn starts with every gun ready again, and the Japanese player's counter-attack
    // on the tanks is fought at the odds its preview gave, the howitzers in range of the defence.
    let board = read_board(app.world_mut());
    assert!(board.live().all(|u| !u.condition.fired));
    let target = board.get(tank).expect("on the map").hex;
    assert!(in_range(target));
    let group = attack_group(&scn, &board, Side::Japanese, target);
    assert!(group.contains(&inf), "{group:?}");
    let now = app.world().resource::<Clock>().now;
    let air = app.world().resource::<GameState>().air_left[Side::Japanese.index()];
    let preview = attack_preview(&scn, &board, &group, target, now, air).expect("possible");
    send(
        &mut app,
        PlayerCommand::Order(Order::Attack {
            units: group,
            target,
        }),
    );
    let fought = app
        .world()
        .resource::<EventLog>()
        .0
        .iter()
        .rev()
        .find_map(|e| match e {
            SimEvent::Combat {
                odds, target: t, ..
            } if *t == target => Some(*odds),
            _ => None,
        });
    assert_eq!(fought, Some(preview.odds));
}
