//! Mods in the window: F3 lists the mods in the user's and the game's `mods/` folders; a click
//! enables or disables one (kept in the user's settings, see [`crate::mods::enabled`]). Enabled
//! mods apply to the next game started from the scenario list (F2) and to Ctrl+R, which reloads
//! the game now with them. Problems (a mod that cannot load, a scenario with errors) are shown in
//! a panel on screen, with the places, while the game goes on; Escape hides it.

use crate::mods::{Manifest, ModSet};
use bevy::prelude::*;
use std::path::PathBuf;

/// The mods new games and reloads use: their folders, in the order enabled.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct EnabledMods(pub Vec<PathBuf>);

impl EnabledMods {
    /// The enabled mods loaded (errors with their places).
    pub fn load(&self) -> Result<ModSet, String> {
        ModSet::load(&self.0).map_err(|e| e.to_string())
    }
}

/// Problems to show on screen (`None`: the panel is hidden).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Problems(pub Option<String>);

/// Most lines of problems shown (the rest are counted).
const MAX_PROBLEM_LINES: usize = 24;

#[derive(Component)]
pub struct ProblemsPanel;

#[derive(Component)]
pub struct ModsMenu;

/// A row of the mod list: the mod's folder.
#[derive(Component)]
pub struct ModToggle(pub PathBuf);

pub struct ModsPlugin;

impl Plugin for ModsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Problems>().add_systems(
            Update,
            (
                keys,
                toggle,
                draw_problems.run_if(resource_changed::<Problems>),
            )
                .chain()
                .before(super::ViewStep::Read),
        );
    }
}

/// One line of text in the panels.
fn line(s: String, size: f32, colour: Color) -> (Text, TextFont, TextColor) {
    super::hud::panel_text(&s, size, colour)
}

/// The mods that can be enabled: those found in the mod folders, and any enabled from elsewhere
/// (`--mod FOLDER`), each with its manifest or why it cannot be read.
fn rows(enabled: &EnabledMods) -> Vec<(PathBuf, Result<Manifest, String>)> {
    let mut v: Vec<(PathBuf, Result<Manifest, String>)> = crate::mods::available()
        .into_iter()
        .map(|(d, m)| (d.canonicalize().unwrap_or(d), m.map_err(|e| e.to_string())))
        .collect();
    for d in &enabled.0 {
        if !v.iter().any(|(x, _)| x == d) {
            let m = crate::mods::manifest::read_manifest(&d.join("mod.ron"))
                .map(|(m, _)| m)
                .map_err(|e| e.to_string());
            v.push((d.clone(), m));
        }
    }
    v
}

/// F3 opens or closes the mod list; Escape hides the problems panel.
fn keys(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    menu: Query<Entity, With<ModsMenu>>,
    enabled: Res<EnabledMods>,
    mut problems: ResMut<Problems>,
) {
    if keys.just_pressed(KeyCode::Escape) && problems.0.is_some() {
        problems.0 = None;
    }
    if !keys.just_pressed(KeyCode::F3) {
        return;
    }
    if let Ok(e) = menu.single() {
        commands.entity(e).despawn();
        return;
    }
    spawn_menu(&mut commands, &enabled);
}

fn spawn_menu(commands: &mut Commands, enabled: &EnabledMods) {
    let white = Color::srgb(0.92, 0.92, 0.88);
    let grey = Color::srgb(0.70, 0.70, 0.66);
    let folders = crate::mods::mod_folders()
        .iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(" and ");
    let list = rows(enabled);
    commands
        .spawn((
            ModsMenu,
            super::hud::floating(
                (percent(12), percent(20), percent(60)),
                (14.0, 6.0),
                11,
                Color::srgb(0.05, 0.05, 0.06),
            ),
        ))
        .with_children(|menu| {
            menu.spawn(line(
                "Mods (click to enable or disable; F3 closes). They apply to the next game from \
                 F2, or now with Ctrl+R."
                    .into(),
                15.0,
                white,
            ));
            menu.spawn(line(format!("Found in {folders}"), 12.0, grey));
            if list.is_empty() {
                menu.spawn(line(
                    "No mods found. A mod is a folder with a mod.ron: see docs/mods.md.".into(),
                    13.0,
                    white,
                ));
            }
            for (dir, m) in list {
                match m {
                    Ok(m) => {
                        let on = enabled.0.contains(&dir);
                        menu.spawn((
                            ModToggle(dir.clone()),
                            Button,
                            Node {
                                padding: UiRect::axes(px(8), px(4)),
                                flex_direction: FlexDirection::Column,
                                ..default()
                            },
                            BackgroundColor(if on {
                                Color::srgb(0.20, 0.30, 0.20)
                            } else {
                                Color::srgb(0.16, 0.16, 0.18)
                            }),
                        ))
                        .with_children(|b| {
                            b.spawn(line(
                                format!(
                                    "[{}] {}  ({} {})",
                                    if on { "x" } else { " " },
                                    m.name,
                                    m.id,
                                    m.version
                                ),
                                15.0,
                                white,
                            ));
                            if !m.description.is_empty() {
                                b.spawn(line(m.description.clone(), 12.0, grey));
                            }
                        });
                    }
                    Err(e) => {
                        menu.spawn(line(
                            format!("{}: cannot be read: {e}", dir.display()),
                            12.0,
                            Color::srgb(0.95, 0.6, 0.5),
                        ));
                    }
                }
            }
        });
}

/// A click on a mod enables or disables it, keeps the choice and redraws the list; a set that
/// cannot load (a missing dependency, a conflict) is shown as a problem.
fn toggle(
    mut commands: Commands,
    buttons: Query<(&Interaction, &ModToggle), Changed<Interaction>>,
    menu: Query<Entity, With<ModsMenu>>,
    mut enabled: ResMut<EnabledMods>,
    mut problems: ResMut<Problems>,
    mut log: ResMut<super::hud::LogView>,
) {
    let Some((_, t)) = buttons.iter().find(|(i, _)| **i == Interaction::Pressed) else {
        return;
    };
    match enabled.0.iter().position(|d| *d == t.0) {
        Some(k) => {
            enabled.0.remove(k);
        }
        None => enabled.0.push(t.0.clone()),
    }
    match enabled.load() {
        Ok(set) => {
            if let Err(e) = crate::mods::enabled::save_enabled(&set.ids()) {
                log.note(format!("Could not keep the mod choice: {e}"));
            }
            problems.0 = (!set.warnings.is_empty()).then(|| {
                set.warnings
                    .iter()
                    .map(|w| format!("warning: {w}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            log.note(format!(
                "Mods enabled: {}. F2 starts a game with them; Ctrl+R reloads this one.",
                if set.is_empty() {
                    "none".to_string()
                } else {
                    set.ids().join(", ")
                }
            ));
        }
        Err(e) => problems.0 = Some(format!("These mods cannot be loaded together:\n{e}")),
    }
    for m in &menu {
        commands.entity(m).despawn();
    }
    spawn_menu(&mut commands, &enabled);
}

/// Shows or hides the problems panel.
fn draw_problems(
    mut commands: Commands,
    problems: Res<Problems>,
    panel: Query<Entity, With<ProblemsPanel>>,
) {
    for e in &panel {
        commands.entity(e).despawn();
    }
    let Some(text) = &problems.0 else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut shown: Vec<String> = lines
        .iter()
        .take(MAX_PROBLEM_LINES)
        .map(|l| crate::error::one_line(l))
        .collect();
    if lines.len() > MAX_PROBLEM_LINES {
        shown.push(format!(
            "… {} more lines (khalkhin validate shows them all)",
            lines.len() - MAX_PROBLEM_LINES
        ));
    }
    shown.push("The game goes on as it was. Fix the files and save them: the game is checked again (Ctrl+R: now). Escape hides this.".into());
    commands
        .spawn((
            ProblemsPanel,
            super::hud::floating(
                (px(40), percent(8), percent(62)),
                (12.0, 3.0),
                12,
                Color::srgb(0.30, 0.07, 0.06),
            ),
        ))
        .with_children(|p| {
            for l in shown {
                p.spawn(line(l, 13.0, Color::srgb(1.0, 0.93, 0.88)));
            }
        });
}
