//! A campaign played by people, battle after battle: begun anew or continued from the user's
//! progress file, each battle's scenario with the strengths carried in, and the progress written
//! again when a battle ends. A progress file is never overwritten by a new campaign: the old one is
//! set aside (`ID.previous.ron`).

use super::{Campaign, Progress, load_campaign, progress_dir};
use crate::control::ControllerKind;
use crate::mods::ModSet;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A campaign being played: the campaign, how it stood when the battle now played began, and the
/// progress file it is kept in.
#[derive(Debug, Clone)]
pub struct CampaignRun {
    pub campaign: Arc<Campaign>,
    pub progress: Progress,
    /// `None`: nowhere (no home folder).
    pub file: Option<PathBuf>,
}

/// Who plays a campaign and how.
#[derive(Debug, Clone, Copy)]
pub struct CampaignSides {
    pub seed: u64,
    /// The controllers of the two sides (passive for the sides people play).
    pub controllers: (ControllerKind, ControllerKind),
    pub humans: [bool; 2],
    pub no_fog: bool,
}

impl CampaignRun {
    /// The campaign in `path` (with `mods`): continued from the user's progress file when one is
    /// under way and `anew` is not asked, else begun anew (an earlier progress file, finished,
    /// unreadable or not, set aside first). Returns the run and a line saying which.
    pub fn begin(
        path: &Path,
        mods: &ModSet,
        sides: CampaignSides,
        anew: bool,
    ) -> Result<(CampaignRun, String), String> {
        CampaignRun::begin_in(progress_dir().as_deref(), path, mods, sides, anew)
    }

    /// [`CampaignRun::begin`] with the progress files in `dir` (`None`: kept nowhere).
    pub fn begin_in(
        dir: Option<&Path>,
        path: &Path,
        mods: &ModSet,
        sides: CampaignSides,
        anew: bool,
    ) -> Result<(CampaignRun, String), String> {
        let c = Arc::new(load_campaign(path, mods).map_err(|e| e.to_string())?);
        let file = dir.map(|d| d.join(format!("{}.ron", c.file.id)));
        let mut note = String::new();
        if let Some(file) = file.as_deref().filter(|f| f.exists()) {
            match Progress::load(file) {
                Ok(p) if !anew && !p.over() && p.check_against(&c, file).is_ok() => {
                    let run = CampaignRun {
                        campaign: c,
                        progress: p,
                        file: Some(file.to_path_buf()),
                    };
                    let b = run.battle().unwrap_or(0);
                    let line = format!(
                        "Campaign continued from {}: battle {} of {}, {}.",
                        file.display(),
                        b + 1,
                        run.campaign.battles.len(),
                        run.campaign.battles[b].scenario.file.name
                    );
                    return Ok((run, line));
                }
                Ok(p) => {
                    let aside = crate::fsio::set_aside(file, "previous")
                        .map_err(|e| format!("cannot set {} aside: {e}", file.display()))?;
                    note = format!(
                        " The campaign {} before was kept as {}.",
                        if p.over() { "finished" } else { "under way" },
                        aside.display()
                    );
                }
                Err(e) => {
                    let aside = crate::fsio::set_aside(file, "unreadable")
                        .map_err(|e| format!("cannot set {} aside: {e}", file.display()))?;
                    note = format!(
                        " The progress file could not be read ({e}); it was kept as {}.",
                        aside.display()
                    );
                }
            }
        }
        let progress = Progress::new(
            &c,
            sides.seed,
            sides.controllers,
            sides.humans,
            sides.no_fog,
        );
        let run = CampaignRun {
            campaign: c,
            progress,
            file,
        };
        run.write(&run.progress)?;
        let line = format!(
            "Campaign begun: {}, battle 1 of {}.{note}",
            run.campaign.file.name,
            run.campaign.battles.len()
        );
        Ok((run, line))
    }

    /// The campaign a saved battle of it was played in, as it stood when the battle began; the
    /// campaign file read again with the campaign's mods. `path` names the save in messages.
    pub fn of_saved(progress: Progress, path: &Path) -> Result<CampaignRun, String> {
        let file = progress.campaign_path(path)?;
        let mods = progress.mod_set(path)?;
        let c = load_campaign(&file, &mods).map_err(|e| e.to_string())?;
        progress.check_against(&c, path)?;
        Ok(CampaignRun {
            file: super::progress_path(&c.file.id),
            campaign: Arc::new(c),
            progress,
        })
    }

    /// The index of the battle played now.
    pub fn battle(&self) -> Option<usize> {
        self.progress.next_battle(&self.campaign)
    }

    /// The scenario of the battle played now, with the strengths carried in.
    pub fn scenario(&self) -> Result<Scenario, String> {
        let b = self
            .battle()
            .ok_or_else(|| format!("campaign `{}` is over", self.campaign.file.id))?;
        self.progress.scenario_for(&self.campaign, b)
    }

    /// The seed of the battle played now.
    pub fn seed(&self) -> u64 {
        self.progress.battle_seed()
    }

    /// The campaign after the battle now played ended (`scn` as played, its events), written to
    /// the user's progress file; with the file's problem, if it could not be written.
    pub fn finish_battle(
        &self,
        scn: &Scenario,
        events: &[crate::sim::SimEvent],
    ) -> (Progress, Option<String>) {
        let after = self.progress.after(&self.campaign, scn, events);
        let problem = self.write(&after).err();
        (after, problem)
    }

    /// The run going on to the next battle from `after`.
    pub fn next(&self, after: Progress) -> CampaignRun {
        CampaignRun {
            campaign: self.campaign.clone(),
            progress: after,
            file: self.file.clone(),
        }
    }

    /// Writes `p` to the progress file of this campaign.
    fn write(&self, p: &Progress) -> Result<(), String> {
        let Some(file) = &self.file else {
            return Err("no home folder to keep the campaign's progress in".into());
        };
        p.save(file)
            .map_err(|e| format!("cannot write {}: {e}", file.display()))
    }
}
