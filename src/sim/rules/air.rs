//! Air support: each side has, in each day turn, the sum of the `strength` of its scenario `air`
//! entries in force at the turn's start (none at night); each attack takes its share of what is
//! left (see `attack_setup`).

use crate::data::{Side, Stamp};
use crate::scenario::Scenario;

/// Air points `side` has in the turn starting `now`.
pub fn air_for_turn(scn: &Scenario, side: Side, now: Stamp) -> f32 {
    if scn.is_night(now) {
        return 0.0;
    }
    scn.file
        .air
        .iter()
        .filter(|a| a.side == side && a.from <= now && now < a.until)
        .map(|a| a.strength)
        .sum()
}

/// Both sides' air points for the turn, by `Side::index()`.
pub fn air_of_turn(scn: &Scenario, now: Stamp) -> [f32; 2] {
    [
        air_for_turn(scn, Side::Soviet, now),
        air_for_turn(scn, Side::Japanese, now),
    ]
}
