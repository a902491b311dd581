//! Encirclement of formations, checked after supply each turn.
//!
//! Rule: a formation (with all its sub-formations) is encircled while at least
//! `supply.formation_encircled_share` of its men are in units out of supply for
//! `supply.encircled_after_turns` turns or more; it is relieved when the share falls below.

use crate::sim::SimEvent;
use crate::sim::apply::Step;

/// Emits an event for each formation encircled or relieved since the last check.
pub fn check(step: &mut Step) {
    let scn = step.scn.clone();
    let now = step.clock().now;
    let mut men = vec![(0u64, 0u64); scn.formations.len()];
    for u in step.board.live() {
        let cut = u.supply.turns_out >= scn.rules.supply.encircled_after_turns;
        for f in scn.formation_chain(scn.units[u.id as usize].formation) {
            men[f].0 += u.strength.men as u64;
            if cut {
                men[f].1 += u.strength.men as u64;
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
