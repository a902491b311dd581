//! A scenario loaded, checked and resolved against its map and data: everything the simulation needs,
//! with names turned into indices and hexes.

mod load;
pub mod ranges;
mod validate;

pub use load::{load_scenario, load_scenario_with};
pub use validate::{FileKind, file_kind, validate_file, validate_file_with};

use crate::data::rules::{RulesFile, TerrainSpec, UnitTypeSpec};
use crate::data::scenario::Task;
use crate::data::{EquipmentFile, EquipmentSpec, ScenarioFile, Side, Stamp};
use crate::map::{HexId, HexMap};
use std::path::PathBuf;

/// Index into `Scenario::units` (also the unit's stable id in the simulation).
pub type UnitIx = u32;

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
    /// The side that moves first each turn.
    pub first_side: Side,
    /// The formation whose encirclement the historical record calls the pocket (`historical.pocket`).
    pub pocket: Option<usize>,
    /// Minutes to cross each hex side per mobility class (see [`crate::map::steps`]).
    pub step_minutes: crate::map::steps::StepTable,
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

    /// The map with its terrain and the rules' river and track costs: what step costs depend on.
    pub fn ground(&self) -> crate::map::steps::Ground<'_> {
        crate::map::steps::Ground {
            map: &self.map,
            terrain: &self.terrain,
            rules: &self.rules,
        }
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
