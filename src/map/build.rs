//! Turns a geographic map file into a hex map, checking every name and point.

use super::geo::{
    Projection, km_to_offset, offset_to_km, point_in_polygon, point_segment_distance,
    polyline_x_at, segments_cross,
};
use super::{HexId, HexMap, SideFeature};
use crate::data::map::{Area, RiverKind};
use crate::data::{GeoPoint, MapFile, MapWindow, TerrainFile};
use crate::error::{DataError, SourceText, did_you_mean, show_number};
use std::collections::BTreeMap;

/// Whether a point (km east/south of the origin) lies in an area.
type PointTest<'a> = Box<dyn Fn((f64, f64)) -> bool + 'a>;

/// Builds the whole hex map; every problem is reported with its place in the map file.
pub fn build_map(
    file: &MapFile,
    terrain: &TerrainFile,
    src: &SourceText,
) -> Result<HexMap, Vec<DataError>> {
    build_window(file, terrain, src, None)
}

/// Builds the hexes of one window of the map's grid (the whole grid when `window` is `None`):
/// every hex as the whole map has it. Every problem of the map file is reported, wherever it lies.
pub fn build_window(
    file: &MapFile,
    terrain: &TerrainFile,
    src: &SourceText,
    window: Option<&MapWindow>,
) -> Result<HexMap, Vec<DataError>> {
    let mut errors = Vec::new();
    if file.cols <= 0 || file.rows <= 0 || file.cols > 500 || file.rows > 500 {
        errors.push(src.error_at(
            &["cols"],
            format!(
                "map size {}×{}: expected `cols` and `rows` between 1 and 500",
                file.cols, file.rows
            ),
        ));
        return Err(errors);
    }
    if !(file.hex_km >= 0.1 && file.hex_km <= 50.0) {
        errors.push(src.error_at(
            &["hex_km"],
            format!(
                "`hex_km` is {}; expected a hex size from 0.1 to 50 km",
                file.hex_km
            ),
        ));
        return Err(errors);
    }
    errors.extend(check_points(file, src));
    let whole = MapWindow {
        col: 0,
        row: 0,
        cols: file.cols,
        rows: file.rows,
    };
    let w = *window.unwrap_or(&whole);
    if let Some(problem) = w.problem(file.cols, file.rows) {
        errors.push(src.error_at(&["cols"], problem));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let terrain_keys: Vec<String> = terrain.terrain.keys().cloned().collect();
    let terrain_index = |key: &str, needles: &[&str], errors: &mut Vec<DataError>| -> u8 {
        match terrain_keys.iter().position(|k| k == key) {
            Some(i) => i as u8,
            None => {
                errors.push(src.error_at(
                    needles,
                    format!(
                        "unknown terrain `{key}`; expected one of: {}{}",
                        terrain_keys.join(", "),
                        did_you_mean(key, terrain_keys.iter().map(String::as_str))
                    ),
                ));
                0
            }
        }
    };
    let base_q = format!("\"{}\"", file.base_terrain);
    let base = terrain_index(&file.base_terrain, &["base_terrain", &base_q], &mut errors);
    // The window's hex (0,0) lies `shift` km east/south of the grid's: the row is even, so the
    // window's odd rows are the grid's.
    let grid_projection = projection_of(file);
    let shift = offset_to_km(w.col, w.row, file.hex_km);
    let projection = grid_projection.shifted(shift.0, shift.1);
    let n = (w.cols * w.rows) as usize;
    let mut map = HexMap {
        name: file.name.clone(),
        cols: w.cols,
        rows: w.rows,
        hex_km: file.hex_km,
        projection,
        terrain: vec![base; n],
        terrain_keys: terrain_keys.clone(),
        elevation_m: vec![file.base_elevation_m; n],
        sides: vec![[SideFeature::Open; 6]; n],
        tracks: vec![0; n],
        places: BTreeMap::new(),
        claim_line: Vec::new(),
        rivers: Vec::new(),
        nbrs: Vec::new(),
        grid_origin: (w.col, w.row),
        grid_size: (file.cols, file.rows),
        places_elsewhere: Vec::new(),
    };
    map.compute_neighbors();
    let km = |p: GeoPoint| projection.to_km(p);
    let centres: Vec<(f64, f64)> = (0..n as u32).map(|i| map.center_km(HexId(i))).collect();

    // Rivers first: river banks refer to them.
    let mut river_lines: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for river in &file.rivers {
        if river.course.len() < 2 {
            let q = format!("\"{}\"", river.name);
            errors.push(src.error_at(
                &[&q, "course"],
                "a river's `course` needs at least two points",
            ));
            continue;
        }
        river_lines.insert(&river.name, river.course.iter().map(|&p| km(p)).collect());
    }

    for (i, area) in file.areas.iter().enumerate() {
        let (key, needle) = match area {
            Area::Polygon { terrain, .. }
            | Area::Circle { terrain, .. }
            | Area::RiverBank { terrain, .. } => (terrain.as_str(), format!("\"{terrain}\"")),
        };
        // Found only for an error: counting entries from the start for each area is quadratic.
        let area_at = || area_offset(src, i);
        let t = match terrain_keys.iter().position(|k| k == key) {
            Some(t) => t as u8,
            None => {
                errors.push(src.error_at_offset(
                    src.find_from(area_at(), &needle),
                    format!(
                        "unknown terrain `{key}`; expected one of: {}{}",
                        terrain_keys.join(", "),
                        did_you_mean(key, terrain_keys.iter().map(String::as_str))
                    ),
                ));
                continue;
            }
        };
        let (inside, elevation): (PointTest<'_>, Option<i32>) = match area {
            Area::Polygon {
                points,
                elevation_m,
                ..
            } => {
                if points.len() < 3 {
                    errors.push(
                        src.error_at_offset(area_at(), "a polygon needs at least three points"),
                    );
                    continue;
                }
                let poly: Vec<(f64, f64)> = points.iter().map(|&p| km(p)).collect();
                (Box::new(move |c| point_in_polygon(c, &poly)), *elevation_m)
            }
            Area::Circle {
                at,
                radius_km,
                elevation_m,
                ..
            } => {
                let (c0, r) = (km(*at), *radius_km);
                (
                    Box::new(move |c: (f64, f64)| {
                        ((c.0 - c0.0).powi(2) + (c.1 - c0.1).powi(2)).sqrt() <= r
                    }),
                    *elevation_m,
                )
            }
            Area::RiverBank {
                river,
                west,
                width_km,
                elevation_m,
                ..
            } => {
                let Some(line) = river_lines.get(river.as_str()) else {
                    let q = format!("\"{river}\"");
                    errors.push(src.error_at_offset(
                        src.find_from(area_at(), &q),
                        format!(
                            "unknown river `{river}` in a RiverBank area; the map's rivers: {}{}",
                            river_lines.keys().cloned().collect::<Vec<_>>().join(", "),
                            did_you_mean(river, river_lines.keys().copied())
                        ),
                    ));
                    continue;
                };
                let (west, width) = (*west, *width_km);
                let inside = move |c: (f64, f64)| {
                    polyline_x_at(line, c.1)
                        .is_some_and(|rx| if west { c.0 < rx } else { c.0 > rx })
                        && line
                            .windows(2)
                            .any(|w| point_segment_distance(c, w[0], w[1]) <= width)
                };
                (Box::new(inside), *elevation_m)
            }
        };
        for (h, c) in centres.iter().enumerate() {
            if inside(*c) {
                map.terrain[h] = t;
                if let Some(e) = elevation {
                    map.elevation_m[h] = e;
                }
            }
        }
    }

    // River hex sides: the segment between two centres crosses the river's course.
    for river in &file.rivers {
        let Some(line) = river_lines.get(river.name.as_str()) else {
            continue;
        };
        let feature = match river.kind {
            RiverKind::Major => SideFeature::MajorRiver,
            RiverKind::Minor => SideFeature::MinorRiver,
        };
        for h in 0..n as u32 {
            for (d, nb) in map.neighbors(HexId(h)).collect::<Vec<_>>() {
                let (a, b) = (centres[h as usize], centres[nb.0 as usize]);
                if line.windows(2).any(|w| segments_cross(a, b, w[0], w[1])) {
                    let cur = map.sides[h as usize][d];
                    if cur != SideFeature::MajorRiver {
                        map.sides[h as usize][d] = feature;
                    }
                }
            }
        }
    }

    for track in &file.tracks {
        let q = format!("\"{}\"", track.name);
        let course: Vec<(f64, f64)> = track.course.iter().map(|&p| km(p)).collect();
        let hexes = trace_polyline(&map, &course);
        if hexes.len() < 2 && !crosses_two_hexes(&course, shift, file) {
            errors.push(src.error_at(
                &["tracks", &q],
                "a track needs at least two points on the map",
            ));
        }
        for w in hexes.windows(2) {
            if let (Some(d), Some(back)) =
                (map.side_between(w[0], w[1]), map.side_between(w[1], w[0]))
            {
                map.tracks[w[0].0 as usize] |= 1 << d;
                map.tracks[w[1].0 as usize] |= 1 << back;
            }
        }
    }

    let on_grid = |p: (f64, f64)| {
        let [c, r] = km_to_offset(p.0, p.1, file.hex_km);
        (0..file.cols).contains(&c) && (0..file.rows).contains(&r)
    };
    let mut seen = std::collections::BTreeSet::new();
    for place in &file.places {
        let q = format!("\"{}\"", place.name);
        if !seen.insert(place.name.as_str()) {
            errors.push(src.error_at(
                &["places", &q],
                format!("duplicate place name `{}`", place.name),
            ));
            continue;
        }
        match map.hex_at_geo(place.at) {
            Some(h) => {
                map.places.insert(place.name.clone(), h);
            }
            None if on_grid(grid_projection.to_km(place.at)) => {
                map.places_elsewhere.push(place.name.clone())
            }
            None => errors.push(src.error_at(
                &["places", &q],
                format!(
                    "place `{}` at ({}, {}) is off the map; expected a point inside the map's {}×{} hexes",
                    place.name, place.at.0, place.at.1, file.cols, file.rows
                ),
            )),
        }
    }

    map.rivers = file
        .rivers
        .iter()
        .filter_map(|r| {
            river_lines
                .get(r.name.as_str())
                .map(|l| (r.name.clone(), r.kind, l.clone()))
        })
        .collect();
    map.claim_line = trace_polyline(
        &map,
        &file.claim_line.iter().map(|&p| km(p)).collect::<Vec<_>>(),
    );

    if errors.is_empty() {
        Ok(map)
    } else {
        Err(errors)
    }
}

/// The map file's projection about its origin.
fn projection_of(file: &MapFile) -> Projection {
    Projection::scaled_at(file.origin, file.scale_latitude.unwrap_or(file.origin.0))
}

/// Whether a line (km east/south of the window's hex (0,0)) passes through two hexes of the whole
/// grid, the window lying `shift` km east/south of the grid's hex (0,0): a track must, wherever
/// the window is.
fn crosses_two_hexes(line: &[(f64, f64)], shift: (f64, f64), file: &MapFile) -> bool {
    let mut first = None;
    for (x, y) in along(line, file.hex_km / 8.0) {
        let [c, r] = km_to_offset(x + shift.0, y + shift.1, file.hex_km);
        if !((0..file.cols).contains(&c) && (0..file.rows).contains(&r)) {
            continue;
        }
        match first {
            None => first = Some([c, r]),
            Some(f) if f != [c, r] => return true,
            Some(_) => {}
        }
    }
    false
}

/// Points along a polyline at most `step` km apart, every vertex included (each segment's points
/// from its start to its end).
fn along(line: &[(f64, f64)], step: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
    line.windows(2).flat_map(move |w| {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let steps = (len / step).ceil().max(1.0) as usize;
        (0..=steps).map(move |s| {
            let t = s as f64 / steps as f64;
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        })
    })
}

/// Byte offset of the i-th entry of the `areas` list (found by counting its variant names).
fn area_offset(src: &SourceText, i: usize) -> usize {
    let mut from = src.find_path(&["areas"]).unwrap_or(0);
    let mut at = from;
    for _ in 0..=i {
        let next = ["Polygon", "Circle", "RiverBank"]
            .iter()
            .filter_map(|k| src.find_outside_comments(k, from))
            .min();
        match next {
            Some(o) => {
                at = o;
                from = o + 1;
            }
            None => break,
        }
    }
    at
}

/// The chain of adjacent hexes a polyline passes through, without repeats in a row.
pub fn trace_polyline(map: &HexMap, line: &[(f64, f64)]) -> Vec<HexId> {
    let mut out: Vec<HexId> = Vec::new();
    for (x, y) in along(line, map.hex_km / 8.0) {
        if let Some(h) = map.hex_at_km(x, y)
            && out.last() != Some(&h)
        {
            // Fill a diagonal jump with a shared neighbour so the chain stays connected.
            if let Some(&last) = out.last()
                && map.distance(last, h) > 1
                && let Some((_, mid)) = map.neighbors(last).find(|(_, m)| map.distance(*m, h) == 1)
            {
                out.push(mid);
            }
            out.push(h);
        }
    }
    out
}

/// Most areas, rivers, tracks or places a map may have, each.
const MAX_MAP_ENTRIES: usize = 10_000;
/// Most points of one river, track, area outline or the claim line.
const MAX_LINE_POINTS: usize = 10_000;
/// Most hexes × points a map may ask to build (the August map: about 1,800 × 400).
const MAX_MAP_WORK: u64 = 100_000_000;

/// Every point of the map file is a finite latitude and longitude no further from the map than the
/// map is wide or high (rivers and tracks may run off it), and every radius and width is finite and
/// no larger than that: what the map's tracing can use in bounded time.
fn check_points(file: &MapFile, src: &SourceText) -> Vec<DataError> {
    let mut errors = Vec::new();
    for (field, n) in [
        ("areas", file.areas.len()),
        ("rivers", file.rivers.len()),
        ("tracks", file.tracks.len()),
        ("places", file.places.len()),
    ] {
        if n > MAX_MAP_ENTRIES {
            errors.push(src.error_at(
                &[field],
                format!("`{field}` has {n} entries; expected at most {MAX_MAP_ENTRIES}"),
            ));
        }
    }
    let lines = file
        .rivers
        .iter()
        .map(|r| (r.name.as_str(), r.course.len()))
        .chain(
            file.tracks
                .iter()
                .map(|t| (t.name.as_str(), t.course.len())),
        )
        .chain(file.areas.iter().filter_map(|a| match a {
            Area::Polygon { points, .. } => Some(("an area", points.len())),
            _ => None,
        }))
        .chain(std::iter::once(("the claim line", file.claim_line.len())));
    for (name, n) in lines {
        if n > MAX_LINE_POINTS {
            errors.push(src.error_at(
                &[name],
                format!("`{name}` has {n} points; expected at most {MAX_LINE_POINTS}"),
            ));
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    // The work of building the map: each area, river, bridge and place is laid over every hex (and
    // each outline's points are tested), and each line is traced in steps of an eighth of a hex.
    let hexes = file.cols as u64 * file.rows as u64;
    let points: u64 = file
        .rivers
        .iter()
        .map(|r| r.course.len() as u64)
        .chain(file.tracks.iter().map(|t| t.course.len() as u64))
        .chain(file.areas.iter().map(|a| match a {
            Area::Polygon { points, .. } => points.len() as u64,
            _ => 1,
        }))
        .sum::<u64>()
        + file.claim_line.len() as u64
        + file.places.len() as u64;
    let side = file.cols.max(file.rows) as u64;
    let work = hexes * points + 24 * side * points;
    if work > MAX_MAP_WORK {
        errors.push(src.error_at(
            &["cols"],
            format!(
                "the map is too detailed for its size: {hexes} hexes × {points} points of areas, \
                 rivers, tracks and places; expected hexes × points at most \
                 {MAX_MAP_WORK} (fewer hexes, or simpler outlines)"
            ),
        ));
        return errors;
    }
    let w = file.cols as f64 * file.hex_km;
    let h = file.rows as f64 * file.hex_km;
    let reach = w.max(h);
    let origin_ok = file.origin.0.is_finite()
        && file.origin.1.is_finite()
        && file.origin.0.abs() <= 85.0
        && file.origin.1.abs() <= 180.0;
    if !origin_ok {
        errors.push(src.error_at(
            &["origin"],
            format!(
                "`origin` ({}, {}) is not a place on Earth; expected degrees north within 85 of \
                 the equator and degrees east within 180",
                show_number(file.origin.0),
                show_number(file.origin.1)
            ),
        ));
        return errors;
    }
    if let Some(lat) = file.scale_latitude
        && !(lat.is_finite() && lat.abs() <= 85.0 && (lat - file.origin.0).abs() <= 5.0)
    {
        errors.push(src.error_at(
            &["scale_latitude"],
            format!(
                "`scale_latitude` is {}; expected degrees north within 5 of the origin's {}",
                show_number(lat),
                show_number(file.origin.0)
            ),
        ));
        return errors;
    }
    let projection = projection_of(file);
    let far = |p: GeoPoint| {
        if !(p.0.is_finite() && p.1.is_finite()) {
            return true;
        }
        let (x, y) = projection.to_km(p);
        x < -reach || x > w + reach || y < -reach || y > h + reach
    };
    let mut check = |what: String, needles: &[&str], points: &[GeoPoint]| {
        if let Some(p) = points.iter().copied().find(|&p| far(p)) {
            errors.push(src.error_at(
                needles,
                format!(
                    "{what}: point ({}, {}) is far off the map; expected points within {reach:.0} \
                     km of it",
                    show_number(p.0),
                    show_number(p.1)
                ),
            ));
        }
    };
    let q = |s: &str| format!("\"{s}\"");
    for (i, a) in file.areas.iter().enumerate() {
        match a {
            Area::Polygon { points, .. } => check(format!("area {}", i + 1), &["areas"], points),
            Area::Circle { at, .. } => check(format!("area {}", i + 1), &["areas"], &[*at]),
            Area::RiverBank { .. } => {}
        }
    }
    for r in &file.rivers {
        check(
            format!("river `{}`", r.name),
            &["rivers", &q(&r.name)],
            &r.course,
        );
    }
    for t in &file.tracks {
        check(
            format!("track `{}`", t.name),
            &["tracks", &q(&t.name)],
            &t.course,
        );
    }
    for p in &file.places {
        check(
            format!("place `{}`", p.name),
            &["places", &q(&p.name)],
            &[p.at],
        );
    }
    check("the claim line".into(), &["claim_line"], &file.claim_line);
    for (i, a) in file.areas.iter().enumerate() {
        let (what, v) = match a {
            Area::Circle { radius_km, .. } => ("radius_km", *radius_km),
            Area::RiverBank { width_km, .. } => ("width_km", *width_km),
            Area::Polygon { .. } => continue,
        };
        if !(v.is_finite() && (0.0..=reach).contains(&v)) {
            errors.push(src.error_at(
                &["areas", what],
                format!(
                    "area {}: `{what}` is {}; expected 0 to {reach:.0} km",
                    i + 1,
                    show_number(v)
                ),
            ));
        }
    }
    errors
}
