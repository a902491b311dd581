//! The map camera: starts framing the whole map, and frames it again when the window is resized
//! until the player pans or zooms; arrow keys or WASD pan, the mouse wheel zooms, dragging with the
//! left button pans.

use super::{ViewedScenario, hex_world};
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::WindowResized;

/// Whether the player has panned or zoomed since the map was last framed.
#[derive(Resource, Default)]
pub struct CameraMoved(pub bool);

/// Centre (world units) and orthographic scale that frame the whole map in a `w`×`h` window.
fn framing(scn: &crate::scenario::Scenario, w: f32, h: f32) -> (Vec2, f32) {
    let last = crate::map::HexId((scn.map.len() - 1) as u32);
    let (min, max) = (hex_world(scn, crate::map::HexId(0)), hex_world(scn, last));
    let size = (max - min).abs() + Vec2::splat(2.0 * super::PX_PER_KM);
    let scale = (size.x / w.max(1.0)).max(size.y / h.max(1.0)).max(0.1);
    ((min + max) / 2.0, scale)
}

/// Smoothing of edges: multisampling, except on a software renderer (Mesa's llvmpipe, no GPU),
/// where it costs most of each frame (frames a second scrolling at 1280×800: 0.6 with it).
fn msaa(adapter: Option<&bevy::render::renderer::RenderAdapterInfo>) -> Msaa {
    match adapter {
        Some(a) if format!("{:?}", a.device_type) == "Cpu" => Msaa::Off,
        _ => Msaa::default(),
    }
}

/// Frames the whole map of the scenario shown, spawning the camera the first time; an undo or a
/// reload keeps the view.
pub fn fit_camera(
    mut commands: Commands,
    adapter: Option<Res<bevy::render::renderer::RenderAdapterInfo>>,
    scn: Res<ViewedScenario>,
    windows: Query<&Window>,
    mut camera: Query<(&mut Transform, &mut Projection), With<Camera2d>>,
    kept: Option<Res<super::games::ViewKept>>,
) {
    // The same game again (an undo, a reload): the view stays where the player left it.
    if kept.is_some_and(|k| k.0) && !camera.is_empty() {
        return;
    }
    let (w, h) = windows
        .iter()
        .next()
        .map_or((1280.0, 900.0), |w| (w.width(), w.height()));
    let (centre, scale) = framing(&scn.0, w, h);
    commands.insert_resource(CameraMoved(false));
    if let Ok((mut t, mut p)) = camera.single_mut() {
        t.translation = Vec3::new(centre.x, centre.y, 100.0);
        if let Projection::Orthographic(o) = &mut *p {
            o.scale = scale;
        }
        return;
    }
    commands.spawn((
        Camera2d,
        msaa(adapter.as_deref()),
        Projection::Orthographic(OrthographicProjection {
            scale,
            ..OrthographicProjection::default_2d()
        }),
        Transform::from_xyz(centre.x, centre.y, 100.0),
    ));
}

/// A resized window frames the whole map again, unless the player has panned or zoomed.
pub fn refit_on_resize(
    mut resized: MessageReader<WindowResized>,
    scn: Res<ViewedScenario>,
    moved: Option<Res<CameraMoved>>,
    mut camera: Query<(&mut Transform, &mut Projection), With<Camera2d>>,
) {
    let Some(size) = resized.read().last().map(|r| (r.width, r.height)) else {
        return;
    };
    if moved.is_some_and(|m| m.0) {
        return;
    }
    let (centre, scale) = framing(&scn.0, size.0, size.1);
    if let Ok((mut t, mut p)) = camera.single_mut()
        && let Projection::Orthographic(o) = &mut *p
    {
        t.translation = Vec3::new(centre.x, centre.y, 100.0);
        o.scale = scale;
    }
}

pub fn pan_and_zoom(
    (keys, buttons): (Res<ButtonInput<KeyCode>>, Res<ButtonInput<MouseButton>>),
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    time: Res<Time>,
    mut camera: Query<(&mut Transform, &mut Projection), With<Camera2d>>,
    mut moved: ResMut<CameraMoved>,
    panels: Query<&Interaction, With<super::hud::Panel>>,
) {
    // Over a panel the wheel scrolls the panel ([`super::scrolling`]), not the map's zoom.
    let wheel = if super::scrolling::over_panel(panels.iter()) {
        0.0
    } else {
        scroll.delta.y
    };
    let Ok((mut transform, mut projection)) = camera.single_mut() else {
        return;
    };
    let Projection::Orthographic(ortho) = &mut *projection else {
        return;
    };
    let mut dir = Vec2::ZERO;
    for (k, d) in [
        (KeyCode::ArrowLeft, -Vec2::X),
        (KeyCode::KeyA, -Vec2::X),
        (KeyCode::ArrowRight, Vec2::X),
        (KeyCode::KeyD, Vec2::X),
        (KeyCode::ArrowUp, Vec2::Y),
        (KeyCode::KeyW, Vec2::Y),
        (KeyCode::ArrowDown, -Vec2::Y),
        (KeyCode::KeyS, -Vec2::Y),
    ] {
        if keys.pressed(k) {
            dir += d;
        }
    }
    let speed = 600.0 * ortho.scale * time.delta_secs();
    transform.translation += (dir.normalize_or_zero() * speed).extend(0.0);
    let dragged = buttons.pressed(MouseButton::Left) && motion.delta != Vec2::ZERO;
    if dragged {
        transform.translation += Vec3::new(-motion.delta.x, motion.delta.y, 0.0) * ortho.scale;
    }
    if dir != Vec2::ZERO || dragged || wheel != 0.0 {
        moved.0 = true;
    }
    if wheel != 0.0 {
        ortho.scale = (ortho.scale * (1.0 - 0.1 * wheel.signum())).clamp(0.2, 5.0);
    }
}

/// With the `follow` setting, during a computer side's turn the map centres on the hex of that
/// side's latest move or attack as it comes (the zoom stays); a person's moves are not followed,
/// nor, under fog of war, moves the player's side does not see.
#[allow(clippy::too_many_arguments)]
pub fn follow_computer(
    settings: Option<Res<super::menu::Settings>>,
    scn: Res<ViewedScenario>,
    events: Res<crate::sim::EventLog>,
    humans: Res<crate::sim::Humans>,
    clock: Res<crate::sim::Clock>,
    (mut read, mut quiet): (Local<usize>, Local<usize>),
    mut fog: Local<Option<crate::play::fog::FogFilter>>,
    mut camera: Query<&mut Transform, With<Camera2d>>,
    resume: Option<Res<crate::sim::Resume>>,
) {
    use crate::play::fog::{FogFilter, Told, viewer};
    use crate::sim::SimEvent;
    // A new game (its scenario inserted afresh) is read from its first event, but followed only
    // from now on: a game played again at once up to where the person left it (an undo, a
    // reload, a load) is not followed through its old moves.
    if scn.is_changed() || events.0.len() < *read {
        *read = 0;
        *quiet = if scn.is_changed() { events.0.len() } else { 0 };
        *fog = None;
    }
    // A game played again to where it was (a load, an undo, a reload) is not followed.
    if resume.is_some_and(|r| r.replaying()) {
        *read = events.0.len();
        return;
    }
    let scn = &scn.0;
    let looking = viewer(scn, humans.0, clock.active);
    let filter = fog.get_or_insert_with(|| FogFilter::new(scn, looking));
    filter.set_viewer(looking);
    let computer = |side: crate::data::Side| !humans.0[side.index()];
    let mut latest = None;
    for i in *read..events.0.len() {
        if filter.told(scn, &events.0, i) != Told::Yes || i < *quiet {
            continue;
        }
        match &events.0[i] {
            SimEvent::Moved { unit, to, .. } if computer(scn.units[*unit as usize].side) => {
                latest = Some(*to)
            }
            SimEvent::Combat { side, target, .. } if computer(*side) => latest = Some(*target),
            _ => {}
        }
    }
    *read = events.0.len();
    if !settings.is_some_and(|s| s.follow) {
        return;
    }
    if let Some(h) = latest {
        let at = hex_world(scn, h);
        for mut t in &mut camera {
            t.translation.x = at.x;
            t.translation.y = at.y;
        }
    }
}

/// Tab selects the next unit that has not moved: the map is centred on it (the zoom stays), as it
/// may be anywhere on the map.
pub fn centre_on_tabbed(
    keys: Res<ButtonInput<KeyCode>>,
    selection: Res<super::Selection>,
    board: Res<super::overlay::ViewBoard>,
    scn: Res<ViewedScenario>,
    mut camera: Query<&mut Transform, With<Camera2d>>,
    mut moved: Option<ResMut<CameraMoved>>,
) {
    if !keys.just_pressed(KeyCode::Tab) || !selection.is_changed() {
        return;
    }
    let Some(u) = selection.0.and_then(|id| board.0.get(id)) else {
        return;
    };
    centre_on(&scn.0, u.hex, &mut camera, moved.as_deref_mut());
}

/// Puts hex `h` at the middle of the window, the zoom as it is; the view counts as the player's
/// own from then on (a resize does not frame the whole map again).
pub fn centre_on(
    scn: &crate::scenario::Scenario,
    h: crate::map::HexId,
    camera: &mut Query<&mut Transform, With<Camera2d>>,
    moved: Option<&mut CameraMoved>,
) {
    let at = hex_world(scn, h);
    for mut t in camera.iter_mut() {
        t.translation.x = at.x;
        t.translation.y = at.y;
    }
    if let Some(m) = moved {
        m.0 = true;
    }
}
