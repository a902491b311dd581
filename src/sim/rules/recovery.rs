//! Knocked out or destroyed: of the tanks and armoured cars a combat costs a unit,
//! `recovery.knocked_out_share` are knocked out rather than destroyed. They lie as wrecks in the hex
//! fought over, and in the supply phase of the turn that starts at `recovery.hour` (the evening:
//! between days) the side that holds the ground gets them back:
//! - a wreck in a hex an enemy unit stands in is lost for good (destroyed or taken);
//! - else, with a unit of its side within `recovery.radius` hexes, it is recovered and repaired and
//!   rejoins its unit (lost for good if the unit is no longer on the map);
//! - else (no man's land) it stays where it lies.
//!
//! The vehicles count as lost when knocked out; a recovered one is taken off its side's losses and
//! counted as recovered.

use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::apply::Step;
use crate::sim::{SimEvent, UnitLoss};

/// The knocked-out vehicles among losses: (unit, equipment, count), each kind's count lost ×
/// `knocked_out_share`, rounded.
pub fn knocked_out<'a>(
    scn: &Scenario,
    losses: impl Iterator<Item = (UnitIx, &'a UnitLoss)>,
) -> Vec<(UnitIx, usize, u32)> {
    let share = scn.rules.recovery.knocked_out_share;
    let mut out = Vec::new();
    for (unit, loss) in losses {
        for &(e, n) in &loss.equipment {
            let vehicle = matches!(
                scn.equipment[e].class,
                EquipmentClass::Tank | EquipmentClass::ArmoredCar
            );
            let k = ((n as f32 * share).round() as u32).min(n);
            if vehicle && k > 0 {
                out.push((unit, e, k));
            }
        }
    }
    out
}

/// A knocked-out vehicle lying where it was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wreck {
    pub side: Side,
    pub unit: UnitIx,
    pub equipment: usize,
    pub count: u32,
    pub hex: HexId,
}

/// The evening turn's recovery of wrecks (see the module).
pub fn recover(step: &mut Step) {
    let scn = step.scn.clone();
    let r = &scn.rules.recovery;
    if step.clock().now.hour() != r.hour as i64 {
        return;
    }
    let wrecks = step.game().wrecks.clone();
    // By hex and side, in the order the wrecks came.
    let mut places: Vec<(HexId, Side)> = Vec::new();
    for w in &wrecks {
        if !places.contains(&(w.hex, w.side)) {
            places.push((w.hex, w.side));
        }
    }
    for (hex, side) in places {
        let here: Vec<&Wreck> = wrecks
            .iter()
            .filter(|w| w.hex == hex && w.side == side)
            .collect();
        let lost = |ws: &[&Wreck]| -> Vec<(UnitIx, usize, u32)> {
            ws.iter().map(|w| (w.unit, w.equipment, w.count)).collect()
        };
        if step.board.occupant(hex) == Some(side.enemy()) {
            step.emit(SimEvent::WrecksLost {
                side,
                hex,
                wrecks: lost(&here),
            });
            continue;
        }
        let held = step.board.live().any(|u| {
            u.side == side && scn.map.distance(u.hex, hex) <= r.radius && u.strength.men > 0
        });
        if !held {
            continue;
        }
        let (back, gone): (Vec<&Wreck>, Vec<&Wreck>) = here
            .into_iter()
            .partition(|w| step.board.get(w.unit).is_some());
        if !gone.is_empty() {
            step.emit(SimEvent::WrecksLost {
                side,
                hex,
                wrecks: lost(&gone),
            });
        }
        let mut units: Vec<UnitIx> = back.iter().map(|w| w.unit).collect();
        units.sort_unstable();
        units.dedup();
        for unit in units {
            let equipment = back
                .iter()
                .filter(|w| w.unit == unit)
                .map(|w| (w.equipment, w.count))
                .collect();
            step.emit(SimEvent::Recovered {
                unit,
                hex,
                equipment,
            });
        }
    }
}
