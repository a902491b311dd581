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

/// All units on the map, sorted by id, with a per-hex index.
#[derive(Debug, Clone)]
pub struct Board {
    pub units: Vec<UnitSnap>,
    /// Units in each hex (ids), rebuilt on `reindex`.
    pub at: Vec<Vec<UnitIx>>,
}

impl Board {
    pub fn new(mut units: Vec<UnitSnap>, hexes: usize) -> Board {
        units.sort_by_key(|u| u.id);
        let mut b = Board {
            units,
            at: vec![Vec::new(); hexes],
        };
        b.reindex();
        b
    }

    pub fn reindex(&mut self) {
        for v in &mut self.at {
            v.clear();
        }
        for u in &self.units {
            if !u.gone {
                self.at[u.hex.0 as usize].push(u.id);
            }
        }
    }

    pub fn get(&self, id: UnitIx) -> Option<&UnitSnap> {
        self.units
            .binary_search_by_key(&id, |u| u.id)
            .ok()
            .map(|i| &self.units[i])
            .filter(|u| !u.gone)
    }

    pub fn get_mut(&mut self, id: UnitIx) -> Option<&mut UnitSnap> {
        match self.units.binary_search_by_key(&id, |u| u.id) {
            Ok(i) if !self.units[i].gone => Some(&mut self.units[i]),
            _ => None,
        }
    }

    pub fn units_at(&self, h: HexId) -> &[UnitIx] {
        &self.at[h.0 as usize]
    }

    /// The side occupying a hex, if any.
    pub fn occupant(&self, h: HexId) -> Option<Side> {
        self.units_at(h)
            .first()
            .and_then(|&id| self.get(id))
            .map(|u| u.side)
    }

    pub fn stacking_at(&self, scn: &Scenario, h: HexId) -> u32 {
        self.units_at(h)
            .iter()
            .map(|&id| scn.unit_types[scn.units[id as usize].kind].stacking)
            .sum()
    }

    /// Moves a unit and keeps the hex index current.
    pub fn relocate(&mut self, id: UnitIx, to: HexId) {
        let Some(u) = self.get_mut(id) else { return };
        let from = u.hex;
        u.hex = to;
        self.at[from.0 as usize].retain(|&x| x != id);
        self.at[to.0 as usize].push(id);
        self.at[to.0 as usize].sort_unstable();
    }

    pub fn remove(&mut self, id: UnitIx) {
        if let Some(u) = self.get_mut(id) {
            u.gone = true;
            let h = u.hex;
            self.at[h.0 as usize].retain(|&x| x != id);
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
