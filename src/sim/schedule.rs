//! The turn schedule: one system per phase, each calling the rules in order and naming the next
//! phase. No rule lives here.
//!
//! `Setup → (Orders → Movement → Combat) for the side with the initiative, then for the other side
//! → Supply → Reinforcements → Victory →` the next turn's `Orders`, or `GameOver`.

use super::apply::{RulesBoard, Step};
use super::intake;
use super::rules::{
    air, air_war, airfield_raids, attacks, bombardment, bridges, encirclement, movement,
    objectives, recovery, reinforcements, sight, supply, victory,
};
use super::*;

fn next(world: &mut World, p: Phase) {
    world.resource_mut::<NextState<Phase>>().set(p);
}

/// Opens a turn: the day's fight for the air, the clock, the air points of both sides, the first
/// side to move.
fn start_turn(step: &mut Step, turn: u32, date: Stamp) {
    let scn = step.scn.clone();
    air_war::air_battle(step, date);
    let [s, j] = air::air_of_turn(&scn, date);
    let [as_, aj] = air_war::aircraft_points(&scn, &step.game().aircraft, date);
    step.emit(SimEvent::TurnStarted {
        turn,
        date,
        night: scn.is_night(date),
        air: [s + as_, j + aj],
    });
    bridges::bridges_of_turn(step, turn, date);
    if scn.file.fog.on {
        sight::start_turn(step, turn == 0);
    }
    step.emit(SimEvent::SideToMove {
        side: scn.first_side,
    });
}

/// Places the units present at the start and opens the first turn.
pub fn setup(world: &mut World) {
    let mut step = Step::new(world);
    let scn = step.scn.clone();
    for (ix, u) in scn.units.iter().enumerate() {
        if u.arrives.is_none() {
            step.emit(SimEvent::Deployed {
                unit: ix as UnitIx,
                hex: u.hex,
            });
        }
    }
    start_turn(&mut step, 0, scn.file.start);
    step.next_phase(Phase::Orders);
}

/// The active side's controller gives its orders; a side a person plays gives them one at a time
/// (see [`intake`]).
pub fn orders(world: &mut World) {
    let active = world.resource::<Clock>().active;
    if world.resource::<Humans>().0[active.index()] {
        intake::human_turn(world);
        return;
    }
    let scn = world.resource::<SimScenario>().0.clone();
    let board = match world.resource_mut::<RulesBoard>().0.take() {
        Some(b) => b,
        None => read_board(world),
    };
    let clock = *world.resource::<Clock>();
    let game = world.resource::<GameState>();
    let air_left = game.air_left[clock.active.index()];
    let holders = game.holders.clone();
    let aircraft = game.aircraft.clone();
    // The controller sees what its side knows (everything without fog).
    let known = scn
        .file
        .fog
        .on
        .then(|| sight::known_board(&scn, &board, world.resource::<Knowledge>(), clock.active));
    let ctx = OrderContext {
        scn: &scn,
        board: known.as_ref().unwrap_or(&board),
        side: clock.active,
        now: clock.now,
        turn: clock.turn,
        air_left,
        holders: &holders,
        aircraft: &aircraft,
    };
    let orders = world.resource_mut::<Controllers>().0[clock.active.index()].orders(&ctx);
    world.resource_mut::<RulesBoard>().0 = Some(board);
    world.resource_mut::<PendingOrders>().0 = orders;
    next(world, Phase::Movement);
}

/// Carries out the move orders in the order given.
pub fn movement(world: &mut World) {
    let orders = std::mem::take(&mut world.resource_mut::<PendingOrders>().0);
    let mut step = Step::new(world);
    carry_out(&mut step, &orders, false, true);
    step.next_phase(Phase::Combat);
    drop(step);
    world.resource_mut::<PendingOrders>().0 = orders;
}

/// Carries out the orders of one kind (moves, or with `attacks` attacks) in the order given,
/// recording those the rules accept, and with `keep_refused` (a computer side's orders) those they
/// refuse.
pub fn carry_out(step: &mut Step, orders: &[Order], attacks: bool, keep_refused: bool) {
    let side = step.clock().active;
    let zoc = if attacks {
        Vec::new()
    } else {
        step.board.zoc_of(&step.scn, side.enemy())
    };
    for order in orders {
        let ok = match order {
            Order::Move { unit, to } if !attacks => {
                movement::carry_out(step, side, &zoc, *unit, *to)
            }
            Order::Attack { units, target } if attacks => {
                attacks::carry_out(step, side, units, *target)
            }
            Order::Bombard { unit, target } if attacks => {
                bombardment::carry_out(step, side, *unit, *target)
            }
            Order::RaidAirfields if attacks => airfield_raids::carry_out(step, side),
            _ => continue,
        };
        if ok || keep_refused {
            step.record_order(order.clone(), !ok);
        }
    }
}

/// Resolves the attack orders in the order given; ends the side's turn and hands on to the other
/// side, or to supply once both have moved.
pub fn combat(world: &mut World) {
    let orders = std::mem::take(&mut world.resource_mut::<PendingOrders>().0);
    let mut step = Step::new(world);
    carry_out(&mut step, &orders, true, true);
    let side = step.clock().active;
    let first = step.scn.first_side;
    step.emit(SimEvent::SideTurnEnded { side });
    if side == first {
        step.emit(SimEvent::SideToMove { side: side.enemy() });
        step.next_phase(Phase::Orders);
    } else {
        step.next_phase(Phase::Supply);
    }
}

pub fn supply(world: &mut World) {
    let mut step = Step::new(world);
    supply::supply_phase(&mut step);
    recovery::recover(&mut step);
    encirclement::check(&mut step);
    step.next_phase(Phase::Reinforcements);
}

pub fn reinforcements(world: &mut World) {
    let mut step = Step::new(world);
    reinforcements::reinforcements_phase(&mut step);
    step.next_phase(Phase::Victory);
}

/// Objectives change hands; the game ends, or the next turn opens.
pub fn victory(world: &mut World) {
    let mut step = Step::new(world);
    objectives::update(&mut step);
    if victory::end_if_over(&mut step) {
        step.next_phase(Phase::GameOver);
        return;
    }
    let clock = step.clock();
    let date = clock.now.plus_hours(step.scn.file.turn_hours as i64);
    start_turn(&mut step, clock.turn + 1, date);
    step.next_phase(Phase::Orders);
}
