//! `khalkhin map`: a scenario's map as text, at the start or at a date of a headless game; with
//! `--whole`, the map file's whole grid with the scenario's window outlined.

use super::open_scenario;
use khalkhin_gol::control::ControllerKind;
use std::process::ExitCode;

pub fn print_map(
    path: &std::path::Path,
    at: Option<(String, u64, (ControllerKind, ControllerKind))>,
    whole: bool,
) -> ExitCode {
    use khalkhin_gol::data::Side;
    let Some(scn) = open_scenario(path) else {
        return ExitCode::FAILURE;
    };
    let letter = |side: Side, cut: bool| match (side, cut) {
        (Side::Soviet, false) => 'S',
        (Side::Soviet, true) => 's',
        (Side::Japanese, false) => 'J',
        (Side::Japanese, true) => 'j',
    };
    let mut when_shown = scn.file.start;
    let mut marks: Vec<_> = match &at {
        None => scn
            .units
            .iter()
            .filter(|u| u.arrives.is_none())
            .map(|u| (u.hex, letter(u.side, false)))
            .collect(),
        Some((date, seed, sides)) => {
            let when = match khalkhin_gol::data::time::Stamp::parse(date) {
                Ok(w) if w >= scn.file.start && w < scn.file.end => w,
                Ok(_) => {
                    eprintln!(
                        "error: --at {date}: expected a date from {} to before {}",
                        scn.file.start, scn.file.end
                    );
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    eprintln!("error: --at {date}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let board =
                khalkhin_gol::sim::board_at(&scn, *seed, [sides.0.build(), sides.1.build()], when);
            say!("game seed {seed} at the turn of {when}:");
            when_shown = when;
            let cut_after = scn.rules.supply.encircled_after_turns;
            board
                .live()
                .map(|u| (u.hex, letter(u.side, u.supply.turns_out >= cut_after)))
                .collect()
        }
    };
    marks.extend(scn.map.claim_line.iter().map(|&h| (h, '+')));
    let window = scn.map.grid_range();
    // The scenario is this command's alone: changed for `--whole` without a copy.
    let mut scn = std::sync::Arc::unwrap_or_clone(scn);
    if whole {
        match khalkhin_gol::scenario::whole_map(path, super::mods()) {
            Ok(map) => {
                // Marks move to the whole grid's hexes; the window's edge hexes are marked `#`.
                let to_whole = |h| {
                    let (c, r) = scn.map.grid(h);
                    map.id(c, r).expect("the window lies on the grid")
                };
                marks = marks
                    .into_iter()
                    .filter(|(_, m)| *m != '+')
                    .map(|(h, m)| (to_whole(h), m))
                    .collect();
                marks.extend(map.claim_line.iter().map(|&h| (h, '+')));
                for b in &mut scn.bridges {
                    b.hex = to_whole(b.hex);
                }
                let (w, h) = (scn.map.cols, scn.map.rows);
                for r in 0..h {
                    for c in 0..w {
                        if (r == 0 || c == 0 || r == h - 1 || c == w - 1)
                            && let Some(x) = scn.map.id(c, r)
                        {
                            let x = to_whole(x);
                            if !marks.iter().any(|(m, _)| *m == x) {
                                marks.push((x, '#'));
                            }
                        }
                    }
                }
                scn.map = map;
            }
            Err(e) => {
                super::validate::print_errors(&e);
                return ExitCode::FAILURE;
            }
        }
    }
    say!(
        "{} ({}×{} hexes of {} km; {}; the scenario plays on {window})",
        scn.map.name,
        scn.map.cols,
        scn.map.rows,
        scn.map.hex_km,
        scn.map.geo_bounds()
    );
    let bridges: Vec<_> = scn
        .bridges
        .iter()
        .filter(|b| b.stands(when_shown))
        .map(|b| (b.hex, b.dir))
        .collect();
    say_raw!(
        "{}",
        khalkhin_gol::map::render_ascii(&scn.map, &marks, &bridges)
    );
    say!(
        "{}  S/J=Soviet/Japanese unit (s/j cut off)  +=claim line  |=major river  :=minor river  ==bridge{}",
        khalkhin_gol::map::legend(&scn.map),
        if whole {
            "  #=edge of the scenario's window"
        } else {
            ""
        }
    );
    for (name, h) in &scn.map.places {
        let (c, r) = scn.map.grid(*h);
        say!("  {name:<32} ({c},{r})");
    }
    for b in &scn.bridges {
        let (c, r) = scn.map.grid(b.hex);
        say!(
            "  bridge {:<25} ({c},{r}) {}, {} to {}",
            b.name,
            b.capacity,
            b.built.map_or("the start".to_string(), |d| d.to_string()),
            b.removed.map_or("the end".to_string(), |d| d.to_string())
        );
    }
    ExitCode::SUCCESS
}
