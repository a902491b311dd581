//! Headless batch runs: play whole games and summarise them in real quantities.

mod record;
mod stats;

pub use record::{ReplayError, ReplayFile};
pub use stats::{Percentiles, Summary};

use crate::control::ControllerKind;
use crate::data::Side;
use crate::scenario::Scenario;
use crate::sim::{EventLog, Losses, OrderLog, Tally, headless_app, run_to_end};
use serde::Serialize;
use std::sync::Arc;

/// One formation cut off during a game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Encircled {
    pub formation: String,
    pub side: &'static str,
    /// ISO 8601 date and time of the start of the turn whose supply phase found it cut off.
    pub date: String,
    /// That turn, counted from 1.
    pub turn: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveHeld {
    pub name: String,
    pub holder: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideLosses {
    pub soviet: Losses,
    pub japanese: Losses,
}

/// The result of one whole game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GameRecord {
    pub seed: u64,
    /// `soviet`, `japanese` or `draw`.
    pub winner: &'static str,
    pub end_date: String,
    pub soviet_points: f32,
    pub losses: SideLosses,
    pub encircled: Vec<Encircled>,
    pub objectives: Vec<ObjectiveHeld>,
    /// Number of simulation events in the game.
    pub events: usize,
}

/// The seed of run `i` of a batch started with `seed` (SplitMix64 of their combination), so each run
/// can be replayed alone.
pub fn run_seed(seed: u64, i: u64) -> u64 {
    let mut z = seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Upper bound on app updates for one game (9 phases a turn, with room to spare).
fn max_updates(scn: &Scenario) -> u32 {
    scn.turns() * 12 + 20
}

/// Plays one whole game headless and returns its record and event log.
pub fn play_game(
    scn: &Arc<Scenario>,
    seed: u64,
    soviet: ControllerKind,
    japanese: ControllerKind,
) -> (GameRecord, EventLog) {
    let (record, log, _) = play_game_with(scn, seed, [soviet.build(), japanese.build()]);
    (record, log)
}

/// Plays one whole game headless with any controllers; returns its record, event log and the orders
/// given (what a replay file keeps).
pub fn play_game_with(
    scn: &Arc<Scenario>,
    seed: u64,
    controllers: [Box<dyn crate::control::Controller>; 2],
) -> (GameRecord, EventLog, OrderLog) {
    let mut app = headless_app(scn.clone(), seed, controllers);
    let outcome =
        run_to_end(&mut app, max_updates(scn)).expect("every game ends after its last turn");
    let tally = app.world().resource::<Tally>();
    let log = app.world().resource::<EventLog>().clone();
    let orders = app.world().resource::<OrderLog>().clone();
    let record = GameRecord {
        seed,
        winner: outcome.winner.map_or("draw", Side::key),
        end_date: outcome.end.to_string(),
        soviet_points: outcome.soviet_points,
        losses: SideLosses {
            soviet: tally.losses[0],
            japanese: tally.losses[1],
        },
        encircled: tally
            .encircled
            .iter()
            .map(|&(f, d)| Encircled {
                formation: scn.formations[f].key.clone(),
                side: scn.formations[f].side.key(),
                date: d.to_string(),
                turn: (d.hours_since(scn.file.start) / scn.file.turn_hours as i64) as u32 + 1,
            })
            .collect(),
        objectives: scn
            .objectives
            .iter()
            .zip(&tally.holders)
            .map(|(o, h)| ObjectiveHeld {
                name: o.name.clone(),
                holder: h.key(),
            })
            .collect(),
        events: log.0.len(),
    };
    (record, log, orders)
}

/// Plays `runs` games with seeds derived from `seed` on up to `threads` threads and summarises them.
/// Game `i` always gets seed `run_seed(seed, i)` and lands at index `i`, so the result is the same
/// whatever the number of threads.
pub fn replay_batch(
    scn: &Arc<Scenario>,
    runs: u64,
    seed: u64,
    soviet: ControllerKind,
    japanese: ControllerKind,
    threads: usize,
) -> Summary {
    let threads = threads.clamp(1, runs.max(1) as usize);
    let mut games: Vec<(u64, GameRecord)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads as u64)
            .map(|t| {
                s.spawn(move || {
                    (t..runs)
                        .step_by(threads)
                        .map(|i| (i, play_game(scn, run_seed(seed, i), soviet, japanese).0))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a game thread panicked"))
            .collect()
    });
    games.sort_by_key(|g| g.0);
    Summary::new(scn, seed, games.into_iter().map(|g| g.1).collect())
}
