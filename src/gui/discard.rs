//! Asking before a game in progress is thrown away: starting another scenario (F2) or loading the
//! save (F9) while orders have been given and the game is not over asks first — Y or a click on
//! "Start it" goes on, N, Escape or "Keep playing" keeps the game. A reload (Ctrl+R) keeps the
//! game's orders, so it does not ask.

use super::games::NewGame;
use bevy::prelude::*;

/// A new game asked for while a game is in progress, waiting for the player's answer.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct AskDiscard(pub NewGame);

/// The player has said yes: the next [`NewGame`] is started without asking.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct DiscardConfirmed;

#[derive(Component)]
pub struct DiscardPanel;

/// The panel's buttons: yes (start) or no (keep playing).
#[derive(Component, Clone, Copy, PartialEq, Eq)]
pub struct DiscardAnswer(pub bool);

/// Whether a new game would throw away one in progress: orders given, or a turn played, and no
/// result yet.
pub fn in_progress(world: &World) -> bool {
    let played = !world.resource::<crate::sim::OrderLog>().0.is_empty()
        || world.resource::<crate::sim::Clock>().turn > 0;
    played && world.resource::<crate::sim::GameState>().outcome.is_none()
}

pub struct DiscardPlugin;

impl Plugin for DiscardPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Update,
            (show, answer)
                .chain()
                .before(super::games::start_requested_game),
        );
    }
}

fn line(s: &str, size: f32) -> (Text, TextFont, TextColor) {
    super::hud::panel_text(s, size, Color::srgb(0.95, 0.93, 0.88))
}

/// Opens the question when one is asked.
fn show(
    mut commands: Commands,
    ask: Option<Res<AskDiscard>>,
    panel: Query<Entity, With<DiscardPanel>>,
) {
    let Some(ask) = ask else { return };
    if !ask.is_added() || !panel.is_empty() {
        return;
    }
    let what = match &ask.0 {
        NewGame::Scenario(p) => format!("Start {}?", p.display()),
        NewGame::Load(p) => format!("Load the saved game {}?", p.display()),
        NewGame::Campaign { path, anew: true } => format!("Begin the campaign {}?", path.display()),
        NewGame::Campaign { path, anew: false } => {
            format!("Continue the campaign {}?", path.display())
        }
        // Only once the battle is over: never asked.
        NewGame::CampaignNext => "Go on to the campaign's next battle?".to_string(),
        // Neither throws the game away: never asked (see `games::start_requested_game`).
        NewGame::Reload => "Reload the scenario?".to_string(),
        NewGame::Undo => "Undo the last move?".to_string(),
    };
    commands
        .spawn((
            DiscardPanel,
            super::hud::floating(
                (percent(35), percent(30), percent(40)),
                (16.0, 10.0),
                20,
                Color::srgb(0.08, 0.08, 0.10),
            ),
        ))
        .with_children(|p| {
            p.spawn(line(&what, 17.0));
            p.spawn(line(
                "The game in progress will be lost (F5 saves it first).",
                14.0,
            ));
            p.spawn(Node {
                column_gap: px(12),
                ..default()
            })
            .with_children(|row| {
                for (yes, label, colour) in [
                    (true, "Start it (Y)", Color::srgb(0.35, 0.22, 0.20)),
                    (false, "Keep playing (N)", Color::srgb(0.20, 0.28, 0.20)),
                ] {
                    row.spawn((
                        DiscardAnswer(yes),
                        Button,
                        Node {
                            padding: UiRect::axes(px(10), px(5)),
                            ..default()
                        },
                        BackgroundColor(colour),
                    ))
                    .with_child(line(label, 15.0));
                }
            });
        });
}

/// Y / a click on "Start it" starts the new game; N, Escape or "Keep playing" keeps the old one.
fn answer(
    mut commands: Commands,
    ask: Option<Res<AskDiscard>>,
    keys: Res<ButtonInput<KeyCode>>,
    buttons: Query<(&Interaction, &DiscardAnswer), Changed<Interaction>>,
    panel: Query<Entity, With<DiscardPanel>>,
) {
    let Some(ask) = ask else { return };
    let clicked = buttons
        .iter()
        .find(|(i, _)| **i == Interaction::Pressed)
        .map(|(_, a)| a.0);
    let yes = keys.just_pressed(KeyCode::KeyY) || clicked == Some(true);
    let no = keys.just_pressed(KeyCode::KeyN)
        || keys.just_pressed(KeyCode::Escape)
        || clicked == Some(false);
    if !(yes || no) {
        return;
    }
    if yes {
        commands.insert_resource(DiscardConfirmed);
        commands.insert_resource(ask.0.clone());
    }
    commands.remove_resource::<AskDiscard>();
    for e in &panel {
        commands.entity(e).despawn();
    }
}
