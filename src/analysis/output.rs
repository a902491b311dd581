//! Writing a batch's JSON and CSV files game by game, so that a study of any size runs in constant
//! memory. Each file is built beside its destination and renamed over it only when complete: a user's
//! earlier file is either left as it was or replaced whole.

use super::GameRecord;
use super::stats::{Accumulator, BatchInfo, Summary};
use crate::fsio::Partial;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Aggregates a batch and writes its files as games arrive in run order.
///
/// JSON: the summary's fields (see [`Summary`]) followed by `"games"`, one game per line. The games
/// are spooled to a temporary file while the batch runs and copied after the aggregates at the end.
/// CSV: one row per game, see [`csv_header`] and [`csv_row`].
pub struct BatchWriter {
    acc: Accumulator,
    json: Option<(Partial, Partial)>,
    csv: Option<Partial>,
    csv_header_written: bool,
    error: Option<io::Error>,
}

impl BatchWriter {
    pub fn new(
        meta: BatchInfo,
        json: Option<&Path>,
        csv: Option<&Path>,
    ) -> io::Result<BatchWriter> {
        Ok(BatchWriter {
            acc: Accumulator::new(meta),
            json: match json {
                Some(p) => Some((
                    Partial::create(p, ".partial")?,
                    Partial::create(p, ".games.partial")?,
                )),
                None => None,
            },
            csv: csv.map(|p| Partial::create(p, ".partial")).transpose()?,
            csv_header_written: false,
            error: None,
        })
    }

    /// Adds the next game (in run order).
    pub fn add(&mut self, g: &GameRecord) {
        self.acc.add(g);
        if self.error.is_some() {
            return;
        }
        if let Err(e) = self.write(g) {
            self.error = Some(e);
        }
    }

    fn write(&mut self, g: &GameRecord) -> io::Result<()> {
        if let Some((_, games)) = &mut self.json {
            if self.acc.runs() > 1 {
                games.w().write_all(b",\n")?;
            }
            games.w().write_all(b"    ")?;
            serde_json::to_writer(games.w(), g)?;
        }
        if let Some(csv) = &mut self.csv {
            if !self.csv_header_written {
                csv.w().write_all(csv_header(Some(g)).as_bytes())?;
                self.csv_header_written = true;
            }
            csv.w().write_all(csv_row(g).as_bytes())?;
        }
        Ok(())
    }

    /// The statistics so far.
    pub fn accumulator(&self) -> &Accumulator {
        &self.acc
    }

    /// Completes the files and returns the summary (without the games).
    pub fn finish(self) -> io::Result<(Summary, Accumulator)> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let summary = self.acc.summary();
        if let Some((mut head, mut games)) = self.json {
            let text = serde_json::to_string_pretty(&summary)?;
            let body = text.strip_suffix('}').unwrap_or(&text).trim_end();
            head.w().write_all(body.as_bytes())?;
            if summary.runs > 0 {
                head.w().write_all(b",\n  \"games\": [\n")?;
                games.close()?;
                io::copy(&mut File::open(&games.tmp)?, head.w())?;
                head.w().write_all(b"\n  ]")?;
            }
            head.w().write_all(b"\n}\n")?;
            head.commit()?;
        }
        if let Some(mut csv) = self.csv {
            if !self.csv_header_written {
                csv.w().write_all(csv_header(None).as_bytes())?;
            }
            csv.commit()?;
        }
        Ok((summary, self.acc))
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

/// Columns: `run, seed, winner, end_date, soviet_points`, then `soviet_men, soviet_tanks,
/// soviet_armored_cars, soviet_guns` and the same for `japanese`, then `soviet_prisoners,
/// japanese_prisoners, pocket_closed` (date or empty), `encircled` (`formation@date` pairs
/// separated by `;`), `soviet_tanks_recovered, soviet_armored_cars_recovered` and the same for
/// `japanese`, `soviet_aircraft, japanese_aircraft` (lost in the air war), `soviet_by_type` and `japanese_by_type` (`EQUIPMENT_ID=pieces` pairs separated by
/// `;`, by id), then one `holder:<objective>` column per objective (taken from the first game).
pub fn csv_header(first: Option<&GameRecord>) -> String {
    let mut out = String::from(
        "run,seed,winner,end_date,soviet_points,soviet_men,soviet_tanks,soviet_armored_cars,soviet_guns,\
         japanese_men,japanese_tanks,japanese_armored_cars,japanese_guns,soviet_prisoners,\
         japanese_prisoners,pocket_closed,encircled,soviet_tanks_recovered,\
         soviet_armored_cars_recovered,japanese_tanks_recovered,japanese_armored_cars_recovered,\
         soviet_aircraft,japanese_aircraft,soviet_by_type,japanese_by_type",
    );
    for o in first.map(|g| &g.objectives[..]).unwrap_or_default() {
        out.push(',');
        out.push_str(&csv_field(&format!("holder:{}", o.name)));
    }
    out.push('\n');
    out
}

/// One game as a CSV row (see [`csv_header`]).
pub fn csv_row(g: &GameRecord) -> String {
    let (s, j) = (&g.losses.soviet, &g.losses.japanese);
    let enc: Vec<String> = g
        .encircled
        .iter()
        .map(|e| format!("{}@{}", e.formation, e.date))
        .collect();
    let by_type = |t: &std::collections::BTreeMap<String, u32>| {
        let pairs: Vec<String> = t.iter().map(|(k, n)| format!("{k}={n}")).collect();
        csv_field(&pairs.join(";"))
    };
    let mut out = format!(
        "{},{},{},{},{:.1},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
        g.run,
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
        g.prisoners.soviet,
        g.prisoners.japanese,
        g.pocket_closed.as_deref().unwrap_or(""),
        csv_field(&enc.join(";")),
        s.tanks_recovered,
        s.armored_cars_recovered,
        j.tanks_recovered,
        j.armored_cars_recovered,
        s.aircraft,
        j.aircraft,
        by_type(&s.by_type),
        by_type(&j.by_type),
    );
    for o in &g.objectives {
        out.push(',');
        out.push_str(&o.holder);
    }
    out.push('\n');
    out
}
