//! `khalkhin merge`: the shards of one batch combined into the whole batch's result.

use super::batch::{finish_outputs, open_outputs, say_wrote};
use std::path::PathBuf;
use std::process::ExitCode;

/// Reads shard summaries and writes the merged batch.
pub fn merge(files: &[PathBuf], json: Option<PathBuf>, csv: Option<PathBuf>) -> ExitCode {
    let mut parts = Vec::new();
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: cannot read file: {e}", f.display());
                return ExitCode::FAILURE;
            }
        };
        match serde_json::from_str::<khalkhin_gol::analysis::Summary>(&text) {
            Ok(s) => parts.push((f.display().to_string(), s)),
            Err(e) => {
                eprintln!(
                    "{}:{}:{}: not a `khalkhin replay --json` file: {e}",
                    f.display(),
                    e.line(),
                    e.column()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let (meta, games) = match khalkhin_gol::analysis::Summary::merge(parts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut out) = open_outputs(meta, json.as_deref(), csv.as_deref()) else {
        return ExitCode::FAILURE;
    };
    for g in &games {
        out.add(g);
    }
    let Some((summary, _)) = finish_outputs(out) else {
        return ExitCode::FAILURE;
    };
    say_raw!("{}", summary.to_text(None));
    say_wrote(&[json, csv]);
    ExitCode::SUCCESS
}
