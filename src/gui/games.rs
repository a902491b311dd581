//! Starting another game without leaving the window: F2 opens the list of scenarios (the files in
//! `scenarios/` and in the user's mod folder, each checked as it is listed: a broken one shows its
//! first error instead of a button); the saved games' list (`saves_view`, F9) loads one. Either starts a new game
//! in the same app ([`crate::sim::new_game`]); the map, counters and panels follow.

use super::hud::LogView;
use super::{GameSetup, Selection, ViewedScenario};
use crate::saves::{ReplayFile, SavedAt};
use crate::scenario::load_scenario_with;
use crate::sim::{Humans, Phase, Resume, new_game};
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The scenario list panel.
#[derive(Component)]
pub struct ScenarioMenu;

/// A button in the list: the scenario file it starts.
#[derive(Component)]
pub struct ScenarioChoice(pub PathBuf);

/// A new game asked for, started by [`start_requested_game`].
#[derive(Resource, Debug, Clone, PartialEq)]
pub enum NewGame {
    Scenario(PathBuf),
    Load(PathBuf),
    /// The game now shown, its files read again (with the enabled mods) and its orders played
    /// again on them ([`super::reload`]).
    Reload,
    /// The game now shown, played again without its last order: a move of the person's side in
    /// this turn ([`undoable`]).
    Undo,
    /// A campaign from its file: continued at its next battle, or begun `anew`.
    Campaign {
        path: PathBuf,
        anew: bool,
    },
    /// The next battle of the campaign whose battle just ended ([`super::campaign_view`]).
    CampaignNext,
}

/// Whether the last order carried out can be undone, or why not: only a move of the side whose
/// turn it is, in this turn, that showed it nothing new of the enemy (`events`: the game's
/// events) — an attack, a bombardment or a raid drew on chance and showed the enemy, a move that
/// brought enemy units into sight or ran into them revealed what cannot be unseen; nor can the
/// turns before be taken back.
pub fn undoable(
    orders: &crate::sim::OrderLog,
    clock: &crate::sim::Clock,
    events: &[crate::sim::SimEvent],
) -> Result<(), String> {
    use crate::sim::SimEvent;
    match orders.0.last() {
        Some((turn, side, crate::sim::Order::Move { unit, .. }))
            if *turn == clock.turn && *side == clock.active =>
        {
            let moved = events
                .iter()
                .rposition(|e| matches!(e, SimEvent::Moved { unit: u, .. } if u == unit))
                .unwrap_or(events.len());
            let revealed = events[moved..].iter().any(|e| match e {
                SimEvent::Contact { .. } => true,
                SimEvent::Sighted {
                    side: s,
                    seen,
                    gone,
                    ..
                } => s == side && (!seen.is_empty() || !gone.is_empty()),
                _ => false,
            });
            if revealed {
                Err("the move showed you the enemy, which cannot be unseen".into())
            } else {
                Ok(())
            }
        }
        Some((turn, side, _)) if *turn == clock.turn && *side == clock.active => {
            Err("nothing to undo: an attack, a bombardment or a raid cannot be taken back".into())
        }
        _ => Err("nothing to undo in this turn".into()),
    }
}

/// Folders whose `.ron` scenario files the list offers: `scenarios/`, then the user's mod folder
/// (`$XDG_DATA_HOME/khalkhin-gol/scenarios`, else `~/.local/share/khalkhin-gol/scenarios`).
pub fn scenario_folders() -> Vec<PathBuf> {
    let mut dirs = vec![crate::fsio::game_root().join("scenarios")];
    if let Some(d) = crate::fsio::user_data_dir() {
        dirs.push(d.join("scenarios"));
    }
    dirs
}

/// Most files the list offers from one folder.
const MAX_LISTED: usize = 200;

/// The `.ron` files of a folder the list offers: the first [`MAX_LISTED`] by name (of at most
/// ten times as many looked at); none when the folder cannot be read.
fn listed_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .take(10 * MAX_LISTED)
        .collect();
    files.sort();
    files.truncate(MAX_LISTED);
    files
}

/// Scenario files in the folders and the enabled mods' `scenarios/`, in the order of their start
/// dates (at most [`MAX_LISTED`] a folder), each with its name or its first error, checked with the mods.
pub fn list_scenarios(mods: &[PathBuf]) -> Vec<(PathBuf, Result<String, String>)> {
    let mut out = Vec::new();
    let set = match crate::mods::ModSet::load(mods) {
        Ok(s) => s,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or("").to_string();
            out.push((
                PathBuf::from("mods"),
                Err(format!("the enabled mods cannot load: {first}")),
            ));
            crate::mods::ModSet::none()
        }
    };
    let mut folders = scenario_folders();
    folders.extend(set.mods.iter().map(|m| m.dir.join("scenarios")));
    for dir in folders {
        let files = listed_files(&dir);
        // In the order of the campaign (the start of each scenario), then the file's name; files
        // with errors last.
        let mut listed: Vec<_> = files
            .into_iter()
            .map(|f| {
                let scn = load_scenario_with(&f, &set);
                let start = scn.as_ref().ok().map(|s| s.file.start);
                let what = scn
                    .map(|s| s.file.name.clone())
                    .map_err(|e| e.to_string().lines().next().unwrap_or("").to_string());
                (start.is_none(), start, f, what)
            })
            .collect();
        listed.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        out.extend(listed.into_iter().map(|(_, _, f, what)| (f, what)));
    }
    out
}

/// A campaign as the list offers it: its name, its battles, and the battle it is at when one is
/// under way.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignListed {
    pub name: String,
    pub battles: usize,
    pub under_way: Option<String>,
}

/// Folders whose `.ron` campaign files the list offers: `campaigns/`, then the user's
/// (`$XDG_DATA_HOME/khalkhin-gol/campaigns`, else `~/.local/share/khalkhin-gol/campaigns`).
pub fn campaign_folders() -> Vec<PathBuf> {
    let mut dirs = vec![crate::fsio::game_root().join("campaigns")];
    if let Some(d) = crate::fsio::user_data_dir() {
        dirs.push(d.join("campaigns"));
    }
    dirs
}

/// Campaign files in the folders and the enabled mods' `campaigns/` (at most [`MAX_LISTED`] a
/// folder, by file name), each with what the list shows or its first error, checked with the mods.
pub fn list_campaigns(mods: &[PathBuf]) -> Vec<(PathBuf, Result<CampaignListed, String>)> {
    let set = crate::mods::ModSet::load(mods).unwrap_or_default();
    let mut folders = campaign_folders();
    folders.extend(set.mods.iter().map(|m| m.dir.join("campaigns")));
    let mut out = Vec::new();
    for dir in folders {
        for f in listed_files(&dir) {
            let listed = crate::campaign::load_campaign(&f, &set)
                .map(|c| {
                    let progress = crate::campaign::progress_path(&c.file.id)
                        .and_then(|p| crate::campaign::Progress::load(&p).ok())
                        .filter(|p| !p.over());
                    let under_way = progress.and_then(|p| {
                        let b = p.next_battle(&c)?;
                        Some(format!(
                            "battle {} of {}, {}",
                            p.played.len() + 1,
                            c.battles.len(),
                            c.battles[b].scenario.file.name
                        ))
                    });
                    CampaignListed {
                        name: c.file.name.clone(),
                        battles: c.battles.len(),
                        under_way,
                    }
                })
                .map_err(|e| e.to_string().lines().next().unwrap_or("").to_string());
            out.push((f, listed));
        }
    }
    out
}

/// A button in the list: the campaign file it begins (`anew`) or continues.
#[derive(Component)]
pub struct CampaignChoice {
    pub path: PathBuf,
    pub anew: bool,
}

/// The scenario list (F2: the files of `scenarios/` and the user's mod folder, checked on a thread
/// of their own, click one to start it).
pub struct ScenarioListPlugin;

impl Plugin for ScenarioListPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<super::mods_view::EnabledMods>()
            .init_resource::<super::wake::Wake>()
            .init_resource::<super::mods_view::Problems>()
            .add_plugins(super::discard::DiscardPlugin)
            .add_systems(
                Update,
                (keys, fill_listing, choose)
                    .chain()
                    .before(super::ViewStep::Read),
            )
            // Before the frame's state transition and turn systems: started in `Update`, unordered
            // with the turn systems, the new game's (empty) world could be played one phase in the
            // old game's state before its setup placed any unit (an undo or a load in the window
            // emptied the map).
            .add_systems(
                PreUpdate,
                (start_requested_game, play_again_at_once).chain(),
            );
    }
}

/// F2 opens or closes the scenario list (F9, the saved games: `saves_view`).
pub fn keys(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    menu: Query<Entity, With<ScenarioMenu>>,
    mods: Res<super::mods_view::EnabledMods>,
    wake: Res<super::wake::Wake>,
) {
    if !keys.just_pressed(KeyCode::F2) {
        return;
    }
    if let Ok(e) = menu.single() {
        commands.entity(e).despawn();
        return;
    }
    let text = menu_text;
    commands
        .spawn((
            ScenarioMenu,
            super::hud::floating(
                (percent(15), percent(25), percent(50)),
                (14.0, 6.0),
                10,
                Color::srgb(0.05, 0.05, 0.06),
            ),
        ))
        .with_children(|menu| {
            menu.spawn(text(
                format!(
                    "Campaigns and scenarios (click one to start; F2 closes). Yours go in {} and {}",
                    scenario_folders()
                        .get(1)
                        .map_or(String::new(), |d| d.display().to_string()),
                    campaign_folders()
                        .get(1)
                        .map_or(String::new(), |d| d.display().to_string()),
                ),
                14.0,
            ));
            menu.spawn((
                ListingNote,
                text("Checking the scenario files…".into(), 13.0),
            ));
        });
    // The files are read and checked on a thread of their own: a slow or hostile mod file cannot
    // freeze the window.
    let slot: ListingSlot = Default::default();
    let filled = slot.clone();
    let dirs = mods.0.clone();
    let wake = wake.clone();
    std::thread::spawn(move || {
        let list = (list_campaigns(&dirs), list_scenarios(&dirs));
        if let Ok(mut s) = filled.lock() {
            *s = Some(list);
        }
        // The window sleeps until input or news: this is news.
        wake.wake();
    });
    commands.insert_resource(Listing(Some(slot)));
}

/// A line of the scenario menu.
fn menu_text(s: String, size: f32) -> (Text, TextFont, TextColor) {
    super::hud::panel_text(&s, size, Color::srgb(0.92, 0.92, 0.88))
}

/// The campaigns and scenarios the list offers, each with what it shows or why it cannot be played.
type Listed = (
    Vec<(PathBuf, Result<CampaignListed, String>)>,
    Vec<(PathBuf, Result<String, String>)>,
);

/// The scenario list being checked: the thread's result once it is done.
type ListingSlot = Arc<std::sync::Mutex<Option<Listed>>>;

/// The scenario list being checked on its thread, if any.
#[derive(Resource, Default)]
pub struct Listing(Option<ListingSlot>);

/// The line that says the list is being checked.
#[derive(Component)]
pub struct ListingNote;

/// Fills the scenario menu once its files are checked.
pub fn fill_listing(
    mut commands: Commands,
    listing: Option<ResMut<Listing>>,
    menu: Query<Entity, With<ScenarioMenu>>,
    note: Query<Entity, With<ListingNote>>,
) {
    let Some(mut listing) = listing else { return };
    let Some(slot) = &listing.0 else { return };
    let Some((campaigns, list)) = slot.lock().ok().and_then(|mut s| s.take()) else {
        return;
    };
    listing.0 = None;
    let Ok(menu) = menu.single() else {
        return; // closed meanwhile
    };
    for e in &note {
        commands.entity(e).despawn();
    }
    let text = menu_text;
    let button = |colour: Color| {
        (
            Button,
            Node {
                padding: UiRect::axes(px(8), px(4)),
                ..default()
            },
            BackgroundColor(colour),
        )
    };
    commands.entity(menu).with_children(|menu| {
        if !campaigns.is_empty() {
            menu.spawn(text(
                "Campaigns (the battles one after another; your units carry what they kept):"
                    .into(),
                14.0,
            ));
        }
        for (path, what) in campaigns {
            match what {
                Ok(c) => {
                    if let Some(at) = &c.under_way {
                        menu.spawn((
                            CampaignChoice {
                                path: path.clone(),
                                anew: false,
                            },
                            button(Color::srgb(0.26, 0.24, 0.14)),
                        ))
                        .with_child(text(format!("Continue {}: {at}", c.name), 15.0));
                    }
                    let begin = if c.under_way.is_some() {
                        "Begin anew"
                    } else {
                        "Begin"
                    };
                    menu.spawn((
                        CampaignChoice {
                            path: path.clone(),
                            anew: true,
                        },
                        button(Color::srgb(0.20, 0.20, 0.28)),
                    ))
                    .with_child(text(
                        format!(
                            "{begin} {}, {} battles   ({})",
                            c.name,
                            c.battles,
                            path.display()
                        ),
                        15.0,
                    ));
                }
                Err(e) => {
                    menu.spawn(text(
                        format!("{}: cannot be played: {e}", path.display()),
                        13.0,
                    ));
                }
            }
        }
        menu.spawn(text("Scenarios (one battle):".into(), 14.0));
        if list.is_empty() {
            menu.spawn(text("No scenario files found.".into(), 13.0));
        }
        for (path, what) in list {
            match what {
                Ok(name) => {
                    menu.spawn((
                        ScenarioChoice(path.clone()),
                        button(Color::srgb(0.20, 0.26, 0.20)),
                    ))
                    .with_child(text(format!("{name}   ({})", path.display()), 15.0));
                }
                Err(e) => {
                    menu.spawn(text(
                        format!("{}: cannot be played: {e}", path.display()),
                        13.0,
                    ));
                }
            }
        }
    });
}

/// A click on a scenario or a campaign in the list asks for a new game on it.
pub fn choose(
    mut commands: Commands,
    buttons: Query<(&Interaction, &ScenarioChoice), Changed<Interaction>>,
    campaigns: Query<(&Interaction, &CampaignChoice), Changed<Interaction>>,
    menu: Query<Entity, With<ScenarioMenu>>,
) {
    let chosen = buttons
        .iter()
        .filter(|(i, _)| **i == Interaction::Pressed)
        .map(|(_, c)| NewGame::Scenario(c.0.clone()))
        .chain(
            campaigns
                .iter()
                .filter(|(i, _)| **i == Interaction::Pressed)
                .map(|(_, c)| NewGame::Campaign {
                    path: c.path.clone(),
                    anew: c.anew,
                }),
        )
        .next();
    if let Some(request) = chosen {
        commands.insert_resource(request);
        for e in &menu {
            commands.entity(e).despawn();
        }
    }
}

/// A game played again up to where the person left it (an undo, a reload, a loaded save) is
/// played in one frame rather than one phase a frame: an undo late in a game took ten seconds of
/// counters gliding through the old moves.
pub fn play_again_at_once(world: &mut World) {
    crate::sim::replay_at_once(world, std::time::Duration::from_millis(500));
}

/// Starts the game asked for: a scenario from the list (the same sides and computer opponent), or
/// the saved game (its scenario, seed and sides, played again to where it was saved).
pub fn start_requested_game(world: &mut World) {
    let Some(request) = world.remove_resource::<NewGame>() else {
        return;
    };
    // A game in progress is not thrown away without asking (a reload keeps its orders).
    let confirmed = world
        .remove_resource::<super::discard::DiscardConfirmed>()
        .is_some();
    let keeps_game = matches!(request, NewGame::Reload | NewGame::Undo);
    if !keeps_game && !confirmed && super::discard::in_progress(world) {
        world.insert_resource(super::discard::AskDiscard(request));
        return;
    }
    let mut setup = world.resource::<GameSetup>().clone();
    let enabled = world.resource::<super::mods_view::EnabledMods>().clone();
    let started = match &request {
        NewGame::Scenario(path) => enabled.load().and_then(|mods| {
            setup.campaign = None;
            load_scenario_with(path, &mods)
                .map(|s| (Arc::new(setup.fog_as_asked(s)), None, None))
                .map_err(|e| e.to_string())
        }),
        NewGame::Campaign { path, anew } => enabled
            .load()
            .and_then(|mods| begin_campaign(path, &mods, *anew, &mut setup)),
        NewGame::CampaignNext => {
            let after = world
                .get_resource::<super::campaign_view::CampaignEnded>()
                .and_then(|e| e.0.clone());
            next_battle(after, &mut setup)
        }
        NewGame::Load(path) => load_saved(path, &mut setup).map(|(s, r)| (s, r, None)),
        NewGame::Reload => reloaded(world, &enabled),
        NewGame::Undo => undone(world),
    };
    match started {
        Ok((scn, resume, note)) => {
            let controllers = [setup.controllers.0.build(), setup.controllers.1.build()];
            new_game(world, scn.clone(), setup.seed, controllers);
            if let Some(r) = resume {
                world.insert_resource(r);
            }
            world.insert_resource(Humans(setup.humans));
            world.insert_resource(ViewedScenario(scn));
            world.insert_resource(Selection(None));
            // A new scenario or a loaded game opens on its briefing; an undo or a reload of the
            // files goes on as the person left it.
            if !keeps_game {
                world.insert_resource(super::hud::Briefing(true));
            }
            world.insert_resource(ViewKept(keeps_game));
            world.insert_resource(setup);
            world.resource_mut::<NextState<Phase>>().set(Phase::Setup);
            world.resource_mut::<LogView>().clear();
            world.resource_mut::<super::mods_view::Problems>().0 = None;
            if let Some(n) = note {
                world.resource_mut::<LogView>().note(n);
            }
        }
        Err(e) => {
            let what = match request {
                NewGame::Undo => "Cannot undo",
                NewGame::Reload => "The changed scenario cannot be played",
                NewGame::Campaign { .. } | NewGame::CampaignNext => {
                    "Could not start the campaign's battle"
                }
                _ => "Could not start the game",
            };
            let first = e.lines().next().unwrap_or("").to_string();
            world
                .resource_mut::<LogView>()
                .note(format!("{what}: {first}"));
            world.resource_mut::<super::mods_view::Problems>().0 = Some(format!("{what}:\n{e}"));
        }
    }
}

/// The game now shown, on its files as they are now: its orders so far played again (to where the
/// person is), or, when they no longer fit or no person is in their turn, the first turn; with a
/// line for the log saying which.
fn reloaded(world: &mut World, enabled: &super::mods_view::EnabledMods) -> Result<Started, String> {
    let old = world.resource::<ViewedScenario>().0.clone();
    let mods = enabled.load()?;
    let setup = world.resource::<GameSetup>().clone();
    let mut scn = load_scenario_with(&old.path, &mods).map_err(|e| e.to_string())?;
    scn.carry_in(&old.carried)?;
    let scn = Arc::new(setup.fog_as_asked(scn));
    let clock = *world.resource::<crate::sim::Clock>();
    let humans = world.resource::<Humans>().0;
    let phase = *world.resource::<State<Phase>>().get();
    if !super::players_turn(phase, clock.active, &Humans(humans)) {
        let note = "Scenario reloaded: the game starts again from its first turn.".to_string();
        return Ok((scn, None, Some(note)));
    }
    let orders = world.resource::<crate::sim::OrderLog>().clone();
    let mut file = ReplayFile::new(&old, setup.seed, setup.controllers, &orders);
    let at = SavedAt {
        humans,
        turn: clock.turn,
        side: clock.active,
    };
    file.saved = Some(at);
    Ok(match file.check_resume(&at, &scn, &old.path) {
        Ok(()) => (
            scn,
            file.resume(),
            Some("Scenario reloaded: the game's orders so far were played again on the changed files.".into()),
        ),
        Err(e) => (
            scn,
            None,
            Some(format!(
                "Scenario reloaded; the game's orders no longer fit the changed files, so it \
                 starts again from its first turn ({e})"
            )),
        ),
    })
}

/// The game now shown without its last order (a move of the person's side in this turn), played
/// again to where the person is.
fn undone(world: &mut World) -> Result<Started, String> {
    let scn = world.resource::<ViewedScenario>().0.clone();
    let setup = world.resource::<GameSetup>().clone();
    let clock = *world.resource::<crate::sim::Clock>();
    let mut orders = world.resource::<crate::sim::OrderLog>().clone();
    undoable(&orders, &clock, &world.resource::<crate::sim::EventLog>().0)?;
    let undone = orders.0.pop().map(|o| o.2);
    let mut file = ReplayFile::new(&scn, setup.seed, setup.controllers, &orders);
    let at = SavedAt {
        humans: world.resource::<Humans>().0,
        turn: clock.turn,
        side: clock.active,
    };
    file.saved = Some(at);
    let note = undone.map(|o| format!("Undone: {}", told_order(&scn, &o)));
    Ok((scn, file.resume(), note))
}

/// Whether the game now shown is the one shown before, played again (an undo, a reload of its
/// files): the camera stays where the player left it.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewKept(pub bool);

/// An order as the log tells it to the player: units by name, hexes by place.
fn told_order(scn: &crate::scenario::Scenario, o: &crate::sim::Order) -> String {
    use crate::sim::Order;
    let name = |u: &u32| {
        scn.units
            .get(*u as usize)
            .map_or(format!("unit {u}"), |d| d.name.clone())
    };
    let at = |h: &crate::map::HexId| crate::play::where_is(scn, *h);
    match o {
        Order::Move { unit, to } => format!("{} moves to {}", name(unit), at(to)),
        Order::Attack { units, target } => format!(
            "attack on {} by {}",
            at(target),
            units.iter().map(name).collect::<Vec<_>>().join(", ")
        ),
        Order::Bombard { unit, target } => format!("{} bombards {}", name(unit), at(target)),
        Order::RaidAirfields => "the raid on the enemy's airfields".to_string(),
    }
}

/// A game to start: its scenario, how to resume it, and a line for the log.
type Started = (
    Arc<crate::scenario::Scenario>,
    Option<Resume>,
    Option<String>,
);

/// A saved game's scenario and how to resume it; the setup takes the save's seed and sides.
fn load_saved(
    path: &Path,
    setup: &mut GameSetup,
) -> Result<(Arc<crate::scenario::Scenario>, Option<Resume>), String> {
    let (file, at, scn) = ReplayFile::open_saved(path)?;
    setup.seed = file.seed;
    setup.humans = at.humans;
    let [soviet, japanese] = super::controller_kinds(at.humans, file.computer(&at));
    setup.controllers = (soviet, japanese);
    // A battle of a campaign goes on in its campaign (or alone, when that cannot be read).
    setup.campaign = file
        .campaign
        .clone()
        .and_then(|p| crate::campaign::CampaignRun::of_saved(p, path).ok());
    Ok((Arc::new(scn), file.resume()))
}

/// The campaign in `path` begun or continued (the setup's sides, its seed and the campaign's
/// battle), with a line for the log.
fn begin_campaign(
    path: &Path,
    mods: &crate::mods::ModSet,
    anew: bool,
    setup: &mut GameSetup,
) -> Result<Started, String> {
    let sides = crate::campaign::CampaignSides {
        seed: setup.seed,
        controllers: setup.controllers,
        humans: setup.humans,
        no_fog: setup.no_fog,
    };
    let (run, note) = crate::campaign::CampaignRun::begin(path, mods, sides, anew)?;
    let scn = run.scenario()?;
    setup.seed = run.seed();
    setup.campaign = Some(run);
    Ok((Arc::new(scn), None, Some(note)))
}

/// The campaign's next battle after the one now ended (`after`: the campaign after it).
fn next_battle(
    after: Option<crate::campaign::Progress>,
    setup: &mut GameSetup,
) -> Result<Started, String> {
    let (Some(run), Some(after)) = (&setup.campaign, after) else {
        return Err("no battle of a campaign has ended".into());
    };
    let run = run.next(after);
    let scn = run.scenario()?;
    setup.seed = run.seed();
    setup.campaign = Some(run);
    Ok((Arc::new(scn), None, None))
}
