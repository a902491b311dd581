//! The state of a game: each unit's components (its entity carries them) and the game-wide
//! resources. Only [`super::apply`] changes them, by applying events.

use crate::data::{EquipmentClass, Side, Stamp};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// A unit's stable id: its index in the scenario's unit list.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId(pub UnitIx);

/// The hex a unit stands in.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos(pub HexId);

/// The unit's side.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSide(pub Side);

/// Men and equipment still with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Component)]
pub struct Strength {
    pub men: u32,
    /// (equipment index, count), sorted by equipment index.
    pub equipment: Vec<(usize, u32)>,
}

/// A unit's state of mind and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Component)]
pub struct Condition {
    /// 0–100; below the rules' thresholds a unit cannot attack and may break.
    pub cohesion: f32,
    /// 0–100; lowers combat strength.
    pub fatigue: f32,
    /// Dug-in level; lost on moving.
    pub entrenchment: u8,
    /// 0–100.
    pub experience: u8,
    /// Hours of movement spent this turn.
    pub moved_hours: f32,
    /// Took part in a combat this turn (no rest recovery).
    pub fought: bool,
    /// Artillery: already fired this phase (supporting a combat or bombarding).
    pub fired: bool,
    /// Artillery: ammunition left, in fires (see `SideSetup.ammunition`).
    pub ammo: f32,
}

/// Supply status, set each supply phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Component)]
pub struct SupplyStatus {
    /// Consecutive supply phases the unit could not trace supply.
    pub turns_out: u32,
}

impl SupplyStatus {
    pub fn in_supply(self) -> bool {
        self.turns_out == 0
    }
}

/// The entity of each unit on the map, indexed by unit id.
#[derive(Resource, Debug, Clone, Default)]
pub struct UnitEntities(pub Vec<Option<Entity>>);

/// Where the game stands in time.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// 0-based turn number.
    pub turn: u32,
    /// Start of the current turn.
    pub now: Stamp,
    /// Side whose orders, movement and combat are under way.
    pub active: Side,
}

/// Losses of one side in real quantities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Losses {
    pub men: u32,
    pub tanks: u32,
    pub armored_cars: u32,
    /// Field guns, howitzers and anti-tank guns.
    pub guns: u32,
    /// Knocked-out tanks and armoured cars recovered and repaired (no longer in `tanks` and
    /// `armored_cars`).
    #[serde(default)]
    pub tanks_recovered: u32,
    #[serde(default)]
    pub armored_cars_recovered: u32,
    /// Aircraft lost in the air war.
    #[serde(default)]
    pub aircraft: u32,
}

impl Losses {
    /// Counts one unit's loss.
    pub fn add(&mut self, scn: &Scenario, loss: &super::UnitLoss) {
        self.men += loss.men;
        for &(e, n) in &loss.equipment {
            match scn.equipment[e].class {
                EquipmentClass::Tank => self.tanks += n,
                EquipmentClass::ArmoredCar => self.armored_cars += n,
                EquipmentClass::FieldGun | EquipmentClass::AntiTankGun => self.guns += n,
                _ => {}
            }
        }
    }

    /// Takes recovered vehicles off the losses.
    pub fn recover(&mut self, scn: &Scenario, equipment: &[(usize, u32)]) {
        for &(e, n) in equipment {
            match scn.equipment[e].class {
                EquipmentClass::Tank => {
                    self.tanks -= n.min(self.tanks);
                    self.tanks_recovered += n;
                }
                EquipmentClass::ArmoredCar => {
                    self.armored_cars -= n.min(self.armored_cars);
                    self.armored_cars_recovered += n;
                }
                _ => {}
            }
        }
    }
}

/// The result of a finished game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub winner: Option<Side>,
    pub soviet_points: f32,
    pub end: Stamp,
}

/// What the rules need to know of the game beyond the units: who holds each objective, which units
/// have come and gone, the air points left this turn, the formations cut off now, each side's
/// losses (the score counts men lost) and, once it is over, the outcome.
#[derive(Resource, Debug, Clone, Default)]
pub struct GameState {
    /// Holder of each scenario objective.
    pub holders: Vec<Side>,
    /// Units that have been placed on the map (reinforcements included).
    pub arrived: Vec<bool>,
    /// Units removed from play (destroyed, surrendered, withdrawn).
    pub removed: Vec<bool>,
    /// Men of each unit destroyed or surrendered while cut off (out of supply long enough to count
    /// for encirclement): they stay in their formations' encircled share (`rules::encirclement`).
    pub lost_cut_off: Vec<u32>,
    /// Air points left this turn per side.
    pub air_left: [f32; 2],
    /// Formations cut off now (at or above the encircled share), ascending.
    pub encircled_now: Vec<usize>,
    /// Aircraft left in each of the scenario's air units.
    pub aircraft: Vec<u32>,
    /// Whether each side has raided the enemy's airfields this turn.
    pub raided: [bool; 2],
    /// Knocked-out vehicles lying where they were hit, in the order they were hit.
    pub wrecks: Vec<super::rules::recovery::Wreck>,
    pub losses: [Losses; 2],
    pub outcome: Option<Outcome>,
}

/// The active side's turn so far: whether it has attacked (which ends its movement), the units that
/// have attacked and the hexes attacked (each at most once a turn).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct TurnState {
    pub attacked: bool,
    pub used: Vec<UnitIx>,
    pub hit: Vec<HexId>,
}

/// What each side knows of the enemy's units under fog of war (`rules::sight`), indexed by
/// `Side::index()` then unit id; changed only by `Sighted` events (and emptied for units that
/// leave play). Empty when the scenario is played without fog. A unit known but not seen now is a
/// ghost: where it was last seen, as it was then.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Knowledge {
    /// Where the side saw each unit last (`None`: never, or gone).
    pub last: [Vec<Option<HexId>>; 2],
    /// Whether the side sees each unit now.
    pub seen: [Vec<bool>; 2],
    /// Of each unit known but not seen now, its men, equipment and condition when last seen.
    pub ghost: [Vec<Option<(Strength, Condition)>>; 2],
    /// Whether it is night in this turn (units see `sight.night_km`).
    pub night: bool,
    /// Whether each side had air points at the start of this turn (its aircraft look too, by day).
    pub air: [bool; 2],
}

impl Knowledge {
    pub fn new(units: usize) -> Knowledge {
        Knowledge {
            last: [vec![None; units], vec![None; units]],
            seen: [vec![false; units], vec![false; units]],
            ghost: [vec![None; units], vec![None; units]],
            ..Default::default()
        }
    }

    /// Whether `side` sees unit `id` now.
    pub fn sees(&self, side: Side, id: UnitIx) -> bool {
        self.seen[side.index()]
            .get(id as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Where `side` last saw unit `id`.
    pub fn last_seen(&self, side: Side, id: UnitIx) -> Option<HexId> {
        self.last[side.index()].get(id as usize).copied().flatten()
    }

    /// The units `side` knows of but does not see now: (unit, hex where last seen, its men,
    /// equipment and condition then), by unit id.
    pub fn ghosts(
        &self,
        side: Side,
    ) -> impl Iterator<Item = (UnitIx, HexId, &Strength, &Condition)> {
        let i = side.index();
        self.ghost[i].iter().enumerate().filter_map(move |(u, g)| {
            let (s, c) = g.as_ref()?;
            Some((u as UnitIx, self.last[i][u]?, s, c))
        })
    }
}
