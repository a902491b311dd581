//! The turn runs as a Bevy state machine in a fixed order, and orders from any controller are checked
//! by the simulation: illegal ones are refused with a reason, legal ones carried out.

mod common;
use bevy::prelude::*;
use common::*;
use khalkhin_gol::control::{Controller, OrderContext, Passive};
use khalkhin_gol::data::Side;
use khalkhin_gol::sim::{Clock, EventLog, Order, Phase, SimEvent, headless_app};

#[test]
fn each_turn_runs_its_phases_in_order_one_update_per_phase() {
    let scn = mini();
    let mut app = headless_app(scn.clone(), 1, [Box::new(Passive), Box::new(Passive)]);
    let mut seen = Vec::new();
    for _ in 0..12 {
        app.update();
        seen.push(*app.world().resource::<State<Phase>>().get());
    }
    use Phase::*;
    assert_eq!(
        seen,
        vec![
            Setup,
            Orders,
            Movement,
            Combat,
            Orders,
            Movement,
            Combat,
            Supply,
            Reinforcements,
            Victory,
            Orders,
            Movement
        ]
    );
    let clock = app.world().resource::<Clock>();
    assert_eq!(clock.turn, 1);
    assert_eq!(clock.now.to_string(), "1939-08-20T12:00");
    assert_eq!(
        clock.active,
        Side::Soviet,
        "the side with the initiative opens each turn"
    );
}

/// Gives a fixed list of orders on the first turn only.
struct Scripted(Vec<Order>);

impl Controller for Scripted {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        if ctx.turn == 0 {
            std::mem::take(&mut self.0)
        } else {
            Vec::new()
        }
    }
}

#[test]
fn illegal_orders_are_refused_with_a_reason_and_legal_ones_carried_out() {
    let scn = mini();
    let (rifle, tank, jp) = (
        unit(&scn, "su_rifle"),
        unit(&scn, "su_tank2"),
        unit(&scn, "jp_inf"),
    );
    let orders = vec![
        Order::Move {
            unit: jp,
            to: hex(&scn, 7, 6),
        }, // not ours
        Order::Move {
            unit: rifle,
            to: hex(&scn, 11, 9),
        }, // far too far on foot
        Order::Move {
            unit: tank,
            to: hex(&scn, 4, 4),
        }, // legal: one hex along the track
        Order::Move {
            unit: tank,
            to: hex(&scn, 7, 6),
        }, // legal: on with the hours left, over the bridge into the enemy's zone of control
        Order::Move {
            unit: tank,
            to: hex(&scn, 6, 6),
        }, // its movement ended in the zone
        Order::Attack {
            units: vec![rifle],
            target: hex(&scn, 8, 6),
        }, // not adjacent
    ];
    let mut app = headless_app(
        scn.clone(),
        1,
        [Box::new(Scripted(orders)), Box::new(Passive)],
    );
    for _ in 0..4 {
        app.update();
    }
    let log = &app.world().resource::<EventLog>().0;
    let reasons: Vec<&str> = log
        .iter()
        .filter_map(|e| match e {
            SimEvent::OrderRejected { reason, .. } => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].contains("other side"), "{}", reasons[0]);
    assert!(reasons[1].contains("cannot reach"), "{}", reasons[1]);
    assert!(reasons[2].contains("zone of control"), "{}", reasons[2]);
    assert!(reasons[3].contains("not adjacent"), "{}", reasons[3]);
    for to in [hex(&scn, 4, 4), hex(&scn, 7, 6)] {
        assert!(log.iter().any(
            |e| matches!(e, SimEvent::Moved { unit, to: t, .. } if *unit == tank && *t == to)
        ));
    }
}
