//! A person's orders: during their side's orders phase each command is carried out at once by the
//! same rules as a controller's orders (moves, then attacks; the first attack ends the side's
//! movement) and recorded, so a replay of the order log gives the same game. A saved game being
//! resumed gives the recorded orders of each turn and ends it, until the point where it was saved.

use super::apply::Step;
use super::schedule::carry_out;
use super::*;
use std::collections::BTreeMap;

/// A saved game being played again: the people's orders by (turn, side index), given turn by turn
/// (each turn ended for them) until `stop`, where they are given and the person takes over.
#[derive(Resource, Debug, Clone, Default)]
pub struct Resume {
    pub orders: BTreeMap<(u32, usize), Vec<Order>>,
    pub stop: Option<(u32, usize)>,
}

impl Resume {
    /// Whether the saved game is still being played again.
    pub fn replaying(&self) -> bool {
        self.stop.is_some()
    }
}

/// A person's side in its orders phase: carries out the commands waiting in [`PlayerCommands`];
/// `EndTurn` hands on to the (then empty) movement and combat phases.
pub fn human_turn(world: &mut World) {
    if world.resource::<Resume>().replaying() {
        let clock = *world.resource::<Clock>();
        let key = (clock.turn, clock.active.index());
        let mut resume = world.resource_mut::<Resume>();
        let orders = resume.orders.remove(&key).unwrap_or_default();
        let at_stop = resume.stop == Some(key);
        if at_stop {
            resume.stop = None;
        }
        let mut queue: Vec<PlayerCommand> = orders.into_iter().map(PlayerCommand::Order).collect();
        if !at_stop {
            queue.push(PlayerCommand::EndTurn);
        }
        world.resource_mut::<PlayerCommands>().0.splice(0..0, queue);
    }
    let commands = std::mem::take(&mut world.resource_mut::<PlayerCommands>().0);
    for c in commands {
        match c {
            PlayerCommand::Order(order) => {
                let attack = matches!(
                    order,
                    Order::Attack { .. } | Order::Bombard { .. } | Order::RaidAirfields
                );
                carry_out(
                    &mut Step::new(world),
                    std::slice::from_ref(&order),
                    attack,
                    false,
                );
            }
            PlayerCommand::EndTurn => {
                world.resource_mut::<PendingOrders>().0.clear();
                world
                    .resource_mut::<NextState<Phase>>()
                    .set(Phase::Movement);
                return;
            }
        }
    }
}
