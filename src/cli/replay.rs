//! `khalkhin replay`: play batches of headless games, record one, or play a recorded one back.

use super::batch::{Outputs, run_batch, say_wrote};
use super::open_scenario;
use khalkhin_gol::control::ControllerKind;
use std::path::PathBuf;
use std::process::ExitCode;

/// Plays game 0 of the batch (seed `run_seed(seed, 0)`) and writes it as a replay file.
pub fn record_game(
    path: &std::path::Path,
    seed: u64,
    sides: (ControllerKind, ControllerKind),
    out: &std::path::Path,
) -> Result<(), ExitCode> {
    let scn = super::open_scenario(path).ok_or(ExitCode::FAILURE)?;
    let game_seed = khalkhin_gol::analysis::run_seed(seed, 0);
    let (_, _, orders) =
        khalkhin_gol::analysis::play_game_with(&scn, game_seed, [sides.0.build(), sides.1.build()]);
    let file = khalkhin_gol::analysis::ReplayFile::new(&scn, game_seed, sides, &orders);
    if let Err(e) = file.save(out) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return Err(ExitCode::FAILURE);
    }
    say!("recorded game 1 (seed {game_seed}) in {}", out.display());
    Ok(())
}

/// Plays a replay file back and prints the game's outcome.
pub fn replay_from(scenario: Option<&std::path::Path>, file: &std::path::Path) -> ExitCode {
    use khalkhin_gol::analysis::ReplayFile;
    let replay = match ReplayFile::load(file) {
        Ok(r) => r,
        Err(khalkhin_gol::analysis::ReplayError::File(e)) => {
            super::validate::print("error", &e);
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = match scenario {
        Some(p) => p.to_path_buf(),
        None => match replay.scenario_path(file) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    // The game's own mods, unless others are given.
    let mods = if super::mods().is_empty() {
        match replay.mod_set(file) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        super::mods().clone()
    };
    let Some(scn) = super::open_scenario_with(&path, &mods) else {
        return ExitCode::FAILURE;
    };
    let scn = match replay.with_carried(std::sync::Arc::unwrap_or_clone(scn), file) {
        Ok(s) => std::sync::Arc::new(s),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = replay.check_scenario(&scn, file) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let scn = replay.as_played(scn);
    let (record, log) = match khalkhin_gol::analysis::play_replay(&replay, &scn, file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    say!(
        "{} ({}), seed {}: {} events",
        scn.file.name,
        scn.file.id,
        replay.seed,
        log.0.len()
    );
    say!(
        "winner: {}  (Soviet points {:.1}), ended {}",
        record.winner,
        record.soviet_points,
        record.end_date
    );
    let l = &record.losses;
    say!(
        "losses  soviet: {} men, {} tanks, {} armoured cars, {} guns",
        l.soviet.men,
        l.soviet.tanks,
        l.soviet.armored_cars,
        l.soviet.guns
    );
    say!(
        "        japanese: {} men, {} tanks, {} armoured cars, {} guns",
        l.japanese.men,
        l.japanese.tanks,
        l.japanese.armored_cars,
        l.japanese.guns
    );
    for e in &record.encircled {
        say!(
            "encircled: {} ({}) on {}, turn {}",
            e.formation,
            e.side,
            e.date,
            e.turn
        );
    }
    ExitCode::SUCCESS
}

pub fn replay(
    path: &std::path::Path,
    (runs, seed, shard): (u64, u64, khalkhin_gol::analysis::Shard),
    sides: (ControllerKind, ControllerKind),
    (json, csv, events): (Option<PathBuf>, Option<PathBuf>, Option<PathBuf>),
    threads: usize,
) -> ExitCode {
    let Some(scn) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    match run_batch(
        &scn,
        (runs, seed, shard),
        sides,
        Outputs {
            json: json.as_deref(),
            csv: csv.as_deref(),
            events: events.as_deref(),
        },
        threads,
    ) {
        Some((summary, _)) => {
            say_raw!("{}", summary.to_text(Some(&scn)));
            say_wrote(&[json, csv, events]);
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}
