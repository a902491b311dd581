//! Named saves and the list of saved games. F6 (during your turn) opens "Save as": type a name,
//! Enter saves the game under it in the user's saves folder (beside the F5 quicksave and the
//! autosave), Escape cancels; while it is open the keys type the name and do nothing else. F9
//! opens the list of saved games in that folder, newest first — each with its scenario, turn and
//! side; a click loads it (a game in progress is not thrown away without asking).

use super::{GameSetup, ViewedScenario, players_turn};
use crate::saves::ReplayFile;
use crate::sim::{Clock, Humans, OrderLog, Phase};
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use std::path::{Path, PathBuf};

/// Longest name a save may have, in characters.
const NAME_MAX: usize = 60;
/// Most saves the list shows.
const LIST_MAX: usize = 20;

/// The "Save as" prompt while it is open: the name typed so far.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct SaveAs(pub String);

/// The "Save as" panel.
#[derive(Component)]
pub struct SaveAsPanel;

/// The list of saved games (F9).
#[derive(Component)]
pub struct SavesList;

/// A saved game in the list: a click loads it.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct SaveChoice(pub PathBuf);

/// "Save as" and the list of saved games.
pub struct SavesViewPlugin;

impl Plugin for SavesViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(PreUpdate, type_name.after(bevy::input::InputSystems))
            .add_systems(
                Update,
                (open, show_prompt, toggle_list, choose)
                    .chain()
                    .before(super::ViewStep::Read),
            );
    }
}

/// A file name for a save called `name`: letters, digits, spaces, `-`, `_` and `.` kept, anything
/// else (path separators among them) made `_`, at most [`NAME_MAX`] characters; `None` when
/// nothing is left.
pub fn file_name(name: &str) -> Option<String> {
    let clean: String = name
        .trim()
        .chars()
        .take(NAME_MAX)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    (!clean.is_empty()).then(|| format!("{clean}.ron"))
}

/// Where a save called `name` goes in `dir`: its file name, or with " (2)", " (3)"… when a file
/// of that name is there already (a save never overwrites another).
pub fn save_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let file = file_name(name)?;
    let stem = file.trim_end_matches(".ron").to_string();
    let mut path = dir.join(&file);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).ron"));
        n += 1;
    }
    Some(path)
}

/// The saved games in `dir`, newest first (at most [`LIST_MAX`]): each file with what it holds —
/// "scenario, turn N, side to move" — or why it cannot be loaded.
pub fn list_saves(dir: &Path) -> Vec<(PathBuf, Result<String, String>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let t = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (t, p)
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files
        .into_iter()
        .take(LIST_MAX)
        .map(|(_, p)| {
            let what = match ReplayFile::load(&p) {
                Ok(f) => match f.saved {
                    Some(at) => Ok(format!(
                        "{}, turn {}, {} to move",
                        f.scenario,
                        at.turn + 1,
                        at.side.key()
                    )),
                    None => Err("a replay, not a saved game".to_string()),
                },
                Err(e) => Err(e.to_string().lines().next().unwrap_or("").to_string()),
            };
            (p, what)
        })
        .collect()
}

/// F6 during the player's turn opens "Save as" with a name made of the scenario and the turn.
fn open(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    scn: Res<ViewedScenario>,
    open: Option<Res<SaveAs>>,
) {
    if open.is_some() || !keys.just_pressed(KeyCode::F6) {
        return;
    }
    if !players_turn(*phase.get(), clock.active, &humans) {
        return;
    }
    commands.insert_resource(SaveAs(format!(
        "{} turn {} {}",
        scn.0.file.id,
        clock.turn + 1,
        clock.active.key()
    )));
}

/// While "Save as" is open the keys type its name: characters add, Backspace takes one back, Enter
/// saves, Escape cancels; then every key is released, so nothing else sees them.
#[allow(clippy::too_many_arguments)]
fn type_name(
    mut commands: Commands,
    save_as: Option<ResMut<SaveAs>>,
    mut typed: MessageReader<KeyboardInput>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    scn: Res<ViewedScenario>,
    setup: Res<GameSetup>,
    (orders, clock): (Res<OrderLog>, Res<Clock>),
    mut log: ResMut<super::hud::LogView>,
    mut suggested: Local<bool>,
) {
    let Some(mut name) = save_as else {
        typed.clear();
        return;
    };
    // The suggested name is as if selected: the first key typed replaces it, Backspace clears it.
    if name.is_added() {
        *suggested = true;
    }
    let mut done = None;
    for k in typed.read() {
        if !k.state.is_pressed() {
            continue;
        }
        let replaces = matches!(
            k.logical_key,
            Key::Character(_) | Key::Space | Key::Backspace
        );
        if replaces && std::mem::take(&mut *suggested) {
            name.0.clear();
            if k.logical_key == Key::Backspace {
                continue;
            }
        }
        match &k.logical_key {
            Key::Character(c) if name.0.chars().count() < NAME_MAX => name.0.push_str(c),
            Key::Space => name.0.push(' '),
            Key::Backspace => {
                name.0.pop();
            }
            Key::Enter => done = Some(true),
            Key::Escape => done = Some(false),
            _ => {}
        }
    }
    keys.reset_all();
    match done {
        Some(true) => {
            let dir = setup
                .save_to
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let Some(path) = save_path(&dir, &name.0) else {
                log.note("Cannot save: the name is empty".into());
                return;
            };
            log.note(setup.save_game(&scn.0, &orders, &clock, &path));
            commands.remove_resource::<SaveAs>();
        }
        Some(false) => commands.remove_resource::<SaveAs>(),
        None => {}
    }
}

/// Shows the "Save as" panel with the name typed so far, and removes it once closed.
fn show_prompt(
    mut commands: Commands,
    save_as: Option<Res<SaveAs>>,
    mut panel: Query<(Entity, &Children), With<SaveAsPanel>>,
    mut texts: Query<&mut Text>,
) {
    match (save_as, panel.single_mut()) {
        (None, Ok((e, _))) => commands.entity(e).despawn(),
        (None, Err(_)) => {}
        (Some(name), Ok((_, children))) => {
            if name.is_changed() {
                for c in children.iter() {
                    if let Ok(mut t) = texts.get_mut(c) {
                        t.0 = prompt(&name.0);
                    }
                }
            }
        }
        (Some(name), Err(_)) => {
            commands
                .spawn((
                    SaveAsPanel,
                    super::hud::floating(
                        (percent(25), percent(35), percent(50)),
                        (14.0, 6.0),
                        20,
                        Color::srgb(0.05, 0.05, 0.06),
                    ),
                ))
                .with_child(super::hud::panel_text(
                    &prompt(&name.0),
                    16.0,
                    Color::srgb(0.92, 0.92, 0.88),
                ));
        }
    }
}

fn prompt(name: &str) -> String {
    format!(
        "Save as: {name}_\n\nType a name (the first key replaces the one suggested); Enter saves \
         it, Escape cancels."
    )
}

/// F9 opens or closes the list of saved games.
fn toggle_list(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    list: Query<Entity, With<SavesList>>,
    setup: Res<GameSetup>,
) {
    if !keys.just_pressed(KeyCode::F9) {
        return;
    }
    if let Ok(e) = list.single() {
        commands.entity(e).despawn();
        return;
    }
    let dir = setup
        .save_to
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let saves = list_saves(&dir);
    let text =
        |s: String, size: f32| super::hud::panel_text(&s, size, Color::srgb(0.92, 0.92, 0.88));
    commands
        .spawn((
            SavesList,
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
                    "Saved games in {} (newest first; click to load; F9 closes)",
                    dir.display()
                ),
                14.0,
            ));
            if saves.is_empty() {
                menu.spawn(text(
                    "No saved games yet: F5 saves, F6 saves under a name.".into(),
                    13.0,
                ));
            }
            for (path, what) in saves {
                let name = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match what {
                    Ok(what) => {
                        menu.spawn((
                            SaveChoice(path.clone()),
                            Button,
                            Node {
                                padding: UiRect::axes(px(8), px(4)),
                                ..default()
                            },
                            BackgroundColor(Color::srgb(0.20, 0.22, 0.28)),
                        ))
                        .with_child(text(format!("{name}   ({what})"), 15.0));
                    }
                    Err(e) => {
                        menu.spawn(text(format!("{name}: cannot be loaded: {e}"), 13.0));
                    }
                }
            }
        });
}

/// A click on a saved game asks to load it.
fn choose(
    mut commands: Commands,
    buttons: Query<(&Interaction, &SaveChoice), Changed<Interaction>>,
    list: Query<Entity, With<SavesList>>,
) {
    for (i, choice) in &buttons {
        if *i == Interaction::Pressed {
            commands.insert_resource(super::games::NewGame::Load(choice.0.clone()));
            for e in &list {
                commands.entity(e).despawn();
            }
        }
    }
}
