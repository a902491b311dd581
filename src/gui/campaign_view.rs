//! A battle of a campaign in the window: when it ends, the campaign is brought up to date and
//! written to the user's progress file (the game-over summary then tells what the battle meant for
//! the campaign), and N goes on to the next battle with the strengths the units carry in.

use super::games::NewGame;
use super::hud::LogView;
use super::{GameSetup, ViewedScenario};
use crate::campaign::Progress;
use crate::sim::{EventLog, GameState};
use bevy::prelude::*;

/// The campaign after the battle now shown ended (`None` while it goes on, or outside a campaign).
#[derive(Resource, Debug, Clone, Default)]
pub struct CampaignEnded(pub Option<Progress>);

/// Records the end of a campaign's battle and starts the next one with N.
pub struct CampaignViewPlugin;

impl Plugin for CampaignViewPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<CampaignEnded>().add_systems(
            Update,
            (record_end, next_battle)
                .chain()
                .in_set(super::ViewStep::Panels)
                .before(super::hud::game_over),
        );
    }
}

/// When the battle of a campaign ends, the campaign after it (written to the progress file, with
/// a line in the log); when a new game begins, nothing.
pub fn record_end(
    setup: Res<GameSetup>,
    tally: Res<GameState>,
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    mut ended: ResMut<CampaignEnded>,
    mut log: ResMut<LogView>,
) {
    match (&setup.campaign, &tally.outcome, &ended.0) {
        (Some(run), Some(_), None) => {
            let (after, problem) = run.finish_battle(&scn.0, &events.0);
            log.note(match problem {
                None => "The campaign's progress is saved.".to_string(),
                Some(p) => format!("The campaign's progress could not be saved: {p}"),
            });
            ended.0 = Some(after);
        }
        (_, None, Some(_)) | (None, _, Some(_)) => ended.0 = None,
        _ => {}
    }
}

/// N, once a campaign's battle is over and another follows, starts it.
pub fn next_battle(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    setup: Res<GameSetup>,
    ended: Res<CampaignEnded>,
) {
    let (Some(run), Some(after)) = (&setup.campaign, &ended.0) else {
        return;
    };
    if keys.just_pressed(KeyCode::KeyN) && after.next_battle(&run.campaign).is_some() {
        commands.insert_resource(NewGame::CampaignNext);
    }
}
