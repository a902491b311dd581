//! Drawing only when something changes: the window waits for input or news from another thread
//! ([`super::wake`]) instead of redrawing every frame, and asks for the next frame only while
//! something moves — the computer playing its phases, a saved game being played again, counters
//! gliding, combat results fading, a key held down to pan, and the two frames after any input or
//! resize.
//! Idle on a person's turn or the end screen, it wakes once a minute and uses next to no CPU.

use super::effects::Fading;
use super::units_view::Moving;
use crate::sim::{Clock, Humans, Phase, Resume};
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};
use std::time::Duration;

pub struct RedrawPlugin;

impl Plugin for RedrawPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(WinitSettings {
            // The scenario list and the file watcher wake it themselves; the minute is a
            // safety net, not a poll.
            focused_mode: UpdateMode::reactive(Duration::from_secs(60)),
            unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
        })
        .add_systems(Last, keep_awake);
    }
}

/// Frames drawn after an input event: the frame that answers an input is updated on one frame and
/// drawn while the next is updated (Bevy's pipelined rendering), so without them it waited for the
/// next wake-up, up to a second.
const FRAMES_AFTER_INPUT: u8 = 2;

/// The messages that count as input: buttons, keys, the pointer, the wheel, a resize.
type Inputs<'w, 's> = (
    MessageReader<'w, 's, bevy::input::mouse::MouseButtonInput>,
    MessageReader<'w, 's, bevy::input::keyboard::KeyboardInput>,
    MessageReader<'w, 's, bevy::window::CursorMoved>,
    MessageReader<'w, 's, bevy::input::mouse::MouseWheel>,
    MessageReader<'w, 's, bevy::window::WindowResized>,
);

/// Asks for another frame while anything on screen is still changing, and for the frames after
/// any input or a change of the window's size (the place names are laid out for the new size on
/// the frame after it).
#[allow(clippy::too_many_arguments)]
fn keep_awake(
    mut inputs: Inputs,
    mut after_input: Local<u8>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    resume: Res<Resume>,
    moving: Query<(), With<Moving>>,
    fading: Query<(), With<Fading>>,
    keys: Res<ButtonInput<KeyCode>>,
    mut redraw: MessageWriter<RequestRedraw>,
    news: Res<super::wake::Wake>,
) {
    let input = inputs.0.read().count()
        + inputs.1.read().count()
        + inputs.2.read().count()
        + inputs.3.read().count()
        + inputs.4.read().count();
    if input > 0 {
        *after_input = FRAMES_AFTER_INPUT;
    }
    let answering = *after_input > 0;
    *after_input = after_input.saturating_sub(1);
    let phase = *phase.get();
    let computer_playing =
        phase != Phase::GameOver && !super::players_turn(phase, clock.active, &humans);
    if computer_playing
        || answering
        || resume.replaying()
        || !moving.is_empty()
        || !fading.is_empty()
        || keys.get_pressed().next().is_some()
        || news.owed()
    {
        redraw.write(RequestRedraw);
    }
}
