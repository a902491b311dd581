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
}

pub fn play(
    scenario: &std::path::Path,
    (screenshot, frames): (Option<PathBuf>, u32),
    mut options: PlayOptions,
) -> ExitCode {
    // A saved game names its scenario, seed and sides.
    let mut scenario = scenario.to_path_buf();
    let mut mods = super::mods().clone();
    if mods.is_empty() && options.load.is_none() {
        mods = enabled_in_window();
    }
    if let Some(file) = &options.load {
        let (saved, at, _) = match khalkhin_gol::analysis::ReplayFile::open_saved(file) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        scenario = match saved.scenario_path(file) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        mods = match saved.mod_set(file) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        options.humans = at.humans;
        options.seed = saved.seed;
        options.computer = saved.computer(&at);
        options.resume = saved.resume();
    }
    let scenario = scenario.as_path();
    let Some(scn) = open_scenario_with(scenario, &mods) else {
        return ExitCode::FAILURE;
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
            scenario.display()
        );
        return ExitCode::FAILURE;
    }
    open_window(scn, (screenshot, frames), options)
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
) -> ExitCode {
    eprintln!(
        "This build has no game window (it was built without the `gui` feature). \
         `khalkhin replay {}` plays whole games headless.",
        scn.path.display()
    );
    ExitCode::FAILURE
}
