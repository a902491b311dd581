//! What a person's clicks mean, and the words the window shows: turning a click on a hex into a
//! selection or an order, the attack group and its odds preview (the simulation's own combat model),
//! and one line per event for the turn log. Headless, so the tests exercise it without a window.

pub mod campaign;
pub mod fog;

use crate::data::{Side, Stamp};
use crate::map::HexId;
use crate::scenario::{Scenario, UnitIx};
use crate::sim::attack_setup::{attack_setup, can_attack};
use crate::sim::combat::{Preview, preview};
use crate::sim::events::men_of;
use crate::sim::movement::{check_move, reachable};
use crate::sim::{Board, Order, SimEvent};

/// What a left click on a hex does.
#[derive(Debug, Clone, PartialEq)]
pub enum ClickAction {
    /// Select this unit of the player's side (a second click on its hex picks the next unit there).
    Select(UnitIx),
    /// Give this order.
    Order(Order),
    /// Clear the selection.
    Deselect,
    /// Nothing happens, for this reason (the rules' own words): an illegal move or attack.
    Refused(String),
}

/// The keys held with a click.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClickKeys {
    /// Shift: into a stack of one's own units.
    pub shift: bool,
    /// Ctrl: an attack by the selected unit alone.
    pub ctrl: bool,
}

/// The meaning of a click on `clicked` by the player of `side` with `selected` selected, with
/// `keys` held.
/// - with Shift and a unit of the side selected, on another hex of the side's units: moves it
///   there, into the stack, or says why it cannot;
/// - on a hex with the side's units: selects one (cycling through the stack);
/// - with an artillery unit selected, on an enemy hex: bombards it (the rules check range,
///   observation and ammunition);
/// - with another unit selected, on an enemy hex next to it: attacks with every unit of the side next to
///   that hex that can attack ([`attack_group`]), or with Ctrl with the selected unit alone
///   ([`attackers`]); on an enemy hex further off: refused;
/// - with a unit selected, on any other hex: moves there if the rules allow
///   ([`check_move`]), or says why not;
/// - with nothing selected: clears the selection.
pub fn click_action(
    scn: &Scenario,
    board: &Board,
    side: Side,
    selected: Option<UnitIx>,
    clicked: HexId,
    keys: ClickKeys,
) -> ClickAction {
    let own: Vec<UnitIx> = board
        .units_at(clicked)
        .filter(|&id| board.get(id).is_some_and(|u| u.side == side))
        .collect();
    if !own.is_empty() {
        let in_stack = selected.and_then(|s| own.iter().position(|&x| x == s));
        if keys.shift
            && in_stack.is_none()
            && let Some(sel) = selected.and_then(|s| board.get(s))
            && sel.side == side
        {
            return move_or_refusal(scn, board, side, sel.id, clicked, "join that stack");
        }
        let next = in_stack.map_or(own[0], |i| own[(i + 1) % own.len()]);
        return ClickAction::Select(next);
    }
    let Some(sel) = selected.and_then(|s| board.get(s)) else {
        return ClickAction::Deselect;
    };
    if sel.side != side {
        return ClickAction::Deselect;
    }
    if board.occupant(clicked) == Some(side.enemy()) {
        if scn.unit_type(sel.id).branch == crate::data::rules::Branch::Artillery {
            return ClickAction::Order(Order::Bombard {
                unit: sel.id,
                target: clicked,
            });
        }
        if scn.map.distance(sel.hex, clicked) != 1 {
            return ClickAction::Refused(format!(
                "{} can attack only a hex next to it",
                scn.units[sel.id as usize].name
            ));
        }
        let units = attackers(scn, board, sel.id, clicked, keys.ctrl, &[]);
        if units.is_empty() {
            return ClickAction::Refused(if keys.ctrl {
                format!(
                    "cannot attack alone: {}",
                    why_it_cannot_attack(scn, sel, &[])
                )
            } else {
                format!(
                    "no unit next to that hex can attack it: {}",
                    why_none_can_attack(scn, board, side, clicked, &[])
                )
            });
        }
        return ClickAction::Order(Order::Attack {
            units,
            target: clicked,
        });
    }
    move_or_refusal(scn, board, side, sel.id, clicked, "move there")
}

/// The move of `unit` to `to` if the rules allow it, or why not ("… cannot `what`: …").
fn move_or_refusal(
    scn: &Scenario,
    board: &Board,
    side: Side,
    unit: UnitIx,
    to: HexId,
    what: &str,
) -> ClickAction {
    match check_move(scn, board, side, unit, to) {
        Ok(_) => ClickAction::Order(Order::Move { unit, to }),
        Err(e) => ClickAction::Refused(format!(
            "{} cannot {what}: {e}",
            scn.units[unit as usize].name
        )),
    }
}

/// Hexes the unit can still move to this turn with the hours it has left, without its own: none
/// once its movement is over, or once its side has attacked this turn (which ends movement).
pub fn move_targets(
    scn: &Scenario,
    board: &Board,
    turn: &crate::sim::TurnState,
    id: UnitIx,
) -> Vec<HexId> {
    let Some(u) = board.get(id) else {
        return Vec::new();
    };
    if turn.attacked {
        return Vec::new();
    }
    let zoc = board.zoc_of(scn, u.side.enemy());
    if crate::sim::movement::movement_over(scn, &zoc, u).is_some() {
        return Vec::new();
    }
    reachable(scn, board, &zoc, id)
        .into_iter()
        .map(|r| r.hex)
        .filter(|&h| h != u.hex)
        .collect()
}

/// What a bombardment of `target` by `unit` would do now, in words: the guns in range and who
/// observes, the expected losses in the hex (men, guns) at middle draws, the ammunition it costs;
/// or the rules' reason why it cannot fire.
pub fn bombard_preview(
    scn: &Scenario,
    board: &Board,
    unit: UnitIx,
    target: HexId,
    now: Stamp,
    air_left: f32,
) -> Result<String, String> {
    use crate::sim::rules::bombardment::{fire_on, resolve};
    use crate::sim::rules::observation::observation;
    let side = board.get(unit).map_or(Side::Soviet, |u| u.side);
    let fire = fire_on(scn, board, side, unit, target, now, air_left)?;
    let seen = observation(scn, board, side, target, now, air_left);
    let targets: Vec<UnitIx> = board.units_at(target).collect();
    let (losses, _) = resolve(scn, board, &targets, target, fire, (0.5, 0.5));
    let guns = crate::sim::events::pieces_of(&losses);
    let ammo = board.get(unit).map_or(0.0, |u| u.condition.ammo);
    Ok(format!(
        "BOMBARD {}: fire {fire:.0}, {}\nExpected losses there: {} men, {guns} gun{}\n\
         Uses one of the {ammo:.1} fires of ammunition left, and the battery has then fired this \
         phase: it will not join an attack this turn. Click to fire.",
        scn.map.label(target),
        if seen >= 1.0 {
            "observed from the ground".to_string()
        } else {
            format!("observed only from the air (x{seen:.1})")
        },
        men_of(&losses),
        if guns == 1 { "" } else { "s" },
    ))
}

/// The side's units next to `target` that can attack it (in id order), excluding `spent` (units that
/// have attacked this turn).
pub fn attack_group(scn: &Scenario, board: &Board, side: Side, target: HexId) -> Vec<UnitIx> {
    let mut units: Vec<UnitIx> = scn
        .map
        .neighbors(target)
        .flat_map(|(_, n)| board.units_at(n))
        .filter(|&id| {
            board
                .get(id)
                .is_some_and(|u| u.side == side && can_attack(scn, u))
        })
        .collect();
    units.sort_unstable();
    units
}

/// The units that attack `target` on the order of `lead`, which leads them, less those in `spent`
/// (units that have attacked this turn): every unit of its side next to the hex that can attack
/// ([`attack_group`]), or with `alone` `lead` by itself if it can.
pub fn attackers(
    scn: &Scenario,
    board: &Board,
    lead: UnitIx,
    target: HexId,
    alone: bool,
    spent: &[UnitIx],
) -> Vec<UnitIx> {
    let Some(side) = board.get(lead).map(|u| u.side) else {
        return Vec::new();
    };
    let mut group = attack_group(scn, board, side, target);
    group.retain(|id| !spent.contains(id) && (!alone || *id == lead));
    led_by(group, lead)
}

/// The units of `side` that have not moved this turn and could still (not fired, not in
/// `attacking`): the side's first attack ends movement for all of them.
pub fn left_unmoved(board: &Board, side: Side, attacking: &[UnitIx]) -> usize {
    board
        .live()
        .filter(|u| {
            u.side == side
                && u.condition.moved_hours == 0.0
                && !u.condition.fired
                && !attacking.contains(&u.id)
        })
        .count()
}

/// An attack group with `lead` first, where it is in the group: the unit the player chose leads
/// the attack (the log names the first attacker, and it is the first to advance).
pub fn led_by(mut units: Vec<UnitIx>, lead: UnitIx) -> Vec<UnitIx> {
    if let Some(i) = units.iter().position(|&u| u == lead) {
        units[..=i].rotate_right(1);
    }
    units
}

/// What the attack preview says of the advance if the hex falls: which unit steps into it (the
/// first of `units` that can, [`crate::sim::aftermath::advancer`]), and whether that leaves the
/// hex it comes from empty.
pub fn advance_note(scn: &Scenario, board: &Board, units: &[UnitIx], target: HexId) -> String {
    let Some(id) = crate::sim::aftermath::advancer(scn, board, units, target) else {
        return "If the hex falls, no attacker can step into it.".into();
    };
    let from = board.get(id).map(|u| u.hex).expect("on the map");
    let name = &scn.units[id as usize].name;
    if board.units_at(from).count() == 1 {
        format!(
            "If the hex falls, {name} advances into it, leaving {} empty (select another \
             attacker first to lead).",
            where_is(scn, from)
        )
    } else {
        format!("If the hex falls, {name} advances into it.")
    }
}

/// Why no unit of `side` next to `target` can attack it now (`used`: the units that attacked this
/// turn): each neighbour's reason, "no unit of yours stands next to it" when there is none.
pub fn why_none_can_attack(
    scn: &Scenario,
    board: &Board,
    side: Side,
    target: HexId,
    used: &[UnitIx],
) -> String {
    let mut reasons: Vec<String> = scn
        .map
        .neighbors(target)
        .flat_map(|(_, n)| board.units_at(n))
        .filter_map(|id| board.get(id))
        .filter(|u| u.side == side)
        .map(|u| why_it_cannot_attack(scn, u, used))
        .collect();
    reasons.sort();
    reasons.dedup();
    if reasons.is_empty() {
        return "no unit of this side stands next to it".into();
    }
    reasons.join("; ")
}

/// Why unit `u`, next to an enemy hex, cannot attack it (`used`: the units that have attacked
/// this turn), in the rules' terms.
pub fn why_it_cannot_attack(scn: &Scenario, u: &crate::sim::UnitSnap, used: &[UnitIx]) -> String {
    let name = &scn.units[u.id as usize].name;
    let ty = scn.unit_type(u.id);
    if !ty.can_attack {
        format!("{name}: {} do not attack", plural(&ty.name.to_lowercase()))
    } else if used.contains(&u.id) {
        format!("{name} has attacked this turn (once a turn)")
    } else if u.condition.cohesion < scn.rules.combat.retreat_cohesion {
        format!(
            "{name} is too shaken (cohesion {:.0}, below {:.0})",
            u.condition.cohesion, scn.rules.combat.retreat_cohesion
        )
    } else {
        format!("{name} has no men left")
    }
}

/// The attack of `units` (of the first one's side) on `target` at `now`, set up as the combat
/// phase would; `None` when it is not possible.
fn setup_of(
    scn: &Scenario,
    board: &Board,
    units: &[UnitIx],
    target: HexId,
    now: crate::data::Stamp,
    air_left: f32,
) -> Option<crate::sim::attack_setup::AttackSetup> {
    let side = board.get(*units.first()?)?.side;
    attack_setup(scn, board, side, units, target, now, air_left).ok()
}

/// The combat preview of `units` attacking `target` now, with the side's artillery in range and
/// half its remaining air points (what the combat phase would use): expected losses on both sides
/// and the chance of taking the hex. `None` when the attack is not possible.
pub fn attack_preview(
    scn: &Scenario,
    board: &Board,
    units: &[UnitIx],
    target: HexId,
    now: crate::data::Stamp,
    air_left: f32,
) -> Option<Preview> {
    let setup = setup_of(scn, board, units, target, now, air_left)?;
    Some(preview(
        &scn.equipment,
        scn.rifleman_soft_attack,
        &scn.rules.combat,
        &setup.engagement,
    ))
}

/// What bears on an attack besides the strengths, in words with the rules' multipliers: the
/// defender's ground, entrenchment and height, a river or stream crossed, night, the artillery and
/// air on each side, close assault. Empty when the attack is not possible.
pub fn attack_factors(
    scn: &Scenario,
    board: &Board,
    units: &[UnitIx],
    target: HexId,
    now: crate::data::Stamp,
    air_left: f32,
) -> Vec<String> {
    let Some(setup) = setup_of(scn, board, units, target, now, air_left) else {
        return Vec::new();
    };
    let (e, r) = (&setup.engagement, &scn.rules.combat);
    let mut out = vec![format!("their ground: defence x{:.2}", e.terrain_defence)];
    if e.entrenchment > 0 {
        out.push(format!(
            "dug in, level {}: defence x{:.2}",
            e.entrenchment,
            1.0 + e.entrenchment as f32 * e.entrenchment_bonus
        ));
    }
    if e.elevation_diff_m > 0.0 {
        out.push(format!(
            "they are {:.0} m higher: defence x{:.2}",
            e.elevation_diff_m,
            1.0 + e.elevation_diff_m / 10.0 * r.elevation_per_10m
        ));
    }
    if e.across_major_river {
        out.push(format!(
            "across the river: attack x{:.2}",
            r.across_major_river
        ));
    } else if e.across_minor_river {
        out.push(format!(
            "across a stream: attack x{:.2}",
            r.across_minor_river
        ));
    }
    if e.night {
        let (f, how) = if e.attacker_night_doctrine {
            (r.night_attack_doctrine, "trained for it")
        } else {
            (r.night_attack_other, "untrained")
        };
        out.push(format!("night, {how}: attack x{f:.2}"));
    }
    if e.attacker_artillery > 0.0 || e.defender_artillery > 0.0 {
        out.push(format!(
            "artillery in range: ours {:.0}, theirs {:.0} fire (each battery that joins uses a \
             fire of its ammunition)",
            // An empty sum of floats is -0.
            e.attacker_artillery.max(0.0),
            e.defender_artillery.max(0.0)
        ));
    }
    if e.attacker_air > 0.0 {
        out.push(format!(
            "our air support: {:.0} points ({:.0}% of what the side has left this turn)",
            e.attacker_air,
            scn.rules.air_share_per_attack * 100.0
        ));
    }
    if e.close_assault_terrain {
        out.push("their infantry close-assault tanks in this ground".into());
    }
    out
}

/// The objectives that change hands at the end of this turn if the side standing on each now is
/// still there then (the rule: [`crate::sim::rules::objectives`]): each objective's index and that
/// side. Only units in sight count (not the last-known places of enemy units under fog of war).
pub fn objectives_changing(scn: &Scenario, board: &Board, holders: &[Side]) -> Vec<(usize, Side)> {
    crate::sim::rules::objectives::changing_hands(scn, board, holders)
}

/// What [`objectives_changing`] means for the score, in a few words for the top bar: "Remizov
/// height changes hands at turn end if held (+15)", the points counted for the Soviet side.
pub fn changing_line(scn: &Scenario, changing: &[(usize, Side)]) -> Option<String> {
    if changing.is_empty() {
        return None;
    }
    let names: Vec<&str> = changing
        .iter()
        .map(|&(i, _)| scn.objectives[i].name.as_str())
        .collect();
    let delta: i64 = changing
        .iter()
        .map(|&(i, side)| {
            let p = scn.objectives[i].points as i64;
            if side == Side::Soviet { p } else { -p }
        })
        .sum();
    Some(format!(
        "{} change{} hands at turn end if held ({delta:+})",
        names.join(", "),
        if names.len() == 1 { "s" } else { "" }
    ))
}

/// A unit type's name in the plural: "artillery battalions", "headquarters" (the same).
fn plural(name: &str) -> String {
    if name.ends_with('s') {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

/// The points a victory goal gives the enemy of this formation (by id) while it is cut off or
/// destroyed, if it is one.
fn goal_points(scn: &Scenario, formation: &str) -> Option<u32> {
    scn.file
        .victory
        .formations
        .iter()
        .find(|g| g.formation == formation)
        .map(|g| g.points)
}

/// The score as the player of `humans` reads it: the Soviet points (the one score both sides play
/// for), the thresholds said from the player's side, and what the result would be if the game
/// ended now. For both sides or none, from the Soviet side.
pub fn score_line(scn: &Scenario, soviet_points: f32, humans: [bool; 2]) -> String {
    let v = &scn.file.victory;
    let now = crate::sim::rules::victory::verdict(v, soviet_points);
    let pts = crate::sim::rules::victory::show_points(soviet_points);
    let japanese_player = humans == [false, true];
    let result = match (now, japanese_player) {
        (None, _) => "a draw".to_string(),
        (Some(Side::Japanese), true) => "your victory".to_string(),
        (Some(_), true) => "your defeat".to_string(),
        (Some(w), false) => format!("{} victory", w.adjective()),
    };
    if japanese_player {
        format!(
            "Soviet points {pts} (you win <= {}, lose >= {}; now: {result})",
            v.japanese_wins_at, v.soviet_wins_at
        )
    } else {
        format!(
            "Soviet points {pts} (win >= {}, lose <= {}; now: {result})",
            v.soviet_wins_at, v.japanese_wins_at
        )
    }
}

/// [`score_line`] saying what the points are made of when more than the objectives count (a
/// formation cut off or destroyed, men lost): "Soviet points 50 = objectives 30 + 23rd Infantry
/// Division cut off 20 (win >= 70, …)".
pub fn score_line_parts(
    scn: &Scenario,
    parts: &crate::sim::rules::victory::ScoreParts,
    humans: [bool; 2],
) -> String {
    let show = crate::sim::rules::victory::show_points;
    let total = parts.total();
    let line = score_line(scn, total, humans);
    if parts.formations.is_empty() && parts.men.abs() < 0.05 {
        return line;
    }
    let signed = |p: f32| {
        if p < 0.0 {
            format!("- {}", show(-p))
        } else {
            format!("+ {}", show(p))
        }
    };
    let mut made_of = format!("objectives {}", show(parts.objectives));
    for &(f, destroyed, p) in &parts.formations {
        let how = if destroyed { "destroyed" } else { "cut off" };
        made_of += &format!(" {} {} {how}", signed(p), scn.formations[f].name);
    }
    if parts.men.abs() >= 0.05 {
        made_of += &format!(" {} for men lost", signed(parts.men));
    }
    let head = format!("Soviet points {}", show(total));
    line.replacen(&head, &format!("{head} = {made_of}"), 1)
}

/// The briefing of a scenario for the side(s) a person plays (`humans` by `Side::index()`) at
/// `now`: the battle, its dates and turns, what the player commands, how the game is won, the
/// objectives and who holds them, and what the historical plan had the player's side do now.
pub fn briefing(scn: &Scenario, humans: [bool; 2], now: Stamp, holders: &[Side]) -> String {
    let f = &scn.file;
    let mut s = format!(
        "{}\n{} to {}, {} turns of {} hours\n\n{}\n\n",
        f.name,
        f.start.readable(),
        f.end.readable(),
        scn.turns(),
        f.turn_hours,
        f.description
    );
    let played: Vec<Side> = [Side::Soviet, Side::Japanese]
        .into_iter()
        .filter(|s| humans[s.index()])
        .collect();
    for side in &played {
        s += &format!("You command the {}.\n", side_name(scn, *side));
    }
    if f.fog.on {
        s += &format!(
            "Fog of war: you see the enemy units your units see ({} km by day, farther from \
             heights, {} km from the air by day with air points, {} km at night); the others \
             show faded where last seen.",
            scn.rules.artillery.observe_km, scn.rules.sight.air_km, scn.rules.sight.night_km
        );
        for side in &played {
            let known = |x: Side| f.fog.known_at_start.contains(&x);
            s += &match (known(*side), known(side.enemy())) {
                (true, true) => " Both sides know where the other stood at the start.".to_string(),
                (true, false) => format!(
                    " You know where the enemy stood at the start; the {} side does not know \
                     where you stand.",
                    side.enemy().adjective()
                ),
                (false, true) => {
                    " The enemy knows where you stood at the start; you do not know where he stands."
                        .to_string()
                }
                (false, false) => " Neither side knows where the other stands.".to_string(),
            };
        }
        s += "\n";
    }
    s += &format!(
        "Victory: the Soviet side wins with {} points or more, the Japanese side when the Soviet \
         points are {} or fewer; between them it is a draw.\n\nObjectives:\n",
        f.victory.soviet_wins_at, f.victory.japanese_wins_at
    );
    for (i, o) in scn.objectives.iter().enumerate() {
        let holder = holders.get(i).copied().unwrap_or(o.holder);
        s += &format!(
            "  {} ({} points), held by the {} side\n",
            o.name,
            o.points,
            holder.adjective()
        );
    }
    // The other sources of points (sim/rules/victory.rs): formations encircled or destroyed at the
    // end, and men lost.
    let goals: Vec<String> = f
        .victory
        .formations
        .iter()
        .filter_map(|g| {
            let x = scn.formations.iter().find(|x| x.key == g.formation)?;
            let sign = if x.side == Side::Japanese { '+' } else { '-' };
            Some(format!(
                "  {} encircled or destroyed: {sign}{}\n",
                x.name, g.points
            ))
        })
        .collect();
    if !goals.is_empty() {
        s += "\nSoviet points for formations at the end:\n";
        s += &goals.concat();
    }
    if f.victory.points_per_1000_enemy_men != 0.0 {
        s += &format!(
            "  and {} for each 1,000 more Japanese men lost than Soviet\n",
            crate::sim::rules::victory::show_points(f.victory.points_per_1000_enemy_men)
        );
    }
    s += &format!(
        "\nA turn of {} hours: the {} side moves and fights first, then the {} side. Move your \
         units (green hexes), then attack; the first attack (not a bombardment) ends movement for \
         the whole side. \
         Objectives change hands at the end of the turn.\n",
        f.turn_hours,
        scn.first_side.adjective(),
        scn.first_side.enemy().adjective()
    );
    // The name of a formation or unit id of the plan.
    let named = |id: &str| {
        scn.formations
            .iter()
            .find(|x| x.key == id)
            .map(|x| x.name.clone())
            .or_else(|| {
                scn.units
                    .iter()
                    .find(|u| u.key == id)
                    .map(|u| u.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    };
    for side in played {
        let steps: Vec<(usize, &crate::data::scenario::PlanStep)> = f
            .plan
            .iter()
            .enumerate()
            .filter(|(_, p)| p.side == side && p.from <= now && now < p.until)
            .collect();
        if steps.is_empty() {
            continue;
        }
        s += &format!(
            "\nWhat the {} side did now (the historical plan):\n",
            side.adjective()
        );
        for &(i, p) in &steps {
            use crate::data::scenario::Task;
            let task = scn.plan.get(i).map(|d| {
                let at = where_is(scn, d.target);
                match (&p.task, d.line_end) {
                    (Task::Attack(_), _) => format!("attack {at}"),
                    (Task::Advance(_), _) => format!("advance to {at}"),
                    (Task::Hold(_), _) => format!("hold {at}"),
                    (Task::CounterBattery(_), _) => format!("fire on the enemy's guns from {at}"),
                    (Task::Screen(..), Some(e)) => {
                        format!("screen from {at} to {}", where_is(scn, e))
                    }
                    (Task::Screen(..), None) => format!("screen at {at}"),
                }
            });
            let what = match (task, p.note.is_empty()) {
                (Some(t), true) => t,
                (Some(t), false) => format!("{t} ({})", p.note),
                (None, _) => p.note.clone(),
            };
            let who: Vec<String> = p.units.iter().map(|u| named(u)).collect();
            s += &format!("  {}: {what}\n", who.join(", "));
        }
    }
    s
}

/// The side's name in the scenario.
pub fn side_name(scn: &Scenario, side: Side) -> &str {
    match side {
        Side::Soviet => &scn.file.soviet.name,
        Side::Japanese => &scn.file.japanese.name,
    }
}

/// Places further than this from a hex (km) are not used to say where it is.
const NEAR_PLACE_KM: f64 = 8.0;

/// A hex as a player reads it: the named place on it, or its column and row with the direction and
/// distance from the nearest named place ("(20,16), 3 km NW of Remizov height"); the map's edge
/// markers are not used.
pub fn where_is(scn: &Scenario, h: HexId) -> String {
    let map = &scn.map;
    if let Some((name, _)) = map.places.iter().find(|(_, p)| **p == h) {
        return name.clone();
    }
    let nearest = map
        .places
        .iter()
        .filter(|(n, _)| !n.contains(" edge"))
        .min_by_key(|(_, p)| map.distance(h, **p));
    let Some((name, &p)) = nearest else {
        return map.label(h);
    };
    let km = map.distance(h, p) as f64 * map.hex_km;
    if km > NEAR_PLACE_KM {
        return map.label(h);
    }
    let ((x0, y0), (x1, y1)) = (map.center_km(p), map.center_km(h));
    // Compass bearing from the place, x east and y south.
    let bearing = (x1 - x0).atan2(y0 - y1).to_degrees().rem_euclid(360.0);
    const POINTS: [&str; 8] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
    let point = POINTS[((bearing + 22.5) / 45.0) as usize % 8];
    format!("{}, {km:.0} km {point} of {name}", map.label(h))
}

/// What a player needs to know of a hex before moving into it or attacking it: where it is, its
/// terrain and height, what entering it costs each kind of unit, how it helps a defender, the
/// rivers, bridges and tracks on its sides (bridges as they stand in step-table period `epoch`),
/// and the objective (who holds it, and whether it changes hands at the end of the turn by the
/// units on `board`) or supply source on it.
pub fn hex_report(
    scn: &Scenario,
    epoch: usize,
    board: &Board,
    h: HexId,
    holders: &[Side],
) -> String {
    use crate::data::Mobility;
    use crate::map::SideFeature;
    let t = scn.terrain_at(h);
    let mut s = format!(
        "{}
{}, {} m

",
        where_is(scn, h),
        t.name,
        scn.map.elevation_m[h.0 as usize]
    );
    s += "Hours to enter:";
    for (name, m) in [
        ("foot", Mobility::Foot),
        ("horse", Mobility::Horse),
        ("trucks", Mobility::Motorised),
        ("tracks", Mobility::Tracked),
    ] {
        match t.cost.get(m) {
            Some(c) => s += &format!(" {name} {c:.2}"),
            None => s += &format!(" {name} impassable"),
        }
    }
    s += &format!(
        "
Defence x{:.2}, armour attacking x{:.2}, dig in to level {}{}
",
        t.defence,
        t.armor_attack,
        t.max_entrenchment,
        if t.close_assault {
            "; infantry close-assault tanks here"
        } else {
            ""
        }
    );
    let mut sides = Vec::new();
    for (d, n) in scn.map.neighbors(h) {
        let toward = where_is(scn, n);
        match scn.side_at(epoch, h, d) {
            SideFeature::MajorRiver => sides.push(format!(
                "river to {toward}: no vehicles; on foot or horse the whole move"
            )),
            SideFeature::MinorRiver => sides.push(format!(
                "stream to {toward}: +{:.1} h",
                scn.rules.minor_river_hours
            )),
            SideFeature::Bridge => {
                let b = scn.bridges.iter().find(|b| {
                    (b.hex == h && b.dir == d)
                        || (b.hex == n && scn.map.neighbor(n, b.dir) == Some(h))
                });
                if let Some(b) = b {
                    let cap = &scn.rules.bridge_capacities[&b.capacity];
                    sides.push(format!(
                        "{} ({} bridge, +{:.1} h) to {toward}",
                        b.name, b.capacity, cap.hours
                    ));
                }
            }
            SideFeature::Open => {}
        }
        if scn.map.has_track(h, d) {
            sides.push(format!("track to {toward}"));
        }
    }
    for line in sides {
        s += &format!(
            "  {line}
"
        );
    }
    for (i, o) in scn.objectives.iter().enumerate() {
        if o.hex == h {
            let holder = holders.get(i).copied().unwrap_or(o.holder);
            s += &format!(
                "Objective {}: {} points, held by {}\n",
                o.name,
                o.points,
                side_name(scn, holder)
            );
            s += &match objectives_changing(scn, board, holders)
                .iter()
                .find(|c| c.0 == i)
            {
                Some(&(_, side)) => format!(
                    "The {} side stands on it: it passes to them at the end of the turn if they \
                     are still there.\n",
                    side.adjective()
                ),
                None => "An objective passes at the end of each turn to the side standing on it.\n"
                    .to_string(),
            };
        }
    }
    for side in [Side::Soviet, Side::Japanese] {
        if scn.supply_sources[side.index()].contains(&h) {
            s += &format!("Supply source of the {}\n", side_name(scn, side));
        }
    }
    s
}

/// One line that sums up a side's turn from `events` (the game's events up to the end of that
/// turn): its moves and attacks, the hexes it took, the units destroyed or surrendered, the men
/// and tanks each side lost, and under fog of war the enemy units that came into sight
/// (`appeared`). Only the events `told(i)` count. `None` if the events hold no turn of that side.
pub fn side_turn_summary(
    scn: &Scenario,
    events: &[SimEvent],
    side: Side,
    told: &dyn Fn(usize) -> bool,
    appeared: Option<u32>,
) -> Option<String> {
    let start = events
        .iter()
        .rposition(|e| matches!(e, SimEvent::SideToMove { side: s } if *s == side))?;
    let (mut moves, mut attacks, mut taken, mut gone) = (0u32, 0u32, 0u32, [0u32; 2]);
    let mut lost = [crate::sim::Losses::default(); 2];
    let side_of = |u: &UnitIx| scn.units[*u as usize].side.index();
    for (i, e) in events.iter().enumerate().skip(start) {
        if !told(i) {
            continue;
        }
        for (u, l) in e.unit_losses() {
            lost[side_of(&u)].add(scn, l);
        }
        match e {
            SimEvent::Moved { .. } => moves += 1,
            SimEvent::Combat { .. } => attacks += 1,
            SimEvent::Taken { by, .. } if *by == side => taken += 1,
            SimEvent::Surrendered { unit, .. } | SimEvent::Destroyed { unit, .. } => {
                gone[side_of(unit)] += 1;
            }
            _ => {}
        }
    }
    let (us, them) = (side.index(), side.enemy().index());
    let name = Side::adjective;
    let mut s = format!(
        "{} turn: {}, {}, {} taken",
        name(side),
        counted(moves, "move", "moves"),
        counted(attacks, "attack", "attacks"),
        counted(taken, "hex", "hexes")
    );
    if attacks > 0 || gone.iter().any(|g| *g > 0) {
        for (who, i) in [(side, us), (side.enemy(), them)] {
            s += &format!(
                "; {} lost {}, {}, {}",
                name(who),
                counted(lost[i].men, "man", "men"),
                counted(lost[i].tanks, "tank", "tanks"),
                counted(gone[i], "unit", "units")
            );
        }
    }
    if let Some(n) = appeared.filter(|n| *n > 0) {
        s += &format!(
            "; {} came into sight",
            counted(n, "enemy unit", "enemy units")
        );
    }
    Some(s)
}

/// What a list of losses comes to, as the log says it: the men, then the tanks, armoured cars and
/// guns (field and anti-tank) where any were lost: "17 men, 6 tanks".
pub fn losses_text(scn: &Scenario, losses: &[crate::sim::UnitLoss]) -> String {
    use crate::data::EquipmentClass as C;
    let count = |classes: &[C]| -> u32 {
        losses
            .iter()
            .map(|l| classes.iter().map(|&c| l.count(scn, c)).sum::<u32>())
            .sum()
    };
    let mut parts = vec![counted(men_of(losses), "man", "men")];
    for (classes, one, many) in [
        (&[C::Tank][..], "tank", "tanks"),
        (&[C::ArmoredCar][..], "armoured car", "armoured cars"),
        (&[C::FieldGun, C::AntiTankGun][..], "gun", "guns"),
    ] {
        let n = count(classes);
        if n > 0 {
            parts.push(counted(n, one, many));
        }
    }
    parts.join(", ")
}

/// `n` and the noun for one or for many: "1 hex", "3 hexes".
pub fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The hex an event happened in, where it names one: the hex moved to, attacked, bombarded,
/// taken, retreated or advanced to, where vehicles were recovered or lost, an objective's hex.
pub fn event_hex(scn: &Scenario, e: &SimEvent) -> Option<HexId> {
    match e {
        SimEvent::Deployed { hex, .. }
        | SimEvent::Arrived { hex, .. }
        | SimEvent::Recovered { hex, .. }
        | SimEvent::WrecksLost { hex, .. }
        | SimEvent::Taken { hex, .. } => Some(*hex),
        SimEvent::Moved { to, .. }
        | SimEvent::Retreated { to, .. }
        | SimEvent::Advanced { to, .. } => Some(*to),
        SimEvent::Combat { target, .. } | SimEvent::Bombarded { target, .. } => Some(*target),
        SimEvent::ObjectiveTaken { objective, .. } => scn.objectives.get(*objective).map(|o| o.hex),
        _ => None,
    }
}

/// One line of the turn log for an event, or `None` for events the log leaves out.
pub fn describe(scn: &Scenario, e: &SimEvent) -> Option<String> {
    let name = |u: &UnitIx| scn.units[*u as usize].name.as_str();
    let at = |h: &HexId| where_is(scn, *h);
    Some(match e {
        SimEvent::TurnStarted {
            turn, date, night, ..
        } => format!(
            "— Turn {} of {}: {}{} —",
            turn + 1,
            scn.turns(),
            date.readable(),
            if *night { " (night)" } else { "" }
        ),
        SimEvent::BridgeChanged { bridge, stands } => {
            let b = &scn.bridges[*bridge];
            if *stands {
                format!("The {} ({} bridge) is open", b.name, b.capacity)
            } else {
                format!("The {} is down", b.name)
            }
        }
        SimEvent::AirfieldRaid {
            side, destroyed, ..
        } => {
            let n: u32 = destroyed.iter().map(|d| d.1).sum();
            format!(
                "The {} bombers raid the enemy's airfields: {n} aircraft destroyed on the ground",
                side.adjective()
            )
        }
        SimEvent::AirBattle { losses, .. } => {
            let lost = |side: Side| -> u32 {
                losses
                    .iter()
                    .filter(|(i, _)| scn.air_units[*i].side == side)
                    .map(|l| l.1)
                    .sum()
            };
            format!(
                "Air fighting: the Soviet side loses {} aircraft, the Japanese {}",
                lost(Side::Soviet),
                lost(Side::Japanese)
            )
        }
        SimEvent::Moved { unit, to, .. } => format!("{} moves to {}", name(unit), at(to)),
        SimEvent::OrderRejected { reason, .. } => format!("Refused: {reason}"),
        SimEvent::Contact { unit, hex, ordered } => format!(
            "{} runs into enemy units not seen before and stops at {} (ordered to {})",
            name(unit),
            at(hex),
            at(ordered)
        ),
        SimEvent::Combat {
            attackers,
            target,
            odds,
            attacker_losses,
            defender_losses,
            ..
        } => format!(
            "{} attack{} {} at {odds:.1}:1 — attackers lose {}; defenders {}",
            name(&attackers[0]),
            if attackers.len() > 1 {
                format!(" with {} more", attackers.len() - 1)
            } else {
                "s".into()
            },
            at(target),
            losses_text(scn, attacker_losses),
            losses_text(scn, defender_losses),
        ),
        SimEvent::Bombarded {
            unit,
            target,
            losses,
            ..
        } => format!(
            "{} shells {} — {} lost",
            name(unit),
            at(target),
            losses_text(scn, losses)
        ),
        SimEvent::Taken { hex, .. } => format!("{} is taken", at(hex)),
        SimEvent::Retreated { unit, to, .. } => format!("{} falls back to {}", name(unit), at(to)),
        SimEvent::Advanced { unit, to } => format!("{} advances into {}", name(unit), at(to)),
        SimEvent::Routed { unit, loss } => {
            format!("{} routs, losing {} men", name(unit), loss.men)
        }
        SimEvent::Surrendered {
            unit,
            loss,
            captured,
        } => format!(
            "{} surrenders ({} men, {captured} taken prisoner)",
            name(unit),
            loss.men
        ),
        SimEvent::Destroyed { unit, .. } => format!("{} is destroyed", name(unit)),
        SimEvent::SupplyCut { unit } => format!("{} is cut off from supply", name(unit)),
        SimEvent::FormationRelieved { formation, .. } => {
            let f = scn.formations.iter().find(|f| &f.key == formation);
            format!(
                "Encircled no longer: {}{}",
                f.map_or(formation.as_str(), |f| f.name.as_str()),
                goal_points(scn, formation).map_or(String::new(), |p| format!(
                    " (its {p} points no longer count for the enemy)"
                ))
            )
        }
        SimEvent::Deployed { .. }
        | SimEvent::SideToMove { .. }
        | SimEvent::SideTurnEnded { .. }
        | SimEvent::SupplyTraced { .. }
        | SimEvent::Attrition { .. }
        | SimEvent::Sighted { .. }
        | SimEvent::Rested => return None,
        SimEvent::FormationEncircled {
            formation, date, ..
        } => {
            let f = scn.formations.iter().find(|f| &f.key == formation);
            // Formation names are singular and plural ("… Regiment", "… border troops"): the verb
            // comes first.
            format!(
                "Encircled ({}): {}{}",
                date.readable(),
                f.map_or(formation.as_str(), |f| f.name.as_str()),
                goal_points(scn, formation).map_or(String::new(), |p| format!(
                    " (its {p} points count for the enemy while it stays cut off)"
                ))
            )
        }
        SimEvent::Arrived { unit, hex } => format!("{} arrives at {}", name(unit), at(hex)),
        SimEvent::Withdrawn { unit } => format!("{} is withdrawn", name(unit)),
        SimEvent::Recovered {
            unit, equipment, ..
        } => {
            let n: u32 = equipment.iter().map(|e| e.1).sum();
            format!(
                "{} recovers {n} knocked-out vehicle{}",
                name(unit),
                if n == 1 { "" } else { "s" }
            )
        }
        SimEvent::WrecksLost { hex, wrecks, .. } => {
            let n: u32 = wrecks.iter().map(|w| w.2).sum();
            format!(
                "{n} knocked-out vehicle{} at {} lost for good",
                if n == 1 { "" } else { "s" },
                at(hex)
            )
        }
        SimEvent::ObjectiveTaken { name, by, .. } => {
            format!("{name} taken by the {}", side_name(scn, *by))
        }
        SimEvent::GameOver {
            winner,
            soviet_points,
            date,
        } => format!(
            "Game over on {}: {} ({} Soviet points)",
            date.readable(),
            winner.map_or("a draw".to_string(), |w| format!(
                "{} victory",
                side_name(scn, w)
            )),
            crate::sim::rules::victory::show_points(*soviet_points)
        ),
    })
}
