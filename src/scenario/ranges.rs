//! The allowed range of every number in the data files: each value with a physical meaning is
//! checked at load to be a finite number within its range, and an error names the field, the value
//! found and the range expected. The ranges are wide — they keep out what the rules cannot use
//! (NaN, infinity, negative costs, shares above one, step costs longer than a day). This file is the
//! list of them; docs/model.md says what each number means.

use crate::data::EquipmentFile;
use crate::data::rules::{MoveCost, RulesFile, TerrainFile, UnitTypeFile};
use crate::error::{DataError, SourceText};

/// A number as the file wrote it: a value read as `f32` is shown as that `f32`.
fn show(v: f64) -> String {
    if (v as f32) as f64 == v && v.abs() < 1e7 {
        (v as f32).to_string()
    } else {
        crate::error::show_number(v)
    }
}

/// Collects range errors of one file.
pub struct Ranges<'a> {
    src: &'a SourceText,
    pub errors: Vec<DataError>,
}

impl<'a> Ranges<'a> {
    pub fn new(src: &'a SourceText) -> Self {
        Ranges {
            src,
            errors: Vec::new(),
        }
    }

    /// `v` must be finite and within `lo..=hi` (in `unit`); the error is placed at `needles`.
    pub fn num(&mut self, needles: &[&str], name: &str, v: f64, (lo, hi): (f64, f64), unit: &str) {
        if v.is_finite() && v >= lo && v <= hi {
            return;
        }
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        self.errors.push(self.src.error_at(
            needles,
            format!(
                "`{name}` is {}; expected a number from {lo} to {hi}{unit}",
                show(v)
            ),
        ));
    }

    /// A number that must be above `lo` (not equal to it) and at most `hi`.
    pub fn above(
        &mut self,
        needles: &[&str],
        name: &str,
        v: f64,
        (lo, hi): (f64, f64),
        unit: &str,
    ) {
        if v.is_finite() && v > lo && v <= hi {
            return;
        }
        self.errors.push(self.src.error_at(
            needles,
            format!(
                "`{name}` is {}; expected a number above {lo} and at most {hi} {unit}",
                show(v)
            ),
        ));
    }

    fn costs(&mut self, needles: &[&str], name: &str, c: &MoveCost) {
        for (field, v) in [
            ("foot", c.foot),
            ("horse", c.horse),
            ("motorised", c.motorised),
            ("tracked", c.tracked),
        ] {
            if let Some(v) = v {
                let mut n = needles.to_vec();
                n.push(field);
                self.above(
                    &n,
                    &format!("{name}.{field}"),
                    v as f64,
                    (0.0, 24.0),
                    "hours a hex",
                );
            }
        }
    }
}

/// Most units a scenario may have.
pub const MAX_UNITS: usize = 10_000;
/// Most formations a scenario may have.
pub const MAX_FORMATIONS: usize = 10_000;
/// Most turns a scenario may last.
pub const MAX_TURNS: i64 = 2_000;
/// Most plan steps, air entries or objectives a scenario may have, each.
pub const MAX_ENTRIES: usize = 10_000;
/// Most men in one unit.
pub const MAX_MEN: u32 = 100_000;
/// Most pieces of one kind of equipment in one unit.
pub const MAX_PIECES: u32 = 10_000;
/// Longest id (of a unit, a formation, a plan's unit list entry), in characters.
pub const MAX_ID: usize = 100;
/// Longest name or description, in characters.
pub const MAX_TEXT: usize = 4_000;
/// Most victory points an objective or a goal is worth.
pub const MAX_POINTS: u32 = 1_000_000;

/// Shares and fractions.
const SHARE: (f64, f64) = (0.0, 1.0);
/// Points on the 0–100 scales of cohesion and fatigue.
const SCALE: (f64, f64) = (0.0, 100.0);
/// Multipliers of strength or losses.
const FACTOR: (f64, f64) = (0.0, 100.0);

pub fn check_rules(r: &RulesFile, src: &SourceText) -> Vec<DataError> {
    let mut g = Ranges::new(src);
    if r.night_hours.iter().any(|&h| h > 23) {
        g.errors
            .push(src.error_at(&["night_hours"], "`night_hours` are hours of the day, 0–23"));
    }
    g.num(
        &["stacking_limit"],
        "stacking_limit",
        r.stacking_limit as f64,
        (1.0, 100.0),
        "points",
    );
    g.num(
        &["minor_river_hours"],
        "minor_river_hours",
        r.minor_river_hours as f64,
        (0.0, 24.0),
        "hours",
    );
    g.costs(&["track_cost"], "track_cost", &r.track_cost);
    g.num(
        &["entrenchment_bonus"],
        "entrenchment_bonus",
        r.entrenchment_bonus as f64,
        (0.0, 10.0),
        "a level",
    );
    g.num(
        &["fatigue_per_move_hour"],
        "fatigue_per_move_hour",
        r.fatigue_per_move_hour as f64,
        SCALE,
        "a hour",
    );
    g.num(
        &["fatigue_recovery"],
        "fatigue_recovery",
        r.fatigue_recovery as f64,
        SCALE,
        "a turn",
    );
    g.num(
        &["cohesion_recovery"],
        "cohesion_recovery",
        r.cohesion_recovery as f64,
        SCALE,
        "a turn",
    );
    g.num(
        &["min_men"],
        "min_men",
        r.min_men as f64,
        (0.0, 10_000.0),
        "men",
    );
    g.num(
        &["arrival_radius"],
        "arrival_radius",
        r.arrival_radius as f64,
        (0.0, 50.0),
        "hexes",
    );
    g.num(
        &["air_share_per_attack"],
        "air_share_per_attack",
        r.air_share_per_attack as f64,
        SHARE,
        "",
    );
    let c = &r.combat;
    let cn = |f: &'static str| ["combat", f];
    for (f, v, range) in [
        ("base_loss", c.base_loss, SHARE),
        ("odds_exponent", c.odds_exponent, (0.0, 10.0)),
        ("spread", c.spread, SHARE),
        ("attacker_loss", c.attacker_loss, FACTOR),
        ("armor_loss_rate", c.armor_loss_rate, FACTOR),
        ("armored_car_loss_factor", c.armored_car_loss_factor, FACTOR),
        ("gun_loss_factor", c.gun_loss_factor, FACTOR),
        ("machine_gun_loss_factor", c.machine_gun_loss_factor, FACTOR),
        ("max_loss", c.max_loss, SHARE),
        ("cohesion_per_loss_pct", c.cohesion_per_loss_pct, FACTOR),
        ("retreat_cohesion", c.retreat_cohesion, SCALE),
        ("retreat_loss", c.retreat_loss, SHARE),
        ("retreat_cohesion_cost", c.retreat_cohesion_cost, SCALE),
        ("rout_cohesion", c.rout_cohesion, SCALE),
        ("rout_men_lost", c.rout_men_lost, SHARE),
        ("rout_heavy_weapons_lost", c.rout_heavy_weapons_lost, SHARE),
        (
            "armor_men_equivalent",
            c.armor_men_equivalent,
            (0.0, 10_000.0),
        ),
        (
            "night_attack_doctrine",
            c.night_attack_doctrine,
            (0.0, 10.0),
        ),
        ("night_attack_other", c.night_attack_other, (0.0, 10.0)),
        ("across_minor_river", c.across_minor_river, (0.0, 10.0)),
        ("across_major_river", c.across_major_river, (0.0, 10.0)),
        ("combined_arms", c.combined_arms, (0.0, 10.0)),
        (
            "close_assault_armor_loss",
            c.close_assault_armor_loss,
            SHARE,
        ),
        (
            "close_assault_diesel_factor",
            c.close_assault_diesel_factor,
            SHARE,
        ),
        ("night_overrun_gun_loss", c.night_overrun_gun_loss, SHARE),
        ("elevation_per_10m", c.elevation_per_10m, (0.0, 10.0)),
        ("artillery_support", c.artillery_support, FACTOR),
        ("out_of_supply", c.out_of_supply, SHARE),
    ] {
        g.num(&cn(f), &format!("combat.{f}"), v as f64, range, "");
    }
    g.above(
        &cn("armor_loss_saturation"),
        "combat.armor_loss_saturation",
        c.armor_loss_saturation as f64,
        (0.0, 1e6),
        "",
    );
    g.above(
        &cn("odds_range"),
        "combat.odds_range (low)",
        c.odds_range.0 as f64,
        (0.0, 1e6),
        "",
    );
    g.num(
        &cn("odds_range"),
        "combat.odds_range (high)",
        c.odds_range.1 as f64,
        (c.odds_range.0 as f64, 1e6),
        "",
    );
    let q = &c.quality;
    for (f, v) in [
        ("experience", q.experience.0),
        ("experience", q.experience.1),
        ("cohesion", q.cohesion.0),
        ("cohesion", q.cohesion.1),
    ] {
        g.num(
            &["combat", "quality", f],
            &format!("combat.quality.{f}"),
            v as f64,
            (0.0, 10.0),
            "",
        );
    }
    g.num(
        &["combat", "quality", "fatigue_penalty"],
        "combat.quality.fatigue_penalty",
        q.fatigue_penalty as f64,
        SHARE,
        "",
    );
    let s = &r.supply;
    let sn = |f: &'static str| ["supply", f];
    g.num(
        &sn("max_trace_hours"),
        "supply.max_trace_hours",
        s.max_trace_hours as f64,
        (0.0, 240.0),
        "hours",
    );
    g.num(
        &sn("encircled_after_turns"),
        "supply.encircled_after_turns",
        s.encircled_after_turns as f64,
        (1.0, 1000.0),
        "turns",
    );
    for (f, v) in [
        ("attrition", s.attrition),
        ("strength_decay", s.strength_decay),
        ("min_strength", s.min_strength),
        ("surrender_chance", s.surrender_chance),
        ("formation_encircled_share", s.formation_encircled_share),
    ] {
        g.num(&sn(f), &format!("supply.{f}"), v as f64, SHARE, "");
    }
    g.num(
        &sn("cohesion_loss"),
        "supply.cohesion_loss",
        s.cohesion_loss as f64,
        SCALE,
        "a turn",
    );
    g.num(
        &sn("surrender_cohesion"),
        "supply.surrender_cohesion",
        s.surrender_cohesion as f64,
        SCALE,
        "",
    );
    let a = &r.artillery;
    for (f, v, range, unit) in [
        ("observe_km", a.observe_km, (0.0, 100.0), "km"),
        (
            "observe_km_per_10m",
            a.observe_km_per_10m,
            (0.0, 100.0),
            "km",
        ),
        ("observe_max_km", a.observe_max_km, (0.0, 100.0), "km"),
        ("air_observed", a.air_observed, SHARE, ""),
        ("men_per_fire", a.men_per_fire, (0.0, 1000.0), "men"),
        ("guns_per_fire", a.guns_per_fire, (0.0, 100.0), "guns"),
        ("max_loss", a.max_loss, SHARE, ""),
    ] {
        g.num(
            &["artillery", f],
            &format!("artillery.{f}"),
            v as f64,
            range,
            unit,
        );
    }
    let aw = &r.air_war;
    for (f, v) in [
        ("fighter_loss", aw.fighter_loss),
        ("bomber_loss", aw.bomber_loss),
        ("contested", aw.contested),
    ] {
        g.num(
            &["air_war", f],
            &format!("air_war.{f}"),
            v as f64,
            SHARE,
            "",
        );
    }
    g.num(
        &["air_war", "raid_kill"],
        "air_war.raid_kill",
        aw.raid_kill as f64,
        (0.0, 100.0),
        "aircraft per air point",
    );
    g.num(
        &["air_war", "exponent"],
        "air_war.exponent",
        aw.exponent as f64,
        (0.0, 10.0),
        "",
    );
    for (f, v) in [("night_km", r.sight.night_km), ("air_km", r.sight.air_km)] {
        g.num(
            &["sight", f],
            &format!("sight.{f}"),
            v as f64,
            (0.0, 100.0),
            "km",
        );
    }
    let rc = &r.recovery;
    g.num(
        &["recovery", "knocked_out_share"],
        "recovery.knocked_out_share",
        rc.knocked_out_share as f64,
        SHARE,
        "",
    );
    g.num(
        &["recovery", "hour"],
        "recovery.hour",
        rc.hour as f64,
        (0.0, 23.0),
        "hour of the day",
    );
    g.num(
        &["recovery", "radius"],
        "recovery.radius",
        rc.radius as f64,
        (0.0, 100.0),
        "hexes",
    );
    let k = &r.computer;
    let kn = |f: &'static str| ["computer", f];
    for (f, v, range) in [
        ("min_odds_plan", k.min_odds_plan as f64, (0.0, 1000.0)),
        ("min_odds_ai", k.min_odds_ai as f64, (0.0, 1000.0)),
        (
            "reluctant_odds_factor",
            k.reluctant_odds_factor as f64,
            FACTOR,
        ),
        ("night_odds_factor", k.night_odds_factor as f64, FACTOR),
        (
            "raid_when_outnumbered",
            k.raid_when_outnumbered as f64,
            (0.0, 1000.0),
        ),
        (
            "bombard_ammo_reserve",
            k.bombard_ammo_reserve as f64,
            (0.0, 100.0),
        ),
        ("plan_hold_radius", k.plan_hold_radius as f64, (0.0, 100.0)),
        (
            "river_crossing_minutes",
            k.river_crossing_minutes as f64,
            (0.0, 10_000.0),
        ),
        ("response_ratio", k.response_ratio as f64, (0.0, 100.0)),
        (
            "response_minutes",
            k.response_minutes as f64,
            (0.0, 100_000.0),
        ),
        ("threat_radius", k.threat_radius as f64, (0.0, 100.0)),
        ("outnumber", k.outnumber as f64, (0.0, 100.0)),
        ("strike_support", k.strike_support as f64, (0.0, 6.0)),
        ("strike_ratio", k.strike_ratio as f64, (0.0, 100.0)),
        ("strike_minutes", k.strike_minutes as f64, (0.0, 100_000.0)),
        (
            "zoc_detour_minutes",
            k.zoc_detour_minutes as f64,
            (0.0, 10_000.0),
        ),
        (
            "zoc_detour_cap_minutes",
            k.zoc_detour_cap_minutes as f64,
            (0.0, 10_000.0),
        ),
        ("random_chance", k.random_chance, SHARE),
    ] {
        g.num(&kn(f), &format!("computer.{f}"), v, range, "");
    }
    g.num(
        &kn("cut_depth"),
        "computer.cut_depth (nearest)",
        k.cut_depth.0 as f64,
        (0.0, 100.0),
        "hexes",
    );
    g.num(
        &kn("cut_depth"),
        "computer.cut_depth (furthest)",
        k.cut_depth.1 as f64,
        (k.cut_depth.0 as f64, 100.0),
        "hexes",
    );
    if r.bridge_capacities.len() > MAX_BRIDGE_KINDS {
        g.errors.push(src.error_at(
            &["bridge_capacities"],
            format!(
                "{} kinds of bridge; expected at most {MAX_BRIDGE_KINDS}",
                r.bridge_capacities.len()
            ),
        ));
    }
    for (key, cap) in &r.bridge_capacities {
        let key_q = format!("\"{key}\"");
        g.num(
            &["bridge_capacities", &key_q, "hours"],
            &format!("bridge_capacities.{key}.hours"),
            cap.hours as f64,
            (0.0, 24.0),
            "hours",
        );
        if cap.carries.is_empty() {
            g.errors.push(src.error_at(
                &["bridge_capacities", &key_q, "carries"],
                format!(
                    "bridge kind `{key}` carries nothing; expected at least one mobility class"
                ),
            ));
        }
    }
    g.errors
}

pub fn check_equipment(eq: &EquipmentFile, src: &SourceText) -> Vec<DataError> {
    let mut g = Ranges::new(src);
    g.num(
        &["rifleman_soft_attack"],
        "rifleman_soft_attack",
        eq.rifleman_soft_attack as f64,
        (0.0, 1000.0),
        "",
    );
    for (k, e) in &eq.equipment {
        let key = format!("\"{k}\"");
        for (f, v, range) in [
            ("crew", e.crew as f64, (0.0, 10_000.0)),
            ("soft_attack", e.soft_attack as f64, (0.0, 10_000.0)),
            ("hard_attack", e.hard_attack as f64, (0.0, 10_000.0)),
            ("armor_mm", e.armor_mm as f64, (0.0, 1000.0)),
            ("calibre_mm", e.calibre_mm as f64, (0.0, 1000.0)),
            ("range_km", e.range_km as f64, (0.0, 1000.0)),
            ("speed_kmh", e.speed_kmh as f64, (0.0, 1000.0)),
            ("air_combat", e.air_combat as f64, (0.0, 1000.0)),
            ("ground_attack", e.ground_attack as f64, (0.0, 1000.0)),
        ] {
            g.num(&[&key, f], &format!("{k}.{f}"), v, range, "");
        }
        if let Some(p) = e.penetration_mm {
            g.num(
                &[&key, "penetration_mm"],
                &format!("{k}.penetration_mm"),
                p as f64,
                (0.0, 1000.0),
                "mm",
            );
        }
    }
    g.errors
}

/// Most kinds of terrain (each hex keeps its terrain in one byte).
pub const MAX_TERRAIN_KINDS: usize = 255;

/// Most kinds of bridge in rules.ron.
pub const MAX_BRIDGE_KINDS: usize = 255;

pub fn check_terrain(t: &TerrainFile, src: &SourceText) -> Vec<DataError> {
    let mut g = Ranges::new(src);
    if t.terrain.len() > MAX_TERRAIN_KINDS {
        g.errors.push(src.error_at(
            &["terrain"],
            format!(
                "{} kinds of terrain; expected at most {MAX_TERRAIN_KINDS}",
                t.terrain.len()
            ),
        ));
    }
    for (k, spec) in &t.terrain {
        let key = format!("\"{k}\"");
        g.costs(&[&key, "cost"], &format!("{k}.cost"), &spec.cost);
        g.above(
            &[&key, "defence"],
            &format!("{k}.defence"),
            spec.defence as f64,
            (0.0, 10.0),
            "",
        );
        g.num(
            &[&key, "armor_attack"],
            &format!("{k}.armor_attack"),
            spec.armor_attack as f64,
            (0.0, 10.0),
            "",
        );
        g.num(
            &[&key, "max_entrenchment"],
            &format!("{k}.max_entrenchment"),
            spec.max_entrenchment as f64,
            (0.0, 10.0),
            "levels",
        );
    }
    g.errors
}

pub fn check_unit_types(t: &UnitTypeFile, src: &SourceText) -> Vec<DataError> {
    let mut g = Ranges::new(src);
    for (k, spec) in &t.types {
        let key = format!("\"{k}\"");
        g.num(
            &[&key, "stacking"],
            &format!("{k}.stacking"),
            spec.stacking as f64,
            (0.0, 100.0),
            "points",
        );
        g.above(
            &[&key, "move_hours"],
            &format!("{k}.move_hours"),
            spec.move_hours as f64,
            (0.0, 24.0),
            "hours",
        );
    }
    g.errors
}
