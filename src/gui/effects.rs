//! Notes on the map: after each combat, the losses float over the hex fought for (the attacker's
//! men lost, then the defender's, and "taken" when the hex fell) in orange on a dark plate, for a
//! few seconds, as the turn log records them; a click or an order of the player's side that the
//! rules refuse says why at the hex clicked, in red.

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

/// A refusal to show at a hex, put there by the window's input.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Refusal(pub Option<(crate::map::HexId, String)>);

const REFUSAL_INK: Color = Color::srgb(1.0, 0.35, 0.3);

/// A refusal note on the map: lines of at most this many characters, at most `REFUSAL_LINES` of
/// them (the turn log has the whole reason), so that it stays narrow enough to read near an edge.
const REFUSAL_WIDTH: usize = 36;
const REFUSAL_LINES: usize = 3;

/// `text` wrapped at spaces into lines of at most `width` characters, at most `lines` of them
/// (cut with "..." when longer).
pub fn wrap(text: &str, width: usize, lines: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.push_str("...");
        }
    }
    out.join("\n")
}

/// A refusal note on the map: a new one replaces it (several at one spot read as garbage).
#[derive(Component)]
pub struct RefusalNote;

/// A refusal note at `p`, in place of the one shown before.
fn refusal_note(
    commands: &mut Commands,
    shown: &Query<Entity, With<RefusalNote>>,
    p: Vec2,
    why: &str,
) {
    for e in shown {
        commands.entity(e).despawn();
    }
    let text = wrap(&super::hud::plain(why), REFUSAL_WIDTH, REFUSAL_LINES);
    let e = note(commands, p, text, REFUSAL_INK);
    commands.entity(e).insert(RefusalNote);
}

fn note(commands: &mut Commands, p: Vec2, text: String, ink: Color) -> Entity {
    commands
        .spawn((
            Fading(SHOW_SECONDS),
            Text2d::new(text),
            TextFont {
                font_size: FontSize::Px(15.0),
                ..default()
            },
            TextColor(ink),
            TextBackgroundColor(Color::BLACK.with_alpha(PLATE_ALPHA)),
            Transform::from_xyz(p.x, p.y, 60.0),
        ))
        .id()
}

/// The refusal of a click, at the hex clicked.
pub fn spawn_refusal(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    mut r: ResMut<Refusal>,
    shown: Query<Entity, With<RefusalNote>>,
) {
    let Some((hex, why)) = r.0.take() else { return };
    let p = hex_world(&scn.0, hex) + Vec2::new(0.0, 0.8 * PX_PER_KM);
    refusal_note(&mut commands, &shown, p, &why);
}

/// Spawns a note for each new combat in the event log, and for each order of a side a person
/// plays that the rules refused.
pub fn spawn_results(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    humans: Res<crate::sim::Humans>,
    mut seen: Local<usize>,
    resume: Option<Res<crate::sim::Resume>>,
    shown: Query<Entity, With<RefusalNote>>,
) {
    // A new game (its scenario inserted afresh) floats only what happens from now on: a game
    // played again at once up to where the person left it (an undo, a reload, a load) has its
    // old results in the log already.
    if scn.is_changed() || events.0.len() < *seen {
        *seen = if scn.is_changed() { events.0.len() } else { 0 };
    }
    // A saved game, an undo or a reload played again: what was fought was shown already.
    if resume.is_some_and(|r| r.replaying()) {
        *seen = events.0.len();
        return;
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
                    "att -{} / def -{}",
                    men_of(attacker_losses),
                    men_of(defender_losses)
                ),
                0.45,
            ),
            SimEvent::Bombarded { target, losses, .. } => {
                let guns = crate::sim::events::pieces_of(losses);
                let text = if guns > 0 {
                    let s = if guns == 1 { "" } else { "s" };
                    format!("shelled -{} men -{guns} gun{s}", men_of(losses))
                } else {
                    format!("shelled -{} men", men_of(losses))
                };
                (*target, text, 0.45)
            }
            SimEvent::Taken { hex, .. } => (*hex, "taken".to_string(), -0.45),
            SimEvent::OrderRejected {
                side,
                order,
                reason,
            } if humans.0[side.index()] => {
                let hex = match order {
                    crate::sim::Order::Move { to, .. } => *to,
                    crate::sim::Order::Attack { target, .. }
                    | crate::sim::Order::Bombard { target, .. } => *target,
                    // Refused raids are told in the turn log only.
                    crate::sim::Order::RaidAirfields => continue,
                };
                let p = hex_world(scn, hex) + Vec2::new(0.0, 0.8 * PX_PER_KM);
                refusal_note(&mut commands, &shown, p, reason);
                continue;
            }
            _ => continue,
        };
        let p = hex_world(scn, hex) + Vec2::new(0.0, dy * PX_PER_KM);
        note(&mut commands, p, text, NOTE_INK);
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn refusals_wrap_at_spaces_into_a_few_short_lines() {
        let why = "18th Rifle Battalion cannot move there: the hex would hold 4 stacking points, \
                   more than the limit of 3 that a hex may hold";
        let text = wrap(why, 36, 3);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= 39), "{text}");
        assert!(text.ends_with("..."), "cut, the log has the rest: {text}");
        assert_eq!(wrap("short", 36, 3), "short");
    }
}
