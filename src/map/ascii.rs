//! A text picture of a map, for modders checking their files (`khalkhin map`) and for tests.
//! Each hex is three characters: terrain letter, unit mark, and the feature on its east side
//! (`|` major river, `:` minor river, `=` bridge). Odd rows are shifted right by half a hex.

use super::{HexId, HexMap, SideFeature};

/// The letter of a terrain key: its first letter, upper case for keys whose first letter is shared.
fn terrain_char(key: &str) -> char {
    key.chars().next().unwrap_or('?')
}

/// Renders the map with the given marks (e.g. `S`/`J` for units) and bridged hex sides (`(hex,
/// direction)`, drawn `=`), one line per row, north at the top, each ending with the map grid's
/// row number.
pub fn render_ascii(map: &HexMap, marks: &[(HexId, char)], bridges: &[(HexId, usize)]) -> String {
    let mut out = String::new();
    for r in 0..map.rows {
        if r % 2 == 1 {
            out.push_str("  ");
        }
        for c in 0..map.cols {
            let h = map.id(c, r).expect("on map");
            out.push(terrain_char(map.terrain_key(h)));
            out.push(marks.iter().find(|(x, _)| *x == h).map_or(' ', |m| m.1));
            let east = map.id(c + 1, r);
            let feature = east.map_or(SideFeature::Open, |e| map.feature_between(h, e));
            let bridged = east.is_some_and(|e| {
                bridges.iter().any(|&(b, d)| {
                    let nb = map.neighbor(b, d);
                    (b == h && nb == Some(e)) || (b == e && nb == Some(h))
                })
            });
            out.push(match feature {
                SideFeature::MajorRiver if bridged => '=',
                SideFeature::Bridge => '=',
                SideFeature::Open => ' ',
                SideFeature::MinorRiver => ':',
                SideFeature::MajorRiver => '|',
            });
            out.push(' ');
        }
        out.push_str(&format!(" {}\n", r + map.grid_origin.1));
    }
    out
}

/// A legend line for the terrain letters of a map.
pub fn legend(map: &HexMap) -> String {
    map.terrain_keys
        .iter()
        .map(|k| format!("{}={k}", terrain_char(k)))
        .collect::<Vec<_>>()
        .join("  ")
}
