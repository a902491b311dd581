//! Applying events: the only code that changes a game. [`apply`] changes the world for one event;
//! [`Step`] is how a rule emits events during a phase: each is applied at once, the rules' board is
//! brought up to date with it, and it joins the event log.

use super::board::{Board, UnitSnap};
use super::events::{SimEvent, Touches, UnitLoss};
use super::rules::recovery::Wreck;
use super::state::*;
use super::{EventLog, GameRng, SimScenario};
use crate::scenario::{Scenario, UnitIx};
use bevy::prelude::*;
use rand::RngExt;
use std::sync::Arc;

fn entity(world: &World, id: UnitIx) -> Option<Entity> {
    world
        .resource::<UnitEntities>()
        .0
        .get(id as usize)
        .copied()
        .flatten()
}

fn subtract(s: &mut Strength, loss: &UnitLoss) {
    s.men -= loss.men.min(s.men);
    for &(e, n) in &loss.equipment {
        if let Some(slot) = s.equipment.iter_mut().find(|(x, _)| *x == e) {
            slot.1 -= n.min(slot.1);
        }
    }
}

/// Takes a loss from a unit's strength (nothing if it is not on the map).
fn lose(world: &mut World, id: UnitIx, loss: &UnitLoss) {
    if let Some(e) = entity(world, id)
        && let Some(mut s) = world.get_mut::<Strength>(e)
    {
        subtract(&mut s, loss);
    }
}

fn change_condition(world: &mut World, id: UnitIx, f: impl FnOnce(&mut Condition)) {
    if let Some(e) = entity(world, id)
        && let Some(mut c) = world.get_mut::<Condition>(e)
    {
        f(&mut c);
    }
}

fn relocate(world: &mut World, id: UnitIx, to: crate::map::HexId) {
    if let Some(e) = entity(world, id)
        && let Some(mut p) = world.get_mut::<Pos>(e)
    {
        p.0 = to;
    }
}

fn place(world: &mut World, scn: &Scenario, id: UnitIx, hex: crate::map::HexId) {
    let u = &scn.units[id as usize];
    let e = world
        .spawn((
            UnitId(id),
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
                ammo: scn.ammunition[u.side.index()].carried,
            },
            SupplyStatus::default(),
        ))
        .id();
    world.resource_mut::<UnitEntities>().0[id as usize] = Some(e);
    world.resource_mut::<GameState>().arrived[id as usize] = true;
}

fn remove(world: &mut World, id: UnitIx) {
    if let Some(e) = world.resource_mut::<UnitEntities>().0[id as usize].take() {
        world.despawn(e);
    }
    let mut k = world.resource_mut::<Knowledge>();
    let i = id as usize;
    for side in 0..2 {
        if i < k.last[side].len() {
            k.last[side][i] = None;
            k.seen[side][i] = false;
            k.ghost[side][i] = None;
        }
    }
    world.resource_mut::<GameState>().removed[id as usize] = true;
}

/// The supply status of a unit on the map.
fn unit_supply(world: &World, id: UnitIx) -> Option<SupplyStatus> {
    let e = world.resource::<UnitEntities>().0[id as usize]?;
    world.get::<SupplyStatus>(e).copied()
}

fn count_loss(world: &mut World, scn: &Scenario, id: UnitIx, loss: &UnitLoss) {
    let side = scn.units[id as usize].side;
    world.resource_mut::<GameState>().losses[side.index()].add(scn, loss);
}

/// Every unit on the map, for the events that change them all.
fn for_each_unit(world: &mut World, mut f: impl FnMut(&Pos, &mut Condition, &mut SupplyStatus)) {
    let mut q = world.query::<(&Pos, &mut Condition, &mut SupplyStatus)>();
    for (p, mut c, mut s) in q.iter_mut(world) {
        f(p, &mut c, &mut s);
    }
}

/// Applies one event to the world.
pub fn apply(world: &mut World, scn: &Scenario, e: &SimEvent) {
    use SimEvent::*;
    let rules = &scn.rules;
    match e {
        Deployed { unit, hex } | Arrived { unit, hex } => place(world, scn, *unit, *hex),
        TurnStarted {
            turn, date, air, ..
        } => {
            let mut c = world.resource_mut::<Clock>();
            c.turn = *turn;
            c.now = *date;
            let mut g = world.resource_mut::<GameState>();
            g.air_left = *air;
            g.raided = [false; 2];
            let night = scn.is_night(*date);
            let mut k = world.resource_mut::<Knowledge>();
            k.night = night;
            k.air = air.map(|a| !night && a > 0.0);
        }
        Sighted {
            side,
            seen,
            lost,
            gone,
        } => {
            let ghosts: Vec<_> = lost
                .iter()
                .map(|&u| {
                    entity(world, u).and_then(|e| {
                        Some((
                            world.get::<Strength>(e)?.clone(),
                            world.get::<Condition>(e)?.clone(),
                        ))
                    })
                })
                .collect();
            let mut k = world.resource_mut::<Knowledge>();
            let k = &mut *k;
            let i = side.index();
            for &(u, hex) in seen {
                k.last[i][u as usize] = Some(hex);
                k.seen[i][u as usize] = true;
                k.ghost[i][u as usize] = None;
            }
            for (&u, g) in lost.iter().zip(ghosts) {
                k.seen[i][u as usize] = false;
                k.ghost[i][u as usize] = g;
            }
            for &u in gone {
                k.last[i][u as usize] = None;
                k.seen[i][u as usize] = false;
                k.ghost[i][u as usize] = None;
            }
        }
        // The board's step-table period follows the clock (`Step::emit`); nothing else changes.
        BridgeChanged { .. } => {}
        AirfieldRaid {
            side,
            air,
            destroyed,
        } => {
            let mut g = world.resource_mut::<GameState>();
            g.air_left[side.index()] -= air;
            g.raided[side.index()] = true;
            for &(i, n) in destroyed {
                g.aircraft[i] -= n.min(g.aircraft[i]);
                g.losses[scn.air_units[i].side.index()].aircraft += n;
            }
        }
        AirBattle { losses, .. } => {
            let mut g = world.resource_mut::<GameState>();
            for &(i, n) in losses {
                g.aircraft[i] -= n.min(g.aircraft[i]);
                g.losses[scn.air_units[i].side.index()].aircraft += n;
            }
        }
        SideToMove { side } => {
            world.resource_mut::<Clock>().active = *side;
            *world.resource_mut::<TurnState>() = TurnState::default();
        }
        Moved {
            unit, to, hours, ..
        } => {
            relocate(world, *unit, *to);
            change_condition(world, *unit, |c| {
                // A move of no measurable time still counts as having moved.
                c.moved_hours += hours.max(0.01);
                c.entrenchment = 0;
                c.fatigue = (c.fatigue + hours * rules.fatigue_per_move_hour).min(100.0);
            });
        }
        OrderRejected { .. } | Contact { .. } | Taken { .. } | SupplyCut { .. } => {}
        Combat {
            side,
            attackers,
            defenders,
            target,
            attacker_losses,
            defender_losses,
            attacker_cohesion_loss,
            defender_cohesion_loss,
            artillery,
            air,
            wrecks,
            ..
        } => {
            for (list, losses, cohesion) in [
                (attackers, attacker_losses, *attacker_cohesion_loss),
                (defenders, defender_losses, *defender_cohesion_loss),
            ] {
                for (&id, loss) in list.iter().zip(losses) {
                    lose(world, id, loss);
                    change_condition(world, id, |c| {
                        c.cohesion = (c.cohesion - cohesion).max(0.0);
                        c.fought = true;
                    });
                    count_loss(world, scn, id, loss);
                }
            }
            for &id in artillery {
                change_condition(world, id, |c| {
                    c.fired = true;
                    c.ammo = (c.ammo - 1.0).max(0.0);
                });
            }
            let mut g = world.resource_mut::<GameState>();
            g.air_left[side.index()] -= air;
            g.wrecks
                .extend(wrecks.iter().map(|&(unit, equipment, count)| Wreck {
                    side: scn.units[unit as usize].side,
                    unit,
                    equipment,
                    count,
                    hex: *target,
                }));
            let mut t = world.resource_mut::<TurnState>();
            t.attacked = true;
            t.used.extend(attackers);
            t.hit.push(*target);
        }
        Bombarded {
            unit,
            targets,
            losses,
            cohesion_loss,
            ..
        } => {
            change_condition(world, *unit, |c| {
                c.fired = true;
                c.ammo = (c.ammo - 1.0).max(0.0);
            });
            for ((&id, loss), &cohesion) in targets.iter().zip(losses).zip(cohesion_loss) {
                lose(world, id, loss);
                change_condition(world, id, |c| c.cohesion = (c.cohesion - cohesion).max(0.0));
                count_loss(world, scn, id, loss);
            }
        }
        Recovered {
            unit,
            hex,
            equipment,
        } => {
            if let Some(e) = entity(world, *unit)
                && let Some(mut s) = world.get_mut::<Strength>(e)
            {
                for &(k, n) in equipment {
                    match s.equipment.iter_mut().find(|(x, _)| *x == k) {
                        Some(slot) => slot.1 += n,
                        None => {
                            s.equipment.push((k, n));
                            s.equipment.sort_unstable();
                        }
                    }
                }
            }
            let side = scn.units[*unit as usize].side;
            let mut g = world.resource_mut::<GameState>();
            g.losses[side.index()].recover(scn, equipment);
            g.wrecks.retain(|w| !(w.unit == *unit && w.hex == *hex));
        }
        WrecksLost { side, hex, wrecks } => {
            world.resource_mut::<GameState>().wrecks.retain(|w| {
                !(w.side == *side
                    && w.hex == *hex
                    && wrecks
                        .iter()
                        .any(|&(u, e, _)| u == w.unit && e == w.equipment))
            });
        }
        Retreated { unit, to, .. } => {
            relocate(world, *unit, *to);
            change_condition(world, *unit, |c| {
                c.cohesion = (c.cohesion - rules.combat.retreat_cohesion_cost).max(0.0);
                c.entrenchment = 0;
            });
        }
        Routed { unit, loss } => {
            lose(world, *unit, loss);
            count_loss(world, scn, *unit, loss);
        }
        Attrition { unit, men } => {
            let loss = UnitLoss {
                men: *men,
                equipment: Vec::new(),
            };
            lose(world, *unit, &loss);
            count_loss(world, scn, *unit, &loss);
        }
        Advanced { unit, to } => {
            relocate(world, *unit, *to);
            change_condition(world, *unit, |c| c.entrenchment = 0);
        }
        Surrendered { unit, loss, .. } | Destroyed { unit, loss } => {
            count_loss(world, scn, *unit, loss);
            let cut_off = unit_supply(world, *unit)
                .is_some_and(|s| s.turns_out >= rules.supply.encircled_after_turns);
            if cut_off {
                world.resource_mut::<GameState>().lost_cut_off[*unit as usize] = loss.men;
            }
            remove(world, *unit);
        }
        Withdrawn { unit } => remove(world, *unit),
        SideTurnEnded { .. } => {
            for_each_unit(world, |_, c, _| c.fired = false);
            *world.resource_mut::<TurnState>() = TurnState::default();
        }
        SupplyTraced { cut } => {
            let mut q = world.query::<(&UnitId, &UnitSide, &mut Condition, &mut SupplyStatus)>();
            for (id, side, mut c, mut s) in q.iter_mut(world) {
                if cut.binary_search(&id.0).is_ok() {
                    s.turns_out += 1;
                    c.cohesion = (c.cohesion - rules.supply.cohesion_loss).max(0.0);
                } else {
                    s.turns_out = 0;
                    let a = scn.ammunition[side.0.index()];
                    c.ammo = (c.ammo + a.per_turn).min(a.carried);
                }
            }
        }
        Rested => for_each_unit(world, |p, c, s| {
            if c.moved_hours == 0.0 && !c.fought {
                c.entrenchment = (c.entrenchment + 1).min(scn.terrain_at(p.0).max_entrenchment);
                if s.in_supply() {
                    c.cohesion = (c.cohesion + rules.cohesion_recovery).min(100.0);
                }
            }
            c.fatigue = (c.fatigue - rules.fatigue_recovery).max(0.0);
            c.moved_hours = 0.0;
            c.fought = false;
        }),
        FormationEncircled { formation, .. } => {
            let f = formation_index(scn, formation);
            let mut g = world.resource_mut::<GameState>();
            if let Err(i) = g.encircled_now.binary_search(&f) {
                g.encircled_now.insert(i, f);
            }
        }
        FormationRelieved { formation, .. } => {
            let f = formation_index(scn, formation);
            world
                .resource_mut::<GameState>()
                .encircled_now
                .retain(|&x| x != f);
        }
        ObjectiveTaken { objective, by, .. } => {
            world.resource_mut::<GameState>().holders[*objective] = *by;
        }
        GameOver {
            winner,
            soviet_points,
            date,
        } => {
            world.resource_mut::<GameState>().outcome = Some(Outcome {
                winner: *winner,
                soviet_points: *soviet_points,
                end: *date,
            });
        }
    }
}

fn formation_index(scn: &Scenario, key: &str) -> usize {
    scn.formations
        .iter()
        .position(|f| f.key == key)
        .expect("events name the scenario's formations")
}

/// The units of the world as the rules read them, sorted by id.
pub fn read_board(world: &mut World) -> Board {
    let scn = world.resource::<SimScenario>().0.clone();
    let epoch = world
        .get_resource::<Clock>()
        .map_or(0, |c| scn.epoch_at(c.now));
    let mut q = world.query::<super::UnitParts>();
    let mut board = super::board_of(scn.map.len(), q.iter(world));
    board.epoch = epoch;
    board
}

/// The rules' board between phases: kept current by [`Step`] as events are applied, so a phase
/// need not read the world again. `None` until the first phase reads it.
#[derive(Resource, Default)]
pub struct RulesBoard(pub Option<Board>);

/// Brings one unit of the board up to date with the world (in place, without allocating where the
/// unit's equipment list has not grown).
fn refresh_unit(
    board: &mut Board,
    id: UnitIx,
    (side, hex, strength, condition, supply): (
        &UnitSide,
        &Pos,
        &Strength,
        &Condition,
        &SupplyStatus,
    ),
) {
    match board.get_mut(id) {
        Some(u) => {
            u.strength.clone_from(strength);
            u.condition.clone_from(condition);
            u.supply = *supply;
            if u.hex != hex.0 {
                board.relocate(id, hex.0);
            }
        }
        None => board.put(UnitSnap {
            id,
            side: side.0,
            hex: hex.0,
            strength: strength.clone(),
            condition: condition.clone(),
            supply: *supply,
            gone: false,
            ghost: false,
        }),
    }
}

fn refresh(world: &World, board: &mut Board, id: UnitIx) {
    let parts = entity(world, id).and_then(|e| {
        Some((
            world.get::<UnitSide>(e)?,
            world.get::<Pos>(e)?,
            world.get::<Strength>(e)?,
            world.get::<Condition>(e)?,
            world.get::<SupplyStatus>(e)?,
        ))
    });
    match parts {
        Some(p) => refresh_unit(board, id, p),
        None => board.remove(id),
    }
}

fn refresh_all(world: &mut World, board: &mut Board) {
    let mut q = world.query::<super::UnitParts>();
    for (id, side, pos, s, c, sup) in q.iter(world) {
        refresh_unit(board, id.0, (side, pos, s, c, sup));
    }
}

/// One phase of the rules at work: the world, the scenario, and the board the rules read, kept
/// current as each event is applied. The board is handed on to the next phase when the step ends.
pub struct Step<'w> {
    world: &'w mut World,
    pub scn: Arc<Scenario>,
    pub board: Board,
}

impl Drop for Step<'_> {
    fn drop(&mut self) {
        let board = std::mem::replace(&mut self.board, Board::new(Vec::new(), 0));
        self.world.resource_mut::<RulesBoard>().0 = Some(board);
    }
}

impl<'w> Step<'w> {
    pub fn new(world: &'w mut World) -> Step<'w> {
        let scn = world.resource::<SimScenario>().0.clone();
        let board = match world.resource_mut::<RulesBoard>().0.take() {
            Some(b) => b,
            None => read_board(world),
        };
        Step { world, scn, board }
    }

    /// Applies the event, updates the board and logs the event.
    pub fn emit(&mut self, e: SimEvent) {
        let moving = if self.scn.file.fog.on {
            super::rules::sight::moving(&self.scn, &self.board, &e)
        } else {
            None
        };
        apply(self.world, &self.scn, &e);
        if let SimEvent::TurnStarted { date, .. } = &e {
            self.board.epoch = self.scn.epoch_at(*date);
        }
        match e.touches() {
            Touches::Nothing => {}
            Touches::One(id) => refresh(self.world, &mut self.board, id),
            Touches::Some(a, b, c) => {
                for &id in a.iter().chain(b).chain(c) {
                    refresh(self.world, &mut self.board, id);
                }
            }
            Touches::All => refresh_all(self.world, &mut self.board),
        }
        self.world.resource_mut::<EventLog>().0.push(e);
        if let Some((unit, side, from)) = moving {
            let to = self.board.get(unit).map(|u| u.hex);
            super::rules::sight::follow(self, unit, side, from, to);
        }
    }

    /// What each side knows of the enemy (fog of war).
    pub fn knowledge(&self) -> &Knowledge {
        self.world.resource::<Knowledge>()
    }

    /// Names the phase that follows this one.
    pub fn next_phase(&mut self, p: super::Phase) {
        self.world.resource_mut::<NextState<super::Phase>>().set(p);
    }

    pub fn game(&self) -> &GameState {
        self.world.resource::<GameState>()
    }

    pub fn clock(&self) -> Clock {
        *self.world.resource::<Clock>()
    }

    pub fn turn(&self) -> &TurnState {
        self.world.resource::<TurnState>()
    }

    /// The next draw of the game's random stream, uniform in [0, 1).
    pub fn draw(&mut self) -> f32 {
        self.world.resource_mut::<GameRng>().0.random()
    }

    /// Records an order given, carried out or (with `refused`) refused by the rules (a replay's
    /// content).
    pub fn record_order(&mut self, order: super::Order, refused: bool) {
        let clock = *self.world.resource::<Clock>();
        let mut log = self.world.resource_mut::<super::OrderLog>();
        if refused {
            let at = log.0.len();
            log.1.push(at);
        }
        log.0.push((clock.turn, clock.active, order));
    }
}
