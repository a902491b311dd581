//! The historical plan controller: each unit does what the scenario's plan gives it for the current
//! date (the latest matching step wins); units without a task hold where they stand.

use super::tactics::{Fields, Goal, orders_for_goals};
use super::{Controller, OrderContext};
use crate::data::scenario::Task;
use crate::scenario::UnitIx;
use crate::sim::Order;
use std::collections::BTreeMap;

/// Hexes within which a unit counts as holding its place.
const HOLD_RADIUS: u32 = 3;

#[derive(Default)]
pub struct PlanController {
    fields: Fields,
}

impl Controller for PlanController {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let mut goals: BTreeMap<UnitIx, Goal> = BTreeMap::new();
        for step in ctx
            .scn
            .plan
            .iter()
            .filter(|s| s.side == ctx.side && s.from <= ctx.now && ctx.now < s.until)
        {
            let goal = match step.task {
                Task::Attack(_) => Goal::Attack(step.target),
                Task::Advance(_) => Goal::Advance(step.target),
                Task::Hold(_) => Goal::Hold(step.target, HOLD_RADIUS),
            };
            for &u in &step.units {
                if ctx.board.get(u).is_some() {
                    goals.insert(u, goal);
                }
            }
        }
        for u in ctx.board.live().filter(|u| u.side == ctx.side) {
            goals.entry(u.id).or_insert(Goal::Hold(u.hex, 0));
        }
        orders_for_goals(ctx, &goals, &mut self.fields)
    }
}
