//! Aggregates of a batch of games: victory counts and loss distributions (mean, 10th and 90th
//! percentiles, nearest-rank).

use super::GameRecord;
use crate::control::ControllerKind;
use crate::scenario::Scenario;
use crate::sim::Losses;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
}

impl Percentiles {
    pub fn of(values: &[f64]) -> Percentiles {
        if values.is_empty() {
            return Percentiles {
                mean: 0.0,
                p10: 0.0,
                p90: 0.0,
            };
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Percentiles {
            mean: v.iter().sum::<f64>() / v.len() as f64,
            p10: rank(0.1),
            p90: rank(0.9),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LossStats {
    pub men: Percentiles,
    pub tanks: Percentiles,
    pub armored_cars: Percentiles,
    pub guns: Percentiles,
}

impl LossStats {
    fn of(ls: &[Losses]) -> LossStats {
        let f = |g: fn(&Losses) -> u32| {
            Percentiles::of(&ls.iter().map(|l| g(l) as f64).collect::<Vec<_>>())
        };
        LossStats {
            men: f(|l| l.men),
            tanks: f(|l| l.tanks),
            armored_cars: f(|l| l.armored_cars),
            guns: f(|l| l.guns),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Victories {
    pub soviet: u64,
    pub japanese: u64,
    pub draw: u64,
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
    pub victories: Victories,
    pub losses: BySide,
    pub encircled: Vec<EncircledStats>,
    pub objectives: Vec<ObjectiveStats>,
    pub games: Vec<GameRecord>,
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

impl Summary {
    /// Aggregates games (in run order) into a summary. Depends on nothing but the games and the batch
    /// information, so merging shards gives exactly the summary of the whole batch.
    pub fn from_games(meta: BatchInfo, games: Vec<GameRecord>) -> Summary {
        let count = |w: &str| games.iter().filter(|g| g.winner == w).count() as u64;
        let su: Vec<Losses> = games.iter().map(|g| g.losses.soviet).collect();
        let jp: Vec<Losses> = games.iter().map(|g| g.losses.japanese).collect();
        // Formations in the order of their side, then key.
        let mut formations: Vec<(&str, &str)> = games
            .iter()
            .flat_map(|g| g.encircled.iter())
            .map(|e| (e.side.as_str(), e.formation.as_str()))
            .collect();
        formations.sort_unstable_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(b.1)));
        formations.dedup();
        let encircled = formations
            .into_iter()
            .map(|(side, key)| {
                let mut dates: Vec<&str> = games
                    .iter()
                    .flat_map(|g| g.encircled.iter())
                    .filter(|e| e.formation == key)
                    .map(|e| e.date.as_str())
                    .collect();
                dates.sort_unstable();
                EncircledStats {
                    formation: key.to_string(),
                    side: side.to_string(),
                    games: dates.len() as u64,
                    first: dates[0].to_string(),
                    median: dates[(dates.len() - 1) / 2].to_string(),
                    last: dates[dates.len() - 1].to_string(),
                }
            })
            .collect();
        let objectives = games
            .first()
            .map(|g| &g.objectives[..])
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, o)| ObjectiveStats {
                name: o.name.clone(),
                soviet: games
                    .iter()
                    .filter(|g| g.objectives[i].holder == "soviet")
                    .count() as u64,
                japanese: games
                    .iter()
                    .filter(|g| g.objectives[i].holder == "japanese")
                    .count() as u64,
            })
            .collect();
        Summary {
            scenario: meta.scenario,
            content_hash: meta.content_hash,
            seed: meta.seed,
            runs: games.len() as u64,
            batch_runs: meta.batch_runs,
            soviet_controller: meta.soviet,
            japanese_controller: meta.japanese,
            shard: meta.shard,
            victories: Victories {
                soviet: count("soviet"),
                japanese: count("japanese"),
                draw: count("draw"),
            },
            losses: BySide {
                soviet: LossStats::of(&su),
                japanese: LossStats::of(&jp),
            },
            encircled,
            objectives,
            games,
        }
    }

    /// Combines the summaries of all shards of one batch (named by file, for messages) into exactly
    /// the summary one run of the whole batch gives.
    pub fn merge(parts: Vec<(String, Summary)>) -> Result<Summary, MergeError> {
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
        };
        let mut games = Vec::new();
        for (file, p) in &parts {
            let checks: [(&'static str, bool); 5] = [
                ("scenario", p.scenario == meta.scenario),
                ("content_hash", p.content_hash == meta.content_hash),
                ("seed", p.seed == meta.seed),
                ("batch_runs", p.batch_runs == meta.batch_runs),
                (
                    "controllers",
                    (p.soviet_controller, p.japanese_controller) == (meta.soviet, meta.japanese),
                ),
            ];
            if let Some((what, _)) = checks.iter().find(|c| !c.1) {
                return Err(MergeError::Mismatch {
                    file: file.clone(),
                    what,
                });
            }
            games.extend(p.games.iter().cloned().map(|g| (file.clone(), g)));
        }
        games.sort_by_key(|(_, g)| g.run);
        for w in games.windows(2) {
            if w[0].1.run == w[1].1.run {
                return Err(MergeError::Duplicate {
                    run: w[1].1.run,
                    file: w[1].0.clone(),
                });
            }
        }
        if games.len() as u64 != meta.batch_runs {
            return Err(MergeError::Missing {
                expected: meta.batch_runs,
                found: games.len() as u64,
            });
        }
        Ok(Summary::from_games(
            meta,
            games.into_iter().map(|(_, g)| g).collect(),
        ))
    }

    /// The human-readable table `khalkhin replay` prints.
    /// With the scenario at hand it names it and adds the historical record.
    pub fn to_text(&self, scn: Option<&Scenario>) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} ({}), {} runs from seed {}{}",
            scn.map_or("scenario", |c| c.file.name.as_str()),
            self.scenario,
            self.runs,
            self.seed,
            self.shard
                .as_ref()
                .map(|x| format!(", shard {x} of a batch of {}", self.batch_runs))
                .unwrap_or_default()
        );
        let v = &self.victories;
        let _ = writeln!(
            s,
            "victories: soviet {}  japanese {}  draw {}",
            v.soviet, v.japanese, v.draw
        );
        let _ = writeln!(
            s,
            "\nlosses          {:>26} {:>26}",
            "soviet mean [p10–p90]", "japanese mean [p10–p90]"
        );
        let row = |name: &str, a: Percentiles, b: Percentiles| {
            format!(
                "  {name:<13} {:>26} {:>26}\n",
                format!("{:.0} [{:.0}–{:.0}]", a.mean, a.p10, a.p90),
                format!("{:.0} [{:.0}–{:.0}]", b.mean, b.p10, b.p90)
            )
        };
        let (a, b) = (&self.losses.soviet, &self.losses.japanese);
        s += &row("men", a.men, b.men);
        s += &row("tanks", a.tanks, b.tanks);
        s += &row("armored cars", a.armored_cars, b.armored_cars);
        s += &row("guns", a.guns, b.guns);
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
                "\nhistory: {:?} victory; pocket closed {}; fighting ended {}",
                h.winner, h.pocket_closed, h.end_of_fighting
            );
        }
        s
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl Summary {
    /// One row per game. Columns: `seed, winner, end_date, soviet_points`, then `soviet_men,
    /// soviet_tanks, soviet_armored_cars, soviet_guns` and the same for `japanese`, then `encircled`
    /// (`formation@date` pairs separated by `;`), then one `holder:<objective>` column per objective.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "seed,winner,end_date,soviet_points,soviet_men,soviet_tanks,soviet_armored_cars,soviet_guns,\
             japanese_men,japanese_tanks,japanese_armored_cars,japanese_guns,encircled",
        );
        if let Some(g) = self.games.first() {
            for o in &g.objectives {
                out.push(',');
                out.push_str(&csv_field(&format!("holder:{}", o.name)));
            }
        }
        out.push('\n');
        for g in &self.games {
            let (s, j) = (&g.losses.soviet, &g.losses.japanese);
            let enc: Vec<String> = g
                .encircled
                .iter()
                .map(|e| format!("{}@{}", e.formation, e.date))
                .collect();
            let _ = write!(
                out,
                "{},{},{},{:.1},{},{},{},{},{},{},{},{},{}",
                g.seed,
                g.winner,
                g.end_date,
                g.soviet_points,
                s.men,
                s.tanks,
                s.armored_cars,
                s.guns,
                j.men,
                j.tanks,
                j.armored_cars,
                j.guns,
                csv_field(&enc.join(";"))
            );
            for o in &g.objectives {
                out.push(',');
                out.push_str(&o.holder);
            }
            out.push('\n');
        }
        out
    }
}
