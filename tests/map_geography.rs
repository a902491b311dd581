//! A historian checks the map against the record: the campaign map covers history §a7's campaign
//! box, every scenario plays on a window of it that is the campaign map hex for hex, the distance
//! checks of §a7 hold on the August window's 1 km hexes, and the named places lie where the
//! sources put them.

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

/// Every scenario of the game.
fn scenario_paths() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn one_map_covers_the_campaign_box_and_every_scenario_plays_on_a_window_of_it() {
    let paths = scenario_paths();
    assert!(paths.len() >= 3, "{paths:?}");
    let none = khalkhin_gol::mods::ModSet::none();
    let mut maps = Vec::new();
    for path in &paths {
        let scn = khalkhin_gol::scenario::load_scenario(path).expect("loads");
        let whole = khalkhin_gol::scenario::whole_map(path, &none).expect("the whole map builds");
        // One map file for all.
        maps.push(scn.file.map.clone());
        // history §a7: the campaign box 47.50–48.00 N, 118.35–119.00 E at 1 km per hex.
        assert_eq!(whole.hex_km, 1.0);
        for (lat, lon) in [
            (47.50, 118.35),
            (48.0, 118.35),
            (47.50, 119.0),
            (48.0, 119.0),
        ] {
            assert!(
                whole
                    .hex_at_geo(khalkhin_gol::data::GeoPoint(lat, lon))
                    .is_some(),
                "({lat}, {lon}) is off the campaign map"
            );
        }
        assert!(
            scn.map.len() < whole.len(),
            "{}: a window, not the whole map",
            path.display()
        );
        // Each hex of the window is the whole map's hex of the same grid numbers.
        for h in (0..scn.map.len() as u32).map(khalkhin_gol::map::HexId) {
            let (c, r) = scn.map.grid(h);
            let w = whole.id(c, r).expect("the window lies on the grid");
            let at = scn.map.label(h);
            assert_eq!(
                scn.map.terrain_key(h),
                whole.terrain_key(w),
                "terrain at {at}"
            );
            assert_eq!(
                scn.map.elevation_m[h.0 as usize], whole.elevation_m[w.0 as usize],
                "height at {at}"
            );
            for (d, n) in scn.map.neighbors(h) {
                let (nc, nr) = scn.map.grid(n);
                let wn = whole.id(nc, nr).unwrap();
                assert_eq!(whole.side_between(w, wn), Some(d), "side {d} at {at}");
                assert_eq!(
                    scn.map.side_feature(h, d),
                    whole.side_feature(w, d),
                    "side {d} at {at}"
                );
                assert_eq!(
                    scn.map.has_track(h, d),
                    whole.has_track(w, d),
                    "track {d} at {at}"
                );
            }
            // The same point of the ground is the same hex.
            let (x, y) = scn.map.center_km(h);
            let g = scn.map.projection.to_geo(x, y);
            assert_eq!(whole.hex_at_geo(g), Some(w), "ground of {at}");
        }
        // Places inside the window keep their grid hex; the rest are known to lie outside it.
        for (name, &w) in &whole.places {
            match scn.map.place(name) {
                Some(h) => assert_eq!(scn.map.grid(h), whole.grid(w), "{name}"),
                None => assert!(scn.map.places_elsewhere.contains(name), "{name}"),
            }
        }
        // The southern border height is on the September window only.
        let eris = "Eris-Ulyn-Obo".to_string();
        if scn.file.id == "september-1939" {
            assert!(scn.map.place(&eris).is_some());
        } else {
            assert!(scn.map.places_elsewhere.contains(&eris), "{}", scn.file.id);
        }
    }
    maps.dedup();
    assert_eq!(maps.len(), 1, "one campaign map: {maps:?}");
}

#[test]
fn the_august_window_is_the_core_box_with_hexes_named_by_the_campaign_grid() {
    let scn = august();
    assert_eq!(scn.map.grid_origin, (6, 10));
    assert_eq!((scn.map.cols, scn.map.rows), (38, 47));
    assert_eq!(scn.map.grid_size, (50, 66));
    let nomonhan = place(&scn, "Nomonhan");
    assert_eq!(scn.map.label(nomonhan), "(31,30)");
    assert_eq!(scn.map.grid_id(31, 30), Some(nomonhan));
    assert_eq!(
        scn.map.grid_id(5, 30),
        None,
        "column 5 lies west of the window"
    );
    // The hex the scenario's plan names as Hex(25, 25) (the 26th IR's post) is that grid hex.
    let h = scn.map.grid_id(25, 25).unwrap();
    assert_eq!(scn.map.offset(h), (19, 15));
}

#[test]
fn a_unit_takes_its_types_size_mark_unless_the_scenario_gives_its_own() {
    use khalkhin_gol::data::rules::Echelon;
    let scn = mini();
    let rifle = unit(&scn, "su_rifle") as usize;
    assert_eq!(
        scn.units[rifle].echelon,
        Some(Echelon::Battalion),
        "the type's"
    );
    // The same scenario with the rifle battalion marked as a regiment, beside the original so its
    // paths resolve.
    let src = std::fs::read_to_string(root().join("tests/fixtures/mini_scenario.ron")).unwrap();
    let marked = src.replace(
        r#"men: 850, equipment: [("DP LMG", 27), ("Maxim HMG", 12)]"#,
        r#"men: 850, equipment: [("DP LMG", 27), ("Maxim HMG", 12)], echelon: Some(Regiment)"#,
    );
    assert_ne!(src, marked);
    let path = root().join(format!("tests/fixtures/echelon-{}.ron", std::process::id()));
    std::fs::write(&path, marked).unwrap();
    let loaded = khalkhin_gol::scenario::load_scenario(&path);
    std::fs::remove_file(&path).ok();
    let s = loaded.expect("loads");
    assert_eq!(s.units[rifle].echelon, Some(Echelon::Regiment));
    assert_eq!(
        s.units[unit(&s, "su_tank") as usize].echelon,
        Some(Echelon::Battalion)
    );
}
