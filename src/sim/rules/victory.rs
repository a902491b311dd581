//! Victory: the end of the game and its points.
//!
//! The game ends after its last turn, or as soon as a side has no unit on the map and none still
//! to arrive.
//!
//! Soviet points are the sum of: the points of the objectives the Soviet side holds; the points of
//! each Japanese formation goal whose formation is encircled or destroyed, less those of each Soviet
//! one; and `points_per_1000_enemy_men` × (Japanese men lost − Soviet men lost) / 1000.
//!
//! At or above `soviet_wins_at` the Soviet side wins; at or below `japanese_wins_at` the Japanese
//! side wins; between the two it is a draw.

use crate::data::{Side, Stamp};
use crate::scenario::Scenario;
use crate::sim::apply::Step;
use crate::sim::{Board, GameState, Outcome, SimEvent};

/// Whether a formation (with its sub-formations) has been destroyed: some of its units came into play,
/// none is left, and at least one was destroyed or surrendered rather than withdrawn.
pub fn formation_destroyed(scn: &Scenario, board: &Board, tally: &GameState, f: usize) -> bool {
    let members: Vec<usize> = (0..scn.units.len())
        .filter(|&i| scn.formation_chain(scn.units[i].formation).any(|x| x == f))
        .collect();
    let alive = board.live().any(|u| members.contains(&(u.id as usize)));
    let lost = members
        .iter()
        .any(|&i| tally.removed[i] && scn.units[i].withdraws.is_none());
    !alive && lost
}

/// Who wins with `pts` Soviet points: the Soviet side at or above `soviet_wins_at`, the Japanese at
/// or below `japanese_wins_at`, nobody between (a draw).
pub fn verdict(v: &crate::data::scenario::Victory, pts: f32) -> Option<Side> {
    if pts >= v.soviet_wins_at as f32 {
        Some(Side::Soviet)
    } else if pts <= v.japanese_wins_at as f32 {
        Some(Side::Japanese)
    } else {
        None
    }
}

/// Points as the window shows them: whole when they are whole, else to a tenth (39.5 is not 40).
pub fn show_points(pts: f32) -> String {
    if (pts - pts.round()).abs() < 0.05 {
        format!("{pts:.0}")
    } else {
        format!("{pts:.1}")
    }
}

/// What the Soviet points are made of now: the points of the objectives the Soviet side holds,
/// each formation goal that counts (the formation's index, whether it is destroyed rather than cut
/// off, and its points: + for a Japanese formation, − for a Soviet one), and the points for men
/// lost.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParts {
    pub objectives: f32,
    pub formations: Vec<(usize, bool, f32)>,
    pub men: f32,
}

impl ScoreParts {
    /// The Soviet points: the parts added in the order the rule lists them.
    pub fn total(&self) -> f32 {
        let mut pts = self.objectives;
        for &(_, _, p) in &self.formations {
            pts += p;
        }
        pts + self.men
    }
}

/// The parts of the Soviet points now (see the module's rule).
pub fn score_parts(scn: &Scenario, board: &Board, tally: &GameState) -> ScoreParts {
    let v = &scn.file.victory;
    let mut objectives: f32 = 0.0;
    for (o, holder) in scn.objectives.iter().zip(&tally.holders) {
        if *holder == Side::Soviet {
            objectives += o.points as f32;
        }
    }
    let mut formations = Vec::new();
    for g in &v.formations {
        let Some(f) = scn.formations.iter().position(|x| x.key == g.formation) else {
            continue;
        };
        let destroyed = formation_destroyed(scn, board, tally, f);
        if tally.encircled_now.contains(&f) || destroyed {
            let p = if scn.formations[f].side == Side::Japanese {
                g.points as f32
            } else {
                -(g.points as f32)
            };
            formations.push((f, destroyed, p));
        }
    }
    let diff = tally.losses[Side::Japanese.index()].men as f32
        - tally.losses[Side::Soviet.index()].men as f32;
    ScoreParts {
        objectives,
        formations,
        men: v.points_per_1000_enemy_men * diff / 1000.0,
    }
}

pub fn score(scn: &Scenario, board: &Board, tally: &GameState, end: Stamp) -> Outcome {
    let pts = score_parts(scn, board, tally).total();
    let winner = verdict(&scn.file.victory, pts);
    Outcome {
        winner,
        soviet_points: pts,
        end,
    }
}

/// Whether the game is over at the end of this turn; if so, scores it and emits `GameOver`.
pub fn end_if_over(step: &mut Step) -> bool {
    let scn = step.scn.clone();
    let clock = step.clock();
    let side_gone = |side: Side| {
        let g = step.game();
        step.board.live().all(|u| u.side != side)
            && scn
                .units
                .iter()
                .enumerate()
                .all(|(i, u)| u.side != side || g.arrived[i])
    };
    let last = clock.turn + 1 >= scn.turns();
    if !(last || side_gone(Side::Soviet) || side_gone(Side::Japanese)) {
        return false;
    }
    let end = clock.now.plus_hours(scn.file.turn_hours as i64);
    let outcome = score(&scn, &step.board, step.game(), end);
    step.emit(SimEvent::GameOver {
        winner: outcome.winner,
        soviet_points: outcome.soviet_points,
        date: end,
    });
    true
}
