//! Turning per-unit goals into legal orders: approach by the cheapest ground (a distance field per
//! goal and mobility, which finds bridges), then attack adjacent enemies where the simulation's own
//! combat preview gives good odds, with the guns no attack needs firing on the enemy's guns first.

use super::OrderContext;
use crate::data::rules::{Branch, Mobility, UnitTypeSpec};
use crate::map::HexId;
use crate::map::steps::{IMPASSABLE, SWIM};
use crate::scenario::{Scenario, UnitIx};
use crate::sim::attack_setup::{attack_setup, can_attack};
use crate::sim::buckets::with_queue;
use crate::sim::combat::preview;
use crate::sim::movement::Steps;
use crate::sim::{Board, Order};
use std::collections::BTreeMap;

/// What a unit is trying to do this turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// Go to the hex, attacking what stands in the way.
    Attack(HexId),
    /// Go to the hex; attack only at very good odds.
    Advance(HexId),
    /// Stay within `radius` hexes of the hex; counter-attack adjacent enemies at good odds.
    Hold(HexId, u32),
    /// Go down the controller's own distance field `routes[i]` (e.g. one that avoids enemy zones of
    /// control) to its end; attack only at very good odds.
    Route(usize),
}

/// How a unit moves, as distance fields see it: its mobility class and whether it may cross a
/// major river away from a bridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mover {
    pub mobility: Mobility,
    pub swims: bool,
}

impl Mover {
    pub fn of(ut: &UnitTypeSpec) -> Mover {
        Mover {
            mobility: ut.mobility,
            swims: ut.swims,
        }
    }
}

/// Cached distance fields: minutes of movement to a target for a kind of mover in a step-table
/// period (which bridges stand), ignoring units.
#[derive(Default)]
pub struct Fields(BTreeMap<(HexId, Mover, usize), Vec<u32>>);

impl Fields {
    pub fn get(&mut self, scn: &Scenario, epoch: usize, target: HexId, mover: Mover) -> &Vec<u32> {
        self.0
            .entry((target, mover, epoch))
            .or_insert_with(|| field_to(scn, epoch, &[target], mover, |_| false, |_| 0))
    }
}

/// Minutes from every hex to the nearest of `targets` for a mover, for a unit that must
/// not enter enemy-held hexes and would rather not enter enemy zones of control (each entry costs
/// `zoc_minutes` more, at most `computer.zoc_detour_cap_minutes`); `u32::MAX` where unreachable.
/// `enemy` is the side to avoid.
pub fn avoiding_field(
    scn: &Scenario,
    board: &Board,
    (enemy, enemy_zoc): (crate::data::Side, &[bool]),
    targets: &[HexId],
    mover: Mover,
    zoc_minutes: u32,
) -> Vec<u32> {
    let zoc_minutes = zoc_minutes.min(scn.rules.computer.zoc_detour_cap_minutes);
    field_to(
        scn,
        board.epoch,
        targets,
        mover,
        |h| board.occupant(h) == Some(enemy),
        |h| {
            if enemy_zoc[h as usize] {
                zoc_minutes
            } else {
                0
            }
        },
    )
}

/// Backward Dijkstra from `targets` over the step table of `mob`: minutes from every hex to the
/// nearest target, never through `barred` hexes, with `entry(h)` extra minutes for stepping into
/// hex `h` (u32::MAX where unreachable). Unbridged major rivers cost foot and horse that swim
/// `computer.river_crossing_minutes`.
fn field_to(
    scn: &Scenario,
    epoch: usize,
    targets: &[HexId],
    mover: Mover,
    barred: impl Fn(HexId) -> bool,
    entry: impl Fn(u32) -> u32,
) -> Vec<u32> {
    let table = &scn.steps(epoch)[mover.mobility as usize];
    let mut best = vec![u32::MAX; scn.map.len()];
    with_queue(|queue| {
        for &t in targets {
            if best[t.0 as usize] != 0 && !barred(t) {
                best[t.0 as usize] = 0;
                queue.push(0, t.0);
            }
        }
        while let Some((d, h)) = queue.pop() {
            if d != best[h as usize] {
                continue;
            }
            let penalty = entry(h);
            for (side, n) in scn.map.neighbors(HexId(h)) {
                if barred(n) {
                    continue;
                }
                // Cost of stepping from n into h: across the side of n opposite `side` of h.
                let back = (side + 3) % 6;
                debug_assert_eq!(scn.map.side_between(n, HexId(h)), Some(back));
                let step = match table[n.0 as usize][back] {
                    IMPASSABLE => continue,
                    SWIM if !mover.swims => continue,
                    SWIM => scn.rules.computer.river_crossing_minutes,
                    c => c as u32,
                };
                // Saturating: u32::MAX stays "unreachable" however far a path runs.
                let nd = d.saturating_add(penalty).saturating_add(step);
                if nd < best[n.0 as usize] {
                    best[n.0 as usize] = nd;
                    queue.push(nd, n.0);
                }
            }
        }
    });
    best
}

/// How a controller judges whether an attack is worth making.
#[derive(Clone, Copy, Debug)]
pub struct AttackJudgement {
    /// The lowest odds of the combat preview at which it attacks (`computer.reluctant_odds_factor`
    /// times that for units not ordered to attack).
    pub min_odds: f32,
    /// Whether each attack is judged as it will be fought: with the fatigue of the moves ordered
    /// before it (`fatigue_per_move_hour` for the minutes of the move's route), and without what
    /// the attacks ordered before it spend (the guns of both sides that joined them, as a gun fires
    /// once a phase, and their air points). The free opponent judges so; the plan judges every
    /// attack with fresh units and all the support in range, as a plan drawn up beforehand does,
    /// and `min_odds_plan` is tuned to the record that way (docs/model.md, "Controllers").
    pub as_fought: bool,
}

/// Orders for the units with goals: moves first (in unit-id order), then attacks. `routes` are the
/// fields [`Goal::Route`] refers to; attacks are made as `judgement` allows. Bombardments
/// follow [`bombardments`]; the artillery in `counter_battery` fires on guns even when an attack
/// could use it. Attackers in `off_the_march` that cannot get closer to their target move to the
/// reachable hex next to an enemy that lies nearest the target.
pub fn orders_for_goals(
    ctx: &OrderContext,
    goals: &BTreeMap<UnitIx, Goal>,
    fields: &mut Fields,
    routes: &[Vec<u32>],
    judgement: AttackJudgement,
    counter_battery: &[UnitIx],
    off_the_march: &[UnitIx],
) -> Vec<Order> {
    let scn = ctx.scn;
    let mut board = ctx.board.clone();
    let enemy_zoc = board.zoc_of(scn, ctx.side.enemy());
    let mut orders = Vec::new();
    for (&id, &goal) in goals {
        let Some(u) = board.get(id) else { continue };
        let ut = &scn.unit_type(id);
        let here = u.hex;
        let adjacent_enemy = scn
            .map
            .neighbors(here)
            .any(|(_, n)| board.occupant(n) == Some(ctx.side.enemy()));
        let artillery = ut.branch == Branch::Artillery;
        // Units in contact that are attacking stay and fight rather than slip past.
        if adjacent_enemy && !artillery && !matches!(goal, Goal::Advance(_) | Goal::Route(_)) {
            continue;
        }
        if let Goal::Hold(h, r) = goal
            && scn.map.distance(here, h) <= r
        {
            continue;
        }
        let field = match goal {
            Goal::Route(i) => &routes[i],
            Goal::Attack(h) | Goal::Advance(h) | Goal::Hold(h, _) => {
                fields.get(scn, board.epoch, h, Mover::of(ut))
            }
        };
        let pts = ut.stacking;
        let fits = |h: HexId| {
            board.stacking_at(scn, h) + pts <= scn.rules.stacking_limit
                && (!artillery
                    || !scn
                        .map
                        .neighbors(h)
                        .any(|(_, n)| board.occupant(n) == Some(ctx.side.enemy())))
        };
        // The cheap way first: walk down the distance field along the shortest route.
        // When the walk cannot go down at all, the unit stays: enemies or zones of control bar the
        // shortest route, and the attack step deals with what is in contact. It stops at the last hex
        // of the walk with room for it; if every one is full it waits a turn.
        let path = downhill(scn, &board, &enemy_zoc, id, field);
        let to = path.iter().rev().find(|&&h| fits(h)).copied().or_else(|| {
            // An attacker off the march whose way to its target is barred or full takes on the
            // enemy it can reach nearest its target instead of waiting behind the units in front.
            (matches!(goal, Goal::Attack(_)) && off_the_march.contains(&id))
                .then(|| {
                    let enemy_next = |h: HexId| {
                        scn.map
                            .neighbors(h)
                            .any(|(_, n)| board.occupant(n) == Some(ctx.side.enemy()))
                    };
                    crate::sim::rules::movement::reachable(scn, &board, &enemy_zoc, id)
                        .into_iter()
                        .filter(|r| r.hex != here && fits(r.hex) && enemy_next(r.hex))
                        .min_by(|a, b| {
                            (field[a.hex.0 as usize], a.hours, a.hex)
                                .partial_cmp(&(field[b.hex.0 as usize], b.hours, b.hex))
                                .unwrap_or(std::cmp::Ordering::Equal)
                        })
                        .map(|r| r.hex)
                })
                .flatten()
        });
        if let Some(to) = to {
            if judgement.as_fought {
                let minutes = field[here.0 as usize].saturating_sub(field[to.0 as usize]);
                let hours = (minutes as f32 / 60.0).min(scn.file.turn_hours as f32);
                if let Some(u) = board.get_mut(id) {
                    u.condition.fatigue =
                        (u.condition.fatigue + hours * scn.rules.fatigue_per_move_hour).min(100.0);
                }
            }
            board.relocate(id, to);
            orders.push(Order::Move { unit: id, to });
        }
    }
    // Attacks, target hexes in id order.
    let mut targets: Vec<HexId> = board
        .live()
        .filter(|u| u.side == ctx.side.enemy())
        .map(|u| u.hex)
        .filter(|&h| {
            scn.map
                .neighbors(h)
                .any(|(_, n)| board.occupant(n) == Some(ctx.side))
        })
        .collect();
    targets.sort_unstable();
    targets.dedup();
    let mut used: Vec<UnitIx> = Vec::new();
    // Each attack spends what it takes: the guns of both sides that join it fire once a phase,
    // and the attack's air points leave the side's; the next attack's odds are judged without them.
    let mut air_left = ctx.air_left;
    for target in targets {
        let mut attackers: Vec<UnitIx> = Vec::new();
        let mut eager = false;
        for (_, n) in scn.map.neighbors(target) {
            for id in board.units_at(n) {
                let Some(u) = board.get(id) else { continue };
                if u.side != ctx.side || used.contains(&id) || !can_attack(scn, u) {
                    continue;
                }
                match goals.get(&id) {
                    Some(Goal::Attack(_)) => {
                        eager = true;
                        attackers.push(id);
                    }
                    Some(_) => attackers.push(id),
                    None => {}
                }
            }
        }
        if attackers.is_empty() {
            continue;
        }
        let Ok(setup) = attack_setup(scn, &board, ctx.side, &attackers, target, ctx.now, air_left)
        else {
            continue;
        };
        let p = preview(
            &scn.equipment,
            scn.rifleman_soft_attack,
            &scn.rules.combat,
            &setup.engagement,
        );
        let min = judgement.min_odds
            * if eager {
                1.0
            } else {
                scn.rules.computer.reluctant_odds_factor
            };
        if p.odds >= min {
            if judgement.as_fought {
                for &gun in &setup.artillery {
                    if let Some(g) = board.get_mut(gun) {
                        g.condition.fired = true;
                    }
                }
                air_left -= setup.air;
            }
            used.extend(&attackers);
            orders.push(Order::Attack {
                units: attackers,
                target,
            });
        }
    }
    // Bombardments go before the attacks, by the guns no attack needs.
    let attack_targets: Vec<HexId> = orders
        .iter()
        .filter_map(|o| match o {
            Order::Attack { target, .. } => Some(*target),
            _ => None,
        })
        .collect();
    let first_attack = orders
        .iter()
        .position(|o| matches!(o, Order::Attack { .. }))
        .unwrap_or(orders.len());
    let fire = bombardments(ctx, &board, &attack_targets, counter_battery);
    orders.splice(first_attack..first_attack, fire);
    orders
}

/// Counter-battery and preparatory fire: each artillery unit (in id order) that no attack in
/// `attack_targets` has in range (or that is in `counter_battery`) and that keeps `computer.bombard_ammo_reserve` fires after firing
/// bombards the observed enemy hex in range with the most guns (field and anti-tank), then the most
/// men, then the lower hex id. Hexes without guns are bombarded only when
/// `computer.bombard_troops` allows it.
pub fn bombardments(
    ctx: &OrderContext,
    board: &Board,
    attack_targets: &[HexId],
    counter_battery: &[UnitIx],
) -> Vec<Order> {
    use crate::data::EquipmentClass;
    use crate::sim::attack_setup::artillery_fire;
    use crate::sim::rules::bombardment::{max_range_km, ready};
    use crate::sim::rules::observation::observation;
    let (scn, k) = (ctx.scn, &ctx.scn.rules.computer);
    // The guns free to fire, with their reach in km.
    let guns: Vec<(&crate::sim::UnitSnap, f32)> = board
        .live()
        .filter(|u| {
            ready(scn, u, ctx.side).is_ok() && u.condition.ammo >= 1.0 + k.bombard_ammo_reserve
        })
        .map(|u| (u, max_range_km(scn, u)))
        .filter(|&(u, reach)| {
            let near =
                |h: HexId| scn.map.distance(u.hex, h) as f32 * scn.map.hex_km as f32 <= reach;
            counter_battery.contains(&u.id)
                || !attack_targets
                    .iter()
                    .any(|&t| near(t) && artillery_fire(scn, u, t) > 0.0)
        })
        .collect();
    if guns.is_empty() {
        return Vec::new();
    }
    let mut enemy_hexes: Vec<HexId> = board
        .live()
        .filter(|u| u.side == ctx.side.enemy() && !u.ghost)
        .map(|u| u.hex)
        .collect();
    enemy_hexes.sort_unstable();
    enemy_hexes.dedup();
    // The targets worth fire, best first: most guns, then most men, then the lower hex id; with
    // the men of the weakest unit there.
    let mut targets: Vec<(u32, u32, HexId, u32)> = enemy_hexes
        .into_iter()
        .map(|h| {
            let (mut guns, mut men, mut weakest) = (0u32, 0u32, u32::MAX);
            for u in board.units_at(h).filter_map(|id| board.get(id)) {
                men += u.strength.men;
                weakest = weakest.min(u.strength.men);
                guns += u
                    .strength
                    .equipment
                    .iter()
                    .filter(|(e, _)| {
                        matches!(
                            scn.equipment[*e].class,
                            EquipmentClass::FieldGun | EquipmentClass::AntiTankGun
                        )
                    })
                    .map(|p| p.1)
                    .sum::<u32>();
            }
            (guns, men, h, weakest)
        })
        .filter(|&(guns, _, _, _)| guns > 0 || k.bombard_troops)
        .collect();
    targets.sort_unstable_by_key(|&(guns, men, h, _)| {
        (std::cmp::Reverse(guns), std::cmp::Reverse(men), h)
    });
    // Whether the side observes each target, worked out when first needed (the same for every gun).
    let mut seen: Vec<Option<bool>> = vec![None; targets.len()];
    // Bombardments given on each target. One costs a unit at most `artillery.max_loss` of its men,
    // so another is given only while the weakest unit there would still stand after it: a hex
    // emptied by the fire before would make the next order on it one the rules refuse.
    let mut given = vec![0i32; targets.len()];
    let keep = 1.0 - scn.rules.artillery.max_loss;
    let stands =
        |i: usize, n: i32| targets[i].3 as f32 * keep.powi(n + 1) >= scn.rules.min_men as f32 + 1.0;
    let mut orders = Vec::new();
    for (u, reach) in guns {
        let near = |h: HexId| scn.map.distance(u.hex, h) as f32 * scn.map.hex_km as f32 <= reach;
        // The rest of the rules' checks (`bombardment::fire_on`): in range and observed.
        let best = (0..targets.len()).find(|&i| {
            stands(i, given[i])
                && near(targets[i].2)
                && artillery_fire(scn, u, targets[i].2) > 0.0
                && *seen[i].get_or_insert_with(|| {
                    observation(scn, board, ctx.side, targets[i].2, ctx.now, ctx.air_left) > 0.0
                })
        });
        if let Some(i) = best {
            given[i] += 1;
            orders.push(Order::Bombard {
                unit: u.id,
                target: targets[i].2,
            });
        }
    }
    orders
}

/// Follows the distance field downhill from the unit's hex, step by step, under the movement rules
/// (step costs, enemy units, zones of control, river crossings); returns where the walk ends if it
/// made progress. The simulation checks the move again; this is only the controller's plan.
/// Returns the hexes walked through, start excluded (empty when no step goes downhill).
fn downhill(
    scn: &Scenario,
    board: &Board,
    enemy_zoc: &[bool],
    id: UnitIx,
    field: &[u32],
) -> Vec<HexId> {
    let mut path = Vec::new();
    let Some(steps) = Steps::of(scn, board, enemy_zoc, id) else {
        return path;
    };
    let (mut cur, mut spent) = (steps.start, 0u32);
    loop {
        // The allowed step that goes furthest down the field; then the cheaper; then the lower id.
        let best = steps
            .from(cur, spent)
            .filter(|s| field[s.to.0 as usize] < field[cur.0 as usize])
            .min_by_key(|s| (field[s.to.0 as usize], s.total, s.to));
        let Some(s) = best else {
            break;
        };
        cur = s.to;
        spent = s.total;
        path.push(s.to);
        if s.stop {
            break;
        }
    }
    path
}

/// The unit's own mobility-aware distance, in minutes, to a hex (for choosing goals).
pub fn minutes_to(
    fields: &mut Fields,
    scn: &Scenario,
    board: &Board,
    id: UnitIx,
    target: HexId,
) -> u32 {
    let mover = Mover::of(scn.unit_type(id));
    board.get(id).map_or(u32::MAX, |u| {
        fields.get(scn, board.epoch, target, mover)[u.hex.0 as usize]
    })
}

/// The first units of `near` (minutes away, unit; nearest first once sorted) whose men together
/// reach `need`, and those men: all of them when they fall short.
pub fn nearest_enough(
    board: &Board,
    mut near: Vec<(u32, UnitIx)>,
    need: u64,
) -> (Vec<UnitIx>, u64) {
    near.sort_unstable();
    let (mut sent, mut men) = (Vec::new(), 0u64);
    for (_, id) in near {
        if men >= need {
            break;
        }
        men += board.get(id).map_or(0, |u| u.strength.men) as u64;
        sent.push(id);
    }
    (sent, men)
}

/// Holding what must be held: for each objective the side holds (in objective order; with
/// `rear_only`, only those it held at the start) with enemy units within `radius` hexes, the nearest units that `may_respond` allows (by their own
/// movement time, up to `computer.response_minutes`) are sent to it with orders to attack, until they have
/// `computer.response_ratio` men for every threatening enemy man. Their earlier goals are replaced.
pub fn respond_to_threats(
    ctx: &OrderContext,
    goals: &mut BTreeMap<UnitIx, Goal>,
    fields: &mut Fields,
    may_respond: &dyn Fn(UnitIx) -> bool,
    rear_only: bool,
    radius: u32,
) {
    let (scn, board) = (ctx.scn, ctx.board);
    let enemy = ctx.side.enemy();
    let mut sent: Vec<UnitIx> = Vec::new();
    for (i, o) in scn.objectives.iter().enumerate() {
        if ctx.holders[i] != ctx.side || (rear_only && o.holder != ctx.side) {
            continue;
        }
        let threat: u32 = board
            .live()
            .filter(|u| u.side == enemy && scn.map.distance(u.hex, o.hex) <= radius)
            .map(|u| u.strength.men)
            .sum();
        if threat == 0 {
            continue;
        }
        let near: Vec<(u32, UnitIx)> = board
            .live()
            .filter(|u| {
                u.side == ctx.side
                    && !sent.contains(&u.id)
                    && may_respond(u.id)
                    && can_attack(scn, u)
            })
            .map(|u| (minutes_to(fields, scn, board, u.id, o.hex), u.id))
            .filter(|&(d, _)| d <= scn.rules.computer.response_minutes)
            .collect();
        let need = threat as u64 * scn.rules.computer.response_ratio as u64;
        for id in nearest_enough(board, near, need).0 {
            sent.push(id);
            goals.insert(id, Goal::Attack(o.hex));
        }
    }
}

/// Whether the free opponent raids the enemy's airfields this turn: the scenario allows it now
/// (`airfield_raids::raid_allowed`: by day, not forbidden, with air points left), and the enemy's
/// aircraft in the battle outnumber its own by `computer.raid_when_outnumbered` or more.
pub fn raid_worth_it(ctx: &OrderContext) -> bool {
    use crate::sim::rules::airfield_raids::raid_allowed;
    let scn = ctx.scn;
    if raid_allowed(scn, ctx.side, ctx.now, ctx.air_left).is_err() {
        return false;
    }
    let count = |side: crate::data::Side| -> u32 {
        crate::sim::rules::air_war::in_force(scn, side, ctx.now)
            .map(|i| ctx.aircraft[i])
            .sum()
    };
    let (own, enemy) = (count(ctx.side), count(ctx.side.enemy()));
    enemy > 0 && enemy as f32 >= scn.rules.computer.raid_when_outnumbered * own.max(1) as f32
}
