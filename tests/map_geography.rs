//! A historian checks the map against the record: the distance checks of history §a7 hold on the
//! August map's 1 km hexes, and the named places lie where the sources put them.

mod common;
use common::*;

fn place(scn: &khalkhin_gol::scenario::Scenario, name: &str) -> khalkhin_gol::map::HexId {
    scn.map
        .place(name)
        .unwrap_or_else(|| panic!("no place {name}"))
}

/// Hexes east of the Khalkhin Gol along the hex's row: distance to the nearest hex of that row with a
/// major-river (or bridge) side.
fn hexes_east_of_river(scn: &khalkhin_gol::scenario::Scenario, h: khalkhin_gol::map::HexId) -> i32 {
    use khalkhin_gol::map::SideFeature;
    let (c, r) = scn.map.offset(h);
    let river_col = (0..scn.map.cols)
        .filter(|&x| {
            let hx = scn.map.id(x, r).unwrap();
            (0..6).any(|d| scn.map.side_feature(hx, d) == SideFeature::MajorRiver)
        })
        .min_by_key(|&x| (x - c).abs())
        .expect("the river crosses every row");
    c - river_col
}

#[test]
fn the_map_covers_the_core_august_box() {
    let scn = august();
    let m = &scn.map;
    // history §a7: core box 47.58–47.92 N, 118.45–118.90 E at 1 km per hex.
    assert_eq!(m.hex_km, 1.0);
    for (lat, lon) in [
        (47.58, 118.45),
        (47.92, 118.45),
        (47.58, 118.90),
        (47.92, 118.90),
    ] {
        assert!(
            m.hex_at_geo(khalkhin_gol::data::GeoPoint(lat, lon))
                .is_some(),
            "({lat}, {lon}) is off the map"
        );
    }
}

#[test]
fn distances_match_the_history_files_checks() {
    let scn = august();
    let m = &scn.map;
    let confluence = place(&scn, "Confluence");
    // Nomonhan ~12–16 km from the confluence.
    let d = m.distance(place(&scn, "Nomonhan"), confluence);
    assert!((12..=16).contains(&d), "Nomonhan–confluence {d} hexes");
    // Fui Heights ~12–15 km north of the confluence.
    let d = m.distance(place(&scn, "Fui heights"), confluence);
    assert!((12..=15).contains(&d), "Fui–confluence {d} hexes");
    let (_, fui_row) = m.offset(place(&scn, "Fui heights"));
    let (_, conf_row) = m.offset(confluence);
    assert!(fui_row < conf_row, "Fui lies north of the confluence");
    // Khamar-Daba ~5–8 km west of the river.
    let k = hexes_east_of_river(&scn, place(&scn, "Khamar-Daba"));
    assert!(
        (-8..=-5).contains(&k),
        "Khamar-Daba {k} hexes east of the river"
    );
    // The claim line 10–20 hexes east of the river, all along.
    assert!(!m.claim_line.is_empty());
    for &h in &m.claim_line {
        let e = hexes_east_of_river(&scn, h);
        assert!(
            (10..=20).contains(&e),
            "claim line at {} is {e} hexes east of the river",
            m.label(h)
        );
    }
}

#[test]
fn heights_stand_above_the_plain_and_the_west_bank_above_the_east() {
    let scn = august();
    let m = &scn.map;
    let elev = |name: &str| m.elevation_m[place(&scn, name).0 as usize];
    assert_eq!(elev("Fui heights"), 721);
    assert_eq!(elev("Noro heights"), 742);
    assert_eq!(elev("Khamar-Daba"), 800);
    assert!(elev("Remizov height") > elev("Nomonhan"));
    // West bank plateau overlooks the east bank (history §a2).
    assert!(elev("Soviet reserve area") > elev("Great Sands"));
    assert_eq!(m.terrain_key(place(&scn, "Remizov height")), "heights");
    assert_eq!(m.terrain_key(place(&scn, "Great Sands")), "great_sands");
    // The Holsten splits the east bank: Remizov north of it, Noro south.
    let (_, remizov_row) = m.offset(place(&scn, "Remizov height"));
    let (_, noro_row) = m.offset(place(&scn, "Noro heights"));
    assert!(remizov_row < noro_row);
}
