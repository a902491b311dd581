//! What `replay`, `report` and `merge` share: playing a batch with a progress bar and writing its
//! JSON, CSV and event files.

use khalkhin_gol::analysis::{EventWriter, Shard, replay_batch_events};
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::fsio::Partial;
use khalkhin_gol::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The output files of a batch, any of which may be left out.
#[derive(Clone, Copy, Default)]
pub struct Outputs<'a> {
    pub json: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub events: Option<&'a Path>,
}

impl Outputs<'_> {
    /// Refuses one file named for two outputs (each would overwrite the other).
    pub fn check_distinct(&self) -> Result<(), String> {
        let named = [
            ("--json", self.json),
            ("--csv", self.csv),
            ("--events", self.events),
        ];
        for (i, (a, pa)) in named.iter().enumerate() {
            for (b, pb) in &named[i + 1..] {
                if let (Some(pa), Some(pb)) = (pa, pb)
                    && same_file(pa, pb)
                {
                    return Err(format!(
                        "{a} and {b} name the same file `{}`: give each output its own file",
                        pa.display()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Whether two paths name the same file (compared after resolving the folders they are in).
fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.map_or_else(|| Path::new(".").canonicalize(), |d| d.canonicalize());
        dir.ok().zip(p.file_name().map(|n| n.to_owned()))
    };
    a == b || matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

/// Plays a batch with a progress bar, streaming it into the JSON, CSV and event files asked for;
/// `None` (after saying why) when the files cannot be written.
pub fn run_batch(
    scn: &Arc<Scenario>,
    (runs, seed, shard): (u64, u64, Shard),
    sides: (ControllerKind, ControllerKind),
    files: Outputs,
    threads: usize,
) -> Option<(
    khalkhin_gol::analysis::Summary,
    khalkhin_gol::analysis::Accumulator,
)> {
    if let Err(e) = files.check_distinct() {
        eprintln!("error: {e}");
        return None;
    }
    let meta = khalkhin_gol::analysis::batch_info(scn, runs, seed, sides, shard);
    let mut out = open_outputs(meta, files.json, files.csv)?;
    let mut events = match files
        .events
        .map(|p| Partial::create(p, ".partial"))
        .transpose()
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot create the event file: {e}");
            return None;
        }
    };
    let mut writer = EventWriter::new(scn);
    let mut failed: Option<std::io::Error> = None;
    let bar = progress_bar(shard.games_of(runs));
    replay_batch_events(
        scn,
        runs,
        seed,
        sides,
        shard,
        threads,
        events.is_some(),
        &mut |g, log| {
            out.add(g);
            if let Some(ev) = &mut events
                && failed.is_none()
                && let Err(e) = writer.write_game(ev.w(), g.run, g.seed, log)
            {
                failed = Some(e);
            }
            bar.inc(1);
        },
    );
    bar.finish_and_clear();
    if let Some(ev) = events
        && let Some(e) = failed.take().or_else(|| ev.commit().err())
    {
        eprintln!("error: cannot write the event file: {e}");
        return None;
    }
    finish_outputs(out)
}

/// Says which output files were written.
pub fn say_wrote(files: &[Option<PathBuf>]) {
    for f in files.iter().flatten() {
        say!("wrote {}", f.display());
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
fn progress_bar(games: u64) -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(games).with_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} games, {per_sec}, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    )
}

/// Starts the JSON and CSV files of a batch.
pub fn open_outputs(
    meta: khalkhin_gol::analysis::BatchInfo,
    json: Option<&std::path::Path>,
    csv: Option<&std::path::Path>,
) -> Option<khalkhin_gol::analysis::BatchWriter> {
    match khalkhin_gol::analysis::BatchWriter::new(meta, json, csv) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("error: cannot create the output files: {e}");
            None
        }
    }
}

/// Completes a batch's files; `None` (after saying why) when they cannot be written.
pub fn finish_outputs(
    out: khalkhin_gol::analysis::BatchWriter,
) -> Option<(
    khalkhin_gol::analysis::Summary,
    khalkhin_gol::analysis::Accumulator,
)> {
    match out.finish() {
        Ok(done) => Some(done),
        Err(e) => {
            eprintln!("error: cannot write the output files: {e}");
            None
        }
    }
}
