//! A campaign file under `campaigns/`: battles (scenarios) played in order, the campaign points
//! each is worth, where a battle's result leads, and how the strength a unit ends one battle with
//! reaches the next.

use super::Side;
use serde::{Deserialize, Serialize};

/// A linked campaign.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignFile {
    /// 1–64 lower-case letters, digits, `_` or `-`: names the player's progress file.
    pub id: String,
    pub name: String,
    pub description: String,
    /// The battles, in the order they are fought (1 to 64). The first is played first; after
    /// each, the campaign goes on to the next one in the list unless a `next` branch says
    /// otherwise.
    pub battles: Vec<BattleEntry>,
    /// How the strength a unit ends a battle with reaches its next battle (absent: nothing
    /// carries, each battle starts as its scenario says).
    #[serde(default)]
    pub carry: CarryRules,
    pub victory: CampaignVictory,
    /// Who won each battle in history, for the comparison after the campaign.
    #[serde(default)]
    pub historical: Option<CampaignHistorical>,
}

/// One battle of a campaign.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BattleEntry {
    /// 1–64 lower-case letters, digits, `_` or `-`, unique in the campaign.
    pub id: String,
    /// The scenario file: relative to the campaign file, or `game:PATH` in the game's folder.
    pub scenario: String,
    /// Campaign points the battle's winner earns (0–1000); a draw gives each side half.
    pub points: u32,
    /// What happened since the battle before, told before this one starts.
    #[serde(default)]
    pub before: String,
    /// Where the campaign goes after this battle, by its result (results not listed: the next
    /// battle in the list; after the last, the end).
    #[serde(default)]
    pub next: Vec<NextBattle>,
    /// Units of this battle that are units of earlier battles under another id: (the id in an
    /// earlier battle, the id in this one). Units with the same id in two battles are the same
    /// unit without being listed. A unit of this battle named with several earlier units (a
    /// remnant formed of them) stands as their mean; an earlier unit may be named with several.
    #[serde(default)]
    pub same_units: Vec<(String, String)>,
    /// The campaign's `carry` rules for the strength reaching this battle, changed (absent: the
    /// campaign's).
    #[serde(default)]
    pub carry: Option<CarryRules>,
}

/// A battle's result, as a branch names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BattleResult {
    /// A Soviet victory.
    Soviet,
    /// A Japanese victory.
    Japanese,
    Draw,
}

impl BattleResult {
    /// The result of a battle won by `winner` (`None`: a draw).
    pub fn of(winner: Option<Side>) -> BattleResult {
        match winner {
            Some(Side::Soviet) => BattleResult::Soviet,
            Some(Side::Japanese) => BattleResult::Japanese,
            None => BattleResult::Draw,
        }
    }

    /// "Soviet victory", "Japanese victory", "draw".
    pub fn told(self) -> &'static str {
        match self {
            BattleResult::Soviet => "Soviet victory",
            BattleResult::Japanese => "Japanese victory",
            BattleResult::Draw => "draw",
        }
    }

    /// The lower-case name used in JSON and CSV: `soviet`, `japanese`, `draw`.
    pub fn key(self) -> &'static str {
        match self {
            BattleResult::Soviet => "soviet",
            BattleResult::Japanese => "japanese",
            BattleResult::Draw => "draw",
        }
    }
}

/// After a battle that ended with `after`, the campaign goes to `go`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextBattle {
    pub after: BattleResult,
    pub go: Go,
}

/// Where a branch leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Go {
    /// The battle with this id, which must come later in the list (a campaign never goes back, so
    /// it always ends).
    Battle(String),
    /// The campaign ends here.
    End,
}

/// How a unit's strength at the end of a battle reaches its next battle. The next scenario's
/// strengths are those of history (losses made good as they were); what carries is how far the
/// unit did better or worse than its side did in the record of the battle it fought:
///
/// - a side *kept* `1 − recorded loss ÷ what it brought into play` of its men, tanks, armoured
///   cars and guns (the record's loss is the middle of its range; the share kept is at least 5%);
/// - a unit that ended with `end` of the `start` it brought into play did
///   `f = (end ÷ start) ÷ kept` as well as its side in the record (1: as in history);
/// - in its next battle it has its scenario strength × `1 + share × (f − 1)`, kept between
///   `floor` and `ceiling`. Men, tanks, armoured cars and guns each have their own factor; other
///   equipment follows the men.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarryRules {
    /// Share (0–1) of a unit's difference from the record that is still there at its next
    /// battle; replacements, returning wounded and repairs make up the rest. 0: nothing carries.
    pub share: f32,
    /// Least factor on a unit's strength (0–1): what replacements rebuild even of a unit
    /// destroyed.
    pub floor: f32,
    /// Greatest factor on a unit's strength (1–4): a unit spared its historical losses is at most
    /// this much stronger than history's.
    pub ceiling: f32,
}

/// Nothing carries.
impl Default for CarryRules {
    fn default() -> Self {
        CarryRules {
            share: 0.0,
            floor: 1.0,
            ceiling: 1.0,
        }
    }
}

/// How a campaign is won: the Soviet campaign points at its end (the battles' points won by the
/// Soviet side, half of a drawn battle's).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignVictory {
    /// Soviet campaign points needed for a Soviet victory in the campaign.
    pub soviet_wins_at: u32,
    /// Soviet campaign points at or below which the Japanese side wins the campaign; between
    /// the two is a draw.
    pub japanese_wins_at: u32,
}

/// The historical results of a campaign's battles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignHistorical {
    /// (battle id, result) for each battle fought in history.
    pub results: Vec<(String, BattleResult)>,
    #[serde(default)]
    pub source: String,
}
