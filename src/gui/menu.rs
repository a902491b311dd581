//! Escape opens the game menu over the map (when no unit is selected and no other panel is open):
//! resume, save, load, undo, scenarios, mods, help, the settings and quit, each a button that does
//! what its key does (a click presses the key for one frame, so both take one path). The
//! settings — the computer's pace, the interface scale, whether the map follows the computer's
//! moves, draws its last turn as arrows and names places — are kept in the user's settings folder
//! (`$XDG_CONFIG_HOME/khalkhin-gol/settings.ron`, else `~/.config/khalkhin-gol/settings.ron`) and
//! used by the next game.

use super::{Pace, Selection};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What the player set in the menu, kept between runs.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Seconds between two phases of a computer side.
    pub pace: f32,
    /// Size of the panels and their text (1 is the default).
    pub ui_scale: f32,
    /// The map follows the computer's moves and combats during its turn.
    #[serde(default)]
    pub follow: bool,
    /// The computer's last turn is drawn as arrows on the map.
    #[serde(default = "yes")]
    pub arrows: bool,
    /// Place names are drawn on the map.
    #[serde(default = "yes")]
    pub names: bool,
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pace: 0.35,
            ui_scale: 1.0,
            follow: false,
            arrows: true,
            names: true,
        }
    }
}

/// Where the settings are kept.
pub fn settings_file() -> Option<PathBuf> {
    crate::mods::enabled::settings_dir().map(|d| d.join("settings.ron"))
}

impl Settings {
    /// The settings kept (defaults when there are none); a damaged file gives the defaults and a
    /// line saying so.
    pub fn load() -> (Settings, Option<String>) {
        Settings::load_from(settings_file().as_deref())
    }

    /// The settings kept in `path` (see [`Settings::load`]).
    pub fn load_from(path: Option<&std::path::Path>) -> (Settings, Option<String>) {
        let Some(path) = path.filter(|p| p.exists()) else {
            return (Settings::default(), None);
        };
        let read = crate::error::SourceText::read(path)
            .map_err(|e| e.to_string())
            .and_then(|src| src.parse::<Settings>().map_err(|e| e.to_string()));
        match read {
            Ok(s) if s.pace.is_finite() && s.ui_scale.is_finite() => (s.clamped(), None),
            Ok(_) => (
                Settings::default(),
                Some("settings.ron: not a number".into()),
            ),
            Err(e) => (
                Settings::default(),
                Some(format!("Settings not read, defaults used: {e}")),
            ),
        }
    }

    fn clamped(self) -> Settings {
        Settings {
            pace: self.pace.clamp(0.0, 5.0),
            ui_scale: self.ui_scale.clamp(0.5, 2.5),
            follow: self.follow,
            arrows: self.arrows,
            names: self.names,
        }
    }

    /// Keeps the settings for the next run in `path`.
    pub fn save(&self, path: Option<&std::path::Path>) -> Result<(), String> {
        let path = path.ok_or("no home folder to keep settings in")?;
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)
                .map_err(|e| format!("cannot create {}: {e}", d.display()))?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        crate::fsio::write_atomically(path, &text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

#[derive(Component)]
pub struct MenuPanel;

/// A line of the menu: clicking it presses `0` for one frame.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuLine(pub KeyCode);

/// The settings the open panel shows (it is built again when they change).
#[derive(Component)]
struct Shows(Settings);

/// Whether the menu is open.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuOpen(pub bool);

/// Where the menu keeps the settings ([`settings_file`] unless a test says otherwise).
#[derive(Resource, Debug, Clone)]
pub struct SettingsFile(pub Option<PathBuf>);

impl Default for SettingsFile {
    fn default() -> Self {
        SettingsFile(settings_file())
    }
}

pub struct MenuPlugin;

impl Plugin for MenuPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<MenuOpen>()
            .init_resource::<Settings>()
            .init_resource::<SettingsFile>()
            .add_systems(
                PreUpdate,
                clicks
                    .after(bevy::input::InputSystems)
                    .after(bevy::ui::UiSystems::Focus),
            )
            .add_systems(
                Update,
                (toggle, keys, show)
                    .chain()
                    .before(super::input::keys)
                    .before(super::ViewStep::Read),
            );
    }
}

/// The panels that take Escape for themselves.
type OtherPanels = Or<(
    With<super::HelpPanel>,
    With<super::DiscardPanel>,
    With<super::ProblemsPanel>,
    With<super::ScenarioMenu>,
    With<super::mods_view::ModsMenu>,
)>;

/// Escape opens the menu when nothing else takes it: no unit selected, no help, list or panel of
/// problems open, no game-over summary shown (once it is hidden, the final map is in view and
/// Escape opens the menu: [`super::hud::game_over`]). Escape closes it again.
fn toggle(
    keys: Res<ButtonInput<KeyCode>>,
    selection: Res<Selection>,
    mut open: ResMut<MenuOpen>,
    others: Query<(), OtherPanels>,
    summary: Query<&Visibility, With<super::hud::GameOverPanel>>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    let summary_up = summary.iter().any(|v| *v != Visibility::Hidden);
    if open.0 {
        open.0 = false;
    } else if selection.0.is_none() && others.is_empty() && !summary_up {
        open.0 = true;
    }
}

/// The menu's own keys while it is open: Q quits, [ and ] change the pace, - and = the interface
/// scale, C whether the map follows the computer, P whether its moves are drawn (all kept at once);
/// the other keys it lists act
/// as they always do.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    open: Res<MenuOpen>,
    (mut settings, file): (ResMut<Settings>, Res<SettingsFile>),
    (pace, scale): (Option<ResMut<Pace>>, Option<ResMut<UiScale>>),
    mut exit: MessageWriter<AppExit>,
    mut log: ResMut<super::hud::LogView>,
) {
    if !open.0 {
        return;
    }
    if keys.just_pressed(KeyCode::KeyQ) {
        exit.write(AppExit::Success);
        return;
    }
    let before = *settings;
    // From the pace the game has now (`--pace` may have set it for this run).
    let now = pace.as_ref().map_or(settings.pace, |p| p.0);
    if keys.just_pressed(KeyCode::BracketLeft) {
        settings.pace = now - 0.1;
    }
    if keys.just_pressed(KeyCode::BracketRight) {
        settings.pace = now + 0.1;
    }
    if keys.just_pressed(KeyCode::Minus) {
        settings.ui_scale -= 0.1;
    }
    if keys.just_pressed(KeyCode::Equal) {
        settings.ui_scale += 0.1;
    }
    if keys.just_pressed(KeyCode::KeyC) {
        settings.follow = !settings.follow;
    }
    if keys.just_pressed(KeyCode::KeyP) {
        settings.arrows = !settings.arrows;
    }
    if keys.just_pressed(KeyCode::KeyM) {
        settings.names = !settings.names;
    }
    if *settings != before {
        *settings = settings.clamped();
        if let Some(mut p) = pace {
            p.0 = settings.pace;
        }
        if let Some(mut s) = scale {
            s.0 = settings.ui_scale;
        }
        if let Err(e) = settings.save(file.0.as_deref()) {
            log.note(format!("Settings not kept: {e}"));
        }
    }
}

/// A click on a menu line presses its key for this frame (released the next), so that every
/// system that reads the key acts as if it had been typed; a line under the pointer is lit.
fn clicks(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut lines: Query<(&Interaction, &MenuLine, &mut BackgroundColor), Changed<Interaction>>,
    mut held: Local<Option<KeyCode>>,
) {
    if let Some(k) = held.take() {
        keys.release(k);
    }
    for (i, line, mut bg) in &mut lines {
        bg.0 = line_colour(*i);
        if *i == Interaction::Pressed {
            keys.press(line.0);
            *held = Some(line.0);
        }
    }
}

fn line_colour(i: Interaction) -> Color {
    match i {
        Interaction::Pressed => Color::srgba(0.45, 0.40, 0.25, 0.9),
        Interaction::Hovered => Color::srgba(0.30, 0.28, 0.20, 0.9),
        Interaction::None => Color::srgba(0.12, 0.12, 0.15, 0.9),
    }
}

/// A button of the menu: the key it presses, the key's name, what it does.
type Entry = (KeyCode, &'static str, &'static str);

/// The game's lines, one button each.
const GAME_LINES: [Entry; 9] = [
    (KeyCode::Escape, "Escape", "resume the game"),
    (KeyCode::F5, "F5", "quick save (during your turn)"),
    (KeyCode::F6, "F6", "save under a name (during your turn)"),
    (KeyCode::F9, "F9", "the saved games: load one"),
    (KeyCode::KeyU, "U", "undo the last move of this turn"),
    (KeyCode::F2, "F2", "the scenarios: start another"),
    (KeyCode::F3, "F3", "the mods"),
    (KeyCode::F1, "F1", "all the controls"),
    (KeyCode::KeyQ, "Q", "quit"),
];

/// The settings' lines: what each says now, and its buttons. `pace`: the pace of this run, which
/// `--pace` may have set apart from the kept one.
pub fn setting_lines(s: &Settings, pace: f32) -> [(String, Vec<Entry>); 5] {
    let kept = if (pace - s.pace).abs() > 1e-4 {
        format!(
            " (set by --pace for this run; kept for the next: {:.2} s)",
            s.pace
        )
    } else {
        String::new()
    };
    [
        (
            format!("the computer's pace: {pace:.2} s between its phases{kept}"),
            vec![
                (KeyCode::BracketLeft, "[", "faster"),
                (KeyCode::BracketRight, "]", "slower"),
            ],
        ),
        (
            format!("interface scale: {:.1}", s.ui_scale),
            vec![
                (KeyCode::Minus, "-", "smaller"),
                (KeyCode::Equal, "=", "larger"),
            ],
        ),
        (
            format!(
                "the map follows the computer's moves: {}",
                if s.follow { "yes" } else { "no" }
            ),
            vec![(KeyCode::KeyC, "C", "change")],
        ),
        (
            format!(
                "the computer's last turn drawn as arrows: {}",
                if s.arrows { "yes" } else { "no" }
            ),
            vec![(KeyCode::KeyP, "P", "change")],
        ),
        (
            format!(
                "place names on the map: {}",
                if s.names { "yes" } else { "no" }
            ),
            vec![(KeyCode::KeyM, "M", "change")],
        ),
    ]
}

/// A menu button that presses `key`, labelled `label`.
fn button(r: &mut ChildSpawnerCommands, key: KeyCode, label: &str) {
    r.spawn((
        Button,
        MenuLine(key),
        Node {
            padding: UiRect::axes(px(8), px(3)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(line_colour(Interaction::None)),
    ))
    .with_children(|b| {
        b.spawn(super::hud::panel_text(
            label,
            15.0,
            Color::srgb(0.93, 0.92, 0.88),
        ));
    });
}

/// The menu panel, built again when the settings it shows change.
fn show(
    mut commands: Commands,
    open: Res<MenuOpen>,
    (settings, file): (Res<Settings>, Res<SettingsFile>),
    panel: Query<(Entity, &Shows), With<MenuPanel>>,
    pace: Option<Res<Pace>>,
) {
    let pace = pace.map_or(settings.pace, |p| p.0);
    if !open.0 {
        for (e, _) in &panel {
            commands.entity(e).despawn();
        }
        return;
    }
    if let Ok((e, shows)) = panel.single() {
        if shows.0 == *settings {
            return;
        }
        commands.entity(e).despawn();
    }
    let kept = file
        .0
        .as_deref()
        .map_or("(no home folder: not kept)".to_string(), |p| {
            p.display().to_string()
        });
    let text = Color::srgb(0.93, 0.92, 0.88);
    commands
        .spawn((
            MenuPanel,
            Shows(*settings),
            super::hud::floating(
                (percent(15), percent(30), percent(40)),
                (18.0, 4.0),
                16,
                Color::srgb(0.05, 0.05, 0.07),
            ),
        ))
        .with_children(|p| {
            p.spawn(super::hud::panel_text("Menu", 18.0, text));
            // The game's lines name their key in a column.
            for (key, name, what) in GAME_LINES {
                p.spawn(Node::default())
                    .with_children(|r| button(r, key, &format!("{name:<7} {what}")));
            }
            p.spawn(super::hud::panel_text(
                &format!("Settings (kept in {kept}):"),
                14.0,
                Color::srgb(0.75, 0.74, 0.70),
            ));
            for (says, buttons) in setting_lines(&settings, pace) {
                p.spawn(Node {
                    flex_direction: FlexDirection::Row,
                    column_gap: px(6),
                    align_items: AlignItems::Center,
                    ..default()
                })
                .with_children(|r| {
                    r.spawn(super::hud::panel_text(&says, 15.0, text));
                    for (key, name, what) in buttons {
                        button(r, key, &format!("{name} {what}"));
                    }
                });
            }
        });
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn damaged_or_odd_settings_give_the_defaults_or_are_clamped_never_a_panic() {
        let dir = std::env::temp_dir().join(format!("khalkhin-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("settings.ron");
        let read = |text: &str| {
            std::fs::write(&file, text).unwrap();
            Settings::load_from(Some(&file))
        };
        let (s, why) = read("(pace: 0.5, ui_scale: ");
        assert_eq!(s, Settings::default());
        let why = why.expect("said");
        assert!(why.contains("settings.ron:1:"), "{why}");
        let (s, why) = read("(pace: 1e30, ui_scale: -4.0)");
        assert_eq!((s.pace, s.ui_scale, why), (5.0, 0.5, None), "clamped");
        let (s, _) = read("(pace: NaN, ui_scale: 1.0)");
        assert_eq!(s, Settings::default());
        assert_eq!(
            Settings::load_from(Some(&dir.join("none.ron"))).0,
            Settings::default()
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
