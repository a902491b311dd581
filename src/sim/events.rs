//! What happens in a game, in order. Events are the only way the game changes: the rules check an
//! order or a phase and emit events; [`super::apply`] applies each one to the world. Everything
//! else reads them — the window animates them, the recorder writes them, the statistics fold them,
//! and tests assert them.

use super::orders::Order;
use crate::data::{EquipmentClass, Side, Stamp};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use serde::{Deserialize, Serialize};

/// Men and equipment one unit loses.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UnitLoss {
    pub men: u32,
    /// (equipment index, count lost), by equipment index.
    pub equipment: Vec<(usize, u32)>,
}

impl UnitLoss {
    /// Pieces of equipment of a class in the loss.
    pub fn count(&self, scn: &Scenario, class: EquipmentClass) -> u32 {
        self.equipment
            .iter()
            .filter(|(e, _)| scn.equipment[*e].class == class)
            .map(|(_, n)| n)
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SimEvent {
    /// A unit present at the start is placed on the map.
    Deployed { unit: UnitIx, hex: HexId },
    /// A turn begins: the clock moves to `date`; each side gets its air points for the turn
    /// (indexed by `Side::index()`, none at night).
    TurnStarted {
        turn: u32,
        date: Stamp,
        night: bool,
        air: [f32; 2],
    },
    /// The day's fight for the air before the turn at `date` opens: aircraft lost, by air unit
    /// (an index of the scenario's `air_units`).
    AirBattle {
        date: Stamp,
        losses: Vec<(usize, u32)>,
    },
    /// `side` raided the enemy's airfields with its `air` points left this turn (all of them):
    /// aircraft destroyed on the ground, by enemy air unit.
    AirfieldRaid {
        side: Side,
        air: f32,
        destroyed: Vec<(usize, u32)>,
    },
    /// `side` gives its orders, moves and fights now.
    SideToMove { side: Side },
    /// Bridge `bridge` (an index of the scenario's bridges) went up (`stands`) or came down since
    /// the last turn.
    BridgeChanged { bridge: usize, stands: bool },
    /// A unit moved from `from` to `to`, spending `hours` of its movement.
    Moved {
        unit: UnitIx,
        from: HexId,
        to: HexId,
        hours: f32,
    },
    /// A move ran into enemy units its side had not seen: it stopped in `hex`, short of the
    /// `ordered` hex (the `Moved` before it took the unit there; its movement is over when `hex`
    /// is in the enemy's zone of control).
    Contact {
        unit: UnitIx,
        hex: HexId,
        ordered: HexId,
    },
    /// Fog of war: `side` now sees the enemy units `seen` in the hexes given (newly, or in a new
    /// hex); no longer sees `lost` (it knows them where, and as, it saw them last); and knows that
    /// `gone` are no longer where it saw them last (it sees that hex, and not them).
    Sighted {
        side: Side,
        seen: Vec<(UnitIx, HexId)>,
        lost: Vec<UnitIx>,
        gone: Vec<UnitIx>,
    },
    /// An order the rules refused; nothing changes.
    OrderRejected {
        side: Side,
        order: Order,
        reason: String,
    },
    /// An attack was fought: each unit's losses (in the order of `attackers` and `defenders`), the
    /// cohesion each side lost, the artillery that fired (either side; it fires once a phase) and the
    /// air points the attacker spent. Its consequences follow as their own events.
    Combat {
        side: Side,
        attackers: Vec<UnitIx>,
        defenders: Vec<UnitIx>,
        target: HexId,
        odds: f32,
        attacker_losses: Vec<UnitLoss>,
        defender_losses: Vec<UnitLoss>,
        attacker_cohesion_loss: f32,
        defender_cohesion_loss: f32,
        defender_retreats: bool,
        artillery: Vec<UnitIx>,
        air: f32,
        /// Of the vehicles lost, those knocked out rather than destroyed: (unit, equipment,
        /// count); they lie in `target` (see `rules::recovery`).
        wrecks: Vec<(UnitIx, usize, u32)>,
    },
    /// Knocked-out vehicles of `unit` lying in `hex` were recovered and repaired: they rejoin the
    /// unit and leave its side's losses.
    Recovered {
        unit: UnitIx,
        hex: HexId,
        equipment: Vec<(usize, u32)>,
    },
    /// Knocked-out vehicles of `side` in `hex` are lost for good: the enemy holds the ground, or
    /// their unit is gone. (They were counted lost when knocked out.)
    WrecksLost {
        side: Side,
        hex: HexId,
        wrecks: Vec<(UnitIx, usize, u32)>,
    },
    /// An artillery unit of `side` fired on `target` without an attack, with `fire` points of
    /// observed fire: each unit in the hex (`targets`) lost `losses` and `cohesion_loss`; the
    /// unit spent one fire of ammunition.
    Bombarded {
        side: Side,
        unit: UnitIx,
        target: HexId,
        fire: f32,
        targets: Vec<UnitIx>,
        losses: Vec<UnitLoss>,
        cohesion_loss: Vec<f32>,
    },
    /// A beaten unit fell back (losing cohesion and its entrenchment).
    Retreated {
        unit: UnitIx,
        from: HexId,
        to: HexId,
    },
    /// A retreating unit broke: men lost as stragglers and prisoners, heavy weapons abandoned.
    Routed { unit: UnitIx, loss: UnitLoss },
    /// The defenders are gone from the hex attacked.
    Taken { hex: HexId, by: Side },
    /// An attacker moved into the hex it took.
    Advanced { unit: UnitIx, to: HexId },
    /// A unit gave up: everything it had is lost, its men as prisoners.
    /// The unit gives up: everything it had is lost, `captured` of its men taken prisoner.
    Surrendered {
        unit: UnitIx,
        loss: UnitLoss,
        captured: u32,
    },
    /// A unit too weak to fight on is removed: everything it still had is lost.
    Destroyed { unit: UnitIx, loss: UnitLoss },
    /// A side's combat phase is over: its guns (and the enemy's) may fire again, and the next side
    /// starts with no attacks made.
    SideTurnEnded { side: Side },
    /// Supply was traced: the units listed are out of supply this turn, every other unit is in
    /// and gets its side's `ammunition.per_turn` fires (up to what it carries).
    SupplyTraced { cut: Vec<UnitIx> },
    /// A unit has just lost its supply (its first turn out).
    SupplyCut { unit: UnitIx },
    /// An encircled unit lost men to hunger, thirst and desertion.
    Attrition { unit: UnitIx, men: u32 },
    /// The turn's rest: units that neither moved nor fought dig in (and, in supply, recover
    /// cohesion); fatigue falls; movement and combat of the turn are cleared.
    Rested,
    /// A formation's cut-off share of men reached the rules' threshold.
    FormationEncircled {
        formation: String,
        side: Side,
        date: Stamp,
    },
    /// A formation cut off before is no longer.
    FormationRelieved { formation: String, date: Stamp },
    /// A reinforcement entered the map.
    Arrived { unit: UnitIx, hex: HexId },
    /// A unit left the battle by the scenario's schedule.
    Withdrawn { unit: UnitIx },
    /// An objective changed hands.
    ObjectiveTaken {
        objective: usize,
        name: String,
        by: Side,
    },
    GameOver {
        winner: Option<Side>,
        soviet_points: f32,
        date: Stamp,
    },
}

/// The units whose state an event changes.
pub enum Touches<'a> {
    Nothing,
    One(UnitIx),
    Some(&'a [UnitIx], &'a [UnitIx], &'a [UnitIx]),
    All,
}

impl SimEvent {
    /// Each unit's loss the event carries: a combat's attackers' and defenders', a rout's, a
    /// surrender's or a destruction's (attrition carries men only and is not among them).
    pub fn unit_losses(&self) -> impl Iterator<Item = (UnitIx, &UnitLoss)> + '_ {
        use SimEvent::*;
        let (a, al, d, dl): (&[UnitIx], &[UnitLoss], &[UnitIx], &[UnitLoss]) = match self {
            Combat {
                attackers,
                defenders,
                attacker_losses,
                defender_losses,
                ..
            } => (attackers, attacker_losses, defenders, defender_losses),
            Bombarded {
                targets, losses, ..
            } => (targets, losses, &[], &[]),
            Routed { unit, loss } | Surrendered { unit, loss, .. } | Destroyed { unit, loss } => (
                std::slice::from_ref(unit),
                std::slice::from_ref(loss),
                &[],
                &[],
            ),
            _ => (&[], &[], &[], &[]),
        };
        a.iter()
            .zip(al)
            .chain(d.iter().zip(dl))
            .map(|(&u, l)| (u, l))
    }

    /// The units whose state this event changes.
    pub fn touches(&self) -> Touches<'_> {
        use SimEvent::*;
        match self {
            Deployed { unit, .. }
            | Moved { unit, .. }
            | Retreated { unit, .. }
            | Routed { unit, .. }
            | Advanced { unit, .. }
            | Surrendered { unit, .. }
            | Destroyed { unit, .. }
            | Attrition { unit, .. }
            | Arrived { unit, .. }
            | Withdrawn { unit }
            | Recovered { unit, .. } => Touches::One(*unit),
            Combat {
                attackers,
                defenders,
                artillery,
                ..
            } => Touches::Some(attackers, defenders, artillery),
            Bombarded { unit, targets, .. } => {
                Touches::Some(std::slice::from_ref(unit), targets, &[])
            }
            SideTurnEnded { .. } | SupplyTraced { .. } | Rested => Touches::All,
            TurnStarted { .. }
            | SideToMove { .. }
            | BridgeChanged { .. }
            | AirBattle { .. }
            | AirfieldRaid { .. }
            | WrecksLost { .. }
            | OrderRejected { .. }
            | Contact { .. }
            | Sighted { .. }
            | Taken { .. }
            | SupplyCut { .. }
            | FormationEncircled { .. }
            | FormationRelieved { .. }
            | ObjectiveTaken { .. }
            | GameOver { .. } => Touches::Nothing,
        }
    }

    /// The event's kind, as the event export names it.
    pub fn kind(&self) -> &'static str {
        use SimEvent::*;
        match self {
            Deployed { .. } => "deployed",
            TurnStarted { .. } => "turn_started",
            SideToMove { .. } => "side_to_move",
            BridgeChanged { .. } => "bridge_changed",
            AirBattle { .. } => "air_battle",
            AirfieldRaid { .. } => "airfield_raid",
            Moved { .. } => "moved",
            OrderRejected { .. } => "order_rejected",
            Contact { .. } => "contact",
            Sighted { .. } => "sighted",
            Combat { .. } => "combat",
            Bombarded { .. } => "bombarded",
            Retreated { .. } => "retreated",
            Routed { .. } => "routed",
            Taken { .. } => "taken",
            Advanced { .. } => "advanced",
            Surrendered { .. } => "surrendered",
            Destroyed { .. } => "destroyed",
            SideTurnEnded { .. } => "side_turn_ended",
            SupplyTraced { .. } => "supply_traced",
            SupplyCut { .. } => "supply_cut",
            Attrition { .. } => "attrition",
            Rested => "rested",
            FormationEncircled { .. } => "formation_encircled",
            FormationRelieved { .. } => "formation_relieved",
            Arrived { .. } => "arrived",
            Withdrawn { .. } => "withdrawn",
            Recovered { .. } => "recovered",
            WrecksLost { .. } => "wrecks_lost",
            ObjectiveTaken { .. } => "objective_taken",
            GameOver { .. } => "game_over",
        }
    }
}

/// Pieces of equipment lost by all the units of a list of losses.
pub fn pieces_of(losses: &[UnitLoss]) -> u32 {
    losses
        .iter()
        .flat_map(|l| &l.equipment)
        .map(|&(_, n)| n)
        .sum()
}

/// Men lost by all the units of a list of losses.
pub fn men_of(losses: &[UnitLoss]) -> u32 {
    losses.iter().map(|l| l.men).sum()
}

/// Tanks lost by all the units of a list of losses.
pub fn tanks_of(scn: &Scenario, losses: &[UnitLoss]) -> u32 {
    losses
        .iter()
        .map(|l| l.count(scn, EquipmentClass::Tank))
        .sum()
}
