//! Headless batch runs: play whole games and summarise them in real quantities.

pub mod compare;
mod event_export;
mod fold;
mod histogram;
mod output;
pub mod report;
mod stats;

pub use crate::saves::{ReplayError, ReplayFile, SavedAt};
pub use event_export::EventWriter;
pub use fold::record_of;
pub use histogram::{Histogram, Percentiles};
pub use output::{BatchWriter, csv_header, csv_row};
pub use stats::{
    Accumulator, BatchInfo, DateCounts, LossHistograms, MergeError, PocketStats, Summary,
    in_run_order,
};

use crate::control::ControllerKind;
use crate::scenario::Scenario;
use crate::sim::{EventLog, Losses, OrderLog, headless_app, max_updates, run_to_end};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One formation cut off during a game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encircled {
    pub formation: String,
    pub side: String,
    /// ISO 8601 date and time of the start of the turn whose supply phase found it cut off.
    pub date: String,
    /// That turn, counted from 1.
    pub turn: u32,
}

/// Who held an objective at the end, and each time it changed hands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveHeld {
    pub name: String,
    pub holder: String,
    #[serde(default)]
    pub changes: Vec<HolderChange>,
}

/// An objective changing hands: the start of the turn at whose end it was found taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HolderChange {
    pub date: String,
    pub holder: String,
}

/// What one formation (with its sub-formations) brought into play and lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormationRecord {
    /// The formation's id in the scenario.
    pub id: String,
    pub side: String,
    pub men_start: u64,
    pub men_lost: u64,
    pub tanks_start: u64,
    pub tanks_lost: u64,
    /// Field guns, howitzers and anti-tank guns.
    pub guns_start: u64,
    pub guns_lost: u64,
    /// When it was first cut off (its encirclement recorded), if it was.
    pub cut_off: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideLosses {
    pub soviet: SideLoss,
    pub japanese: SideLoss,
}

/// One side's losses in a game: the totals, and pieces lost by equipment id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SideLoss {
    #[serde(flatten)]
    pub total: Losses,
    /// Pieces lost of each kind of equipment (every class: tanks, guns, machine guns, mortars…),
    /// by the equipment's id; kinds not lost are left out.
    #[serde(default)]
    pub by_type: std::collections::BTreeMap<String, u32>,
}

impl std::ops::Deref for SideLoss {
    type Target = Losses;
    fn deref(&self) -> &Losses {
        &self.total
    }
}

/// Men of each side taken prisoner: the men of its units that surrendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prisoners {
    pub soviet: u32,
    pub japanese: u32,
}

/// The result of one whole game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameRecord {
    /// Index of the game in its batch (0-based); a batch split in shards keeps the indices.
    pub run: u64,
    pub seed: u64,
    /// `soviet`, `japanese` or `draw`.
    pub winner: String,
    pub end_date: String,
    pub soviet_points: f32,
    pub losses: SideLosses,
    /// Men of each side taken prisoner (also counted in its `losses.men`).
    #[serde(default)]
    pub prisoners: Prisoners,
    pub encircled: Vec<Encircled>,
    /// When the scenario's pocket formation (`historical.pocket`) was cut off, if it was.
    pub pocket_closed: Option<String>,
    pub objectives: Vec<ObjectiveHeld>,
    /// Number of simulation events in the game.
    pub events: usize,
    /// Each formation's strength and losses, in scenario order.
    #[serde(default)]
    pub formations: Vec<FormationRecord>,
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
    run_to_end(&mut app, max_updates(scn)).expect("every game ends after its last turn");
    let log = app
        .world_mut()
        .remove_resource::<EventLog>()
        .unwrap_or_default();
    let orders = app
        .world_mut()
        .remove_resource::<OrderLog>()
        .unwrap_or_default();
    (record_of(scn, seed, &log.0), log, orders)
}

/// Plays a replay file's orders back: the same game, event for event; an error, with the turn,
/// the order and the reason, when the orders do not give the game (the rules refuse one, or the
/// game ends before one). `path` names the file in messages.
pub fn play_replay(
    file: &ReplayFile,
    scn: &Arc<Scenario>,
    path: &std::path::Path,
) -> Result<(GameRecord, EventLog), ReplayError> {
    file.check_scenario(scn, path)?;
    let (record, log, _) = play_game_with(scn, file.seed, file.controllers());
    file.check_played(scn, path, &log.0)?;
    Ok((record, log))
}

/// A slice of a batch: games whose index `i` has `i % count == index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Parses `I/N` with `I < N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard; expected I/N with 0 ≤ I < N, e.g. 0/4");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            i.trim().parse::<u64>().map_err(|_| bad())?,
            n.trim().parse::<u64>().map_err(|_| bad())?,
        );
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Games of a batch of `runs` in this shard.
    pub fn games_of(&self, runs: u64) -> u64 {
        if runs > self.index {
            (runs - self.index - 1) / self.count + 1
        } else {
            0
        }
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// What identifies a batch of `runs` games of `scn` from `seed` (or its `shard`).
pub fn batch_info(
    scn: &Scenario,
    runs: u64,
    seed: u64,
    (soviet, japanese): (ControllerKind, ControllerKind),
    shard: Shard,
) -> BatchInfo {
    BatchInfo {
        scenario: scn.file.id.clone(),
        content_hash: format!("{:016x}", scn.content_hash),
        seed,
        batch_runs: runs,
        soviet,
        japanese,
        shard: (shard != Shard::WHOLE).then(|| shard.to_string()),
        pocket: scn.pocket.map(|f| scn.formations[f].key.clone()),
        mods: scn.mod_ids.clone(),
    }
}

/// Games a worker may run ahead of the oldest game not yet handed on, per thread: bounds the games
/// held in memory while they wait to be handed on in run order.
const AHEAD_PER_THREAD: usize = 16;

/// Plays the games of a batch of `runs` (those in `shard`) with seeds derived from `seed` on up to
/// `threads` threads and hands each to `on_game` in run order, as soon as it and all before it are
/// done. Game `i` always gets seed `run_seed(seed, i)` and index `i`, so what `on_game` sees is the
/// same whatever the number of threads, and shards merge into exactly the whole batch
/// ([`Summary::merge`]). Memory does not grow with `runs`.
pub fn replay_batch(
    scn: &Arc<Scenario>,
    runs: u64,
    seed: u64,
    sides: (ControllerKind, ControllerKind),
    shard: Shard,
    threads: usize,
    on_game: &mut dyn FnMut(&GameRecord),
) {
    replay_batch_events(
        scn,
        runs,
        seed,
        sides,
        shard,
        threads,
        false,
        &mut |g, _| on_game(g),
    );
}

/// [`replay_batch`], handing on each game's events too when `events` is set (an empty slice
/// otherwise).
#[allow(clippy::too_many_arguments)]
pub fn replay_batch_events(
    scn: &Arc<Scenario>,
    runs: u64,
    seed: u64,
    (soviet, japanese): (ControllerKind, ControllerKind),
    shard: Shard,
    threads: usize,
    events: bool,
    on_game: &mut dyn FnMut(&GameRecord, &[crate::sim::SimEvent]),
) {
    let total = shard.games_of(runs) as usize;
    let index_of = |k: usize| shard.index + k as u64 * shard.count;
    in_order(
        total,
        threads,
        &|k| {
            let i = index_of(k);
            let (mut g, mut log) = play_game(scn, run_seed(seed, i), soviet, japanese);
            g.run = i;
            if !events {
                log = EventLog::default();
            }
            (g, log)
        },
        &mut |(g, log)| on_game(&g, &log.0),
    );
}

/// Does `work(k)` for every `k` below `total` on up to `threads` threads and hands each result
/// to `on_done` in the order of `k`, as soon as it and all before it are done. A worker runs at
/// most [`AHEAD_PER_THREAD`] items a thread ahead of the oldest not yet handed on, so memory does
/// not grow with `total`.
pub fn in_order<T: Send>(
    total: usize,
    threads: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    on_done: &mut dyn FnMut(T),
) {
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    let threads = threads.clamp(1, total.max(1));
    let window = (threads * AHEAD_PER_THREAD) as u64;
    let next = AtomicUsize::new(0);
    let handed = AtomicU64::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (tx, next, handed) = (tx.clone(), &next, &handed);
            s.spawn(move || {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= total {
                        break;
                    }
                    // Wait while this item would run too far ahead of the items handed on; the
                    // items before it are all claimed by running workers, so this ends.
                    while k as u64 >= handed.load(Ordering::Acquire) + window {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    if tx.send((k, work(k))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0usize;
        for (k, item) in rx {
            waiting.insert(k, item);
            while let Some(item) = waiting.remove(&due) {
                on_done(item);
                due += 1;
                handed.store(due as u64, Ordering::Release);
            }
        }
    });
}

/// Plays a batch (see [`replay_batch`]) and returns its statistics.
pub fn replay_summary(
    scn: &Arc<Scenario>,
    runs: u64,
    seed: u64,
    sides: (ControllerKind, ControllerKind),
    shard: Shard,
    threads: usize,
) -> (Summary, Accumulator) {
    let mut acc = Accumulator::new(batch_info(scn, runs, seed, sides, shard));
    replay_batch(scn, runs, seed, sides, shard, threads, &mut |g| acc.add(g));
    (acc.summary(), acc)
}
