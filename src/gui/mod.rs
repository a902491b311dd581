//! The game window (cargo feature `gui`): the August battle played with the mouse against the
//! computer, or by two people at one screen. It only draws and sends orders: the simulation
//! ([`crate::sim::SimPlugin`]) runs in the same app and owns every rule; the window reads its units
//! and events and puts the player's clicks into [`crate::sim::PlayerCommands`].
//!
//! - `map_view`: the ground, rivers, bridges, tracks, claim line and objectives.
//! - `labels`: place names over the map, at a fixed size, beside the counters rather than under them.
//! - `units_view`: NATO-style counters that follow the simulation's units, with strength and status.
//! - `effects`: combat results floating over the hexes fought for.
//! - `overlay`: the selected unit, the hexes it can reach and the enemy's zones of control.
//! - `input`: clicks and keys into selections and orders (their meaning: [`crate::play`]).
//! - `hud`: the top bar, the unit and attack panel, the turn log, the end-turn button and the
//!   game-over summary.
//! - `games`: the scenario list (F2) and starting a game from it or from a save without leaving the window;
//! - `saves_view`: saving under a name (F6) and the list of saved games (F9);
//!   `discard`: asking before a game in progress is thrown away.
//! - `mods_view`: the mod list (F3) and the panel of problems shown on screen.
//! - `campaign_view`: a battle of a campaign: its end recorded in the campaign, N for the next.
//! - `help`: every control on one panel (F1).
//! - `handover`: the cover between the two players' turns of a hot-seat game.
//! - `reload`: watching the scenario's files and reloading the game when they change (Ctrl+R).
//! - `scrolling`: the mouse wheel scrolls a panel taller than the window.
//! - `supply_view`: V hatches the hexes beyond the side's supply.
//! - `wake`: other threads (the scenario list, the file watcher) wake the sleeping window.
//! - `camera`, `screenshot`.

mod camera;
pub mod campaign_view;
mod discard;
mod effects;
mod games;
mod handover;
mod help;
mod hud;
mod input;
pub mod labels;
mod line_mesh;
mod map_view;
pub mod menu;
mod mods_view;
mod overlay;
pub mod paths;
mod redraw;
mod reload;
mod retained;
mod saves_view;
mod screenshot;
mod scrolling;
pub mod supply_view;
mod units_view;
mod wake;
mod window_size;

pub use discard::{AskDiscard, DiscardPanel};
pub use effects::Refusal;
pub use games::{
    CampaignChoice, ListingNote, ScenarioChoice, ScenarioListPlugin, ScenarioMenu, ViewKept,
    undoable,
};
pub use handover::{HandoverCover, HandoverPlugin};
pub use help::{CONTROLS, HelpPanel, HelpPlugin};
pub use hud::{
    Briefing, GameOverPanel, LogLine, LogView, SidePanel, side_panel_under_summary,
    summary_under_lists, update_log,
};
pub use mods_view::{EnabledMods, ModsPlugin, Problems, ProblemsPanel};
pub use overlay::ViewBoard;
pub use reload::ReloadPlugin;
pub use saves_view::{SaveAs, SaveChoice, SavesList, SavesViewPlugin, list_saves, save_path};
pub use units_view::strength_figure;

use crate::control::ControllerKind;
pub use crate::control::controller_kinds;
use crate::data::Side;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::{Humans, Phase, SimGate, SimPlugin};
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The scenario the window shows.
#[derive(Resource, Clone)]
pub struct ViewedScenario(pub Arc<Scenario>);

/// Pixels per km on screen at zoom 1.
pub const PX_PER_KM: f32 = 24.0;

/// Who plays what.
#[derive(Debug, Clone)]
pub struct Players {
    /// Sides a person plays (both for hot seat).
    pub humans: [bool; 2],
    /// The computer's controller for the other side(s).
    pub computer: ControllerKind,
    /// Seconds between two phases of a computer side (0: one phase a frame); `None`: the pace kept
    /// in the settings ([`menu::Settings`]).
    pub pace: Option<f32>,
    /// A unit (by id) selected at the start, for previews and tests.
    pub select: Option<UnitIx>,
    /// Where F5 saves the game.
    pub save_to: PathBuf,
    /// A saved game to play again up to where it was saved (`play --load`).
    pub resume: Option<crate::sim::Resume>,
    /// Fog of war off for every scenario this window starts (`--no-fog`), not only the first.
    pub no_fog: bool,
    /// The campaign the game is a battle of.
    pub campaign: Option<crate::campaign::CampaignRun>,
}

/// What the game was started with: what a saved game must keep.
#[derive(Resource, Debug, Clone)]
pub struct GameSetup {
    pub seed: u64,
    pub controllers: (ControllerKind, ControllerKind),
    pub humans: [bool; 2],
    pub save_to: PathBuf,
    /// Fog of war off for every scenario started from the list or reloaded (`--no-fog`); a saved
    /// game keeps the setting it was played with.
    pub no_fog: bool,
    /// The campaign the game is a battle of, as it stood when the battle began (`None` outside a
    /// campaign).
    pub campaign: Option<crate::campaign::CampaignRun>,
}

impl GameSetup {
    /// `scn` with fog of war off when the window was asked to play without it.
    pub fn fog_as_asked(&self, mut scn: Scenario) -> Scenario {
        if self.no_fog {
            scn.file.fog.on = false;
        }
        scn
    }

    /// The game so far as a saved game that stops in the orders phase of the side to move now.
    pub fn saved_game(
        &self,
        scn: &Scenario,
        orders: &crate::sim::OrderLog,
        clock: &crate::sim::Clock,
    ) -> crate::saves::ReplayFile {
        let mut file = crate::saves::ReplayFile::new(scn, self.seed, self.controllers, orders);
        file.saved = Some(crate::saves::SavedAt {
            humans: self.humans,
            turn: clock.turn,
            side: clock.active,
        });
        file.campaign = self.campaign.as_ref().map(|r| r.progress.clone());
        file
    }

    /// Writes the game so far to `path` and says how it went, for the turn log.
    pub fn save_game(
        &self,
        scn: &Scenario,
        orders: &crate::sim::OrderLog,
        clock: &crate::sim::Clock,
        path: &std::path::Path,
    ) -> String {
        match self.saved_game(scn, orders, clock).save(path) {
            Ok(()) => format!("Game saved to {}", path.display()),
            Err(e) => format!("Could not save to {}: {e}", path.display()),
        }
    }
}

/// Seconds between two phases of a computer side, so its moves can be seen.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Pace(pub f32);

impl Default for Pace {
    fn default() -> Self {
        Pace(0.35)
    }
}

/// The unit the player has selected.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Selection(pub Option<UnitIx>);

/// The hex under the mouse pointer.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Hovered(pub Option<crate::map::HexId>);

/// The window's work in a frame, in this order: read the simulation's units, turn the player's
/// input into selections and orders, draw, update the panels. Input comes before drawing so that a
/// click shows in the frame that reads it (a selection ring, a refusal), not one frame later.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewStep {
    Read,
    Input,
    Draw,
    Panels,
}

/// Draws the map, units and panels, turns input into orders and paces the simulation.
pub struct GuiPlugin;

impl Plugin for GuiPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(Color::srgb(0.12, 0.13, 0.14)))
            .init_resource::<Pace>()
            .init_resource::<camera::CameraMoved>()
            .init_resource::<units_view::CounterFills>()
            .init_resource::<hud::Briefing>()
            .init_resource::<paths::ComputerPaths>()
            .init_resource::<supply_view::SupplyView>()
            .add_plugins((
                OrdersInputPlugin,
                wake::WakePlugin,
                games::ScenarioListPlugin,
                saves_view::SavesViewPlugin,
                mods_view::ModsPlugin,
                reload::ReloadPlugin,
                help::HelpPlugin,
                handover::HandoverPlugin,
                menu::MenuPlugin,
                campaign_view::CampaignViewPlugin,
            ))
            .add_systems(Startup, (hud::spawn_hud, supply_view::spawn_legend))
            .add_systems(
                Update,
                (
                    (
                        camera::fit_camera,
                        map_view::spawn_map,
                        labels::spawn_labels,
                    )
                        .chain()
                        .run_if(resource_changed::<ViewedScenario>),
                    window_size::fit_to_monitor,
                    camera::refit_on_resize,
                    pace,
                )
                    .chain()
                    .before(ViewStep::Read),
            )
            .add_systems(
                Update,
                (
                    units_view::sync_counters,
                    units_view::dim_spent,
                    units_view::update_figures,
                    (
                        effects::spawn_results,
                        effects::spawn_refusal,
                        effects::fade,
                    ),
                    units_view::animate_counters,
                    (
                        map_view::draw_hex_sides,
                        (supply_view::toggle.run_if(menu_closed), supply_view::draw).chain(),
                        map_view::shade_night,
                        units_view::draw_status,
                        overlay::draw,
                        overlay::keep_lines,
                        (paths::collect_paths, paths::draw_paths).chain(),
                        labels::place_labels,
                    ),
                )
                    .chain()
                    .in_set(ViewStep::Draw),
            )
            .add_systems(
                Update,
                (scrolling::wheel_scrolls_panels, camera::pan_and_zoom)
                    .in_set(ViewStep::Input)
                    .before(input::hover),
            )
            .add_systems(
                Update,
                (
                    hud::toggle_briefing.run_if(menu_closed),
                    hud::end_turn_button,
                    hud::update_top_bar,
                    hud::update_panel,
                    hud::update_log,
                    hud::game_over,
                    hud::summary_under_lists,
                    hud::side_panel_under_summary,
                )
                    .chain()
                    .in_set(ViewStep::Panels),
            );
    }
}

/// The part of the window that turns mouse and keys into selections and orders, without drawing
/// anything: the board read each frame, the hovered hex, clicks and keys. [`GuiPlugin`] adds it;
/// tests add it alone to a headless app with a window entity and a camera, and feed it input events.
pub struct OrdersInputPlugin;

impl Plugin for OrdersInputPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Selection>()
            .init_resource::<Hovered>()
            .init_resource::<effects::Refusal>()
            .init_resource::<LogView>()
            .init_resource::<overlay::ViewBoard>()
            .configure_sets(
                Update,
                (
                    ViewStep::Read,
                    ViewStep::Input,
                    ViewStep::Draw,
                    ViewStep::Panels,
                )
                    .chain(),
            )
            .add_systems(Update, overlay::read_view_board.in_set(ViewStep::Read))
            .add_systems(
                Update,
                (
                    input::hover,
                    input::click,
                    input::keys,
                    camera::centre_on_tabbed,
                    input::autosave,
                    hud::log_keys.run_if(menu_closed),
                    hud::log_clicks,
                    camera::follow_computer,
                )
                    .chain()
                    .in_set(ViewStep::Input),
            );
    }
}

/// Whether the Escape menu is closed: while it is open, the game's keys (end turn, undo, the
/// views, the log) do nothing, as the map takes no clicks.
pub fn menu_closed(menu: Option<Res<menu::MenuOpen>>) -> bool {
    !menu.is_some_and(|m| m.0)
}

/// Whether a person plays the side to move now and it is their orders phase.
pub fn players_turn(world_phase: Phase, active: Side, humans: &Humans) -> bool {
    world_phase == Phase::Orders && humans.0[active.index()]
}

/// Opens the simulation's gate: every frame during a person's turn, once every [`Pace`] seconds
/// otherwise (so the computer's moves are seen), and not while counters are still moving.
#[allow(clippy::too_many_arguments)]
fn pace(
    time: Res<Time>,
    pace: Res<Pace>,
    phase: Res<State<Phase>>,
    clock: Res<crate::sim::Clock>,
    humans: Res<Humans>,
    moving: Query<&units_view::Moving>,
    resume: Res<crate::sim::Resume>,
    mut gate: ResMut<SimGate>,
    mut waited: Local<f32>,
) {
    if players_turn(*phase.get(), clock.active, &humans) || resume.replaying() {
        gate.0 = true;
        return;
    }
    *waited += time.delta_secs();
    gate.0 = *waited >= pace.0 && (moving.is_empty() || pace.0 == 0.0);
    if gate.0 {
        *waited = 0.0;
    }
}

/// Where a screenshot goes and after how many frames.
#[derive(Debug, Clone)]
pub struct ScreenshotRequest {
    pub path: PathBuf,
    pub frames: u32,
}

/// Opens the window on a scenario and runs until it is closed (or the screenshot is written).
pub fn run_window(
    scenario: Arc<Scenario>,
    players: Players,
    seed: u64,
    screenshot: Option<ScreenshotRequest>,
) -> AppExit {
    let kinds = controller_kinds(players.humans, players.computer);
    let controllers = kinds.map(ControllerKind::build);
    let (settings, problem) = menu::Settings::load();
    if let Some(p) = problem {
        eprintln!("{p}");
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!("Khalkhin Gol 1939 — {}", scenario.file.name),
            resolution: (1280, 900).into(),
            ..default()
        }),
        ..default()
    }))
    .insert_resource(EnabledMods(scenario.mods.clone()))
    .insert_resource(ViewedScenario(scenario.clone()))
    .add_plugins(SimPlugin::new(scenario, seed, controllers))
    .insert_resource(Humans(players.humans))
    .insert_resource(Pace(players.pace.unwrap_or(settings.pace)))
    .insert_resource(UiScale(settings.ui_scale))
    .insert_resource(settings)
    .insert_resource(Selection(players.select))
    .insert_resource(GameSetup {
        seed,
        controllers: (kinds[0], kinds[1]),
        humans: players.humans,
        save_to: players.save_to,
        no_fog: players.no_fog,
        campaign: players.campaign,
    })
    .insert_resource(players.resume.unwrap_or_default())
    .add_plugins(GuiPlugin);
    match screenshot {
        // A screenshot counts frames: every frame is drawn.
        Some(req) => {
            app.insert_resource(screenshot::Pending::new(req))
                .add_systems(Update, screenshot::take_and_exit);
        }
        None => {
            app.add_plugins(redraw::RedrawPlugin);
        }
    }
    app.run()
}

/// Centre of a hex on screen (world units), x east, y north.
pub fn hex_world(scn: &Scenario, h: crate::map::HexId) -> Vec2 {
    let (x, y) = scn.map.center_km(h);
    Vec2::new(x as f32, -(y as f32)) * PX_PER_KM
}

/// The hex at a point on screen (world units).
pub fn world_hex(scn: &Scenario, p: Vec2) -> Option<crate::map::HexId> {
    scn.map
        .hex_at_km((p.x / PX_PER_KM) as f64, (-p.y / PX_PER_KM) as f64)
}

/// A `#rrggbb` colour, or grey when it cannot be read.
pub fn parse_colour(s: &str) -> Color {
    let hex = s.trim_start_matches('#');
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|b| u8::from_str_radix(b, 16).ok())
    };
    match (hex.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Color::srgb_u8(r, g, b),
        _ => Color::srgb(0.5, 0.5, 0.5),
    }
}
