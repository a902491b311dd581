//! Controllers give a side's orders each turn: the historical plan, the rule-based computer opponent,
//! or a passive side. The simulation checks every order, whoever gave it.

mod ai;
mod plan;
mod random;
mod tactics;

pub use ai::AiController;
pub use plan::PlanController;
pub use random::RandomController;

pub use crate::sim::{Controller, OrderContext, Passive};

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

/// The controllers of the two sides: passive (never asked) for the sides people play, `computer`
/// for the others.
pub fn controller_kinds(humans: [bool; 2], computer: ControllerKind) -> [ControllerKind; 2] {
    [crate::data::Side::Soviet, crate::data::Side::Japanese].map(|s| {
        if humans[s.index()] {
            ControllerKind::Passive
        } else {
            computer
        }
    })
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
