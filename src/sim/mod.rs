//! The headless simulation: [`SimPlugin`] owns the rules. Units are entities; the turn runs as a
//! Bevy state machine, one phase per app update:
//! `Orders → Movement → Combat` for the side with the initiative, then the same for the other side,
//! then `Supply → Reinforcements → Victory`, and the next turn (or `GameOver`).

pub mod board;
pub mod buckets;
pub mod combat;
pub mod engage;
pub mod events;
pub mod movement;
mod phases;
pub use phases::CombatStage;
pub mod supply;
pub mod victory;

pub use board::{Board, Condition, Strength, SupplyStatus, UnitSnap};
pub use events::{Order, SimEvent};
pub use victory::score;

use crate::control::Controller;
use crate::data::{Side, Stamp};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
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

/// Which sides a person plays (indexed by `Side::index()`): their orders come through
/// [`PlayerCommands`], not a controller. Both `false` for headless games.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Humans(pub [bool; 2]);

/// What a person does in their side's orders phase, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayerCommand {
    /// A move or an attack, carried out at once (moves only before the turn's first attack).
    Order(Order),
    /// Ends the side's turn.
    EndTurn,
}

/// Commands waiting for the next orders phase of a person's side (the window fills it).
#[derive(Resource, Debug, Clone, Default)]
pub struct PlayerCommands(pub Vec<PlayerCommand>);

/// A saved game being played again: the people's orders by (turn, side index), given turn by turn
/// (each turn ended for them) until `stop`, where they are given and the person takes over.
#[derive(Resource, Debug, Clone, Default)]
pub struct Resume {
    pub orders: std::collections::BTreeMap<(u32, usize), Vec<Order>>,
    pub stop: Option<(u32, usize)>,
}

impl Resume {
    /// Whether the saved game is still being played again.
    pub fn replaying(&self) -> bool {
        self.stop.is_some()
    }
}

/// A person's turn so far: whether attacks have begun (which ends movement) and who attacked what.
#[derive(Resource, Debug, Clone, Default)]
pub struct HumanTurn {
    pub attacked: bool,
    pub stage: CombatStage,
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

/// A unit's stable id: its index in the scenario's unit list.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId(pub UnitIx);

/// The hex a unit stands in.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos(pub HexId);

/// The unit's side.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSide(pub Side);

/// Where the game stands in time.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// 0-based turn number.
    pub turn: u32,
    /// Start of the current turn.
    pub now: Stamp,
    /// Side whose orders, movement and combat are under way.
    pub active: Side,
}

/// The game's one random stream; drawn from only by chained systems in a fixed order.
#[derive(Resource, Clone)]
pub struct GameRng(pub ChaCha8Rng);

/// The controllers giving each side's orders, indexed by `Side::index()`.
#[derive(Resource)]
pub struct Controllers(pub [Box<dyn Controller>; 2]);

/// Orders given this phase, waiting to be carried out.
#[derive(Resource, Default, Debug, Clone)]
pub struct PendingOrders(pub Vec<Order>);

/// Every event so far, in order (the recorder's source).
#[derive(Resource, Default, Debug, Clone)]
pub struct EventLog(pub Vec<SimEvent>);

/// Every order given so far with its turn and side (a replay's content).
#[derive(Resource, Default, Debug, Clone)]
pub struct OrderLog(pub Vec<(u32, Side, Order)>);

/// Losses of one side in real quantities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Losses {
    pub men: u32,
    pub tanks: u32,
    pub armored_cars: u32,
    /// Field guns, howitzers and anti-tank guns.
    pub guns: u32,
}

/// Running totals the victory check and the statistics need.
#[derive(Resource, Debug, Clone, Default)]
pub struct Tally {
    pub losses: [Losses; 2],
    /// (formation index, date it was first cut off).
    pub encircled: Vec<(usize, Stamp)>,
    /// Formations currently cut off (at or above the encircled share).
    pub encircled_now: Vec<usize>,
    /// Holder of each scenario objective.
    pub holders: Vec<Side>,
    /// Units that have been placed on the map (reinforcements included).
    pub arrived: Vec<bool>,
    /// Units removed from play (destroyed, surrendered, withdrawn).
    pub removed: Vec<bool>,
    /// Air points left this turn per side.
    pub air_left: [f32; 2],
    pub outcome: Option<Outcome>,
}

/// The result of a finished game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub winner: Option<Side>,
    pub soviet_points: f32,
    pub end: Stamp,
}

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
                Update,
                (
                    phases::setup.run_if(in_state(Phase::Setup)),
                    phases::orders.run_if(in_state(Phase::Orders)),
                    phases::movement.run_if(in_state(Phase::Movement)),
                    phases::combat.run_if(in_state(Phase::Combat)),
                    phases::supply.run_if(in_state(Phase::Supply)),
                    phases::reinforcements.run_if(in_state(Phase::Reinforcements)),
                    phases::victory.run_if(in_state(Phase::Victory)),
                )
                    .chain()
                    .run_if(|gate: Res<SimGate>| gate.0),
            );
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
    world.insert_resource(Tally {
        holders: scn.objectives.iter().map(|o| o.holder).collect(),
        arrived: vec![false; n],
        removed: vec![false; n],
        ..default()
    });
    world.insert_resource(SimScenario(scn));
    world.insert_resource(PendingOrders::default());
    world.insert_resource(PlayerCommands::default());
    world.insert_resource(HumanTurn::default());
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

/// Reads every unit on the map into a board, sorted by id.
pub fn read_board(world: &mut World) -> Board {
    let hexes = world.resource::<SimScenario>().0.map.len();
    let mut q = world.query::<UnitParts>();
    board_of(hexes, q.iter(world))
}

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
        })
        .collect();
    Board::new(units, hexes)
}

/// Writes a board back to the world: changed components are updated, gone units despawned.
pub fn write_board(world: &mut World, board: &Board) {
    let mut q = world.query::<(
        Entity,
        &UnitId,
        &mut Pos,
        &mut Strength,
        &mut Condition,
        &mut SupplyStatus,
    )>();
    let mut gone = Vec::new();
    for (e, id, mut pos, mut s, mut c, mut sup) in q.iter_mut(world) {
        let Ok(i) = board.units.binary_search_by_key(&id.0, |u| u.id) else {
            continue;
        };
        let u = &board.units[i];
        if u.gone {
            gone.push(e);
            continue;
        }
        pos.set_if_neq(Pos(u.hex));
        if *s != u.strength {
            *s = u.strength.clone();
        }
        if *c != u.condition {
            *c = u.condition.clone();
        }
        sup.set_if_neq(u.supply);
    }
    for e in gone {
        world.despawn(e);
    }
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
            app.world().resource::<Tally>().outcome.is_some(),
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
        if let Some(o) = &app.world().resource::<Tally>().outcome {
            return Some(o.clone());
        }
    }
    None
}
