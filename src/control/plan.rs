//! The historical plan controller: each unit does what the scenario's plan gives it for the current
//! date (the latest matching step wins); units without a task hold where they stand.

use super::tactics::{AttackJudgement, Fields, Goal, orders_for_goals};
use super::{Controller, OrderContext};
use crate::data::scenario::Task;
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::Order;
use std::collections::BTreeMap;

/// `n` posts evenly spaced along the hex line from `a` to `b` (both ends included when n ≥ 2).
fn screen_posts(scn: &Scenario, a: HexId, b: HexId, n: usize) -> Vec<HexId> {
    let line: Vec<HexId> = scn
        .map
        .axial(a)
        .line_to(scn.map.axial(b))
        .filter_map(|h| scn.map.from_axial(h))
        .collect();
    if line.is_empty() || n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![line[line.len() / 2]];
    }
    (0..n)
        .map(|k| line[k * (line.len() - 1) / (n - 1)])
        .collect()
}

#[derive(Default)]
pub struct PlanController {
    fields: Fields,
}

impl Controller for PlanController {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let mut goals: BTreeMap<UnitIx, Goal> = BTreeMap::new();
        let mut counter_battery: Vec<UnitIx> = Vec::new();
        let mut off_the_march: Vec<UnitIx> = Vec::new();
        for step in ctx
            .scn
            .plan
            .iter()
            .filter(|s| s.side == ctx.side && s.from <= ctx.now && ctx.now < s.until)
        {
            let live: Vec<UnitIx> = step
                .units
                .iter()
                .copied()
                .filter(|&u| ctx.board.get(u).is_some())
                .collect();
            if let (Task::Screen(..), Some(end)) = (&step.task, step.line_end) {
                for (u, post) in
                    live.iter()
                        .zip(screen_posts(ctx.scn, step.target, end, live.len()))
                {
                    goals.insert(*u, Goal::Hold(post, 0));
                }
                continue;
            }
            let goal = match step.task {
                Task::Attack(_) => Goal::Attack(step.target),
                Task::Advance(_) => Goal::Advance(step.target),
                Task::Hold(_) | Task::Screen(..) | Task::CounterBattery(_) => {
                    Goal::Hold(step.target, ctx.scn.rules.computer.plan_hold_radius)
                }
            };
            for u in live {
                goals.insert(u, goal);
                // A later step for the unit overrides an earlier counter-battery task.
                counter_battery.retain(|&x| x != u);
                off_the_march.retain(|&x| x != u);
                if matches!(step.task, Task::CounterBattery(_)) {
                    counter_battery.push(u);
                }
                if step.off_the_march && matches!(step.task, Task::Attack(_)) {
                    off_the_march.push(u);
                }
            }
        }
        for u in ctx.board.live().filter(|u| u.side == ctx.side) {
            goals.entry(u.id).or_insert(Goal::Hold(u.hex, 0));
        }
        orders_for_goals(
            ctx,
            &goals,
            &mut self.fields,
            &[],
            AttackJudgement {
                min_odds: ctx.scn.rules.computer.min_odds_plan,
                as_fought: false,
            },
            &counter_battery,
            &off_the_march,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_posts_are_evenly_spaced_between_the_two_ends() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/mini_scenario.ron");
        let scn = crate::scenario::load_scenario(&path).expect("loads");
        let (a, b) = (scn.map.id(8, 0).unwrap(), scn.map.id(8, 9).unwrap());
        let posts = screen_posts(&scn, a, b, 4);
        assert_eq!(posts.len(), 4);
        assert_eq!((posts[0], posts[3]), (a, b), "both ends are posts");
        let gaps: Vec<u32> = posts
            .windows(2)
            .map(|w| scn.map.distance(w[0], w[1]))
            .collect();
        assert!(
            gaps.iter().all(|&g| g == 3),
            "9 hexes in 3 equal gaps: {gaps:?}"
        );
        // Posts never leave more than one hex between zones of control when there are enough units.
        let dense = screen_posts(&scn, a, b, 5);
        assert!(dense.windows(2).all(|w| scn.map.distance(w[0], w[1]) <= 3));
        assert_eq!(screen_posts(&scn, a, b, 1).len(), 1);
        assert!(screen_posts(&scn, a, b, 0).is_empty());
    }
}
