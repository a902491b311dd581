//! The event export: every event of a game as one JSON object a line (JSON Lines), for pandas and
//! polars. Each line has `run`, `seed`, `turn` (from 1), `date` (the start of the turn, ISO 8601)
//! and `kind`; where they apply, `unit` and `formation` (scenario ids), `side`, `hex` (`[col,
//! row]`), `lat` and `lon` (of the hex centre, degrees), `men`, `tanks`, `armored_cars` and `guns`
//! (what the event lost or brought), `objective` and `holder`. A combat line gives the attacker's
//! and defender's losses as `attacker_men` … `defender_guns` (and by equipment id in
//! `attacker_by_type` and `defender_by_type`, with the vehicles `knocked_out` rather than destroyed),
//! its `odds`, and the units' ids in `attackers` and `defenders`; other loss lines give `by_type`.
//! A `recovered` line gives the vehicles repaired (taken off the losses). The columns are listed in
//! the README.

use crate::data::{EquipmentClass, Side};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::{Order, SimEvent, UnitLoss};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// Men, tanks, armoured cars and guns (field, howitzer and anti-tank) of a loss or a strength.
fn counts(scn: &Scenario, men: u32, equipment: &[(usize, u32)]) -> [u64; 4] {
    let mut c = [men as u64, 0, 0, 0];
    for &(e, n) in equipment {
        let slot = match scn.equipment[e].class {
            EquipmentClass::Tank => 1,
            EquipmentClass::ArmoredCar => 2,
            EquipmentClass::FieldGun | EquipmentClass::AntiTankGun => 3,
            _ => continue,
        };
        c[slot] += n as u64;
    }
    c
}

fn sum(scn: &Scenario, losses: &[UnitLoss]) -> [u64; 4] {
    losses.iter().fold([0; 4], |mut t, l| {
        for (a, b) in t.iter_mut().zip(counts(scn, l.men, &l.equipment)) {
            *a += b;
        }
        t
    })
}

const COUNT_NAMES: [&str; 4] = ["men", "tanks", "armored_cars", "guns"];

/// Pieces by equipment id, summed over loss lists (`{"BT-5": 3, "45mm AT gun M1937": 1}`).
fn by_type<'a>(scn: &Scenario, lists: impl Iterator<Item = &'a [(usize, u32)]>) -> Value {
    let mut m = std::collections::BTreeMap::<&str, u64>::new();
    for &(e, n) in lists.flatten() {
        if n > 0 {
            *m.entry(scn.equipment_keys[e].as_str()).or_default() += n as u64;
        }
    }
    json!(m)
}

/// Writes the events of one game, streamed.
pub struct EventWriter<'a> {
    scn: &'a Scenario,
    /// Where each unit stands, followed through the events.
    at: Vec<Option<HexId>>,
}

impl<'a> EventWriter<'a> {
    pub fn new(scn: &'a Scenario) -> Self {
        EventWriter {
            scn,
            at: vec![None; scn.units.len()],
        }
    }

    /// Writes one game's events as JSON Lines.
    pub fn write_game(
        &mut self,
        out: &mut dyn Write,
        run: u64,
        seed: u64,
        events: &[SimEvent],
    ) -> io::Result<()> {
        self.at.iter_mut().for_each(|h| *h = None);
        let mut turn = 0;
        let mut date = self.scn.file.start;
        for e in events {
            if let SimEvent::TurnStarted {
                turn: t, date: d, ..
            } = e
            {
                turn = *t;
                date = *d;
            }
            let mut line = Map::new();
            line.insert("run".into(), json!(run));
            line.insert("seed".into(), json!(seed));
            line.insert("turn".into(), json!(turn + 1));
            line.insert("date".into(), json!(date.to_string()));
            line.insert("kind".into(), json!(e.kind()));
            self.fields(e, &mut line);
            serde_json::to_writer(&mut *out, &Value::Object(line))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn hex(&self, line: &mut Map<String, Value>, h: HexId) {
        let map = &self.scn.map;
        let (c, r) = map.grid(h);
        let (x, y) = map.center_km(h);
        let g = map.projection.to_geo(x, y);
        line.insert("hex".into(), json!([c, r]));
        line.insert("lat".into(), json!((g.0 * 1e5).round() / 1e5));
        line.insert("lon".into(), json!((g.1 * 1e5).round() / 1e5));
    }

    fn unit(&self, line: &mut Map<String, Value>, id: UnitIx) {
        let u = &self.scn.units[id as usize];
        line.insert("unit".into(), json!(u.key));
        line.insert(
            "formation".into(),
            json!(self.scn.formations[u.formation].key),
        );
        line.insert("side".into(), json!(u.side.key()));
        if let Some(h) = self.at[id as usize] {
            self.hex(line, h);
        }
    }

    fn amounts(line: &mut Map<String, Value>, prefix: &str, c: [u64; 4]) {
        for (name, n) in COUNT_NAMES.iter().zip(c) {
            line.insert(format!("{prefix}{name}"), json!(n));
        }
    }

    fn side(line: &mut Map<String, Value>, side: Side) {
        line.insert("side".into(), json!(side.key()));
    }

    fn fields(&mut self, e: &SimEvent, line: &mut Map<String, Value>) {
        use SimEvent::*;
        let scn = self.scn;
        let keys = |ids: &[UnitIx]| -> Vec<&str> {
            ids.iter()
                .map(|&i| scn.units[i as usize].key.as_str())
                .collect()
        };
        match e {
            Deployed { unit, hex } | Arrived { unit, hex } => {
                self.at[*unit as usize] = Some(*hex);
                self.unit(line, *unit);
                let u = &scn.units[*unit as usize];
                Self::amounts(line, "", counts(scn, u.men, &u.equipment));
            }
            BridgeChanged { bridge, stands } => {
                let b = &scn.bridges[*bridge];
                line.insert("bridge".into(), json!(b.name));
                line.insert("capacity".into(), json!(b.capacity));
                line.insert("stands".into(), json!(stands));
                self.hex(line, b.hex);
            }
            AirfieldRaid {
                side,
                air,
                destroyed,
            } => {
                Self::side(line, *side);
                line.insert("air".into(), json!(air));
                let lost: Vec<(usize, u32)> = destroyed
                    .iter()
                    .map(|&(i, n)| (scn.air_units[i].aircraft, n))
                    .collect();
                let n: u32 = lost.iter().map(|l| l.1).sum();
                line.insert("aircraft".into(), json!(n));
                line.insert("by_type".into(), by_type(scn, std::iter::once(&lost[..])));
            }
            AirBattle { losses, .. } => {
                for side in [Side::Soviet, Side::Japanese] {
                    let mine: Vec<(usize, u32)> = losses
                        .iter()
                        .filter(|(i, _)| scn.air_units[*i].side == side)
                        .map(|&(i, n)| (scn.air_units[i].aircraft, n))
                        .collect();
                    let n: u32 = mine.iter().map(|m| m.1).sum();
                    line.insert(format!("{}_aircraft", side.key()), json!(n));
                    line.insert(
                        format!("{}_by_type", side.key()),
                        by_type(scn, std::iter::once(&mine[..])),
                    );
                }
            }
            TurnStarted { night, air, .. } => {
                line.insert("night".into(), json!(night));
                line.insert("air_soviet".into(), json!(air[0]));
                line.insert("air_japanese".into(), json!(air[1]));
            }
            SideToMove { side } | SideTurnEnded { side } => Self::side(line, *side),
            Moved {
                unit, from, hours, ..
            } => {
                let (c, r) = scn.map.grid(*from);
                line.insert("from".into(), json!([c, r]));
                line.insert("hours".into(), json!(hours));
                self.moved(e, *unit, line);
            }
            Retreated { unit, from, .. } => {
                let (c, r) = scn.map.grid(*from);
                line.insert("from".into(), json!([c, r]));
                self.moved(e, *unit, line);
            }
            Advanced { unit, .. } => self.moved(e, *unit, line),
            Contact { unit, hex, ordered } => {
                self.unit(line, *unit);
                self.hex(line, *hex);
                let (c, r) = scn.map.grid(*ordered);
                line.insert("ordered".into(), json!([c, r]));
            }
            Sighted {
                side,
                seen,
                lost,
                gone,
            } => {
                Self::side(line, *side);
                let seen: Vec<_> = seen
                    .iter()
                    .map(|&(u, h)| json!([scn.units[u as usize].key, scn.map.grid(h)]))
                    .collect();
                line.insert("seen".into(), json!(seen));
                line.insert("lost".into(), json!(keys(lost)));
                line.insert("gone".into(), json!(keys(gone)));
            }
            OrderRejected {
                side,
                order,
                reason,
            } => {
                Self::side(line, *side);
                match order {
                    Order::Move { unit, to } => {
                        line.insert("unit".into(), json!(scn.units[*unit as usize].key));
                        self.hex(line, *to);
                    }
                    Order::Attack { units, target } => {
                        line.insert("attackers".into(), json!(keys(units)));
                        self.hex(line, *target);
                    }
                    Order::Bombard { unit, target } => {
                        line.insert("unit".into(), json!(scn.units[*unit as usize].key));
                        self.hex(line, *target);
                    }
                    Order::RaidAirfields => {
                        line.insert("order".into(), json!("raid_airfields"));
                    }
                }
                line.insert("reason".into(), json!(reason));
            }
            Combat {
                side,
                attackers,
                defenders,
                target,
                odds,
                attacker_losses,
                defender_losses,
                defender_retreats,
                wrecks,
                ..
            } => {
                Self::side(line, *side);
                self.hex(line, *target);
                line.insert("odds".into(), json!(odds));
                line.insert("attackers".into(), json!(keys(attackers)));
                line.insert("defenders".into(), json!(keys(defenders)));
                line.insert("defender_retreats".into(), json!(defender_retreats));
                Self::amounts(line, "attacker_", sum(scn, attacker_losses));
                Self::amounts(line, "defender_", sum(scn, defender_losses));
                let lists = |l: &'_ [UnitLoss]| by_type(scn, l.iter().map(|x| &x.equipment[..]));
                line.insert("attacker_by_type".into(), lists(attacker_losses));
                line.insert("defender_by_type".into(), lists(defender_losses));
                if !wrecks.is_empty() {
                    let w: Vec<(usize, u32)> = wrecks.iter().map(|&(_, e, n)| (e, n)).collect();
                    line.insert("knocked_out".into(), by_type(scn, std::iter::once(&w[..])));
                }
            }
            Bombarded {
                side,
                unit,
                target,
                fire,
                targets,
                losses,
                ..
            } => {
                Self::side(line, *side);
                self.hex(line, *target);
                line.insert("unit".into(), json!(scn.units[*unit as usize].key));
                line.insert("fire".into(), json!(fire));
                line.insert("defenders".into(), json!(keys(targets)));
                Self::amounts(line, "defender_", sum(scn, losses));
                line.insert(
                    "defender_by_type".into(),
                    by_type(scn, losses.iter().map(|x| &x.equipment[..])),
                );
            }
            Taken { hex, by } => {
                Self::side(line, *by);
                self.hex(line, *hex);
            }
            Routed { unit, loss } | Surrendered { unit, loss, .. } | Destroyed { unit, loss } => {
                self.unit(line, *unit);
                Self::amounts(line, "", counts(scn, loss.men, &loss.equipment));
                line.insert(
                    "by_type".into(),
                    by_type(scn, std::iter::once(&loss.equipment[..])),
                );
                if let Surrendered { captured, .. } = e {
                    line.insert("prisoners".into(), json!(captured));
                }
                if matches!(e, Surrendered { .. } | Destroyed { .. }) {
                    self.at[*unit as usize] = None;
                }
            }
            Attrition { unit, men } => {
                self.unit(line, *unit);
                Self::amounts(line, "", [*men as u64, 0, 0, 0]);
            }
            Withdrawn { unit } => {
                self.unit(line, *unit);
                self.at[*unit as usize] = None;
            }
            SupplyCut { unit } => self.unit(line, *unit),
            Recovered {
                unit, equipment, ..
            } => {
                self.unit(line, *unit);
                Self::amounts(line, "", counts(scn, 0, equipment));
                line.insert(
                    "by_type".into(),
                    by_type(scn, std::iter::once(&equipment[..])),
                );
            }
            WrecksLost { side, hex, wrecks } => {
                Self::side(line, *side);
                self.hex(line, *hex);
                let w: Vec<(usize, u32)> = wrecks.iter().map(|&(_, e, n)| (e, n)).collect();
                Self::amounts(line, "", counts(scn, 0, &w));
                line.insert("by_type".into(), by_type(scn, std::iter::once(&w[..])));
            }
            SupplyTraced { cut } => {
                line.insert("units_cut".into(), json!(cut.len()));
            }
            Rested => {}
            FormationEncircled {
                formation, side, ..
            } => {
                line.insert("formation".into(), json!(formation));
                Self::side(line, *side);
            }
            FormationRelieved { formation, .. } => {
                line.insert("formation".into(), json!(formation));
            }
            ObjectiveTaken {
                objective,
                name,
                by,
                ..
            } => {
                line.insert("objective".into(), json!(name));
                line.insert("holder".into(), json!(by.key()));
                self.hex(line, scn.objectives[*objective].hex);
            }
            GameOver {
                winner,
                soviet_points,
                ..
            } => {
                line.insert("winner".into(), json!(winner.map_or("draw", Side::key)));
                line.insert("soviet_points".into(), json!(soviet_points));
            }
        }
    }

    /// A unit that changed hex: its new place.
    fn moved(&mut self, e: &SimEvent, unit: UnitIx, line: &mut Map<String, Value>) {
        if let SimEvent::Moved { to, .. }
        | SimEvent::Retreated { to, .. }
        | SimEvent::Advanced { to, .. } = e
        {
            self.at[unit as usize] = Some(*to);
        }
        self.unit(line, unit);
    }
}
