//! The rules' view of the units on the map: a copy of every unit's state, sorted by unit id, with a
//! per-hex index. Read from the world once a phase and kept current as each event is applied
//! ([`super::apply::Step`]); the rules read it, never write it.

use super::state::{Condition, Strength, SupplyStatus};
use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};

#[derive(Debug, Clone, PartialEq)]
pub struct UnitSnap {
    pub id: UnitIx,
    pub side: Side,
    pub hex: HexId,
    pub strength: Strength,
    pub condition: Condition,
    pub supply: SupplyStatus,
    /// Removed from play during this phase (destroyed, surrendered).
    pub gone: bool,
    /// Not a unit seen but one its enemy knows of, where and as last seen (on a side's
    /// [`crate::sim::rules::sight::known_board`] under fog of war).
    pub ghost: bool,
}

/// No unit: the end of a hex's chain in [`Board`]'s index.
const NONE: u32 = u32::MAX;

/// All units on the map, sorted by id, with a per-hex index: for each hex the position (in `units`)
/// of its first unit, and for each unit the position of the next one in the same hex, in id order.
/// Copying a board is two flat arrays and the unit list.
#[derive(Debug, Clone)]
pub struct Board {
    pub units: Vec<UnitSnap>,
    /// The step-table period of the scenario now ([`crate::scenario::Scenario::epoch_at`]): which
    /// bridges stand.
    pub epoch: usize,
    head: Vec<u32>,
    next: Vec<u32>,
}

/// The ids of the units in one hex, ascending.
pub struct UnitsAt<'a> {
    board: &'a Board,
    at: u32,
}

impl Iterator for UnitsAt<'_> {
    type Item = UnitIx;
    fn next(&mut self) -> Option<UnitIx> {
        (self.at != NONE).then(|| {
            let i = self.at as usize;
            self.at = self.board.next[i];
            self.board.units[i].id
        })
    }
}

impl Board {
    pub fn new(mut units: Vec<UnitSnap>, hexes: usize) -> Board {
        units.sort_by_key(|u| u.id);
        let n = units.len();
        let mut b = Board {
            units,
            epoch: 0,
            head: vec![NONE; hexes],
            next: vec![NONE; n],
        };
        for i in (0..n).rev() {
            if !b.units[i].gone {
                let h = b.units[i].hex.0 as usize;
                b.next[i] = b.head[h];
                b.head[h] = i as u32;
            }
        }
        b
    }

    fn position(&self, id: UnitIx) -> Option<usize> {
        self.units
            .binary_search_by_key(&id, |u| u.id)
            .ok()
            .filter(|&i| !self.units[i].gone)
    }

    pub fn get(&self, id: UnitIx) -> Option<&UnitSnap> {
        self.position(id).map(|i| &self.units[i])
    }

    pub fn get_mut(&mut self, id: UnitIx) -> Option<&mut UnitSnap> {
        self.position(id).map(|i| &mut self.units[i])
    }

    /// The units in a hex, in id order.
    pub fn units_at(&self, h: HexId) -> UnitsAt<'_> {
        UnitsAt {
            board: self,
            at: self.head[h.0 as usize],
        }
    }

    pub fn is_empty_at(&self, h: HexId) -> bool {
        self.head[h.0 as usize] == NONE
    }

    /// The side occupying a hex, if any.
    pub fn occupant(&self, h: HexId) -> Option<Side> {
        let i = self.head[h.0 as usize];
        (i != NONE).then(|| self.units[i as usize].side)
    }

    pub fn stacking_at(&self, scn: &Scenario, h: HexId) -> u32 {
        self.units_at(h).map(|id| scn.unit_type(id).stacking).sum()
    }

    /// Takes unit position `i` out of its hex's chain.
    fn unlink(&mut self, i: usize) {
        let h = self.units[i].hex.0 as usize;
        if self.head[h] == i as u32 {
            self.head[h] = self.next[i];
        } else {
            let mut p = self.head[h];
            while p != NONE {
                if self.next[p as usize] == i as u32 {
                    self.next[p as usize] = self.next[i];
                    break;
                }
                p = self.next[p as usize];
            }
        }
        self.next[i] = NONE;
    }

    /// Puts unit position `i` into the chain of its hex, keeping id order.
    fn link(&mut self, i: usize) {
        let h = self.units[i].hex.0 as usize;
        let (mut prev, mut cur) = (NONE, self.head[h]);
        while cur != NONE && (cur as usize) < i {
            prev = cur;
            cur = self.next[cur as usize];
        }
        self.next[i] = cur;
        if prev == NONE {
            self.head[h] = i as u32;
        } else {
            self.next[prev as usize] = i as u32;
        }
    }

    /// Moves a unit and keeps the hex index current.
    pub fn relocate(&mut self, id: UnitIx, to: HexId) {
        let Some(i) = self.position(id) else { return };
        self.unlink(i);
        self.units[i].hex = to;
        self.link(i);
    }

    pub fn remove(&mut self, id: UnitIx) {
        if let Some(i) = self.position(id) {
            self.unlink(i);
            self.units[i].gone = true;
        }
    }

    pub fn live(&self) -> impl Iterator<Item = &UnitSnap> {
        self.units.iter().filter(|u| !u.gone)
    }

    /// Puts a unit's current state in the board (adding it, or moving it in the hex index).
    pub fn put(&mut self, snap: UnitSnap) {
        match self.units.binary_search_by_key(&snap.id, |u| u.id) {
            Ok(i) => {
                if !self.units[i].gone {
                    self.unlink(i);
                }
                self.units[i] = snap;
                if !self.units[i].gone {
                    self.link(i);
                }
            }
            Err(_) => {
                let mut units = std::mem::take(&mut self.units);
                units.push(snap);
                *self = Board::new(units, self.head.len());
            }
        }
    }
}

/// Counts of equipment of one class in a strength.
pub fn count_class(scn: &Scenario, s: &Strength, class: EquipmentClass) -> u32 {
    s.equipment
        .iter()
        .filter(|(e, _)| scn.equipment[*e].class == class)
        .map(|(_, n)| n)
        .sum()
}
