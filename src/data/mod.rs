//! The serde schema of every data file a modder writes: plain types, no Bevy, no rules.
//!
//! Files: `assets/data/equipment.ron`, `assets/data/unit_types.ron`, `assets/data/terrain.ron`,
//! `assets/data/rules.ron`, a map under `assets/maps/`, and a scenario under `scenarios/`.

pub mod campaign;
pub mod equipment;
pub mod map;
pub mod rules;
pub mod scenario;
pub mod time;

pub use equipment::{EquipmentClass, EquipmentFile, EquipmentSpec};
pub use map::{GeoPoint, MapFile, MapWindow};
pub use rules::{Mobility, RulesFile, TerrainFile, TerrainSpec, UnitTypeFile, UnitTypeSpec};
pub use scenario::ScenarioFile;
pub use time::Stamp;

use serde::{Deserialize, Serialize};

/// The two sides of the conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The Soviet 1st Army Group and the Mongolian People's Revolutionary Army.
    Soviet,
    /// The Japanese Kwantung Army's 6th Army (23rd Division and attached) and Manchukuo troops.
    Japanese,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Soviet, Side::Japanese];

    pub fn enemy(self) -> Side {
        match self {
            Side::Soviet => Side::Japanese,
            Side::Japanese => Side::Soviet,
        }
    }

    /// The lower-case name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Side::Soviet => "soviet",
            Side::Japanese => "japanese",
        }
    }

    /// The side's name in a sentence: "Soviet", "Japanese".
    pub fn adjective(self) -> &'static str {
        match self {
            Side::Soviet => "Soviet",
            Side::Japanese => "Japanese",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}
