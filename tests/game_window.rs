//! A player starts the game: the window opens on the August scenario and shows the map — checked on
//! a screenshot rendered under Xvfb with Mesa's software Vulkan: the river's blue on the map's west
//! side, both sides' counter colours where their units stand, and no blank or error frame.
//! Needs the `gui` feature, `xvfb-run` and a Vulkan driver. Outside CI, where they are missing, the
//! test says so loudly and passes; in CI (`CI` set) it fails.
#![cfg(feature = "gui")]

mod common;
use common::root;
use std::process::Command;

/// An RGB image read from a PNG.
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<[u8; 3]>,
}

fn read_png(path: &std::path::Path) -> Image {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("the screenshot"));
    let mut reader = png::Decoder::new(file).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(
        channels >= 3 && info.bit_depth == png::BitDepth::Eight,
        "{info:?}"
    );
    Image {
        width: info.width as usize,
        height: info.height as usize,
        rgb: buf[..info.buffer_size()]
            .chunks(channels)
            .map(|p| [p[0], p[1], p[2]])
            .collect(),
    }
}

impl Image {
    /// Share of pixels in the box (fractions of width and height) close to `colour`.
    fn share(&self, (x0, y0, x1, y1): (f32, f32, f32, f32), colour: [u8; 3], tol: i32) -> f32 {
        let (xa, xb) = (
            (x0 * self.width as f32) as usize,
            (x1 * self.width as f32) as usize,
        );
        let (ya, yb) = (
            (y0 * self.height as f32) as usize,
            (y1 * self.height as f32) as usize,
        );
        let mut n = 0;
        let mut hit = 0;
        for y in ya..yb {
            for x in xa..xb {
                n += 1;
                let p = self.rgb[y * self.width + x];
                if (0..3).all(|k| (p[k] as i32 - colour[k] as i32).abs() <= tol) {
                    hit += 1;
                }
            }
        }
        hit as f32 / n.max(1) as f32
    }
}

fn display_available() -> bool {
    Command::new("xvfb-run").arg("--help").output().is_ok()
}

#[test]
fn the_game_window_shows_the_map_and_both_sides() {
    if !display_available() {
        let msg = "NO DISPLAY: `xvfb-run` is not installed, so the game window cannot be tested \
                   here. `.ci/run` installs it (apt-get install xvfb mesa-vulkan-drivers).";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("\n!!!!!!!!\n{msg}\n!!!!!!!!\n");
        return;
    }
    let out = std::env::temp_dir().join(format!("khalkhin-window-{}.png", std::process::id()));
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x900x24"])
        .arg(env!("CARGO_BIN_EXE_khalkhin"))
        .args(["play", "scenarios/august_1939.ron", "--screenshot"])
        .arg(&out)
        .args(["--frames", "20", "--select", "su_7mab_mr"])
        .current_dir(root())
        .status()
        .expect("xvfb-run runs");
    assert!(status.success(), "the game exited with {status}");
    let img = read_png(&out);
    // The window of 1280×900 fits the 1280×900 screen: 95% of its width, 90% of its height.
    assert_eq!((img.width, img.height), (1216, 810));
    // Not a blank frame: the map's ground colours vary.
    let mut distinct: Vec<[u8; 3]> = img.rgb.iter().step_by(97).copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() > 20, "a blank or near-blank frame");
    // The Khalkhin Gol (river blue) runs down the west part of the map.
    let river = [43, 107, 217];
    assert!(
        img.share((0.2, 0.1, 0.6, 0.9), river, 40) > 0.001,
        "no river on the map"
    );
    // Soviet counters (red-brown) west of the river and Japanese (ochre) east of it.
    let (soviet, japanese) = ([179, 56, 43], [219, 179, 51]);
    let all = (0.0, 0.05, 1.0, 1.0);
    assert!(img.share(all, soviet, 25) > 0.001, "no Soviet counters");
    assert!(img.share(all, japanese, 25) > 0.001, "no Japanese counters");
    // The panels: the top bar is dark.
    assert!(
        img.share((0.0, 0.0, 1.0, 0.03), [20, 20, 23], 30) > 0.5,
        "no top bar"
    );
    std::fs::remove_file(&out).ok();
}
