//! `khalkhin`: play, replay and validate Khalkhin Gol 1939 scenarios.

use clap::{Parser, Subcommand};
use khalkhin_gol::analysis::replay_batch;
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::scenario::load_scenario;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Prints a line to standard output; a closed pipe (`khalkhin … | head`) ends the program quietly
/// instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// [`say!`] without the newline.
macro_rules! say_raw {
    ($($t:tt)*) => {{
        use std::io::Write;
        if write!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// The default scenario: Zhukov's August offensive.
const DEFAULT_SCENARIO: &str = "scenarios/august_1939.ron";

#[derive(Parser)]
#[command(
    name = "khalkhin",
    version,
    about = "Khalkhin Gol 1939: a hex wargame and simulation of the battles on the Khalkhin Gol, May–September 1939"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// The controllers of a batch's two sides.
#[derive(clap::Args, Clone, Copy)]
struct Sides {
    /// Controller of the Soviet side.
    #[arg(long, value_enum, default_value_t = ControllerKind::Plan)]
    soviet: ControllerKind,
    /// Controller of the Japanese side.
    #[arg(long, value_enum, default_value_t = ControllerKind::Plan)]
    japanese: ControllerKind,
}

impl Sides {
    fn pair(self) -> (ControllerKind, ControllerKind) {
        (self.soviet, self.japanese)
    }
}

/// Who a person plays in the window.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PlayAs {
    Soviet,
    Japanese,
    Both,
    None,
}

impl PlayAs {
    /// Sides a person plays, indexed by `Side::index()`.
    fn humans(self) -> [bool; 2] {
        match self {
            PlayAs::Soviet => [true, false],
            PlayAs::Japanese => [false, true],
            PlayAs::Both => [true, true],
            PlayAs::None => [false, false],
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Play a scenario in a game window (the default command).
    Play {
        /// Scenario file.
        #[arg(default_value = DEFAULT_SCENARIO)]
        scenario: PathBuf,
        /// Render the first frames, write the window to this PNG file and exit.
        #[arg(long)]
        screenshot: Option<PathBuf>,
        /// Frames to render before the screenshot.
        #[arg(long, default_value_t = 30, requires = "screenshot", value_parser = clap::value_parser!(u32).range(1..=100_000))]
        frames: u32,
        /// The side you play: soviet, japanese, both (hot seat) or none (watch the computer).
        #[arg(long, value_enum, default_value_t = PlayAs::Soviet)]
        side: PlayAs,
        /// The computer's controller for the side(s) you do not play.
        #[arg(long, value_enum, default_value_t = ControllerKind::Ai)]
        opponent: ControllerKind,
        /// Seed of the game.
        #[arg(long, default_value_t = 1939)]
        seed: u64,
        /// Seconds between two phases of a computer side (0: as fast as the window draws).
        #[arg(long, default_value_t = 0.35)]
        pace: f32,
        /// Select this unit (its id in the scenario) at the start: for previews and tests.
        #[arg(long)]
        select: Option<String>,
        /// Where F5 saves the game.
        #[arg(long, default_value = "khalkhin-save.ron")]
        save_to: PathBuf,
        /// Load a saved game (made with F5): the same scenario, seed and sides, played again to where
        /// it was saved.
        #[arg(long)]
        load: Option<PathBuf>,
    },
    /// Check scenario, map and data files (a scenario with every file it names); every error gives
    /// file:line:column.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Combine the JSON of the shards of one batch (`replay --shard I/N --json …`) into the result of
    /// the whole batch.
    Merge {
        /// The shards' JSON files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the merged result as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also write one row per game as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Print a scenario's map as text: terrain letters, rivers, bridges and units (at the start, or
    /// at a date of a game played headless).
    Map {
        /// Scenario file.
        scenario: PathBuf,
        /// Play a game to the turn that starts at this date (ISO 8601, e.g. 1939-08-25T06:00) and
        /// show the units then: S/J in supply, s/j cut off.
        #[arg(long)]
        at: Option<String>,
        /// Seed of the game played with --at.
        #[arg(long, default_value_t = 1939, requires = "at")]
        seed: u64,
        /// Controller of the Soviet side in the game played with --at.
        #[arg(long, value_enum, default_value_t = ControllerKind::Plan, requires = "at")]
        soviet: ControllerKind,
        /// Controller of the Japanese side in the game played with --at.
        #[arg(long, value_enum, default_value_t = ControllerKind::Plan, requires = "at")]
        japanese: ControllerKind,
    },
    /// Play a batch of games and write a report that sets each measure's simulated distribution
    /// beside the scenario's historical record: DIR/report.md with one SVG histogram per measure,
    /// plus DIR/summary.json and DIR/runs.csv.
    Report {
        /// Scenario file.
        scenario: PathBuf,
        /// Number of games.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        runs: u64,
        /// Seed of the batch (as for `replay`).
        #[arg(long, default_value_t = 1939)]
        seed: u64,
        #[command(flatten)]
        sides: Sides,
        /// Folder to write the report into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Threads to play games on (default: all cores); the result does not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
        threads: Option<u16>,
    },
    /// Play whole games headless, both sides computer-controlled, and summarise the outcomes.
    Replay {
        /// Scenario file (with --from: the one named in the replay file, unless given).
        #[arg(required_unless_present = "from")]
        scenario: Option<PathBuf>,
        /// Number of games.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        runs: u64,
        /// Seed of the first game; later games use seeds derived from it.
        #[arg(long, default_value_t = 1939)]
        seed: u64,
        #[command(flatten)]
        sides: Sides,
        /// Also write the summary and every game as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Play only a slice of the batch: games whose index i has i mod N = I (`I/N`, e.g. `0/4`).
        /// `khalkhin merge` combines the shards' JSON into exactly the whole batch's result.
        #[arg(long, value_parser = khalkhin_gol::analysis::Shard::parse)]
        shard: Option<khalkhin_gol::analysis::Shard>,
        /// Also write one row per game as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Record the batch's first game as a replay file: scenario identity, seed, controllers, orders.
        #[arg(long, conflicts_with = "from")]
        record: Option<PathBuf>,
        /// Play a recorded game back, event for event, and print its outcome.
        #[arg(long)]
        from: Option<PathBuf>,
        /// Threads to play games on (default: all cores); the result does not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
        threads: Option<u16>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Play {
        scenario: PathBuf::from(DEFAULT_SCENARIO),
        screenshot: None,
        frames: 30,
        side: PlayAs::Soviet,
        opponent: ControllerKind::Ai,
        seed: 1939,
        pace: 0.35,
        select: None,
        save_to: PathBuf::from("khalkhin-save.ron"),
        load: None,
    }) {
        Command::Play {
            scenario,
            screenshot,
            frames,
            side,
            opponent,
            seed,
            pace,
            select,
            save_to,
            load,
        } => play(
            &scenario,
            (screenshot, frames),
            PlayOptions {
                humans: side.humans(),
                computer: opponent,
                seed,
                pace,
                select,
                save_to,
                load,
                resume: None,
            },
        ),
        Command::Validate { paths } => validate(&paths),
        Command::Map {
            scenario,
            at,
            seed,
            soviet,
            japanese,
        } => print_map(&scenario, at.map(|a| (a, seed, (soviet, japanese)))),
        Command::Merge { files, json, csv } => merge(&files, json, csv),
        Command::Report {
            scenario,
            runs,
            seed,
            sides,
            out,
            threads,
        } => report(
            &scenario,
            (runs, seed),
            sides.pair(),
            &out,
            threads_or_all(threads),
        ),
        Command::Replay {
            scenario,
            runs,
            seed,
            sides,
            json,
            threads,
            record,
            from,
            csv,
            shard,
        } => {
            if let Some(file) = from {
                return replay_from(scenario.as_deref(), &file);
            }
            let Some(scenario) = scenario else {
                unreachable!("clap requires SCENARIO without --from")
            };
            if let Some(out) = &record
                && let Err(code) = record_game(&scenario, seed, sides.pair(), out)
            {
                return code;
            }
            let threads = threads_or_all(threads);
            let shard = shard.unwrap_or(khalkhin_gol::analysis::Shard::WHOLE);
            replay(
                &scenario,
                (runs, seed, shard),
                sides.pair(),
                (json, csv),
                threads,
            )
        }
    }
}

fn validate(paths: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for p in paths {
        match khalkhin_gol::scenario::validate_file(p) {
            Ok(what) => say!("{}: ok ({what})", p.display()),
            Err(e) => {
                failed = true;
                eprintln!("{e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_map(
    path: &std::path::Path,
    at: Option<(String, u64, (ControllerKind, ControllerKind))>,
) -> ExitCode {
    use khalkhin_gol::data::Side;
    let Some(scn) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    let letter = |side: Side, cut: bool| match (side, cut) {
        (Side::Soviet, false) => 'S',
        (Side::Soviet, true) => 's',
        (Side::Japanese, false) => 'J',
        (Side::Japanese, true) => 'j',
    };
    let mut marks: Vec<_> = match &at {
        None => scn
            .units
            .iter()
            .filter(|u| u.arrives.is_none())
            .map(|u| (u.hex, letter(u.side, false)))
            .collect(),
        Some((date, seed, sides)) => {
            let when = match khalkhin_gol::data::time::Stamp::parse(date) {
                Ok(w) if w >= scn.file.start && w < scn.file.end => w,
                Ok(_) => {
                    eprintln!(
                        "error: --at {date}: expected a date from {} to before {}",
                        scn.file.start, scn.file.end
                    );
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    eprintln!("error: --at {date}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let board =
                khalkhin_gol::sim::board_at(&scn, *seed, [sides.0.build(), sides.1.build()], when);
            say!("game seed {seed} at the turn of {when}:");
            let cut_after = scn.rules.supply.encircled_after_turns;
            board
                .live()
                .map(|u| (u.hex, letter(u.side, u.supply.turns_out >= cut_after)))
                .collect()
        }
    };
    marks.extend(scn.map.claim_line.iter().map(|&h| (h, '+')));
    say!(
        "{} ({}×{} hexes of {} km)",
        scn.map.name,
        scn.map.cols,
        scn.map.rows,
        scn.map.hex_km
    );
    say_raw!("{}", khalkhin_gol::map::render_ascii(&scn.map, &marks));
    say!(
        "{}  S/J=Soviet/Japanese unit (s/j cut off)  +=claim line  |=major river  :=minor river  ==bridge",
        khalkhin_gol::map::legend(&scn.map)
    );
    for (name, h) in &scn.map.places {
        let (c, r) = scn.map.offset(*h);
        say!("  {name:<32} ({c},{r})");
    }
    ExitCode::SUCCESS
}

/// Plays game 0 of the batch (seed `run_seed(seed, 0)`) and writes it as a replay file.
fn record_game(
    path: &std::path::Path,
    seed: u64,
    sides: (ControllerKind, ControllerKind),
    out: &std::path::Path,
) -> Result<(), ExitCode> {
    let scn = Arc::new(load_scenario(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })?);
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
fn replay_from(scenario: Option<&std::path::Path>, file: &std::path::Path) -> ExitCode {
    use khalkhin_gol::analysis::ReplayFile;
    let replay = match ReplayFile::load(file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = scenario.map_or_else(|| PathBuf::from(&replay.scenario_file), |p| p.to_path_buf());
    let Some(scn) = open_scenario(&path) else {
        return ExitCode::FAILURE;
    };
    if let Err(e) = replay.check_scenario(&scn, file) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let (record, log) = replay.play(&scn);
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

fn replay(
    path: &std::path::Path,
    (runs, seed, shard): (u64, u64, khalkhin_gol::analysis::Shard),
    sides: (ControllerKind, ControllerKind),
    (json, csv): (Option<PathBuf>, Option<PathBuf>),
    threads: usize,
) -> ExitCode {
    let Some(scn) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    match run_batch(
        &scn,
        (runs, seed, shard),
        sides,
        (json.as_deref(), csv.as_deref()),
        threads,
    ) {
        Some((summary, _)) => {
            say_raw!("{}", summary.to_text(Some(&scn)));
            say_wrote(&[json, csv]);
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// Loads a scenario, printing its errors; `None` when it cannot be played.
fn open_scenario(path: &std::path::Path) -> Option<Arc<khalkhin_gol::scenario::Scenario>> {
    match load_scenario(path) {
        Ok(s) => Some(Arc::new(s)),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Plays a batch with a progress bar, streaming it into the JSON and CSV files asked for;
/// `None` (after saying why) when the files cannot be written.
fn run_batch(
    scn: &Arc<khalkhin_gol::scenario::Scenario>,
    (runs, seed, shard): (u64, u64, khalkhin_gol::analysis::Shard),
    sides: (ControllerKind, ControllerKind),
    (json, csv): (Option<&std::path::Path>, Option<&std::path::Path>),
    threads: usize,
) -> Option<(
    khalkhin_gol::analysis::Summary,
    khalkhin_gol::analysis::Accumulator,
)> {
    let meta = khalkhin_gol::analysis::batch_info(scn, runs, seed, sides, shard);
    let mut out = open_outputs(meta, json, csv)?;
    let bar = progress_bar(shard.games_of(runs));
    replay_batch(scn, runs, seed, sides, shard, threads, &mut |g| {
        out.add(g);
        bar.inc(1);
    });
    bar.finish_and_clear();
    finish_outputs(out)
}

/// Says which output files were written.
fn say_wrote(files: &[Option<PathBuf>]) {
    for f in files.iter().flatten() {
        say!("wrote {}", f.display());
    }
}

/// The threads asked for, or one per core.
fn threads_or_all(threads: Option<u16>) -> usize {
    threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    )
}

/// Plays a batch and writes the comparison with history into `dir`.
fn report(
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
        (Some(&json), Some(&csv)),
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
fn open_outputs(
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
fn finish_outputs(
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

/// Reads shard summaries and writes the merged batch.
fn merge(files: &[PathBuf], json: Option<PathBuf>, csv: Option<PathBuf>) -> ExitCode {
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

/// How the window is to be played.
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct PlayOptions {
    humans: [bool; 2],
    computer: ControllerKind,
    seed: u64,
    pace: f32,
    select: Option<String>,
    save_to: PathBuf,
    load: Option<PathBuf>,
    resume: Option<khalkhin_gol::sim::Resume>,
}

fn play(
    scenario: &std::path::Path,
    (screenshot, frames): (Option<PathBuf>, u32),
    mut options: PlayOptions,
) -> ExitCode {
    // A saved game names its scenario, seed and sides.
    let mut scenario = scenario.to_path_buf();
    if let Some(file) = &options.load {
        let (saved, at, _) = match khalkhin_gol::analysis::ReplayFile::open_saved(file) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        scenario = PathBuf::from(&saved.scenario_file);
        options.humans = at.humans;
        options.seed = saved.seed;
        options.computer = saved.computer(&at);
        options.resume = saved.resume();
    }
    let scenario = scenario.as_path();
    let Some(scn) = open_scenario(scenario) else {
        return ExitCode::FAILURE;
    };
    if !(options.pace.is_finite() && (0.0..=60.0).contains(&options.pace)) {
        eprintln!(
            "error: --pace {}: expected seconds from 0 to 60",
            options.pace
        );
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
