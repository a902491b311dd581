//! A/B studies: the same measures of two batches played with the same seeds (a base scenario and
//! a variant: the scenario with a mod, or a second scenario), side by side, with the difference of
//! the means, its 95% confidence interval and whether it is significant at the games played.
//!
//! The difference is Welch's: `Δ = mean_B − mean_A`, standard error `√(s²_A/n_A + s²_B/n_B)`,
//! interval `Δ ± 1.96·SE`, two-sided p-value from the normal distribution (the games of a batch
//! are independent; with fewer than 30 a side the normal approximation is rough, which the
//! report says).

use super::histogram::Histogram;
use super::report::{Bins, Frame, MeasureRow, measures, plot_svg};
use super::stats::Accumulator;
use crate::fsio::write_atomically;
use crate::scenario::Scenario;
use plotters::prelude::*;
use serde::Serialize;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// z of a two-sided 95% interval.
const Z95: f64 = 1.959_964;
/// Games a side below which the report warns that the normal approximation is rough.
const FEW_GAMES: u64 = 30;

/// One measure of both batches.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    pub key: String,
    pub title: String,
    pub unit: String,
    pub base: Side,
    pub variant: Side,
    /// `variant.mean − base.mean`.
    pub difference: f64,
    /// 95% confidence interval of the difference (`None` with fewer than two games a side).
    pub ci95: Option<(f64, f64)>,
    /// Two-sided p-value of "no difference" (`None` with fewer than two games a side).
    pub p_value: Option<f64>,
    /// Whether the 95% interval leaves out 0.
    pub significant: bool,
}

/// One batch's distribution of a measure.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub games: u64,
    pub mean: f64,
    pub sd: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

fn side(h: &Histogram) -> Side {
    let p = h.summary();
    Side {
        games: h.len(),
        mean: p.mean,
        sd: h.variance().sqrt(),
        p10: p.p10,
        p50: p.p50,
        p90: p.p90,
    }
}

/// `erfc(x)` for x ≥ 0 (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    poly * (-x * x).exp()
}

/// Compares two histograms of one measure.
pub fn compare(key: &str, title: &str, unit: &str, a: &Histogram, b: &Histogram) -> Compared {
    let (sa, sb) = (side(a), side(b));
    let difference = sb.mean - sa.mean;
    let se = (a.variance() / a.len().max(1) as f64 + b.variance() / b.len().max(1) as f64).sqrt();
    let (ci95, p_value) = if a.len() < 2 || b.len() < 2 {
        // No spread to measure: nothing can be said of chance.
        (None, None)
    } else if se > 0.0 {
        let z = difference.abs() / se;
        (
            Some((difference - Z95 * se, difference + Z95 * se)),
            Some(erfc(z / std::f64::consts::SQRT_2).min(1.0)),
        )
    } else {
        // Both batches constant over their games: the difference is exact.
        (
            Some((difference, difference)),
            Some(if difference == 0.0 { 1.0 } else { 0.0 }),
        )
    };
    Compared {
        key: key.to_string(),
        title: title.to_string(),
        unit: unit.to_string(),
        base: sa,
        variant: sb,
        difference,
        ci95,
        p_value,
        significant: ci95.is_some_and(|(lo, hi)| lo > 0.0 || hi < 0.0),
    }
}

/// Soviet victories as a 0/1 measure (in percent of games, 0 or 100 per game).
fn soviet_wins(acc: &Accumulator) -> Histogram {
    let v = acc.summary().victories;
    let mut h = Histogram::default();
    for _ in 0..v.soviet {
        h.add(100);
    }
    for _ in 0..(v.japanese + v.draw) {
        h.add(0);
    }
    h
}

/// Every measure of the two batches (those of [`measures`], Soviet victories and points).
pub fn compare_batches(
    base: (&Scenario, &Accumulator),
    variant: (&Scenario, &Accumulator),
) -> Vec<(Compared, Histogram, Histogram)> {
    let a: Vec<(MeasureRow, Histogram)> = measures(base.0, base.1);
    let b: Vec<(MeasureRow, Histogram)> = measures(variant.0, variant.1);
    let mut out = Vec::new();
    let (wa, wb) = (soviet_wins(base.1), soviet_wins(variant.1));
    out.push((
        compare("soviet_victory", "Soviet victories", "% of games", &wa, &wb),
        wa,
        wb,
    ));
    out.push((
        compare(
            "soviet_points",
            "Soviet victory points at the end (tenths)",
            "tenths of a point",
            &base.1.soviet_points,
            &variant.1.soviet_points,
        ),
        base.1.soviet_points.clone(),
        variant.1.soviet_points.clone(),
    ));
    for (ra, ha) in &a {
        if let Some((_, hb)) = b.iter().find(|(rb, _)| rb.key == ra.key) {
            out.push((
                compare(&ra.key, &ra.title, ra.unit, ha, hb),
                ha.clone(),
                hb.clone(),
            ));
        }
    }
    out
}

/// Both distributions of a measure on one plot: base in blue, variant in orange, means marked.
pub fn overlay_svg(c: &Compared, a: &Histogram, b: &Histogram) -> Result<String, String> {
    let lo = a.min().min(b.min()) as f64;
    let hi = a.max().max(b.max()) as f64;
    let bins = Bins::new(lo, hi, 30);
    let (x0, width) = (bins.x0, bins.width);
    let (ca, cb) = (bins.count(a), bins.count(b));
    let top = ca.iter().chain(&cb).copied().max().unwrap_or(1).max(1) as f64 * 1.15;
    let frame = Frame {
        title: &c.title,
        x: (bins.x0, bins.x1),
        top,
        x_desc: &c.unit,
        y_desc: "games",
    };
    plot_svg(frame, &|v| format!("{v:.0}"), |chart| {
        for (counts, colour, label, shift, mean) in [
            (&ca, RGBColor(60, 90, 160), "base", 0.0, c.base.mean),
            (&cb, RGBColor(220, 120, 30), "variant", 0.45, c.variant.mean),
        ] {
            chart
                .draw_series(counts.iter().enumerate().filter(|(_, n)| **n > 0).map(
                    move |(k, &n)| {
                        let x = x0 + k as f64 * width + shift * width;
                        Rectangle::new([(x, 0.0), (x + width * 0.45, n as f64)], colour.filled())
                    },
                ))
                .map_err(|e| e.to_string())?
                .label(format!("{label} (mean {mean:.1})"))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.filled())
                });
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(mean, 0.0), (mean, top)],
                    colour.stroke_width(2),
                )))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// A number for the table: whole for counts, one decimal for small values.
fn num(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The study's text: one row per measure.
pub fn markdown(
    title: (&str, &str),
    runs: (u64, u64),
    rows: &[(Compared, Histogram, Histogram)],
) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "# A/B study: {} against {}\n", title.1, title.0);
    let _ = writeln!(
        t,
        "{} games of the base and {} of the variant, game *i* of each with the same seed. Δ is the \
         variant's mean less the base's, with its 95% confidence interval (Welch, normal \
         approximation) and two-sided p-value; *significant* means the interval leaves out 0.{}\n",
        runs.0,
        runs.1,
        if runs.0.min(runs.1) < FEW_GAMES {
            format!(" With fewer than {FEW_GAMES} games a side the approximation is rough.")
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        t,
        "| Measure | Base mean [p10–p90] | Variant mean [p10–p90] | Δ | 95% CI of Δ | p | Significant |"
    );
    let _ = writeln!(t, "|---|---|---|---|---|---|---|");
    for (c, _, _) in rows {
        let (ci, p) = match (c.ci95, c.p_value) {
            (Some((lo, hi)), Some(p)) => (format!("{lo:+.1} to {hi:+.1}"), format!("{p:.3}")),
            _ => ("— (too few games)".to_string(), "—".to_string()),
        };
        let _ = writeln!(
            t,
            "| [{}]({}.svg) | {} [{}–{}] | {} [{}–{}] | {:+.1} | {ci} | {p} | {} |",
            c.title,
            c.key,
            num(c.base.mean),
            num(c.base.p10),
            num(c.base.p90),
            num(c.variant.mean),
            num(c.variant.p10),
            num(c.variant.p90),
            c.difference,
            if c.significant { "**yes**" } else { "no" }
        );
    }
    t
}

/// Writes `ab.md`, `ab.json` and one SVG per measure into `dir`; returns the files.
pub fn write_study(
    dir: &Path,
    title: (&str, &str),
    runs: (u64, u64),
    rows: &[(Compared, Histogram, Histogram)],
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    let mut put = |name: String, text: &str| -> Result<(), String> {
        let path = dir.join(name);
        write_atomically(&path, text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
        Ok(())
    };
    for (c, a, b) in rows {
        put(format!("{}.svg", c.key), &overlay_svg(c, a, b)?)?;
    }
    let table: Vec<&Compared> = rows.iter().map(|(c, _, _)| c).collect();
    put(
        "ab.json".into(),
        &serde_json::to_string_pretty(&table).map_err(|e| e.to_string())?,
    )?;
    put("ab.md".into(), &markdown(title, runs, rows))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(values: &[u32]) -> Histogram {
        let mut h = Histogram::default();
        for &v in values {
            h.add(v);
        }
        h
    }

    #[test]
    fn a_clear_shift_is_significant_and_noise_is_not() {
        let a = hist(&(0..100).map(|i| 100 + i % 10).collect::<Vec<_>>());
        let b = hist(&(0..100).map(|i| 110 + i % 10).collect::<Vec<_>>());
        let c = compare("x", "x", "men", &a, &b);
        assert!((c.difference - 10.0).abs() < 1e-9);
        assert!(c.significant && c.p_value.unwrap() < 1e-6, "{c:?}");
        let (lo, hi) = c.ci95.unwrap();
        assert!(lo < 10.0 && hi > 10.0);
        let same = compare("x", "x", "men", &a, &a.clone());
        assert!(
            !same.significant && (same.p_value.unwrap() - 1.0).abs() < 1e-6,
            "{same:?}"
        );
        // One game a side: no interval, never significant.
        let one = compare("x", "x", "men", &hist(&[100]), &hist(&[500]));
        assert!(
            one.ci95.is_none() && one.p_value.is_none() && !one.significant,
            "{one:?}"
        );
    }

    #[test]
    fn erfc_matches_known_values() {
        for (x, want) in [
            (0.0, 1.0),
            (0.5, 0.479_500),
            (1.0, 0.157_299),
            (2.0, 0.004_678),
        ] {
            assert!((erfc(x) - want).abs() < 1e-6, "erfc({x})");
        }
    }
}
