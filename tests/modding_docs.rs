//! A modder reads docs/modding.md instead of the Rust types: every field serde reads from every
//! data file has its row there, under its struct's heading, so the page cannot fall behind the code.

mod common;
use common::root;
use khalkhin_gol::data::campaign::{
    BattleEntry, CampaignFile, CampaignHistorical, CampaignVictory, CarryRules, NextBattle,
};
use khalkhin_gol::data::equipment::{EquipmentFile, EquipmentSpec};
use khalkhin_gol::data::map::{MapFile, MapWindow, Named, River, Track};
use khalkhin_gol::data::rules::{
    AirWarRules, ArtilleryRules, BridgeCapacity, CombatRules, ComputerRules, MoveCost,
    QualityRules, RecoveryRules, RulesFile, SightRules, SupplyRules, TerrainFile, TerrainSpec,
    UnitTypeFile, UnitTypeSpec,
};
use khalkhin_gol::data::scenario::{
    AirSupport, AirUnit, Ammunition, BridgeSetup, DataFiles, FogSetup, Formation, FormationGoal,
    Historical, HistoricalEvent, Objective, PlanStep, RaidBan, Recorded, ScenarioFile, SideLosses,
    SideSetup, UnitSetup, Victory,
};
use khalkhin_gol::mods::Manifest;
use serde::Deserialize;
use serde::de::{self, Visitor};

/// A deserializer that only asks a struct which fields it reads.
struct Fields(Option<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for &mut Fields {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only structs"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("fields taken"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The fields serde reads for `T`.
fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut f = Fields(None);
    let _ = T::deserialize(&mut f);
    f.0.expect("a struct")
}

/// The rows of the section headed `## Name` (up to the next `## `).
fn section<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let start = doc.lines().position(|l| {
        l.strip_prefix("## ")
            .is_some_and(|h| h == name || h.starts_with(&format!("{name} ")))
    })?;
    let lines: Vec<&str> = doc.lines().collect();
    let from = lines[..start + 1]
        .iter()
        .map(|l| l.len() + 1)
        .sum::<usize>();
    let len = lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("## "))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    doc.get(from..from + len)
}

#[test]
fn every_field_of_every_data_file_is_documented_under_its_struct() {
    let doc = std::fs::read_to_string(root().join("docs/modding.md")).expect("docs/modding.md");
    let structs: Vec<(&str, &[&str])> = vec![
        ("RulesFile", fields_of::<RulesFile>()),
        ("CombatRules", fields_of::<CombatRules>()),
        ("QualityRules", fields_of::<QualityRules>()),
        ("SupplyRules", fields_of::<SupplyRules>()),
        ("ArtilleryRules", fields_of::<ArtilleryRules>()),
        ("AirWarRules", fields_of::<AirWarRules>()),
        ("RecoveryRules", fields_of::<RecoveryRules>()),
        ("SightRules", fields_of::<SightRules>()),
        ("FogSetup", fields_of::<FogSetup>()),
        ("AirUnit", fields_of::<AirUnit>()),
        ("RaidBan", fields_of::<RaidBan>()),
        ("Ammunition", fields_of::<Ammunition>()),
        ("ComputerRules", fields_of::<ComputerRules>()),
        ("MoveCost", fields_of::<MoveCost>()),
        ("TerrainFile", fields_of::<TerrainFile>()),
        ("TerrainSpec", fields_of::<TerrainSpec>()),
        ("UnitTypeFile", fields_of::<UnitTypeFile>()),
        ("UnitTypeSpec", fields_of::<UnitTypeSpec>()),
        ("EquipmentFile", fields_of::<EquipmentFile>()),
        ("EquipmentSpec", fields_of::<EquipmentSpec>()),
        ("MapFile", fields_of::<MapFile>()),
        ("River", fields_of::<River>()),
        ("Named", fields_of::<Named>()),
        ("Track", fields_of::<Track>()),
        ("MapWindow", fields_of::<MapWindow>()),
        ("ScenarioFile", fields_of::<ScenarioFile>()),
        ("DataFiles", fields_of::<DataFiles>()),
        ("SideSetup", fields_of::<SideSetup>()),
        ("Formation", fields_of::<Formation>()),
        ("UnitSetup", fields_of::<UnitSetup>()),
        ("AirSupport", fields_of::<AirSupport>()),
        ("PlanStep", fields_of::<PlanStep>()),
        ("Objective", fields_of::<Objective>()),
        ("FormationGoal", fields_of::<FormationGoal>()),
        ("Victory", fields_of::<Victory>()),
        ("Recorded", fields_of::<Recorded>()),
        ("SideLosses", fields_of::<SideLosses>()),
        ("HistoricalEvent", fields_of::<HistoricalEvent>()),
        ("Historical", fields_of::<Historical>()),
        ("Manifest", fields_of::<Manifest>()),
        ("BridgeCapacity", fields_of::<BridgeCapacity>()),
        ("BridgeSetup", fields_of::<BridgeSetup>()),
        ("CampaignFile", fields_of::<CampaignFile>()),
        ("BattleEntry", fields_of::<BattleEntry>()),
        ("NextBattle", fields_of::<NextBattle>()),
        ("CarryRules", fields_of::<CarryRules>()),
        ("CampaignVictory", fields_of::<CampaignVictory>()),
        ("CampaignHistorical", fields_of::<CampaignHistorical>()),
    ];
    let mut missing = Vec::new();
    for (name, fields) in structs {
        assert!(!fields.is_empty(), "{name} has fields");
        let Some(rows) = section(&doc, name) else {
            missing.push(format!("section `## {name}`"));
            continue;
        };
        for f in fields {
            if !rows.lines().any(|l| l.starts_with(&format!("| `{f}` |"))) {
                missing.push(format!("{name}.{f}"));
            }
        }
    }
    assert!(missing.is_empty(), "docs/modding.md lacks: {missing:?}");
}
