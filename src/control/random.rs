//! A random opponent, as a baseline the computer opponent must beat: each turn every unit moves, with
//! the chance `computer.random_chance` (rules.ron), to a hex chosen at random among those it can
//! reach, and each enemy hex next to the side's units is attacked, with the same chance, by all of
//! them that can. The draws come from a stream seeded by the turn, the side and the board, so the
//! same game gives the same orders.

use super::{Controller, OrderContext};
use crate::scenario::Fnv;
use crate::sim::Order;
use crate::sim::attack_setup::can_attack;
use crate::sim::movement::reachable;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Default)]
pub struct RandomController;

impl Controller for RandomController {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let (scn, board) = (ctx.scn, ctx.board);
        let mut seed = Fnv::default();
        seed.write(&ctx.turn.to_le_bytes());
        seed.write(&[ctx.side.index() as u8]);
        for u in board.live() {
            seed.write(&u.id.to_le_bytes());
            seed.write(&u.hex.0.to_le_bytes());
            seed.write(&u.strength.men.to_le_bytes());
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed.0);
        let enemy_zoc = board.zoc_of(scn, ctx.side.enemy());
        let mut moved = board.clone();
        let mut orders = Vec::new();
        let own: Vec<_> = board
            .live()
            .filter(|u| u.side == ctx.side)
            .map(|u| u.id)
            .collect();
        for id in own {
            if !rng.random_bool(scn.rules.computer.random_chance) {
                continue;
            }
            let reach = reachable(scn, &moved, &enemy_zoc, id);
            if reach.len() <= 1 {
                continue;
            }
            let to = reach[rng.random_range(0..reach.len())].hex;
            if moved.get(id).is_some_and(|u| u.hex != to) {
                moved.relocate(id, to);
                orders.push(Order::Move { unit: id, to });
            }
        }
        let mut targets: Vec<_> = moved
            .live()
            .filter(|u| u.side == ctx.side.enemy())
            .map(|u| u.hex)
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let mut used = Vec::new();
        for target in targets {
            let units: Vec<_> = scn
                .map
                .neighbors(target)
                .flat_map(|(_, n)| moved.units_at(n).collect::<Vec<_>>())
                .filter(|&id| {
                    moved.get(id).is_some_and(|u| {
                        u.side == ctx.side && can_attack(scn, u) && !used.contains(&id)
                    })
                })
                .collect();
            if !units.is_empty() && rng.random_bool(scn.rules.computer.random_chance) {
                used.extend(&units);
                orders.push(Order::Attack { units, target });
            }
        }
        orders
    }
}
