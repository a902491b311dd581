//! `khalkhin validate` for any data file: a scenario is checked with everything it names; an
//! equipment, unit-type, terrain, rules or map file is checked on its own (a map against the terrain
//! file beside it in `../data/terrain.ron`).

use super::load_scenario_with;
use super::ranges::{check_equipment, check_rules, check_terrain, check_unit_types};
use crate::data::rules::{TerrainFile, UnitTypeFile};
use crate::data::{EquipmentFile, MapFile, RulesFile};
use crate::error::{DataErrors, SourceText};
use crate::map::build_map;
use crate::mods::ModSet;
use std::path::Path;

/// What kind of data file a text is, from the fields it sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A campaign (`crate::campaign`): checked there.
    Campaign,
    Scenario,
    Equipment,
    UnitTypes,
    Terrain,
    Rules,
    Map,
}

/// Whether `field:` appears outside comments.
fn has_field(src: &SourceText, field: &str) -> bool {
    src.text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .any(|l| {
            l.match_indices(field).any(|(i, _)| {
                let before = l[..i].chars().last();
                let after = l[i + field.len()..].trim_start();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.starts_with(':')
            })
        })
}

pub fn file_kind(src: &SourceText) -> FileKind {
    if has_field(src, "battles") {
        FileKind::Campaign
    } else if has_field(src, "units") || has_field(src, "formations") {
        FileKind::Scenario
    } else if has_field(src, "rifleman_soft_attack") {
        FileKind::Equipment
    } else if has_field(src, "types") {
        FileKind::UnitTypes
    } else if has_field(src, "stacking_limit") {
        FileKind::Rules
    } else if has_field(src, "origin") && has_field(src, "rivers") {
        FileKind::Map
    } else if has_field(src, "terrain") {
        FileKind::Terrain
    } else {
        FileKind::Scenario
    }
}

/// Checks one file; on success returns a one-line description.
pub fn validate_file(path: &Path) -> Result<String, DataErrors> {
    validate_file_with(path, &ModSet::none())
}

/// [`validate_file`] with mods: the file (and for a scenario, every file it names) as the mods
/// patch it.
pub fn validate_file_with(path: &Path, mods: &ModSet) -> Result<String, DataErrors> {
    let (src, patch_errors) = mods.patch_logged(SourceText::read(path)?, &mut Vec::new());
    if !patch_errors.is_empty() && file_kind(&src) != FileKind::Scenario {
        return Err(DataErrors(patch_errors));
    }
    match file_kind(&src) {
        FileKind::Campaign => Err(DataErrors(vec![src.error_at(
            &["battles"],
            "a campaign file: `crate::campaign::validate_file_with` checks it",
        )])),
        FileKind::Scenario => {
            let s = load_scenario_with(path, mods)?;
            Ok(format!(
                "scenario, {} units, {} turns, map {}×{} hexes",
                s.units.len(),
                s.turns(),
                s.map.cols,
                s.map.rows
            ))
        }
        FileKind::Equipment => {
            let f: EquipmentFile = src.parse()?;
            errors_or(
                check_equipment(&f, &src),
                format!("equipment, {} types", f.equipment.len()),
            )
        }
        FileKind::UnitTypes => {
            let f: UnitTypeFile = src.parse()?;
            errors_or(
                check_unit_types(&f, &src),
                format!("unit types, {} types", f.types.len()),
            )
        }
        FileKind::Terrain => {
            let f: TerrainFile = src.parse()?;
            errors_or(
                check_terrain(&f, &src),
                format!("terrain, {} kinds", f.terrain.len()),
            )
        }
        FileKind::Rules => {
            let f: RulesFile = src.parse()?;
            errors_or(check_rules(&f, &src), "rules".to_string())
        }
        FileKind::Map => {
            let f: MapFile = src.parse()?;
            let terrain_path = path
                .parent()
                .unwrap_or(Path::new("."))
                .join("../data/terrain.ron");
            let tsrc = mods.patch(SourceText::read(&terrain_path)?)?;
            let terrain: TerrainFile = tsrc.parse()?;
            let map = build_map(&f, &terrain, &src).map_err(DataErrors)?;
            Ok(format!(
                "map, {}×{} hexes, {} places",
                map.cols,
                map.rows,
                map.places.len()
            ))
        }
    }
}

fn errors_or(errors: Vec<crate::error::DataError>, ok: String) -> Result<String, DataErrors> {
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(DataErrors(errors))
    }
}
