//! Encirclement of formations, checked after supply each turn.
//!
//! Rule: a formation (with all its sub-formations) is encircled while at least
//! `supply.formation_encircled_share` of its men are in units out of supply for
//! `supply.encircled_after_turns` turns or more; it is relieved when the share falls below. The men
//! of its units destroyed or surrendered while cut off count in the share as cut off: a pocket
//! that gives up is not a formation relieved (only its remnants outside the ring are left).

use crate::sim::SimEvent;
use crate::sim::apply::Step;

/// Emits an event for each formation encircled or relieved since the last check.
pub fn check(step: &mut Step) {
    let scn = step.scn.clone();
    let now = step.clock().now;
    let mut men = vec![(0u64, 0u64); scn.formations.len()];
    let lost = step.game().lost_cut_off.clone();
    let units = step
        .board
        .live()
        .map(|u| {
            let cut = u.supply.turns_out >= scn.rules.supply.encircled_after_turns;
            (u.id, u.strength.men, cut)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .chain(
            lost.iter()
                .enumerate()
                .filter(|(_, m)| **m > 0)
                .map(|(i, &m)| (i as crate::scenario::UnitIx, m, true)),
        );
    for (id, m, cut) in units {
        for f in scn.formation_chain(scn.units[id as usize].formation) {
            men[f].0 += m as u64;
            if cut {
                men[f].1 += m as u64;
            }
        }
    }
    let share = scn.rules.supply.formation_encircled_share as f64;
    let was = step.game().encircled_now.clone();
    for (f, &(total, cut)) in men.iter().enumerate() {
        let now_cut = total > 0 && cut as f64 >= share * total as f64;
        let before = was.binary_search(&f).is_ok();
        let fd = &scn.formations[f];
        if now_cut && !before {
            step.emit(SimEvent::FormationEncircled {
                formation: fd.key.clone(),
                side: fd.side,
                date: now,
            });
        } else if before && !now_cut {
            step.emit(SimEvent::FormationRelieved {
                formation: fd.key.clone(),
                date: now,
            });
        }
    }
}
