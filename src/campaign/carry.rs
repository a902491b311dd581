//! The carry rule (numbers in the campaign file's `carry`, meaning in
//! [`crate::data::campaign::CarryRules`]): how a unit did in a battle against its side in the
//! record, folded from the battle's events, and what that makes of its strength in its next
//! battle.

use crate::data::EquipmentClass;
use crate::data::campaign::CarryRules;
use crate::data::scenario::SideLosses;
use crate::scenario::{Carried, CarriedUnit, Scenario, ranges};
use crate::sim::SimEvent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The four quantities the record counts: men, tanks, armoured cars, guns (field, heavy and
/// anti-tank). Other equipment goes with the men.
const CLASSES: usize = 4;

/// Which of the four a piece of equipment counts as (`None`: it goes with the men).
fn class_of(c: EquipmentClass) -> Option<usize> {
    match c {
        EquipmentClass::Tank => Some(1),
        EquipmentClass::ArmoredCar => Some(2),
        EquipmentClass::FieldGun | EquipmentClass::AntiTankGun => Some(3),
        _ => None,
    }
}

/// How a unit stood against the record after its last battle: the factor on each quantity of its
/// strength in its next battle (1: as history has it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standing {
    pub men: f32,
    pub tanks: f32,
    pub armored_cars: f32,
    pub guns: f32,
}

impl Standing {
    fn get(&self, class: usize) -> f32 {
        [self.men, self.tanks, self.armored_cars, self.guns][class]
    }

    /// Whether every factor is a number from 0 to `ceiling`.
    pub fn is_sound(&self, ceiling: f32) -> bool {
        (0..CLASSES).all(|c| {
            let v = self.get(c);
            v.is_finite() && (0.0..=ceiling).contains(&v)
        })
    }
}

/// One unit's men, tanks, armoured cars and guns.
type Counts = [f64; CLASSES];

fn counts(scn: &Scenario, men: u32, equipment: &[(usize, u32)]) -> Counts {
    let mut c = [men as f64, 0.0, 0.0, 0.0];
    for &(e, n) in equipment {
        if let Some(k) = class_of(scn.equipment[e].class) {
            c[k] += n as f64;
        }
    }
    c
}

/// What a unit of the scenario had in history at its start (the scenario file's strength, before
/// anything carried in), by unit index.
fn historical_start(scn: &Scenario) -> Vec<Counts> {
    scn.units
        .iter()
        .map(|u| {
            let Some(setup) = scn.file.units.iter().find(|s| s.id == u.key) else {
                return counts(scn, u.men, &u.equipment);
            };
            let mut c = [setup.men as f64, 0.0, 0.0, 0.0];
            for (key, n) in &setup.equipment {
                let class = scn
                    .equipment_keys
                    .iter()
                    .position(|k| k == key)
                    .and_then(|e| class_of(scn.equipment[e].class));
                if let Some(k) = class {
                    c[k] += *n as f64;
                }
            }
            c
        })
        .collect()
}

/// Each unit's strength at the end of the game, folded from its events; `None` for units that
/// never came into play.
pub fn end_strengths(scn: &Scenario, events: &[SimEvent]) -> Vec<Option<Counts>> {
    let mut end: Vec<Option<Counts>> = vec![None; scn.units.len()];
    let lose =
        |end: &mut Vec<Option<Counts>>, unit: u32, men: u32, eq: &[(usize, u32)], sign: f64| {
            if let Some(c) = end[unit as usize].as_mut() {
                let d = counts(scn, men, eq);
                for k in 0..CLASSES {
                    c[k] = (c[k] + sign * d[k]).max(0.0);
                }
            }
        };
    for e in events {
        for (u, l) in e.unit_losses() {
            lose(&mut end, u, l.men, &l.equipment, -1.0);
        }
        match e {
            SimEvent::Deployed { unit, .. } | SimEvent::Arrived { unit, .. } => {
                let u = &scn.units[*unit as usize];
                end[*unit as usize] = Some(counts(scn, u.men, &u.equipment));
            }
            SimEvent::Attrition { unit, men } => lose(&mut end, *unit, *men, &[], -1.0),
            SimEvent::Recovered {
                unit, equipment, ..
            } => lose(&mut end, *unit, 0, equipment, 1.0),
            _ => {}
        }
    }
    end
}

/// The share of its men, tanks, armoured cars and guns that each side kept in the record: 1 −
/// the middle of the recorded loss ÷ what the side brought into play in history (at least 5%;
/// 1 for a quantity the side had none of).
fn kept_in_record(scn: &Scenario, start: &[Counts], played: &[Option<Counts>]) -> [Counts; 2] {
    let mut brought = [[0.0; CLASSES]; 2];
    for (i, u) in scn.units.iter().enumerate() {
        if played[i].is_some() {
            for k in 0..CLASSES {
                brought[u.side.index()][k] += start[i][k];
            }
        }
    }
    let recorded = |l: &SideLosses| {
        [&l.men, &l.tanks, &l.armored_cars, &l.guns].map(|r| (r.low + r.high) / 2.0)
    };
    let h = &scn.file.historical;
    let lost = [recorded(&h.soviet_losses), recorded(&h.japanese_losses)];
    std::array::from_fn(|s| {
        std::array::from_fn(|k| {
            if brought[s][k] <= 0.0 {
                1.0
            } else {
                (1.0 - lost[s][k] / brought[s][k]).clamp(0.05, 1.0)
            }
        })
    })
}

/// How each unit that came into play stood against the record at the end of the game (by unit
/// id): for each quantity, what the unit ended with ÷ what it would have had losing its side's
/// recorded share of its historical start. Measured against history's start, so a unit that came
/// in weaker and lost as its side did in the record still stands below 1. A quantity the unit had
/// none of at its start takes the men's figure.
pub fn standing_after(scn: &Scenario, events: &[SimEvent]) -> BTreeMap<String, Standing> {
    let start = historical_start(scn);
    let end = end_strengths(scn, events);
    let kept = kept_in_record(scn, &start, &end);
    let mut out = BTreeMap::new();
    for (i, u) in scn.units.iter().enumerate() {
        let Some(end) = end[i] else { continue };
        let kept = &kept[u.side.index()];
        let ratio = |k: usize| -> Option<f32> {
            (start[i][k] > 0.0)
                .then(|| (end[k] / (start[i][k] * kept[k])).min(MAX_STANDING as f64) as f32)
        };
        let men = ratio(0).unwrap_or(1.0);
        let [tanks, armored_cars, guns] = [1, 2, 3].map(|k| ratio(k).unwrap_or(men));
        out.insert(
            u.key.clone(),
            Standing {
                men,
                tanks,
                armored_cars,
                guns,
            },
        );
    }
    out
}

/// The standing a unit brings: the mean of its earlier units' (`same_units`) that have one, else
/// its own id's.
fn standing_of(
    id: &str,
    standing: &BTreeMap<String, Standing>,
    same_units: &BTreeMap<String, Vec<String>>,
) -> Option<Standing> {
    let earlier: Vec<&Standing> = same_units
        .get(id)
        .into_iter()
        .flatten()
        .filter_map(|e| standing.get(e))
        .collect();
    if earlier.is_empty() {
        return standing.get(id).copied();
    }
    let n = earlier.len() as f32;
    let mean = |f: fn(&Standing) -> f32| earlier.iter().map(|s| f(s)).sum::<f32>() / n;
    Some(Standing {
        men: mean(|s| s.men),
        tanks: mean(|s| s.tanks),
        armored_cars: mean(|s| s.armored_cars),
        guns: mean(|s| s.guns),
    })
}

/// The greatest standing: a unit that lost nothing where its side kept 5% in the record.
pub const MAX_STANDING: f32 = 20.0;

/// The strengths the units of `scn` (as its file has them) bring in under `rules`: each unit with
/// a standing — under the earlier ids `same_units` gives it (their mean), else its own id — has its men and
/// each piece of its equipment times `1 + share × (standing − 1)`, kept between `floor` and
/// `ceiling` (rounded; at least 1 man). Units without a standing, or whose strength it leaves as
/// it is, are not listed.
pub fn carried_into(
    scn: &Scenario,
    standing: &BTreeMap<String, Standing>,
    same_units: &BTreeMap<String, Vec<String>>,
    rules: &CarryRules,
) -> Carried {
    let mut units = Vec::new();
    for u in &scn.units {
        let Some(s) = standing_of(&u.key, standing, same_units) else {
            continue;
        };
        let factor = |f: f32| {
            (1.0 + rules.share as f64 * (f as f64 - 1.0))
                .clamp(rules.floor as f64, rules.ceiling as f64)
        };
        let scaled = |n: u32, f: f32, max: u32| ((n as f64 * factor(f)).round() as u32).min(max);
        let men = scaled(u.men, s.men, ranges::MAX_MEN).max(1);
        let equipment: Vec<(String, u32)> = u
            .equipment
            .iter()
            .map(|&(e, n)| {
                let f = class_of(scn.equipment[e].class).map_or(s.men, |k| s.get(k));
                (
                    scn.equipment_keys[e].clone(),
                    scaled(n, f, ranges::MAX_PIECES),
                )
            })
            .collect();
        let same = men == u.men && u.equipment.iter().zip(&equipment).all(|(a, b)| a.1 == b.1);
        if !same {
            units.push(CarriedUnit {
                unit: u.key.clone(),
                men,
                equipment,
            });
        }
    }
    Carried { units }
}
