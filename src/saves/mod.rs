//! Replay and saved-game files: a game kept as its scenario's identity (id and content hash), seed,
//! controllers and every order the rules accepted, turn by turn, with those of the computer sides
//! they refused (marked so). Playing the orders back through the simulation reproduces the game
//! event for event; a file made with other scenario content is refused.

use crate::control::ControllerKind;
use crate::data::Side;
use crate::error::{DataError, SourceText};
use crate::scenario::Scenario;
use crate::sim::{Controller, Order, OrderContext, OrderLog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The format version this build writes and reads.
const FORMAT: u32 = 1;

/// One side's orders in one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnOrders {
    pub turn: u32,
    pub side: Side,
    pub orders: Vec<Order>,
    /// The indices in `orders`, ascending, of those the rules refused (a computer side's orders
    /// given on what it could see; played back, they are refused again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayFile {
    pub format: u32,
    /// The scenario's `id`.
    pub scenario: String,
    /// The scenario file as it was named when the game was recorded (used when no scenario is given).
    pub scenario_file: String,
    /// FNV-1a hash of the scenario, map and data files, hexadecimal.
    pub content_hash: String,
    pub seed: u64,
    /// The controllers that gave the orders (for the record; playback uses the orders).
    pub soviet: ControllerKind,
    pub japanese: ControllerKind,
    pub turns: Vec<TurnOrders>,
    /// For a saved game (`khalkhin play`, F5): the sides people play and where the game stopped;
    /// `khalkhin play --load FILE` plays the orders again up to there and hands over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<SavedAt>,
    /// The folders of the mods the game was played with, in load order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mods: Vec<String>,
    /// Whether the game was played with fog of war (files written before fog existed: without).
    #[serde(default)]
    pub fog: bool,
    /// Strengths the scenario's units brought from an earlier battle of a campaign.
    #[serde(default, skip_serializing_if = "crate::scenario::Carried::is_empty")]
    pub carried: crate::scenario::Carried,
    /// For a battle of a campaign: the campaign as it stood when the battle began, so that the
    /// campaign goes on from the battle's end however the game was saved and loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<crate::campaign::Progress>,
    /// The text the file was read from (to place errors in it), if it was read from one.
    #[serde(skip)]
    pub source: Option<std::sync::Arc<SourceText>>,
}

/// Where a saved game stopped: in the orders phase of `side` in `turn` (0-based), after the orders
/// the file holds for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAt {
    pub humans: [bool; 2],
    pub turn: u32,
    pub side: Side,
}

/// Why a replay file cannot be played.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("{0}")]
    File(#[from] DataError),
    #[error(
        "{file}: this replay was recorded with scenario `{recorded}` (content {recorded_hash}), but \
         `{scenario}` now has content {current_hash}: the scenario, its map or its data have changed \
         since, so the game cannot be reproduced"
    )]
    ScenarioChanged {
        file: String,
        recorded: String,
        recorded_hash: String,
        scenario: String,
        current_hash: String,
    },
    #[error("{file}: unsupported replay format {found}; this build reads format {FORMAT}")]
    Format { file: String, found: u32 },
    /// The file's orders do not give the game it records.
    #[error(
        "{file}: the game does not follow its record: turn {turn} ({date}), {side}'s order \
         {order}: {reason}"
    )]
    Diverged {
        file: String,
        turn: u32,
        date: String,
        side: String,
        order: String,
        reason: String,
    },
}

impl ReplayFile {
    /// Keeps a played game's orders.
    pub fn new(
        scn: &Scenario,
        seed: u64,
        controllers: (ControllerKind, ControllerKind),
        log: &OrderLog,
    ) -> ReplayFile {
        let mut turns: Vec<TurnOrders> = Vec::new();
        for (i, (turn, side, order)) in log.0.iter().enumerate() {
            let t = match turns.last_mut() {
                Some(t) if t.turn == *turn && t.side == *side => t,
                _ => {
                    turns.push(TurnOrders {
                        turn: *turn,
                        side: *side,
                        orders: Vec::new(),
                        refused: Vec::new(),
                    });
                    turns.last_mut().expect("just pushed")
                }
            };
            if log.1.binary_search(&i).is_ok() {
                t.refused.push(t.orders.len());
            }
            t.orders.push(order.clone());
        }
        ReplayFile {
            format: FORMAT,
            scenario: scn.file.id.clone(),
            scenario_file: scn.path.display().to_string(),
            content_hash: format!("{:016x}", scn.content_hash),
            seed,
            soviet: controllers.0,
            japanese: controllers.1,
            turns,
            saved: None,
            mods: scn.mods.iter().map(|d| d.display().to_string()).collect(),
            fog: scn.file.fog.on,
            carried: scn.carried.clone(),
            campaign: None,
            source: None,
        }
    }

    /// The scenario with the strengths the game's units carried in from an earlier battle of a
    /// campaign (the scenario as it is when the game carried none); an error naming the file when
    /// they do not fit it.
    pub fn with_carried(&self, mut scn: Scenario, path: &Path) -> Result<Scenario, String> {
        scn.carry_in(&self.carried)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(scn)
    }

    /// The scenario with fog of war as the game was played (on or off, whatever the scenario file
    /// or the command line say now).
    pub fn as_played(&self, scn: std::sync::Arc<Scenario>) -> std::sync::Arc<Scenario> {
        if scn.file.fog.on == self.fog {
            return scn;
        }
        let mut s = std::sync::Arc::unwrap_or_clone(scn);
        s.file.fog.on = self.fog;
        std::sync::Arc::new(s)
    }

    /// The mods the game was played with, loaded again (refused when one is missing or broken).
    pub fn mod_set(&self, path: &Path) -> Result<crate::mods::ModSet, String> {
        let dirs = self
            .mods
            .iter()
            .map(|m| {
                crate::mods::find(m)
                    .map_err(|e| format!("{}: the game was played with a mod: {e}", path.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        crate::mods::ModSet::load(&dirs).map_err(|e| e.to_string())
    }

    /// Opens a saved game: the file, where it stopped and its scenario as it is now (refused if the
    /// file is a plain replay, or the scenario's content has changed since). Errors name the file.
    pub fn open_saved(path: &Path) -> Result<(ReplayFile, SavedAt, Scenario), String> {
        let file = ReplayFile::load(path).map_err(|e| e.to_string())?;
        let at = file.saved.ok_or_else(|| {
            format!(
                "{}: a replay file, not a saved game; `khalkhin replay --from` plays it",
                path.display()
            )
        })?;
        let scn =
            crate::scenario::load_scenario_with(&file.scenario_path(path)?, &file.mod_set(path)?)
                .map_err(|e| e.to_string())?;
        let scn = file.with_carried(scn, path)?;
        file.check_scenario(&scn, path).map_err(|e| e.to_string())?;
        let scn = file.as_played(std::sync::Arc::new(scn));
        file.check_resume(&at, &scn, path)
            .map_err(|e| e.to_string())?;
        let scn = std::sync::Arc::try_unwrap(scn).unwrap_or_else(|a| (*a).clone());
        Ok((file, at, scn))
    }

    /// Plays a saved game to where it stopped, headless, the way the window resumes it: an error,
    /// with the turn, the order and the reason, when the rules refuse one of its orders or the game
    /// it gives differs from the one recorded (another order where the file has one).
    pub fn check_resume(
        &self,
        at: &SavedAt,
        scn: &std::sync::Arc<Scenario>,
        path: &Path,
    ) -> Result<(), ReplayError> {
        use crate::sim::{Humans, OrderLog, Passive, Resume, headless_app, max_updates};
        let computer = self.computer(at);
        let controllers = [Side::Soviet, Side::Japanese].map(|s| {
            if at.humans[s.index()] {
                Box::new(Passive) as Box<dyn Controller>
            } else {
                computer.build()
            }
        });
        let mut app = headless_app(scn.clone(), self.seed, controllers);
        app.insert_resource(Humans(at.humans));
        app.insert_resource(self.resume().unwrap_or_default());
        for _ in 0..max_updates(scn) {
            if !app.world().resource::<Resume>().replaying() {
                break;
            }
            app.update();
        }
        let log = &app.world().resource::<crate::sim::EventLog>().0;
        self.check_played(scn, path, log)?;
        if app.world().resource::<Resume>().replaying() {
            return Err(diverged(
                path,
                scn,
                (at.turn, at.side),
                String::new(),
                "the game never reaches the point where it was saved (it ends before, or that \
                 side does not play then)"
                    .into(),
            ));
        }
        let given = &app.world().resource::<OrderLog>().0;
        let recorded: Vec<(u32, Side, &Order)> = self
            .turns
            .iter()
            .flat_map(|t| t.orders.iter().map(move |o| (t.turn, t.side, o)))
            .collect();
        let differs = given
            .iter()
            .map(|(t, s, o)| (*t, *s, o))
            .zip(recorded.iter().copied())
            .position(|(a, b)| a != b)
            .or((given.len() != recorded.len()).then_some(given.len().min(recorded.len())));
        if let Some(i) = differs {
            let (turn, side, order) = recorded
                .get(i)
                .copied()
                .or(given.get(i).map(|(t, s, o)| (*t, *s, o)))
                .expect("one of the two has the order");
            let reason = match (recorded.get(i), given.get(i)) {
                (Some(_), Some((_, _, g))) => format!(
                    "the game gives another order here ({}): the computer side's play does not \
                     match the record",
                    describe_order(scn, g)
                ),
                (Some(_), None) => "the game reaches the saved point before this order".into(),
                _ => "the game gives an order the record does not have".into(),
            };
            return Err(diverged(
                path,
                scn,
                (turn, side),
                describe_order(scn, order),
                reason,
            ));
        }
        Ok(())
    }

    /// The scenario file the game was recorded with, if it is one the game may read (in the game's
    /// folder, the user's game folder, or beside the replay `path`).
    pub fn scenario_path(&self, path: &Path) -> Result<std::path::PathBuf, String> {
        let own = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::fsio::confined(Path::new(&self.scenario_file), own)
            .map_err(|e| format!("{}: the scenario it names: {e}", path.display()))
    }

    /// The controller of the computer's side of a saved game (the Soviet one if both are people's).
    pub fn computer(&self, at: &SavedAt) -> ControllerKind {
        if at.humans[0] {
            self.japanese
        } else {
            self.soviet
        }
    }

    /// What a loaded saved game needs to resume: the people's orders by (turn, side index) and the
    /// point where the person takes over. `None` for a plain replay file.
    pub fn resume(&self) -> Option<crate::sim::Resume> {
        let at = self.saved?;
        let mut orders = BTreeMap::new();
        for t in self.turns.iter().filter(|t| at.humans[t.side.index()]) {
            orders
                .entry((t.turn, t.side.index()))
                .or_insert_with(Vec::new)
                .extend(t.orders.iter().cloned());
        }
        Some(crate::sim::Resume {
            orders,
            stop: Some((at.turn, at.side.index())),
        })
    }

    /// Writes the file (beside the target first, then renamed, so an old file is never half-overwritten).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::fsio::write_atomically(path, &text)
    }

    pub fn load(path: &Path) -> Result<ReplayFile, ReplayError> {
        let src = SourceText::read(path)?;
        let mut file: ReplayFile = src.parse()?;
        file.check_shape(&src)?;
        if let Some(p) = &file.campaign {
            p.check(&src)?;
        }
        file.source = Some(std::sync::Arc::new(src));
        if file.format != FORMAT {
            return Err(ReplayError::Format {
                file: path.display().to_string(),
                found: file.format,
            });
        }
        Ok(file)
    }

    /// Turns come in order, each side's turn once.
    fn check_shape(&self, src: &SourceText) -> Result<(), ReplayError> {
        let mut at = src.find_path(&["turns"]).unwrap_or(0);
        let mut last: Option<(u32, Side)> = None;
        for t in &self.turns {
            at = src.find_from(at + 1, "turn:");
            if last.is_some_and(|l| (t.turn, t.side.index()) <= (l.0, l.1.index())) {
                return Err(src
                    .error_at_offset(
                        at,
                        format!(
                            "turn {} of the {} side comes after turn {} of the {} side; expected \
                             each side's turns once, in order",
                            t.turn,
                            t.side.key(),
                            last.map_or(0, |l| l.0),
                            last.map_or("", |l| l.1.key())
                        ),
                    )
                    .into());
            }
            last = Some((t.turn, t.side));
            let ascending = t.refused.windows(2).all(|w| w[0] < w[1]);
            if let Some(bad) = t
                .refused
                .iter()
                .find(|&&i| i >= t.orders.len() || !ascending)
            {
                let at = src.find_from(at, "refused:");
                return Err(src
                    .error_at_offset(
                        at,
                        format!(
                            "`refused: [{bad}, …]` of turn {} of the {} side: expected the \
                             indices of refused orders among its {} orders, ascending, each once",
                            t.turn,
                            t.side.key(),
                            t.orders.len()
                        ),
                    )
                    .into());
            }
        }
        Ok(())
    }

    /// Checks that the scenario is the one the game was recorded with, and that every order names
    /// units and hexes of it and a turn it has.
    pub fn check_scenario(&self, scn: &Scenario, file: &Path) -> Result<(), ReplayError> {
        let current = format!("{:016x}", scn.content_hash);
        if self.scenario != scn.file.id || self.content_hash != current {
            return Err(ReplayError::ScenarioChanged {
                file: file.display().to_string(),
                recorded: self.scenario.clone(),
                recorded_hash: self.content_hash.clone(),
                scenario: scn.path.display().to_string(),
                current_hash: current,
            });
        }
        let (units, hexes) = (scn.units.len(), scn.map.len());
        // Where each turn's entry starts in the file, found in one pass (for errors).
        let mut turn_at = self
            .source
            .as_ref()
            .map(|src| src.find_path(&["turns"]).unwrap_or(0));
        for t in &self.turns {
            if let (Some(at), Some(src)) = (&mut turn_at, &self.source) {
                *at = src.find_from(*at + 1, "turn:");
            }
            let bad = |reason: String| match (&self.source, turn_at) {
                (Some(src), Some(at)) => ReplayError::File(src.error_at_offset(
                    at,
                    format!("turn {} of the {} side: {reason}", t.turn + 1, t.side.key()),
                )),
                _ => diverged(file, scn, (t.turn, t.side), String::new(), reason),
            };
            if t.turn >= scn.turns() {
                return Err(bad(format!(
                    "the scenario has {} turns; this turn is never played",
                    scn.turns()
                )));
            }
            for (k, o) in t.orders.iter().enumerate() {
                let (ids, hex) = match o {
                    Order::Move { unit, to } => (std::slice::from_ref(unit), *to),
                    Order::Attack { units, target } => (&units[..], *target),
                    Order::Bombard { unit, target } => (std::slice::from_ref(unit), *target),
                    Order::RaidAirfields => (&[][..], crate::map::HexId(0)),
                };
                if let Some(u) = ids.iter().find(|&&u| u as usize >= units) {
                    return Err(bad(format!(
                        "order {} names unit #{u}; the scenario has units #0–#{}",
                        k + 1,
                        units.saturating_sub(1)
                    )));
                }
                if hex.0 as usize >= hexes {
                    return Err(bad(format!(
                        "order {} names hex #{}; the map has hexes #0–#{}",
                        k + 1,
                        hex.0,
                        hexes.saturating_sub(1)
                    )));
                }
            }
        }
        Ok(())
    }

    /// Checks what playing the recorded orders gave: every order was carried out but those the
    /// record has refused, which were refused, and every turn with orders was played. `log` is the
    /// game's events.
    pub fn check_played(
        &self,
        scn: &Scenario,
        file: &Path,
        log: &[crate::sim::SimEvent],
    ) -> Result<(), ReplayError> {
        use crate::sim::SimEvent;
        // The refusals the record has, in the order they come.
        let expected: Vec<(u32, Side, &Order)> = self
            .turns
            .iter()
            .flat_map(|t| {
                t.refused
                    .iter()
                    .filter_map(move |&i| Some((t.turn, t.side, t.orders.get(i)?)))
            })
            .collect();
        let mut refusals = 0;
        let mut turn = 0;
        for e in log {
            match e {
                SimEvent::TurnStarted { turn: t, .. } => turn = *t,
                SimEvent::OrderRejected {
                    side,
                    order,
                    reason,
                } => {
                    if expected.get(refusals) != Some(&(turn, *side, order)) {
                        return Err(diverged(
                            file,
                            scn,
                            (turn, *side),
                            describe_order(scn, order),
                            format!("the rules refuse it: {reason}"),
                        ));
                    }
                    refusals += 1;
                }
                _ => {}
            }
        }
        if let Some(&(t, side, order)) = expected.get(refusals) {
            return Err(diverged(
                file,
                scn,
                (t, side),
                describe_order(scn, order),
                "the record has it refused, but the rules carry it out".into(),
            ));
        }
        if let Some(t) = self
            .turns
            .iter()
            .find(|t| t.turn > turn && !t.orders.is_empty())
        {
            return Err(diverged(
                file,
                scn,
                (t.turn, t.side),
                describe_order(scn, &t.orders[0]),
                format!("the game ended on turn {}, before this order", turn + 1),
            ));
        }
        Ok(())
    }

    /// Controllers that give the recorded orders of each side, turn by turn.
    pub fn controllers(&self) -> [Box<dyn Controller>; 2] {
        let mut by_turn: [BTreeMap<u32, Vec<Order>>; 2] = [BTreeMap::new(), BTreeMap::new()];
        for t in &self.turns {
            by_turn[t.side.index()]
                .entry(t.turn)
                .or_default()
                .extend(t.orders.iter().cloned());
        }
        let [soviet, japanese] = by_turn;
        [Box::new(Recorded(soviet)), Box::new(Recorded(japanese))]
    }
}

/// Gives the orders recorded for each turn.
struct Recorded(BTreeMap<u32, Vec<Order>>);

impl Controller for Recorded {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        self.0.remove(&ctx.turn).unwrap_or_default()
    }
}

/// A replay's game leaving its record at `turn` (0-based) of `side`.
fn diverged(
    file: &Path,
    scn: &Scenario,
    (turn, side): (u32, Side),
    order: String,
    reason: String,
) -> ReplayError {
    ReplayError::Diverged {
        file: file.display().to_string(),
        turn: turn + 1,
        date: scn
            .file
            .start
            .plus_hours(turn as i64 * scn.file.turn_hours as i64)
            .to_string(),
        side: side.key().to_string(),
        order,
        reason,
    }
}

/// An order in words, for messages.
pub fn describe_order(scn: &Scenario, o: &Order) -> String {
    let name = |u: &u32| {
        scn.units
            .get(*u as usize)
            .map_or(format!("#{u}"), |d| format!("`{}`", d.key))
    };
    match o {
        Order::Move { unit, to } => format!("move {} to {}", name(unit), scn.map.label(*to)),
        Order::Attack { units, target } => format!(
            "attack {} with {}",
            scn.map.label(*target),
            units.iter().map(name).collect::<Vec<_>>().join(", ")
        ),
        Order::Bombard { unit, target } => {
            format!("bombard {} with {}", scn.map.label(*target), name(unit))
        }
        Order::RaidAirfields => "raid the enemy's airfields".to_string(),
    }
}
