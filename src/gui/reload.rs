//! Reloading a scenario whose files change on disk while it is played: the scenario file, the
//! map and data files it names and the enabled mods' folders are watched (`notify`); after a
//! change the game is reloaded at the start of the player's next turn (the start of the next turn
//! when no person plays), or at once with Ctrl+R. A reload plays the game's orders again on the
//! changed files and carries on from where it was; when the orders no longer fit (the changed data
//! give another game) it starts the changed scenario from its first turn and says why. A scenario
//! that no longer loads is shown with its errors on screen while the game goes on.

use super::games::NewGame;
use super::mods_view::EnabledMods;
use super::{ViewedScenario, players_turn};
use crate::data::Side;
use crate::sim::{Clock, Humans, Phase};
use bevy::prelude::*;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The files watched and whether one has changed since the game was loaded.
#[derive(Resource, Default)]
pub struct Watch {
    watcher: Option<notify::RecommendedWatcher>,
    changed: Arc<AtomicBool>,
    /// Where the change was first seen: the reload waits for the next turn after it.
    noticed: Option<(u32, Side)>,
}

pub struct ReloadPlugin;

impl Plugin for ReloadPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Watch>()
            .init_resource::<super::wake::Wake>()
            .add_systems(
                Update,
                (
                    watch_files.run_if(resource_changed::<ViewedScenario>),
                    reload_when_due,
                )
                    .chain()
                    .before(super::games::start_requested_game),
            );
    }
}

/// The files a scenario is made of: itself, its map and data files, and the folders of its mods.
fn files_of(scn: &crate::scenario::Scenario, mods: &EnabledMods) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let dir = scn.path.parent().map(PathBuf::from).unwrap_or_default();
    let named = |rel: &str| {
        let p = crate::fsio::resolve_named(&dir, rel);
        p.canonicalize().unwrap_or(p)
    };
    let d = &scn.file.data;
    let files = vec![
        scn.path.canonicalize().unwrap_or(scn.path.clone()),
        named(&scn.file.map),
        named(&d.equipment),
        named(&d.unit_types),
        named(&d.terrain),
        named(&d.rules),
    ];
    let mut folders: Vec<PathBuf> = scn.mods.clone();
    for m in &mods.0 {
        if !folders.contains(m) {
            folders.push(m.clone());
        }
    }
    (files, folders)
}

/// Watches the files of the scenario now shown (the folders holding them, since editors often save
/// by writing a new file and renaming it over the old one).
fn watch_files(
    scn: Res<ViewedScenario>,
    mods: Res<EnabledMods>,
    mut watch: ResMut<Watch>,
    wake: Res<super::wake::Wake>,
) {
    let (files, folders) = files_of(&scn.0, &mods);
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    let wake = wake.clone();
    let (files_w, folders_w) = (files.clone(), folders.clone());
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        // Reading a file (as the reload does) is not a change.
        if matches!(ev.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        let ours = ev
            .paths
            .iter()
            .any(|p| files_w.contains(p) || folders_w.iter().any(|d| p.starts_with(d)));
        if ours {
            flag.store(true, Ordering::Relaxed);
            // The window sleeps until input or news: the reload is due at the next turn, and a
            // person's turn waits for them — wake it to see the change.
            wake.wake();
        }
    });
    let Ok(mut watcher) = watcher else {
        watch.watcher = None;
        return;
    };
    let mut parents: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(PathBuf::from))
        .collect();
    parents.sort();
    parents.dedup();
    for p in parents {
        let _ = watcher.watch(&p, RecursiveMode::NonRecursive);
    }
    for d in folders {
        let _ = watcher.watch(&d, RecursiveMode::Recursive);
    }
    *watch = Watch {
        watcher: Some(watcher),
        changed,
        noticed: None,
    };
}

/// Asks for a reload on Ctrl+R, or once a change has been seen and the next turn begins.
#[allow(clippy::too_many_arguments)]
fn reload_when_due(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    mut watch: ResMut<Watch>,
    mut log: ResMut<super::hud::LogView>,
    requested: Option<Res<NewGame>>,
) {
    if requested.is_some() {
        return;
    }
    let ctrl = super::input::ctrl_held(&keys);
    if ctrl && keys.just_pressed(KeyCode::KeyR) {
        watch.changed.store(false, Ordering::Relaxed);
        watch.noticed = None;
        commands.insert_resource(NewGame::Reload);
        return;
    }
    let now = (clock.turn, clock.active);
    if watch.noticed.is_none() && watch.changed.swap(false, Ordering::Relaxed) {
        watch.noticed = Some(now);
        log.note(
            "The scenario's files changed on disk: the game is reloaded with them at the start \
             of your next turn (Ctrl+R: now)."
                .into(),
        );
        return;
    }
    let Some(seen) = watch.noticed else { return };
    let people = humans.0.iter().any(|h| *h);
    let due = if people {
        players_turn(*phase.get(), clock.active, &humans) && now != seen
    } else {
        clock.turn != seen.0
    };
    if due {
        watch.noticed = None;
        watch.changed.store(false, Ordering::Relaxed);
        commands.insert_resource(NewGame::Reload);
    }
}
