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
    // Every file is written into a folder of its own inside `dir` first and moved into `dir` only
    // when the whole report is written: a failed report leaves the folder as it was.
    khalkhin_gol::fsio::remove_stale(dir, ".report-partial-");
    let work = dir.join(format!(".report-partial-{}-0", std::process::id()));
    let result = write_into(&scn, (runs, seed), sides, &work, threads);
    let result = result.and_then(|(summary, files)| {
        let mut moved = Vec::new();
        for f in &files {
            let to = dir.join(f.file_name().expect("a file"));
            std::fs::rename(f, &to).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
            moved.push(to);
        }
        Ok((summary, moved))
    });
    std::fs::remove_dir_all(&work).ok();
    match result {
        Ok((summary, files)) => {
            say_raw!("{}", summary.to_text(Some(&scn)));
            say!("wrote {} files in {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Plays the batch and writes the report's files into `work`; returns the summary and the files.
/// An empty error: the batch has already said why it failed.
fn write_into(
    scn: &std::sync::Arc<khalkhin_gol::scenario::Scenario>,
    (runs, seed): (u64, u64),
    sides: (ControllerKind, ControllerKind),
    work: &std::path::Path,
    threads: usize,
) -> Result<(khalkhin_gol::analysis::Summary, Vec<std::path::PathBuf>), String> {
    std::fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let (json, csv) = (work.join("summary.json"), work.join("runs.csv"));
    let shard = khalkhin_gol::analysis::Shard::WHOLE;
    let Some((summary, acc)) = run_batch(
        scn,
        (runs, seed, shard),
        sides,
        Outputs {
            json: Some(&json),
            csv: Some(&csv),
            events: None,
        },
        threads,
    ) else {
        return Err(String::new());
    };
    let mut files = vec![json, csv];
    files.extend(khalkhin_gol::analysis::report::write_report(
        work, scn, &summary, &acc,
    )?);
    Ok((summary, files))
}
