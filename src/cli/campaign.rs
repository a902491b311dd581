//! `khalkhin campaign`: whole campaigns played headless, each battle with the strengths the one
//! before left; a summary on standard output, every campaign's battles as JSON and CSV for
//! scripts.

use khalkhin_gol::campaign::summary::Summing;
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
    let mut out = String::new();
    for b in &c.battles {
        let (n, h, l) = (&b.brought, &b.history, &b.game.losses);
        let side = |now: &khalkhin_gol::campaign::run::Brought,
                    his: &khalkhin_gol::campaign::run::Brought| {
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

/// Plays `runs` campaigns from seeds derived from `seed` (campaign `i` from `run_seed(seed, i)`)
/// and prints their summary; `--json` gets the summary and every campaign, `--csv` a row per
/// battle played.
pub fn campaign(
    path: &Path,
    (runs, seed): (u64, u64),
    sides: (ControllerKind, ControllerKind),
    (json, csv): (Option<PathBuf>, Option<PathBuf>),
    threads: usize,
) -> ExitCode {
    let Some(c) = open_campaign(path) else {
        return ExitCode::FAILURE;
    };
    if let (Some(a), Some(b)) = (&json, &csv)
        && a == b
    {
        eprintln!(
            "error: --json and --csv name the same file `{}`: give each output its own file",
            a.display()
        );
        return ExitCode::FAILURE;
    }
    let no_fog = super::NO_FOG.load(std::sync::atomic::Ordering::Relaxed);
    let open = |p: &Option<PathBuf>| p.as_deref().map(|p| Partial::create(p, ".partial"));
    let (mut json_out, mut csv_out) = match (open(&json).transpose(), open(&csv).transpose()) {
        (Ok(j), Ok(c)) => (j, c),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: cannot create the output files: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut summing = Summing::new(&c, (seed, runs), sides, no_fog);
    let bar = indicatif::ProgressBar::new(runs).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} campaigns, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut failure: Option<String> = None;
    let mut written: std::io::Result<()> = Ok(());
    if let Some(j) = &mut json_out {
        written = j.w().write_all(b"{\"campaigns\": [\n");
    }
    if let Some(f) = &mut csv_out
        && written.is_ok()
    {
        written = writeln!(f.w(), "{CSV_HEADER}");
    }
    khalkhin_gol::analysis::in_order(
        runs as usize,
        threads,
        &|i| {
            let campaign_seed = khalkhin_gol::analysis::run_seed(seed, i as u64);
            play_campaign(&c, campaign_seed, sides, no_fog).map(|mut r| {
                r.run = i as u64;
                r
            })
        },
        &mut |r| {
            bar.inc(1);
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    failure.get_or_insert(e);
                    return;
                }
            };
            summing.add(&r);
            if written.is_err() {
                return;
            }
            if let Some(j) = &mut json_out {
                let sep = if r.run == 0 { "" } else { ",\n" };
                written = serde_json::to_string(&r)
                    .map_err(std::io::Error::other)
                    .and_then(|s| write!(j.w(), "{sep}{s}"));
            }
            if let Some(f) = &mut csv_out
                && written.is_ok()
            {
                written = f.w().write_all(csv_rows(&r).as_bytes());
            }
        },
    );
    bar.finish_and_clear();
    if let Some(e) = failure {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let summary = summing.finish();
    if let Some(j) = &mut json_out
        && written.is_ok()
    {
        written = serde_json::to_string_pretty(&summary)
            .map_err(std::io::Error::other)
            .and_then(|s| write!(j.w(), "\n],\n\"summary\": {s}\n}}\n"));
    }
    let committed = written
        .and_then(|()| json_out.map_or(Ok(()), Partial::commit))
        .and_then(|()| csv_out.map_or(Ok(()), Partial::commit));
    if let Err(e) = committed {
        eprintln!("error: cannot write the output files: {e}");
        return ExitCode::FAILURE;
    }
    say_raw!("{}", summary.to_text());
    super::batch::say_wrote(&[json, csv]);
    ExitCode::SUCCESS
}
