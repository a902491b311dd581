//! Whole campaigns played headless, both sides computer-controlled: each battle with the strengths
//! the one before left, for studies of how a battle's outcome weighs on the next.

use super::{Campaign, Progress};
use crate::analysis::{GameRecord, play_game};
use crate::control::ControllerKind;
use crate::data::EquipmentClass;
use crate::data::campaign::BattleResult;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Men, tanks, armoured cars and guns a side brought into a battle (every unit of its order of
/// battle, reinforcements included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Brought {
    pub men: u64,
    pub tanks: u64,
    pub armored_cars: u64,
    pub guns: u64,
}

/// Each side's [`Brought`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SidesBrought {
    pub soviet: Brought,
    pub japanese: Brought,
}

impl SidesBrought {
    /// What each side of `scn` brings into it: with the strengths carried in, or (`history`) as
    /// the scenario file has them.
    pub fn of(scn: &Scenario, history: bool) -> SidesBrought {
        let mut out = [Brought::default(); 2];
        for u in &scn.units {
            let b = &mut out[u.side.index()];
            let file = history
                .then(|| scn.file.units.iter().find(|s| s.id == u.key))
                .flatten();
            b.men += file.map_or(u.men, |s| s.men) as u64;
            let equipment: Vec<(EquipmentClass, u32)> = match file {
                Some(s) => s
                    .equipment
                    .iter()
                    .filter_map(|(k, n)| {
                        let e = scn.equipment_keys.iter().position(|x| x == k)?;
                        Some((scn.equipment[e].class, *n))
                    })
                    .collect(),
                None => u
                    .equipment
                    .iter()
                    .map(|&(e, n)| (scn.equipment[e].class, n))
                    .collect(),
            };
            for (class, n) in equipment {
                match class {
                    EquipmentClass::Tank => b.tanks += n as u64,
                    EquipmentClass::ArmoredCar => b.armored_cars += n as u64,
                    EquipmentClass::FieldGun | EquipmentClass::AntiTankGun => b.guns += n as u64,
                    _ => {}
                }
            }
        }
        let [soviet, japanese] = out;
        SidesBrought { soviet, japanese }
    }
}

/// One battle of a campaign played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BattleRecord {
    /// The battle's id in the campaign.
    pub battle: String,
    #[serde(serialize_with = "as_key", deserialize_with = "from_key")]
    pub result: BattleResult,
    /// Soviet campaign points it gave.
    pub campaign_points: f32,
    /// What each side brought into it, with the strengths carried in.
    pub brought: SidesBrought,
    /// What each side brought into it in history (the scenario file's strengths).
    pub history: SidesBrought,
    /// The game's record (its `seed` is the battle's).
    pub game: GameRecord,
}

/// One whole campaign played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignRecord {
    /// Index of the campaign in its batch (0-based).
    pub run: u64,
    /// The campaign's seed (battle `k` is played with `run_seed(seed, k)`).
    pub seed: u64,
    pub battles: Vec<BattleRecord>,
    /// Soviet campaign points at the end.
    pub soviet_points: f32,
    #[serde(serialize_with = "as_key", deserialize_with = "from_key")]
    pub result: BattleResult,
}

/// A result as JSON and CSV name it: `soviet`, `japanese`, `draw`.
fn as_key<S: serde::Serializer>(r: &BattleResult, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.key())
}

/// A result read back from its JSON name.
fn from_key<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BattleResult, D::Error> {
    let key = String::deserialize(d)?;
    [
        BattleResult::Soviet,
        BattleResult::Japanese,
        BattleResult::Draw,
    ]
    .into_iter()
    .find(|r| r.key() == key)
    .ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{key}` is not a result; expected soviet, japanese or draw"
        ))
    })
}

/// Plays campaign `c` from its first battle to its end with these controllers, each battle with
/// the strengths the one before left; `Err` when a battle's scenario will not take them.
pub fn play_campaign(
    c: &Campaign,
    seed: u64,
    (soviet, japanese): (ControllerKind, ControllerKind),
    no_fog: bool,
) -> Result<CampaignRecord, String> {
    let mut progress = Progress::new(c, seed, (soviet, japanese), [false, false], no_fog);
    let mut battles = Vec::new();
    while let Some(b) = progress.next_battle(c) {
        let scn = Arc::new(progress.scenario_for(c, b)?);
        let (game, log) = play_game(&scn, progress.battle_seed(), soviet, japanese);
        let after = progress.after(c, &scn, &log.0);
        let Some(played) = after.played.last().filter(|_| after != progress) else {
            return Err(format!(
                "battle `{}` of campaign `{}` did not end",
                c.battles[b].id, c.file.id
            ));
        };
        battles.push(BattleRecord {
            battle: played.battle.clone(),
            result: played.result,
            campaign_points: played.campaign_points,
            brought: SidesBrought::of(&scn, false),
            history: SidesBrought::of(&scn, true),
            game,
        });
        progress = after;
    }
    Ok(CampaignRecord {
        run: 0,
        seed,
        battles,
        soviet_points: progress.soviet_points(),
        result: progress.result(c),
    })
}
