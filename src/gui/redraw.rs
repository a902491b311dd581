//! Drawing only when something changes: the window waits for input (or a second) instead of
//! redrawing every frame, and asks for the next frame only while something moves — the computer
//! playing its phases, a saved game being played again, counters gliding, combat results fading, a
//! key held down to pan. Idle on a person's turn or the end screen, it uses next to no CPU.

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
            focused_mode: UpdateMode::reactive(Duration::from_secs(1)),
            unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(5)),
        })
        .add_systems(Last, keep_awake);
    }
}

/// Asks for another frame while anything on screen is still changing.
#[allow(clippy::too_many_arguments)]
fn keep_awake(
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    resume: Res<Resume>,
    moving: Query<(), With<Moving>>,
    fading: Query<(), With<Fading>>,
    keys: Res<ButtonInput<KeyCode>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let phase = *phase.get();
    let computer_playing =
        phase != Phase::GameOver && !super::players_turn(phase, clock.active, &humans);
    if computer_playing
        || resume.replaying()
        || !moving.is_empty()
        || !fading.is_empty()
        || keys.get_pressed().next().is_some()
    {
        redraw.write(RequestRedraw);
    }
}
