//! `khalkhin campaign`: whole campaigns played headless, each battle with the strengths the one
//! before left; a summary on standard output, every campaign's battles as JSON and CSV for
//! scripts. `--shard I/N` plays a slice of the batch; `khalkhin merge` puts the slices together.

use khalkhin_gol::analysis::Shard;
use khalkhin_gol::campaign::run::Brought;
use khalkhin_gol::campaign::summary::{CampaignSummary, Summing};
use khalkhin_gol::campaign::{Campaign, CampaignRecord, load_campaign, play_campaign};
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::fsio::Partial;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Loads a campaign with the `--mod` mods, printing its errors; `None` when it cannot be played.
pub fn open_campaign(path: &Path) -> Option<Campaign> {
    match load_campaign(path, super::mods()) {
        Ok(c) => Some(c),
        Err(e) => {
            for err in &e.0 {
                super::validate::print("error", err);
            }
            None
        }
    }
}

/// The CSV columns: one row per battle of each campaign.
const CSV_HEADER: &str = "run,seed,campaign_result,campaign_points,battle,battle_seed,result,\
battle_campaign_points,soviet_points,soviet_men_in,soviet_men_history,soviet_tanks_in,\
soviet_tanks_history,soviet_armored_cars_in,soviet_armored_cars_history,soviet_guns_in,\
soviet_guns_history,japanese_men_in,japanese_men_history,japanese_tanks_in,japanese_tanks_history,\
japanese_armored_cars_in,japanese_armored_cars_history,japanese_guns_in,japanese_guns_history,\
soviet_men_lost,soviet_tanks_lost,soviet_armored_cars_lost,soviet_guns_lost,japanese_men_lost,\
japanese_tanks_lost,japanese_armored_cars_lost,japanese_guns_lost,end_date";

fn csv_rows(c: &CampaignRecord) -> String {
    let side = |now: &Brought, his: &Brought| {
        format!(
            "{},{},{},{},{},{},{},{}",
            now.men,
            his.men,
            now.tanks,
            his.tanks,
            now.armored_cars,
            his.armored_cars,
            now.guns,
            his.guns
        )
    };
    let mut out = String::new();
    for b in &c.battles {
        let (n, h, l) = (&b.brought, &b.history, &b.game.losses);
        out += &format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            c.run,
            c.seed,
            c.result.key(),
            c.soviet_points,
            b.battle,
            b.game.seed,
            b.result.key(),
            b.campaign_points,
            b.game.soviet_points,
            side(&n.soviet, &h.soviet),
            side(&n.japanese, &h.japanese),
            l.soviet.men,
            l.soviet.tanks,
            l.soviet.armored_cars,
            l.soviet.guns,
            l.japanese.men,
            l.japanese.tanks,
            l.japanese.armored_cars,
            l.japanese.guns,
            b.game.end_date
        );
    }
    out
}

/// Sums campaigns up as they come, in run order, and streams them into the JSON and CSV files
/// asked for (each built beside its destination and renamed over it only when complete).
pub struct CampaignWriter {
    summing: Summing,
    json: Option<Partial>,
    csv: Option<Partial>,
    written: std::io::Result<()>,
    first: bool,
}

impl CampaignWriter {
    /// Opens the files; `None` (after saying why) when they cannot be made.
    pub fn open(summing: Summing, json: Option<&Path>, csv: Option<&Path>) -> Option<Self> {
        if let (Some(a), Some(b)) = (json, csv)
            && a == b
        {
            eprintln!(
                "error: --json and --csv name the same file `{}`: give each output its own file",
                a.display()
            );
            return None;
        }
        let open = |p: Option<&Path>| p.map(|p| Partial::create(p, ".partial")).transpose();
        let (mut json, mut csv) = match (open(json), open(csv)) {
            (Ok(j), Ok(c)) => (j, c),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("error: cannot create the output files: {e}");
                return None;
            }
        };
        let mut written = Ok(());
        if let Some(j) = &mut json {
            written = j.w().write_all(b"{\"campaigns\": [\n");
        }
        if let Some(f) = &mut csv
            && written.is_ok()
        {
            written = writeln!(f.w(), "{CSV_HEADER}");
        }
        Some(CampaignWriter {
            summing,
            json,
            csv,
            written,
            first: true,
        })
    }

    /// Adds the next campaign (in run order).
    pub fn add(&mut self, r: &CampaignRecord) {
        self.summing.add(r);
        if self.written.is_err() {
            return;
        }
        if let Some(j) = &mut self.json {
            let sep = if self.first { "" } else { ",\n" };
            self.written = serde_json::to_string(r)
                .map_err(std::io::Error::other)
                .and_then(|s| write!(j.w(), "{sep}{s}"));
        }
        self.first = false;
        if let Some(f) = &mut self.csv
            && self.written.is_ok()
        {
            self.written = f.w().write_all(csv_rows(r).as_bytes());
        }
    }

    /// Completes the files with the summary; `None` (after saying why) when they cannot be
    /// written.
    pub fn finish(mut self) -> Option<CampaignSummary> {
        let summary = self.summing.finish();
        if let Some(j) = &mut self.json
            && self.written.is_ok()
        {
            self.written = serde_json::to_string_pretty(&summary)
                .map_err(std::io::Error::other)
                .and_then(|s| write!(j.w(), "\n],\n\"summary\": {s}\n}}\n"));
        }
        let committed = self
            .written
            .and_then(|()| self.json.map_or(Ok(()), Partial::commit))
            .and_then(|()| self.csv.map_or(Ok(()), Partial::commit));
        match committed {
            Ok(()) => Some(summary),
            Err(e) => {
                eprintln!("error: cannot write the output files: {e}");
                None
            }
        }
    }
}

/// Plays the campaigns of a batch of `runs` (those in `shard`) from seeds derived from `seed`
/// (campaign `i` from `run_seed(seed, i)`) and prints their summary; `--json` gets the summary and
/// every campaign, `--csv` a row per battle played.
pub fn campaign(
    path: &Path,
    (runs, seed, shard): (u64, u64, Shard),
    sides: (ControllerKind, ControllerKind),
    (json, csv): (Option<PathBuf>, Option<PathBuf>),
    threads: usize,
) -> ExitCode {
    let Some(c) = open_campaign(path) else {
        return ExitCode::FAILURE;
    };
    let no_fog = super::NO_FOG.load(std::sync::atomic::Ordering::Relaxed);
    let shard_name = (shard != Shard::WHOLE).then(|| shard.to_string());
    let summing = Summing::new(&c, (seed, runs, shard_name), sides, no_fog);
    let Some(mut out) = CampaignWriter::open(summing, json.as_deref(), csv.as_deref()) else {
        return ExitCode::FAILURE;
    };
    let total = shard.games_of(runs);
    let bar = indicatif::ProgressBar::new(total).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} campaigns, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut failure: Option<String> = None;
    khalkhin_gol::analysis::in_order(
        total as usize,
        threads,
        &|k| {
            let i = shard.index + k as u64 * shard.count;
            let campaign_seed = khalkhin_gol::analysis::run_seed(seed, i);
            play_campaign(&c, campaign_seed, sides, no_fog).map(|mut r| {
                r.run = i;
                r
            })
        },
        &mut |r| {
            bar.inc(1);
            match r {
                Ok(r) => out.add(&r),
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        },
    );
    bar.finish_and_clear();
    if let Some(e) = failure {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let Some(summary) = out.finish() else {
        return ExitCode::FAILURE;
    };
    say_raw!("{}", summary.to_text());
    super::batch::say_wrote(&[json, csv]);
    ExitCode::SUCCESS
}

/// The shards of one batch of campaigns (`campaign --shard I/N --json …`, read as `files` named
/// in messages) put together into the whole batch's files and summary.
pub fn merge(
    files: Vec<(String, serde_json::Value)>,
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
) -> ExitCode {
    let mut parts = Vec::new();
    for (file, v) in files {
        let campaigns = serde_json::from_value::<Vec<CampaignRecord>>(v["campaigns"].clone());
        let summary = serde_json::from_value::<CampaignSummary>(v["summary"].clone());
        match (campaigns, summary) {
            (Ok(c), Ok(s)) => parts.push((file, s, c)),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("{file}: not a `khalkhin campaign --json` file: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let (of, campaigns) = match khalkhin_gol::campaign::summary::merge(parts) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut out) = CampaignWriter::open(Summing::again(&of), json.as_deref(), csv.as_deref())
    else {
        return ExitCode::FAILURE;
    };
    for c in &campaigns {
        out.add(c);
    }
    let Some(summary) = out.finish() else {
        return ExitCode::FAILURE;
    };
    say_raw!("{}", summary.to_text());
    super::batch::say_wrote(&[json, csv]);
    ExitCode::SUCCESS
}
