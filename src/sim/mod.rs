//! The headless simulation: [`SimPlugin`] owns the rules. Units are entities; the turn runs as a
//! Bevy state machine, one phase per app update:
//! `Orders → Movement → Combat` for the side with the initiative, then the same for the other side,
//! then `Supply → Reinforcements → Victory`, and the next turn (or `GameOver`).

pub mod apply;
pub mod board;
pub mod buckets;
pub mod events;
mod intake;
pub mod orders;
pub mod rules;
mod schedule;
pub mod state;

pub use apply::read_board;
pub use board::{Board, UnitSnap};
pub use events::{SimEvent, UnitLoss};
pub use intake::Resume;
pub use orders::{
    Controller, Humans, Order, OrderContext, OrderLog, Passive, PlayerCommand, PlayerCommands,
};
pub use rules::victory::score;
pub use rules::{aftermath, attack_setup, combat, movement, supply};
pub use state::*;

use crate::data::Stamp;
use crate::scenario::{Scenario, UnitIx};
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

/// The phases of a turn.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Phase {
    /// Units are being placed; the first update moves on to the first turn's orders.
    #[default]
    Setup,
    Orders,
    Movement,
    Combat,
    Supply,
    Reinforcements,
    Victory,
    GameOver,
}

/// Whether the turn systems may run this update (always, headless; the window closes it to pace a
/// computer side's phases so a person can follow them).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimGate(pub bool);

impl Default for SimGate {
    fn default() -> Self {
        SimGate(true)
    }
}

/// The scenario being played.
#[derive(Resource, Clone)]
pub struct SimScenario(pub Arc<Scenario>);

/// The game's one random stream; drawn from only by chained systems in a fixed order.
#[derive(Resource, Clone)]
pub struct GameRng(pub ChaCha8Rng);

/// The controllers giving each side's orders, indexed by `Side::index()`.
#[derive(Resource)]
pub struct Controllers(pub [Box<dyn Controller>; 2]);

/// Orders given this phase, waiting to be carried out.
#[derive(Resource, Default, Debug, Clone)]
pub struct PendingOrders(pub Vec<Order>);

/// Every event so far, in order: the one seam between the rules and everything that reads them.
#[derive(Resource, Default, Debug, Clone)]
pub struct EventLog(pub Vec<SimEvent>);

/// Owns the rules: adds the phase state machine, the turn systems and the game resources.
/// Needs `StatesPlugin` (not part of `MinimalPlugins`) and a scenario, seed and controllers, which
/// [`SimPlugin::new`] takes.
pub struct SimPlugin {
    scenario: Arc<Scenario>,
    seed: u64,
    controllers: std::sync::Mutex<Option<[Box<dyn Controller>; 2]>>,
}

impl SimPlugin {
    pub fn new(scenario: Arc<Scenario>, seed: u64, controllers: [Box<dyn Controller>; 2]) -> Self {
        SimPlugin {
            scenario,
            seed,
            controllers: std::sync::Mutex::new(Some(controllers)),
        }
    }
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let scn = self.scenario.clone();
        let controllers = self
            .controllers
            .lock()
            .expect("not poisoned")
            .take()
            .expect("SimPlugin built once");
        new_game(app.world_mut(), scn, self.seed, controllers);
        app.init_resource::<Humans>()
            .init_resource::<SimGate>()
            .init_state::<Phase>()
            .add_systems(
                SimStep,
                (
                    schedule::setup.run_if(in_state(Phase::Setup)),
                    schedule::orders.run_if(in_state(Phase::Orders)),
                    schedule::movement.run_if(in_state(Phase::Movement)),
                    schedule::combat.run_if(in_state(Phase::Combat)),
                    schedule::supply.run_if(in_state(Phase::Supply)),
                    schedule::reinforcements.run_if(in_state(Phase::Reinforcements)),
                    schedule::victory.run_if(in_state(Phase::Victory)),
                )
                    .chain()
                    .run_if(|gate: Res<SimGate>| gate.0),
            )
            .add_systems(Update, step);
    }
}

/// One phase of the game: the systems of the phase the game is in (each a chain of rules that
/// ends by naming the next phase). An app runs it once an update; a window playing a saved game
/// again runs it many times in a frame ([`replay_at_once`]).
#[derive(bevy::ecs::schedule::ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimStep;

/// Runs [`SimStep`] (in `Update`).
fn step(world: &mut World) {
    world.run_schedule(SimStep);
}

/// While a saved game (or an undone one) is played again up to where the person takes over, plays
/// it phase after phase within one call, for at most `budget`: the state moves from phase to
/// phase as the frames' own state transitions would move it. What the game gives is the same as
/// one phase a frame, only sooner.
pub fn replay_at_once(world: &mut World, budget: std::time::Duration) {
    let start = std::time::Instant::now();
    while world.resource::<Resume>().replaying() && start.elapsed() < budget {
        world.resource_mut::<SimGate>().0 = true;
        world.run_schedule(bevy::state::state::StateTransition);
        world.run_schedule(SimStep);
    }
}

/// Starts a game: the scenario, seed and controllers, a fresh clock, tally, random stream, logs
/// and order queues, and no units on the map (the setup phase places them). Called by
/// [`SimPlugin`]; a window calls it again (then sets [`Phase::Setup`]) to start another game in the
/// same app.
pub fn new_game(
    world: &mut World,
    scn: Arc<Scenario>,
    seed: u64,
    controllers: [Box<dyn Controller>; 2],
) {
    let units: Vec<Entity> = world
        .query_filtered::<Entity, With<UnitId>>()
        .iter(world)
        .collect();
    for e in units {
        world.despawn(e);
    }
    let n = scn.units.len();
    world.insert_resource(Clock {
        turn: 0,
        now: scn.file.start,
        active: scn.first_side,
    });
    world.insert_resource(GameRng(ChaCha8Rng::seed_from_u64(seed)));
    world.insert_resource(Controllers(controllers));
    world.insert_resource(GameState {
        holders: scn.objectives.iter().map(|o| o.holder).collect(),
        arrived: vec![false; n],
        removed: vec![false; n],
        lost_cut_off: vec![0; n],
        aircraft: scn.air_units.iter().map(|a| a.count).collect(),
        ..default()
    });
    world.insert_resource(UnitEntities(vec![None; n]));
    world.insert_resource(Knowledge::new(n));
    world.insert_resource(apply::RulesBoard::default());
    world.insert_resource(TurnState::default());
    world.insert_resource(SimScenario(scn));
    world.insert_resource(PendingOrders::default());
    world.insert_resource(PlayerCommands::default());
    world.insert_resource(Resume::default());
    world.insert_resource(EventLog::default());
    world.insert_resource(OrderLog::default());
}

/// The components that make a unit, as a query reads them.
pub type UnitParts<'a> = (
    &'a UnitId,
    &'a UnitSide,
    &'a Pos,
    &'a Strength,
    &'a Condition,
    &'a SupplyStatus,
);

/// A board of the units given (a view reads them with a `Query<UnitParts>`).
pub fn board_of<'a>(hexes: usize, units: impl Iterator<Item = UnitParts<'a>>) -> Board {
    let units = units
        .map(|(id, side, pos, s, c, sup)| UnitSnap {
            id: id.0,
            side: side.0,
            hex: pos.0,
            strength: s.clone(),
            condition: c.clone(),
            supply: *sup,
            gone: false,
            ghost: false,
        })
        .collect();
    Board::new(units, hexes)
}

/// Builds a headless app that plays one game: `MinimalPlugins`, `StatesPlugin` and [`SimPlugin`],
/// every schedule run on the calling thread. A game is a chain of exclusive systems, and batches
/// play games in parallel, one a thread; with Bevy's multi-threaded executor (on whenever the window
/// is built) each of a game's ~420 updates paid for waking the task pool: 8 times slower.
pub fn headless_app(
    scenario: Arc<Scenario>,
    seed: u64,
    controllers: [Box<dyn Controller>; 2],
) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::state::app::StatesPlugin,
        SimPlugin::new(scenario, seed, controllers),
    ));
    let mut schedules = app.world_mut().resource_mut::<Schedules>();
    for (_, schedule) in schedules.iter_mut() {
        schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
    }
    app
}

/// Upper bound on app updates for one game (9 phases a turn, with room to spare).
pub fn max_updates(scn: &Scenario) -> u32 {
    scn.turns() * 12 + 20
}

/// Plays a game headless up to the start of the turn at `when` (or its end) and returns the board.
pub fn board_at(
    scenario: &Arc<Scenario>,
    seed: u64,
    controllers: [Box<dyn Controller>; 2],
    when: Stamp,
) -> Board {
    let mut app = headless_app(scenario.clone(), seed, controllers);
    for _ in 0..max_updates(scenario) {
        let (now, over) = (
            app.world().resource::<Clock>().now,
            app.world().resource::<GameState>().outcome.is_some(),
        );
        let ordering = *app.world().resource::<State<Phase>>().get() == Phase::Orders;
        if over || (now >= when && ordering) {
            break;
        }
        app.update();
    }
    read_board(app.world_mut())
}

/// Runs an app's updates until the game is over (or `max_updates` pass); returns the outcome.
pub fn run_to_end(app: &mut App, max_updates: u32) -> Option<Outcome> {
    for _ in 0..max_updates {
        app.update();
        if let Some(o) = &app.world().resource::<GameState>().outcome {
            return Some(o.clone());
        }
    }
    None
}
