//! Place names on the map, drawn in the window's own pixels over the counters: 12 px text times the
//! interface scale at any zoom, each beside its hex's counter (below it, else above, right or left)
//! where it covers the least of the counters round it. Objectives are placed first (most points first), then the
//! other places, bridges last; a name that would lie on a name already placed is left out at this
//! zoom and shows again when zoomed in. The menu's M setting hides them all.

use super::{ViewedScenario, hex_world};
use crate::map::HexId;
use bevy::prelude::*;

/// Size of a place name's text, in interface pixels.
const LABEL_PX: f32 = 12.0;
/// Width of one character of the interface font (monospaced), per pixel of its size.
const CHAR_WIDTH: f32 = 0.6;
/// Padding round a name, interface pixels.
const PAD: f32 = 2.0;
/// Room kept round a counter beyond its body, world units: the size mark above it, the strength
/// bar under it.
const COUNTER_MARGIN: Vec2 = Vec2::new(1.5, 5.0);

/// A name's text and background, and the same see-through where it lies on a counter.
const LABEL_INK: Color = Color::srgb(0.05, 0.05, 0.05);
const LABEL_BACK: Color = Color::srgba(0.95, 0.93, 0.85, 0.75);
const LABEL_INK_ON_COUNTER: Color = Color::srgba(0.05, 0.05, 0.05, 0.85);
const LABEL_BACK_ON_COUNTER: Color = Color::srgba(0.95, 0.93, 0.85, 0.3);

/// A place name's node: its place in [`layout`]'s list.
#[derive(Component, Debug, Clone)]
pub struct PlaceLabel(pub usize);

/// Where each place name goes, as screen rectangles (pixels, y down), for names in the order
/// given (first placed first): `names[i]` is its hex's centre on screen and the name's size;
/// `counters` the rectangles of the counters on screen; `clear` half the size of a counter with
/// its marks. A name is put below or above its hex's counter (centred on it, or running right or
/// left from its edge) or beside it, at the first of those spots that covers the least counter
/// area (a spot beside counting [`BESIDE_COST`] more, and any spot on a counter the name's whole
/// area more, so that a spot clear of the counters always wins) and no name already placed;
/// `None` when every spot lies on a placed name.
pub fn place(names: &[(Vec2, Vec2)], counters: &[Rect], clear: Vec2) -> Vec<Option<Rect>> {
    place_keeping(names, counters, clear, &[])
        .into_iter()
        .map(|s| s.map(|(_, r)| r))
        .collect()
}

/// What a spot beside the counter (left or right, reaching into the next hex) costs over one
/// below or above it, as a share of the name's area of counters covered.
const BESIDE_COST: f32 = 0.5;

/// How much more of the counters (a share of the name's own area) a name may cover in the spot it
/// had last frame before it moves to a better one: names stay put while the counters round them
/// move a little, instead of jumping from side to side between turns.
const KEEP_SLACK: f32 = 0.25;

/// [`place`], where `previous[i]` is the spot name `i` had last time (an index of its spots, in
/// the order [`place`] tries them): kept while it is free of placed names and covers at most
/// [`KEEP_SLACK`] of the name's area more than the best spot. Returns each name's spot and
/// rectangle.
pub fn place_keeping(
    names: &[(Vec2, Vec2)],
    counters: &[Rect],
    clear: Vec2,
    previous: &[Option<u8>],
) -> Vec<Option<(u8, Rect)>> {
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(names.len());
    for (i, &(at, size)) in names.iter().enumerate() {
        let half = size / 2.0;
        let (below, above) = (clear.y + half.y, -(clear.y + half.y));
        let (right, left) = (clear.x + half.x, -(clear.x + half.x));
        // Below and above: centred, then starting at the hex's centre, then ending there; beside.
        let spots = [
            at + Vec2::new(0.0, below),
            at + Vec2::new(0.0, above),
            at + Vec2::new(half.x - clear.x, below),
            at + Vec2::new(clear.x - half.x, below),
            at + Vec2::new(half.x - clear.x, above),
            at + Vec2::new(clear.x - half.x, above),
            at + Vec2::new(right, 0.0),
            at + Vec2::new(left, 0.0),
        ];
        let free: Vec<(u8, f32, Rect)> = spots
            .iter()
            .enumerate()
            .map(|(k, &c)| (k as u8, Rect::from_center_half_size(c, half)))
            .filter(|(_, r)| placed.iter().all(|p| p.intersect(*r).is_empty()))
            // Beside the counter a name reaches into the next hex and reads as that hex's: it
            // counts as covering BESIDE_COST of its own area more.
            .map(|(k, r)| {
                let beside = if k >= 6 {
                    BESIDE_COST * size.x * size.y
                } else {
                    0.0
                };
                // A name on a counter can hide a unit: any spot clear of the counters is better.
                let on = covered(r, counters);
                let hides = if on > 0.0 { size.x * size.y } else { 0.0 };
                (k, on + hides + beside, r)
            })
            .collect();
        let best = free
            .iter()
            .fold(None::<&(u8, f32, Rect)>, |best, s| match best {
                Some(b) if b.1 <= s.1 => best,
                _ => Some(s),
            });
        let slack = KEEP_SLACK * size.x * size.y;
        let kept = previous
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| free.iter().find(|s| s.0 == k))
            .filter(|s| best.is_some_and(|b| s.1 <= b.1 + slack));
        let chosen = kept.or(best).map(|&(k, _, r)| (k, r));
        if let Some((_, r)) = chosen {
            placed.push(r);
        }
        out.push(chosen);
    }
    out
}

/// The area of the rectangles of `counters` that `r` covers.
pub fn covered(r: Rect, counters: &[Rect]) -> f32 {
    counters
        .iter()
        .map(|c| {
            let i = c.intersect(r);
            if i.is_empty() {
                0.0
            } else {
                i.width() * i.height()
            }
        })
        .sum()
}

/// The place names of the scenario, each with the screen rectangle it is drawn in (`None`: left
/// out at this zoom), in the order they are placed (see [`ranked`]): for the counters of `board`,
/// a camera that puts world point `p` at `to_screen(p)` (None: off screen) at orthographic scale
/// `zoom`, and interface scale `ui`.
pub fn layout(
    scn: &crate::scenario::Scenario,
    board: &crate::sim::Board,
    to_screen: &dyn Fn(Vec2) -> Option<Vec2>,
    zoom: f32,
    ui: f32,
) -> Vec<(String, Option<Rect>)> {
    layout_keeping(scn, board, to_screen, (zoom, ui), &[])
        .into_iter()
        .map(|(n, s, _)| (n, s.map(|(_, r)| r)))
        .collect()
}

/// A place name laid out: its spot and rectangle (`None`: left out at this zoom), and whether it
/// lies on a counter (then it is drawn see-through, so that the unit under it shows).
pub type Laid = (String, Option<(u8, Rect)>, bool);

/// [`layout`], each name keeping the spot it had (`previous`, by its place in the list) as
/// [`place_keeping`] says; with each name's spot and whether it lies on a counter.
pub fn layout_keeping(
    scn: &crate::scenario::Scenario,
    board: &crate::sim::Board,
    to_screen: &dyn Fn(Vec2) -> Option<Vec2>,
    (zoom, ui): (f32, f32),
    previous: &[Option<u8>],
) -> Vec<Laid> {
    let half = (super::units_view::COUNTER / 2.0 + COUNTER_MARGIN) / zoom.max(1e-3);
    let mut occupied: Vec<HexId> = board.live().map(|u| u.hex).collect();
    occupied.sort_unstable();
    occupied.dedup();
    let counters: Vec<Rect> = occupied
        .iter()
        .filter_map(|&h| to_screen(hex_world(scn, h)))
        .map(|p| Rect::from_center_half_size(p, half))
        .collect();
    let names = ranked(scn);
    let seen: Vec<(usize, Vec2, Vec2)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, (name, h))| {
            let p = to_screen(hex_world(scn, *h))?;
            let chars = name.chars().count() as f32;
            let size = Vec2::new(chars * CHAR_WIDTH * LABEL_PX + 2.0 * PAD, LABEL_PX * 1.25) * ui;
            Some((i, p, size))
        })
        .collect();
    let before: Vec<Option<u8>> = seen
        .iter()
        .map(|&(i, _, _)| previous.get(i).copied().flatten())
        .collect();
    let spots = place_keeping(
        &seen.iter().map(|&(_, p, s)| (p, s)).collect::<Vec<_>>(),
        &counters,
        half,
        &before,
    );
    let mut out: Vec<Laid> = names.into_iter().map(|(n, _)| (n, None, false)).collect();
    for (&(i, _, _), spot) in seen.iter().zip(spots) {
        out[i].1 = spot;
        out[i].2 = spot.is_some_and(|(_, r)| covered(r, &counters) > 0.0);
    }
    out
}

/// The places to name, in the order they are placed: objectives by points (most first), then the
/// other places by name, then bridges; map edges are not named.
fn ranked(scn: &crate::scenario::Scenario) -> Vec<(String, HexId)> {
    let mut names: Vec<(u8, i64, String, HexId)> = scn
        .map
        .places
        .iter()
        .filter(|(name, _)| !name.starts_with("West edge") && !name.starts_with("East edge"))
        .filter(|(name, _)| !name.starts_with("Map edge"))
        .map(|(name, &h)| {
            let objective = scn.objectives.iter().find(|o| o.name == *name);
            let bridge = scn.bridges.iter().any(|b| b.name == *name);
            let rank = match (objective, bridge) {
                (Some(_), _) => 0,
                (None, false) => 1,
                (None, true) => 2,
            };
            let points = objective.map_or(0, |o| -(o.points as i64));
            (rank, points, name.clone(), h)
        })
        .collect();
    names.sort();
    names.into_iter().map(|(_, _, n, h)| (n, h)).collect()
}

/// One node per place name of the scenario shown, hidden until placed; drawn under the panels.
pub fn spawn_labels(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    old: Query<Entity, With<PlaceLabel>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    for (i, (name, _)) in ranked(&scn.0).into_iter().enumerate() {
        commands.spawn((
            PlaceLabel(i),
            Node {
                position_type: PositionType::Absolute,
                padding: UiRect::horizontal(Val::Px(PAD)),
                ..default()
            },
            Text::new(name),
            TextFont {
                font_size: bevy::text::FontSize::Px(LABEL_PX),
                ..default()
            },
            TextColor(LABEL_INK),
            BackgroundColor(LABEL_BACK),
            GlobalZIndex(-1),
            Visibility::Hidden,
        ));
    }
}

/// Places the names for this frame's camera and counters (see [`layout`]); only nodes whose place
/// changed are touched, so a still map is not laid out again.
pub fn place_labels(
    scn: Res<ViewedScenario>,
    settings: Option<Res<super::menu::Settings>>,
    board: Res<super::overlay::ViewBoard>,
    ui: Option<Res<UiScale>>,
    camera: Query<(&Camera, &GlobalTransform, &Projection)>,
    mut labels: Query<(
        &PlaceLabel,
        &mut Node,
        &mut Visibility,
        &mut TextColor,
        &mut BackgroundColor,
    )>,
    mut kept: Local<Vec<Option<u8>>>,
) {
    // Another scenario names other places.
    if scn.is_changed() {
        kept.clear();
    }
    let Ok((camera, at, projection)) = camera.single() else {
        return;
    };
    let zoom = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let ui = ui.map_or(1.0, |u| u.0).max(0.1);
    let show = settings.is_none_or(|s| s.names);
    // Hexes off the window (beyond a margin for names that reach into it) are not placed.
    let Some(size) = camera.logical_viewport_size() else {
        return;
    };
    let shown = Rect::from_corners(Vec2::ZERO, size).inflate(200.0);
    let to_screen = |p: Vec2| {
        camera
            .world_to_viewport(at, p.extend(0.0))
            .ok()
            .filter(|&s| shown.contains(s))
    };
    let spots = layout_keeping(&scn.0, &board.0, &to_screen, (zoom, ui), &kept);
    *kept = spots.iter().map(|s| s.1.map(|(k, _)| k)).collect();
    for (label, mut node, mut vis, mut ink, mut back) in &mut labels {
        let spot = spots.get(label.0).and_then(|s| s.1).map(|(_, r)| r);
        let on_counter = spots.get(label.0).is_some_and(|s| s.2);
        let (i, b) = if on_counter {
            (LABEL_INK_ON_COUNTER, LABEL_BACK_ON_COUNTER)
        } else {
            (LABEL_INK, LABEL_BACK)
        };
        ink.set_if_neq(TextColor(i));
        back.set_if_neq(BackgroundColor(b));
        let (want, left, top) = match spot {
            Some(r) if show => (Visibility::Inherited, r.min.x / ui, r.min.y / ui),
            _ => (Visibility::Hidden, 0.0, 0.0),
        };
        vis.set_if_neq(want);
        if want != Visibility::Hidden && (node.left != Val::Px(left) || node.top != Val::Px(top)) {
            node.left = Val::Px(left);
            node.top = Val::Px(top);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spot_clear_of_counters_beats_any_spot_on_one() {
        let name = [(Vec2::new(100.0, 100.0), Vec2::new(40.0, 10.0))];
        let clear = Vec2::new(8.0, 6.0);
        // Counters under every spot below and above (each grazed only a little), none beside.
        let counters: Vec<Rect> = [-12.0, 12.0]
            .into_iter()
            .flat_map(|dy| {
                [-20.0, 0.0, 20.0].map(|dx| {
                    Rect::from_center_half_size(
                        Vec2::new(100.0 + dx, 100.0 + dy * 1.6),
                        Vec2::new(3.0, 2.0),
                    )
                })
            })
            .collect();
        let r = place(&name, &counters, clear)[0].expect("placed");
        assert_eq!(covered(r, &counters), 0.0, "beside, clear of them: {r:?}");
    }

    #[test]
    fn a_name_keeps_its_spot_until_a_counter_comes_onto_it() {
        let name = [(Vec2::new(100.0, 100.0), Vec2::new(40.0, 10.0))];
        let clear = Vec2::new(8.0, 6.0);
        // Nothing round it: below (spot 0) fresh, but a name that was above (1) stays above.
        assert_eq!(
            place_keeping(&name, &[], clear, &[])
                .first()
                .unwrap()
                .unwrap()
                .0,
            0
        );
        let above = place_keeping(&name, &[], clear, &[Some(1)])[0].unwrap();
        assert_eq!(above.0, 1);
        // A counter onto it: the name moves below.
        let counter = Rect::from_center_half_size(above.1.center(), Vec2::new(8.0, 6.0));
        assert_eq!(
            place_keeping(&name, &[counter], clear, &[Some(1)])[0]
                .unwrap()
                .0,
            0
        );
        // A counter grazing it moves it too, to a spot clear of the counters: a name on a
        // counter could hide a unit.
        let graze = Rect::from_center_half_size(above.1.min, Vec2::new(3.0, 3.0));
        assert_eq!(
            place_keeping(&name, &[graze], clear, &[Some(1)])[0]
                .unwrap()
                .0,
            0
        );
        // With no spot clear of the counters (one counter under all of them), a name stays where
        // it was while it covers little more than the best spot.
        let under_all =
            Rect::from_center_half_size(Vec2::new(100.0, 100.0), Vec2::new(200.0, 200.0));
        let graze = Rect::from_center_half_size(above.1.max, Vec2::new(2.0, 2.0));
        assert_eq!(
            place_keeping(&name, &[under_all, graze], clear, &[Some(1)])[0]
                .unwrap()
                .0,
            1
        );
    }
}
