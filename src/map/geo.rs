//! Ground coordinates ↔ km ↔ hexes.

use crate::data::GeoPoint;
use hexx::{Hex, HexOrientation, OffsetHexMode};

/// km per degree of latitude.
const KM_PER_DEG_LAT: f64 = 111.32;

/// An equirectangular projection about the map origin: adequate over 50 km (error < 0.1%).
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    pub origin: GeoPoint,
    km_per_deg_lon: f64,
}

impl Projection {
    pub fn new(origin: GeoPoint) -> Self {
        Self::scaled_at(origin, origin.0)
    }

    /// About `origin`, with a degree of longitude measured at latitude `lat`.
    pub fn scaled_at(origin: GeoPoint, lat: f64) -> Self {
        Projection {
            origin,
            km_per_deg_lon: KM_PER_DEG_LAT * lat.to_radians().cos(),
        }
    }

    /// The same projection about the point `x` km east and `y` km south of the origin: a window's
    /// km are the whole map's less (x, y), with the scale of the whole map.
    pub fn shifted(&self, x: f64, y: f64) -> Self {
        Projection {
            origin: self.to_geo(x, y),
            km_per_deg_lon: self.km_per_deg_lon,
        }
    }

    /// km east and km south of the origin.
    pub fn to_km(&self, p: GeoPoint) -> (f64, f64) {
        (
            (p.1 - self.origin.1) * self.km_per_deg_lon,
            (self.origin.0 - p.0) * KM_PER_DEG_LAT,
        )
    }

    pub fn to_geo(&self, x: f64, y: f64) -> GeoPoint {
        GeoPoint(
            self.origin.0 - y / KM_PER_DEG_LAT,
            self.origin.1 + x / self.km_per_deg_lon,
        )
    }
}

const SQRT3_2: f64 = 0.866_025_403_784_438_6;

/// Centre of offset hex (col, row), km east/south of hex (0,0)'s centre.
pub fn offset_to_km(col: i32, row: i32, hex_km: f64) -> (f64, f64) {
    (
        hex_km * (col as f64 + 0.5 * (row & 1) as f64),
        hex_km * SQRT3_2 * row as f64,
    )
}

/// Offset hex [col, row] containing a point in km east/south of hex (0,0)'s centre.
pub fn km_to_offset(x: f64, y: f64, hex_km: f64) -> [i32; 2] {
    let r = y / (hex_km * SQRT3_2);
    let q = x / hex_km - r / 2.0;
    Hex::round([q as f32, r as f32])
        .to_offset_coordinates(OffsetHexMode::Odd, HexOrientation::Pointy)
}

/// Whether segments p1–p2 and q1–q2 cross (touching counts).
pub fn segments_cross(p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)) -> bool {
    fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    }
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    (d1 * d2 <= 0.0) && (d3 * d4 <= 0.0) && !(d1 == 0.0 && d2 == 0.0)
}

/// Distance from point p to segment a–b.
pub fn point_segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// Whether point p lies inside the polygon (even-odd rule).
pub fn point_in_polygon(p: (f64, f64), poly: &[(f64, f64)]) -> bool {
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
    }
    inside
}

/// x of the polyline at height y (interpolated on the first segment spanning y), if any segment spans it.
pub fn polyline_x_at(line: &[(f64, f64)], y: f64) -> Option<f64> {
    line.windows(2).find_map(|w| {
        let (a, b) = (w[0], w[1]);
        let (lo, hi) = if a.1 <= b.1 { (a.1, b.1) } else { (b.1, a.1) };
        (y >= lo && y <= hi && hi > lo).then(|| a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_centres_map_back_to_their_hex() {
        for row in 0..20 {
            for col in 0..20 {
                let (x, y) = offset_to_km(col, row, 1.0);
                assert_eq!(km_to_offset(x, y, 1.0), [col, row]);
                assert_eq!(km_to_offset(x + 0.3, y - 0.2, 1.0), [col, row]);
            }
        }
    }
}
