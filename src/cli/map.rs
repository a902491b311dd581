//! `khalkhin map`: a scenario's map as text, at the start or at a date of a headless game.

use super::open_scenario;
use khalkhin_gol::control::ControllerKind;
use std::process::ExitCode;

pub fn print_map(
    path: &std::path::Path,
    at: Option<(String, u64, (ControllerKind, ControllerKind))>,
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
    say!(
        "{} ({}×{} hexes of {} km)",
        scn.map.name,
        scn.map.cols,
        scn.map.rows,
        scn.map.hex_km
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
        "{}  S/J=Soviet/Japanese unit (s/j cut off)  +=claim line  |=major river  :=minor river  ==bridge",
        khalkhin_gol::map::legend(&scn.map)
    );
    for (name, h) in &scn.map.places {
        let (c, r) = scn.map.offset(*h);
        say!("  {name:<32} ({c},{r})");
    }
    for b in &scn.bridges {
        let (c, r) = scn.map.offset(b.hex);
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
