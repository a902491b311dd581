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
    let mut summary = None;
    let result = publish(dir, |work| {
        let (s, files) = write_into(&scn, (runs, seed), sides, work, threads)?;
        summary = Some(s);
        Ok(files)
    });
    match (result, summary) {
        (Ok(files), Some(summary)) => {
            say_raw!("{}", summary.to_text(Some(&scn)));
            say!("wrote {} files in {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        (Err(e), _) => fail(&e),
        (Ok(_), None) => unreachable!("a report written has its summary"),
    }
}

fn fail(e: &str) -> ExitCode {
    if !e.is_empty() {
        eprintln!("error: {e}");
    }
    ExitCode::FAILURE
}

/// Writes the files into a folder of their own inside `dir`, then moves them into `dir`: a failed
/// report leaves `dir` as it was. Returns the files moved.
fn publish(
    dir: &std::path::Path,
    write: impl FnOnce(&std::path::Path) -> Result<Vec<std::path::PathBuf>, String>,
) -> Result<Vec<std::path::PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    khalkhin_gol::fsio::remove_stale(dir, ".report-partial-");
    let work = dir.join(format!(".report-partial-{}-0", std::process::id()));
    let result = std::fs::create_dir_all(&work)
        .map_err(|e| format!("cannot create {}: {e}", work.display()))
        .and_then(|_| write(&work))
        .and_then(|files| {
            let mut moved = Vec::new();
            for f in &files {
                let to = dir.join(f.file_name().expect("a file"));
                std::fs::rename(f, &to)
                    .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
                moved.push(to);
            }
            Ok(moved)
        });
    std::fs::remove_dir_all(&work).ok();
    result
}

/// The variant of an A/B study: the base scenario with a mod added, or another scenario file.
fn open_variant(
    base: &std::path::Path,
    variant: &str,
) -> Option<(std::sync::Arc<khalkhin_gol::scenario::Scenario>, String)> {
    let as_file = std::path::Path::new(variant);
    if as_file.is_file() {
        let scn = super::open_scenario(as_file)?;
        return Some((scn, format!("`{variant}`")));
    }
    let dir = match khalkhin_gol::mods::find(variant) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: --against {variant}: not a scenario file, and {e}");
            return None;
        }
    };
    let mut dirs: Vec<std::path::PathBuf> =
        super::mods().mods.iter().map(|m| m.dir.clone()).collect();
    dirs.push(dir.canonicalize().unwrap_or(dir));
    let mods = match khalkhin_gol::mods::ModSet::load(&dirs) {
        Ok(m) => m,
        Err(e) => {
            super::validate::print_errors(&e);
            return None;
        }
    };
    for w in &mods.warnings {
        super::validate::print("warning", w);
    }
    let scn = super::open_scenario_with(base, &mods)?;
    let name = format!("`{}` with mods {}", base.display(), mods.ids().join(", "));
    Some((scn, name))
}

/// `report BASE --against VARIANT`: both batches with the same seeds, each measure side by side.
pub fn study(
    path: &std::path::Path,
    variant: &str,
    (runs, seed): (u64, u64),
    sides: (ControllerKind, ControllerKind),
    dir: &std::path::Path,
    threads: usize,
) -> ExitCode {
    let Some(base) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    let Some((var, var_name)) = open_variant(path, variant) else {
        return ExitCode::FAILURE;
    };
    let base_name = if base.mod_ids.is_empty() {
        format!("`{}`", path.display())
    } else {
        format!("`{}` with mods {}", path.display(), base.mod_ids.join(", "))
    };
    let result = publish(dir, |work| {
        let mut files = Vec::new();
        let mut accs = Vec::new();
        for (scn, name) in [(&base, "base"), (&var, "variant")] {
            say!("playing the {name}: {} games", runs);
            let json = work.join(format!("{name}-summary.json"));
            let Some((_, acc)) = run_batch(
                scn,
                (runs, seed, khalkhin_gol::analysis::Shard::WHOLE),
                sides,
                Outputs {
                    json: Some(&json),
                    csv: None,
                    events: None,
                },
                threads,
            ) else {
                return Err(String::new());
            };
            files.push(json);
            accs.push(acc);
        }
        let rows =
            khalkhin_gol::analysis::compare::compare_batches((&base, &accs[0]), (&var, &accs[1]));
        let title = (base_name.as_str(), var_name.as_str());
        say_raw!(
            "{}",
            khalkhin_gol::analysis::compare::markdown(title, (runs, runs), &rows)
        );
        files.extend(khalkhin_gol::analysis::compare::write_study(
            work,
            title,
            (runs, runs),
            &rows,
        )?);
        Ok(files)
    });
    match result {
        Ok(files) => {
            say!("wrote {} files in {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
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
