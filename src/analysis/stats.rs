//! Aggregates of a batch of games: victory counts and loss distributions (mean, 10th and 90th
//! percentiles, nearest-rank).

use super::GameRecord;
use crate::control::ControllerKind;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

use super::histogram::{Histogram, Percentiles};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossStats {
    pub men: Percentiles,
    pub tanks: Percentiles,
    pub armored_cars: Percentiles,
    pub guns: Percentiles,
    /// Men taken prisoner (counted in `men` too).
    #[serde(default)]
    pub prisoners: Percentiles,
    /// Knocked-out vehicles recovered and repaired (not in `tanks` and `armored_cars`).
    #[serde(default)]
    pub tanks_recovered: Percentiles,
    #[serde(default)]
    pub armored_cars_recovered: Percentiles,
    /// Aircraft lost in the air war.
    #[serde(default)]
    pub aircraft: Percentiles,
}

/// Distributions of one side's losses over a batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LossHistograms {
    pub men: Histogram,
    pub tanks: Histogram,
    pub armored_cars: Histogram,
    pub guns: Histogram,
    pub prisoners: Histogram,
    pub tanks_recovered: Histogram,
    pub armored_cars_recovered: Histogram,
    pub aircraft: Histogram,
    /// Pieces lost over the batch, by equipment id.
    pub by_type: BTreeMap<String, u64>,
}

impl LossHistograms {
    fn add(&mut self, l: &super::SideLoss, prisoners: u32) {
        self.men.add(l.men);
        self.tanks.add(l.tanks);
        self.armored_cars.add(l.armored_cars);
        self.guns.add(l.guns);
        self.prisoners.add(prisoners);
        self.tanks_recovered.add(l.tanks_recovered);
        self.armored_cars_recovered.add(l.armored_cars_recovered);
        self.aircraft.add(l.aircraft);
        for (k, n) in &l.by_type {
            *self.by_type.entry(k.clone()).or_default() += *n as u64;
        }
    }

    fn summary(&self) -> LossStats {
        LossStats {
            men: self.men.summary(),
            tanks: self.tanks.summary(),
            armored_cars: self.armored_cars.summary(),
            guns: self.guns.summary(),
            prisoners: self.prisoners.summary(),
            tanks_recovered: self.tanks_recovered.summary(),
            armored_cars_recovered: self.armored_cars_recovered.summary(),
            aircraft: self.aircraft.summary(),
        }
    }

    /// Mean pieces lost a game, by equipment id.
    fn by_type_means(&self) -> BTreeMap<String, f64> {
        let n = self.men.len().max(1) as f64;
        self.by_type
            .iter()
            .map(|(k, v)| (k.clone(), *v as f64 / n))
            .collect()
    }

    /// The measures with their names.
    pub fn measures(&self) -> [(&'static str, &Histogram); 8] {
        [
            ("men", &self.men),
            ("tanks", &self.tanks),
            ("armored_cars", &self.armored_cars),
            ("guns", &self.guns),
            ("prisoners", &self.prisoners),
            ("aircraft", &self.aircraft),
            ("tanks_recovered", &self.tanks_recovered),
            ("armored_cars_recovered", &self.armored_cars_recovered),
        ]
    }
}

/// Counts of ISO 8601 dates (which sort in time order as text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateCounts {
    counts: BTreeMap<String, u64>,
    n: u64,
}

impl DateCounts {
    fn add(&mut self, date: &str) {
        *self.counts.entry(date.to_string()).or_default() += 1;
        self.n += 1;
    }

    pub fn len(&self) -> u64 {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Nearest-rank quantile, as for [`Histogram::quantile`]; empty string when empty.
    pub fn quantile(&self, p: f64) -> String {
        self.at_rank(((p * self.n as f64).ceil() as u64).clamp(1, self.n.max(1)))
    }

    /// The value at 1-based rank `rank` in time order.
    fn at_rank(&self, rank: u64) -> String {
        let mut seen = 0;
        for (d, &c) in &self.counts {
            seen += c;
            if seen >= rank {
                return d.clone();
            }
        }
        String::new()
    }

    /// The lower median (the value at 0-based rank ⌊(n−1)/2⌋).
    pub fn median(&self) -> String {
        self.at_rank(self.n.saturating_sub(1) / 2 + 1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.counts.iter().map(|(d, &c)| (d.as_str(), c))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Victories {
    pub soviet: u64,
    pub japanese: u64,
    pub draw: u64,
}

/// Per side, a mean by equipment id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ByType {
    pub soviet: BTreeMap<String, f64>,
    pub japanese: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BySide {
    pub soviet: LossStats,
    pub japanese: LossStats,
}

/// How often and when a formation was cut off across the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncircledStats {
    pub formation: String,
    pub side: String,
    /// Games in which it was cut off.
    pub games: u64,
    /// Earliest, median and latest date it was cut off.
    pub first: String,
    pub median: String,
    pub last: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveStats {
    pub name: String,
    /// Games the Soviet side held it at the end.
    pub soviet: u64,
    pub japanese: u64,
}

/// The summary `khalkhin replay` prints and writes as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub scenario: String,
    /// The scenario content's hash (scenario, map and data files), hexadecimal.
    pub content_hash: String,
    pub seed: u64,
    /// Games in this summary.
    pub runs: u64,
    /// Games in the whole batch this summary belongs to (equal to `runs` unless it is a shard).
    pub batch_runs: u64,
    pub soviet_controller: ControllerKind,
    pub japanese_controller: ControllerKind,
    /// `I/N` for one shard of a batch; absent for a whole batch.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shard: Option<String>,
    /// Ids of the mods the scenario was loaded with, in load order; absent without mods.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub mods: Vec<String>,
    pub victories: Victories,
    pub losses: BySide,
    /// Mean pieces lost a game by each side, by equipment id.
    #[serde(default)]
    pub losses_by_type: ByType,
    pub encircled: Vec<EncircledStats>,
    /// When the scenario's pocket formation was cut off; absent when the scenario names none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pocket: Option<PocketStats>,
    pub objectives: Vec<ObjectiveStats>,
    /// Every game, in run order. `replay` streams them to the JSON file after the aggregates.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub games: Vec<GameRecord>,
}

/// How often and when the pocket closed across the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PocketStats {
    pub formation: String,
    /// Games in which it closed.
    pub games: u64,
    /// Dates it closed: earliest, 10th percentile, median, 90th percentile, latest (over the games in
    /// which it closed; empty strings when it never did).
    pub first: String,
    pub p10: String,
    pub median: String,
    pub p90: String,
    pub last: String,
}

/// What identifies a batch of games, besides the games themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchInfo {
    pub scenario: String,
    pub content_hash: String,
    pub seed: u64,
    pub batch_runs: u64,
    pub soviet: ControllerKind,
    pub japanese: ControllerKind,
    pub shard: Option<String>,
    /// Formation key of the scenario's pocket (`historical.pocket`), if it names one.
    pub pocket: Option<String>,
    /// Ids of the mods the scenario was loaded with, in load order.
    pub mods: Vec<String>,
}

/// Why shard summaries cannot be merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    #[error("nothing to merge")]
    Empty,
    #[error("{file}: not from the same batch as the first file ({what} differs)")]
    Mismatch { file: String, what: &'static str },
    #[error("game {run} appears twice (in {file})")]
    Duplicate { run: u64, file: String },
    #[error("the batch has {expected} games but the files hold {found}: a shard is missing")]
    Missing { expected: u64, found: u64 },
}

/// The items of a batch's shards (each with the file it came from, for messages) in run order,
/// each run once and all `batch_runs` of them.
pub fn in_run_order<T>(
    mut items: Vec<(String, T)>,
    run: impl Fn(&T) -> u64,
    batch_runs: u64,
) -> Result<Vec<T>, MergeError> {
    items.sort_by_key(|(_, x)| run(x));
    for w in items.windows(2) {
        if run(&w[0].1) == run(&w[1].1) {
            return Err(MergeError::Duplicate {
                run: run(&w[1].1),
                file: w[1].0.clone(),
            });
        }
    }
    if items.len() as u64 != batch_runs {
        return Err(MergeError::Missing {
            expected: batch_runs,
            found: items.len() as u64,
        });
    }
    Ok(items.into_iter().map(|(_, x)| x).collect())
}

/// The statistics of a batch, built game by game in run order: memory grows with the number of
/// distinct values (formations, dates, loss counts), not with the number of games.
#[derive(Debug, Clone)]
pub struct Accumulator {
    meta: BatchInfo,
    runs: u64,
    victories: Victories,
    pub soviet: LossHistograms,
    pub japanese: LossHistograms,
    /// Soviet victory points at the end, in tenths.
    pub soviet_points: Histogram,
    /// Per formation, sorted Soviet first then by key: its side and cut-off dates.
    encircled: BTreeMap<(std::cmp::Reverse<String>, String), DateCounts>,
    pub pocket: DateCounts,
    /// Objective name, games held by the Soviet side, by the Japanese side.
    objectives: Vec<(String, u64, u64)>,
}

impl Accumulator {
    pub fn new(meta: BatchInfo) -> Accumulator {
        Accumulator {
            meta,
            runs: 0,
            victories: Victories {
                soviet: 0,
                japanese: 0,
                draw: 0,
            },
            soviet: LossHistograms::default(),
            japanese: LossHistograms::default(),
            soviet_points: Histogram::default(),
            encircled: BTreeMap::new(),
            pocket: DateCounts::default(),
            objectives: Vec::new(),
        }
    }

    /// Adds one game; games must come in run order for [`Accumulator::summary`] to be the same
    /// however the batch was split.
    pub fn add(&mut self, g: &GameRecord) {
        self.runs += 1;
        match g.winner.as_str() {
            "soviet" => self.victories.soviet += 1,
            "japanese" => self.victories.japanese += 1,
            _ => self.victories.draw += 1,
        }
        self.soviet.add(&g.losses.soviet, g.prisoners.soviet);
        self.japanese.add(&g.losses.japanese, g.prisoners.japanese);
        self.soviet_points
            .add((g.soviet_points.max(0.0) * 10.0).round() as u32);
        for e in &g.encircled {
            self.encircled
                .entry((std::cmp::Reverse(e.side.clone()), e.formation.clone()))
                .or_default()
                .add(&e.date);
        }
        if let Some(d) = &g.pocket_closed {
            self.pocket.add(d);
        }
        if self.objectives.is_empty() {
            self.objectives = g
                .objectives
                .iter()
                .map(|o| (o.name.clone(), 0, 0))
                .collect();
        }
        for (o, held) in g.objectives.iter().zip(&mut self.objectives) {
            match o.holder.as_str() {
                "soviet" => held.1 += 1,
                "japanese" => held.2 += 1,
                _ => {}
            }
        }
    }

    pub fn runs(&self) -> u64 {
        self.runs
    }

    /// The aggregates so far (without the games themselves).
    pub fn summary(&self) -> Summary {
        let meta = self.meta.clone();
        Summary {
            scenario: meta.scenario,
            content_hash: meta.content_hash,
            seed: meta.seed,
            runs: self.runs,
            batch_runs: meta.batch_runs,
            soviet_controller: meta.soviet,
            japanese_controller: meta.japanese,
            shard: meta.shard,
            mods: meta.mods,
            victories: self.victories,
            losses: BySide {
                soviet: self.soviet.summary(),
                japanese: self.japanese.summary(),
            },
            losses_by_type: ByType {
                soviet: self.soviet.by_type_means(),
                japanese: self.japanese.by_type_means(),
            },
            encircled: self
                .encircled
                .iter()
                .map(|((side, key), dates)| EncircledStats {
                    formation: key.clone(),
                    side: side.0.clone(),
                    games: dates.len(),
                    first: dates.quantile(0.0),
                    median: dates.median(),
                    last: dates.quantile(1.0),
                })
                .collect(),
            pocket: self.meta.pocket.as_ref().map(|f| PocketStats {
                formation: f.clone(),
                games: self.pocket.len(),
                first: self.pocket.quantile(0.0),
                p10: self.pocket.quantile(0.1),
                median: self.pocket.median(),
                p90: self.pocket.quantile(0.9),
                last: self.pocket.quantile(1.0),
            }),
            objectives: self
                .objectives
                .iter()
                .map(|(name, soviet, japanese)| ObjectiveStats {
                    name: name.clone(),
                    soviet: *soviet,
                    japanese: *japanese,
                })
                .collect(),
            games: Vec::new(),
        }
    }
}

impl Summary {
    /// Checks that the summaries (named by file, for messages) are all the shards of one batch, each
    /// once, and returns the batch and its games in run order: fed to a [`super::BatchWriter`] they
    /// give exactly what one run of the whole batch gives.
    pub fn merge(
        parts: Vec<(String, Summary)>,
    ) -> Result<(BatchInfo, Vec<GameRecord>), MergeError> {
        let Some((_, first)) = parts.first() else {
            return Err(MergeError::Empty);
        };
        let meta = BatchInfo {
            scenario: first.scenario.clone(),
            content_hash: first.content_hash.clone(),
            seed: first.seed,
            batch_runs: first.batch_runs,
            soviet: first.soviet_controller,
            japanese: first.japanese_controller,
            shard: None,
            pocket: first.pocket.as_ref().map(|p| p.formation.clone()),
            mods: first.mods.clone(),
        };
        let mut games = Vec::new();
        for (file, p) in parts {
            let checks: [(&'static str, bool); 6] = [
                ("scenario", p.scenario == meta.scenario),
                ("content_hash", p.content_hash == meta.content_hash),
                ("seed", p.seed == meta.seed),
                ("batch_runs", p.batch_runs == meta.batch_runs),
                (
                    "controllers",
                    (p.soviet_controller, p.japanese_controller) == (meta.soviet, meta.japanese),
                ),
                (
                    "pocket",
                    p.pocket.as_ref().map(|x| &x.formation) == meta.pocket.as_ref(),
                ),
            ];
            if let Some((what, _)) = checks.iter().find(|c| !c.1) {
                return Err(MergeError::Mismatch { file, what });
            }
            games.extend(p.games.into_iter().map(|g| (file.clone(), g)));
        }
        let games = in_run_order(games, |g| g.run, meta.batch_runs)?;
        Ok((meta, games))
    }

    /// The human-readable table `khalkhin replay` prints.
    /// With the scenario at hand it names it and adds the historical record.
    pub fn to_text(&self, scn: Option<&Scenario>) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} ({}), {} runs from seed {}{}{}",
            scn.map_or("scenario", |c| c.file.name.as_str()),
            self.scenario,
            self.runs,
            self.seed,
            self.shard
                .as_ref()
                .map(|x| format!(", shard {x} of a batch of {}", self.batch_runs))
                .unwrap_or_default(),
            if self.mods.is_empty() {
                String::new()
            } else {
                format!(", with mods {}", self.mods.join(", "))
            }
        );
        let v = &self.victories;
        let _ = writeln!(
            s,
            "victories: soviet {}  japanese {}  draw {}",
            v.soviet, v.japanese, v.draw
        );
        let _ = writeln!(
            s,
            "\nlosses             {:>26} {:>26}",
            "soviet mean [p10–p90]", "japanese mean [p10–p90]"
        );
        let row = |name: &str, a: Percentiles, b: Percentiles| {
            format!(
                "  {name:<16} {:>26} {:>26}\n",
                format!("{:.0} [{:.0}–{:.0}]", a.mean, a.p10, a.p90),
                format!("{:.0} [{:.0}–{:.0}]", b.mean, b.p10, b.p90)
            )
        };
        let (a, b) = (&self.losses.soviet, &self.losses.japanese);
        s += &row("men", a.men, b.men);
        s += &row("tanks", a.tanks, b.tanks);
        s += &row("armored cars", a.armored_cars, b.armored_cars);
        s += &row("guns", a.guns, b.guns);
        s += &row("prisoners", a.prisoners, b.prisoners);
        s += &row("aircraft", a.aircraft, b.aircraft);
        s += &row("tanks repaired", a.tanks_recovered, b.tanks_recovered);
        s += &row(
            "cars repaired",
            a.armored_cars_recovered,
            b.armored_cars_recovered,
        );
        let _ = writeln!(s, "\nencircled (cut off from supply):");
        if self.encircled.is_empty() {
            let _ = writeln!(s, "  none");
        }
        for e in &self.encircled {
            let _ = writeln!(
                s,
                "  {:<24} {:<8} in {:>5} of {} runs; first {}, median {}, last {}",
                e.formation, e.side, e.games, self.runs, e.first, e.median, e.last
            );
        }
        if let Some(p) = &self.pocket {
            let _ = writeln!(
                s,
                "\npocket ({}) closed in {} of {} runs{}",
                p.formation,
                p.games,
                self.runs,
                if p.games > 0 {
                    format!("; first {}, median {}, last {}", p.first, p.median, p.last)
                } else {
                    String::new()
                }
            );
        }
        let _ = writeln!(s, "\nobjectives held at the end (runs):");
        for o in &self.objectives {
            let _ = writeln!(
                s,
                "  {:<28} soviet {:>5}  japanese {:>5}",
                o.name, o.soviet, o.japanese
            );
        }
        if let Some(scn) = scn {
            let h = &scn.file.historical;
            let _ = writeln!(
                s,
                "\nhistory: {:?} victory{}; fighting ended {}",
                h.winner,
                h.pocket_closed
                    .map(|d| format!("; pocket closed {d}"))
                    .unwrap_or_default(),
                h.end_of_fighting
            );
        }
        s
    }
}
