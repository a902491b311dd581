//! Zones of control. A unit of a type that exerts one (`zoc` in unit_types.ron) and has men controls
//! the six hexes round it, but not across an unbridged major river. Entering an enemy zone ends a
//! move; a unit that starts in one cannot step straight into another (see `movement`); supply
//! cannot be traced through one unless a friendly unit holds the hex (see `supply`).

use crate::data::Side;
use crate::map::SideFeature;
use crate::scenario::Scenario;
use crate::sim::Board;

/// Per hex: whether a unit of `side` exerts a zone of control into it.
pub fn zoc_of(scn: &Scenario, board: &Board, side: Side) -> Vec<bool> {
    zoc_of_places(
        scn,
        board.epoch,
        board
            .live()
            .filter(|u| u.side == side)
            .map(|u| (u.id, u.hex, u.strength.men)),
    )
}

/// Per hex: whether a unit `(id, hex, men)` of the list exerts a zone of control into it, with the
/// bridges of step-table period `epoch` (for units a side believes are there, under fog of war).
pub fn zoc_of_places(
    scn: &Scenario,
    epoch: usize,
    units: impl Iterator<Item = (crate::scenario::UnitIx, crate::map::HexId, u32)>,
) -> Vec<bool> {
    let mut z = vec![false; scn.map.len()];
    for (id, hex, men) in units {
        if !scn.unit_type(id).zoc || men == 0 {
            continue;
        }
        for (d, n) in scn.map.neighbors(hex) {
            if scn.side_at(epoch, hex, d) != SideFeature::MajorRiver {
                z[n.0 as usize] = true;
            }
        }
    }
    z
}

/// Whether hex `h` is in `side`'s zone of control: the one-hex question of [`zoc_of`], without
/// working out the whole map.
pub fn in_zoc(scn: &Scenario, board: &Board, side: Side, h: crate::map::HexId) -> bool {
    scn.map.neighbors(h).any(|(d, n)| {
        // The side of `n` that faces `h`.
        let back = (d + 3) % 6;
        scn.side_at(board.epoch, n, back) != SideFeature::MajorRiver
            && board
                .units_at(n)
                .filter_map(|id| board.get(id))
                .any(|u| u.side == side && scn.unit_type(u.id).zoc && u.strength.men > 0)
    })
}

impl Board {
    /// [`zoc_of`] for this board.
    pub fn zoc_of(&self, scn: &Scenario, side: Side) -> Vec<bool> {
        zoc_of(scn, self, side)
    }
}
