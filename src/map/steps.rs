//! Step costs: the minutes a unit of each mobility class needs to cross each hex side, from the
//! terrain it enters, tracks, and rivers, ignoring units. Built once per scenario
//! ([`step_table`]) so that every search (movement, supply, the computer players' distance fields)
//! runs on integers.
//!
//! Rules:
//! - Entering a hex costs the terrain's hours for the mobility, or the track cost where a track
//!   crosses the side (whichever is lower); a minor river side adds `minor_river_hours`.
//! - A major river side is crossed at an open bridge by the mobility classes its capacity carries,
//!   for the land cost plus the capacity's `hours`. Elsewhere it is closed to vehicles; foot and
//!   horse cross it only as the first step of a turn's movement, and the crossing takes the unit's
//!   whole allowance (units that do not swim, such as horse-drawn guns, cannot).
//! - Supply is traced at motorised costs, over a major river only at an open bridge whose capacity
//!   carries supply.

use super::{HexId, HexMap, SideFeature};
use crate::data::Mobility;
use crate::data::rules::{BridgeCapacity, RulesFile, TerrainSpec};

/// Step-table entry: the side cannot be crossed by this mobility.
pub const IMPASSABLE: u16 = u16::MAX;
/// Step-table entry: an unbridged major river, crossed on foot or horse as the first step only.
pub const SWIM: u16 = u16::MAX - 1;

/// Minutes to step across each side of each hex, per mobility class (`Mobility as usize`), and for
/// supply traces ([`SUPPLY`]).
pub type StepTable = [Vec<[u16; 6]>; 5];

/// The step table of supply traces.
pub const SUPPLY: usize = 4;

/// A bridge standing on a major-river hex side (`dir` of `hex`).
#[derive(Debug, Clone, Copy)]
pub struct OpenBridge<'a> {
    pub hex: HexId,
    pub dir: usize,
    pub capacity: &'a BridgeCapacity,
}

/// What a step cost depends on: the map, its terrain (indexed like `map.terrain_keys`), the
/// rules' river and track numbers, and the bridges standing.
#[derive(Clone, Copy)]
pub struct Ground<'a> {
    pub map: &'a HexMap,
    pub terrain: &'a [TerrainSpec],
    pub rules: &'a RulesFile,
    pub bridges: &'a [OpenBridge<'a>],
}

impl Ground<'_> {
    pub fn terrain_at(&self, h: HexId) -> &TerrainSpec {
        &self.terrain[self.map.terrain[h.0 as usize] as usize]
    }

    /// The bridge standing on the side between `from` and its neighbour in `dir`, if any.
    pub fn bridge_on(&self, from: HexId, dir: usize) -> Option<&BridgeCapacity> {
        let to = self.map.neighbor(from, dir)?;
        self.bridges
            .iter()
            .find(|b| {
                (b.hex == from && b.dir == dir)
                    || (b.hex == to && self.map.side_between(to, from) == Some(b.dir))
            })
            .map(|b| b.capacity)
    }

    /// Hours to enter `to` from `from` over land (terrain or track, a minor river), ignoring a
    /// major river on the side; `None` when the terrain is closed to `mob`.
    fn land_hours(&self, mob: Mobility, from: HexId, dir: usize, to: HexId) -> Option<f32> {
        let terrain = self.terrain_at(to).cost.get(mob)?;
        let base = if self.map.has_track(from, dir) {
            self.rules
                .track_cost
                .get(mob)
                .unwrap_or(terrain)
                .min(terrain)
        } else {
            terrain
        };
        Some(
            base + if self.map.side_feature(from, dir) == SideFeature::MinorRiver {
                self.rules.minor_river_hours
            } else {
                0.0
            },
        )
    }

    /// Hours for a unit of `mob` with a turn allowance of `allowance` hours to step from `from`
    /// into the adjacent `to`; `None` when closed to it. `first_step` allows a major-river crossing
    /// away from a bridge on foot or horse (it costs the whole allowance).
    pub fn step_hours(
        &self,
        mob: Mobility,
        allowance: f32,
        from: HexId,
        to: HexId,
        first_step: bool,
    ) -> Option<f32> {
        let dir = self.map.side_between(from, to)?;
        if self.map.side_feature(from, dir) == SideFeature::MajorRiver {
            return match self.bridge_on(from, dir) {
                Some(b) if b.carries.contains(&mob) => {
                    Some(self.land_hours(mob, from, dir, to)? + b.hours)
                }
                _ => (!mob.is_vehicle() && first_step).then_some(allowance),
            };
        }
        self.land_hours(mob, from, dir, to)
    }

    /// Hours of a supply trace from `from` into `to` (motorised costs; a major river only over a
    /// bridge that carries supply); `None` when closed.
    pub fn supply_hours(&self, from: HexId, to: HexId) -> Option<f32> {
        let dir = self.map.side_between(from, to)?;
        let land = self.land_hours(Mobility::Motorised, from, dir, to)?;
        if self.map.side_feature(from, dir) != SideFeature::MajorRiver {
            return Some(land);
        }
        self.bridge_on(from, dir)
            .filter(|b| b.supply)
            .map(|b| land + b.hours)
    }

    /// [`Ground::step_hours`] for every side of every hex and every mobility, and
    /// [`Ground::supply_hours`], in whole minutes.
    pub fn step_table(&self) -> StepTable {
        let minutes =
            |c: Option<f32>| c.map_or(IMPASSABLE, |c| to_minutes(c).min(SWIM as u32 - 1) as u16);
        let table = |mob: Option<Mobility>| -> Vec<[u16; 6]> {
            (0..self.map.len() as u32)
                .map(|h| {
                    let mut row = [IMPASSABLE; 6];
                    for (d, slot) in row.iter_mut().enumerate() {
                        let Some(n) = self.map.neighbor(HexId(h), d) else {
                            continue;
                        };
                        let Some(mob) = mob else {
                            *slot = minutes(self.supply_hours(HexId(h), n));
                            continue;
                        };
                        let river = self.map.side_feature(HexId(h), d) == SideFeature::MajorRiver;
                        let bridged = self
                            .bridge_on(HexId(h), d)
                            .is_some_and(|b| b.carries.contains(&mob));
                        *slot = if river && !bridged {
                            if mob.is_vehicle() { IMPASSABLE } else { SWIM }
                        } else {
                            minutes(self.step_hours(mob, 0.0, HexId(h), n, false))
                        };
                    }
                    row
                })
                .collect()
        };
        [
            table(Some(Mobility::Foot)),
            table(Some(Mobility::Horse)),
            table(Some(Mobility::Motorised)),
            table(Some(Mobility::Tracked)),
            table(None),
        ]
    }
}

/// Minutes a step-table entry costs within a turn with `budget` minutes, and whether it is a river
/// crossing (which takes the whole budget and is allowed only as the first step); `None` if closed.
pub fn step_in_turn(entry: u16, first: bool, budget: u32) -> Option<(u32, bool)> {
    match entry {
        IMPASSABLE => None,
        SWIM => first.then_some((budget, true)),
        c => Some((c as u32, false)),
    }
}

/// Hours as whole minutes (rounded).
pub fn to_minutes(h: f32) -> u32 {
    (h * 60.0).round() as u32
}
