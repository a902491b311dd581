//! Mouse and keys into selections and orders. A left click (press and release without dragging)
//! on a hex does what [`crate::play::click_action`] says; a right click clears the selection;
//! Enter or Space ends the turn; Tab selects the next unit of the side that can still move; F5 saves.
//! Orders go to the simulation through [`PlayerCommands`]; it carries them out or refuses them.

use super::overlay::ViewBoard;
use super::{Hovered, Selection, ViewedScenario, players_turn, world_hex};
use crate::play::{ClickAction, click_action};
use crate::sim::{Clock, Humans, OrderLog, Phase, PlayerCommand, PlayerCommands};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

/// The hex under the pointer, if it is over the map and not over a panel.
pub fn hover(
    scn: Res<ViewedScenario>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform), With<Camera2d>>,
    panels: Query<&Interaction, With<super::hud::Panel>>,
    mut hovered: ResMut<Hovered>,
) {
    let over_panel = super::scrolling::over_panel(panels.iter());
    let hex = (|| {
        let cursor = windows.single().ok()?.cursor_position()?;
        let (camera, at) = cameras.single().ok()?;
        let p = camera.viewport_to_world_2d(at, cursor).ok()?;
        world_hex(&scn.0, p)
    })();
    let new = if over_panel { None } else { hex };
    if hovered.0 != new {
        hovered.0 = new;
    }
}

/// Left click: select, move or attack (with Shift: move into a stack of the side's units; with
/// Ctrl: attack with the selected unit alone); right click: deselect.
#[allow(clippy::too_many_arguments)]
pub fn click(
    scn: Res<ViewedScenario>,
    buttons: Res<ButtonInput<MouseButton>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    hovered: Res<Hovered>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    board: Res<ViewBoard>,
    mut selection: ResMut<Selection>,
    mut commands: ResMut<PlayerCommands>,
    mut log: ResMut<super::hud::LogView>,
    mut refusal: ResMut<super::effects::Refusal>,
    (mut pressed_at, menu): (Local<Option<Vec2>>, Option<Res<super::menu::MenuOpen>>),
    keys: Res<ButtonInput<KeyCode>>,
) {
    // The map takes no clicks while the menu is over it.
    if menu.is_some_and(|m| m.0) {
        return;
    }
    let cursor = windows.single().ok().and_then(|w| w.cursor_position());
    if buttons.just_pressed(MouseButton::Left) {
        *pressed_at = cursor;
    }
    if buttons.just_pressed(MouseButton::Right) {
        selection.0 = None;
    }
    if !buttons.just_released(MouseButton::Left) {
        return;
    }
    // A drag pans the map; only a click (under 5 pixels of travel) acts.
    let moved = match (*pressed_at, cursor) {
        (Some(a), Some(b)) => a.distance(b),
        _ => f32::MAX,
    };
    *pressed_at = None;
    let Some(hex) = hovered.0 else { return };
    if moved > 5.0 {
        return;
    }
    let scn = &scn.0;
    let board = &board.0;
    // Out of one's turn, a click only selects (to look at a unit's details).
    if !players_turn(*phase.get(), clock.active, &humans) {
        selection.0 = board.units_at(hex).next();
        return;
    }
    let held = crate::play::ClickKeys {
        shift: keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]),
        ctrl: keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]),
    };
    match click_action(scn, board, clock.active, selection.0, hex, held) {
        ClickAction::Select(u) => selection.0 = Some(u),
        ClickAction::Deselect => selection.0 = None,
        ClickAction::Order(o) => commands.0.push(PlayerCommand::Order(o)),
        ClickAction::Refused(why) => {
            refusal.0 = Some((hex, why.clone()));
            log.note(why);
        }
    }
}

/// Enter or Space ends the turn; Tab selects the side's next unit that has not moved; Escape
/// clears the selection; F5 saves the game (during one's turn); F2: see `games`, F6 and F9: `saves_view`.
#[allow(clippy::too_many_arguments)]
pub fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    board: Res<ViewBoard>,
    (scn, setup, orders, events): (
        Res<ViewedScenario>,
        Res<super::GameSetup>,
        Res<OrderLog>,
        Res<crate::sim::EventLog>,
    ),
    mut selection: ResMut<Selection>,
    mut commands: ResMut<PlayerCommands>,
    mut log: ResMut<super::hud::LogView>,
    (mut undo, menu): (Commands, Option<Res<super::menu::MenuOpen>>),
) {
    if keys.just_pressed(KeyCode::Escape) {
        selection.0 = None;
    }
    if !players_turn(*phase.get(), clock.active, &humans) {
        return;
    }
    if keys.just_pressed(KeyCode::F5) {
        log.note(setup.save_game(&scn.0, &orders, &clock, &setup.save_to));
    }
    // The menu lists F5; the game's other keys wait until it is closed.
    if menu.is_some_and(|m| m.0) {
        return;
    }
    if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::Space) {
        selection.0 = None;
        commands.0.push(PlayerCommand::EndTurn);
    }
    // R (without Ctrl, which reloads): today's air effort against the enemy's airfields.
    let ctrl = ctrl_held(&keys);
    // Ctrl+Z or U: take back the last move of this turn.
    if (ctrl && keys.just_pressed(KeyCode::KeyZ)) || keys.just_pressed(KeyCode::KeyU) {
        match super::games::undoable(&orders, &clock, &events.0) {
            Ok(()) => {
                selection.0 = None;
                undo.insert_resource(super::games::NewGame::Undo);
            }
            Err(why) => log.note(format!("Cannot undo: {why}")),
        }
    }
    if !ctrl && keys.just_pressed(KeyCode::KeyR) {
        commands
            .0
            .push(PlayerCommand::Order(crate::sim::Order::RaidAirfields));
    }
    if keys.just_pressed(KeyCode::Tab) {
        let mut idle: Vec<u32> = board
            .0
            .live()
            .filter(|u| u.side == clock.active && u.condition.moved_hours == 0.0)
            .map(|u| u.id)
            .collect();
        idle.sort_unstable();
        let next = idle
            .iter()
            .copied()
            .find(|&id| selection.0.is_none_or(|s| id > s))
            .or(idle.first().copied());
        selection.0 = next;
    }
}

/// The autosave: beside the F5 file, `autosave.ron`.
pub fn autosave_path(save_to: &std::path::Path) -> std::path::PathBuf {
    save_to.with_file_name("autosave.ron")
}

/// At the start of each turn of a person's side, the game so far is saved to the autosave file
/// (listed by F9 with the other saves; `khalkhin play --load` reads it too), so a crash or a closed window loses at most
/// the turn being played. Not while a saved game is being played again.
pub fn autosave(
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    resume: Res<crate::sim::Resume>,
    (scn, setup, orders): (Res<ViewedScenario>, Res<super::GameSetup>, Res<OrderLog>),
    mut done: Local<Option<(u32, crate::data::Side)>>,
    mut log: ResMut<super::hud::LogView>,
) {
    if !players_turn(*phase.get(), clock.active, &humans) || resume.replaying() {
        return;
    }
    let key = (clock.turn, clock.active);
    if *done == Some(key) {
        return;
    }
    *done = Some(key);
    let file = setup.saved_game(&scn.0, &orders, &clock);
    let to = autosave_path(&setup.save_to);
    if let Err(e) = file.save(&to) {
        log.note(format!("Could not autosave to {}: {e}", to.display()));
    }
}

/// Whether Ctrl is down for a key pressed this frame: held, or pressed or let go in the same frame
/// (a quick Ctrl+R, all four key events read in one frame of a window that slept until they came).
pub fn ctrl_held(keys: &ButtonInput<KeyCode>) -> bool {
    let ctrl = [KeyCode::ControlLeft, KeyCode::ControlRight];
    keys.any_pressed(ctrl) || keys.any_just_pressed(ctrl) || keys.any_just_released(ctrl)
}
