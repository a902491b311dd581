//! Strengths a scenario's units bring from an earlier battle of a campaign (`crate::campaign`):
//! set on the loaded scenario in place of the file's men and equipment counts, and part of the
//! scenario's identity (its content hash), so a save or replay of the battle carries them and is
//! played again on the same strengths.

use super::{Fnv, Scenario, ranges};
use serde::{Deserialize, Serialize};

/// The strengths some units of a scenario start with instead of the file's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carried {
    pub units: Vec<CarriedUnit>,
}

impl Carried {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// One unit's strength at the start: its men and (equipment id, count) for each equipment it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedUnit {
    /// The unit's id in the scenario.
    pub unit: String,
    pub men: u32,
    /// Counts of the unit's own equipment (an id it does not have is an error; one left out keeps
    /// the file's count).
    #[serde(default)]
    pub equipment: Vec<(String, u32)>,
}

impl Scenario {
    /// Gives the units the strengths carried in (each id once, men 1 to [`ranges::MAX_MEN`],
    /// pieces at most [`ranges::MAX_PIECES`], only equipment the unit has), and mixes them into
    /// the content hash; says what is wrong otherwise, changing nothing.
    pub fn carry_in(&mut self, carried: &Carried) -> Result<(), String> {
        if carried.units.len() > self.units.len() {
            return Err(format!(
                "strengths carried in for {} units; scenario `{}` has {}",
                carried.units.len(),
                self.file.id,
                self.units.len()
            ));
        }
        let index: std::collections::BTreeMap<&str, usize> = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.key.as_str(), i))
            .collect();
        let mut changes = Vec::with_capacity(carried.units.len());
        let mut seen = std::collections::BTreeSet::new();
        for c in &carried.units {
            let Some(&ix) = index.get(c.unit.as_str()) else {
                return Err(format!(
                    "carried strength for unit `{}`, which scenario `{}` does not have{}",
                    c.unit,
                    self.file.id,
                    crate::error::did_you_mean(&c.unit, self.units.iter().map(|u| u.key.as_str()))
                ));
            };
            if !seen.insert(ix) {
                return Err(format!("unit `{}` is carried in twice", c.unit));
            }
            if c.men == 0 || c.men > ranges::MAX_MEN {
                return Err(format!(
                    "unit `{}` carried in with {} men; expected 1 to {}",
                    c.unit,
                    c.men,
                    ranges::MAX_MEN
                ));
            }
            let mut equipment = self.units[ix].equipment.clone();
            if c.equipment.len() > equipment.len() {
                return Err(format!(
                    "unit `{}` carried in with {} kinds of equipment; it has {}",
                    c.unit,
                    c.equipment.len(),
                    equipment.len()
                ));
            }
            for (key, n) in &c.equipment {
                let slot = self
                    .equipment_keys
                    .iter()
                    .position(|k| k == key)
                    .and_then(|e| equipment.iter_mut().find(|(x, _)| *x == e));
                let Some(slot) = slot else {
                    return Err(format!(
                        "unit `{}` carried in with `{key}`, which it does not have in scenario `{}`",
                        c.unit, self.file.id
                    ));
                };
                if *n > ranges::MAX_PIECES {
                    return Err(format!(
                        "unit `{}` carried in with {n} `{key}`; expected at most {}",
                        c.unit,
                        ranges::MAX_PIECES
                    ));
                }
                slot.1 = *n;
            }
            changes.push((ix, c.men, equipment));
        }
        let mut hash = Fnv(self.content_hash);
        for (ix, men, equipment) in changes {
            let u = &mut self.units[ix];
            u.men = men;
            u.equipment = equipment;
            hash.write(u.key.as_bytes());
            hash.write(&men.to_le_bytes());
            for (e, n) in &u.equipment {
                hash.write(&(*e as u64).to_le_bytes());
                hash.write(&n.to_le_bytes());
            }
        }
        self.content_hash = hash.0;
        self.carried = carried.clone();
        Ok(())
    }
}
