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
