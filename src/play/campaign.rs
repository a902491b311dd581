//! A campaign told to the player: where the battle stands in it before it starts (the campaign
//! points so far, what happened since the last battle, what the units carry in), and after it
//! ends (its campaign points, the campaign's standing, the next battle or the campaign's end).

use crate::campaign::run::SidesBrought;
use crate::campaign::{Campaign, Progress};
use crate::data::Side;
use crate::data::campaign::BattleResult;
use crate::scenario::Scenario;

/// Units listed by name in the carried-in part of the briefing, weakest first.
const LISTED_UNITS: usize = 6;

/// The sides `humans` plays (both, from the Soviet side, for two players or none).
fn player(humans: [bool; 2]) -> Side {
    if humans == [false, true] {
        Side::Japanese
    } else {
        Side::Soviet
    }
}

/// Campaign points with at most one decimal ("4", "4.5").
fn points(p: f32) -> String {
    crate::sim::rules::victory::show_points(p)
}

/// The campaign's points so far and its thresholds, from the player's side, and the points of the
/// battles still to play.
fn standing_line(c: &Campaign, p: &Progress, humans: [bool; 2]) -> String {
    let v = &c.file.victory;
    let total = c.total_points();
    let sov = points(p.soviet_points());
    let played: u32 = p
        .played
        .iter()
        .filter_map(|d| c.battle(&d.battle))
        .map(|i| c.battles[i].points)
        .sum();
    let left = if p.over() {
        String::new()
    } else {
        format!("; {} still to play for", total.saturating_sub(played))
    };
    if player(humans) == Side::Japanese {
        format!(
            "Soviet campaign points {sov} of {total} (you win the campaign at <= {}, lose at >= {}{left})",
            v.japanese_wins_at, v.soviet_wins_at
        )
    } else {
        format!(
            "Soviet campaign points {sov} of {total} (win the campaign at >= {}, lose at <= {}{left})",
            v.soviet_wins_at, v.japanese_wins_at
        )
    }
}

/// How the strengths carried in are to be read.
const CARRY_TOLD: &str = "Each unit comes in with this battle's historical strength, changed by how it did in its last battle against its side's losses in the record: one that lost less than its side did comes in stronger, one that lost more weaker (part of the difference; replacements make good the rest). \"N of M men\": M is history's strength in this battle.";

/// Per cent of `history` (100 where history has none).
fn pct(now: u64, history: u64) -> u64 {
    (now * 100 + history / 2)
        .checked_div(history)
        .unwrap_or(100)
}

/// What `side` brings into `scn` against history: the totals, and the units furthest from their
/// historical men (at most [`LISTED_UNITS`]).
fn carried_lines(scn: &Scenario, side: Side) -> String {
    let now = SidesBrought::of(scn, false);
    let his = SidesBrought::of(scn, true);
    let (n, h) = match side {
        Side::Soviet => (now.soviet, his.soviet),
        Side::Japanese => (now.japanese, his.japanese),
    };
    let mut s = format!(
        "{} of history's men, {} of its tanks, {} of its armoured cars, {} of its guns",
        format_args!("{}%", pct(n.men, h.men)),
        format_args!("{}%", pct(n.tanks, h.tanks)),
        format_args!("{}%", pct(n.armored_cars, h.armored_cars)),
        format_args!("{}%", pct(n.guns, h.guns)),
    );
    let mut changed: Vec<(i64, String)> = scn
        .units
        .iter()
        .filter(|u| u.side == side)
        .filter_map(|u| {
            let file = scn.file.units.iter().find(|f| f.id == u.key)?;
            (file.men != u.men).then(|| {
                let p = pct(u.men as u64, file.men as u64);
                (
                    (p as i64 - 100).abs(),
                    format!("  {}: {} of {} men ({p}%)", u.name, u.men, file.men),
                )
            })
        })
        .collect();
    changed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, line) in changed.iter().take(LISTED_UNITS) {
        s += "\n";
        s += line;
    }
    if changed.len() > LISTED_UNITS {
        s += &format!("\n  and {} more units", changed.len() - LISTED_UNITS);
    }
    s
}

/// The campaign part of a battle's briefing: which battle of the campaign this is, the points so
/// far, what happened since the battle before, and what the player's side (and the enemy) bring
/// into it from their last battles.
pub fn campaign_briefing(c: &Campaign, p: &Progress, scn: &Scenario, humans: [bool; 2]) -> String {
    let b = p.next_battle(c).unwrap_or(0);
    let battle = &c.battles[b];
    let mut s = format!(
        "CAMPAIGN: {}, battle {} of {} (worth {} campaign points)\n{}\n",
        c.file.name,
        p.played.len() + 1,
        c.battles.len(),
        battle.points,
        standing_line(c, p, humans)
    );
    for done in &p.played {
        let name = c.battle(&done.battle).map_or(done.battle.as_str(), |i| {
            c.battles[i].scenario.file.name.as_str()
        });
        s += &format!("  {name}: {}\n", done.result.told());
    }
    if !battle.before.is_empty() {
        s += &format!("\n{}\n", battle.before);
    }
    if !scn.carried.is_empty() {
        let me = player(humans);
        s += &format!(
            "\nFrom their last battles your side brings {}\nThe enemy brings {}\n{CARRY_TOLD}\n",
            carried_lines(scn, me),
            carried_lines(scn, me.enemy())
        );
    }
    s + "\n"
}

/// What the battle just ended means for the campaign (`after`: the campaign after it): its result
/// and campaign points, the campaign's points now, and the next battle with what the player's side
/// brings into it, or the campaign's result beside history's.
pub fn campaign_after(c: &Campaign, after: &Progress, humans: [bool; 2]) -> String {
    let Some(done) = after.played.last() else {
        return String::new();
    };
    let name = c.battle(&done.battle).map_or(done.battle.as_str(), |i| {
        c.battles[i].scenario.file.name.as_str()
    });
    let mut s = format!(
        "Campaign: {name} was a {}: {} campaign points to the Soviet side.\n{}\n",
        done.result.told(),
        points(done.campaign_points),
        standing_line(c, after, humans)
    );
    match after.next_battle(c) {
        Some(next) => {
            let scn = after.scenario_for(c, next);
            s += &format!(
                "Next: battle {} of {}, {}.\n",
                after.played.len() + 1,
                c.battles.len(),
                c.battles[next].scenario.file.name
            );
            if let Ok(scn) = scn
                && !scn.carried.is_empty()
            {
                s += &format!(
                    "Your side will bring {}\n{CARRY_TOLD}\n",
                    carried_lines(&scn, player(humans))
                );
            }
            s += "N: on to the next battle (the campaign is kept; `khalkhin play --campaign` or F2 \
                  continues it later).\n";
        }
        None => {
            let result = after.result(c);
            let history = crate::campaign::summary::historical_result(c)
                .map_or(String::new(), |(r, p)| {
                    format!(" History: a {}, with {} points.", r.told(), points(p))
                });
            let one_side = humans == [true, false] || humans == [false, true];
            let yours = match result {
                BattleResult::Draw => String::new(),
                r if one_side && BattleResult::of(Some(player(humans))) == r => {
                    "your victory: ".into()
                }
                _ if one_side => "your defeat: ".into(),
                _ => String::new(),
            };
            s += &format!(
                "The campaign is over, {yours}a {} with {} Soviet campaign points.{history}\n",
                result.told(),
                points(after.soviet_points())
            );
            let recorded = |id: &str| {
                c.file.historical.as_ref().and_then(|h| {
                    h.results
                        .iter()
                        .find(|(b, _)| b == id)
                        .map(|(_, r)| r.told())
                })
            };
            for done in &after.played {
                let name = c.battle(&done.battle).map_or(done.battle.as_str(), |i| {
                    c.battles[i].scenario.file.name.as_str()
                });
                s += &format!(
                    "  {name}: {} ({} campaign points){}\n",
                    done.result.told(),
                    points(done.campaign_points),
                    recorded(&done.battle).map_or(String::new(), |h| format!("; history: {h}"))
                );
            }
        }
    }
    s
}
