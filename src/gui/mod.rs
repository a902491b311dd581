//! The game window (cargo feature `gui`). This first part draws a scenario's map and its units at
//! their starting positions, with pan and zoom, and can write a screenshot and exit (for previews
//! and tests). It only draws: the rules stay in [`crate::sim`].

mod camera;
mod map_view;
mod screenshot;

use crate::scenario::Scenario;
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The scenario the window shows.
#[derive(Resource, Clone)]
pub struct ViewedScenario(pub Arc<Scenario>);

/// Pixels per km on screen at zoom 1.
pub const PX_PER_KM: f32 = 24.0;

/// Draws the map and units, and handles the camera.
pub struct GuiPlugin;

impl Plugin for GuiPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(Color::srgb(0.12, 0.13, 0.14)))
            .add_systems(
                Startup,
                (
                    camera::spawn_camera,
                    map_view::spawn_map,
                    map_view::spawn_units,
                    map_view::spawn_labels,
                ),
            )
            .add_systems(Update, (map_view::draw_hex_sides, camera::pan_and_zoom));
    }
}

/// Where a screenshot goes and after how many frames.
#[derive(Debug, Clone)]
pub struct ScreenshotRequest {
    pub path: PathBuf,
    pub frames: u32,
}

/// Opens the window on a scenario and runs until it is closed (or the screenshot is written).
pub fn run_window(scenario: Arc<Scenario>, screenshot: Option<ScreenshotRequest>) -> AppExit {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!("Khalkhin Gol 1939 — {}", scenario.file.name),
            resolution: (1280, 900).into(),
            ..default()
        }),
        ..default()
    }))
    .insert_resource(ViewedScenario(scenario))
    .add_plugins(GuiPlugin);
    if let Some(req) = screenshot {
        app.insert_resource(screenshot::Pending::new(req))
            .add_systems(Update, screenshot::take_and_exit);
    }
    app.run()
}

/// Centre of a hex on screen (world units), x east, y north.
pub fn hex_world(scn: &Scenario, h: crate::map::HexId) -> Vec2 {
    let (x, y) = scn.map.center_km(h);
    Vec2::new(x as f32, -(y as f32)) * PX_PER_KM
}

/// A `#rrggbb` colour, or grey when it cannot be read.
pub fn parse_colour(s: &str) -> Color {
    let hex = s.trim_start_matches('#');
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|b| u8::from_str_radix(b, 16).ok())
    };
    match (hex.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Color::srgb_u8(r, g, b),
        _ => Color::srgb(0.5, 0.5, 0.5),
    }
}
