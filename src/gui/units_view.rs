//! Unit counters in the NATO style that follow the simulation's units: a frame in the side's colour
//! with the branch symbol (a cross for infantry, an oval for armour, a diagonal for cavalry, a dot for
//! artillery, two strokes for anti-tank, a bar for headquarters) and, above it, the size mark of its
//! unit's `echelon` (its own in the scenario, else its type's: I company, II battalion, III regiment, X brigade, XX division); in its
//! lower right corner a strength figure (tanks, guns, or hundreds of men). Under each, a strength bar (men
//! left of the men the unit started with) coloured by cohesion; a red corner when the unit is out of
//! supply, a black one when it counts as encircled; hatches down its left side when entrenched. A counter glides to its
//! new hex when its unit moves, so the computer's moves are seen. During a person's turn, that
//! side's units that can move no further are filled darker.

use super::line_mesh::LineMesh;
use super::{PX_PER_KM, ViewedScenario, hex_world};
use crate::data::Side;
use crate::data::rules::Branch;
use bevy::prelude::*;
use std::collections::BTreeMap;

/// Soviet counters: red-brown; Japanese counters: ochre.
pub fn side_colour(side: Side) -> Color {
    match side {
        Side::Soviet => Color::srgb(0.70, 0.22, 0.17),
        Side::Japanese => Color::srgb(0.86, 0.70, 0.20),
    }
}

/// Counter size in world units.
pub const COUNTER: Vec2 = Vec2::new(0.62 * PX_PER_KM, 0.42 * PX_PER_KM);

/// A counter, drawing the unit with index `unit`.
#[derive(Component)]
pub struct Counter {
    pub unit: usize,
}

/// The fill of a counter (a child of its [`Counter`]).
#[derive(Component)]
pub struct Fill;

/// The strength figure in a counter's lower right corner (a child of its [`Counter`]): tanks
/// for armour, guns for artillery and anti-tank units, hundreds of men for the rest; `?` for a
/// ghost.
#[derive(Component)]
pub struct StrengthFigure;

/// A counter drawn where its side last saw an enemy unit it no longer sees (fog of war): faded,
/// with a question mark for its strength.
#[derive(Component)]
pub struct Ghost;

/// A counter on its way to `to` (world units).
#[derive(Component)]
pub struct Moving {
    pub to: Vec2,
}

/// Meshes and materials shared by all counters: frame, border, black.
type CounterAssets = (Handle<Mesh>, Handle<Mesh>, Handle<ColorMaterial>);

/// Counter fills: each side's colour, then the same darkened for units that can move no further,
/// then faded for ghosts.
#[derive(Resource)]
pub struct CounterFills([Handle<ColorMaterial>; 6]);

impl FromWorld for CounterFills {
    fn from_world(world: &mut World) -> Self {
        let mut materials = world.resource_mut::<Assets<ColorMaterial>>();
        let dim = |c: Color| c.mix(&Color::srgb(0.25, 0.25, 0.25), 0.55);
        CounterFills([
            materials.add(side_colour(Side::Soviet)),
            materials.add(side_colour(Side::Japanese)),
            materials.add(dim(side_colour(Side::Soviet))),
            materials.add(dim(side_colour(Side::Japanese))),
            materials.add(side_colour(Side::Soviet).with_alpha(0.35)),
            materials.add(side_colour(Side::Japanese).with_alpha(0.35)),
        ])
    }
}

impl CounterFills {
    fn get(&self, side: Side, spent: bool, ghost: bool) -> &Handle<ColorMaterial> {
        let shade = if ghost {
            4
        } else if spent {
            2
        } else {
            0
        };
        &self.0[side.index() + shade]
    }
}

/// Glide speed of a moving counter, world units a second.
const GLIDE: f32 = 12.0 * PX_PER_KM;

/// Where a unit's counter sits: its hex centre, shifted down-right for each unit before it in the
/// hex (by id) so a stack shows its depth.
fn slot(scn: &crate::scenario::Scenario, hex: crate::map::HexId, depth: usize) -> Vec2 {
    hex_world(scn, hex) + Vec2::new(3.0, -3.0) * depth as f32
}

/// A counter as [`sync_counters`] reads it: entity, counter, place, glide, whether a ghost.
type CounterParts<'a> = (
    Entity,
    &'a Counter,
    &'a Transform,
    Option<&'a mut Moving>,
    Has<Ghost>,
);

/// Spawns counters for new units, moves counters whose unit moved, removes those of units gone,
/// from the board the player's side knows ([`super::overlay::ViewBoard`]): under fog of war an
/// enemy unit out of sight has no counter, or a ghost where it was last seen.
#[allow(clippy::too_many_arguments)]
pub fn sync_counters(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    board: Res<super::overlay::ViewBoard>,
    entities: Res<crate::sim::UnitEntities>,
    mut counters: Query<CounterParts>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    fills: Res<CounterFills>,
    mut assets: Local<Option<CounterAssets>>,
) {
    let scn = &scn.0;
    let (frame, border, black) = assets
        .get_or_insert_with(|| {
            (
                meshes.add(Rectangle::new(COUNTER.x, COUNTER.y)),
                meshes.add(Rectangle::new(COUNTER.x + 2.0, COUNTER.y + 2.0)),
                materials.add(Color::BLACK),
            )
        })
        .clone();
    // Slots by hex, in unit-id order (the board is sorted by id).
    let mut depth: BTreeMap<crate::map::HexId, usize> = BTreeMap::new();
    let mut target: BTreeMap<usize, (Vec2, bool)> = BTreeMap::new();
    for u in board.0.live() {
        let d = depth.entry(u.hex).or_default();
        target.insert(u.id as usize, (slot(scn, u.hex, *d), u.ghost));
        *d += 1;
    }
    let mut drawn: Vec<usize> = Vec::new();
    for (ce, counter, t, moving, ghost) in &mut counters {
        let Some(&(to, as_ghost)) = target.get(&counter.unit) else {
            commands.entity(ce).despawn();
            continue;
        };
        if ghost != as_ghost {
            // Seen again, or lost to sight: drawn afresh where it is now known to be.
            commands.entity(ce).despawn();
            continue;
        }
        drawn.push(counter.unit);
        let at = t.translation.truncate();
        match moving {
            Some(mut m) => m.to = to,
            None if at.distance(to) > 0.5 => {
                commands.entity(ce).insert(Moving { to });
            }
            None => {}
        }
    }
    for (&unit, &(p, ghost)) in &target {
        if entities.0.get(unit).copied().flatten().is_none() || drawn.contains(&unit) {
            continue;
        }
        let side = scn.units[unit].side;
        let z = 10.0 + unit as f32 * 0.01;
        let mut c = commands.spawn((
            Counter { unit },
            Mesh2d(border.clone()),
            MeshMaterial2d(black.clone()),
            Transform::from_xyz(p.x, p.y, z),
        ));
        c.with_child((
            Fill,
            Mesh2d(frame.clone()),
            MeshMaterial2d(fills.get(side, false, ghost).clone()),
            Transform::from_xyz(0.0, 0.0, 0.001),
        ));
        c.with_child((
            StrengthFigure,
            Text2d::new(""),
            TextFont {
                font_size: bevy::text::FontSize::Px(FIGURE_PX),
                ..default()
            },
            TextColor(Color::BLACK),
            TextBackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.75)),
            // Drawn large and scaled down, so the zoomed-in map shows it sharp.
            Transform::from_xyz(COUNTER.x / 2.0 - 3.2, -COUNTER.y / 2.0 + 2.6, 0.007)
                .with_scale(Vec3::splat(FIGURE_HEIGHT / FIGURE_PX)),
        ));
        if ghost {
            c.insert(Ghost);
        }
    }
}

/// During a person's turn, the counters of that side's units that can move no further this turn
/// (hours spent, or stopped in an enemy zone of control) are filled darker, so what is left to
/// order stands out; they may still attack.
#[allow(clippy::too_many_arguments)]
pub fn dim_spent(
    scn: Res<ViewedScenario>,
    board: Res<super::overlay::ViewBoard>,
    phase: Res<State<crate::sim::Phase>>,
    clock: Res<crate::sim::Clock>,
    humans: Res<crate::sim::Humans>,
    turn: Res<crate::sim::TurnState>,
    counters: Query<(&Counter, &Children, Has<Ghost>)>,
    palette: Res<CounterFills>,
    mut fills: Query<&mut MeshMaterial2d<ColorMaterial>, With<Fill>>,
) {
    let scn = &scn.0;
    let zoc = super::players_turn(*phase.get(), clock.active, &humans)
        .then(|| board.0.zoc_of(scn, clock.active.enemy()));
    for (c, children, ghost) in &counters {
        let side = scn.units[c.unit].side;
        // Spent: it can move no further, or (once the side has attacked, which ends movement)
        // it cannot attack any more this turn.
        let spent = zoc.as_ref().is_some_and(|zoc| {
            side == clock.active
                && board.0.get(c.unit as u32).is_some_and(|u| {
                    crate::sim::movement::movement_over(scn, zoc, u).is_some()
                        || (turn.attacked
                            && (turn.used.contains(&u.id)
                                || !crate::sim::attack_setup::can_attack(scn, u)))
                })
        });
        let want = palette.get(side, spent, ghost);
        for child in children.iter() {
            if let Ok(mut fill) = fills.get_mut(child)
                && fill.0 != *want
            {
                fill.0 = want.clone();
            }
        }
    }
}

/// Height of a strength figure, world units (readable once the map is zoomed in), and the font
/// size it is drawn at before scaling.
const FIGURE_HEIGHT: f32 = 5.0;
const FIGURE_PX: f32 = 28.0;

/// The figure a counter shows for a unit as its side knows it (see [`StrengthFigure`]).
pub fn strength_figure(scn: &crate::scenario::Scenario, u: &crate::sim::UnitSnap) -> String {
    use crate::data::EquipmentClass as C;
    if u.ghost {
        return "?".into();
    }
    let count = |classes: &[C]| -> u32 {
        u.strength
            .equipment
            .iter()
            .filter(|(e, _)| classes.contains(&scn.equipment[*e].class))
            .map(|p| p.1)
            .sum()
    };
    match scn.unit_type(u.id).branch {
        Branch::Armor => count(&[C::Tank, C::ArmoredCar]).to_string(),
        Branch::Artillery => count(&[C::FieldGun]).to_string(),
        Branch::AntiTank => count(&[C::AntiTankGun]).to_string(),
        _ => format!("{}", (u.strength.men + 50) / 100),
    }
}

/// Keeps each counter's strength figure current.
pub fn update_figures(
    scn: Res<ViewedScenario>,
    board: Res<super::overlay::ViewBoard>,
    counters: Query<(&Counter, &Children)>,
    mut figures: Query<&mut Text2d, With<StrengthFigure>>,
) {
    for (c, children) in &counters {
        let Some(u) = board.0.get(c.unit as u32) else {
            continue;
        };
        let want = strength_figure(&scn.0, u);
        for child in children.iter() {
            if let Ok(mut t) = figures.get_mut(child)
                && t.0 != want
            {
                t.0 = want.clone();
            }
        }
    }
}

/// Moves gliding counters toward their hex.
pub fn animate_counters(
    mut commands: Commands,
    time: Res<Time>,
    mut q: Query<(Entity, &mut Transform, &Moving)>,
) {
    for (e, mut t, m) in &mut q {
        let at = t.translation.truncate();
        let step = GLIDE * time.delta_secs();
        if at.distance(m.to) <= step {
            t.translation = m.to.extend(t.translation.z);
            commands.entity(e).remove::<Moving>();
        } else {
            let next = at + (m.to - at).normalize() * step;
            t.translation = next.extend(t.translation.z);
        }
    }
}

/// What a counter's marks show: unit, place (bits of x and y), and as its side knows it (`None`
/// for a ghost): men, cohesion (bits), phases out of supply, entrenchment.
type MarksKey = (usize, [u32; 2], Option<(u32, u32, u32, u8)>);

/// Branch symbols, size marks, strength bars and status marks on every counter; drawn again only
/// when a counter moves or what its side knows of the unit changes.
pub fn draw_status(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    counters: Query<(&Counter, &Transform)>,
    board: Res<super::overlay::ViewBoard>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut drawing: Local<super::retained::Drawing<Vec<MarksKey>>>,
) {
    let mut key: Vec<MarksKey> = counters
        .iter()
        .map(|(c, t)| {
            let known = board.0.get(c.unit as u32).filter(|u| !u.ghost).map(|u| {
                (
                    u.strength.men,
                    u.condition.cohesion.to_bits(),
                    u.supply.turns_out,
                    u.condition.entrenchment,
                )
            });
            let p = t.translation;
            (c.unit, [p.x.to_bits(), p.y.to_bits()], known)
        })
        .collect();
    key.sort_unstable();
    drawing.show(key, &mut commands, (&mut meshes, &mut materials), |lines| {
        counter_marks(&scn.0, &counters, &board.0, lines)
    });
}

/// Draws the marks of every counter, each just over its counter and under the counters above it.
fn counter_marks(
    scn: &crate::scenario::Scenario,
    counters: &Query<(&Counter, &Transform)>,
    board: &crate::sim::Board,
    lines: &mut LineMesh,
) {
    let encircled_after = scn.rules.supply.encircled_after_turns;
    let ink = Color::BLACK;
    for (c, t) in counters {
        let u = &scn.units[c.unit];
        let p = t.translation.truncate();
        lines.at_z(t.translation.z + Z_MARKS);
        let (hw, hh) = (COUNTER.x / 2.0 - 2.0, COUNTER.y / 2.0 - 2.0);
        let oval = Vec2::new(hw * 0.75, hh * 0.6);
        match scn.unit_types[u.kind].branch {
            Branch::Infantry | Branch::MotorisedInfantry | Branch::Engineer => {
                lines.line(p + Vec2::new(-hw, -hh), p + Vec2::new(hw, hh), INK, ink);
                lines.line(p + Vec2::new(-hw, hh), p + Vec2::new(hw, -hh), INK, ink);
                if scn.unit_types[u.kind].branch == Branch::MotorisedInfantry {
                    lines.ellipse(p, oval, INK, ink);
                }
            }
            Branch::Armor => lines.ellipse(p, oval, INK, ink),
            Branch::Cavalry => lines.line(p + Vec2::new(-hw, -hh), p + Vec2::new(hw, hh), INK, ink),
            Branch::Artillery => lines.ellipse(p, Vec2::splat(hh * 0.4), INK, ink),
            Branch::AntiTank => {
                lines.line(p + Vec2::new(-hw, -hh), p + Vec2::new(0.0, hh), INK, ink);
                lines.line(p + Vec2::new(hw, -hh), p + Vec2::new(0.0, hh), INK, ink);
            }
            Branch::Headquarters => lines.line(
                p + Vec2::new(-hw, hh * 0.2),
                p + Vec2::new(hw, hh * 0.2),
                INK,
                ink,
            ),
        }
        if let Some(e) = u.echelon {
            size_mark(lines, p + Vec2::new(0.0, COUNTER.y / 2.0 + 2.5), e.marks());
        }
        let Some(known) = board.get(c.unit as u32) else {
            continue;
        };
        if known.ghost {
            continue;
        }
        let (strength, cond, supply) = (&known.strength, &known.condition, &known.supply);
        // Strength bar under the counter, its length the share of men left, its colour the
        // cohesion: green at full through yellow to red. The black bar behind it is drawn first.
        let share = (strength.men as f32 / u.men.max(1) as f32).clamp(0.0, 1.0);
        let y = p.y - COUNTER.y / 2.0 - 2.5;
        let x0 = p.x - COUNTER.x / 2.0;
        let k = (cond.cohesion / 100.0).clamp(0.0, 1.0);
        let bar = Color::srgb(1.0 - k * 0.8, 0.25 + 0.6 * k, 0.15);
        lines.line(
            Vec2::new(x0, y),
            Vec2::new(x0 + COUNTER.x, y),
            BAR,
            Color::BLACK,
        );
        lines.line(
            Vec2::new(x0, y),
            Vec2::new(x0 + COUNTER.x * share, y),
            BAR,
            bar,
        );
        if !supply.in_supply() {
            let colour = if supply.turns_out >= encircled_after {
                Color::BLACK
            } else {
                Color::srgb(0.9, 0.05, 0.05)
            };
            let corner = p + Vec2::new(COUNTER.x / 2.0, COUNTER.y / 2.0);
            for k in 0..3 {
                let d = k as f32 * 1.5;
                lines.line(
                    corner + Vec2::new(-7.0 + d, 0.0),
                    corner + Vec2::new(0.0, -7.0 + d),
                    INK,
                    colour,
                );
            }
        }
        // Entrenchment: up to three hatches down the counter's left side (the size mark is above).
        if cond.entrenchment > 0 {
            let base = p + Vec2::new(-COUNTER.x / 2.0 - 3.5, COUNTER.y / 2.0 - 2.5);
            for k in 0..cond.entrenchment.min(3) {
                let y = base.y - k as f32 * 3.0;
                let from = Vec2::new(base.x, y);
                lines.line(from, from + Vec2::new(2.0, 2.0), INK, ink);
            }
        }
    }
}

/// Height of a counter's marks over the counter (z): over its fill (0.001), under its strength
/// figure (0.007) and the next counter up (0.01).
const Z_MARKS: f32 = 0.004;

/// Width of the marks' ink and of the strength bar, world units.
const INK: f32 = 1.3;
const BAR: f32 = 2.0;

/// Height of a size mark above the counter, world units.
const MARK: f32 = 3.5;

/// Draws a size mark centred at the bottom point `at`: `strokes` upright strokes or `crosses`
/// small crosses side by side.
fn size_mark(lines: &mut LineMesh, at: Vec2, (strokes, crosses): (u8, u8)) {
    let ink = Color::BLACK;
    let n = strokes.max(crosses) as f32;
    let gap = if crosses > 0 { MARK + 1.0 } else { 2.0 };
    for k in 0..strokes.max(crosses) {
        let x = at.x + (k as f32 - (n - 1.0) / 2.0) * gap;
        if crosses > 0 {
            let h = MARK / 2.0;
            lines.line(
                Vec2::new(x - h, at.y),
                Vec2::new(x + h, at.y + MARK),
                INK,
                ink,
            );
            lines.line(
                Vec2::new(x - h, at.y + MARK),
                Vec2::new(x + h, at.y),
                INK,
                ink,
            );
        } else {
            lines.line(Vec2::new(x, at.y), Vec2::new(x, at.y + MARK), INK, ink);
        }
    }
}
