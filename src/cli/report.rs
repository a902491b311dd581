//! `khalkhin report`: a batch set beside the historical record.

use super::batch::{Outputs, run_batch};
use super::open_scenario;
use khalkhin_gol::control::ControllerKind;
use std::process::ExitCode;

/// Plays a batch and writes the comparison with history into `dir`.
pub fn report(
    path: &std::path::Path,
    (runs, seed): (u64, u64),
    sides: (ControllerKind, ControllerKind),
    dir: &std::path::Path,
    threads: usize,
) -> ExitCode {
    let Some(scn) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let (json, csv) = (dir.join("summary.json"), dir.join("runs.csv"));
    let shard = khalkhin_gol::analysis::Shard::WHOLE;
    let Some((summary, acc)) = run_batch(
        &scn,
        (runs, seed, shard),
        sides,
        Outputs {
            json: Some(&json),
            csv: Some(&csv),
            events: None,
        },
        threads,
    ) else {
        return ExitCode::FAILURE;
    };
    match khalkhin_gol::analysis::report::write_report(dir, &scn, &summary, &acc) {
        Ok(files) => {
            say_raw!("{}", summary.to_text(Some(&scn)));
            say!(
                "wrote {}, {} and {} more files in {}",
                json.display(),
                csv.display(),
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
