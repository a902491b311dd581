//! Bridges by date: a bridge is usable from the first turn that starts at or after its `built`
//! date, and no longer from the first turn that starts at or after its `removed` date (blown or
//! taken up). At the start of each turn after the first, every bridge that went up or came down
//! since the last turn's start is announced (`BridgeChanged`); the step tables of the new period
//! apply from that turn ([`crate::scenario::Scenario::epoch_at`]).

use crate::data::Stamp;
use crate::sim::SimEvent;
use crate::sim::apply::Step;

/// Announces the bridges that went up or came down between the previous turn's start and `date`.
pub fn bridges_of_turn(step: &mut Step, turn: u32, date: Stamp) {
    if turn == 0 {
        return;
    }
    let scn = step.scn.clone();
    let before = date.plus_hours(-(scn.file.turn_hours as i64));
    for (i, b) in scn.bridges.iter().enumerate() {
        let (was, is) = (b.stands(before), b.stands(date));
        if was != is {
            step.emit(SimEvent::BridgeChanged {
                bridge: i,
                stands: is,
            });
        }
    }
}
