//! `khalkhin merge`: the shards of one batch combined into the whole batch's result.

use super::batch::{finish_outputs, open_outputs, say_wrote};
use std::path::PathBuf;
use std::process::ExitCode;

/// Reads shard summaries (of `replay` or of `campaign`) and writes the merged batch.
pub fn merge(files: &[PathBuf], json: Option<PathBuf>, csv: Option<PathBuf>) -> ExitCode {
    let mut texts = Vec::new();
    for f in files {
        match khalkhin_gol::fsio::read_bounded(f).map(|b| String::from_utf8_lossy(&b).into_owned())
        {
            Ok(t) => texts.push((f, t)),
            Err(e) => {
                eprintln!("{}: cannot read file: {e}", f.display());
                return ExitCode::FAILURE;
            }
        }
    }
    // Campaigns (`khalkhin campaign --shard`) hold a list of campaigns.
    let campaigns: Vec<Option<serde_json::Value>> = texts
        .iter()
        .map(|(_, t)| {
            serde_json::from_str::<serde_json::Value>(t)
                .ok()
                .filter(|v| v.get("campaigns").is_some())
        })
        .collect();
    if campaigns.iter().any(Option::is_some) {
        let mut parts = Vec::new();
        for ((f, _), v) in texts.iter().zip(campaigns) {
            let Some(v) = v else {
                eprintln!(
                    "{}: not a `khalkhin campaign --json` file, as the others are",
                    f.display()
                );
                return ExitCode::FAILURE;
            };
            parts.push((f.display().to_string(), v));
        }
        return super::campaign::merge(parts, json, csv);
    }
    let mut parts = Vec::new();
    for (f, text) in texts {
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
