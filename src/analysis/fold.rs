//! A game's record folded from its events: who won, what each side and each formation lost, who
//! held each objective and when it changed hands, and when formations were cut off. Nothing here
//! reads the game's state: the event stream is enough.

use super::{
    Encircled, FormationRecord, GameRecord, HolderChange, ObjectiveHeld, Prisoners, SideLoss,
    SideLosses,
};
use crate::data::{EquipmentClass, Side, Stamp};
use crate::scenario::{Scenario, UnitIx};
use crate::sim::{Losses, SimEvent, UnitLoss};

/// Per formation: men, tanks and guns that came into play and were lost, and when it was first
/// cut off.
#[derive(Default, Clone)]
struct FormationTally {
    men: (u64, u64),
    tanks: (u64, u64),
    guns: (u64, u64),
    cut_off: Option<Stamp>,
}

fn guns(scn: &Scenario, equipment: &[(usize, u32)]) -> u64 {
    equipment
        .iter()
        .filter(|(e, _)| {
            matches!(
                scn.equipment[*e].class,
                EquipmentClass::FieldGun | EquipmentClass::AntiTankGun
            )
        })
        .map(|&(_, n)| n as u64)
        .sum()
}

fn tanks(scn: &Scenario, equipment: &[(usize, u32)]) -> u64 {
    equipment
        .iter()
        .filter(|(e, _)| scn.equipment[*e].class == EquipmentClass::Tank)
        .map(|&(_, n)| n as u64)
        .sum()
}

/// Folds one game's events into its record (`run` 0; the batch sets it).
pub fn record_of(scn: &Scenario, seed: u64, events: &[SimEvent]) -> GameRecord {
    let mut losses = [Losses::default(); 2];
    let mut by_type: [std::collections::BTreeMap<String, u32>; 2] = Default::default();
    let mut prisoners = [0u32; 2];
    let mut formations = vec![FormationTally::default(); scn.formations.len()];
    let mut holders: Vec<Side> = scn.objectives.iter().map(|o| o.holder).collect();
    let mut changes: Vec<Vec<HolderChange>> = vec![Vec::new(); scn.objectives.len()];
    let mut encircled: Vec<Encircled> = Vec::new();
    let mut now = scn.file.start;
    let mut outcome = None;
    let lose = |formations: &mut Vec<FormationTally>,
                by_type: &mut [std::collections::BTreeMap<String, u32>; 2],
                losses: &mut [Losses; 2],
                unit: UnitIx,
                loss: &UnitLoss| {
        let u = &scn.units[unit as usize];
        losses[u.side.index()].add(scn, loss);
        for &(e, n) in &loss.equipment {
            if n > 0 {
                *by_type[u.side.index()]
                    .entry(scn.equipment_keys[e].clone())
                    .or_default() += n;
            }
        }
        for f in scn.formation_chain(u.formation) {
            let t = &mut formations[f];
            t.men.1 += loss.men as u64;
            t.tanks.1 += tanks(scn, &loss.equipment);
            t.guns.1 += guns(scn, &loss.equipment);
        }
    };
    for e in events {
        for (u, l) in e.unit_losses() {
            lose(&mut formations, &mut by_type, &mut losses, u, l);
        }
        match e {
            SimEvent::TurnStarted { date, .. } => now = *date,
            SimEvent::Deployed { unit, .. } | SimEvent::Arrived { unit, .. } => {
                let u = &scn.units[*unit as usize];
                for f in scn.formation_chain(u.formation) {
                    let t = &mut formations[f];
                    t.men.0 += u.men as u64;
                    t.tanks.0 += tanks(scn, &u.equipment);
                    t.guns.0 += guns(scn, &u.equipment);
                }
            }
            SimEvent::AirfieldRaid {
                destroyed: lost, ..
            }
            | SimEvent::AirBattle { losses: lost, .. } => {
                for &(i, n) in lost {
                    let a = &scn.air_units[i];
                    losses[a.side.index()].aircraft += n;
                    *by_type[a.side.index()]
                        .entry(scn.equipment_keys[a.aircraft].clone())
                        .or_default() += n;
                }
            }
            SimEvent::Recovered {
                unit, equipment, ..
            } => {
                let u = &scn.units[*unit as usize];
                losses[u.side.index()].recover(scn, equipment);
                for &(e, n) in equipment {
                    let key = &scn.equipment_keys[e];
                    if let Some(c) = by_type[u.side.index()].get_mut(key) {
                        *c -= n.min(*c);
                        if *c == 0 {
                            by_type[u.side.index()].remove(key);
                        }
                    }
                }
                for f in scn.formation_chain(u.formation) {
                    let t = &mut formations[f];
                    t.tanks.1 = t.tanks.1.saturating_sub(tanks(scn, equipment));
                }
            }
            SimEvent::Surrendered { unit, captured, .. } => {
                prisoners[scn.units[*unit as usize].side.index()] += captured;
            }
            SimEvent::Attrition { unit, men } => {
                let loss = UnitLoss {
                    men: *men,
                    equipment: Vec::new(),
                };
                lose(&mut formations, &mut by_type, &mut losses, *unit, &loss);
            }
            SimEvent::FormationEncircled {
                formation,
                side,
                date,
            } => {
                let Some(f) = scn.formations.iter().position(|x| &x.key == formation) else {
                    continue;
                };
                if formations[f].cut_off.is_none() {
                    formations[f].cut_off = Some(*date);
                    encircled.push(Encircled {
                        formation: formation.clone(),
                        side: side.key().to_string(),
                        date: date.to_string(),
                        turn: (date.hours_since(scn.file.start) / scn.file.turn_hours as i64)
                            as u32
                            + 1,
                    });
                }
            }
            SimEvent::ObjectiveTaken { objective, by, .. } => {
                holders[*objective] = *by;
                changes[*objective].push(HolderChange {
                    date: now.to_string(),
                    holder: by.key().to_string(),
                });
            }
            SimEvent::GameOver {
                winner,
                soviet_points,
                date,
            } => outcome = Some((*winner, *soviet_points, *date)),
            _ => {}
        }
    }
    let (winner, soviet_points, end) = outcome.unwrap_or((None, 0.0, now));
    GameRecord {
        run: 0,
        seed,
        winner: winner.map_or("draw", Side::key).to_string(),
        end_date: end.to_string(),
        soviet_points,
        losses: {
            let [soviet, japanese] = by_type;
            SideLosses {
                soviet: SideLoss {
                    total: losses[0],
                    by_type: soviet,
                },
                japanese: SideLoss {
                    total: losses[1],
                    by_type: japanese,
                },
            }
        },
        prisoners: Prisoners {
            soviet: prisoners[0],
            japanese: prisoners[1],
        },
        pocket_closed: scn
            .pocket
            .and_then(|f| formations[f].cut_off)
            .map(|d| d.to_string()),
        encircled,
        objectives: scn
            .objectives
            .iter()
            .zip(&holders)
            .zip(changes)
            .map(|((o, h), changes)| ObjectiveHeld {
                name: o.name.clone(),
                holder: h.key().to_string(),
                changes,
            })
            .collect(),
        events: events.len(),
        formations: scn
            .formations
            .iter()
            .zip(&formations)
            .map(|(f, t)| FormationRecord {
                id: f.key.clone(),
                side: f.side.key().to_string(),
                men_start: t.men.0,
                men_lost: t.men.1,
                tanks_start: t.tanks.0,
                tanks_lost: t.tanks.1,
                guns_start: t.guns.0,
                guns_lost: t.guns.1,
                cut_off: t.cut_off.map(|d| d.to_string()),
            })
            .collect(),
    }
}
