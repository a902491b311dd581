//! F1: every key and click of the window on one panel, and where the player's files are kept.
//! F1 or Escape closes it.

use bevy::prelude::*;

#[derive(Component)]
pub struct HelpPanel;

/// The controls, one line each: what to press, what it does.
pub const CONTROLS: &[(&str, &str)] = &[
    (
        "A turn",
        "move your units first (green hexes), then attack: the first attack (not a bombardment) ends movement for \
         the whole side; guns in range of an attack join it and have then fired this phase, so bombard first with \
         any you want to fire on another hex; objectives change hands at the end of the turn",
    ),
    (
        "Left click on a unit",
        "select it (again: the next unit in the stack)",
    ),
    ("Left click on a green hex", "move the selected unit there"),
    (
        "Shift+left click on your units",
        "move the selected unit into their hex (up to the stacking limit)",
    ),
    (
        "Left click on an enemy",
        "attack it with the selected unit and the others next to it",
    ),
    (
        "Ctrl+left click on an enemy",
        "attack it with the selected unit alone (the others keep their strength; a hex is attacked \
         once a turn, so they cannot join later)",
    ),
    (
        "Left click on an enemy, artillery selected",
        "bombard it: in range, observed, one fire of ammunition",
    ),
    (
        "R",
        "raid the enemy's airfields with this turn's air effort, where the scenario allows it",
    ),
    ("Right click, Escape", "deselect"),
    (
        "U, Ctrl+Z",
        "undo the last move of this turn (not an attack, a bombardment or a raid)",
    ),
    ("L", "collapse the turn log to its last lines, or open it"),
    (
        "V",
        "the supply view: hexes your supply cannot reach now hatched red (where a ring is open or a line cut); \
         again: the enemy's supply as far as you can tell (is your ring closed?); a third time: off",
    ),
    (
        "PageUp, PageDown, End",
        "scroll the turn log back and forth; End: the newest lines",
    ),
    ("Tab", "the next unit of your side that has not moved"),
    ("Enter, Space, End turn", "end your side's turn"),
    ("Arrows, WASD, drag", "pan the map"),
    ("Mouse wheel", "zoom"),
    (
        "Pointer on a hex",
        "its ground, rivers, bridges and objective on the right",
    ),
    (
        "Figure on a counter",
        "its strength: tanks for armour, guns for artillery and anti-tank units, hundreds of men for the rest",
    ),
    (
        "Marks on a counter",
        "a red corner: out of supply (the unit panel says for how many turns); a black corner: encircled; ticks down the left side: entrenched; the bar under it: men left, green steady to red shaken",
    ),
    (
        "Rings, arrows",
        "a ring: an objective, in the colour of the side holding it (point at it for its points); thin arrows: the computer's moves of its last turn (P in the Escape menu hides them)",
    ),
    (
        "Faded counter with ?",
        "fog of war: an enemy unit out of sight, where your side last saw it (how far your units and aircraft see: the briefing, B)",
    ),
    (
        "B",
        "the scenario's briefing: the battle, how it is won, the plan now",
    ),
    ("F1", "this help"),
    (
        "F2",
        "the campaigns (begin, or continue the one under way) and the scenarios: start another",
    ),
    (
        "N",
        "after a battle of a campaign: on to the next battle, with what your units kept",
    ),
    ("F3", "the mods: enable or disable"),
    ("F5", "quick save (during your turn)"),
    ("F6", "save under a name you type (during your turn)"),
    ("F9", "the saved games, newest first: click one to load it"),
    (
        "Ctrl+R",
        "reload the scenario and mods from disk, keeping the orders",
    ),
    (
        "Escape",
        "the menu (resume, save, load, settings, quit); hides a panel of problems; at the end of a game: the summary, the final map, the menu in turn",
    ),
];

/// Width of the help's column of keys, logical px.
const KEY_COLUMN_PX: f32 = 250.0;

pub struct HelpPlugin;

impl Plugin for HelpPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, toggle.before(super::ViewStep::Read));
    }
}

fn line(s: String, size: f32, colour: Color) -> (Text, TextFont, TextColor) {
    super::hud::panel_text(&s, size, colour)
}

/// F1 opens or closes the help; Escape closes it.
fn toggle(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    panel: Query<Entity, With<HelpPanel>>,
    setup: Option<Res<super::GameSetup>>,
) {
    let open = !panel.is_empty();
    let close = open && keys.just_pressed(KeyCode::Escape);
    if !keys.just_pressed(KeyCode::F1) && !close {
        return;
    }
    if open {
        for e in &panel {
            commands.entity(e).despawn();
        }
        return;
    }
    let white = Color::srgb(0.93, 0.92, 0.88);
    let grey = Color::srgb(0.72, 0.72, 0.68);
    let grey_light = Color::srgb(0.84, 0.84, 0.80);
    let saves = setup.map_or(String::new(), |s| {
        format!(
            "{}; each of your turns is autosaved to {} (khalkhin play --load FILE)",
            s.save_to.display(),
            super::input::autosave_path(&s.save_to).display()
        )
    });
    commands
        .spawn((
            HelpPanel,
            super::hud::floating(
                (percent(8), percent(18), percent(64)),
                (16.0, 4.0),
                15,
                Color::srgb(0.05, 0.05, 0.07),
            ),
        ))
        .with_children(|p| {
            p.spawn(line(
                "Controls (F1 or Escape closes; the mouse wheel scrolls this list)".into(),
                17.0,
                white,
            ));
            // Two columns, a grid: the key, and what it does (wrapped within its column). In a
            // grid the columns' widths are fixed before the text is measured, so each row is as
            // tall as its wrapped text.
            p.spawn(Node {
                display: Display::Grid,
                grid_template_columns: vec![GridTrack::px(KEY_COLUMN_PX), GridTrack::flex(1.0)],
                column_gap: px(14),
                row_gap: px(3),
                ..default()
            })
            .with_children(|grid| {
                for (key, what) in CONTROLS {
                    grid.spawn(line(key.to_string(), 14.0, white));
                    grid.spawn(line(what.to_string(), 14.0, grey_light));
                }
            });
            p.spawn(line(String::new(), 8.0, grey));
            p.spawn(line(format!("Saves (F5): {saves}"), 13.0, grey));
            p.spawn(line(
                format!(
                    "Your scenarios: {}   Your campaigns: {}   Your mods: {}",
                    crate::fsio::user_data_dir()
                        .map(|d| d.join("scenarios").display().to_string())
                        .unwrap_or_default(),
                    crate::fsio::user_data_dir()
                        .map(|d| d.join("campaigns").display().to_string())
                        .unwrap_or_default(),
                    crate::mods::mod_folders()
                        .first()
                        .map(|d| d.display().to_string())
                        .unwrap_or_default()
                ),
                13.0,
                grey,
            ));
        });
}
