//! A batch of whole campaigns summed up: for each battle how often it was played and how it
//! ended, what each side brought into it against history, and how the campaigns ended, beside
//! the historical results.

use super::{Campaign, CampaignRecord};
use crate::analysis::{Histogram, Percentiles};
use crate::control::ControllerKind;
use crate::data::campaign::BattleResult;
use serde::{Deserialize, Serialize};

/// Counts of each result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub soviet: u64,
    pub draw: u64,
    pub japanese: u64,
}

impl Results {
    fn add(&mut self, r: BattleResult) {
        match r {
            BattleResult::Soviet => self.soviet += 1,
            BattleResult::Draw => self.draw += 1,
            BattleResult::Japanese => self.japanese += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.soviet + self.draw + self.japanese
    }
}

/// One battle over the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BattleSummary {
    pub battle: String,
    pub name: String,
    /// Campaigns in which it was played.
    pub played: u64,
    pub results: Results,
    /// Men each side brought in, in per cent of history's (mean and percentiles over the games
    /// it was played in).
    pub soviet_men_in: Percentiles,
    pub japanese_men_in: Percentiles,
    /// Tanks and armoured cars, and guns, likewise (100 where the side had none in history).
    pub soviet_armour_in: Percentiles,
    pub japanese_armour_in: Percentiles,
    pub soviet_guns_in: Percentiles,
    pub japanese_guns_in: Percentiles,
    /// Its result in history (`soviet`, `japanese`, `draw`), if the campaign records it.
    pub historical: Option<String>,
}

/// A batch of campaigns (or a shard of one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub campaign: String,
    pub name: String,
    pub content_hash: String,
    pub seed: u64,
    /// Campaigns summed up here.
    pub runs: u64,
    /// Campaigns in the whole batch (more than `runs` in a shard).
    pub batch_runs: u64,
    /// The shard (`I/N`) these campaigns are, if not the whole batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub soviet: ControllerKind,
    pub japanese: ControllerKind,
    pub fog: bool,
    pub mods: Vec<String>,
    pub battles: Vec<BattleSummary>,
    pub results: Results,
    pub soviet_points: Percentiles,
    /// The campaign's result and points with history's battle results, if all are recorded.
    pub historical: Option<(String, f32)>,
}

/// Per cent of `history` (100 when history has none).
fn per_cent(now: u64, history: u64) -> u32 {
    if history == 0 {
        100
    } else {
        ((now as f64 * 100.0 / history as f64).round() as u32).min(10_000)
    }
}

/// Sums up a batch as it comes, campaign by campaign.
pub struct Summing {
    summary: CampaignSummary,
    hists: Vec<[Histogram; 6]>,
    points: Histogram,
}

impl Summing {
    /// The sum of a batch of `batch_runs` campaigns of `c` from `seed` (or of its `shard`), with no
    /// campaign added yet.
    pub fn new(
        c: &Campaign,
        (seed, batch_runs, shard): (u64, u64, Option<String>),
        (soviet, japanese): (ControllerKind, ControllerKind),
        no_fog: bool,
    ) -> Summing {
        let recorded = |id: &str| {
            c.file.historical.as_ref().and_then(|h| {
                h.results
                    .iter()
                    .find(|(b, _)| b == id)
                    .map(|(_, r)| r.key())
            })
        };
        let battles = c
            .battles
            .iter()
            .map(|b| BattleSummary {
                battle: b.id.clone(),
                name: b.scenario.file.name.clone(),
                played: 0,
                results: Results::default(),
                soviet_men_in: Percentiles::default(),
                japanese_men_in: Percentiles::default(),
                soviet_armour_in: Percentiles::default(),
                japanese_armour_in: Percentiles::default(),
                soviet_guns_in: Percentiles::default(),
                japanese_guns_in: Percentiles::default(),
                historical: recorded(&b.id).map(str::to_string),
            })
            .collect();
        let mut sum = Summing::again(&CampaignSummary {
            campaign: c.file.id.clone(),
            name: c.file.name.clone(),
            content_hash: format!("{:016x}", c.content_hash),
            seed,
            runs: 0,
            batch_runs,
            shard: None,
            soviet,
            japanese,
            fog: !no_fog,
            mods: c
                .mods
                .iter()
                .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect(),
            battles,
            results: Results::default(),
            soviet_points: Percentiles::default(),
            historical: historical_result(c).map(|(r, p)| (r.key().to_string(), p)),
        });
        sum.summary.shard = shard;
        sum
    }

    /// A sum begun afresh on the batch another summary is of (its campaign, battles, seed,
    /// controllers; nothing counted): how shards are merged.
    pub fn again(of: &CampaignSummary) -> Summing {
        let mut summary = of.clone();
        summary.runs = 0;
        summary.shard = None;
        summary.results = Results::default();
        summary.soviet_points = Percentiles::default();
        for b in &mut summary.battles {
            b.played = 0;
            b.results = Results::default();
            [
                b.soviet_men_in,
                b.japanese_men_in,
                b.soviet_armour_in,
                b.japanese_armour_in,
                b.soviet_guns_in,
                b.japanese_guns_in,
            ] = [Percentiles::default(); 6];
        }
        Summing {
            hists: vec![Default::default(); summary.battles.len()],
            summary,
            points: Histogram::default(),
        }
    }

    /// Keeps the shard these campaigns are.
    pub fn set_shard(&mut self, shard: Option<String>) {
        self.summary.shard = shard;
    }

    pub fn add(&mut self, r: &CampaignRecord) {
        self.summary.runs += 1;
        self.summary.results.add(r.result);
        self.points.add(r.soviet_points.max(0.0).round() as u32);
        for b in &r.battles {
            let Some(i) = self
                .summary
                .battles
                .iter()
                .position(|s| s.battle == b.battle)
            else {
                continue;
            };
            let s = &mut self.summary.battles[i];
            s.played += 1;
            s.results.add(b.result);
            let (now, hist) = (&b.brought, &b.history);
            let h = &mut self.hists[i];
            h[0].add(per_cent(now.soviet.men, hist.soviet.men));
            h[1].add(per_cent(now.japanese.men, hist.japanese.men));
            let armour = |x: &super::run::Brought| x.tanks + x.armored_cars;
            h[2].add(per_cent(armour(&now.soviet), armour(&hist.soviet)));
            h[3].add(per_cent(armour(&now.japanese), armour(&hist.japanese)));
            h[4].add(per_cent(now.soviet.guns, hist.soviet.guns));
            h[5].add(per_cent(now.japanese.guns, hist.japanese.guns));
        }
    }

    pub fn finish(mut self) -> CampaignSummary {
        for (s, h) in self.summary.battles.iter_mut().zip(&self.hists) {
            if h[0].is_empty() {
                continue;
            }
            [
                s.soviet_men_in,
                s.japanese_men_in,
                s.soviet_armour_in,
                s.japanese_armour_in,
                s.soviet_guns_in,
                s.japanese_guns_in,
            ] = std::array::from_fn(|k| h[k].summary());
        }
        if !self.points.is_empty() {
            self.summary.soviet_points = self.points.summary();
        }
        self.summary
    }
}

/// The campaign's result and Soviet points had every battle ended as in history, following the
/// campaign's branches from its first battle; `None` when a battle on the way has no recorded
/// result.
pub fn historical_result(c: &Campaign) -> Option<(BattleResult, f32)> {
    let h = c.file.historical.as_ref()?;
    let mut points = 0.0;
    let mut at = Some(0);
    while let Some(b) = at {
        let battle = &c.battles[b];
        let (_, r) = h.results.iter().find(|(id, _)| *id == battle.id)?;
        points += match r {
            BattleResult::Soviet => battle.points as f32,
            BattleResult::Draw => battle.points as f32 / 2.0,
            BattleResult::Japanese => 0.0,
        };
        at = battle.after(*r);
    }
    let v = &c.file.victory;
    let result = if points >= v.soviet_wins_at as f32 {
        BattleResult::Soviet
    } else if points <= v.japanese_wins_at as f32 {
        BattleResult::Japanese
    } else {
        BattleResult::Draw
    };
    Some((result, points))
}

impl CampaignSummary {
    /// The summary as text: one line a battle, then the campaign's results.
    pub fn to_text(&self) -> String {
        let pct = |n: u64, of: u64| {
            if of == 0 {
                0.0
            } else {
                n as f64 * 100.0 / of as f64
            }
        };
        let range = |p: &Percentiles| format!("{:.0}% [{:.0}–{:.0}]", p.p50, p.p10, p.p90);
        let mut out = format!(
            "{} ({}): {} campaigns{} from seed {}, Soviet side {}, Japanese side {}, fog of war {}{}\n",
            self.name,
            self.campaign,
            self.runs,
            self.shard.as_ref().map_or(String::new(), |s| format!(
                " (shard {s} of a batch of {})",
                self.batch_runs
            )),
            self.seed,
            self.soviet.key(),
            self.japanese.key(),
            if self.fog { "on" } else { "off" },
            if self.mods.is_empty() {
                String::new()
            } else {
                format!(", mods {}", self.mods.join(", "))
            }
        );
        out += "\nEach battle: how often it was played and how it ended; what each side brought \
                into it, in per cent of history's order of battle (median [p10–p90]):\n";
        for b in &self.battles {
            let r = &b.results;
            out += &format!(
                "\n{} ({})\n  played {}: Soviet victory {:.0}%, draw {:.0}%, Japanese victory \
                 {:.0}%{}\n",
                b.name,
                b.battle,
                b.played,
                pct(r.soviet, b.played),
                pct(r.draw, b.played),
                pct(r.japanese, b.played),
                b.historical
                    .as_ref()
                    .map_or(String::new(), |h| format!("  (history: {h})"))
            );
            if b.played > 0 {
                out += &format!(
                    "  brought in: Soviet men {}, armour {}, guns {}; Japanese men {}, armour {}, \
                     guns {}\n",
                    range(&b.soviet_men_in),
                    range(&b.soviet_armour_in),
                    range(&b.soviet_guns_in),
                    range(&b.japanese_men_in),
                    range(&b.japanese_armour_in),
                    range(&b.japanese_guns_in),
                );
            }
        }
        let r = &self.results;
        out += &format!(
            "\nThe campaign: Soviet victory {:.0}%, draw {:.0}%, Japanese victory {:.0}%; Soviet \
             campaign points {:.0} [{:.0}–{:.0}]\n",
            pct(r.soviet, r.total()),
            pct(r.draw, r.total()),
            pct(r.japanese, r.total()),
            self.soviet_points.p50,
            self.soviet_points.p10,
            self.soviet_points.p90
        );
        if let Some((h, p)) = &self.historical {
            out += &format!("History: {h}, with {p} Soviet campaign points\n");
        }
        out
    }
}

/// Checks that the files (named for messages, each with its summary and campaigns) are all the
/// shards of one batch of campaigns, each campaign once, and returns the batch's summary to sum
/// again ([`Summing::again`]) and its campaigns in run order: they give exactly what one run of
/// the whole batch gives.
pub fn merge(
    parts: Vec<(String, CampaignSummary, Vec<CampaignRecord>)>,
) -> Result<(CampaignSummary, Vec<CampaignRecord>), crate::analysis::MergeError> {
    use crate::analysis::MergeError;
    let Some((_, first, _)) = parts.first() else {
        return Err(MergeError::Empty);
    };
    let first = first.clone();
    let mut all = Vec::new();
    for (file, s, campaigns) in parts {
        let checks: [(&'static str, bool); 6] = [
            ("campaign", s.campaign == first.campaign),
            ("content_hash", s.content_hash == first.content_hash),
            ("seed", s.seed == first.seed),
            ("batch_runs", s.batch_runs == first.batch_runs),
            (
                "controllers",
                (s.soviet, s.japanese) == (first.soviet, first.japanese),
            ),
            ("fog", s.fog == first.fog && s.mods == first.mods),
        ];
        if let Some((what, _)) = checks.iter().find(|c| !c.1) {
            return Err(MergeError::Mismatch { file, what });
        }
        all.extend(campaigns.into_iter().map(|c| (file.clone(), c)));
    }
    let all = crate::analysis::in_run_order(all, |c| c.run, first.batch_runs)?;
    Ok((first, all))
}
