//! A campaign under way: who plays it, the battles played with their results, how each unit
//! stands against the record, and the battle to play next. Kept in the user's folder
//! (`$XDG_DATA_HOME/khalkhin-gol/campaign-progress/ID.ron`) between runs, and inside each saved
//! game of a campaign battle as it stood when the battle began.

use super::carry::{MAX_STANDING, Standing, carried_into, standing_after};
use super::{Campaign, MAX_BATTLES, is_id};
use crate::control::ControllerKind;
use crate::data::campaign::BattleResult;
use crate::error::{DataError, SourceText};
use crate::scenario::Scenario;
use crate::sim::SimEvent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The format version this build writes and reads.
const FORMAT: u32 = 1;

/// Most units whose standing a progress file keeps.
const MAX_STANDINGS: usize = 100_000;

/// A campaign under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub format: u32,
    /// The campaign's `id`.
    pub campaign: String,
    /// The campaign file as it was named (`game:campaigns/…` inside the game's folder).
    pub campaign_file: String,
    /// The campaign's seed: battle `k` (from 0) is played with `run_seed(seed, k)`.
    pub seed: u64,
    /// Sides people play.
    pub humans: [bool; 2],
    /// The computer's controller of each side it plays (Soviet, Japanese).
    pub soviet: ControllerKind,
    pub japanese: ControllerKind,
    /// The folders of the mods it is played with, in load order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mods: Vec<String>,
    /// Played without fog of war.
    #[serde(default)]
    pub no_fog: bool,
    /// The battles played, in order.
    pub played: Vec<Played>,
    /// How each unit stood against the record after its last battle, by unit id.
    pub standing: BTreeMap<String, Standing>,
    /// The battle to play next (its id); `None` once the campaign is over.
    pub next: Option<String>,
}

/// A battle of the campaign played to its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Played {
    pub battle: String,
    pub result: BattleResult,
    /// The battle's own Soviet points at its end.
    pub soviet_points: f32,
    /// Campaign points it gave the Soviet side: the battle's points for a Soviet victory, half for
    /// a draw, none for a Japanese victory.
    pub campaign_points: f32,
    /// When it ended (ISO 8601).
    pub ended: String,
}

/// The user's folder of campaign progress files: `campaign-progress/` in the user's game folder
/// (`None` without a home folder).
pub fn progress_dir() -> Option<PathBuf> {
    crate::fsio::user_data_dir().map(|d| d.join("campaign-progress"))
}

/// The user's progress file of the campaign with this id: `ID.ron` in [`progress_dir`].
pub fn progress_path(id: &str) -> Option<PathBuf> {
    progress_dir().map(|d| d.join(format!("{id}.ron")))
}

impl Progress {
    /// A campaign about to begin with its first battle.
    pub fn new(
        c: &Campaign,
        seed: u64,
        (soviet, japanese): (ControllerKind, ControllerKind),
        humans: [bool; 2],
        no_fog: bool,
    ) -> Progress {
        Progress {
            format: FORMAT,
            campaign: c.file.id.clone(),
            campaign_file: c.shown(),
            seed,
            humans,
            soviet,
            japanese,
            mods: c.mods.iter().map(|d| d.display().to_string()).collect(),
            no_fog,
            played: Vec::new(),
            standing: BTreeMap::new(),
            next: c.battles.first().map(|b| b.id.clone()),
        }
    }

    /// The index of the battle to play next in `c` (`None`: the campaign is over).
    pub fn next_battle(&self, c: &Campaign) -> Option<usize> {
        self.next.as_deref().and_then(|id| c.battle(id))
    }

    /// The seed of the next battle.
    pub fn battle_seed(&self) -> u64 {
        crate::analysis::run_seed(self.seed, self.played.len() as u64)
    }

    /// Battle `b` of `c` as it is to be played now: its scenario with the strengths the units
    /// carry in, and fog of war as the campaign is played.
    pub fn scenario_for(&self, c: &Campaign, b: usize) -> Result<Scenario, String> {
        let battle = &c.battles[b];
        let mut scn = (*battle.scenario).clone();
        let carried = carried_into(&scn, &self.standing, &battle.same_units, &battle.carry);
        scn.carry_in(&carried)?;
        if self.no_fog {
            scn.file.fog.on = false;
        }
        Ok(scn)
    }

    /// The campaign after the battle now played (`scn`, as played, and its events) ended: its
    /// result and points recorded, each unit's standing brought up to date, the next battle chosen
    /// by the result. Unchanged when the events hold no end of the game.
    pub fn after(&self, c: &Campaign, scn: &Scenario, events: &[SimEvent]) -> Progress {
        let Some(b) = self.next_battle(c) else {
            return self.clone();
        };
        let Some((winner, soviet_points, date)) = events.iter().rev().find_map(|e| match e {
            SimEvent::GameOver {
                winner,
                soviet_points,
                date,
            } => Some((*winner, *soviet_points, *date)),
            _ => None,
        }) else {
            return self.clone();
        };
        let battle = &c.battles[b];
        let result = BattleResult::of(winner);
        let mut next = self.clone();
        next.played.push(Played {
            battle: battle.id.clone(),
            result,
            soviet_points,
            campaign_points: match result {
                BattleResult::Soviet => battle.points as f32,
                BattleResult::Draw => battle.points as f32 / 2.0,
                BattleResult::Japanese => 0.0,
            },
            ended: date.to_string(),
        });
        next.standing.extend(standing_after(scn, events));
        next.next = battle.after(result).map(|i| c.battles[i].id.clone());
        next
    }

    /// The Soviet campaign points so far.
    pub fn soviet_points(&self) -> f32 {
        // Folded from +0: an empty float sum is −0, which reads "-0".
        self.played.iter().fold(0.0, |a, p| a + p.campaign_points)
    }

    /// The campaign's result by its points now (final once `next` is `None`).
    pub fn result(&self, c: &Campaign) -> BattleResult {
        let p = self.soviet_points();
        if p >= c.file.victory.soviet_wins_at as f32 {
            BattleResult::Soviet
        } else if p <= c.file.victory.japanese_wins_at as f32 {
            BattleResult::Japanese
        } else {
            BattleResult::Draw
        }
    }

    /// Whether the campaign is over.
    pub fn over(&self) -> bool {
        self.next.is_none()
    }

    /// Writes the file (beside the target first, then renamed: an old file is never left
    /// half-overwritten), making its folder if needed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::fsio::write_atomically(path, &text)
    }

    /// Reads a progress file and checks its form (every problem placed in the file).
    pub fn load(path: &Path) -> Result<Progress, DataError> {
        let src = SourceText::read(path)?;
        let p: Progress = src.parse()?;
        p.check(&src)?;
        Ok(p)
    }

    /// The form a progress file must have: this format, ids, counts and standings in range.
    pub fn check(&self, src: &SourceText) -> Result<(), DataError> {
        if self.format != FORMAT {
            return Err(src.error_at(
                &["format"],
                format!(
                    "unsupported campaign progress format {}; this build reads format {FORMAT}",
                    self.format
                ),
            ));
        }
        if !is_id(&self.campaign) {
            return Err(src.error_at(
                &["campaign:"],
                format!("`{}` is not a campaign id", self.campaign),
            ));
        }
        if self.mods.len() > crate::mods::manifest::MAX_MODS {
            return Err(src.error_at(
                &["mods"],
                format!(
                    "{} mods; a campaign is played with at most {}",
                    self.mods.len(),
                    crate::mods::manifest::MAX_MODS
                ),
            ));
        }
        if self.played.len() > MAX_BATTLES || self.standing.len() > MAX_STANDINGS {
            return Err(src.error_at(
                &["played"],
                format!(
                    "{} battles played and {} standings; expected at most {MAX_BATTLES} and \
                     {MAX_STANDINGS}",
                    self.played.len(),
                    self.standing.len()
                ),
            ));
        }
        if let Some((id, _)) = self
            .standing
            .iter()
            .find(|(_, s)| !s.is_sound(MAX_STANDING))
        {
            return Err(src.error_at(
                &["standing", &format!("\"{id}\"")],
                format!("the standing of unit `{id}`: expected numbers from 0 to {MAX_STANDING}"),
            ));
        }
        if let Some(p) = self
            .played
            .iter()
            .find(|p| !(p.campaign_points.is_finite() && p.soviet_points.is_finite()))
        {
            return Err(src.error_at(
                &["played", &format!("\"{}\"", p.battle)],
                "points must be numbers",
            ));
        }
        Ok(())
    }

    /// Checks that the progress is of campaign `c` and goes on with one of its battles; says why
    /// not (naming `path`).
    pub fn check_against(&self, c: &Campaign, path: &Path) -> Result<(), String> {
        if self.campaign != c.file.id {
            return Err(format!(
                "{}: progress of campaign `{}`, not `{}`",
                path.display(),
                self.campaign,
                c.file.id
            ));
        }
        if let Some(id) = &self.next
            && c.battle(id).is_none()
        {
            return Err(format!(
                "{}: the next battle, `{id}`, is no longer a battle of campaign `{}` ({})",
                path.display(),
                c.file.id,
                c.shown()
            ));
        }
        Ok(())
    }

    /// The mods it is played with, loaded again (refused when one is missing or broken).
    pub fn mod_set(&self, path: &Path) -> Result<crate::mods::ModSet, String> {
        let dirs = self
            .mods
            .iter()
            .map(|m| {
                crate::mods::find(m).map_err(|e| {
                    format!("{}: the campaign is played with a mod: {e}", path.display())
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        crate::mods::ModSet::load(&dirs).map_err(|e| e.to_string())
    }

    /// The campaign file it names, if it is one the game may read (in the game's folder or the
    /// user's game folder, or beside `path`).
    pub fn campaign_path(&self, path: &Path) -> Result<PathBuf, String> {
        let own = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::fsio::confined(&crate::fsio::locate(Path::new(&self.campaign_file)), own)
            .map_err(|e| format!("{}: the campaign it names: {e}", path.display()))
    }
}
