//! Replay and saved-game files: a game kept as its scenario's identity (id and content hash), seed,
//! controllers and every order the rules accepted, turn by turn. Playing the orders back through
//! the simulation reproduces the game event for event; a file made with other scenario content is
//! refused.

use crate::control::ControllerKind;
use crate::data::Side;
use crate::error::{DataError, SourceText};
use crate::scenario::Scenario;
use crate::sim::{Controller, Order, OrderContext, OrderLog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The format version this build writes and reads.
const FORMAT: u32 = 1;

/// One side's orders in one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnOrders {
    pub turn: u32,
    pub side: Side,
    pub orders: Vec<Order>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayFile {
    pub format: u32,
    /// The scenario's `id`.
    pub scenario: String,
    /// The scenario file as it was named when the game was recorded (used when no scenario is given).
    pub scenario_file: String,
    /// FNV-1a hash of the scenario, map and data files, hexadecimal.
    pub content_hash: String,
    pub seed: u64,
    /// The controllers that gave the orders (for the record; playback uses the orders).
    pub soviet: ControllerKind,
    pub japanese: ControllerKind,
    pub turns: Vec<TurnOrders>,
    /// For a saved game (`khalkhin play`, F5): the sides people play and where the game stopped;
    /// `khalkhin play --load FILE` plays the orders again up to there and hands over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<SavedAt>,
}

/// Where a saved game stopped: in the orders phase of `side` in `turn` (0-based), after the orders
/// the file holds for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAt {
    pub humans: [bool; 2],
    pub turn: u32,
    pub side: Side,
}

/// Why a replay file cannot be played.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("{0}")]
    File(#[from] DataError),
    #[error(
        "{file}: this replay was recorded with scenario `{recorded}` (content {recorded_hash}), but \
         `{scenario}` now has content {current_hash}: the scenario, its map or its data have changed \
         since, so the game cannot be reproduced"
    )]
    ScenarioChanged {
        file: String,
        recorded: String,
        recorded_hash: String,
        scenario: String,
        current_hash: String,
    },
    #[error("{file}: unsupported replay format {found}; this build reads format {FORMAT}")]
    Format { file: String, found: u32 },
}

impl ReplayFile {
    /// Keeps a played game's orders.
    pub fn new(
        scn: &Scenario,
        seed: u64,
        controllers: (ControllerKind, ControllerKind),
        log: &OrderLog,
    ) -> ReplayFile {
        let mut turns: Vec<TurnOrders> = Vec::new();
        for (turn, side, order) in &log.0 {
            match turns.last_mut() {
                Some(t) if t.turn == *turn && t.side == *side => t.orders.push(order.clone()),
                _ => turns.push(TurnOrders {
                    turn: *turn,
                    side: *side,
                    orders: vec![order.clone()],
                }),
            }
        }
        ReplayFile {
            format: FORMAT,
            scenario: scn.file.id.clone(),
            scenario_file: scn.path.display().to_string(),
            content_hash: format!("{:016x}", scn.content_hash),
            seed,
            soviet: controllers.0,
            japanese: controllers.1,
            turns,
            saved: None,
        }
    }

    /// Opens a saved game: the file, where it stopped and its scenario as it is now (refused if the
    /// file is a plain replay, or the scenario's content has changed since). Errors name the file.
    pub fn open_saved(path: &Path) -> Result<(ReplayFile, SavedAt, Scenario), String> {
        let file = ReplayFile::load(path).map_err(|e| e.to_string())?;
        let at = file.saved.ok_or_else(|| {
            format!(
                "{}: a replay file, not a saved game; `khalkhin replay --from` plays it",
                path.display()
            )
        })?;
        let scn = crate::scenario::load_scenario(Path::new(&file.scenario_file))
            .map_err(|e| e.to_string())?;
        file.check_scenario(&scn, path).map_err(|e| e.to_string())?;
        Ok((file, at, scn))
    }

    /// The controller of the computer's side of a saved game (the Soviet one if both are people's).
    pub fn computer(&self, at: &SavedAt) -> ControllerKind {
        if at.humans[0] {
            self.japanese
        } else {
            self.soviet
        }
    }

    /// What a loaded saved game needs to resume: the people's orders by (turn, side index) and the
    /// point where the person takes over. `None` for a plain replay file.
    pub fn resume(&self) -> Option<crate::sim::Resume> {
        let at = self.saved?;
        let mut orders = BTreeMap::new();
        for t in self.turns.iter().filter(|t| at.humans[t.side.index()]) {
            orders
                .entry((t.turn, t.side.index()))
                .or_insert_with(Vec::new)
                .extend(t.orders.iter().cloned());
        }
        Some(crate::sim::Resume {
            orders,
            stop: Some((at.turn, at.side.index())),
        })
    }

    /// Writes the file (beside the target first, then renamed, so an old file is never half-overwritten).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::fsio::write_atomically(path, &text)
    }

    pub fn load(path: &Path) -> Result<ReplayFile, ReplayError> {
        let src = SourceText::read(path)?;
        let file: ReplayFile = src.parse()?;
        if file.format != FORMAT {
            return Err(ReplayError::Format {
                file: path.display().to_string(),
                found: file.format,
            });
        }
        Ok(file)
    }

    /// Checks that the scenario is the one the game was recorded with.
    pub fn check_scenario(&self, scn: &Scenario, file: &Path) -> Result<(), ReplayError> {
        let current = format!("{:016x}", scn.content_hash);
        if self.scenario != scn.file.id || self.content_hash != current {
            return Err(ReplayError::ScenarioChanged {
                file: file.display().to_string(),
                recorded: self.scenario.clone(),
                recorded_hash: self.content_hash.clone(),
                scenario: scn.path.display().to_string(),
                current_hash: current,
            });
        }
        Ok(())
    }

    /// Controllers that give the recorded orders of each side, turn by turn.
    pub fn controllers(&self) -> [Box<dyn Controller>; 2] {
        let mut by_turn: [BTreeMap<u32, Vec<Order>>; 2] = [BTreeMap::new(), BTreeMap::new()];
        for t in &self.turns {
            by_turn[t.side.index()]
                .entry(t.turn)
                .or_default()
                .extend(t.orders.iter().cloned());
        }
        let [soviet, japanese] = by_turn;
        [Box::new(Recorded(soviet)), Box::new(Recorded(japanese))]
    }
}

/// Gives the orders recorded for each turn.
struct Recorded(BTreeMap<u32, Vec<Order>>);

impl Controller for Recorded {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        self.0.remove(&ctx.turn).unwrap_or_default()
    }
}
