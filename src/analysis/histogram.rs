//! Exact distributions of whole-number measures (men, tanks, hours) in memory bounded by the range of
//! values, not by the number of games: a study of 10,000 or 10,000,000 games keeps one count per
//! distinct value.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts of each value seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    counts: BTreeMap<u32, u64>,
    n: u64,
    sum: u128,
}

impl Histogram {
    pub fn add(&mut self, v: u32) {
        *self.counts.entry(v).or_default() += 1;
        self.n += 1;
        self.sum += v as u128;
    }

    /// Number of values.
    pub fn len(&self) -> u64 {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum as f64 / self.n as f64
        }
    }

    /// Sample variance (divisor `n − 1`); 0 for fewer than two values.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let mean = self.mean();
        let ss: f64 = self
            .counts
            .iter()
            .map(|(&v, &c)| c as f64 * (v as f64 - mean).powi(2))
            .sum();
        ss / (self.n - 1) as f64
    }

    pub fn min(&self) -> u32 {
        self.counts.keys().next().copied().unwrap_or(0)
    }

    pub fn max(&self) -> u32 {
        self.counts.keys().next_back().copied().unwrap_or(0)
    }

    /// The `p` quantile (0 < p ≤ 1) by nearest rank: the smallest value with at least `⌈p·n⌉`
    /// values at or below it. 0 when empty.
    pub fn quantile(&self, p: f64) -> u32 {
        if self.n == 0 {
            return 0;
        }
        let rank = ((p * self.n as f64).ceil() as u64).clamp(1, self.n);
        let mut seen = 0;
        for (&v, &c) in &self.counts {
            seen += c;
            if seen >= rank {
                return v;
            }
        }
        self.max()
    }

    /// Share of values strictly below `v` plus half the share equal to it (the mid-rank), 0–1:
    /// where a value falls in the distribution.
    pub fn rank_of(&self, v: f64) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let (mut below, mut equal) = (0u64, 0u64);
        for (&x, &c) in &self.counts {
            if (x as f64) < v {
                below += c;
            } else if x as f64 == v {
                equal += c;
            }
        }
        (below as f64 + equal as f64 / 2.0) / self.n as f64
    }

    /// Values in ascending order with their counts.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.counts.iter().map(|(&v, &c)| (v, c))
    }

    pub fn summary(&self) -> Percentiles {
        Percentiles {
            mean: self.mean(),
            p10: self.quantile(0.1) as f64,
            p50: self.quantile(0.5) as f64,
            p90: self.quantile(0.9) as f64,
        }
    }
}

/// Mean and nearest-rank percentiles of a measure over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_and_ranks() {
        let mut h = Histogram::default();
        for v in [5, 1, 3, 3, 9, 7, 2, 8, 4, 6] {
            h.add(v);
        }
        assert_eq!(h.len(), 10);
        assert_eq!(h.quantile(0.1), 1);
        assert_eq!(h.quantile(0.5), 4);
        assert_eq!(h.quantile(0.9), 8);
        assert_eq!(h.quantile(1.0), 9);
        assert!((h.mean() - 4.8).abs() < 1e-12);
        assert_eq!((h.min(), h.max()), (1, 9));
        // Two values below 3, two equal to it: (2 + 2/2) / 10.
        assert!((h.rank_of(3.0) - 0.3).abs() < 1e-12);
        assert_eq!(h.rank_of(100.0), 1.0);
        assert_eq!(Histogram::default().quantile(0.5), 0);
    }
}
