//! Escape opens the game menu over the map (when no unit is selected and no other panel is open):
//! resume, save, load, undo, scenarios, mods, help, the settings and quit, each with its key. The
//! settings — the computer's pace and the interface scale — are kept in the user's settings folder
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pace: 0.35,
            ui_scale: 1.0,
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

#[derive(Component)]
struct MenuText;

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
/// problems open, the game not over. Escape closes it again.
fn toggle(
    keys: Res<ButtonInput<KeyCode>>,
    selection: Res<Selection>,
    mut open: ResMut<MenuOpen>,
    tally: Res<crate::sim::GameState>,
    others: Query<(), OtherPanels>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    if open.0 {
        open.0 = false;
    } else if selection.0.is_none() && others.is_empty() && tally.outcome.is_none() {
        open.0 = true;
    }
}

/// The menu's own keys while it is open: Q quits, [ and ] change the pace, - and = the interface
/// scale (both kept at once); the other keys it lists act as they always do.
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
    if keys.just_pressed(KeyCode::BracketLeft) {
        settings.pace -= 0.1;
    }
    if keys.just_pressed(KeyCode::BracketRight) {
        settings.pace += 0.1;
    }
    if keys.just_pressed(KeyCode::Minus) {
        settings.ui_scale -= 0.1;
    }
    if keys.just_pressed(KeyCode::Equal) {
        settings.ui_scale += 0.1;
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

/// The menu panel, kept in step with what it shows.
fn show(
    mut commands: Commands,
    open: Res<MenuOpen>,
    (settings, file): (Res<Settings>, Res<SettingsFile>),
    panel: Query<Entity, With<MenuPanel>>,
    mut text: Query<&mut Text, With<MenuText>>,
) {
    if !open.0 {
        for e in &panel {
            commands.entity(e).despawn();
        }
        return;
    }
    let body = menu_text(&settings, file.0.as_deref());
    if let Ok(mut t) = text.single_mut() {
        if t.0 != body {
            t.0 = body;
        }
        return;
    }
    if !panel.is_empty() {
        return;
    }
    commands
        .spawn((
            MenuPanel,
            super::hud::floating(
                (percent(20), percent(30), percent(40)),
                (18.0, 0.0),
                16,
                Color::srgba(0.05, 0.05, 0.07, 0.97),
            ),
        ))
        .with_children(|p| {
            p.spawn((
                MenuText,
                super::hud::panel_text(&body, 15.0, Color::srgb(0.93, 0.92, 0.88)),
            ));
        });
}

/// What the menu says.
pub fn menu_text(s: &Settings, file: Option<&std::path::Path>) -> String {
    let settings = file.map_or("(no home folder: not kept)".to_string(), |p| {
        p.display().to_string()
    });
    format!(
        "Menu\n\n\
         Escape      resume the game\n\
         F5          save the game (during your turn)\n\
         F9          load the saved game\n\
         U           undo the last move of this turn\n\
         F2          the scenarios: start another\n\
         F3          the mods\n\
         F1          all the controls\n\
         Q           quit\n\n\
         Settings (kept in {settings}):\n\
         [ and ]     the computer's pace: {:.2} s between its phases\n\
         - and =     interface scale: {:.1}",
        s.pace, s.ui_scale
    )
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
