//! Controllers give a side's orders each turn: the historical plan, the rule-based computer opponent,
//! or a passive side. The simulation checks every order, whoever gave it.

mod ai;
mod plan;
mod random;
mod tactics;

pub use ai::AiController;
pub use plan::PlanController;
pub use random::RandomController;

use crate::data::{Side, Stamp};
use crate::scenario::Scenario;
use crate::sim::{Board, Order};

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

/// The kinds of controller the command line offers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ControllerKind {
    /// Follows the scenario's historical plan.
    Plan,
    /// The rule-based computer opponent.
    Ai,
    /// Gives no orders.
    Passive,
    /// Moves and attacks at random: a baseline.
    Random,
}

impl ControllerKind {
    /// The name the command line uses.
    pub fn key(self) -> &'static str {
        match self {
            ControllerKind::Plan => "plan",
            ControllerKind::Ai => "ai",
            ControllerKind::Passive => "passive",
            ControllerKind::Random => "random",
        }
    }

    pub fn build(self) -> Box<dyn Controller> {
        match self {
            ControllerKind::Plan => Box::new(PlanController::default()),
            ControllerKind::Ai => Box::new(AiController::default()),
            ControllerKind::Passive => Box::new(Passive),
            ControllerKind::Random => Box::new(RandomController),
        }
    }
}
