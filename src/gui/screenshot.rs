//! `khalkhin play --screenshot FILE --frames N`: render N frames, write the window to a PNG, exit.

use super::ScreenshotRequest;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};

#[derive(Resource)]
pub struct Pending {
    req: ScreenshotRequest,
    frame: u32,
    requested: bool,
}

impl Pending {
    pub fn new(req: ScreenshotRequest) -> Self {
        Pending {
            req,
            frame: 0,
            requested: false,
        }
    }
}

pub fn take_and_exit(
    mut commands: Commands,
    mut pending: ResMut<Pending>,
    capturing: Query<(), With<Capturing>>,
    mut exit: MessageWriter<AppExit>,
) {
    pending.frame += 1;
    if !pending.requested && pending.frame >= pending.req.frames {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(pending.req.path.clone()));
        pending.requested = true;
    } else if pending.requested && capturing.is_empty() && pending.frame > pending.req.frames + 2 {
        if pending.req.path.exists() {
            exit.write(AppExit::Success);
        } else if pending.frame > pending.req.frames + 600 {
            error!("the screenshot was not written after 600 frames");
            exit.write(AppExit::error());
        }
    }
}
