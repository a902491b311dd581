//! Hot seat: when two people play (`--side both`), each side's orders phase opens behind a cover
//! naming the side to play, so that the mouse is handed over before anyone clicks. Enter, Space or
//! a click on the cover begins the turn; until then the map takes no clicks and no keys end the
//! turn.

use super::hud::Panel;
use crate::data::Side;
use crate::sim::{Clock, Humans, Phase};
use bevy::prelude::*;

/// The last (turn, side) whose player has taken the seat.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Seat(pub Option<(u32, Side)>);

#[derive(Component)]
pub struct HandoverCover;

pub struct HandoverPlugin;

impl Plugin for HandoverPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Seat>()
            .add_systems(Update, cover.before(super::ViewStep::Read));
    }
}

/// Shows the cover at the start of each side's orders phase in a hot-seat game; takes it away
/// (and the key that did so, so it does not also end the turn) when the player begins.
#[allow(clippy::too_many_arguments)]
fn cover(
    mut commands: Commands,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    scn: Res<super::ViewedScenario>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut seat: ResMut<Seat>,
    shown: Query<(Entity, &Interaction), With<HandoverCover>>,
) {
    let hot_seat = humans.0 == [true, true];
    let now = (clock.turn, clock.active);
    let due = hot_seat && *phase.get() == Phase::Orders && seat.0 != Some(now);
    if !due {
        for (e, _) in &shown {
            commands.entity(e).despawn();
        }
        return;
    }
    if let Some((e, i)) = shown.iter().next() {
        let begin =
            keys.any_just_pressed([KeyCode::Enter, KeyCode::Space]) || *i == Interaction::Pressed;
        for k in [KeyCode::Enter, KeyCode::Space, KeyCode::Tab, KeyCode::F5] {
            keys.clear_just_pressed(k);
        }
        if begin {
            seat.0 = Some(now);
            commands.entity(e).despawn();
        }
        return;
    }
    let name = crate::play::side_name(&scn.0, clock.active).to_string();
    commands
        .spawn((
            HandoverCover,
            Panel,
            Button,
            Node {
                position_type: PositionType::Absolute,
                top: px(0),
                left: px(0),
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: px(12),
                ..default()
            },
            GlobalZIndex(30),
            BackgroundColor(Color::srgb(0.03, 0.03, 0.04)),
        ))
        .with_children(|p| {
            p.spawn(super::hud::panel_text(
                &format!("Turn {} — {}", clock.turn + 1, clock.now),
                18.0,
                Color::srgb(0.8, 0.8, 0.76),
            ));
            p.spawn(super::hud::panel_text(
                &format!("{name}: your turn"),
                26.0,
                Color::srgb(0.95, 0.93, 0.88),
            ));
            p.spawn(super::hud::panel_text(
                "Hand over the mouse, then press Enter or click to begin.",
                16.0,
                Color::srgb(0.8, 0.8, 0.76),
            ));
        });
}
