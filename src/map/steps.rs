//! Step costs: the minutes a unit of each mobility class needs to cross each hex side, from the
//! terrain it enters, tracks, and rivers, ignoring units. Built once per scenario
//! ([`step_table`]) so that every search (movement, supply, the computer players' distance fields)
//! runs on integers.
//!
//! Rules:
//! - Entering a hex costs the terrain's hours for the mobility, or the track cost where a track
//!   crosses the side (whichever is lower); a minor river side adds `minor_river_hours`.
//! - An unbridged major river side is closed to vehicles; foot and horse cross it only as the first
//!   step of a turn's movement, and the crossing takes the unit's whole allowance.

use super::{HexId, HexMap, SideFeature};
use crate::data::Mobility;
use crate::data::rules::{RulesFile, TerrainSpec};

/// Step-table entry: the side cannot be crossed by this mobility.
pub const IMPASSABLE: u16 = u16::MAX;
/// Step-table entry: an unbridged major river, crossed on foot or horse as the first step only.
pub const SWIM: u16 = u16::MAX - 1;

/// Minutes to step across each side of each hex, per mobility class (`Mobility as usize`).
pub type StepTable = [Vec<[u16; 6]>; 4];

/// What a step cost depends on: the map, its terrain (indexed like `map.terrain_keys`) and the
/// rules' river and track numbers.
#[derive(Clone, Copy)]
pub struct Ground<'a> {
    pub map: &'a HexMap,
    pub terrain: &'a [TerrainSpec],
    pub rules: &'a RulesFile,
}

impl Ground<'_> {
    pub fn terrain_at(&self, h: HexId) -> &TerrainSpec {
        &self.terrain[self.map.terrain[h.0 as usize] as usize]
    }

    /// Hours for a unit of `mob` with a turn allowance of `allowance` hours to step from `from`
    /// into the adjacent `to`; `None` when closed to it. `first_step` allows a major-river crossing
    /// on foot or horse (it costs the whole allowance).
    pub fn step_hours(
        &self,
        mob: Mobility,
        allowance: f32,
        from: HexId,
        to: HexId,
        first_step: bool,
    ) -> Option<f32> {
        let dir = self.map.side_between(from, to)?;
        let feature = self.map.side_feature(from, dir);
        if feature == SideFeature::MajorRiver {
            return (!mob.is_vehicle() && first_step).then_some(allowance);
        }
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
            base + if feature == SideFeature::MinorRiver {
                self.rules.minor_river_hours
            } else {
                0.0
            },
        )
    }

    /// [`Ground::step_hours`] for every side of every hex and every mobility, in whole minutes.
    pub fn step_table(&self) -> StepTable {
        let table = |mob: Mobility| -> Vec<[u16; 6]> {
            (0..self.map.len() as u32)
                .map(|h| {
                    let mut row = [IMPASSABLE; 6];
                    for (d, slot) in row.iter_mut().enumerate() {
                        let Some(n) = self.map.neighbor(HexId(h), d) else {
                            continue;
                        };
                        *slot = if self.map.side_feature(HexId(h), d) == SideFeature::MajorRiver {
                            if mob.is_vehicle() { IMPASSABLE } else { SWIM }
                        } else {
                            self.step_hours(mob, 0.0, HexId(h), n, false)
                                .map_or(IMPASSABLE, |c| to_minutes(c).min(SWIM as u32 - 1) as u16)
                        };
                    }
                    row
                })
                .collect()
        };
        [
            table(Mobility::Foot),
            table(Mobility::Horse),
            table(Mobility::Motorised),
            table(Mobility::Tracked),
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
