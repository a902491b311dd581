//! The rule-based computer opponent: plays to the scenario's objectives without the plan.
//! Each fighting unit goes for the nearest objective (by its own movement time) that its side does not
//! hold, or, when all are held, holds the nearest one; artillery follows. Attacks need the rules'
//! minimum odds from the combat preview.

use super::tactics::{Fields, Goal, minutes_to, orders_for_goals};
use super::{Controller, OrderContext};
use crate::scenario::UnitIx;
use crate::sim::Order;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct AiController {
    fields: Fields,
}

impl Controller for AiController {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let scn = ctx.scn;
        // Who holds what: an objective is the enemy's if an enemy unit stands on it or next to it.
        let enemy_near = |h| {
            ctx.board.occupant(h) == Some(ctx.side.enemy())
                || scn
                    .map
                    .neighbors(h)
                    .any(|(_, n)| ctx.board.occupant(n) == Some(ctx.side.enemy()))
        };
        let wanted: Vec<_> = scn
            .objectives
            .iter()
            .filter(|o| {
                ctx.board.occupant(o.hex) != Some(ctx.side) && enemy_near(o.hex)
                    || ctx.board.occupant(o.hex) == Some(ctx.side.enemy())
            })
            .map(|o| o.hex)
            .collect();
        let ours: Vec<_> = scn.objectives.iter().map(|o| o.hex).collect();
        let mut goals: BTreeMap<UnitIx, Goal> = BTreeMap::new();
        let ids: Vec<UnitIx> = ctx
            .board
            .live()
            .filter(|u| u.side == ctx.side)
            .map(|u| u.id)
            .collect();
        for id in ids {
            let pick = |list: &[crate::map::HexId], fields: &mut Fields| {
                list.iter()
                    .copied()
                    .min_by_key(|&h| (minutes_to(fields, scn, ctx.board, id, h), h))
            };
            let goal = match pick(&wanted, &mut self.fields) {
                Some(h) => Goal::Attack(h),
                None => match pick(&ours, &mut self.fields) {
                    Some(h) => Goal::Hold(h, 2),
                    None => continue,
                },
            };
            goals.insert(id, goal);
        }
        orders_for_goals(ctx, &goals, &mut self.fields)
    }
}
