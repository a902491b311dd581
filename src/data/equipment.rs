//! `assets/data/equipment.ron`: one entry per weapon or vehicle type.

use serde::Deserialize;
use std::collections::BTreeMap;

/// How a piece of equipment counts in losses and in combat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum EquipmentClass {
    /// Tanks (reported as tank losses).
    Tank,
    /// Armoured cars (reported separately from tanks).
    ArmoredCar,
    /// Field, regimental and heavy guns and howitzers that fire indirectly (reported as guns).
    FieldGun,
    /// Anti-tank guns (reported as guns).
    AntiTankGun,
    /// Mortars (not counted among the guns lost).
    Mortar,
    /// Heavy and light machine guns.
    MachineGun,
    /// Aircraft of a scenario's `air_units` (never in a ground unit): fighters fight for the air,
    /// bombers and reconnaissance aircraft support the ground battle and observe.
    Fighter,
    Bomber,
    Reconnaissance,
}

impl EquipmentClass {
    pub fn is_aircraft(self) -> bool {
        matches!(
            self,
            EquipmentClass::Fighter | EquipmentClass::Bomber | EquipmentClass::Reconnaissance
        )
    }
}

/// One type of equipment. Ratings are per piece, on a common scale where a rifle squad of 10 men is 1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentSpec {
    pub name: String,
    pub class: EquipmentClass,
    /// Men needed to crew one piece (they are part of the unit's men, not extra).
    #[serde(default)]
    pub crew: u32,
    /// Fire against men and soft targets, per piece.
    pub soft_attack: f32,
    /// Fire against armour, per piece (0 for weapons that cannot hurt a tank).
    #[serde(default)]
    pub hard_attack: f32,
    /// Armour, mm, the piece's anti-armour fire pierces at combat range; `None`: every armour.
    /// Against armour `a` its hard fire counts (penetration / a)², at most 1.
    #[serde(default)]
    pub penetration_mm: Option<f32>,
    /// Frontal armour, mm (0 for unarmoured).
    #[serde(default)]
    pub armor_mm: f32,
    /// Main gun calibre, mm (0 for none).
    #[serde(default)]
    pub calibre_mm: f32,
    /// Effective range, km: guns support combats within this distance of their hex.
    #[serde(default)]
    pub range_km: f32,
    /// Road speed, km/h (vehicles only; informative, movement uses the unit type's mobility).
    #[serde(default)]
    pub speed_kmh: f32,
    /// Petrol engine: vulnerable to petrol-bomb close assault (BT series, early T-26).
    #[serde(default)]
    pub petrol_engine: bool,
    /// Where the figures come from.
    /// Aircraft: strength in air combat per aircraft (a fighter's worth against enemy fighters;
    /// bombers' and scouts' defensive fire).
    #[serde(default)]
    pub air_combat: f32,
    /// Aircraft: air points per aircraft in a day turn for the ground battle (bombing, strafing).
    #[serde(default)]
    pub ground_attack: f32,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentFile {
    /// Rifle fire of one man, on the same scale as `soft_attack`.
    pub rifleman_soft_attack: f32,
    pub equipment: BTreeMap<String, EquipmentSpec>,
}
