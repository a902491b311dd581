//! A map file under `assets/maps/`: the ground described geographically (latitude/longitude),
//! turned into a hex grid by the loader. One hex is `hex_km` across its flats.

use serde::Deserialize;

/// A point on the ground, decimal degrees north and east.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct GeoPoint(pub f64, pub f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum RiverKind {
    /// Unfordable for vehicles except at bridges; foot and horse cross at the cost of a whole turn.
    Major,
    /// Crossable by all at an extra cost.
    Minor,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    pub name: String,
    pub kind: RiverKind,
    /// The course, upstream to downstream, as points on the ground.
    pub course: Vec<GeoPoint>,
}

/// An area of one terrain (and, where `elevation_m` is given, one ground height). Later areas
/// overwrite earlier ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Area {
    /// Every hex whose centre lies inside the polygon.
    Polygon {
        terrain: String,
        points: Vec<GeoPoint>,
        #[serde(default)]
        elevation_m: Option<i32>,
    },
    /// Every hex whose centre lies within `radius_km` of `at`; `elevation_m` sets the hexes' height.
    Circle {
        terrain: String,
        at: GeoPoint,
        radius_km: f64,
        #[serde(default)]
        elevation_m: Option<i32>,
    },
    /// Every hex whose centre lies on the given side of a river (`west: true` = west/left bank)
    /// and within `width_km` of it.
    RiverBank {
        terrain: String,
        river: String,
        west: bool,
        width_km: f64,
        #[serde(default)]
        elevation_m: Option<i32>,
    },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub name: String,
    pub at: GeoPoint,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub name: String,
    pub course: Vec<GeoPoint>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    pub name: String,
    /// The centre of the north-west hex (column 0, row 0).
    pub origin: GeoPoint,
    /// The latitude at which a degree of longitude is measured in km (absent: the origin's).
    #[serde(default)]
    pub scale_latitude: Option<f64>,
    /// Hex size across flats, km.
    pub hex_km: f64,
    pub cols: i32,
    pub rows: i32,
    /// Terrain of every hex no area covers.
    pub base_terrain: String,
    /// Ground height of hexes no circle sets, metres above sea level.
    pub base_elevation_m: i32,
    pub areas: Vec<Area>,
    pub rivers: Vec<River>,
    pub tracks: Vec<Track>,
    pub places: Vec<Named>,
    /// The Mongolian (MPR) claim line, north to south.
    pub claim_line: Vec<GeoPoint>,
}

/// The part of a map's grid a scenario is played on: columns `col..col + cols` and rows
/// `row..row + rows` of the map file's grid. `row` is even, so the board's odd rows are the grid's
/// odd rows (shifted half a hex east). Hexes keep the grid's numbers in messages and outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapWindow {
    pub col: i32,
    pub row: i32,
    pub cols: i32,
    pub rows: i32,
}

impl MapWindow {
    /// Why the window does not fit a grid of `cols` × `rows`, if it does not.
    pub fn problem(&self, cols: i32, rows: i32) -> Option<String> {
        let MapWindow {
            col,
            row,
            cols: w,
            rows: h,
        } = *self;
        if w < 1 || h < 1 {
            return Some(format!(
                "the window is {w}×{h} hexes; expected at least one column and one row"
            ));
        }
        if col < 0
            || row < 0
            || col as i64 + w as i64 > cols as i64
            || row as i64 + h as i64 > rows as i64
        {
            return Some(format!(
                "the window (columns {col}–{}, rows {row}–{}) leaves the map's grid of {cols}×{rows} \
                 hexes; expected columns 0–{} and rows 0–{}",
                col as i64 + w as i64 - 1,
                row as i64 + h as i64 - 1,
                cols - 1,
                rows - 1
            ));
        }
        if row % 2 != 0 {
            return Some(format!(
                "the window starts on row {row}, an odd row; expected an even row (odd rows are \
                 shifted half a hex): {} or {}",
                row - 1,
                row + 1
            ));
        }
        None
    }
}
