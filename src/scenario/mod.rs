//! A scenario loaded, checked and resolved against its map and data: everything the simulation needs,
//! with names turned into indices and hexes.

mod carried;
mod load;
pub mod ranges;
mod validate;

pub use carried::{Carried, CarriedUnit};
pub use load::{load_scenario, load_scenario_with, whole_map};
pub use validate::{FileKind, file_kind, validate_file, validate_file_with};

use crate::data::rules::{RulesFile, TerrainSpec, UnitTypeSpec};
use crate::data::scenario::Task;
use crate::data::{EquipmentFile, EquipmentSpec, ScenarioFile, Side, Stamp};
use crate::map::{HexId, HexMap};
use std::path::PathBuf;

/// Index into `Scenario::units` (also the unit's stable id in the simulation).
pub type UnitIx = u32;

/// An air regiment with its aircraft type resolved (an equipment index).
#[derive(Debug, Clone)]
pub struct AirUnitDef {
    pub side: Side,
    pub name: String,
    pub aircraft: usize,
    pub count: u32,
    pub from: Stamp,
    pub until: Stamp,
    pub pilots: f32,
}

impl AirUnitDef {
    /// Whether the unit flies in the turn starting `now`.
    pub fn in_force(&self, now: Stamp) -> bool {
        self.from <= now && now < self.until
    }
}

#[derive(Debug, Clone)]
pub struct UnitDef {
    pub key: String,
    pub name: String,
    pub side: Side,
    pub formation: usize,
    pub kind: usize,
    pub hex: HexId,
    pub men: u32,
    /// (equipment index, count), sorted by equipment index.
    pub equipment: Vec<(usize, u32)>,
    pub experience: u8,
    pub cohesion: u8,
    pub entrenchment: u8,
    pub arrives: Option<Stamp>,
    pub withdraws: Option<Stamp>,
    /// The size mark of its counter (its own, else its type's).
    pub echelon: Option<crate::data::rules::Echelon>,
}

#[derive(Debug, Clone)]
pub struct FormationDef {
    pub key: String,
    pub name: String,
    pub side: Side,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct PlanStepDef {
    pub side: Side,
    pub units: Vec<UnitIx>,
    pub from: Stamp,
    pub until: Stamp,
    pub task: Task,
    pub target: HexId,
    /// The far end of a `Screen` line.
    pub line_end: Option<HexId>,
    /// Units that cannot get closer attack the nearest enemy they can reach ([`crate::data::scenario::PlanStep::off_the_march`]).
    pub off_the_march: bool,
}

#[derive(Debug, Clone)]
pub struct ObjectiveDef {
    pub name: String,
    pub hex: HexId,
    pub points: u32,
    pub holder: Side,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub path: PathBuf,
    /// The folders of the mods it was loaded with, in load order.
    pub mods: Vec<PathBuf>,
    /// Their ids, in the same order.
    pub mod_ids: Vec<String>,
    pub file: ScenarioFile,
    /// FNV-1a hash of the scenario, map and data files' bytes: identifies the exact content.
    pub content_hash: u64,
    pub map: HexMap,
    pub equipment_keys: Vec<String>,
    pub equipment: Vec<EquipmentSpec>,
    pub rifleman_soft_attack: f32,
    pub unit_type_keys: Vec<String>,
    pub unit_types: Vec<UnitTypeSpec>,
    /// Indexed like `map.terrain_keys`.
    pub terrain: Vec<TerrainSpec>,
    pub rules: RulesFile,
    pub formations: Vec<FormationDef>,
    pub units: Vec<UnitDef>,
    pub plan: Vec<PlanStepDef>,
    pub objectives: Vec<ObjectiveDef>,
    /// Supply source hexes, indexed by `Side::index()`.
    pub supply_sources: [Vec<HexId>; 2],
    pub night_doctrine: [bool; 2],
    /// Share of a surrendering unit's men taken prisoner, by `Side::index()`.
    pub captured_share: [f32; 2],
    /// Whether each side's attacks may get the combined-arms bonus, by `Side::index()`.
    pub combined_arms: [bool; 2],
    /// Each side's artillery ammunition, by `Side::index()`.
    pub ammunition: [crate::data::scenario::Ammunition; 2],
    /// The side that moves first each turn.
    pub first_side: Side,
    /// The formation whose encirclement the historical record calls the pocket (`historical.pocket`).
    pub pocket: Option<usize>,
    /// The scenario's bridges over the major rivers.
    pub bridges: Vec<BridgeDef>,
    /// The air regiments, in file order.
    pub air_units: Vec<AirUnitDef>,
    /// Minutes to cross each hex side per mobility class and for supply (see
    /// [`crate::map::steps`]), from each date on which the bridges standing change: the first
    /// from the start.
    pub step_epochs: Vec<StepEpoch>,
    /// Strengths its units bring from an earlier battle of a campaign (empty outside one).
    pub carried: Carried,
}

/// The step rules of one period: from when, the step tables, and per hex a bit per side (bit `d`
/// for side `d`) set where a bridge stands.
#[derive(Debug, Clone)]
pub struct StepEpoch {
    pub from: Stamp,
    pub tables: crate::map::steps::StepTable,
    pub bridged: Vec<u8>,
}

/// A bridge of the scenario, on a major-river hex side (`dir` of `hex`).
#[derive(Debug, Clone)]
pub struct BridgeDef {
    pub name: String,
    pub hex: HexId,
    pub dir: usize,
    /// A key of `rules.bridge_capacities`.
    pub capacity: String,
    pub built: Option<Stamp>,
    pub removed: Option<Stamp>,
}

impl BridgeDef {
    /// Whether the bridge stands at `t`.
    pub fn stands(&self, t: Stamp) -> bool {
        self.built.is_none_or(|b| b <= t) && self.removed.is_none_or(|r| t < r)
    }
}

impl Scenario {
    pub fn turns(&self) -> u32 {
        (self.file.end.hours_since(self.file.start) / self.file.turn_hours as i64) as u32
    }

    pub fn is_night(&self, at: Stamp) -> bool {
        self.rules.night_hours.contains(&(at.hour() as u8))
    }

    pub fn terrain_at(&self, h: HexId) -> &TerrainSpec {
        &self.terrain[self.map.terrain[h.0 as usize] as usize]
    }

    /// The bridges standing at `t`, as the step rules see them.
    pub fn open_bridges(&self, t: Stamp) -> Vec<crate::map::steps::OpenBridge<'_>> {
        self.bridges
            .iter()
            .filter(|b| b.stands(t))
            .map(|b| crate::map::steps::OpenBridge {
                hex: b.hex,
                dir: b.dir,
                capacity: &self.rules.bridge_capacities[&b.capacity],
            })
            .collect()
    }

    /// The map with its terrain, the rules' river and track costs and these bridges: what step
    /// costs depend on.
    pub fn ground<'a>(
        &'a self,
        bridges: &'a [crate::map::steps::OpenBridge<'a>],
    ) -> crate::map::steps::Ground<'a> {
        crate::map::steps::Ground {
            map: &self.map,
            terrain: &self.terrain,
            rules: &self.rules,
            bridges,
        }
    }

    /// The step-table period (an index of `step_epochs`) that `t` falls in.
    pub fn epoch_at(&self, t: Stamp) -> usize {
        self.step_epochs
            .partition_point(|e| e.from <= t)
            .saturating_sub(1)
    }

    /// The feature on side `d` of `h` in a period: a major river with a bridge standing is
    /// [`SideFeature::Bridge`](crate::map::SideFeature::Bridge).
    pub fn side_at(&self, epoch: usize, h: HexId, d: usize) -> crate::map::SideFeature {
        use crate::map::SideFeature;
        let f = self.map.side_feature(h, d);
        let bridged = self
            .step_epochs
            .get(epoch)
            .is_some_and(|e| e.bridged[h.0 as usize] & (1 << d) != 0);
        if f == SideFeature::MajorRiver && bridged {
            SideFeature::Bridge
        } else {
            f
        }
    }

    /// [`Scenario::side_at`] between two adjacent hexes (open if they are not adjacent).
    pub fn feature_between_at(&self, epoch: usize, a: HexId, b: HexId) -> crate::map::SideFeature {
        self.map
            .side_between(a, b)
            .map_or(crate::map::SideFeature::Open, |d| self.side_at(epoch, a, d))
    }

    /// The step tables of a period.
    pub fn steps(&self, epoch: usize) -> &crate::map::steps::StepTable {
        &self.step_epochs[epoch.min(self.step_epochs.len() - 1)].tables
    }

    /// A unit's type.
    pub fn unit_type(&self, u: UnitIx) -> &UnitTypeSpec {
        &self.unit_types[self.units[u as usize].kind]
    }

    /// Formation index and all its ancestors.
    pub fn formation_chain(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        formation_chain(&self.formations, f)
    }
}

/// Formation `f` and all its ancestors, nearest first (the loader refuses cycles).
pub fn formation_chain(formations: &[FormationDef], f: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(f), move |&x| formations[x].parent)
}

/// A 64-bit FNV-1a hash over byte strings, fed in order.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
