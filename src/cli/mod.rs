//! The command line: its schema and the dispatch to one module per subcommand.

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

mod batch;
mod campaign;
mod explain;
mod map;
mod merge;
mod play;
mod replay;
mod report;
mod validate;

use clap::{Parser, Subcommand};
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::scenario::load_scenario_with;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The default scenario: Zhukov's August offensive.
pub const DEFAULT_SCENARIO: &str = "scenarios/august_1939.ron";

#[derive(Parser)]
#[command(
    name = "khalkhin",
    version,
    about = "Khalkhin Gol 1939: a hex wargame and simulation of the battles on the Khalkhin Gol, May–September 1939"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Load this mod (a folder with a `mod.ron`, or the id of a mod in the user's or the game's
    /// `mods/` folder); repeat for more. Mods load in the order of their dependencies, then by id.
    #[arg(long = "mod", global = true, value_name = "MOD")]
    mods: Vec<String>,
    /// Play without fog of war: both sides, and their computer players, see every unit (as the
    /// scenario's `fog: (on: false)`). A game saved or recorded keeps the setting it was played with.
    #[arg(long = "no-fog", global = true)]
    no_fog: bool,
}

/// Whether `--no-fog` was given.
static NO_FOG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The mods given with `--mod`, loaded once at start.
static MODS: std::sync::OnceLock<khalkhin_gol::mods::ModSet> = std::sync::OnceLock::new();

/// The mods of this run (none unless `--mod` was given).
pub fn mods() -> &'static khalkhin_gol::mods::ModSet {
    MODS.get_or_init(khalkhin_gol::mods::ModSet::none)
}

/// Loads the `--mod` mods, printing their warnings; `Err` (errors printed) when one cannot load.
fn load_mods(names: &[String]) -> Result<(), ExitCode> {
    let dirs = names
        .iter()
        .map(|n| khalkhin_gol::mods::find(n))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        })?;
    let set = khalkhin_gol::mods::ModSet::load(&dirs).map_err(|e| {
        validate::print_errors(&e);
        ExitCode::FAILURE
    })?;
    for w in &set.warnings {
        validate::print("warning", w);
    }
    let _ = MODS.set(set);
    Ok(())
}

/// The controllers of a batch's two sides.
#[derive(clap::Args, Clone, Copy)]
pub struct Sides {
    /// Controller of the Soviet side.
    #[arg(long, value_enum, default_value_t = ControllerKind::Plan)]
    soviet: ControllerKind,
    /// Controller of the Japanese side.
    #[arg(long, value_enum, default_value_t = ControllerKind::Plan)]
    japanese: ControllerKind,
}

impl Sides {
    pub fn pair(self) -> (ControllerKind, ControllerKind) {
        (self.soviet, self.japanese)
    }
}

/// Who a person plays in the window.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlayAs {
    Soviet,
    Japanese,
    Both,
    None,
}

impl PlayAs {
    /// Sides a person plays, indexed by `Side::index()`.
    pub fn humans(self) -> [bool; 2] {
        match self {
            PlayAs::Soviet => [true, false],
            PlayAs::Japanese => [false, true],
            PlayAs::Both => [true, true],
            PlayAs::None => [false, false],
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
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
        /// Seconds between two phases of a computer side (0: as fast as the window draws); without
        /// it, the pace set in the game's menu (0.35 until one is set).
        #[arg(long)]
        pace: Option<f32>,
        /// Select this unit (its id in the scenario) at the start: for previews and tests.
        #[arg(long)]
        select: Option<String>,
        /// Where F5 saves the game (default: `quicksave.ron` in the user's game folder,
        /// `$XDG_DATA_HOME/khalkhin-gol/saves/`, else `~/.local/share/khalkhin-gol/saves/`).
        #[arg(long)]
        save_to: Option<PathBuf>,
        /// Load a saved game (made with F5): the same scenario, seed and sides, played again to where
        /// it was saved.
        #[arg(long, conflicts_with = "campaign")]
        load: Option<PathBuf>,
        /// Play a campaign (e.g. campaigns/khalkhin_gol_1939.ron) battle after battle: the one
        /// under way is continued at its next battle (its progress is kept in
        /// `$XDG_DATA_HOME/khalkhin-gol/campaign-progress/`), else it begins with its first.
        #[arg(long, value_name = "FILE")]
        campaign: Option<PathBuf>,
        /// With --campaign: begin the campaign anew even if one is under way (its progress file
        /// is kept beside, as ID.previous.ron).
        #[arg(long, requires = "campaign")]
        new_campaign: bool,
    },
    /// Play whole campaigns headless, both sides computer-controlled: each battle with the
    /// strengths the one before left (the campaign's `carry` rules), its result choosing the next.
    /// Prints each battle's results and what each side brought into it against history, and the
    /// campaign's results.
    Campaign {
        /// Campaign file (e.g. campaigns/khalkhin_gol_1939.ron).
        campaign: PathBuf,
        /// Number of campaigns.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        runs: u64,
        /// Seed of the batch: campaign i is played from seed run_seed(SEED, i), its battle k from
        /// run_seed(that, k).
        #[arg(long, default_value_t = 1939)]
        seed: u64,
        #[command(flatten)]
        sides: Sides,
        /// Also write the summary and every campaign (each battle's game record) as JSON to this
        /// file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also write one row per battle played as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Play only a slice of the batch: campaigns whose index i has i mod N = I (`I/N`).
        /// `khalkhin merge` combines the shards' JSON into exactly the whole batch's result.
        #[arg(long, value_parser = khalkhin_gol::analysis::Shard::parse)]
        shard: Option<khalkhin_gol::analysis::Shard>,
        /// Threads to play campaigns on (default: all cores); the result does not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
        threads: Option<u16>,
    },
    /// Check scenario, map and data files (a scenario with every file it names); every error gives
    /// file:line:column.
    ///
    /// A folder holding `mod.ron` is checked as a mod: every scenario as the mod changes it.
    /// Exit codes: 0 sound (warnings may be printed), 1 errors found, 2 a wrong command line.
    Validate {
        /// Files and folders: scenarios, data files, maps, mods, `scenarios/`, the game's folder.
        #[arg(required_unless_present = "explain")]
        paths: Vec<PathBuf>,
        /// Say where the entry with this id (or path, `units/jp_3tr/men`) came from: the file as
        /// shipped, then each mod that changed it, and its value now. Searches the files given,
        /// else the game's data, maps and scenarios.
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
    },
    /// Combine the JSON of the shards of one batch (`replay --shard I/N --json …`, or `campaign
    /// --shard I/N --json …`) into the result of the whole batch.
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
        /// Show the map file's whole grid, with the scenario's window outlined (`#`).
        #[arg(long)]
        whole: bool,
    },
    /// Play a batch of games and write a report that sets each measure's simulated distribution
    /// beside the scenario's historical record: DIR/report.md with one SVG histogram per measure,
    /// plus DIR/summary.json and DIR/runs.csv.
    ///
    /// With `--against VARIANT`: an A/B study instead — both batches with the same seeds and each
    /// measure side by side (DIR/ab.md, DIR/ab.json, one SVG per measure with both distributions).
    Report {
        /// Scenario file.
        scenario: PathBuf,
        /// The variant to compare the scenario with: a mod (folder or id; the same scenario with
        /// the mod added) or a second scenario file.
        #[arg(long, value_name = "VARIANT")]
        against: Option<String>,
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
        /// Also write every event of every game to this file as JSON Lines (one event a line; the
        /// columns are in the README).
        #[arg(long)]
        events: Option<PathBuf>,
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

/// Parses the command line and runs the subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Err(code) = load_mods(&cli.mods) {
        return code;
    }
    NO_FOG.store(cli.no_fog, std::sync::atomic::Ordering::Relaxed);
    match cli.command.unwrap_or(Command::Play {
        scenario: PathBuf::from(DEFAULT_SCENARIO),
        screenshot: None,
        frames: 30,
        side: PlayAs::Soviet,
        opponent: ControllerKind::Ai,
        seed: 1939,
        pace: None,
        select: None,
        save_to: None,
        load: None,
        campaign: None,
        new_campaign: false,
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
            campaign,
            new_campaign,
        } => play::play(
            &scenario,
            (screenshot, frames),
            play::PlayOptions {
                humans: side.humans(),
                computer: opponent,
                seed,
                pace,
                select,
                save_to: save_to.unwrap_or_else(khalkhin_gol::fsio::quicksave_path),
                load,
                resume: None,
                campaign: campaign.map(|c| (c, new_campaign)),
            },
        ),
        Command::Validate { paths, explain } => validate::validate(&paths, explain.as_deref()),
        Command::Map {
            scenario,
            at,
            seed,
            soviet,
            japanese,
            whole,
        } => map::print_map(&scenario, at.map(|a| (a, seed, (soviet, japanese))), whole),
        Command::Merge { files, json, csv } => merge::merge(&files, json, csv),
        Command::Campaign {
            campaign,
            runs,
            seed,
            sides,
            json,
            csv,
            shard,
            threads,
        } => campaign::campaign(
            &campaign,
            (
                runs,
                seed,
                shard.unwrap_or(khalkhin_gol::analysis::Shard::WHOLE),
            ),
            sides.pair(),
            (json, csv),
            threads_or_all(threads),
        ),
        Command::Report {
            scenario,
            against: Some(variant),
            runs,
            seed,
            sides,
            out,
            threads,
        } => report::study(
            &scenario,
            &variant,
            (runs, seed),
            sides.pair(),
            &out,
            threads_or_all(threads),
        ),
        Command::Report {
            scenario,
            against: None,
            runs,
            seed,
            sides,
            out,
            threads,
        } => report::report(
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
            events,
        } => {
            if let Some(file) = from {
                return replay::replay_from(scenario.as_deref(), &file);
            }
            let Some(scenario) = scenario else {
                unreachable!("clap requires SCENARIO without --from")
            };
            if let Some(out) = &record
                && let Err(code) = replay::record_game(&scenario, seed, sides.pair(), out)
            {
                return code;
            }
            let threads = threads_or_all(threads);
            let shard = shard.unwrap_or(khalkhin_gol::analysis::Shard::WHOLE);
            replay::replay(
                &scenario,
                (runs, seed, shard),
                sides.pair(),
                (json, csv, events),
                threads,
            )
        }
    }
}

/// Loads a scenario, printing its errors; `None` when it cannot be played.
pub fn open_scenario(path: &std::path::Path) -> Option<Arc<khalkhin_gol::scenario::Scenario>> {
    open_scenario_with(path, mods())
}

/// [`open_scenario`] with these mods.
pub fn open_scenario_with(
    path: &std::path::Path,
    mods: &khalkhin_gol::mods::ModSet,
) -> Option<Arc<khalkhin_gol::scenario::Scenario>> {
    match load_scenario_with(path, mods) {
        Ok(mut s) => {
            if NO_FOG.load(std::sync::atomic::Ordering::Relaxed) {
                s.file.fog.on = false;
            }
            Some(Arc::new(s))
        }
        Err(e) => {
            validate::print_errors(&e);
            None
        }
    }
}

/// The threads asked for, or one per core.
pub fn threads_or_all(threads: Option<u16>) -> usize {
    threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    )
}
