//! The comparison with history: a Markdown report that sets each simulated measure's distribution
//! beside the scenario's `historical` record, with an SVG histogram per measure.
//!
//! A measure's *band* is its simulated 10th–90th percentile range. The verdict compares the recorded
//! range `[low, high]` with it: *inside* when they overlap, *above* when the record lies entirely
//! above the band (the model gives less than history), *below* when entirely below.

use super::histogram::Histogram;
use super::stats::{Accumulator, Summary};
use crate::data::Side;
use crate::data::time::Stamp;
use crate::fsio::write_atomically;
use crate::scenario::Scenario;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Where the historical record falls against the simulated 10–90% band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Inside,
    /// History lies above the band: the model gives too little.
    Above,
    /// History lies below the band: the model gives too much.
    Below,
}

impl Verdict {
    /// Compares the recorded range `[low, high]` with the band `[p10, p90]`.
    pub fn of(low: f64, high: f64, p10: f64, p90: f64) -> Verdict {
        if high < p10 {
            Verdict::Below
        } else if low > p90 {
            Verdict::Above
        } else {
            Verdict::Inside
        }
    }

    fn text(self) -> &'static str {
        match self {
            Verdict::Inside => "inside the simulated 10–90% band",
            Verdict::Above => "above the simulated 10–90% band (the model gives less)",
            Verdict::Below => "below the simulated 10–90% band (the model gives more)",
        }
    }
}

/// One numeric measure of the comparison.
#[derive(Debug, Clone)]
pub struct MeasureRow {
    /// File stem of its plot, e.g. `soviet_men`.
    pub key: String,
    pub title: String,
    pub unit: &'static str,
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub history: (f64, f64),
    /// Share of runs below the middle of the recorded range (mid-rank), 0–1.
    pub history_rank: f64,
    pub verdict: Verdict,
    pub source: String,
    /// For measures in hours from the scenario's start: the start, to label the axis with dates.
    pub origin: Option<Stamp>,
}

/// The measures of a batch, compared with the scenario's record.
pub fn measures(scn: &Scenario, acc: &Accumulator) -> Vec<(MeasureRow, Histogram)> {
    let h = &scn.file.historical;
    let mut rows = Vec::new();
    for (side, losses, rec) in [
        ("soviet", &acc.soviet, &h.soviet_losses),
        ("japanese", &acc.japanese, &h.japanese_losses),
    ] {
        let recs = [
            Some(&rec.men),
            Some(&rec.tanks),
            Some(&rec.armored_cars),
            Some(&rec.guns),
            rec.prisoners.as_ref(),
            rec.aircraft.as_ref(),
            // The record gives no repaired vehicles: not compared.
            None,
            None,
        ];
        for ((name, hist), r) in losses.measures().into_iter().zip(recs) {
            // A measure the record has no figure for is not compared.
            let Some(r) = r else { continue };
            let unit = if matches!(name, "men" | "prisoners") {
                "men"
            } else {
                "pieces"
            };
            rows.push((
                row(
                    format!("{side}_{name}"),
                    format!("{} losses: {}", side_name(side), name.replace('_', " ")),
                    unit,
                    hist,
                    (r.low, r.high),
                    r.source.clone(),
                ),
                hist.clone(),
            ));
        }
    }
    if let (Some(_), Some(closed)) = (scn.pocket, h.pocket_closed) {
        // Hours from the start to the closing; a pocket that never closed counts as closing at the
        // end of the scenario.
        let start = scn.file.start;
        let never = scn.file.end.hours_since(start).max(0) as u32;
        let mut hist = Histogram::default();
        for (date, n) in acc.pocket.iter() {
            let hours = Stamp::parse(date).map_or(never, |d| d.hours_since(start).max(0) as u32);
            for _ in 0..n {
                hist.add(hours);
            }
        }
        for _ in acc.pocket.len()..acc.runs() {
            hist.add(never);
        }
        let at = closed.hours_since(start) as f64;
        let mut m = row(
            "pocket_closed".into(),
            "Pocket closed (runs where it never closed: at the end)".into(),
            "hours",
            &hist,
            (at - 24.0, at + 24.0),
            format!("{closed} ± 1 day (historical.pocket_closed)"),
        );
        m.origin = Some(start);
        rows.push((m, hist));
    }
    rows
}

fn side_name(key: &str) -> &'static str {
    if key == "soviet" {
        "Soviet"
    } else {
        "Japanese"
    }
}

fn row(
    key: String,
    title: String,
    unit: &'static str,
    hist: &Histogram,
    history: (f64, f64),
    source: String,
) -> MeasureRow {
    let p = hist.summary();
    MeasureRow {
        key,
        title,
        unit,
        mean: p.mean,
        p10: p.p10,
        p50: p.p50,
        p90: p.p90,
        history,
        history_rank: hist.rank_of((history.0 + history.1) / 2.0),
        verdict: Verdict::of(history.0, history.1, p.p10, p.p90),
        source,
        origin: None,
    }
}

/// `n + 1` bins of one width from `x0` that cover `lo..=hi`: how a plot groups values.
pub(super) struct Bins {
    pub x0: f64,
    pub x1: f64,
    pub width: f64,
    n: usize,
}

impl Bins {
    pub fn new(lo: f64, hi: f64, n: usize) -> Bins {
        let width = ((hi - lo) / n as f64).max(1.0);
        let x0 = lo - width * 0.5;
        Bins {
            x0,
            x1: x0 + width * (n as f64 + 1.0),
            width,
            n,
        }
    }

    /// Values of a histogram per bin.
    pub fn count(&self, h: &Histogram) -> Vec<u64> {
        let mut counts = vec![0u64; self.n + 1];
        for (v, c) in h.iter() {
            counts[(((v as f64 - self.x0) / self.width) as usize).min(self.n)] += c;
        }
        counts
    }
}

/// A plot's drawing area, in the values plotted.
pub(super) type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What a plot shows: its title, x range, height and axis labels.
pub(super) struct Frame<'a> {
    pub title: &'a str,
    pub x: (f64, f64),
    pub top: f64,
    pub x_desc: &'a str,
    pub y_desc: &'a str,
}

/// A 720×380 SVG plot: the frame's axes, the series `draw` adds, and their legend.
pub(super) fn plot_svg(
    frame: Frame,
    x_label: &dyn Fn(&f64) -> String,
    draw: impl FnOnce(&mut Chart) -> Result<(), String>,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(frame.title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(frame.x.0..frame.x.1, 0.0..frame.top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc(frame.x_desc)
            .y_desc(frame.y_desc)
            .x_label_formatter(x_label)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(WHITE)
            .disable_x_mesh()
            .draw()
            .map_err(|e| e.to_string())?;
        draw(&mut chart)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Draws a measure's histogram as SVG: bars of runs per bin, the simulated 10–90% band in grey and
/// the recorded range in green.
pub fn histogram_svg(m: &MeasureRow, hist: &Histogram) -> Result<String, String> {
    let lo = (hist.min() as f64).min(m.history.0);
    let hi = (hist.max() as f64).max(m.history.1);
    let bins = Bins::new(lo, hi, 30);
    let (x0, width) = (bins.x0, bins.width);
    let counts = bins.count(hist);
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64 * 1.1;
    let origin = m.origin;
    let x_label = move |v: &f64| match origin {
        // Day and hour, e.g. `24.08 12h`.
        Some(o) => {
            let d = o.plus_hours(*v as i64).to_string();
            format!("{}.{} {}h", &d[8..10], &d[5..7], &d[11..13])
        }
        None => format!("{v:.0}"),
    };
    let frame = Frame {
        title: &m.title,
        x: (bins.x0, bins.x1),
        top,
        x_desc: if origin.is_some() { "date" } else { m.unit },
        y_desc: "runs",
    };
    plot_svg(frame, &x_label, |chart| {
        let grey = RGBColor(150, 150, 150);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(m.p10 - width * 0.5, 0.0), (m.p90 + width * 0.5, top)],
                grey.mix(0.2).filled(),
            )))
            .map_err(|e| e.to_string())?
            .label("simulated 10–90%")
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], grey.filled()));
        let bar = RGBColor(60, 90, 160);
        chart
            .draw_series(
                counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(b, &c)| {
                        let a = x0 + b as f64 * width;
                        Rectangle::new([(a, 0.0), (a + width * 0.9, c as f64)], bar.filled())
                    }),
            )
            .map_err(|e| e.to_string())?
            .label("simulated runs")
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], bar.filled()));
        let green = RGBColor(30, 150, 60);
        let (h0, h1) = if m.history.1 - m.history.0 < width * 0.2 {
            (m.history.0 - width * 0.1, m.history.1 + width * 0.1)
        } else {
            m.history
        };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(h0, 0.0), (h1, top)],
                green.mix(0.35).filled(),
            )))
            .map_err(|e| e.to_string())?
            .label("history")
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], green.filled()));
        Ok(())
    })
}

/// Writes `report.md` and one SVG per measure into `dir` (created if missing); returns the files.
pub fn write_report(
    dir: &Path,
    scn: &Scenario,
    summary: &Summary,
    acc: &Accumulator,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let rows = measures(scn, acc);
    for (m, hist) in &rows {
        let svg = histogram_svg(m, hist).map_err(|e| format!("cannot draw {}: {e}", m.key))?;
        let path = dir.join(format!("{}.svg", m.key));
        write_atomically(&path, &svg)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    let text = markdown(scn, summary, &rows);
    let path = dir.join("report.md");
    write_atomically(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

fn fmt_num(v: f64, unit: &str) -> String {
    if unit == "hours" {
        format!("{:.0} h ({:.1} d)", v, v / 24.0)
    } else {
        format!("{v:.0}")
    }
}

/// The report's text.
pub fn markdown(scn: &Scenario, s: &Summary, rows: &[(MeasureRow, Histogram)]) -> String {
    let h = &scn.file.historical;
    let mut t = String::new();
    let _ = writeln!(t, "# {} — simulated vs historical\n", scn.file.name);
    let _ = writeln!(
        t,
        "Scenario `{}` (content hash `{}`), {} runs from seed {}; Soviet side: `{:?}`, Japanese side: `{:?}`; \
         fog of war {}. Reproduce with `khalkhin report {}{} --runs {} --seed {} --soviet {} --japanese {} --out DIR`.\n",
        s.scenario,
        s.content_hash,
        s.runs,
        s.seed,
        s.soviet_controller,
        s.japanese_controller,
        if scn.file.fog.on { "on" } else { "off" },
        scn.path.display(),
        if scn.file.fog.on { "" } else { " --no-fog" },
        s.runs,
        s.seed,
        s.soviet_controller.key(),
        s.japanese_controller.key(),
    );
    let _ = writeln!(
        t,
        "Each measure's *band* is the simulated 10th–90th percentile range; the verdict says where the \
         recorded range falls against it. *History's rank* is the share of runs below the middle of \
         the recorded range.\n"
    );
    // Outcome.
    let v = &s.victories;
    let won = match h.winner {
        Side::Soviet => v.soviet,
        Side::Japanese => v.japanese,
    };
    let share = won as f64 / s.runs.max(1) as f64;
    let _ = writeln!(t, "## Outcome\n");
    let _ = writeln!(t, "| winner | runs | share |\n|---|---:|---:|");
    for (name, n) in [
        ("Soviet", v.soviet),
        ("Japanese", v.japanese),
        ("draw", v.draw),
    ] {
        let _ = writeln!(
            t,
            "| {name} | {n} | {:.0}% |",
            100.0 * n as f64 / s.runs.max(1) as f64
        );
    }
    let _ = writeln!(
        t,
        "\n**Verdict:** history's outcome ({:?} victory) in {:.0}% of runs — {}.\n",
        h.winner,
        100.0 * share,
        if share >= 0.5 {
            "the model reproduces it in most runs"
        } else {
            "the model does not reproduce it in most runs"
        }
    );
    // Measures table.
    let _ = writeln!(t, "## Measures\n");
    let _ = writeln!(
        t,
        "| measure | history | mean | p10 | median | p90 | history's rank | verdict |\n|---|---|---:|---:|---:|---:|---:|---|"
    );
    for (m, _) in rows {
        let hist = if m.unit == "hours" {
            h.pocket_closed.map(|d| d.to_string()).unwrap_or_default()
        } else if m.history.0 == m.history.1 {
            fmt_num(m.history.0, m.unit)
        } else {
            format!(
                "{}–{}",
                fmt_num(m.history.0, m.unit),
                fmt_num(m.history.1, m.unit)
            )
        };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} | {} | {:.0}% | {} |",
            m.title,
            hist,
            fmt_num(m.mean, m.unit),
            fmt_num(m.p10, m.unit),
            fmt_num(m.p50, m.unit),
            fmt_num(m.p90, m.unit),
            100.0 * m.history_rank,
            match m.verdict {
                Verdict::Inside => "inside",
                Verdict::Above => "above",
                Verdict::Below => "below",
            }
        );
    }
    let _ = writeln!(t);
    for (m, _) in rows {
        let _ = writeln!(t, "### {}\n", m.title);
        let _ = writeln!(t, "![{}]({}.svg)\n", m.title, m.key);
        let _ = writeln!(t, "**Verdict:** history is {}.  ", m.verdict.text());
        let _ = writeln!(t, "Source: {}\n", m.source);
    }
    // Pocket.
    if let Some(p) = &s.pocket {
        let _ = writeln!(t, "## The pocket\n");
        let _ = writeln!(
            t,
            "`{}` cut off from supply (the rules' encirclement test) in {} of {} runs ({:.0}%); history: closed {}.",
            p.formation,
            p.games,
            s.runs,
            100.0 * p.games as f64 / s.runs.max(1) as f64,
            h.pocket_closed
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into())
        );
        if p.games > 0 {
            let _ = writeln!(
                t,
                "When it closed: first {}, 10% {}, median {}, 90% {}, last {}.",
                p.first, p.p10, p.median, p.p90, p.last
            );
        }
        let _ = writeln!(t);
    }
    // Ground held.
    let _ = writeln!(t, "## Ground held at the end\n");
    let _ = writeln!(
        t,
        "| objective | history | Soviet-held runs | Japanese-held runs | as history |\n|---|---|---:|---:|---:|"
    );
    for o in &s.objectives {
        let hist = h.objectives_at_end.iter().find(|(n, _)| *n == o.name);
        let same = match hist {
            Some((_, Side::Soviet)) => {
                format!("{:.0}%", 100.0 * o.soviet as f64 / s.runs.max(1) as f64)
            }
            Some((_, Side::Japanese)) => {
                format!("{:.0}%", 100.0 * o.japanese as f64 / s.runs.max(1) as f64)
            }
            None => "—".into(),
        };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} |",
            o.name,
            hist.map_or("—".into(), |(_, s)| format!("{s:?}")),
            o.soviet,
            o.japanese,
            same
        );
    }
    // Formations cut off.
    let _ = writeln!(t, "\n## Formations cut off\n");
    if s.encircled.is_empty() {
        let _ = writeln!(t, "None in any run.");
    } else {
        let _ = writeln!(
            t,
            "| formation | side | runs | first | median | last |\n|---|---|---:|---|---|---|"
        );
        for e in &s.encircled {
            let _ = writeln!(
                t,
                "| {} | {} | {} | {} | {} | {} |",
                e.formation, e.side, e.games, e.first, e.median, e.last
            );
        }
    }
    // Record.
    let _ = writeln!(t, "\n## The historical record\n");
    for e in &h.events {
        let _ = writeln!(t, "- {} — {} ({})", e.date, e.what, e.source);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn verdicts_compare_the_recorded_range_with_the_band() {
        assert_eq!(Verdict::of(10.0, 20.0, 15.0, 30.0), Verdict::Inside);
        assert_eq!(Verdict::of(10.0, 12.0, 15.0, 30.0), Verdict::Below);
        assert_eq!(Verdict::of(31.0, 40.0, 15.0, 30.0), Verdict::Above);
        assert_eq!(Verdict::of(30.0, 40.0, 15.0, 30.0), Verdict::Inside);
    }
}
