//! `assets/data/unit_types.ron`, `assets/data/terrain.ron` and `assets/data/rules.ron`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// How a unit moves; every terrain gives a cost per mobility class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Mobility {
    Foot,
    Horse,
    Motorised,
    Tracked,
}

impl Mobility {
    /// Vehicles cannot cross a major river except at a bridge.
    pub fn is_vehicle(self) -> bool {
        matches!(self, Mobility::Motorised | Mobility::Tracked)
    }
}

/// The arm of service, for counters and for the combined-arms rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Branch {
    Infantry,
    Cavalry,
    Armor,
    MotorisedInfantry,
    Artillery,
    AntiTank,
    Engineer,
    Headquarters,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitTypeSpec {
    pub name: String,
    pub branch: Branch,
    pub mobility: Mobility,
    /// Stacking points the unit uses in a hex.
    pub stacking: u32,
    /// Movement allowance per turn, in hours of movement (terrain costs are hours per hex).
    pub move_hours: f32,
    /// Whether the unit exerts a zone of control.
    #[serde(default = "yes")]
    pub zoc: bool,
    /// Whether the unit may lead an attack from an adjacent hex (artillery supports instead).
    #[serde(default = "yes")]
    pub can_attack: bool,
    /// Whether the unit may cross a major river away from a bridge (foot and horse only, as the
    /// first step of a turn): horse-drawn guns may not.
    #[serde(default = "yes")]
    pub swims: bool,
    /// The size mark drawn above the counter (absent: none).
    #[serde(default)]
    pub echelon: Option<Echelon>,
}

/// A unit's size, drawn above its counter as NATO marks: company I, battalion II, regiment III,
/// brigade X, division XX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Echelon {
    Company,
    Battalion,
    Regiment,
    Brigade,
    Division,
}

impl Echelon {
    /// The mark: (strokes, crosses).
    pub fn marks(self) -> (u8, u8) {
        match self {
            Echelon::Company => (1, 0),
            Echelon::Battalion => (2, 0),
            Echelon::Regiment => (3, 0),
            Echelon::Brigade => (0, 1),
            Echelon::Division => (0, 2),
        }
    }

    /// The word for a unit of this size: "company", "battalion", …
    pub fn word(self) -> &'static str {
        match self {
            Echelon::Company => "company",
            Echelon::Battalion => "battalion",
            Echelon::Regiment => "regiment",
            Echelon::Brigade => "brigade",
            Echelon::Division => "division",
        }
    }

    /// A unit type's name told for a unit of size `own` where the type is of size `of_type`: the
    /// size word in the name changed ("Engineer battalion" for a company: "Engineer company").
    pub fn named(type_name: &str, of_type: Option<Echelon>, own: Option<Echelon>) -> String {
        match (of_type, own) {
            (Some(t), Some(o)) if t != o && type_name.contains(t.word()) => {
                type_name.replacen(t.word(), o.word(), 1)
            }
            _ => type_name.to_string(),
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitTypeFile {
    pub types: BTreeMap<String, UnitTypeSpec>,
}

/// Movement cost in hours per 1 km hex for each mobility class; `None` means impassable.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveCost {
    pub foot: Option<f32>,
    pub horse: Option<f32>,
    pub motorised: Option<f32>,
    pub tracked: Option<f32>,
}

impl MoveCost {
    pub fn get(&self, m: super::Mobility) -> Option<f32> {
        match m {
            super::Mobility::Foot => self.foot,
            super::Mobility::Horse => self.horse,
            super::Mobility::Motorised => self.motorised,
            super::Mobility::Tracked => self.tracked,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerrainSpec {
    pub name: String,
    pub cost: MoveCost,
    /// Multiplier on the defender's strength (1.0 = open steppe).
    pub defence: f32,
    /// Multiplier on the effect of armour attacking into this terrain.
    pub armor_attack: f32,
    /// Dunes and sand hills: infantry close-assault armour with petrol bombs and mines.
    #[serde(default)]
    pub close_assault: bool,
    /// Deepest entrenchment level units can dig here.
    pub max_entrenchment: u8,
    /// Colour for the map view, `#rrggbb`.
    #[serde(default)]
    pub colour: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerrainFile {
    pub terrain: BTreeMap<String, TerrainSpec>,
}

/// Numbers of the rules that are not tied to one unit, terrain or weapon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Stacking points allowed per hex.
    pub stacking_limit: u32,
    /// Extra hours to cross a minor river hex side; a major river takes the whole allowance
    /// and is closed to vehicles except at a bridge.
    pub minor_river_hours: f32,
    /// Movement cost in hours per hex along a track, by mobility (replaces the terrain cost).
    pub track_cost: MoveCost,
    /// Hours of the day that count as night (local time), e.g. [20, 21, ..., 4].
    pub night_hours: Vec<u8>,
    pub combat: CombatRules,
    pub supply: SupplyRules,
    /// Bombardment, observation and ammunition.
    pub artillery: ArtilleryRules,
    /// Vehicles knocked out rather than destroyed, and their recovery.
    pub recovery: RecoveryRules,
    /// The air war in aircraft.
    pub air_war: AirWarRules,
    /// Fog of war: what each side's units and aircraft see of the enemy.
    pub sight: SightRules,
    /// Defence multiplier per entrenchment level: defence × (1 + level × this).
    pub entrenchment_bonus: f32,
    /// Fatigue (0–100) gained per hour moved, lost per turn of rest.
    pub fatigue_per_move_hour: f32,
    pub fatigue_recovery: f32,
    /// Cohesion regained per turn at rest in supply.
    pub cohesion_recovery: f32,
    /// Men below which a unit is no longer a fighting unit and is removed from play (destroyed).
    pub min_men: u32,
    /// Hexes from its arrival hex within which a reinforcement may enter when that hex is full or
    /// held by the enemy (the nearest free hex is taken).
    pub arrival_radius: u32,
    /// Share of the air points a side has left in a turn that each of its attacks gets (spent only
    /// if the attack happens).
    pub air_share_per_attack: f32,
    /// How the computer players choose their orders.
    pub computer: ComputerRules,
    /// Kinds of bridge a scenario may put on a major river, by name (`"foot"`, `"all"`).
    pub bridge_capacities: BTreeMap<String, BridgeCapacity>,
}

/// Artillery as a weapon system (`sim/rules/bombardment.rs`, `observation.rs`): fire on a hex
/// without an attack, who sees the hex, and the ammunition the guns spend.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtilleryRules {
    /// Distance, km, at which a unit observes a hex at its own height.
    pub observe_km: f32,
    /// Extra km of observation for each 10 m the observer stands above the hex.
    pub observe_km_per_10m: f32,
    /// Farthest a unit on the ground observes, km.
    pub observe_max_km: f32,
    /// Fire multiplier when no unit on the ground observes the hex and the side's aircraft do
    /// (by day, with air points left this turn).
    pub air_observed: f32,
    /// Men lost per point of observed fire on a hex in the open (divided by the hex's terrain
    /// defence and entrenchment).
    pub men_per_fire: f32,
    /// Guns, anti-tank guns and mortars lost per point of observed fire, likewise.
    pub guns_per_fire: f32,
    /// Largest share of a unit's men, and of its guns, that one bombardment destroys.
    pub max_loss: f32,
}

/// Fog of war (`sim/rules/sight.rs`): what a side sees of the enemy's units. By day a unit sees
/// what it could direct fire on (`artillery.observe_km` and its height bonus); every unit sees the
/// hexes next to it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SightRules {
    /// Distance, km, within which a unit sees enemy units at night.
    pub night_km: f32,
    /// By day, when the side has air points at the start of the turn, its reconnaissance aircraft
    /// see enemy units within this many km of any of its units.
    pub air_km: f32,
}

/// The air war in aircraft (`sim/rules/air_war.rs`): each day turn the fighters of both sides
/// fight for the air; the side's share of the fighter strength decides what each side loses and
/// how much of its bombing gets through.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirWarRules {
    /// Share of its fighters a side loses in a day turn at even fighter strength (twice this when
    /// it has none of the strength, nothing when it has all).
    pub fighter_loss: f32,
    /// The same for bombers and reconnaissance aircraft over the battlefield.
    pub bomber_loss: f32,
    /// Air points of a side's aircraft are × (`contested` + its share of the fighter strength).
    pub contested: f32,
    /// How steeply losses follow the air lost: × (2 (1 − share))^exponent.
    pub exponent: f32,
    /// Enemy aircraft destroyed on the ground per air point a raid on his airfields spends.
    pub raid_kill: f32,
}

/// Knocked-out vehicles and their recovery (`sim/rules/recovery.rs`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryRules {
    /// Share of the tanks and armoured cars lost in a combat that are knocked out (recoverable)
    /// rather than destroyed.
    pub knocked_out_share: f32,
    /// Hour of the day (local) at whose turn wrecks are recovered where the side holds the ground.
    pub hour: u8,
    /// Hexes from a wreck within which a unit of its side holds the ground.
    pub radius: u32,
}

/// What a bridge of one kind carries, and what crossing it costs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BridgeCapacity {
    /// The mobility classes that may cross it.
    pub carries: Vec<Mobility>,
    /// Whether supply is traced across it (by truck, or carried by hand over a foot bridge).
    pub supply: bool,
    /// Hours added to the step across it (a narrow pontoon is slow).
    pub hours: f32,
}

/// Numbers of the computer players (the historical plan and the free opponent). They decide what
/// the computer orders, never whether an order is legal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputerRules {
    /// Lowest odds (combat preview) at which the historical plan attacks.
    pub min_odds_plan: f32,
    /// The same for the free computer opponent.
    pub min_odds_ai: f32,
    /// Units not ordered to attack (holding, advancing) attack only at this multiple of the
    /// minimum odds.
    pub reluctant_odds_factor: f32,
    /// Hexes within which a plan unit with a `Hold` or `Screen` task counts as holding its place.
    pub plan_hold_radius: u32,
    /// Minutes a distance field counts for crossing an unbridged major river on foot or horse.
    pub river_crossing_minutes: u32,
    /// Men sent to meet a threat to a held objective per enemy man making it.
    pub response_ratio: u32,
    /// Longest march, in minutes, a unit makes to meet a threat.
    pub response_minutes: u32,
    /// Enemy units this many hexes or closer to an objective the side holds threaten it.
    pub threat_radius: u32,
    /// Men the free opponent sends against an objective per enemy man guarding it before the next
    /// objective gets any.
    pub outnumber: u32,
    /// Extra minutes a route round the enemy counts for each enemy zone-of-control hex it enters
    /// (at most `zoc_detour_cap_minutes`).
    pub zoc_detour_minutes: u32,
    pub zoc_detour_cap_minutes: u32,
    /// Blocking posts behind the enemy's front stand at least and at most this many hexes from the
    /// nearest enemy unit.
    pub cut_depth: (u32, u32),
    /// Fires of ammunition an artillery unit keeps for supporting combats; it bombards only with
    /// more than this left.
    pub bombard_ammo_reserve: f32,
    /// Whether artillery bombards hexes that hold no guns (troops), or only the enemy's guns.
    pub bombard_troops: bool,
    /// By night, a side with the night-attack doctrine attacks at this multiple of `min_odds_ai`.
    pub night_odds_factor: f32,
    /// The free opponent raids the enemy's airfields (where allowed) when the enemy has at least
    /// this many aircraft for each of its own.
    pub raid_when_outnumbered: f32,
    /// An enemy unit's flank is exposed when at most this many of the hexes next to it hold units
    /// of its side (an isolated unit, the end of a line, a spearhead).
    pub strike_support: u32,
    /// The free opponent strikes an exposed enemy hex only with at least this many men per enemy
    /// man in it ...
    pub strike_ratio: u32,
    /// ... from units at most this many minutes of movement from it.
    pub strike_minutes: u32,
    /// A side with the night-attack doctrine strikes exposed flanks only by night.
    pub strike_by_night_if_trained: bool,
    /// The random baseline moves each unit, and attacks each enemy hex it touches, with this chance.
    pub random_chance: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CombatRules {
    /// Fraction of the defender's men lost in a turn of combat at 1:1 odds in the open.
    pub base_loss: f32,
    /// How steeply losses follow the odds: loss ∝ odds^exponent.
    pub odds_exponent: f32,
    /// Random spread: each side's loss is multiplied by a factor uniform in [1-spread, 1+spread].
    pub spread: f32,
    /// Multiplier on the attacker's loss fraction: attackers in the open take more than defenders in
    /// position at the same odds.
    pub attacker_loss: f32,
    /// Share of tanks lost per share of men lost, against strong anti-armour fire (saturating:
    /// `rate × hard / (hard + 20)` where `hard` is the enemy's hard-attack fire).
    pub armor_loss_rate: f32,
    /// Hard cap on the fraction of a side's men lost in one combat.
    pub max_loss: f32,
    /// Cohesion lost per 1% of men lost.
    pub cohesion_per_loss_pct: f32,
    /// Defender retreats when its cohesion falls below this, or its losses pass `retreat_loss`.
    pub retreat_cohesion: f32,
    pub retreat_loss: f32,
    /// A retreating unit whose cohesion falls below this routs (loses a fifth of its men and half its
    /// heavy weapons); one that must retreat with nowhere to go surrenders.
    pub rout_cohesion: f32,
    /// Multiplier on an attack made at night by a side with the night-attack doctrine.
    pub night_attack_doctrine: f32,
    /// Multiplier on an attack made at night by a side without it.
    pub night_attack_other: f32,
    /// Multiplier on an attack across a river hex side (minor, major).
    pub across_minor_river: f32,
    pub across_major_river: f32,
    /// Attack multiplier when infantry, armour and artillery all take part.
    pub combined_arms: f32,
    /// Vehicles that attack without infantry into defending infantry in close-assault terrain or
    /// dug in lose this extra share of each kind (petrol engines; see `sim::rules::close_combat`).
    pub close_assault_armor_loss: f32,
    /// Entrenchment level of the defenders at or above which close assault needs no cover of ground.
    pub close_assault_entrenchment: u8,
    /// Share of `close_assault_armor_loss` a diesel-engined vehicle suffers.
    pub close_assault_diesel_factor: f32,
    /// Extra share of the defenders' guns and mortars overrun by a night attack with vehicles that
    /// breaks in (times the defenders' loss fraction over `retreat_loss`, at most 1).
    pub night_overrun_gun_loss: f32,
    /// Defender bonus per 10 m the defender stands above the attacker (fraction).
    pub elevation_per_10m: f32,
    /// Share of a firing piece's strength that artillery in range adds to a combat.
    pub artillery_support: f32,
    /// Multiplier on strength when out of supply (first turns; then falls by `supply.strength_decay`).
    pub out_of_supply: f32,
    /// Cohesion a unit loses when it retreats.
    pub retreat_cohesion_cost: f32,
    /// A routing unit loses this share of its men (rounded down) as stragglers and prisoners…
    pub rout_men_lost: f32,
    /// …and this share of each kind of its guns, mortars and machine guns (rounded down), abandoned.
    pub rout_heavy_weapons_lost: f32,
    /// Odds are held within this range when losses are worked out (the preview shows them unheld).
    pub odds_range: (f32, f32),
    /// Men one tank or armoured car counts for when the share of armour in a force is weighed.
    pub armor_men_equivalent: f32,
    /// Enemy hard-attack fire at which armour losses reach half of `armor_loss_rate`.
    pub armor_loss_saturation: f32,
    /// Armoured cars are lost this many times as fast as tanks (at most all of them).
    pub armored_car_loss_factor: f32,
    /// Field guns, anti-tank guns and mortars are lost at this multiple of the rate of men.
    pub gun_loss_factor: f32,
    /// Machine guns are lost at this multiple of the rate of men.
    pub machine_gun_loss_factor: f32,
    /// How experience, cohesion and fatigue scale a unit's fire.
    pub quality: QualityRules,
}

/// A unit's fire is multiplied by
/// `(experience.0 + experience.1 × experience/100) × (cohesion.0 + cohesion.1 × cohesion/100)
/// × (1 − fatigue_penalty × fatigue/100)`, cohesion and fatigue held within 0–100.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityRules {
    pub experience: (f32, f32),
    pub cohesion: (f32, f32),
    pub fatigue_penalty: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyRules {
    /// Longest supply line, in hours of motorised movement from a source.
    pub max_trace_hours: f32,
    /// Turns out of supply before a unit counts as encircled.
    pub encircled_after_turns: u32,
    /// Fraction of men lost per turn while encircled.
    pub attrition: f32,
    /// Cohesion lost per turn while out of supply.
    pub cohesion_loss: f32,
    /// Strength multiplier lost per turn out of supply, down to `min_strength`.
    pub strength_decay: f32,
    pub min_strength: f32,
    /// Chance per turn that an encircled unit at or below `surrender_cohesion` surrenders.
    pub surrender_chance: f32,
    pub surrender_cohesion: f32,
    /// A formation counts as encircled when this share of its men is cut off.
    pub formation_encircled_share: f32,
}

#[cfg(test)]
mod echelon_tests {
    use super::Echelon;

    #[test]
    fn a_type_is_named_for_the_units_own_size() {
        let (b, c) = (Some(Echelon::Battalion), Some(Echelon::Company));
        assert_eq!(
            Echelon::named("Engineer battalion", b, c),
            "Engineer company"
        );
        assert_eq!(
            Echelon::named("Engineer battalion", b, b),
            "Engineer battalion"
        );
        assert_eq!(
            Echelon::named("Engineer battalion", b, None),
            "Engineer battalion"
        );
        // A name without the size word is left as it is.
        assert_eq!(Echelon::named("Sappers", b, c), "Sappers");
        assert_eq!(Echelon::named("", b, c), "");
    }
}
