//! Fog of war as a person sees it: which side's eyes the window looks through, and which events
//! of the stream that side may be told of. The filter folds the stream's own `Sighted` events, so
//! the log, the arrows of the computer's moves and its turn summary say no more than the side
//! knew when each event happened.

use crate::data::Side;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::SimEvent;

/// The side whose knowledge the window shows: the one person's side, or in a hot-seat game the
/// side to move; `None` (everything shown) without fog or when nobody plays.
pub fn viewer(scn: &Scenario, humans: [bool; 2], active: Side) -> Option<Side> {
    if !scn.file.fog.on {
        return None;
    }
    match humans {
        [true, false] => Some(Side::Soviet),
        [false, true] => Some(Side::Japanese),
        [true, true] => Some(active),
        [false, false] => None,
    }
}

/// What the viewer is told of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// All of it.
    Yes,
    /// An enemy unit it saw moved out of its sight (where to is not told).
    OutOfSight(UnitIx),
    /// Nothing.
    No,
}

/// The viewer's picture of the enemy, folded from the event stream in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FogFilter {
    viewer: Option<Side>,
    /// By side, by unit: whether the side sees it.
    seen: [Vec<bool>; 2],
    /// Enemy units that came into sight since [`FogFilter::take_appeared`] was last called.
    appeared: u32,
}

impl FogFilter {
    /// A filter for `viewer` (`None`: everything is told).
    pub fn new(scn: &Scenario, viewer: Option<Side>) -> FogFilter {
        FogFilter {
            viewer,
            seen: [vec![false; scn.units.len()], vec![false; scn.units.len()]],
            appeared: 0,
        }
    }

    pub fn viewer(&self) -> Option<Side> {
        self.viewer
    }

    /// Looks through another side's eyes from now on (a hot-seat hand-over).
    pub fn set_viewer(&mut self, viewer: Option<Side>) {
        self.viewer = viewer;
    }

    /// How many enemy units came into the viewer's sight since the last call.
    pub fn take_appeared(&mut self) -> u32 {
        std::mem::take(&mut self.appeared)
    }

    fn note(&mut self, e: &SimEvent) {
        if let SimEvent::Sighted {
            side,
            seen,
            lost,
            gone,
        } = e
        {
            let now = &mut self.seen[side.index()];
            for &(u, _) in seen {
                if !now[u as usize] && self.viewer == Some(*side) {
                    self.appeared += 1;
                }
                now[u as usize] = true;
            }
            for &u in lost.iter().chain(gone) {
                now[u as usize] = false;
            }
        }
    }

    /// What the viewer is told of `events[i]`; call for each event in order. A move, retreat,
    /// advance or arrival of an enemy unit is told when the viewer sees the unit where it ends
    /// (the sightings that follow the event); its supply and its withdrawal only while it is seen.
    pub fn told(&mut self, scn: &Scenario, events: &[SimEvent], i: usize) -> Told {
        let e = &events[i];
        self.note(e);
        let Some(v) = self.viewer else {
            return Told::Yes;
        };
        use SimEvent::*;
        let unit = match e {
            Moved { unit, .. }
            | Retreated { unit, .. }
            | Advanced { unit, .. }
            | Arrived { unit, .. }
            | Contact { unit, .. }
            | SupplyCut { unit }
            | Withdrawn { unit } => *unit,
            Sighted { .. } => return Told::No,
            _ => return Told::Yes,
        };
        if scn.units[unit as usize].side == v {
            return Told::Yes;
        }
        let before = self.seen[v.index()][unit as usize];
        let mut after = before;
        for later in events[i + 1..]
            .iter()
            .take_while(|l| matches!(l, Sighted { .. }))
        {
            if let Sighted {
                side,
                seen,
                lost,
                gone,
            } = later
                && *side == v
            {
                if seen.iter().any(|s| s.0 == unit) {
                    after = true;
                }
                if lost.contains(&unit) || gone.contains(&unit) {
                    after = false;
                }
            }
        }
        match e {
            SupplyCut { .. } | Withdrawn { .. } if before => Told::Yes,
            SupplyCut { .. } | Withdrawn { .. } => Told::No,
            _ if after => Told::Yes,
            Moved { .. } | Retreated { .. } if before => Told::OutOfSight(unit),
            _ => Told::No,
        }
    }
}
