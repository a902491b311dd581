//! The turn systems, one per phase. Each reads the units into a [`Board`], applies its rule in unit-id
//! order (drawing random numbers in that order), writes the board back and names the next phase.

use super::board::UnitSnap;
use super::combat::{CombatResult, Draws, UnitLoss, resolve};
use super::engage::{engagement, supporting_artillery};
use super::movement::{check_move_in_zoc, step_cost};
use super::supply::supplied_hexes;
use super::*;
use crate::control::OrderContext;
use crate::data::EquipmentClass;
use rand::RngExt;

fn scenario(world: &World) -> Arc<Scenario> {
    world.resource::<SimScenario>().0.clone()
}

fn log(world: &mut World, e: SimEvent) {
    world.resource_mut::<EventLog>().0.push(e);
}

fn next(world: &mut World, p: Phase) {
    world.resource_mut::<NextState<Phase>>().set(p);
}

/// Air points `side` has in the turn starting `now` (none at night).
fn air_for_turn(scn: &Scenario, side: Side, now: Stamp) -> f32 {
    if scn.is_night(now) {
        return 0.0;
    }
    scn.file
        .air
        .iter()
        .filter(|a| a.side == side && a.from <= now && now < a.until)
        .map(|a| a.strength)
        .sum()
}

fn spawn_unit(world: &mut World, scn: &Scenario, ix: usize, hex: HexId) {
    let u = &scn.units[ix];
    world.spawn((
        UnitId(ix as UnitIx),
        UnitSide(u.side),
        Pos(hex),
        Strength {
            men: u.men,
            equipment: u.equipment.clone(),
        },
        Condition {
            cohesion: u.cohesion as f32,
            fatigue: 0.0,
            entrenchment: u.entrenchment,
            experience: u.experience,
            moved_hours: 0.0,
            fought: false,
            fired: false,
        },
        SupplyStatus::default(),
    ));
    world.resource_mut::<Tally>().arrived[ix] = true;
}

/// Places the units present at the start and opens the first turn.
pub fn setup(world: &mut World) {
    let scn = scenario(world);
    for (ix, u) in scn.units.iter().enumerate() {
        if u.arrives.is_none() {
            spawn_unit(world, &scn, ix, u.hex);
        }
    }
    start_turn(world, &scn);
    next(world, Phase::Orders);
}

fn start_turn(world: &mut World, scn: &Scenario) {
    let clock = *world.resource::<Clock>();
    let air = [
        air_for_turn(scn, Side::Soviet, clock.now),
        air_for_turn(scn, Side::Japanese, clock.now),
    ];
    world.resource_mut::<Tally>().air_left = air;
    log(
        world,
        SimEvent::TurnStarted {
            turn: clock.turn,
            date: clock.now,
            night: scn.is_night(clock.now),
        },
    );
}

/// The active side's controller gives its orders; a side a person plays gives them one at a time
/// through [`PlayerCommands`] instead (see [`human_turn`]).
pub fn orders(world: &mut World) {
    let active = world.resource::<Clock>().active;
    if world.resource::<Humans>().0[active.index()] {
        human_turn(world);
        return;
    }
    let scn = scenario(world);
    let board = read_board(world);
    let clock = *world.resource::<Clock>();
    let air_left = world.resource::<Tally>().air_left[clock.active.index()];
    let holders = world.resource::<Tally>().holders.clone();
    let ctx = OrderContext {
        scn: &scn,
        board: &board,
        side: clock.active,
        now: clock.now,
        turn: clock.turn,
        air_left,
        holders: &holders,
    };
    let orders = world.resource_mut::<Controllers>().0[clock.active.index()].orders(&ctx);
    world
        .resource_mut::<OrderLog>()
        .0
        .extend(orders.iter().map(|o| (clock.turn, clock.active, o.clone())));
    world.resource_mut::<PendingOrders>().0 = orders;
    next(world, Phase::Movement);
}

/// Carries out the move orders in the order given; illegal ones are refused with a reason.
pub fn movement(world: &mut World) {
    let orders = world.resource::<PendingOrders>().0.clone();
    apply_moves(world, &orders);
    next(world, Phase::Combat);
}

/// A person's turn: each command in [`PlayerCommands`] is carried out at once, as the phases would
/// carry it out — moves first; the first attack ends movement for the turn; attacks in the order
/// given — and recorded in the [`OrderLog`], so a replay of the log gives the same game. `EndTurn`
/// hands on to the (then empty) movement and combat phases.
pub fn human_turn(world: &mut World) {
    // A saved game being played again gives the recorded orders, and ends the turn until the
    // point where it was saved.
    if world.resource::<Resume>().replaying() {
        let clock = *world.resource::<Clock>();
        let key = (clock.turn, clock.active.index());
        let mut resume = world.resource_mut::<Resume>();
        let orders = resume.orders.remove(&key).unwrap_or_default();
        let at_stop = resume.stop == Some(key);
        if at_stop {
            resume.stop = None;
        }
        let mut queue: Vec<PlayerCommand> = orders.into_iter().map(PlayerCommand::Order).collect();
        if !at_stop {
            queue.push(PlayerCommand::EndTurn);
        }
        world.resource_mut::<PlayerCommands>().0.splice(0..0, queue);
    }
    let commands = std::mem::take(&mut world.resource_mut::<PlayerCommands>().0);
    for c in commands {
        let clock = *world.resource::<Clock>();
        match c {
            PlayerCommand::Order(order) => {
                let moving = matches!(order, Order::Move { .. });
                if moving && world.resource::<HumanTurn>().attacked {
                    log(
                        world,
                        SimEvent::OrderRejected {
                            side: clock.active,
                            order,
                            reason: "movement is over for this turn: attacks have begun".into(),
                        },
                    );
                    continue;
                }
                let before = world.resource::<EventLog>().0.len();
                if moving {
                    apply_moves(world, std::slice::from_ref(&order));
                } else {
                    world.resource_mut::<HumanTurn>().attacked = true;
                    let mut stage = std::mem::take(&mut world.resource_mut::<HumanTurn>().stage);
                    apply_attacks(world, std::slice::from_ref(&order), &mut stage);
                    world.resource_mut::<HumanTurn>().stage = stage;
                }
                let refused = world.resource::<EventLog>().0[before..]
                    .iter()
                    .any(|e| matches!(e, SimEvent::OrderRejected { .. }));
                if !refused {
                    world
                        .resource_mut::<OrderLog>()
                        .0
                        .push((clock.turn, clock.active, order));
                }
            }
            PlayerCommand::EndTurn => {
                *world.resource_mut::<HumanTurn>() = HumanTurn::default();
                world.resource_mut::<PendingOrders>().0.clear();
                next(world, Phase::Movement);
                return;
            }
        }
    }
}

/// Carries out the active side's move orders in the order given; illegal ones are refused with a
/// reason in the event log.
fn apply_moves(world: &mut World, orders: &[Order]) {
    let scn = scenario(world);
    let side = world.resource::<Clock>().active;
    let mut board = read_board(world);
    let zoc = board.zoc_of(&scn, side.enemy());
    for order in orders {
        let &Order::Move { unit, to } = order else {
            continue;
        };
        match check_move_in_zoc(&scn, &board, &zoc, side, unit, to) {
            Ok((_, hours)) => {
                let from = board.get(unit).map(|u| u.hex).expect("checked");
                if from != to {
                    board.relocate(unit, to);
                    let u = board.get_mut(unit).expect("checked");
                    u.condition.moved_hours += hours.max(0.01);
                    u.condition.entrenchment = 0;
                    u.condition.fatigue =
                        (u.condition.fatigue + hours * scn.rules.fatigue_per_move_hour).min(100.0);
                    log(
                        world,
                        SimEvent::Moved {
                            unit,
                            from,
                            to,
                            hours,
                        },
                    );
                }
            }
            Err(e) => log(
                world,
                SimEvent::OrderRejected {
                    side,
                    order: Order::Move { unit, to },
                    reason: e.to_string(),
                },
            ),
        }
    }
    write_board(world, &board);
}

/// Resolves the attack orders in the order given.
pub fn combat(world: &mut World) {
    let scn = scenario(world);
    let side = world.resource::<Clock>().active;
    let orders = std::mem::take(&mut world.resource_mut::<PendingOrders>().0);
    apply_attacks(world, &orders, &mut CombatStage::default());
    reset_fire(world);
    if side == scn.first_side {
        world.resource_mut::<Clock>().active = side.enemy();
        next(world, Phase::Orders);
    } else {
        world.resource_mut::<Clock>().active = scn.first_side;
        next(world, Phase::Supply);
    }
}

/// Each artillery unit fires in support once per combat phase, attacking or defending; its fire is
/// renewed when the phase ends, so the next side's orders (a controller's odds, a person's attack
/// preview) see every gun ready, as the attacks will.
fn reset_fire(world: &mut World) {
    let mut q = world.query::<&mut Condition>();
    for mut c in q.iter_mut(world) {
        if c.fired {
            c.fired = false;
        }
    }
}

/// What has happened so far in a side's combat phase: units that attacked and hexes attacked (each
/// at most once a phase).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CombatStage {
    pub used: Vec<UnitIx>,
    pub hit: Vec<HexId>,
}

/// Resolves the active side's attack orders in the order given; illegal ones are refused with a
/// reason in the event log.
fn apply_attacks(world: &mut World, orders: &[Order], stage: &mut CombatStage) {
    let scn = scenario(world);
    let clock = *world.resource::<Clock>();
    let side = clock.active;
    let mut board = read_board(world);
    for order in orders {
        let Order::Attack { units, target } = order.clone() else {
            continue;
        };
        let reject = |world: &mut World, reason: String| {
            log(
                world,
                SimEvent::OrderRejected {
                    side,
                    order: Order::Attack {
                        units: units.clone(),
                        target,
                    },
                    reason,
                },
            )
        };
        if stage.hit.contains(&target) {
            reject(
                world,
                format!(
                    "hex {} was already attacked this turn",
                    scn.map.label(target)
                ),
            );
            continue;
        }
        if let Some(u) = units.iter().find(|u| stage.used.contains(u)) {
            reject(
                world,
                format!(
                    "{} has already attacked this turn",
                    scn.units[*u as usize].name
                ),
            );
            continue;
        }
        if units
            .iter()
            .any(|&u| board.get(u).is_some_and(|s| s.side != side))
        {
            reject(world, "only the active side's units can attack".into());
            continue;
        }
        let att_art = supporting_artillery(&scn, &board, side, target, &units);
        let def_art = supporting_artillery(&scn, &board, side.enemy(), target, &[]);
        let support = (
            att_art.iter().map(|a| a.1).sum(),
            def_art.iter().map(|a| a.1).sum(),
        );
        // Each attack gets half the air points the side has left this turn, spent only if it happens.
        let air = world.resource::<Tally>().air_left[side.index()] / 2.0;
        let eng = match engagement(&scn, &board, &units, target, clock.now, support, air) {
            Ok(e) => e,
            Err(reason) => {
                reject(world, reason);
                continue;
            }
        };
        world.resource_mut::<Tally>().air_left[side.index()] -= air;
        for (id, _) in att_art.iter().chain(def_art.iter()) {
            if let Some(u) = board.get_mut(*id) {
                u.condition.fired = true;
            }
        }
        let draws = {
            let rng = &mut world.resource_mut::<GameRng>().0;
            Draws {
                attacker: rng.random::<f32>(),
                defender: rng.random::<f32>(),
            }
        };
        let result = resolve(
            &scn.equipment,
            scn.rifleman_soft_attack,
            &scn.rules.combat,
            &eng,
            draws,
        );
        let defenders: Vec<UnitIx> = board.units_at(target).collect();
        stage.used.extend(&units);
        stage.hit.push(target);
        apply_combat(world, &scn, &mut board, &units, &defenders, target, &result);
    }
    write_board(world, &board);
}

/// Counts a loss in the side's tally.
fn tally_loss(world: &mut World, scn: &Scenario, side: Side, loss: &UnitLoss) {
    let t = &mut world.resource_mut::<Tally>().losses[side.index()];
    t.men += loss.men;
    for &(e, n) in &loss.equipment {
        match scn.equipment[e].class {
            EquipmentClass::Tank => t.tanks += n,
            EquipmentClass::ArmoredCar => t.armored_cars += n,
            EquipmentClass::FieldGun | EquipmentClass::AntiTankGun => t.guns += n,
            _ => {}
        }
    }
}

fn subtract(u: &mut UnitSnap, loss: &UnitLoss) {
    u.strength.men -= loss.men.min(u.strength.men);
    for &(e, n) in &loss.equipment {
        if let Some(slot) = u.strength.equipment.iter_mut().find(|(x, _)| *x == e) {
            slot.1 -= n.min(slot.1);
        }
    }
}

/// Everything a unit still has, as a loss (for surrender and destruction).
fn everything(u: &UnitSnap) -> UnitLoss {
    UnitLoss {
        men: u.strength.men,
        equipment: u
            .strength
            .equipment
            .iter()
            .copied()
            .filter(|(_, n)| *n > 0)
            .collect(),
    }
}

/// Removes a unit from play, counting all it had as lost.
fn eliminate(world: &mut World, scn: &Scenario, board: &mut Board, id: UnitIx, surrendered: bool) {
    let Some(u) = board.get(id) else { return };
    let loss = everything(u);
    let side = u.side;
    tally_loss(world, scn, side, &loss);
    board.remove(id);
    world.resource_mut::<Tally>().removed[id as usize] = true;
    log(
        world,
        if surrendered {
            SimEvent::Surrendered {
                unit: id,
                men: loss.men,
            }
        } else {
            SimEvent::Destroyed { unit: id }
        },
    );
}

/// Men below which a unit is no longer a fighting unit and is removed.
const MIN_MEN: u32 = 20;

#[allow(clippy::too_many_arguments)]
fn apply_combat(
    world: &mut World,
    scn: &Scenario,
    board: &mut Board,
    attackers: &[UnitIx],
    defenders: &[UnitIx],
    target: HexId,
    r: &CombatResult,
) {
    let tanks = |ls: &[UnitLoss]| -> u32 {
        ls.iter()
            .flat_map(|l| l.equipment.iter())
            .filter(|(e, _)| scn.equipment[*e].class == EquipmentClass::Tank)
            .map(|(_, n)| n)
            .sum()
    };
    let (mut att_men, mut def_men) = (0, 0);
    for (list, losses, cohesion) in [
        (attackers, &r.attacker_losses, r.attacker_cohesion_loss),
        (defenders, &r.defender_losses, r.defender_cohesion_loss),
    ] {
        for (&id, loss) in list.iter().zip(losses.iter()) {
            let Some(u) = board.get_mut(id) else { continue };
            subtract(u, loss);
            u.condition.cohesion = (u.condition.cohesion - cohesion).max(0.0);
            u.condition.fought = true;
            let side = u.side;
            let small = u.strength.men < MIN_MEN;
            tally_loss(world, scn, side, loss);
            if std::ptr::eq(list, attackers) {
                att_men += loss.men;
            } else {
                def_men += loss.men;
            }
            if small {
                eliminate(world, scn, board, id, false);
            }
        }
    }
    let mut taken = false;
    if r.defender_retreats {
        for &id in defenders {
            if board.get(id).is_none() {
                continue;
            }
            match retreat_hex(scn, board, id) {
                Some(to) => {
                    board.relocate(id, to);
                    let u = board.get_mut(id).expect("present");
                    u.condition.cohesion = (u.condition.cohesion - 10.0).max(0.0);
                    u.condition.entrenchment = 0;
                    let routed = u.condition.cohesion < scn.rules.combat.rout_cohesion;
                    log(
                        world,
                        SimEvent::Retreated {
                            unit: id,
                            from: target,
                            to,
                        },
                    );
                    if routed {
                        rout(world, scn, board, id);
                    }
                }
                None => eliminate(world, scn, board, id, true),
            }
        }
        if board.is_empty_at(target) {
            taken = true;
            let limit = scn.rules.stacking_limit;
            for &id in attackers {
                let Some(u) = board.get(id) else { continue };
                let from = u.hex;
                let pts = scn.unit_types[scn.units[id as usize].kind].stacking;
                if step_cost(scn, id, from, target, true).is_some()
                    && board.stacking_at(scn, target) + pts <= limit
                {
                    board.relocate(id, target);
                    board.get_mut(id).expect("present").condition.entrenchment = 0;
                    log(
                        world,
                        SimEvent::Advanced {
                            unit: id,
                            to: target,
                        },
                    );
                    break;
                }
            }
        }
    }
    log(
        world,
        SimEvent::Combat {
            attackers: attackers.to_vec(),
            defenders: defenders.to_vec(),
            target,
            odds: r.odds,
            attacker_men_lost: att_men,
            defender_men_lost: def_men,
            attacker_tanks_lost: tanks(&r.attacker_losses),
            defender_tanks_lost: tanks(&r.defender_losses),
            taken,
        },
    );
}

/// A unit that retreats with its cohesion below the rules' `rout_cohesion` breaks: a fifth of its
/// men are lost as stragglers and prisoners and half its guns and heavy weapons are abandoned.
fn rout(world: &mut World, scn: &Scenario, board: &mut Board, id: UnitIx) {
    let Some(u) = board.get_mut(id) else { return };
    let loss = UnitLoss {
        men: u.strength.men / 5,
        equipment: u
            .strength
            .equipment
            .iter()
            .filter(|(e, _)| {
                !matches!(
                    scn.equipment[*e].class,
                    EquipmentClass::Tank | EquipmentClass::ArmoredCar
                )
            })
            .map(|&(e, n)| (e, n / 2))
            .filter(|(_, n)| *n > 0)
            .collect(),
    };
    subtract(u, &loss);
    let (side, men) = (u.side, u.strength.men);
    tally_loss(world, scn, side, &loss);
    log(
        world,
        SimEvent::Routed {
            unit: id,
            men_lost: loss.men,
        },
    );
    if men < MIN_MEN {
        eliminate(world, scn, board, id, false);
    }
}

/// Where a beaten unit falls back: an adjacent hex it can enter with no enemy in it, room in the stack,
/// preferring hexes out of enemy zones of control and closer to its supply sources; `None` = it surrenders.
fn retreat_hex(scn: &Scenario, board: &Board, id: UnitIx) -> Option<HexId> {
    let u = board.get(id)?;
    let zoc = board.zoc_of(scn, u.side.enemy());
    let pts = scn.unit_types[scn.units[id as usize].kind].stacking;
    let sources = &scn.supply_sources[u.side.index()];
    scn.map
        .neighbors(u.hex)
        .filter(|&(_, n)| board.occupant(n) != Some(u.side.enemy()))
        .filter(|&(_, n)| step_cost(scn, id, u.hex, n, true).is_some())
        .filter(|&(_, n)| board.stacking_at(scn, n) + pts <= scn.rules.stacking_limit)
        .min_by_key(|&(_, n)| {
            let to_source = sources
                .iter()
                .map(|&s| scn.map.distance(n, s))
                .min()
                .unwrap_or(0);
            (zoc[n.0 as usize], to_source, n)
        })
        .map(|(_, n)| n)
}

/// Traces supply for both sides; cut-off units lose cohesion, encircled ones lose men and may surrender.
/// Units that neither moved nor fought dig in and recover.
pub fn supply(world: &mut World) {
    let scn = scenario(world);
    let mut board = read_board(world);
    let s = &scn.rules.supply;
    let supplied = [
        supplied_hexes(&scn, &board, Side::Soviet),
        supplied_hexes(&scn, &board, Side::Japanese),
    ];
    let ids: Vec<UnitIx> = board.live().map(|u| u.id).collect();
    for id in ids {
        let u = board.get_mut(id).expect("live");
        let ok = supplied[u.side.index()][u.hex.0 as usize];
        if ok {
            u.supply.turns_out = 0;
        } else {
            u.supply.turns_out += 1;
            u.condition.cohesion = (u.condition.cohesion - s.cohesion_loss).max(0.0);
        }
        let turns_out = u.supply.turns_out;
        if turns_out == 1 {
            log(world, SimEvent::SupplyCut { unit: id });
        }
        if turns_out >= s.encircled_after_turns {
            let u = board.get_mut(id).expect("live");
            let loss = UnitLoss {
                men: ((u.strength.men as f32 * s.attrition).round() as u32).min(u.strength.men),
                equipment: Vec::new(),
            };
            subtract(u, &loss);
            let (side, cohesion, men) = (u.side, u.condition.cohesion, u.strength.men);
            tally_loss(world, &scn, side, &loss);
            if men < MIN_MEN {
                eliminate(world, &scn, &mut board, id, false);
                continue;
            }
            if cohesion <= s.surrender_cohesion {
                let roll: f32 = world.resource_mut::<GameRng>().0.random();
                if roll < s.surrender_chance {
                    eliminate(world, &scn, &mut board, id, true);
                    continue;
                }
            }
        }
        let u = board.get_mut(id).expect("live");
        let terrain_max = scn.terrain_at(u.hex).max_entrenchment;
        let c = &mut u.condition;
        if c.moved_hours == 0.0 && !c.fought {
            c.entrenchment = (c.entrenchment + 1).min(terrain_max);
            if ok {
                c.cohesion = (c.cohesion + scn.rules.cohesion_recovery).min(100.0);
            }
        }
        c.fatigue = (c.fatigue - scn.rules.fatigue_recovery).max(0.0);
        c.moved_hours = 0.0;
        c.fought = false;
    }
    update_encirclement(world, &scn, &board);
    write_board(world, &board);
    next(world, Phase::Reinforcements);
}

/// Records each formation whose cut-off share of men reaches the rules' threshold.
fn update_encirclement(world: &mut World, scn: &Scenario, board: &Board) {
    let now = world.resource::<Clock>().now;
    let mut men = vec![(0u64, 0u64); scn.formations.len()];
    for u in board.live() {
        let cut = u.supply.turns_out >= scn.rules.supply.encircled_after_turns;
        for f in scn.formation_chain(scn.units[u.id as usize].formation) {
            men[f].0 += u.strength.men as u64;
            if cut {
                men[f].1 += u.strength.men as u64;
            }
        }
    }
    let share = scn.rules.supply.formation_encircled_share as f64;
    let mut now_cut = Vec::new();
    for (f, &(total, cut)) in men.iter().enumerate() {
        if total > 0 && cut as f64 >= share * total as f64 {
            now_cut.push(f);
        }
    }
    let mut new = Vec::new();
    {
        let mut t = world.resource_mut::<Tally>();
        for &f in &now_cut {
            if !t.encircled.iter().any(|(x, _)| *x == f) {
                t.encircled.push((f, now));
                new.push(f);
            }
        }
        t.encircled_now = now_cut;
    }
    for f in new {
        let fd = &scn.formations[f];
        log(
            world,
            SimEvent::FormationEncircled {
                formation: fd.key.clone(),
                side: fd.side,
                date: now,
            },
        );
    }
}

/// Brings in units due by the start of the next turn and takes out those withdrawn.
pub fn reinforcements(world: &mut World) {
    let scn = scenario(world);
    let clock = *world.resource::<Clock>();
    let due = clock.now.plus_hours(scn.file.turn_hours as i64);
    let mut board = read_board(world);
    for (ix, u) in scn.units.iter().enumerate() {
        let (arrived, removed) = {
            let t = world.resource::<Tally>();
            (t.arrived[ix], t.removed[ix])
        };
        if let Some(w) = u.withdraws
            && w <= due
            && arrived
            && !removed
            && board.get(ix as UnitIx).is_some()
        {
            board.remove(ix as UnitIx);
            world.resource_mut::<Tally>().removed[ix] = true;
            log(world, SimEvent::Withdrawn { unit: ix as UnitIx });
            continue;
        }
        let Some(a) = u.arrives else { continue };
        if arrived || a > due {
            continue;
        }
        if let Some(hex) = arrival_hex(&scn, &board, ix) {
            spawn_unit(world, &scn, ix, hex);
            log(
                world,
                SimEvent::Arrived {
                    unit: ix as UnitIx,
                    hex,
                },
            );
            board = read_board_with(world, board);
        }
    }
    write_board(world, &board);
    next(world, Phase::Victory);
}

/// Re-reads the board after a spawn, keeping removals already made on `board`.
fn read_board_with(world: &mut World, old: Board) -> Board {
    write_board(world, &old);
    read_board(world)
}

/// The unit's arrival hex, or the nearest one (within 3 hexes) free of enemies with room in the stack.
fn arrival_hex(scn: &Scenario, board: &Board, ix: usize) -> Option<HexId> {
    let u = &scn.units[ix];
    let ut = &scn.unit_types[u.kind];
    let axial = scn.map.axial(u.hex);
    let mut candidates: Vec<HexId> = axial
        .range(3)
        .filter_map(|a| scn.map.from_axial(a))
        .collect();
    candidates.sort_by_key(|&h| (scn.map.distance(u.hex, h), h));
    candidates.into_iter().find(|&h| {
        board.occupant(h) != Some(u.side.enemy())
            && scn.terrain_at(h).cost.get(ut.mobility).is_some()
            && board.stacking_at(scn, h) + ut.stacking <= scn.rules.stacking_limit
    })
}

/// Updates who holds each objective, ends the game after the last turn, or opens the next turn.
pub fn victory(world: &mut World) {
    let scn = scenario(world);
    let board = read_board(world);
    for (i, o) in scn.objectives.iter().enumerate() {
        if let Some(side) = board.occupant(o.hex) {
            let changed = {
                let mut t = world.resource_mut::<Tally>();
                let c = t.holders[i] != side;
                t.holders[i] = side;
                c
            };
            if changed {
                log(
                    world,
                    SimEvent::ObjectiveTaken {
                        name: o.name.clone(),
                        by: side,
                    },
                );
            }
        }
    }
    let clock = *world.resource::<Clock>();
    let side_gone = |side: Side| {
        let t = world.resource::<Tally>();
        board.live().all(|u| u.side != side)
            && scn
                .units
                .iter()
                .enumerate()
                .all(|(i, u)| u.side != side || t.arrived[i])
    };
    let last = clock.turn + 1 >= scn.turns();
    if last || side_gone(Side::Soviet) || side_gone(Side::Japanese) {
        let end = clock.now.plus_hours(scn.file.turn_hours as i64);
        let outcome = crate::sim::score(&scn, &board, world.resource::<Tally>(), end);
        log(
            world,
            SimEvent::GameOver {
                winner: outcome.winner,
                soviet_points: outcome.soviet_points,
                date: end,
            },
        );
        world.resource_mut::<Tally>().outcome = Some(outcome);
        next(world, Phase::GameOver);
        return;
    }
    {
        let mut c = world.resource_mut::<Clock>();
        c.turn += 1;
        c.now = c.now.plus_hours(scn.file.turn_hours as i64);
        c.active = scn.first_side;
    }
    start_turn(world, &scn);
    next(world, Phase::Orders);
}
