//! A scenario file under `scenarios/`: which map and data, the dates, both orders of battle,
//! reinforcements, air support, each side's historical plan, victory conditions and the historical record.

use super::{GeoPoint, Side, Stamp};
use serde::Deserialize;

/// Where something stands: a named place of the map, a hex (column, row), or a point on the ground.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Location {
    Place(String),
    Hex(i32, i32),
    At(GeoPoint),
}

/// A bridge over a major river: where, of which kind, and from when to when it stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BridgeSetup {
    pub name: String,
    /// A point near the river (the nearest major-river hex side within 2 hexes is bridged).
    pub at: Location,
    /// A key of `rules.bridge_capacities`.
    pub capacity: String,
    /// When it is first usable (absent: from the start).
    #[serde(default)]
    pub built: Option<Stamp>,
    /// When it is blown or taken up (absent: it stands to the end).
    #[serde(default)]
    pub removed: Option<Stamp>,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFiles {
    pub equipment: String,
    pub unit_types: String,
    pub terrain: String,
    pub rules: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideSetup {
    pub name: String,
    /// Supply sources: hexes from which supply is traced (railheads, depots, the map edge behind the side).
    pub supply_sources: Vec<Location>,
    /// Whether this side trained for and favoured night attacks (the Japanese did, §f).
    #[serde(default)]
    pub night_attack_doctrine: bool,
    /// Which side moves first each turn is the one listed with `initiative: true`.
    #[serde(default)]
    pub initiative: bool,
    /// Share (0–1) of the men of one of this side's units that surrenders who are taken prisoner;
    /// the rest were killed or died fighting on (Japanese units seldom surrendered, §f).
    #[serde(default = "all_captured")]
    pub captured_share: f32,
    /// Whether the side's attacks that join infantry, armour and artillery get
    /// `combat.combined_arms` (the Soviet side had not learnt it in July, §f1).
    #[serde(default = "yes")]
    pub combined_arms: bool,
    /// The ammunition of the side's artillery, in fires (one fire is what a unit's guns shoot in
    /// one combat phase, supporting a combat or bombarding).
    #[serde(default)]
    pub ammunition: Ammunition,
    /// From this date on the side may not raid the enemy's airfields (Tokyo's order of 29 June
    /// 1939 to the Kwantung Army, history §b2); `None`: raids allowed.
    #[serde(default)]
    pub no_airfield_raids: Option<RaidBan>,
}

/// A prohibition of airfield raids: from when, and by whose order (shown when a raid is refused).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaidBan {
    pub from: Stamp,
    pub by: String,
}

/// A side's ammunition, in fires: what each unit carries (and starts with), and what comes up
/// each turn along the supply lines to a unit in supply.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ammunition {
    /// Fires a unit holds at most, and has on arrival.
    pub carried: f32,
    /// Fires that reach each unit in supply per turn (none out of supply).
    pub per_turn: f32,
}

/// Enough for a gun to fire in both combat phases of every turn in supply.
impl Default for Ammunition {
    fn default() -> Self {
        Ammunition {
            carried: 2.0,
            per_turn: 2.0,
        }
    }
}

fn yes() -> bool {
    true
}

/// Fog of war in a scenario (`sim/rules/sight.rs`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FogSetup {
    /// `false`: both sides and their computer players see every unit (`--no-fog` does the same).
    #[serde(default = "yes")]
    pub on: bool,
    /// Sides that know where every enemy unit stands when the game begins (shown where last seen
    /// until their units see them): a front reconnoitred for weeks.
    #[serde(default)]
    pub known_at_start: Vec<Side>,
}

impl Default for FogSetup {
    fn default() -> Self {
        FogSetup {
            on: true,
            known_at_start: Vec::new(),
        }
    }
}

fn all_captured() -> f32 {
    1.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    pub id: String,
    pub name: String,
    pub side: Side,
    /// The formation this one belongs to (e.g. a regiment's division).
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSetup {
    pub id: String,
    pub name: String,
    pub formation: String,
    /// A key of `unit_types.ron`.
    pub kind: String,
    pub at: Location,
    pub men: u32,
    /// (equipment key, count) pairs.
    #[serde(default)]
    pub equipment: Vec<(String, u32)>,
    /// 0–100: 50 is a trained regular unit, 70+ a veteran one.
    #[serde(default = "fifty")]
    pub experience: u8,
    /// 0–100.
    #[serde(default = "hundred")]
    pub cohesion: u8,
    /// Entrenchment level at start.
    #[serde(default)]
    pub entrenchment: u8,
    /// Arrives on the map at this date (a reinforcement); absent = on the map at the start.
    #[serde(default)]
    pub arrives: Option<Stamp>,
    /// Leaves the map at this date.
    #[serde(default)]
    pub withdraws: Option<Stamp>,
    /// The size mark on its counter when it differs from its unit type's (a detachment, a
    /// brigade organised as a regiment); `None`: the type's `echelon`.
    #[serde(default)]
    pub echelon: Option<super::rules::Echelon>,
}

fn fifty() -> u8 {
    50
}
fn hundred() -> u8 {
    100
}

/// Air support a side can call on in day turns between two dates: strength points per day turn,
/// on the same scale as ground firepower.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirSupport {
    pub side: Side,
    pub from: Stamp,
    pub until: Stamp,
    pub strength: f32,
    #[serde(default)]
    pub note: String,
}

/// An air regiment or group: its aircraft of one type, in the battle between two dates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirUnit {
    pub side: Side,
    pub name: String,
    /// Aircraft type: an equipment id of class Fighter, Bomber or Reconnaissance.
    pub aircraft: String,
    pub count: u32,
    pub from: Stamp,
    pub until: Stamp,
    /// Pilots' skill: multiplies the aircraft's `air_combat` (the Japanese edge of May–June).
    #[serde(default = "one")]
    pub pilots: f32,
    #[serde(default)]
    pub source: String,
}

fn one() -> f32 {
    1.0
}

/// What a group of units does in the historical plan, between two dates.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Task {
    /// Push towards the place, attacking enemies in the way.
    Attack(Location),
    /// Move to the place, attacking only if blocked.
    Advance(Location),
    /// Stay at (or go to) the place, dig in, counter-attack adjacent enemies at good odds.
    Hold(Location),
    /// Artillery: stay at (or go to) the place, as `Hold`, and fire on the enemy's guns in range
    /// each turn (keeping `computer.bombard_ammo_reserve`) rather than keep them for attacks.
    CounterBattery(Location),
    /// Form a line from the first place to the second: the step's units take posts evenly spaced
    /// along it (in unit-id order) and hold them, so their zones of control bar the way.
    Screen(Location, Location),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub side: Side,
    /// Formation ids and/or unit ids the step applies to.
    pub units: Vec<String>,
    pub from: Stamp,
    pub until: Stamp,
    pub task: Task,
    /// With an `Attack` task: units that cannot get closer to the target (the way barred or every
    /// hex on it full) attack the enemy they can reach nearest the target instead of waiting (an
    /// attack off the march, as at Bain-Tsagan on 3 July).
    #[serde(default)]
    pub off_the_march: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub name: String,
    pub at: Location,
    pub points: u32,
    /// The side holding it at the start.
    pub holder: Side,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationGoal {
    /// Formation id.
    pub formation: String,
    /// Points to the enemy of the formation's side when it is encircled or destroyed at the end.
    pub points: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Victory {
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub formations: Vec<FormationGoal>,
    /// Soviet points (objectives held + formation goals) at the end needed for a Soviet victory.
    pub soviet_wins_at: u32,
    /// Soviet points at or below which the Japanese side wins; between the two is a draw.
    pub japanese_wins_at: u32,
    /// Points per 1,000 men lost by the enemy (attrition counts too).
    #[serde(default)]
    pub points_per_1000_enemy_men: f32,
}

/// A recorded quantity with its range and source.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub low: f64,
    pub high: f64,
    pub source: String,
}

#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideLosses {
    pub men: Recorded,
    pub tanks: Recorded,
    pub armored_cars: Recorded,
    pub guns: Recorded,
    /// Men of the side taken prisoner, where the record has a figure.
    #[serde(default)]
    pub prisoners: Option<Recorded>,
    /// Aircraft lost (compared only when given).
    #[serde(default)]
    pub aircraft: Option<Recorded>,
}

#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoricalEvent {
    pub date: Stamp,
    pub what: String,
    pub source: String,
}

/// What really happened, for comparison with simulated outcomes.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Historical {
    pub winner: Side,
    /// The formation whose encirclement is "the pocket" (its id); `pocket_closed` is when that
    /// happened. Without it, reports have no pocket measure.
    #[serde(default)]
    pub pocket: Option<String>,
    /// When the ring around the pocket formation closed (needed with `pocket`).
    #[serde(default)]
    pub pocket_closed: Option<Stamp>,
    pub end_of_fighting: Stamp,
    pub soviet_losses: SideLosses,
    pub japanese_losses: SideLosses,
    pub events: Vec<HistoricalEvent>,
    /// Who held each objective at the end.
    pub objectives_at_end: Vec<(String, Side)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Map file, relative to the scenario file.
    pub map: String,
    /// The part of the map's grid the scenario is played on (absent: the whole map).
    #[serde(default)]
    pub map_window: Option<super::MapWindow>,
    /// Data files, relative to the scenario file.
    pub data: DataFiles,
    pub start: Stamp,
    pub end: Stamp,
    /// Length of one turn, hours.
    pub turn_hours: u32,
    pub soviet: SideSetup,
    pub japanese: SideSetup,
    pub formations: Vec<Formation>,
    pub units: Vec<UnitSetup>,
    #[serde(default)]
    pub air: Vec<AirSupport>,
    /// The air war in aircraft: each side's air regiments by type and date.
    #[serde(default)]
    pub air_units: Vec<AirUnit>,
    #[serde(default)]
    pub plan: Vec<PlanStep>,
    /// Bridges over the major rivers, with the dates they stand.
    #[serde(default)]
    pub bridges: Vec<BridgeSetup>,
    /// Fog of war (absent: on, and neither side knows where the enemy stands beyond what it sees).
    #[serde(default)]
    pub fog: FogSetup,
    pub victory: Victory,
    pub historical: Historical,
}
