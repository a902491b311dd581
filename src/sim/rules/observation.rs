//! Observation: who sees a hex well enough to direct artillery fire on it.
//!
//! Rules (numbers in `rules.artillery`):
//! - A unit on the ground observes hexes within `observe_km`, plus `observe_km_per_10m` for each
//!   10 m its hex stands above the hex observed, at most `observe_max_km`.
//! - A hex that no unit of the side observes from the ground is observed from the air by day when
//!   the side has air points left this turn; fire directed from the air counts `air_observed`.
//! - Unobserved hexes cannot be bombarded (supporting fire in a combat is directed by the units
//!   fighting and needs no observer).

use crate::data::Side;
use crate::map::HexId;
use crate::scenario::Scenario;
use crate::sim::{Board, UnitSnap};

/// Farthest, in km, a unit standing in `from` observes the hex `target`'s height.
pub fn sight_km(scn: &Scenario, from: HexId, target: HexId) -> f32 {
    let a = &scn.rules.artillery;
    let rise = (scn.map.elevation_m[from.0 as usize] - scn.map.elevation_m[target.0 as usize])
        .max(0) as f32;
    (a.observe_km + rise / 10.0 * a.observe_km_per_10m).min(a.observe_max_km)
}

/// Whether the unit observes `target` from where it stands.
pub fn observes(scn: &Scenario, u: &UnitSnap, target: HexId) -> bool {
    scn.map.distance(u.hex, target) as f32 * scn.map.hex_km as f32 <= sight_km(scn, u.hex, target)
}

/// How well `side` observes `target` in the turn starting `now` with `air_left` air points: 1 from
/// the ground, `air_observed` from the air only, 0 when unobserved.
pub fn observation(
    scn: &Scenario,
    board: &Board,
    side: Side,
    target: HexId,
    now: crate::data::Stamp,
    air_left: f32,
) -> f32 {
    if board
        .live()
        .any(|u| u.side == side && u.strength.men > 0 && observes(scn, u, target))
    {
        1.0
    } else if !scn.is_night(now) && air_left > 0.0 {
        scn.rules.artillery.air_observed
    } else {
        0.0
    }
}
