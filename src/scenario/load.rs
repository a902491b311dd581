//! Loading and checking a scenario and the files it names. Every error carries file, line and column.
//! `load_scenario` reads the files, then checks and resolves the scenario section by section
//! (dates, formations, units, stacking, supply, air, plan, victory), collecting every error.

use super::ranges;
use super::*;
use crate::data::rules::{TerrainFile, UnitTypeFile};
use crate::data::scenario::Location;
use crate::error::{DataError, DataErrors, SourceText, did_you_mean};
use crate::map::build_window;
use crate::mods::ModSet;
use std::collections::BTreeMap;
use std::path::Path;

/// Loads a scenario and everything it refers to; returns every problem found, not just the first.
pub fn load_scenario(path: &Path) -> Result<Scenario, DataErrors> {
    load_scenario_with(path, &ModSet::none())
}

/// [`load_scenario`] with mods: each file read (the scenario, its map and data) is first patched
/// by the mods' operations aimed at it, in load order.
pub fn load_scenario_with(path: &Path, mods: &ModSet) -> Result<Scenario, DataErrors> {
    let path = &crate::fsio::locate(path);
    let Files {
        src,
        file,
        hash,
        equipment,
        unit_types,
        terrain,
        rules,
        map,
        mut errors,
    } = read_files(path, mods, false)?;
    let equipment_keys: Vec<String> = equipment.equipment.keys().cloned().collect();
    let unit_type_keys: Vec<String> = unit_types.types.keys().cloned().collect();
    let mut ctx = Ctx::new(&src, &map);
    check_sizes(&mut ctx, &file);
    if !ctx.errors.is_empty() {
        errors.extend(ctx.finish());
        return Err(DataErrors(errors));
    }
    // Bridges first: each bridge's name is a place of the scenario (objectives and plans may name
    // it), on the hex of the lower id beside it.
    let bridges = resolve_bridges(&mut ctx, &file, &rules);
    let (found, more) = (std::mem::take(&mut ctx.errors), ctx.more);
    let mut map = map;
    for b in &bridges {
        map.places.entry(b.name.clone()).or_insert(b.hex);
    }
    let mut ctx = Ctx {
        errors: found,
        more,
        ..Ctx::new(&src, &map)
    };
    let first_side = check_dates(&mut ctx, &file);
    check_sides(&mut ctx, &file);
    let (formations, formation_ix) = resolve_formations(&mut ctx, &file);
    let data = Data {
        equipment_keys: &equipment_keys,
        equipment: &equipment,
        unit_type_keys: &unit_type_keys,
        unit_types: &unit_types,
        terrain: &terrain,
        rules: &rules,
    };
    let (units, unit_ix) = resolve_units(&mut ctx, &file, &data, &formation_ix);
    check_stacking(&mut ctx, &units, &data);
    let supply_sources = resolve_supply_sources(&mut ctx, &file);
    check_air(&mut ctx, &file);
    let air_units = resolve_air_units(&mut ctx, &file, &equipment_keys, &equipment);
    let plan = resolve_plan(
        &mut ctx,
        &file,
        &formations,
        (&formation_ix, &unit_ix),
        &units,
    );
    let (objectives, pocket) = resolve_victory(&mut ctx, &file, &formation_ix);
    errors.extend(ctx.finish());
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    let terrain_specs = map
        .terrain_keys
        .iter()
        .map(|k| terrain.terrain[k].clone())
        .collect();
    let mut scenario = Scenario {
        path: path.to_path_buf(),
        mods: mods.mods.iter().map(|m| m.dir.clone()).collect(),
        mod_ids: mods.ids(),
        night_doctrine: [
            file.soviet.night_attack_doctrine,
            file.japanese.night_attack_doctrine,
        ],
        captured_share: [file.soviet.captured_share, file.japanese.captured_share],
        combined_arms: [file.soviet.combined_arms, file.japanese.combined_arms],
        ammunition: [file.soviet.ammunition, file.japanese.ammunition],
        file,
        content_hash: hash.0,
        map,
        equipment: equipment_keys
            .iter()
            .map(|k| equipment.equipment[k].clone())
            .collect(),
        equipment_keys,
        rifleman_soft_attack: equipment.rifleman_soft_attack,
        unit_types: unit_type_keys
            .iter()
            .map(|k| unit_types.types[k].clone())
            .collect(),
        unit_type_keys,
        terrain: terrain_specs,
        rules,
        formations,
        units,
        plan,
        objectives,
        supply_sources,
        first_side,
        pocket,
        bridges,
        air_units,
        step_epochs: Vec::new(),
        carried: Carried::default(),
    };
    scenario.step_epochs = step_epochs(&scenario);
    Ok(scenario)
}

/// The data files a scenario's units are checked against.
struct Data<'a> {
    equipment_keys: &'a [String],
    equipment: &'a crate::data::EquipmentFile,
    unit_type_keys: &'a [String],
    unit_types: &'a UnitTypeFile,
    terrain: &'a TerrainFile,
    rules: &'a RulesFile,
}

impl Data<'_> {
    fn equipment_class(&self, key: &str) -> Option<crate::data::EquipmentClass> {
        self.equipment.equipment.get(key).map(|e| e.class)
    }
}

/// The scenario file and every file it names, read and parsed, with the content hash of them all.
struct Files {
    src: SourceText,
    file: ScenarioFile,
    hash: Fnv,
    equipment: EquipmentFile,
    unit_types: UnitTypeFile,
    terrain: TerrainFile,
    rules: RulesFile,
    map: HexMap,
    /// Errors in the data files that still let the scenario itself be checked.
    errors: Vec<DataError>,
}

/// The whole grid of a scenario's map file (not only the scenario's `map_window`), for pictures of
/// the campaign map.
pub fn whole_map(path: &Path, mods: &ModSet) -> Result<crate::map::HexMap, DataErrors> {
    read_files(&crate::fsio::locate(path), mods, true).map(|f| f.map)
}

/// Reads and parses the scenario and its files, and builds its map (its window, or the whole grid
/// with `whole`).
fn read_files(path: &Path, mods: &ModSet, whole: bool) -> Result<Files, DataErrors> {
    // Operations that cannot be applied are errors; the file is still checked without them.
    let (src, mut errors) = mods.patch_logged(SourceText::read(path)?, &mut Vec::new());
    let file: ScenarioFile = match src.parse() {
        Ok(f) => f,
        Err(e) => {
            errors.push(e);
            return Err(DataErrors(errors));
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut hash = Fnv::default();
    hash.write(src.text.as_bytes());

    let own = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut patch_errors = Vec::new();
    let mut open = |rel: &str, field: &str| -> Result<SourceText, DataError> {
        let here = |message: String| src.error_at(&[field, &format!("\"{rel}\"")], message);
        let named = crate::fsio::resolve_named(dir, rel);
        let p = crate::fsio::confined(&named, own).map_err(here)?;
        let mut text = SourceText::read(&p).map_err(|e| {
            if e.line > 0 {
                return e;
            }
            here(format!(
                "cannot read `{}` ({})",
                named.display(),
                e.message.trim_start_matches("cannot read file: ")
            ))
        })?;
        // Messages name the file as the scenario does.
        text.path = named;
        let (text, e) = mods.patch_logged(text, &mut Vec::new());
        patch_errors.extend(e);
        Ok(text)
    };
    let eq_src = open(&file.data.equipment, "equipment");
    let ut_src = open(&file.data.unit_types, "unit_types");
    let te_src = open(&file.data.terrain, "terrain");
    let ru_src = open(&file.data.rules, "rules");
    let map_src = open(&file.map, "map");
    let (eq_src, ut_src, te_src, ru_src, map_src) = match (eq_src, ut_src, te_src, ru_src, map_src)
    {
        (Ok(a), Ok(b), Ok(c), Ok(d), Ok(e)) => (a, b, c, d, e),
        (a, b, c, d, e) => {
            for r in [a.err(), b.err(), c.err(), d.err(), e.err()]
                .into_iter()
                .flatten()
            {
                errors.push(r);
            }
            errors.extend(patch_errors);
            return Err(DataErrors(errors));
        }
    };
    errors.extend(patch_errors);
    for s in [&eq_src, &ut_src, &te_src, &ru_src, &map_src] {
        hash.write(s.text.as_bytes());
    }
    let parsed = (
        eq_src.parse::<EquipmentFile>(),
        ut_src.parse::<UnitTypeFile>(),
        te_src.parse::<TerrainFile>(),
        ru_src.parse::<RulesFile>(),
        map_src.parse::<crate::data::MapFile>(),
    );
    let (equipment, unit_types, terrain, rules, map_file) = match parsed {
        (Ok(a), Ok(b), Ok(c), Ok(d), Ok(e)) => (a, b, c, d, e),
        (a, b, c, d, e) => {
            errors.extend(
                [a.err(), b.err(), c.err(), d.err(), e.err()]
                    .into_iter()
                    .flatten(),
            );
            return Err(DataErrors(errors));
        }
    };
    errors.extend(ranges::check_rules(&rules, &ru_src));
    errors.extend(ranges::check_equipment(&equipment, &eq_src));
    errors.extend(ranges::check_terrain(&terrain, &te_src));
    errors.extend(ranges::check_unit_types(&unit_types, &ut_src));
    if let Some(w) = &file.map_window
        && let Some(problem) = w.problem(map_file.cols, map_file.rows)
    {
        errors.push(src.error_at(&["map_window"], problem));
        return Err(DataErrors(errors));
    }
    let window = file.map_window.as_ref().filter(|_| !whole);
    let map = match build_window(&map_file, &terrain, &map_src, window) {
        Ok(m) => m,
        Err(e) => {
            errors.extend(e);
            return Err(DataErrors(errors));
        }
    };
    Ok(Files {
        src,
        file,
        hash,
        equipment,
        unit_types,
        terrain,
        rules,
        map,
        errors,
    })
}

/// The scenario's lists are within the game's limits (checked first: the rest of the checks then
/// run in bounded time); an order of battle with no unit on a side is refused.
fn check_sizes(ctx: &mut Ctx, file: &ScenarioFile) {
    for (field, n, max) in [
        ("units", file.units.len(), ranges::MAX_UNITS),
        ("formations", file.formations.len(), ranges::MAX_FORMATIONS),
        ("plan", file.plan.len(), ranges::MAX_ENTRIES),
        ("air", file.air.len(), ranges::MAX_ENTRIES),
        ("air_units", file.air_units.len(), ranges::MAX_ENTRIES),
        (
            "objectives",
            file.victory.objectives.len(),
            ranges::MAX_ENTRIES,
        ),
    ] {
        if n > max {
            ctx.err(
                &[field],
                format!("`{field}` has {n} entries; expected at most {max}"),
            );
        }
    }
    let mut long = |what: &str, field: &str, text: &str, max: usize| {
        let n = text.chars().count();
        if n > max {
            let start: String = text.chars().take(40).collect();
            ctx.err(
                &[field],
                format!("{what} `{start}…` is {n} characters long; expected at most {max}"),
            );
        }
    };
    long("the name", "name", &file.name, ranges::MAX_TEXT);
    long(
        "the description",
        "description",
        &file.description,
        ranges::MAX_TEXT,
    );
    for f in &file.formations {
        long("formation id", "formations", &f.id, ranges::MAX_ID);
        long("formation name", "formations", &f.name, ranges::MAX_TEXT);
    }
    for u in &file.units {
        long("unit id", "units", &u.id, ranges::MAX_ID);
        long("unit name", "units", &u.name, ranges::MAX_TEXT);
    }
    let side_of: BTreeMap<&str, Side> = file
        .formations
        .iter()
        .map(|f| (f.id.as_str(), f.side))
        .collect();
    for side in [Side::Soviet, Side::Japanese] {
        let has = file
            .units
            .iter()
            .any(|u| side_of.get(u.formation.as_str()) == Some(&side));
        if !has {
            ctx.err(
                &["units"],
                format!(
                    "the {} side has no units; expected an order of battle for both sides",
                    side.key()
                ),
            );
        }
    }
}

/// Each side's numbers are within their ranges.
fn check_sides(ctx: &mut Ctx, file: &ScenarioFile) {
    for (key, side) in [("soviet", &file.soviet), ("japanese", &file.japanese)] {
        let v = side.captured_share;
        if !(0.0..=1.0).contains(&v) {
            ctx.err(
                &[key, "captured_share"],
                format!(
                    "`{key}.captured_share` is {}; expected a share from 0 to 1",
                    crate::error::show_number(v as f64)
                ),
            );
        }
        let a = side.ammunition;
        for (field, v) in [("carried", a.carried), ("per_turn", a.per_turn)] {
            if !(v.is_finite() && (0.0..=100.0).contains(&v)) {
                ctx.err(
                    &[key, "ammunition", field],
                    format!(
                        "`{key}.ammunition.{field}` is {}; expected a number from 0 to 100 fires",
                        crate::error::show_number(v as f64)
                    ),
                );
            }
        }
    }
}

/// Checks the dates and the turn length; returns the side that moves first.
fn check_dates(ctx: &mut Ctx, file: &ScenarioFile) -> Side {
    if file.end <= file.start {
        ctx.err(
            &["end"],
            format!(
                "`end` ({}) must be after `start` ({})",
                file.end, file.start
            ),
        );
    }
    if file.turn_hours == 0 || file.turn_hours > 24 || 24 % file.turn_hours != 0 {
        ctx.err(
            &["turn_hours"],
            "`turn_hours` must divide a day: 1, 2, 3, 4, 6, 8, 12 or 24",
        );
    } else if file.end > file.start
        && file.end.hours_since(file.start) / file.turn_hours as i64 > ranges::MAX_TURNS
    {
        ctx.err(
            &["end"],
            format!(
                "the scenario lasts {} turns; expected at most {}",
                file.end.hours_since(file.start) / file.turn_hours as i64,
                ranges::MAX_TURNS
            ),
        );
    } else if file.end.hours_since(file.start) % file.turn_hours as i64 != 0 {
        ctx.err(
            &["end"],
            format!(
                "`end` must fall a whole number of {}-hour turns after `start`",
                file.turn_hours
            ),
        );
    }
    match (file.soviet.initiative, file.japanese.initiative) {
        (true, false) => Side::Soviet,
        (false, true) => Side::Japanese,
        _ => {
            ctx.err(
                &["initiative"],
                "exactly one side must have `initiative: true` (it moves first each turn)",
            );
            Side::Soviet
        }
    }
}

/// Formations with their parents (refusing cycles), and their ids.
fn resolve_formations<'f>(
    ctx: &mut Ctx,
    file: &'f ScenarioFile,
) -> (Vec<FormationDef>, BTreeMap<&'f str, usize>) {
    let mut formation_ix: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in file.formations.iter().enumerate() {
        if formation_ix.insert(&f.id, i).is_some() {
            ctx.err_nth(
                &["formations"],
                &format!("\"{}\"", f.id),
                1,
                format!("duplicate formation id `{}`", f.id),
            );
        }
    }
    let mut formations = Vec::new();
    for f in &file.formations {
        let parent = f
            .parent
            .as_ref()
            .and_then(|p| match formation_ix.get(p.as_str()) {
                Some(&ix) => {
                    if file.formations[ix].side != f.side {
                        ctx.err(
                            &["formations", &q(&f.id), "parent"],
                            format!("formation `{}` belongs to `{p}` of the other side", f.id),
                        );
                    }
                    Some(ix)
                }
                None => {
                    ctx.err(
                        &["formations", &q(&f.id), &q(p)],
                        format!(
                            "unknown parent formation `{p}`{}",
                            did_you_mean(p, formation_ix.keys().copied())
                        ),
                    );
                    None
                }
            });
        formations.push(FormationDef {
            key: f.id.clone(),
            name: f.name.clone(),
            side: f.side,
            parent,
        });
    }
    // A formation may not be its own ancestor: follow each chain once (linear in the formations),
    // and cut a cycle where it closes.
    let mut state = vec![0u8; formations.len()]; // 0 unseen, 1 on the current chain, 2 done
    for start in 0..formations.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut x = Some(start);
        while let Some(f) = x {
            match state[f] {
                2 => break,
                1 => {
                    let last: usize = *chain.last().expect("a chain that closes has a last link");
                    ctx.err(
                        &["formations", &q(&file.formations[last].id), "parent"],
                        format!(
                            "formation `{}` is its own ancestor: its `parent` chain comes back to it",
                            file.formations[f].id
                        ),
                    );
                    formations[last].parent = None;
                    break;
                }
                _ => {
                    state[f] = 1;
                    chain.push(f);
                    x = formations[f].parent;
                }
            }
        }
        for f in chain {
            state[f] = 2;
        }
    }
    (formations, formation_ix)
}

/// The units: formation, type, equipment, place and dates checked and resolved.
fn resolve_units<'f>(
    ctx: &mut Ctx,
    file: &'f ScenarioFile,
    data: &Data,
    formation_ix: &BTreeMap<&str, usize>,
) -> (Vec<UnitDef>, BTreeMap<&'f str, usize>) {
    let Data {
        equipment_keys,
        unit_type_keys,
        unit_types,
        terrain,
        ..
    } = *data;
    let map = ctx.map;
    let mut unit_ix: BTreeMap<&str, usize> = BTreeMap::new();
    let mut units = Vec::new();
    for (i, u) in file.units.iter().enumerate() {
        let id_q = q(&u.id);
        if unit_ix.insert(&u.id, i).is_some() {
            ctx.err_nth(
                &["units"],
                &id_q,
                1,
                format!("duplicate unit id `{}`", u.id),
            );
        }
        let formation = match formation_ix.get(u.formation.as_str()) {
            Some(&f) => f,
            None => {
                ctx.err(
                    &["units", &id_q, "formation:"],
                    format!(
                        "unit `{}`: unknown formation `{}`{}",
                        u.id,
                        u.formation,
                        did_you_mean(&u.formation, formation_ix.keys().copied())
                    ),
                );
                0
            }
        };
        let side = file
            .formations
            .get(formation)
            .map_or(Side::Soviet, |f| f.side);
        let kind = match unit_type_keys.iter().position(|k| *k == u.kind) {
            Some(k) => k,
            None => {
                ctx.err(
                    &["units", &id_q, "kind", &q(&u.kind)],
                    format!(
                        "unit `{}`: unknown unit type `{}`; expected one of: {}{}",
                        u.id,
                        u.kind,
                        unit_type_keys.join(", "),
                        did_you_mean(&u.kind, unit_type_keys.iter().map(String::as_str))
                    ),
                );
                0
            }
        };
        let mut eq: Vec<(usize, u32)> = Vec::new();
        for (key, count) in &u.equipment {
            match equipment_keys.iter().position(|k| k == key) {
                Some(_) if data.equipment_class(key).is_some_and(|c| c.is_aircraft()) => ctx.err(
                    &["units", &id_q, "equipment", &q(key)],
                    format!(
                        "unit `{}`: `{key}` is an aircraft; aircraft belong in `air_units`",
                        u.id
                    ),
                ),
                Some(e) => eq.push((e, *count)),
                None => ctx.err(
                    &["units", &id_q, "equipment", &q(key)],
                    format!(
                        "unit `{}`: unknown equipment `{key}`; it must be a key of {}{}",
                        u.id,
                        file.data.equipment,
                        did_you_mean(key, equipment_keys.iter().map(String::as_str))
                    ),
                ),
            }
        }
        eq.sort_unstable();
        if u.men == 0 || u.men > ranges::MAX_MEN {
            ctx.err(
                &["units", &id_q, "men:"],
                format!(
                    "unit `{}`: `men` is {}; expected 1 to {}",
                    u.id,
                    u.men,
                    ranges::MAX_MEN
                ),
            );
        }
        if let Some((key, n)) = u.equipment.iter().find(|(_, n)| *n > ranges::MAX_PIECES) {
            ctx.err(
                &["units", &id_q, "equipment", &q(key)],
                format!(
                    "unit `{}`: {n} × `{key}`; expected at most {} pieces of one kind",
                    u.id,
                    ranges::MAX_PIECES
                ),
            );
        }
        if u.entrenchment > 10 {
            ctx.err(
                &["units", &id_q, "entrenchment:"],
                format!(
                    "unit `{}`: `entrenchment` is {}; expected 0 to 10 levels",
                    u.id, u.entrenchment
                ),
            );
        }
        for (field, v) in [("experience", u.experience), ("cohesion", u.cohesion)] {
            if v > 100 {
                ctx.err(
                    &["units", &id_q, field],
                    format!("unit `{}`: `{field}` is {v}; expected 0 to 100", u.id),
                );
            }
        }
        let hex = ctx.locate(&u.at, &["units", &id_q, "at:"]);
        if let (Some(h), Some(ut)) = (hex, unit_types.types.get(&u.kind)) {
            let t = &terrain.terrain[map.terrain_key(h)];
            if t.cost.get(ut.mobility).is_none() {
                ctx.err(
                    &["units", &id_q, "at:"],
                    format!(
                        "unit `{}` placed in {} at {}, impassable for its mobility",
                        u.id,
                        t.name,
                        map.label(h)
                    ),
                );
            }
        }
        if let Some(a) = u.arrives
            && (a < file.start || a >= file.end)
        {
            ctx.err(
                &["units", &id_q, "arrives:"],
                format!(
                    "unit `{}` arrives on {a}, outside the scenario ({} to {})",
                    u.id, file.start, file.end
                ),
            );
        }
        if let Some(w) = u.withdraws
            && w <= u.arrives.unwrap_or(file.start)
        {
            ctx.err(
                &["units", &id_q, "withdraws:"],
                format!("unit `{}` withdraws on {w}, before it arrives", u.id),
            );
        }
        units.push(UnitDef {
            key: u.id.clone(),
            name: u.name.clone(),
            side,
            formation,
            kind,
            hex: hex.unwrap_or(HexId(0)),
            men: u.men,
            equipment: eq,
            experience: u.experience,
            cohesion: u.cohesion,
            entrenchment: u.entrenchment,
            arrives: u.arrives,
            withdraws: u.withdraws,
            echelon: u
                .echelon
                .or_else(|| unit_types.types.get(&u.kind).and_then(|t| t.echelon)),
        });
    }
    (units, unit_ix)
}

/// No hex starts with both sides' units or over the stacking limit.
fn check_stacking(ctx: &mut Ctx, units: &[UnitDef], data: &Data) {
    let Data {
        unit_type_keys,
        unit_types,
        rules,
        ..
    } = *data;
    let map = ctx.map;
    let mut stacks: BTreeMap<HexId, (u32, Side, usize)> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.arrives.is_some() {
            continue;
        }
        let pts = unit_types
            .types
            .get(&unit_type_keys[u.kind])
            .map_or(1, |t| t.stacking);
        let e = stacks.entry(u.hex).or_insert((0, u.side, i));
        e.0 += pts;
        if e.1 != u.side {
            ctx.err(
                &["units", &q(&u.key), "at:"],
                format!(
                    "unit `{}` starts in hex {} with enemy units",
                    u.key,
                    map.label(u.hex)
                ),
            );
        } else if e.0 > rules.stacking_limit {
            ctx.err(
                &["units", &q(&u.key), "at:"],
                format!(
                    "unit `{}`: hex {} holds {} stacking points, more than the limit of {}",
                    u.key,
                    map.label(u.hex),
                    e.0,
                    rules.stacking_limit
                ),
            );
        }
    }
}

/// Each side's supply sources (at least one).
fn resolve_supply_sources(ctx: &mut Ctx, file: &ScenarioFile) -> [Vec<HexId>; 2] {
    let mut supply_sources: [Vec<HexId>; 2] = [Vec::new(), Vec::new()];
    for (side, setup, field) in [
        (Side::Soviet, &file.soviet, "soviet"),
        (Side::Japanese, &file.japanese, "japanese"),
    ] {
        for loc in &setup.supply_sources {
            if let Some(h) = ctx.locate(loc, &[field, "supply_sources"]) {
                supply_sources[side.index()].push(h);
            }
        }
        if setup.supply_sources.is_empty() {
            ctx.err(
                &[field, "supply_sources"],
                format!("side `{field}` needs at least one supply source"),
            );
        }
    }
    supply_sources
}

/// The scenario's bridges: each on the major-river hex side nearest its point (within 2 hexes),
/// of a capacity the rules define, built before it is removed.
fn resolve_bridges(ctx: &mut Ctx, file: &ScenarioFile, rules: &RulesFile) -> Vec<BridgeDef> {
    let mut out: Vec<BridgeDef> = Vec::new();
    let map = ctx.map;
    for b in &file.bridges {
        let name_q = q(&b.name);
        if out.iter().any(|x| x.name == b.name) {
            ctx.err(
                &["bridges", &name_q],
                format!("two bridges are named `{}`", b.name),
            );
            continue;
        }
        if !rules.bridge_capacities.contains_key(&b.capacity) {
            ctx.err(
                &["bridges", &name_q, "capacity"],
                format!(
                    "bridge `{}`: unknown capacity `{}`; the rules define {}{}",
                    b.name,
                    b.capacity,
                    rules
                        .bridge_capacities
                        .keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    did_you_mean(
                        &b.capacity,
                        rules.bridge_capacities.keys().map(String::as_str)
                    )
                ),
            );
            continue;
        }
        if let (Some(built), Some(removed)) = (b.built, b.removed)
            && removed <= built
        {
            ctx.err(
                &["bridges", &name_q, "removed"],
                format!(
                    "bridge `{}`: `removed` ({removed}) must be after `built` ({built})",
                    b.name
                ),
            );
        }
        let point = match &b.at {
            Location::At(p) => Some(map.projection.to_km(*p)),
            other => ctx
                .locate(other, &["bridges", &name_q, "at"])
                .map(|h| map.center_km(h)),
        };
        let Some(point) = point else { continue };
        match map.river_side_near(point, 2.0 * map.hex_km) {
            Some((hex, dir)) => out.push(BridgeDef {
                name: b.name.clone(),
                hex,
                dir,
                capacity: b.capacity.clone(),
                built: b.built,
                removed: b.removed,
            }),
            None => ctx.err(
                &["bridges", &name_q, "at"],
                format!(
                    "bridge `{}` is not within 2 hexes of a major river hex side",
                    b.name
                ),
            ),
        }
    }
    out
}

/// The step rules from the start and from each later date on which a bridge is built or removed.
fn step_epochs(scn: &Scenario) -> Vec<StepEpoch> {
    let mut dates: Vec<Stamp> = vec![scn.file.start];
    for b in &scn.bridges {
        for d in [b.built, b.removed].into_iter().flatten() {
            if d > scn.file.start && d < scn.file.end && !dates.contains(&d) {
                dates.push(d);
            }
        }
    }
    dates.sort();
    dates
        .into_iter()
        .map(|from| {
            let open = scn.open_bridges(from);
            let mut bridged = vec![0u8; scn.map.len()];
            for b in &open {
                bridged[b.hex.0 as usize] |= 1 << b.dir;
                if let Some(n) = scn.map.neighbor(b.hex, b.dir)
                    && let Some(back) = scn.map.side_between(n, b.hex)
                {
                    bridged[n.0 as usize] |= 1 << back;
                }
            }
            StepEpoch {
                from,
                tables: scn.ground(&open).step_table(),
                bridged,
            }
        })
        .collect()
}

/// Air support entries end after they start.
fn check_air(ctx: &mut Ctx, file: &ScenarioFile) {
    for a in &file.air {
        if !(a.strength.is_finite() && (0.0..=1e6).contains(&a.strength)) {
            ctx.err(
                &["air", &q(&a.from.to_string()), "strength"],
                format!(
                    "air support from {}: `strength` is {}; expected 0 to 1000000 air points",
                    a.from, a.strength
                ),
            );
        }
        if a.until <= a.from {
            ctx.err(
                &["air", &q(&a.from.to_string())],
                format!(
                    "air support from {} must end after it starts, not on {}",
                    a.from, a.until
                ),
            );
        }
    }
}

/// The air regiments, with their aircraft types: a known aircraft id, a count, dates in order, a
/// pilots' factor in range.
fn resolve_air_units(
    ctx: &mut Ctx,
    file: &ScenarioFile,
    equipment_keys: &[String],
    equipment: &crate::data::EquipmentFile,
) -> Vec<AirUnitDef> {
    let mut out = Vec::new();
    for a in &file.air_units {
        let at = ["air_units", &q(&a.name)];
        let aircraft = equipment_keys.iter().position(|k| *k == a.aircraft);
        let kind = aircraft.map(|e| equipment.equipment[&equipment_keys[e]].class);
        match kind {
            None => ctx.err(
                &[at[0], at[1], "aircraft"],
                format!(
                    "air unit `{}`: unknown aircraft `{}`; it must be an equipment id of class \
                     Fighter, Bomber or Reconnaissance in {}{}",
                    a.name,
                    a.aircraft,
                    file.data.equipment,
                    did_you_mean(
                        &a.aircraft,
                        equipment_keys
                            .iter()
                            .filter(|k| equipment.equipment[*k].class.is_aircraft())
                            .map(String::as_str)
                    )
                ),
            ),
            Some(c) if !c.is_aircraft() => ctx.err(
                &[at[0], at[1], "aircraft"],
                format!(
                    "air unit `{}`: `{}` is a {c:?}, not an aircraft; expected class Fighter, \
                     Bomber or Reconnaissance",
                    a.name, a.aircraft
                ),
            ),
            _ => {}
        }
        if a.count == 0 || a.count > 10_000 {
            ctx.err(
                &[at[0], at[1], "count"],
                format!(
                    "air unit `{}`: `count` is {}; expected 1 to 10000 aircraft",
                    a.name, a.count
                ),
            );
        }
        if !(a.pilots.is_finite() && (0.0..=10.0).contains(&a.pilots)) {
            ctx.err(
                &[at[0], at[1], "pilots"],
                format!(
                    "air unit `{}`: `pilots` is {}; expected a factor from 0 to 10",
                    a.name,
                    crate::error::show_number(a.pilots as f64)
                ),
            );
        }
        if a.until <= a.from {
            ctx.err(
                &[at[0], at[1], "until"],
                format!(
                    "air unit `{}` must leave after it arrives ({}), not on {}",
                    a.name, a.from, a.until
                ),
            );
        }
        if let Some(e) = aircraft {
            out.push(AirUnitDef {
                side: a.side,
                name: a.name.clone(),
                aircraft: e,
                count: a.count,
                from: a.from,
                until: a.until,
                pilots: a.pilots,
            });
        }
    }
    out
}

/// The plan's steps, with their units (formations expanded) and places.
fn resolve_plan(
    ctx: &mut Ctx,
    file: &ScenarioFile,
    formations: &[FormationDef],
    (formation_ix, unit_ix): (&BTreeMap<&str, usize>, &BTreeMap<&str, usize>),
    units: &[UnitDef],
) -> Vec<PlanStepDef> {
    let mut plan = Vec::new();
    // Each formation's units, with those of its sub-formations: one pass over the units.
    let mut members: Vec<Vec<UnitIx>> = vec![Vec::new(); formations.len()];
    for (ix, u) in units.iter().enumerate() {
        for f in super::formation_chain(formations, u.formation) {
            members[f].push(ix as UnitIx);
        }
    }
    // Where each step starts in the file: one pass over the plan.
    let mut step_at = ctx.src.find_path(&["plan"]).unwrap_or(0);
    for (i, step) in file.plan.iter().enumerate() {
        step_at = ctx.src.find_from(step_at + 1, "units:");
        let mut ids = Vec::new();
        for name in &step.units {
            if let Some(&f) = formation_ix.get(name.as_str()) {
                ids.extend(&members[f]);
            } else if let Some(&ix) = unit_ix.get(name.as_str()) {
                ids.push(ix as UnitIx);
            } else {
                ctx.err_from(
                    step_at,
                    &q(name),
                    format!(
                        "plan step {}: `{name}` is neither a formation nor a unit id{}",
                        i + 1,
                        did_you_mean(name, formation_ix.keys().chain(unit_ix.keys()).copied())
                    ),
                );
            }
        }
        for &ix in &ids {
            if units[ix as usize].side != step.side {
                ctx.err_from(
                    step_at,
                    "units",
                    format!(
                        "plan step {}: unit `{}` is not on side {:?}",
                        i + 1,
                        units[ix as usize].key,
                        step.side
                    ),
                );
                break;
            }
        }
        if step.until <= step.from {
            ctx.err_from(
                step_at,
                "until",
                format!(
                    "plan step {}: `until` ({}) must be after `from` ({})",
                    i + 1,
                    step.until,
                    step.from
                ),
            );
        }
        let (loc, end) = match &step.task {
            Task::Attack(l) | Task::Advance(l) | Task::Hold(l) | Task::CounterBattery(l) => {
                (l, None)
            }
            Task::Screen(a, b) => (a, Some(b)),
        };
        let target = ctx.locate_from(loc, step_at, "task");
        let line_end = end.and_then(|b| ctx.locate_from(b, step_at, "task"));
        ids.sort_unstable();
        ids.dedup();
        plan.push(PlanStepDef {
            side: step.side,
            units: ids,
            from: step.from,
            until: step.until,
            task: step.task.clone(),
            target: target.unwrap_or(HexId(0)),
            line_end,
            off_the_march: step.off_the_march,
        });
    }
    plan
}

/// Objectives, formation goals, thresholds and the historical record's pocket.
fn resolve_victory(
    ctx: &mut Ctx,
    file: &ScenarioFile,
    formation_ix: &BTreeMap<&str, usize>,
) -> (Vec<ObjectiveDef>, Option<usize>) {
    let mut objectives = Vec::new();
    let v = &file.victory;
    let points = v
        .objectives
        .iter()
        .map(|o| (o.name.as_str(), o.points))
        .chain(
            v.formations
                .iter()
                .map(|g| (g.formation.as_str(), g.points)),
        );
    for (name, p) in points {
        if p > ranges::MAX_POINTS {
            ctx.err(
                &["victory", &q(name), "points"],
                format!(
                    "`{name}` is worth {p} points; expected at most {}",
                    ranges::MAX_POINTS
                ),
            );
        }
    }
    for (field, n) in [
        ("soviet_wins_at", v.soviet_wins_at),
        ("japanese_wins_at", v.japanese_wins_at),
    ] {
        if n > 100 * ranges::MAX_POINTS {
            ctx.err(
                &[field],
                format!(
                    "`{field}` is {n}; expected at most {}",
                    100 * ranges::MAX_POINTS
                ),
            );
        }
    }
    let ppm = v.points_per_1000_enemy_men;
    if !(ppm.is_finite() && (0.0..=1e6).contains(&ppm)) {
        ctx.err(
            &["points_per_1000_enemy_men"],
            format!("`points_per_1000_enemy_men` is {ppm}; expected 0 to 1000000"),
        );
    }
    for o in &file.victory.objectives {
        if let Some(h) = ctx.locate(&o.at, &["objectives", &q(&o.name), "at:"]) {
            objectives.push(ObjectiveDef {
                name: o.name.clone(),
                hex: h,
                points: o.points,
                holder: o.holder,
            });
        }
    }
    for g in &file.victory.formations {
        if !formation_ix.contains_key(g.formation.as_str()) {
            ctx.err(
                &["victory", "formations", &q(&g.formation)],
                format!(
                    "unknown formation `{}` in victory conditions{}",
                    g.formation,
                    did_you_mean(&g.formation, formation_ix.keys().copied())
                ),
            );
        }
    }
    let pocket = file.historical.pocket.as_ref().and_then(|k| {
        let f = formation_ix.get(k.as_str()).copied();
        if f.is_none() {
            ctx.err(
                &["historical", "pocket:"],
                format!(
                    "unknown formation `{k}` as the historical pocket; expected a formation id"
                ),
            );
        }
        f
    });
    if file.victory.japanese_wins_at >= file.victory.soviet_wins_at {
        ctx.err(
            &["japanese_wins_at"],
            "`japanese_wins_at` must be below `soviet_wins_at`",
        );
    }
    let total: u64 = file
        .victory
        .objectives
        .iter()
        .map(|o| o.points as u64)
        .chain(file.victory.formations.iter().map(|g| g.points as u64))
        .sum();
    if file.victory.soviet_wins_at as u64 > total && file.victory.points_per_1000_enemy_men == 0.0 {
        ctx.err(
            &["soviet_wins_at"],
            format!(
                "`soviet_wins_at` ({}) is more than all the points there are ({total})",
                file.victory.soviet_wins_at
            ),
        );
    }
    let h = &file.historical;
    match (h.pocket.is_some(), h.pocket_closed) {
        (true, None) => ctx.err(
            &["historical", "pocket"],
            "historical `pocket` names a formation but `pocket_closed` gives no date",
        ),
        (_, Some(closed)) if h.end_of_fighting < closed => ctx.err(
            &["historical", "end_of_fighting"],
            "historical `end_of_fighting` is before `pocket_closed`",
        ),
        _ => {}
    }
    (objectives, pocket)
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

struct Ctx<'a> {
    src: &'a SourceText,
    map: &'a HexMap,
    errors: Vec<DataError>,
    /// Errors past [`MAX_ERRORS`], counted only.
    more: usize,
}

/// Most errors reported for one scenario with their places (each place is a search of the file);
/// past it the rest are counted.
const MAX_ERRORS: usize = 100;

impl<'a> Ctx<'a> {
    fn new(src: &'a SourceText, map: &'a HexMap) -> Self {
        Ctx {
            src,
            map,
            errors: Vec::new(),
            more: 0,
        }
    }

    /// Whether another error still gets its place; counts it otherwise.
    fn room(&mut self) -> bool {
        if self.errors.len() < MAX_ERRORS {
            return true;
        }
        self.more += 1;
        false
    }

    fn err(&mut self, needles: &[&str], msg: impl Into<String>) {
        if self.room() {
            self.errors.push(self.src.error_at(needles, msg));
        }
    }

    fn err_from(&mut self, from: usize, needle: &str, msg: impl Into<String>) {
        if !self.room() {
            return;
        }
        let at = self.src.find_from(from, needle);
        self.errors.push(self.src.error_at_offset(at, msg));
    }

    /// The errors found, with a last one counting those past [`MAX_ERRORS`].
    fn finish(mut self) -> Vec<DataError> {
        if self.more > 0 {
            let e = DataError {
                file: self.src.path.clone(),
                line: 0,
                col: 0,
                message: format!(
                    "{} more errors not shown (the first {MAX_ERRORS} are above)",
                    self.more
                ),
            };
            self.errors.push(e);
        }
        self.errors
    }

    /// Error at the `n`-th (0-based) occurrence of `needle` after `anchors`.
    fn err_nth(&mut self, anchors: &[&str], needle: &str, n: usize, msg: impl Into<String>) {
        if !self.room() {
            return;
        }
        let mut at = self.src.find_path(anchors).unwrap_or(0);
        for _ in 0..=n {
            at = self.src.find_from(at + 1, needle);
        }
        self.errors.push(self.src.error_at_offset(at, msg));
    }

    /// The hex of a location; an error at `needles` if it is not on the map (the place in the file
    /// is looked for only then, so a valid file is checked in one pass).
    fn locate(&mut self, loc: &Location, needles: &[&str]) -> Option<HexId> {
        let src = self.src;
        self.locate_at(loc, || src.find_path(needles).unwrap_or(0))
    }

    fn locate_from(&mut self, loc: &Location, from: usize, needle: &str) -> Option<HexId> {
        let src = self.src;
        self.locate_at(loc, || src.find_from(from, needle))
    }

    fn locate_at(&mut self, loc: &Location, at: impl Fn() -> usize) -> Option<HexId> {
        let map = self.map;
        let found = match loc {
            Location::Place(name) => map.place(name).ok_or_else(|| {
                (
                    self.src.find_from(at(), &q(name)),
                    if map.places_elsewhere.contains(name) {
                        format!(
                            "place `{name}` lies outside this scenario's `map_window` ({}); \
                             widen the window or name a place inside it",
                            map.grid_range()
                        )
                    } else {
                        format!(
                        "unknown place `{name}`; the map's places: {}{}",
                        map.places.keys().cloned().collect::<Vec<_>>().join(", "),
                        did_you_mean(name, map.places.keys().map(String::as_str))
                        )
                    },
                )
            }),
            Location::Hex(c, r) => map.grid_id(*c, *r).ok_or_else(|| {
                (
                    self.src.find_from(at(), "Hex"),
                    format!(
                        "hex ({c},{r}) is off the scenario's map; expected {} (the map grid's numbers)",
                        map.grid_range()
                    ),
                )
            }),
            Location::At(p) => {
                let km = map.projection.to_km(*p);
                match map.hex_at_geo(*p) {
                    None => Err((
                        self.src.find_from(at(), "At"),
                        format!(
                            "point ({}, {}) is off the scenario's map; expected a point within {}",
                            crate::error::show_number(p.0),
                            crate::error::show_number(p.1),
                            map.geo_bounds()
                        ),
                    )),
                    Some(h) => match map.major_river_near(km, 0.15) {
                        Some(river) => Err((
                            self.src.find_from(at(), "At"),
                            format!(
                                "point ({}, {}) lies in the river {river}: place it on one bank",
                                p.0, p.1
                            ),
                        )),
                        None => Ok(h),
                    },
                }
            }
        };
        match found {
            Ok(h) => Some(h),
            Err((offset, msg)) => {
                if self.room() {
                    self.errors.push(self.src.error_at_offset(offset, msg));
                }
                None
            }
        }
    }
}
