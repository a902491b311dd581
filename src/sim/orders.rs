//! Orders and who gives them. A controller (the historical plan, the computer opponent, a recorded
//! replay) or a person gives orders for its side; the simulation checks each one against the rules
//! and refuses an illegal one with a reason, whoever gave it. Controllers depend on the simulation,
//! never the other way.

use super::board::Board;
use crate::data::{Side, Stamp};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};

/// An order from a controller or a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// Move a unit to a hex it can reach this turn.
    Move { unit: UnitIx, to: HexId },
    /// Attack the enemy in `target` with units adjacent to it (after movement).
    Attack { units: Vec<UnitIx>, target: HexId },
    /// Fire an artillery unit's guns on an enemy hex in range that the side observes, without an
    /// attack (counter-battery fire, or fire before an attack).
    Bombard { unit: UnitIx, target: HexId },
    /// Send the side's bombers this day turn against the enemy's airfields instead of the ground
    /// battle (where the scenario allows it).
    RaidAirfields,
}

/// What a controller sees when it gives orders.
pub struct OrderContext<'a> {
    pub scn: &'a Scenario,
    pub board: &'a Board,
    pub side: Side,
    pub now: Stamp,
    pub turn: u32,
    /// Air points the side has left this turn.
    pub air_left: f32,
    /// Who holds each objective (indexed like `scn.objectives`).
    pub holders: &'a [Side],
    /// Aircraft left in each of the scenario's air units.
    pub aircraft: &'a [u32],
}

/// Gives one side's orders. Must be deterministic: the same context gives the same orders.
pub trait Controller: Send + Sync {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order>;
}

/// Gives no orders: units stay where they are and dig in.
pub struct Passive;

impl Controller for Passive {
    fn orders(&mut self, _: &OrderContext) -> Vec<Order> {
        Vec::new()
    }
}

/// Which sides a person plays (indexed by `Side::index()`): their orders come through
/// [`PlayerCommands`], not a controller. Both `false` for headless games.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Humans(pub [bool; 2]);

/// What a person does in their side's orders phase, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerCommand {
    /// A move or an attack, carried out at once (moves only before the turn's first attack).
    Order(Order),
    /// Ends the side's turn.
    EndTurn,
}

/// Commands waiting for the next orders phase of a person's side (the window fills it).
#[derive(Resource, Debug, Clone, Default)]
pub struct PlayerCommands(pub Vec<PlayerCommand>);

/// Every order given so far, with its turn and side (a replay's content): each one the rules
/// accepted, and each one of a computer side they refused (so that a replay gives the same
/// `OrderRejected` events, event for event); `.1` holds the indices in `.0` of the refused ones,
/// in order. A person's refused order is not kept: it was never part of the game.
#[derive(Resource, Default, Debug, Clone)]
pub struct OrderLog(pub Vec<(u32, Side, Order)>, pub Vec<usize>);
