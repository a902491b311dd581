//! Aggregates of a batch of games: victory counts and loss distributions (mean, 10th and 90th
//! percentiles, nearest-rank).

use super::GameRecord;
use crate::scenario::Scenario;
use crate::sim::Losses;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Victories {
    pub soviet: u64,
    pub japanese: u64,
    pub draw: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BySide {
    pub soviet: LossStats,
    pub japanese: LossStats,
}

/// How often and when a formation was cut off across the batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EncircledStats {
    pub formation: String,
    pub side: &'static str,
    /// Games in which it was cut off.
    pub games: u64,
    /// Earliest, median and latest date it was cut off.
    pub first: String,
    pub median: String,
    pub last: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveStats {
    pub name: String,
    /// Games the Soviet side held it at the end.
    pub soviet: u64,
    pub japanese: u64,
}

/// The summary `khalkhin replay` prints and writes as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub seed: u64,
    pub runs: u64,
    pub victories: Victories,
    pub losses: BySide,
    pub encircled: Vec<EncircledStats>,
    pub objectives: Vec<ObjectiveStats>,
    pub games: Vec<GameRecord>,
}

impl Summary {
    pub fn new(scn: &Scenario, seed: u64, games: Vec<GameRecord>) -> Summary {
        let count = |w: &str| games.iter().filter(|g| g.winner == w).count() as u64;
        let su: Vec<Losses> = games.iter().map(|g| g.losses.soviet).collect();
        let jp: Vec<Losses> = games.iter().map(|g| g.losses.japanese).collect();
        let mut encircled = Vec::new();
        for f in &scn.formations {
            let mut dates: Vec<&str> = games
                .iter()
                .flat_map(|g| g.encircled.iter())
                .filter(|e| e.formation == f.key)
                .map(|e| e.date.as_str())
                .collect();
            if dates.is_empty() {
                continue;
            }
            dates.sort_unstable();
            encircled.push(EncircledStats {
                formation: f.key.clone(),
                side: f.side.key(),
                games: dates.len() as u64,
                first: dates[0].to_string(),
                median: dates[(dates.len() - 1) / 2].to_string(),
                last: dates[dates.len() - 1].to_string(),
            });
        }
        let objectives = scn
            .objectives
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
            scenario: scn.file.id.clone(),
            seed,
            runs: games.len() as u64,
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

    /// The human-readable table `khalkhin replay` prints.
    pub fn to_text(&self, scn: &Scenario) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} ({}), {} runs from seed {}",
            scn.file.name, self.scenario, self.runs, self.seed
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
        let h = &scn.file.historical;
        let _ = writeln!(
            s,
            "\nhistory: {:?} victory; pocket closed {}; fighting ended {}",
            h.winner, h.pocket_closed, h.end_of_fighting
        );
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
                out.push_str(o.holder);
            }
            out.push('\n');
        }
        out
    }
}
