//! The hex map of the front: terrain, elevation, river hex sides, bridges, tracks, named places
//! and the claim line, built from a map file. Hexes are pointy-topped, `hex_km` across the flats,
//! in "odd-r" offset columns and rows (odd rows shifted half a hex east); row 0 is the north edge.

mod ascii;
mod build;
mod geo;
pub mod steps;

pub use ascii::{legend, render_ascii};
pub use build::{build_map, build_window};
pub use geo::Projection;

use hexx::{Hex, HexOrientation, OffsetHexMode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Index of a hex on the map: `row * cols + col`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HexId(pub u32);

/// A river's name, kind and course in km east/south of the origin hex.
pub type RiverCourse = (String, crate::data::map::RiverKind, Vec<(f64, f64)>);

/// Marks a side with no hex beyond it in [`HexMap::nbrs`].
pub const NO_HEX: u32 = u32::MAX;

/// What lies on one hex side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideFeature {
    #[default]
    Open,
    MinorRiver,
    MajorRiver,
    /// A major river with a bridge standing on this side: never in the map, which has no bridges;
    /// [`crate::scenario::Scenario::side_at`] says it for a scenario's period.
    Bridge,
}

#[derive(Debug, Clone)]
pub struct HexMap {
    pub name: String,
    pub cols: i32,
    pub rows: i32,
    pub hex_km: f64,
    pub projection: Projection,
    /// Index into `terrain_keys` per hex.
    pub terrain: Vec<u8>,
    /// Terrain keys of `terrain.ron`, sorted.
    pub terrain_keys: Vec<String>,
    pub elevation_m: Vec<i32>,
    /// Per hex, per edge direction (hexx's `EdgeDirection` index 0–5).
    pub sides: Vec<[SideFeature; 6]>,
    /// Per hex, bit `d` set when a track runs through hex side `d`.
    pub tracks: Vec<u8>,
    pub places: BTreeMap<String, HexId>,
    pub claim_line: Vec<HexId>,
    /// Per hex, the neighbour across each side (hexx's `EdgeDirection` index), or [`NO_HEX`] off the map.
    pub nbrs: Vec<[u32; 6]>,
    /// River courses in km east/south of the origin hex, with their names and kinds.
    pub rivers: Vec<RiverCourse>,
    /// The map file's column and row of this board's hex (0,0): a scenario plays on a window of
    /// the map's grid, and hexes are named to players and files by the grid's numbers.
    pub grid_origin: (i32, i32),
    /// The map file's whole grid, columns × rows.
    pub grid_size: (i32, i32),
    /// The map's places that lie outside this board's window.
    pub places_elsewhere: Vec<String>,
}

impl HexMap {
    pub fn len(&self) -> usize {
        (self.cols * self.rows) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn id(&self, col: i32, row: i32) -> Option<HexId> {
        (col >= 0 && row >= 0 && col < self.cols && row < self.rows)
            .then(|| HexId((row * self.cols + col) as u32))
    }

    /// (column, row) of a hex.
    pub fn offset(&self, h: HexId) -> (i32, i32) {
        (h.0 as i32 % self.cols, h.0 as i32 / self.cols)
    }

    /// Builds the neighbour table from the grid's geometry.
    pub fn compute_neighbors(&mut self) {
        self.nbrs = (0..self.len() as u32)
            .map(|h| {
                let a = self.axial(HexId(h));
                let mut out = [NO_HEX; 6];
                for (d, slot) in out.iter_mut().enumerate() {
                    if let Some(n) =
                        self.from_axial(a.neighbor(hexx::EdgeDirection::ALL_DIRECTIONS[d]))
                    {
                        *slot = n.0;
                    }
                }
                out
            })
            .collect();
    }

    pub fn axial(&self, h: HexId) -> Hex {
        let (c, r) = self.offset(h);
        Hex::from_offset_coordinates([c, r], OffsetHexMode::Odd, HexOrientation::Pointy)
    }

    pub fn from_axial(&self, a: Hex) -> Option<HexId> {
        let [c, r] = a.to_offset_coordinates(OffsetHexMode::Odd, HexOrientation::Pointy);
        self.id(c, r)
    }

    /// The neighbour across side `dir` (0–5), if on the map.
    pub fn neighbor(&self, h: HexId, dir: usize) -> Option<HexId> {
        let n = self.nbrs[h.0 as usize][dir];
        (n != NO_HEX).then_some(HexId(n))
    }

    /// Neighbours on the map with the side index leading to each, in side order.
    pub fn neighbors(&self, h: HexId) -> impl Iterator<Item = (usize, HexId)> + '_ {
        (0..6).filter_map(move |d| self.neighbor(h, d).map(|n| (d, n)))
    }

    /// The side of `a` that touches `b`, if they are adjacent.
    pub fn side_between(&self, a: HexId, b: HexId) -> Option<usize> {
        self.nbrs[a.0 as usize].iter().position(|&n| n == b.0)
    }

    /// Distance in hexes.
    pub fn distance(&self, a: HexId, b: HexId) -> u32 {
        self.axial(a).unsigned_distance_to(self.axial(b))
    }

    pub fn terrain_key(&self, h: HexId) -> &str {
        &self.terrain_keys[self.terrain[h.0 as usize] as usize]
    }

    pub fn side_feature(&self, h: HexId, dir: usize) -> SideFeature {
        self.sides[h.0 as usize][dir]
    }

    /// The feature on the side between two adjacent hexes.
    pub fn feature_between(&self, a: HexId, b: HexId) -> SideFeature {
        self.side_between(a, b)
            .map_or(SideFeature::Open, |d| self.side_feature(a, d))
    }

    pub fn has_track(&self, h: HexId, dir: usize) -> bool {
        self.tracks[h.0 as usize] & (1 << dir) != 0
    }

    pub fn place(&self, name: &str) -> Option<HexId> {
        self.places.get(name).copied()
    }

    /// Centre of a hex in km east and south of the origin hex's centre.
    pub fn center_km(&self, h: HexId) -> (f64, f64) {
        let (c, r) = self.offset(h);
        geo::offset_to_km(c, r, self.hex_km)
    }

    /// The major-river hex side whose middle is nearest to a point (km east/south of the origin),
    /// if one is within `max_km`: the hex on one side and the direction of the side from it (the
    /// lower hex id first).
    pub fn river_side_near(&self, p: (f64, f64), max_km: f64) -> Option<(HexId, usize)> {
        let mut best: Option<(f64, HexId, usize)> = None;
        for h in 0..self.len() as u32 {
            for d in 0..6 {
                if self.sides[h as usize][d] != SideFeature::MajorRiver {
                    continue;
                }
                let Some(nb) = self.neighbor(HexId(h), d) else {
                    continue;
                };
                if nb.0 < h {
                    continue;
                }
                let (a, b) = (self.center_km(HexId(h)), self.center_km(nb));
                let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                let dist = ((mid.0 - p.0).powi(2) + (mid.1 - p.1).powi(2)).sqrt();
                if best.is_none_or(|(bd, _, _)| dist < bd) {
                    best = Some((dist, HexId(h), d));
                }
            }
        }
        best.filter(|(d, _, _)| *d <= max_km)
            .map(|(_, h, d)| (h, d))
    }

    /// The hex containing a point given in km east/south of the origin, if on the map.
    pub fn hex_at_km(&self, x: f64, y: f64) -> Option<HexId> {
        if !(x.is_finite() && y.is_finite()) {
            return None;
        }
        let [c, r] = geo::km_to_offset(x, y, self.hex_km);
        self.id(c, r)
    }

    /// The hex containing a point on the ground, if on the map.
    pub fn hex_at_geo(&self, p: crate::data::GeoPoint) -> Option<HexId> {
        let (x, y) = self.projection.to_km(p);
        self.hex_at_km(x, y)
    }

    /// The major river whose course passes within `tolerance_km` of a point (km coordinates), if any.
    pub fn major_river_near(&self, p: (f64, f64), tolerance_km: f64) -> Option<&str> {
        self.rivers.iter().find_map(|(name, kind, line)| {
            (*kind == crate::data::map::RiverKind::Major
                && line
                    .windows(2)
                    .any(|w| geo::point_segment_distance(p, w[0], w[1]) <= tolerance_km))
            .then_some(name.as_str())
        })
    }

    /// The map grid's (column, row) of a hex: the numbers players, scenario files and outputs use.
    pub fn grid(&self, h: HexId) -> (i32, i32) {
        let (c, r) = self.offset(h);
        (c + self.grid_origin.0, r + self.grid_origin.1)
    }

    /// The hex at the map grid's (column, row), if it lies on this board.
    pub fn grid_id(&self, col: i32, row: i32) -> Option<HexId> {
        self.id(
            col.checked_sub(self.grid_origin.0)?,
            row.checked_sub(self.grid_origin.1)?,
        )
    }

    /// The board's columns and rows in the map grid's numbers, as text: `columns 5–42, rows 10–56`.
    pub fn grid_range(&self) -> String {
        let (c, r) = self.grid_origin;
        format!(
            "columns {c}–{}, rows {r}–{}",
            c + self.cols - 1,
            r + self.rows - 1
        )
    }

    /// The ground the board's hex centres span, as text: `47.57–47.93 N, 118.42–118.92 E`.
    pub fn geo_bounds(&self) -> String {
        let corner = |c: i32, r: i32| {
            let (x, y) = geo::offset_to_km(c, r, self.hex_km);
            self.projection.to_geo(x, y)
        };
        let (nw, se) = (corner(0, 0), corner(self.cols - 1, self.rows - 1));
        let east = se.1.max(corner(self.cols - 1, 1.min(self.rows - 1)).1);
        format!("{:.3}–{:.3} N, {:.3}–{:.3} E", se.0, nw.0, nw.1, east)
    }

    /// A hex as `(col,row)` text for messages, in the map grid's numbers.
    pub fn label(&self, h: HexId) -> String {
        let (c, r) = self.grid(h);
        format!("({c},{r})")
    }
}
