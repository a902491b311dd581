//! A snapshot of every unit on the map, sorted by unit id: what the rules read and change in one
//! phase. Systems build it from the ECS world, apply a rule to it, and write it back.

use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use serde::{Deserialize, Serialize};

/// Men and equipment still with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Component)]
pub struct Strength {
    pub men: u32,
    /// (equipment index, count), sorted by equipment index.
    pub equipment: Vec<(usize, u32)>,
}

/// A unit's state of mind and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Component)]
pub struct Condition {
    /// 0–100; below the rules' thresholds a unit cannot attack and may break.
    pub cohesion: f32,
    /// 0–100; lowers combat strength.
    pub fatigue: f32,
    /// Dug-in level; lost on moving.
    pub entrenchment: u8,
    /// 0–100.
    pub experience: u8,
    /// Hours of movement spent this turn.
    pub moved_hours: f32,
    /// Took part in a combat this turn (no rest recovery).
    pub fought: bool,
    /// Artillery: already fired in support this phase.
    pub fired: bool,
}

/// Supply status, set each supply phase.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, bevy::prelude::Component,
)]
pub struct SupplyStatus {
    /// Consecutive supply phases the unit could not trace supply.
    pub turns_out: u32,
}

impl SupplyStatus {
    pub fn in_supply(self) -> bool {
        self.turns_out == 0
    }
}

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
}

/// No unit: the end of a hex's chain in [`Board`]'s index.
const NONE: u32 = u32::MAX;

/// All units on the map, sorted by id, with a per-hex index: for each hex the position (in `units`)
/// of its first unit, and for each unit the position of the next one in the same hex, in id order.
/// Copying a board is two flat arrays and the unit list.
#[derive(Debug, Clone)]
pub struct Board {
    pub units: Vec<UnitSnap>,
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
        self.units_at(h)
            .map(|id| scn.unit_types[scn.units[id as usize].kind].stacking)
            .sum()
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

    /// Per hex: whether a unit of `side` exerts a zone of control into it. A unit's zone covers its
    /// six neighbours, but not across an unbridged major river.
    pub fn zoc_of(&self, scn: &Scenario, side: Side) -> Vec<bool> {
        let mut z = vec![false; scn.map.len()];
        for u in self.live().filter(|u| u.side == side) {
            if !scn.unit_types[scn.units[u.id as usize].kind].zoc || u.strength.men == 0 {
                continue;
            }
            for (d, n) in scn.map.neighbors(u.hex) {
                if scn.map.side_feature(u.hex, d) != crate::map::SideFeature::MajorRiver {
                    z[n.0 as usize] = true;
                }
            }
        }
        z
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
