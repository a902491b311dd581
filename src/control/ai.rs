//! The free computer opponent: plays to the scenario's victory conditions without the plan.
//!
//! Each turn it reads the situation from the board and gives every unit one role, in this order:
//! 1. **Break out**: a unit cut off from supply (and not holding an objective) makes for the nearest
//!    hex its side can supply, round enemy zones of control; a unit holding a blocking post (4.)
//!    stays until it counts as encircled.
//! 2. **Garrison**: units standing on an objective their side holds stay there; an objective held
//!    but empty gets the nearest free fighting unit as soon as an enemy unit could reach it within
//!    one turn's movement (a picket); enemies that come near one are met by the nearest other units
//!    (`tactics::respond_to_threats`).
//!    By night, a side with the night-attack doctrine (the Japanese, history §f4) also sends the
//!    nearest free units against each objective it held at the start and has lost, enough to
//!    outnumber its guard, and attacks at `computer.night_odds_factor` of its usual odds.
//!    Then **strike exposed flanks**: an enemy hex it sees (not a ghost) with at most
//!    `computer.strike_support` hexes of the enemy's next to it (an isolated unit, the end of a
//!    line), that stands within `computer.threat_radius` of an objective the side holds or holds
//!    a mobile unit (a spearhead), is attacked by the nearest fighting units within
//!    `computer.strike_minutes` that are free, or, near an objective, sent to meet a threat (not
//!    garrisons, pickets or units breaking out), if together they have `computer.strike_ratio` men
//!    for each of its (weakest such hex first; no strike is made with fewer). With
//!    `computer.strike_by_night_if_trained`, a side with the night-attack doctrine strikes only by
//!    night.
//! 3. **Seize**: an objective the enemy holds but does not guard (no enemy unit on or next to it) is
//!    taken by the nearest mobile unit (motorised, tracked or horse).
//! 4. **Cut**: the other mobile units go round the enemy's front to the hexes most of the enemy's men
//!    (those of the formations whose encirclement scores, if any) draw supply through (`sim::supply::supply_flow`), 2–4 hexes behind that front, and hold them: a
//!    ring that leaves the enemy out of supply, weaker each turn, and its formations encircled.
//! 5. **Concentrate**: the rest go for the guarded objective with the most points per enemy man
//!    around it, enough of them to outnumber its guard `computer.outnumber` to one before the next
//!    objective gets any (units beyond that go to their nearest one); they attack only where the simulation's own combat preview gives at least
//!    the rules' `computer.min_odds_ai`. Artillery follows them.
//! 6. With nothing to take, units hold the nearest objective of their side.

use super::tactics::{
    AttackJudgement, Fields, Goal, Mover, avoiding_field, minutes_to, nearest_enough,
    orders_for_goals, respond_to_threats,
};
use super::{Controller, OrderContext};
use crate::data::Side;
use crate::data::rules::{Branch, Mobility};
use crate::map::HexId;
use crate::scenario::UnitIx;
use crate::sim::Order;
use crate::sim::supply::{supplied_hexes, supply_flow, supply_tree};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct AiController {
    fields: Fields,
    /// Blocking positions taken up in earlier turns, kept while their units live and the hex is not
    /// the enemy's: the ring grows post by post as the enemy's supply finds new routes.
    posts: BTreeMap<UnitIx, HexId>,
}

/// Whether a unit of this type can go round the enemy: it moves fast and fights.
fn is_mobile(mob: Mobility, branch: Branch) -> bool {
    mob != Mobility::Foot && branch != Branch::Artillery && branch != Branch::Headquarters
}

impl Controller for AiController {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let scn = ctx.scn;
        let board = ctx.board;
        let (side, enemy) = (ctx.side, ctx.side.enemy());
        let enemy_zoc = board.zoc_of(scn, enemy);
        let supplied = supplied_hexes(scn, board, side);
        let kind = |id: UnitIx| scn.unit_type(id);
        let enemy_near = |h: HexId| {
            board.occupant(h) == Some(enemy)
                || scn
                    .map
                    .neighbors(h)
                    .any(|(_, n)| board.occupant(n) == Some(enemy))
        };
        // Enemy men on and next to a hex.
        let guard = |h: HexId| -> u32 {
            std::iter::once(h)
                .chain(scn.map.neighbors(h).map(|(_, n)| n))
                .flat_map(|x| board.units_at(x))
                .filter_map(|id| board.get(id))
                .filter(|u| u.side == enemy)
                .map(|u| u.strength.men)
                .sum()
        };
        let objectives: Vec<(usize, HexId)> =
            scn.objectives.iter().map(|o| o.hex).enumerate().collect();
        let ours: Vec<HexId> = objectives
            .iter()
            .filter(|(i, _)| ctx.holders[*i] == side)
            .map(|&(_, h)| h)
            .collect();
        let wanted: Vec<(usize, HexId)> = objectives
            .iter()
            .copied()
            .filter(|&(i, h)| ctx.holders[i] != side || board.occupant(h) == Some(enemy))
            .collect();
        let mut goals: BTreeMap<UnitIx, Goal> = BTreeMap::new();
        let mut routes: Vec<Vec<u32>> = Vec::new();
        let mut route_of: BTreeMap<(Vec<HexId>, Mover), usize> = BTreeMap::new();
        let mut route = |targets: Vec<HexId>, mover: Mover, routes: &mut Vec<Vec<u32>>| {
            *route_of.entry((targets.clone(), mover)).or_insert_with(|| {
                routes.push(avoiding_field(
                    scn,
                    board,
                    (enemy, &enemy_zoc),
                    &targets,
                    mover,
                    scn.rules.computer.zoc_detour_minutes,
                ));
                routes.len() - 1
            })
        };
        let own: Vec<UnitIx> = board
            .live()
            .filter(|u| u.side == side)
            .map(|u| u.id)
            .collect();

        // 1–2. Break out; garrisons.
        let safe: Vec<HexId> = (0..scn.map.len() as u32)
            .map(HexId)
            .filter(|h| supplied[h.0 as usize] && !enemy_zoc[h.0 as usize])
            .collect();
        for &id in &own {
            let u = board.get(id).expect("live");
            if ours.contains(&u.hex) {
                goals.insert(id, Goal::Hold(u.hex, 0));
            } else if !supplied[u.hex.0 as usize]
                && !safe.is_empty()
                && (!self.posts.contains_key(&id)
                    || u.supply.turns_out >= scn.rules.supply.encircled_after_turns)
            {
                let r = route(safe.clone(), Mover::of(kind(id)), &mut routes);
                goals.insert(id, Goal::Route(r));
            }
        }
        // Pickets: an objective the side holds with none of its units on it gets the nearest free
        // fighting unit once an enemy unit could reach it in one turn's movement.
        for &h in &ours {
            let manned = board
                .units_at(h)
                .any(|id| board.get(id).is_some_and(|u| u.side == side));
            let threatened = !manned
                && board.live().filter(|u| u.side == enemy).any(|u| {
                    minutes_to(&mut self.fields, scn, board, u.id, h)
                        <= (kind(u.id).move_hours * 60.0) as u32
                });
            if !threatened {
                continue;
            }
            let picket = own
                .iter()
                .copied()
                .filter(|id| {
                    !goals.contains_key(id)
                        && board
                            .get(*id)
                            .is_some_and(|u| crate::sim::attack_setup::can_attack(scn, u))
                })
                .map(|id| (minutes_to(&mut self.fields, scn, board, id, h), id))
                .filter(|&(m, _)| m <= scn.rules.computer.response_minutes)
                .min();
            if let Some((_, id)) = picket {
                goals.insert(id, Goal::Hold(h, 0));
            }
        }
        // Enemies near what the side holds are met first.
        let garrisons: Vec<UnitIx> = goals.keys().copied().collect();
        respond_to_threats(
            ctx,
            &mut goals,
            &mut self.fields,
            &|id| !garrisons.contains(&id),
            false,
            scn.rules.computer.threat_radius,
        );
        // The units sent to meet threats (they may strike nearby, step 2c).
        let meeting: Vec<UnitIx> = goals
            .keys()
            .copied()
            .filter(|id| !garrisons.contains(id))
            .collect();
        let free = |goals: &BTreeMap<UnitIx, Goal>| -> Vec<UnitIx> {
            own.iter()
                .copied()
                .filter(|id| !goals.contains_key(id))
                .collect()
        };

        // 2b. By night, a side trained for night attacks takes back what it has lost: each objective
        // it held at the start and the enemy holds now gets the nearest free fighting units (within
        // `computer.response_minutes`) until they outnumber its guard `computer.outnumber` to one.
        let night_side = scn.is_night(ctx.now) && scn.night_doctrine[side.index()];
        if night_side {
            for (i, o) in scn.objectives.iter().enumerate() {
                if o.holder != side || ctx.holders[i] == side {
                    continue;
                }
                let need = guard(o.hex) as u64 * scn.rules.computer.outnumber as u64;
                let near: Vec<(u32, UnitIx)> = free(&goals)
                    .into_iter()
                    .filter(|&id| {
                        board
                            .get(id)
                            .is_some_and(|u| crate::sim::attack_setup::can_attack(scn, u))
                    })
                    .map(|id| (minutes_to(&mut self.fields, scn, board, id, o.hex), id))
                    .filter(|&(m, _)| m <= scn.rules.computer.response_minutes)
                    .collect();
                for id in nearest_enough(board, near, need).0 {
                    goals.insert(id, Goal::Attack(o.hex));
                }
            }
        }

        // 2c. Strike exposed flanks.
        // The units free, and those sent to meet threats (not garrisons, pickets, units breaking
        // out or taking back objectives by night), which strike only near what the side holds.
        let idle = free(&goals);
        self.strike_exposed(ctx, &mut goals, &idle, &meeting, &ours);

        // 3. Seize unguarded objectives with the nearest mobile unit.
        for &(_, h) in &wanted {
            if enemy_near(h) {
                continue;
            }
            let best = free(&goals)
                .into_iter()
                .filter(|&id| is_mobile(kind(id).mobility, kind(id).branch))
                .map(|id| {
                    let r = route(vec![h], Mover::of(kind(id)), &mut routes);
                    let at = board.get(id).expect("live").hex;
                    (routes[r][at.0 as usize], id, r)
                })
                .filter(|&(d, _, _)| d != u32::MAX)
                .min();
            if let Some((_, id, r)) = best {
                goals.insert(id, Goal::Route(r));
            }
        }

        // 4. Cut the enemy's supply routes behind its front: keep the posts already held, then
        //    add posts where the enemy's supply now runs.
        let mobile: Vec<UnitIx> = free(&goals)
            .into_iter()
            .filter(|&id| is_mobile(kind(id).mobility, kind(id).branch))
            .collect();
        self.posts
            .retain(|id, h| mobile.contains(id) && board.occupant(*h) != Some(enemy));
        for (&id, &post) in &self.posts {
            let r = route(vec![post], Mover::of(kind(id)), &mut routes);
            goals.insert(id, Goal::Route(r));
        }
        let mut left: Vec<UnitIx> = mobile
            .iter()
            .copied()
            .filter(|id| !self.posts.contains_key(id))
            .collect();
        if !left.is_empty() {
            // The enemy formations whose encirclement scores, or the whole enemy side.
            let goal_formations: Vec<usize> = scn
                .file
                .victory
                .formations
                .iter()
                .filter_map(|g| scn.formations.iter().position(|f| f.key == g.formation))
                .filter(|&f| scn.formations[f].side == enemy)
                .collect();
            let in_goal = |u: &crate::sim::board::UnitSnap| {
                scn.formation_chain(scn.units[u.id as usize].formation)
                    .any(|f| goal_formations.contains(&f))
            };
            let any_goal = board.live().any(|u| u.side == enemy && in_goal(u));
            let target = |u: &crate::sim::board::UnitSnap| !any_goal || in_goal(u);
            let depth = distance_to_front(ctx, enemy, &target);
            // Posts one at a time, each where the enemy's supply runs once the units already
            // posted (moved there on a copy of the board) bar their hexes and zones.
            let mut sim = board.clone();
            for (&id, &post) in &self.posts {
                sim.relocate(id, post);
            }
            let mut barred: Vec<HexId> = Vec::new();
            let mut tries = 4 * left.len();
            while !left.is_empty() && tries > 0 {
                tries -= 1;
                let flow = supply_flow(scn, &sim, enemy, &target);
                let best = (0..scn.map.len() as u32)
                    .map(HexId)
                    .filter(|h| {
                        let d = depth[h.0 as usize];
                        flow[h.0 as usize] > 0
                            && d >= scn.rules.computer.cut_depth.0
                            && d <= scn.rules.computer.cut_depth.1
                            && sim.occupant(*h).is_none()
                            && !barred.contains(h)
                            && !scn.supply_sources[enemy.index()].contains(h)
                    })
                    .max_by_key(|h| (flow[h.0 as usize], std::cmp::Reverse(*h)));
                let Some(post) = best else { break };
                let nearest = left
                    .iter()
                    .map(|&id| {
                        let r = route(vec![post], Mover::of(kind(id)), &mut routes);
                        let at = board.get(id).expect("live").hex;
                        (routes[r][at.0 as usize], id, r)
                    })
                    .filter(|&(d, _, _)| d != u32::MAX)
                    .min();
                match nearest {
                    Some((_, id, r)) => {
                        left.retain(|&x| x != id);
                        sim.relocate(id, post);
                        self.posts.insert(id, post);
                        goals.insert(id, Goal::Route(r));
                    }
                    None => barred.push(post),
                }
            }
        }

        // 5. Concentrate on the guarded objectives with the most points per enemy man.
        let mut targets: Vec<(u64, usize, HexId, u32)> = wanted
            .iter()
            .filter(|&&(_, h)| enemy_near(h))
            .map(|&(i, h)| {
                let g = guard(h).max(1);
                // Points per 1,000 guarding men, scaled to integers for a total order.
                let value = scn.objectives[i].points as u64 * 1_000_000 / g as u64;
                (value, i, h, g)
            })
            .collect();
        targets.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let attackers: Vec<UnitIx> = free(&goals)
            .into_iter()
            .filter(|&id| kind(id).branch != Branch::Artillery)
            .collect();
        let mut assigned: Vec<(HexId, u32)> = targets.iter().map(|t| (t.2, 0)).collect();
        if !targets.is_empty() {
            // Nearest units first, to the first objective that still needs men; once all have
            // enough, each unit to its nearest objective.
            let mut by_distance: Vec<(u32, UnitIx)> = attackers
                .iter()
                .map(|&id| {
                    let d = targets
                        .iter()
                        .map(|t| minutes_to(&mut self.fields, scn, board, id, t.2))
                        .min()
                        .unwrap_or(u32::MAX);
                    (d, id)
                })
                .collect();
            by_distance.sort_unstable();
            for (_, id) in by_distance {
                let men = board.get(id).expect("live").strength.men;
                let nearest = || {
                    (0..targets.len())
                        .min_by_key(|&k| {
                            (
                                minutes_to(&mut self.fields, scn, board, id, targets[k].2),
                                k,
                            )
                        })
                        .unwrap_or(0)
                };
                let k = targets
                    .iter()
                    .zip(&assigned)
                    .position(|(t, a)| {
                        (a.1 as u64) < t.3 as u64 * scn.rules.computer.outnumber as u64
                    })
                    .unwrap_or_else(nearest);
                assigned[k].1 += men;
                goals.insert(id, Goal::Attack(targets[k].2));
            }
        }
        let main = targets.first().map(|t| t.2);

        // 6. Artillery follows the main effort; the rest hold the nearest objective of the side.
        for id in free(&goals) {
            let pick = |list: &[HexId], fields: &mut Fields| {
                list.iter()
                    .copied()
                    .min_by_key(|&h| (minutes_to(fields, scn, board, id, h), h))
            };
            let goal = match (kind(id).branch, main) {
                (Branch::Artillery, Some(h)) => Goal::Hold(h, artillery_reach(ctx, id)),
                _ => match pick(&ours, &mut self.fields) {
                    Some(h) => Goal::Hold(h, 2),
                    None => continue,
                },
            };
            goals.insert(id, goal);
        }
        let mut orders = Vec::new();
        if super::tactics::raid_worth_it(ctx) {
            orders.push(Order::RaidAirfields);
        }
        // By night a side trained for it attacks at lower odds (`computer.night_odds_factor`).
        let min_odds = scn.rules.computer.min_odds_ai
            * if night_side {
                scn.rules.computer.night_odds_factor
            } else {
                1.0
            };
        orders.extend(orders_for_goals(
            ctx,
            &goals,
            &mut self.fields,
            &routes,
            AttackJudgement {
                min_odds,
                as_fought: true,
            },
            &[],
            &[],
        ));
        orders
    }
}

impl AiController {
    /// Step 2c: sends units of `free`, and of `meeting` (units meeting threats) for hexes near
    /// one of `ours` (objectives held), to attack exposed enemy hexes (see the module's doc),
    /// weakest hex first, each with enough men or none.
    fn strike_exposed(
        &mut self,
        ctx: &OrderContext,
        goals: &mut BTreeMap<UnitIx, Goal>,
        free: &[UnitIx],
        meeting: &[UnitIx],
        ours: &[HexId],
    ) {
        let (scn, board) = (ctx.scn, ctx.board);
        let enemy = ctx.side.enemy();
        let k = &scn.rules.computer;
        if k.strike_by_night_if_trained
            && scn.night_doctrine[ctx.side.index()]
            && !scn.is_night(ctx.now)
        {
            return;
        }
        let mut exposed: Vec<(u32, HexId)> = Vec::new();
        for u in board.live().filter(|u| u.side == enemy && !u.ghost) {
            if exposed.iter().any(|&(_, h)| h == u.hex) {
                continue;
            }
            let support = scn
                .map
                .neighbors(u.hex)
                .filter(|&(_, n)| board.occupant(n) == Some(enemy))
                .count() as u32;
            if support > k.strike_support {
                continue;
            }
            let men: u32 = board
                .units_at(u.hex)
                .filter_map(|id| board.get(id))
                .filter(|x| !x.ghost)
                .map(|x| x.strength.men)
                .sum();
            exposed.push((men, u.hex));
        }
        exposed.sort_unstable();
        let mut left: Vec<UnitIx> = free
            .iter()
            .chain(meeting)
            .copied()
            .filter(|&id| {
                board
                    .get(id)
                    .is_some_and(|u| crate::sim::attack_setup::can_attack(scn, u))
                    && scn.unit_type(id).branch != Branch::Artillery
            })
            .collect();
        for (men, hex) in exposed {
            let need = men as u64 * k.strike_ratio as u64;
            let near_ours = ours
                .iter()
                .any(|&o| scn.map.distance(o, hex) <= k.threat_radius);
            let spearhead = board.units_at(hex).any(|id| {
                let t = scn.unit_type(id);
                is_mobile(t.mobility, t.branch)
            });
            if !near_ours && !spearhead {
                continue;
            }
            let near: Vec<(u32, UnitIx)> = left
                .iter()
                .filter(|id| near_ours || !meeting.contains(id))
                .map(|&id| (minutes_to(&mut self.fields, scn, board, id, hex), id))
                .filter(|&(m, _)| m <= k.strike_minutes)
                .collect();
            let (sent, sum) = nearest_enough(board, near, need);
            if sum < need || need == 0 {
                continue;
            }
            for id in sent {
                left.retain(|&x| x != id);
                goals.insert(id, Goal::Attack(hex));
            }
        }
    }
}

/// Hexes from the target within which an artillery unit stops: inside the range of its longest
/// gun, not closer than 2 hexes.
fn artillery_reach(ctx: &OrderContext, id: UnitIx) -> u32 {
    let scn = ctx.scn;
    let range_km = ctx
        .board
        .get(id)
        .map(|u| {
            u.strength
                .equipment
                .iter()
                .map(|&(e, _)| scn.equipment[e].range_km)
                .fold(0.0f32, f32::max)
        })
        .unwrap_or(0.0);
    ((range_km / scn.map.hex_km as f32).floor() as u32)
        .saturating_sub(1)
        .max(2)
}

/// Per hex: hexes to the nearest unit of `enemy`'s front — its units whose supply line is longer
/// than the median of its units' (breadth-first over the map). Units close to their sources, such as
/// reinforcements just arrived, are not the front.
fn distance_to_front(
    ctx: &OrderContext,
    enemy: Side,
    counts: &dyn Fn(&crate::sim::board::UnitSnap) -> bool,
) -> Vec<u32> {
    let scn = ctx.scn;
    let tree = supply_tree(scn, ctx.board, enemy);
    let line = |h: HexId| tree[h.0 as usize].0;
    let mut lines: Vec<u32> = ctx
        .board
        .live()
        .filter(|u| u.side == enemy && counts(u))
        .map(|u| line(u.hex))
        .collect();
    lines.sort_unstable();
    let median = lines.get(lines.len() / 2).copied().unwrap_or(0);
    let mut dist = vec![u32::MAX; scn.map.len()];
    let mut queue = std::collections::VecDeque::new();
    for u in ctx
        .board
        .live()
        .filter(|u| u.side == enemy && counts(u) && line(u.hex) >= median)
    {
        if dist[u.hex.0 as usize] != 0 {
            dist[u.hex.0 as usize] = 0;
            queue.push_back(u.hex);
        }
    }
    while let Some(h) = queue.pop_front() {
        let d = dist[h.0 as usize] + 1;
        for (_, n) in scn.map.neighbors(h) {
            if dist[n.0 as usize] == u32::MAX {
                dist[n.0 as usize] = d;
                queue.push_back(n);
            }
        }
    }
    dist
}
