//! `khalkhin play`: the game window.

use super::open_scenario_with;
use khalkhin_gol::control::ControllerKind;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// How the window is to be played.
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
pub struct PlayOptions {
    pub humans: [bool; 2],
    pub computer: ControllerKind,
    pub seed: u64,
    pub pace: Option<f32>,
    pub select: Option<String>,
    pub save_to: PathBuf,
    pub load: Option<PathBuf>,
    pub resume: Option<khalkhin_gol::sim::Resume>,
    /// The campaign to play (its file), and whether to begin it anew rather than continue it.
    pub campaign: Option<(PathBuf, bool)>,
}

pub fn play(
    scenario: &std::path::Path,
    (screenshot, frames): (Option<PathBuf>, u32),
    mut options: PlayOptions,
) -> ExitCode {
    // A saved game names its scenario, seed, sides, mods and the strengths carried into it; a
    // campaign the battle to play, its seed and strengths.
    let mut campaign = None;
    let scn = if let Some(file) = &options.load {
        let (saved, at, scn) = match khalkhin_gol::analysis::ReplayFile::open_saved(file) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        options.humans = at.humans;
        options.seed = saved.seed;
        options.computer = saved.computer(&at);
        options.resume = saved.resume();
        if let Some(p) = saved.campaign.clone() {
            match khalkhin_gol::campaign::CampaignRun::of_saved(p, file) {
                Ok(run) => campaign = Some(run),
                Err(e) => eprintln!(
                    "warning: the battle is played without its campaign, which cannot be read: {e}"
                ),
            }
        }
        Arc::new(scn)
    } else {
        let mut mods = super::mods().clone();
        if mods.is_empty() {
            mods = enabled_in_window();
        }
        if let Some((path, anew)) = &options.campaign {
            let sides = khalkhin_gol::campaign::CampaignSides {
                seed: options.seed,
                controllers: {
                    let [s, j] =
                        khalkhin_gol::control::controller_kinds(options.humans, options.computer);
                    (s, j)
                },
                humans: options.humans,
                no_fog: super::NO_FOG.load(std::sync::atomic::Ordering::Relaxed),
            };
            let (run, note) =
                match khalkhin_gol::campaign::CampaignRun::begin(path, &mods, sides, *anew) {
                    Ok(x) => x,
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                };
            eprintln!("{note}");
            let scn = match run.scenario() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            options.seed = run.seed();
            campaign = Some(run);
            Arc::new(scn)
        } else {
            let Some(scn) = open_scenario_with(scenario, &mods) else {
                return ExitCode::FAILURE;
            };
            scn
        }
    };
    if let Some(pace) = options.pace
        && !(pace.is_finite() && (0.0..=60.0).contains(&pace))
    {
        eprintln!("error: --pace {pace}: expected seconds from 0 to 60");
        return ExitCode::FAILURE;
    }
    if let Some(key) = &options.select
        && !scn.units.iter().any(|u| &u.key == key)
    {
        eprintln!(
            "error: --select {key}: no unit with that id in {}",
            scn.path.display()
        );
        return ExitCode::FAILURE;
    }
    open_window(scn, (screenshot, frames), options, campaign)
}

/// The mods enabled in the window's mod list (F3), when `--mod` names none; none (with a warning)
/// when they cannot load.
fn enabled_in_window() -> khalkhin_gol::mods::ModSet {
    let loaded = khalkhin_gol::mods::enabled::load_enabled().and_then(|ids| {
        let dirs = ids
            .iter()
            .map(|i| khalkhin_gol::mods::find(i))
            .collect::<Result<Vec<_>, _>>()?;
        khalkhin_gol::mods::ModSet::load(&dirs).map_err(|e| e.to_string())
    });
    match loaded {
        Ok(m) => m,
        Err(e) => {
            eprintln!("warning: the mods enabled in the window cannot load, so none is: {e}");
            khalkhin_gol::mods::ModSet::none()
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(
    scn: Arc<khalkhin_gol::scenario::Scenario>,
    (screenshot, frames): (Option<PathBuf>, u32),
    o: PlayOptions,
    campaign: Option<khalkhin_gol::campaign::CampaignRun>,
) -> ExitCode {
    let req = screenshot.map(|path| khalkhin_gol::gui::ScreenshotRequest { path, frames });
    let select = o
        .select
        .and_then(|k| scn.units.iter().position(|u| u.key == k))
        .map(|i| i as khalkhin_gol::scenario::UnitIx);
    let players = khalkhin_gol::gui::Players {
        humans: o.humans,
        computer: o.computer,
        pace: o.pace,
        select,
        save_to: o.save_to,
        resume: o.resume,
        no_fog: super::NO_FOG.load(std::sync::atomic::Ordering::Relaxed),
        campaign,
    };
    match khalkhin_gol::gui::run_window(scn, players, o.seed, req) {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(_) => ExitCode::FAILURE,
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(
    scn: Arc<khalkhin_gol::scenario::Scenario>,
    _screenshot: (Option<PathBuf>, u32),
    _options: PlayOptions,
    _campaign: Option<khalkhin_gol::campaign::CampaignRun>,
) -> ExitCode {
    eprintln!(
        "This build has no game window (it was built without the `gui` feature). \
         `khalkhin replay {}` plays whole games headless.",
        scn.path.display()
    );
    ExitCode::FAILURE
}
