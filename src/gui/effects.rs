//! Combat results on the map: after each combat, the losses float over the hex fought for (the
//! attacker's men lost, then the defender's, and "taken" when the hex fell) in orange on a dark
//! plate, for a few seconds, as the turn log records them.

use super::{PX_PER_KM, ViewedScenario, hex_world};
use crate::sim::events::men_of;
use crate::sim::{EventLog, SimEvent};
use bevy::prelude::*;
use bevy::text::TextBackgroundColor;

/// A map note that fades: seconds left.
#[derive(Component)]
pub struct Fading(pub f32);

/// Seconds a result stays on the map.
const SHOW_SECONDS: f32 = 4.0;

const NOTE_INK: Color = Color::srgb(1.0, 0.55, 0.1);
/// Opacity of the plate under a note.
const PLATE_ALPHA: f32 = 0.8;

/// Spawns a note for each new combat in the event log.
pub fn spawn_results(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    mut seen: Local<usize>,
) {
    if events.0.len() < *seen {
        *seen = 0;
    }
    let scn = &scn.0;
    for e in &events.0[*seen..] {
        // The losses above the hex, "taken" below it.
        let (hex, text, dy) = match e {
            SimEvent::Combat {
                target,
                attacker_losses,
                defender_losses,
                ..
            } => (
                *target,
                format!(
                    "-{} / -{}",
                    men_of(attacker_losses),
                    men_of(defender_losses)
                ),
                0.45,
            ),
            SimEvent::Taken { hex, .. } => (*hex, "taken".to_string(), -0.45),
            _ => continue,
        };
        let p = hex_world(scn, hex) + Vec2::new(0.0, dy * PX_PER_KM);
        commands.spawn((
            Fading(SHOW_SECONDS),
            Text2d::new(text),
            TextFont {
                font_size: FontSize::Px(15.0),
                ..default()
            },
            TextColor(NOTE_INK),
            TextBackgroundColor(Color::BLACK.with_alpha(PLATE_ALPHA)),
            Transform::from_xyz(p.x, p.y, 60.0),
        ));
    }
    *seen = events.0.len();
}

/// Fades notes out and removes them.
pub fn fade(
    mut commands: Commands,
    time: Res<Time>,
    mut q: Query<(
        Entity,
        &mut Fading,
        &mut TextColor,
        &mut TextBackgroundColor,
    )>,
) {
    for (e, mut f, mut c, mut plate) in &mut q {
        f.0 -= time.delta_secs();
        if f.0 <= 0.0 {
            commands.entity(e).despawn();
        } else {
            // Fades out over the last second.
            let alpha = f.0.min(1.0);
            c.0 = c.0.with_alpha(alpha);
            plate.0 = plate.0.with_alpha(alpha * PLATE_ALPHA);
        }
    }
}
