//! Campaigns: battles played one after another (`campaigns/*.ron`), each worth campaign points,
//! where a battle's result may lead elsewhere, and where a unit's strength at the end of one
//! battle reaches its next (`carry`).
//!
//! - `load`: reading and checking a campaign and its scenarios.
//! - `carry`: the rule that turns a battle's events into each unit's standing against the record,
//!   and that standing into the next battle's strengths.
//! - `progress`: a campaign under way: the battles played, the units' standing, the next battle;
//!   kept in the user's folder between runs and inside a saved game of a campaign battle.
//! - `under_way`: a campaign played by people: begun or continued, battle after battle.
//! - `run`: whole campaigns played headless, for studies; `summary`: a batch of them summed up.

pub mod carry;
mod load;
pub mod progress;
pub mod run;
pub mod summary;
mod under_way;

pub use carry::Standing;
pub use load::{MAX_BATTLES, is_id, load_campaign};

pub use progress::{Played, Progress, progress_dir, progress_path};
pub use run::{BattleRecord, CampaignRecord, play_campaign};
pub use under_way::{CampaignRun, CampaignSides};

use crate::data::campaign::{CampaignFile, CarryRules};
use crate::scenario::Scenario;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A campaign read and checked, with each battle's scenario loaded (as the mods change it).
#[derive(Debug, Clone)]
pub struct Campaign {
    pub path: PathBuf,
    pub file: CampaignFile,
    /// FNV-1a hash of the campaign file and its scenarios' content hashes.
    pub content_hash: u64,
    pub battles: Vec<Battle>,
    /// The folders of the mods it was loaded with, in load order.
    pub mods: Vec<PathBuf>,
}

/// One battle of a loaded campaign.
#[derive(Debug, Clone)]
pub struct Battle {
    pub id: String,
    /// Its scenario, as its file has it (no strengths carried in).
    pub scenario: Arc<Scenario>,
    pub points: u32,
    /// What happened since the battle before.
    pub before: String,
    /// The battle that follows each result (indexed by `BattleResult as usize`): an index of
    /// `Campaign::battles`, or `None` for the campaign's end.
    next: [Option<usize>; 3],
    /// This battle's unit id → the earlier battles' ids of the units it is (several: a unit
    /// formed of them).
    pub same_units: BTreeMap<String, Vec<String>>,
    /// The carry rules for the strength reaching this battle.
    pub carry: CarryRules,
}

/// `khalkhin validate` for any data file: a campaign with every scenario it names, anything else
/// as [`crate::scenario::validate_file_with`] checks it. On success, a one-line description.
pub fn validate_file_with(
    path: &std::path::Path,
    mods: &crate::mods::ModSet,
) -> Result<String, crate::error::DataErrors> {
    use crate::scenario::{FileKind, file_kind};
    let src = mods.patch(crate::error::SourceText::read(path)?)?;
    if file_kind(&src) != FileKind::Campaign {
        return crate::scenario::validate_file_with(path, mods);
    }
    let c = load_campaign(path, mods)?;
    Ok(format!(
        "campaign, {} battles, {} campaign points",
        c.battles.len(),
        c.total_points()
    ))
}

impl Campaign {
    /// The index of the battle with this id.
    pub fn battle(&self, id: &str) -> Option<usize> {
        self.battles.iter().position(|b| b.id == id)
    }

    /// All the campaign points there are (each battle's).
    pub fn total_points(&self) -> u32 {
        self.battles.iter().map(|b| b.points).sum()
    }

    /// The campaign's file as messages and saved files name it (`game:campaigns/…` inside the
    /// game's folder).
    pub fn shown(&self) -> String {
        crate::fsio::shown(
            &self
                .path
                .canonicalize()
                .unwrap_or_else(|_| self.path.clone()),
        )
    }
}
