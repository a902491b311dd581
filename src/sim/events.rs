//! What happened, in order: the simulation's output for the view, the recorder and statistics.

use crate::data::{Side, Stamp};
use crate::map::HexId;
use crate::scenario::UnitIx;
use serde::{Deserialize, Serialize};

/// An order from a controller. The simulation checks each and refuses illegal ones with a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// Move a unit to a hex it can reach this turn.
    Move { unit: UnitIx, to: HexId },
    /// Attack the enemy in `target` with units adjacent to it (after movement).
    Attack { units: Vec<UnitIx>, target: HexId },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SimEvent {
    TurnStarted {
        turn: u32,
        date: Stamp,
        night: bool,
    },
    Moved {
        unit: UnitIx,
        from: HexId,
        to: HexId,
        hours: f32,
    },
    OrderRejected {
        side: Side,
        order: Order,
        reason: String,
    },
    Combat {
        attackers: Vec<UnitIx>,
        defenders: Vec<UnitIx>,
        target: HexId,
        odds: f32,
        attacker_men_lost: u32,
        defender_men_lost: u32,
        attacker_tanks_lost: u32,
        defender_tanks_lost: u32,
        taken: bool,
    },
    Retreated {
        unit: UnitIx,
        from: HexId,
        to: HexId,
    },
    Advanced {
        unit: UnitIx,
        to: HexId,
    },
    /// A retreating unit broke: men lost as stragglers and prisoners, heavy weapons abandoned.
    Routed {
        unit: UnitIx,
        men_lost: u32,
    },
    Surrendered {
        unit: UnitIx,
        men: u32,
    },
    Destroyed {
        unit: UnitIx,
    },
    SupplyCut {
        unit: UnitIx,
    },
    FormationEncircled {
        formation: String,
        side: Side,
        date: Stamp,
    },
    Arrived {
        unit: UnitIx,
        hex: HexId,
    },
    Withdrawn {
        unit: UnitIx,
    },
    ObjectiveTaken {
        name: String,
        by: Side,
    },
    GameOver {
        winner: Option<Side>,
        soviet_points: f32,
        date: Stamp,
    },
}
