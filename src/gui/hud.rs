//! The panels: a top bar (scenario, date and time of the turn, day or night, turn number, whose move,
//! victory points against the thresholds), an end-turn button, a right-hand panel with the selected
//! unit's details and, over an enemy hex next to it, the odds preview of an attack, a turn log at the
//! bottom left, and a summary beside the historical record when the game is over.

use super::overlay::ViewBoard;
use super::{Hovered, Selection, ViewedScenario, players_turn};
use crate::data::Side;
use crate::map::HexId;
use crate::play::{attack_preview, describe, side_name};
use crate::sim::{
    Clock, EventLog, GameState, Humans, Phase, PlayerCommand, PlayerCommands, SimEvent,
};
use bevy::prelude::*;
use std::collections::VecDeque;

/// Marks a panel: clicks on it do not reach the map.
#[derive(Component)]
pub struct Panel;

/// A panel floating over the map (a list, a question, the help, the menu): placed at `top` and
/// `left`, `width` wide, its children in a column `gap` px apart, drawn at `z` over the rest, on
/// `background`; clicks on it do not reach the map. Taller than the window below `top`, it
/// scrolls with the mouse wheel ([`super::scrolling`]).
pub fn floating(
    (top, left, width): (Val, Val, Val),
    (padding, gap): (f32, f32),
    z: i32,
    background: Color,
) -> impl Bundle {
    // Room to the window's bottom edge, less a margin (in % of the window's height).
    let room = match top {
        Val::Percent(p) | Val::Vh(p) => 97.0 - p,
        _ => 90.0,
    };
    (
        Panel,
        Interaction::default(),
        Node {
            position_type: PositionType::Absolute,
            top,
            left,
            width,
            max_height: Val::Vh(room),
            overflow: Overflow::scroll_y(),
            padding: UiRect::all(px(padding)),
            flex_direction: FlexDirection::Column,
            row_gap: px(gap),
            ..default()
        },
        GlobalZIndex(z),
        BackgroundColor(background),
    )
}

#[derive(Component)]
pub struct TopBarText;

#[derive(Component)]
pub struct EndTurnButton;

#[derive(Component)]
pub struct DetailsText;

/// The right-hand panel around [`DetailsText`] (it scrolls).
#[derive(Component)]
pub struct SidePanel;

#[derive(Component)]
pub struct LogText;

#[derive(Component)]
pub struct GameOverPanel;

/// The turn log: the lines kept (the last `LOG_KEEP`), how many events have been read, and what
/// part is shown — collapsed to its last `LOG_COLLAPSED` lines or open to `LOG_LINES`, scrolled
/// `back` lines from the newest.
#[derive(Resource, Default)]
pub struct LogView {
    read: usize,
    /// Each line with the hex it tells of, if any (a click on it centres the map there).
    lines: VecDeque<(String, Option<HexId>)>,
    pub collapsed: bool,
    pub back: usize,
    /// The last line added and how many times in a row (shown once, with "(x N)").
    last: Option<(String, u32)>,
    /// Lines were added outside the event log.
    dirty: bool,
    /// What the player's side may be told of each event (fog of war), folded as events are read.
    fog: Option<crate::play::fog::FogFilter>,
    /// For each event read: whether it was told.
    told: Vec<bool>,
}

impl LogView {
    /// Empties the log (a new game).
    pub fn clear(&mut self) {
        self.lines.clear();
        self.last = None;
        self.read = 0;
        self.dirty = true;
        self.fog = None;
        self.told.clear();
    }

    /// Adds a line of the window's own (a save, an error) to the log.
    pub fn note(&mut self, line: String) {
        // In the font's characters: a message cut short ends in an ellipsis the font lacks.
        self.push(plain(&line), None);
        self.dirty = true;
    }

    /// Adds a line about `hex`; the same line again in a row counts up on the line already shown.
    fn push(&mut self, line: String, hex: Option<HexId>) {
        match &mut self.last {
            Some((last, n)) if *last == line => {
                *n += 1;
                let shown = format!("{line} (x {n})");
                if let Some(back) = self.lines.back_mut() {
                    back.0 = shown;
                }
            }
            _ => {
                self.lines.push_back((line.clone(), hex));
                self.last = Some((line, 1));
                // Scrolled back, the lines read stay on screen.
                if self.back > 0 {
                    self.back += 1;
                }
            }
        }
        while self.lines.len() > LOG_KEEP {
            self.lines.pop_front();
        }
    }

    /// The lines kept, oldest first.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|l| l.0.as_str())
    }

    /// Lines on screen now.
    fn window(&self) -> usize {
        if self.collapsed {
            LOG_COLLAPSED
        } else {
            LOG_LINES
        }
    }

    /// The text the log panel shows: the window of lines `back` from the newest, with a line
    /// saying where it stands when scrolled back or collapsed.
    pub fn shown(&self) -> String {
        self.shown_lines()
            .into_iter()
            .map(|l| l.0)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The lines [`LogView::shown`] shows, each with the hex it tells of.
    pub fn shown_lines(&self) -> Vec<(String, Option<HexId>)> {
        let n = self.lines.len();
        let back = self.back.min(n.saturating_sub(1));
        let end = n - back;
        let start = end.saturating_sub(self.window());
        let mut out: Vec<(String, Option<HexId>)> = Vec::new();
        if back > 0 {
            out.push((
                format!(
                    "-- lines {}-{} of {}: PageDown later, End the latest --",
                    start + 1,
                    end,
                    n
                ),
                None,
            ));
        }
        out.extend(self.lines.range(start..end).cloned());
        if self.collapsed {
            out.push(("(L: the whole log; PageUp: earlier lines)".into(), None));
        }
        out
    }

    /// Scrolls `lines` back (positive) or forward (negative), within what is kept.
    pub fn scroll(&mut self, lines: isize) {
        let most = self.lines.len().saturating_sub(1);
        self.back = (self.back as isize + lines).clamp(0, most as isize) as usize;
        self.dirty = true;
    }
}

/// Lines the turn log shows open, and collapsed.
const LOG_LINES: usize = 14;
const LOG_COLLAPSED: usize = 3;
/// Lines the turn log keeps to scroll back through.
const LOG_KEEP: usize = 500;

/// L collapses and opens the turn log; PageUp and PageDown scroll it by a window; End goes back to
/// the newest line.
pub fn log_keys(keys: Res<ButtonInput<KeyCode>>, mut view: ResMut<LogView>) {
    let page = view.window() as isize;
    if keys.just_pressed(KeyCode::KeyL) {
        view.collapsed = !view.collapsed;
        view.dirty = true;
    }
    if keys.just_pressed(KeyCode::PageUp) {
        view.scroll(page);
    }
    if keys.just_pressed(KeyCode::PageDown) {
        view.scroll(-page);
    }
    if keys.just_pressed(KeyCode::End) {
        view.back = 0;
        view.dirty = true;
    }
}

/// Panels over the map are opaque: the window blends in linear light, where even 12% of a bright
/// map under a dark panel shows as a third of its brightness behind the text.
const PANEL_BG: Color = Color::srgb(0.08, 0.08, 0.09);
/// The turn log lets a little of the map through, to show there is ground under it.
const LOG_BG: Color = Color::srgba(0.08, 0.08, 0.09, 0.97);
const INK: Color = Color::srgb(0.92, 0.92, 0.88);

/// The window's font has no glyphs for typographic dashes and signs: plain forms instead.
/// A line of a panel: `s` (in the font's characters, see [`plain`]) at `size` px in `colour`.
pub fn panel_text(s: &str, size: f32, colour: Color) -> (Text, TextFont, TextColor) {
    (
        Text::new(plain(s)),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(colour),
    )
}

pub fn plain(s: &str) -> String {
    s.replace(['–', '—'], "-")
        .replace('≥', ">=")
        .replace('≤', "<=")
        .replace('…', "...")
        .replace('×', "x")
        .replace('§', "sec. ")
        .replace(['ō', 'ô'], "o")
        .replace('ū', "u")
        .replace('Ō', "O")
        .replace('ā', "a")
}

fn font(px: f32) -> TextFont {
    TextFont {
        font_size: FontSize::Px(px),
        ..default()
    }
}

pub fn spawn_hud(mut commands: Commands) {
    // The window in a column: the top bar (as tall as its text, which wraps in a narrow window),
    // then the unit and attack panel on the right, below it. The column itself takes no clicks.
    commands.spawn((
        Node {
            position_type: PositionType::Absolute,
            top: px(0),
            left: px(0),
            right: px(0),
            bottom: px(0),
            flex_direction: FlexDirection::Column,
            ..default()
        },
        children![
            (
                Panel,
                Interaction::default(),
                Node {
                    min_height: px(34),
                    padding: UiRect::axes(px(10), px(6)),
                    column_gap: px(12),
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    flex_shrink: 0.0,
                    ..default()
                },
                BackgroundColor(PANEL_BG),
                children![
                    (
                        TopBarText,
                        Text::new(""),
                        font(14.0),
                        TextColor(INK),
                        Node {
                            flex_grow: 1.0,
                            flex_shrink: 1.0,
                            ..default()
                        },
                    ),
                    (
                        EndTurnButton,
                        Button,
                        Node {
                            padding: UiRect::axes(px(12), px(3)),
                            border: UiRect::all(px(1)),
                            flex_shrink: 0.0,
                            ..default()
                        },
                        BorderColor::all(INK),
                        BackgroundColor(Color::srgb(0.22, 0.30, 0.22)),
                        children![(
                            Text::new("End turn (Enter)"),
                            font(14.0),
                            TextColor(INK),
                            TextLayout::no_wrap(),
                        )],
                    ),
                ],
            ),
            // Unit and attack panel: as tall as its text, at most to the window's bottom edge;
            // the wheel scrolls the rest into view.
            (
                Node {
                    flex_grow: 1.0,
                    min_height: px(0),
                    padding: UiRect {
                        top: px(8),
                        bottom: px(8),
                        right: px(8),
                        left: px(0),
                    },
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::FlexEnd,
                    ..default()
                },
                children![(
                    Panel,
                    SidePanel,
                    Interaction::default(),
                    Node {
                        width: px(330),
                        max_height: percent(100),
                        overflow: Overflow::scroll_y(),
                        padding: UiRect::all(px(8)),
                        ..default()
                    },
                    BackgroundColor(PANEL_BG),
                    children![(DetailsText, Text::new(""), font(13.0), TextColor(INK))],
                )],
            ),
        ],
    ));
    // Turn log.
    commands.spawn((
        Panel,
        Interaction::default(),
        Node {
            position_type: PositionType::Absolute,
            bottom: px(8),
            left: px(8),
            width: px(560),
            padding: UiRect::all(px(6)),
            ..default()
        },
        BackgroundColor(LOG_BG),
        children![(
            LogText,
            Node {
                flex_direction: FlexDirection::Column,
                ..default()
            }
        )],
    ));
}

/// The end-turn button sends `EndTurn` during the player's turn.
/// The end-turn button: shown only during a person's turn; a click ends it.
pub fn end_turn_button(
    buttons: Query<&Interaction, (Changed<Interaction>, With<EndTurnButton>)>,
    mut shown: Query<&mut Visibility, With<EndTurnButton>>,
    phase: Res<State<Phase>>,
    clock: Res<Clock>,
    humans: Res<Humans>,
    mut selection: ResMut<Selection>,
    mut commands: ResMut<PlayerCommands>,
) {
    let turn = players_turn(*phase.get(), clock.active, &humans);
    for mut v in &mut shown {
        v.set_if_neq(if turn {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
    if buttons.iter().any(|i| *i == Interaction::Pressed) && turn {
        selection.0 = None;
        commands.0.push(PlayerCommand::EndTurn);
    }
}

/// The top bar: date, day or night, turn, whose move, the score and objectives changing hands.
#[allow(clippy::too_many_arguments)]
pub fn update_top_bar(
    scn: Res<ViewedScenario>,
    clock: Res<Clock>,
    phase: Res<State<Phase>>,
    humans: Res<Humans>,
    tally: Res<GameState>,
    board: Res<ViewBoard>,
    mut text: Query<&mut Text, With<TopBarText>>,
    setup: Option<Res<super::GameSetup>>,
) {
    let scn = &scn.0;
    let Ok(mut text) = text.single_mut() else {
        return;
    };
    let board = &board.0;
    let parts = crate::sim::rules::victory::score_parts(scn, board, &tally);
    let short = Side::adjective;
    let whose = if tally.outcome.is_some() {
        "game over".to_string()
    } else if players_turn(*phase.get(), clock.active, &humans) {
        format!("{} to move: your turn", short(clock.active))
    } else if humans.0[clock.active.index()] {
        format!("{}: carrying out orders", short(clock.active))
    } else {
        format!("{} (computer) moving", short(clock.active))
    };
    // The scenario's name is in the window's title.
    // Over, the game is at its end: the last turn's end, not its start.
    let at = tally.outcome.as_ref().map_or(clock.now, |o| o.end);
    // A battle of a campaign says which.
    let campaign = setup
        .as_ref()
        .and_then(|s| s.campaign.as_ref())
        .map_or(String::new(), |run| {
            format!(
                " | campaign battle {}/{}",
                run.progress.played.len() + 1,
                run.campaign.battles.len()
            )
        });
    let line = format!(
        "{} ({}) | turn {}/{}{campaign} | {} | {}",
        at.to_string().replace('T', " "),
        if scn.is_night(at) { "night" } else { "day" },
        clock.turn + 1,
        scn.turns(),
        whose,
        crate::play::score_line_parts(scn, &parts, humans.0),
    );
    let changing = crate::play::objectives_changing(scn, board, &tally.holders);
    let line = match crate::play::changing_line(scn, &changing) {
        Some(c) if tally.outcome.is_none() => format!("{line} | {c}"),
        _ => line,
    };
    let line = plain(&line);
    if text.0 != line {
        text.0 = line;
    }
}

/// Whether the side panel shows the scenario's briefing (at the start of a game, and with B) when
/// no unit is selected.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Briefing(pub bool);

impl Default for Briefing {
    fn default() -> Self {
        Briefing(true)
    }
}

/// B shows or hides the briefing; selecting a unit hides it; a new game shows it again
/// ([`super::games::start_requested_game`]; an undo or a reload keeps it as it was).
pub fn toggle_briefing(
    keys: Res<ButtonInput<KeyCode>>,
    selection: Res<Selection>,
    mut briefing: ResMut<Briefing>,
) {
    if keys.just_pressed(KeyCode::KeyB) {
        briefing.0 = !briefing.0;
    } else if selection.is_changed() && selection.0.is_some() {
        briefing.0 = false;
    }
}

/// The side panel's scroll position, reset when its subject changes.
type SidePanelScroll<'w, 's> = Query<'w, 's, &'static mut ScrollPosition, With<SidePanel>>;

/// What the side panel shows: the briefing (true) and the selected unit.
type PanelSubject = (bool, Option<u32>);

/// The selected unit's details, and the preview of an attack on the hovered hex; with nothing
/// selected, the briefing (while it is shown) or the hex under the pointer.
#[allow(clippy::too_many_arguments)]
pub fn update_panel(
    scn: Res<ViewedScenario>,
    briefing: Res<Briefing>,
    selection: Res<Selection>,
    hovered: Res<Hovered>,
    clock: Res<Clock>,
    phase: Res<State<Phase>>,
    humans: Res<Humans>,
    tally: Res<GameState>,
    board: Res<ViewBoard>,
    (turn, keys): (Res<crate::sim::TurnState>, Res<ButtonInput<KeyCode>>),
    mut text: Query<&mut Text, With<DetailsText>>,
    (mut scrolled, mut subject): (SidePanelScroll, Local<PanelSubject>),
    setup: Option<Res<super::GameSetup>>,
) {
    let scn = &scn.0;
    let Ok(mut text) = text.single_mut() else {
        return;
    };
    // Another subject (the briefing, another unit) is read from its top.
    let now = (briefing.0 && selection.0.is_none(), selection.0);
    if *subject != now {
        *subject = now;
        for mut at in &mut scrolled {
            at.0 = Vec2::ZERO;
        }
    }
    let board = &board.0;
    let mut s = String::new();
    if briefing.0 && selection.0.is_none() {
        if let Some(run) = setup.as_ref().and_then(|s| s.campaign.as_ref()) {
            s += &crate::play::campaign::campaign_briefing(
                &run.campaign,
                &run.progress,
                scn,
                humans.0,
            );
        }
        s += &crate::play::briefing(scn, humans.0, clock.now, &tally.holders);
        s += "\nB: hide or show this briefing. F1: all the controls.";
        let s = plain(&s);
        if text.0 != s {
            text.0 = s;
        }
        return;
    }
    let shown = selection
        .0
        .or_else(|| hovered.0.and_then(|h| board.units_at(h).next()));
    match shown.and_then(|id| board.get(id)) {
        None => {
            if let Some(h) = hovered.0 {
                s += &crate::play::hex_report(
                    scn,
                    scn.epoch_at(clock.now),
                    board,
                    h,
                    &tally.holders,
                );
                s += "\n";
            }
            s += "Click a unit of your side to select it; click a green hex to move there, an \
                  enemy next to it to attack. Enter: end turn. F1: all the controls.";
        }
        Some(u) => {
            let def = &scn.units[u.id as usize];
            let ty = &scn.unit_types[def.kind];
            let formation = &scn.formations[def.formation].name;
            let (place, label) = (crate::play::where_is(scn, u.hex), scn.map.label(u.hex));
            let at = if place.starts_with(&label) {
                place
            } else {
                format!("{place} {label}")
            };
            // The type's name with the unit's own size ("Engineer company" for a company of
            // an engineer battalion type).
            let kind = crate::data::rules::Echelon::named(&ty.name, ty.echelon, def.echelon);
            // Nothing selected: the unit under the pointer, said so (it is not a selection).
            let hovering = selection.0.is_none();
            if hovering {
                s += "Under the pointer (nothing selected)\n";
            }
            s += &format!("{}\n{}\n{kind}\nAt {at}\n", def.name, formation);
            // A stack: which of its units this is, and how to reach the others; under the
            // pointer, the others by name (an enemy's stack cannot be clicked through).
            let here: Vec<_> = board
                .units_at(u.hex)
                .filter(|&id| board.get(id).is_some_and(|o| o.side == u.side))
                .collect();
            if here.len() > 1 {
                let k = here.iter().position(|&id| id == u.id).unwrap_or(0) + 1;
                if hovering {
                    let others: Vec<String> = here
                        .iter()
                        .filter(|&&id| id != u.id)
                        .filter_map(|&id| board.get(id))
                        .map(|o| {
                            format!("{} ({} men)", scn.units[o.id as usize].name, o.strength.men)
                        })
                        .collect();
                    s += &format!(
                        "{k} of {} units in this hex; with it: {}\n",
                        here.len(),
                        others.join(", ")
                    );
                } else {
                    s += &format!(
                        "{k} of {} units in this hex (click it again for the next)\n",
                        here.len()
                    );
                }
            }
            s += "\n";
            if u.ghost {
                s += "OUT OF SIGHT: where and as your side last saw it\n";
            }
            s += &format!("Men: {} of {}\n", u.strength.men, def.men);
            for &(e, n) in &u.strength.equipment {
                let start = def
                    .equipment
                    .iter()
                    .find(|(x, _)| *x == e)
                    .map_or(n, |x| x.1);
                s += &format!("  {} {} of {}\n", scn.equipment_keys[e], n, start);
            }
            let c = &u.condition;
            s += &format!(
                "\nCohesion {:.0}  Fatigue {:.0}  Experience {}\nEntrenchment {}  Moved {:.1} of {:.1} h\n",
                c.cohesion, c.fatigue, c.experience, c.entrenchment, c.moved_hours, ty.move_hours
            );
            s += &match u.supply.turns_out {
                _ if u.ghost => "Supply not known".to_string(),
                0 => "In supply".to_string(),
                n if n >= scn.rules.supply.encircled_after_turns => {
                    format!("ENCIRCLED: out of supply {n} turns")
                }
                n => format!("Out of supply ({n} turn{})", if n == 1 { "" } else { "s" }),
            };
            if ty.branch == crate::data::rules::Branch::Artillery {
                let a = scn.ammunition[u.side.index()];
                let range = crate::sim::rules::bombardment::max_range_km(scn, u);
                s += &format!(
                    "\nRange {range:.1} km ({:.0} hexes): it bombards enemy hexes within it that \
                     your units or aircraft observe, and supports attacks there",
                    (f64::from(range) / scn.map.hex_km).floor()
                );
                s += &format!(
                    "\nAmmunition {:.1} of {:.1} fires{}: each bombardment uses one, and so does \
                     each combat its guns join, attacking in your turn or defending in the \
                     enemy's (once a phase); {:.1} a turn come up while in supply, none out of it",
                    c.ammo,
                    a.carried,
                    if c.fired { " (fired this phase)" } else { "" },
                    a.per_turn
                );
            }
            let artillery = ty.branch == crate::data::rules::Branch::Artillery;
            // Where a move to the hovered hex would go, said before it is made: refused (and why),
            // or into the enemy's zone of control, which ends the unit's movement.
            if players_turn(*phase.get(), clock.active, &humans)
                && u.side == clock.active
                && let Some(h) = hovered.0
                && h != u.hex
                && board.occupant(h).is_none_or(|s| s == u.side)
            {
                // Once the side has attacked no move is searched for. A hex of the side's own
                // that the unit cannot reach is not a move at all: a click there selects.
                let own = board.occupant(h).is_some();
                s += &if turn.attacked && own {
                    String::new()
                } else if turn.attacked {
                    "\n\nNo move there: movement is over for this turn (the first attack ends it \
                     for the whole side)."
                        .to_string()
                } else {
                    match crate::sim::movement::check_move(scn, board, u.side, u.id, h) {
                        Err(_) if own => String::new(),
                        Err(e) => format!("\n\nNo move there: {e}."),
                        Ok(_) if crate::sim::rules::zoc::in_zoc(scn, board, u.side.enemy(), h) => {
                            "\n\nA move there enters the enemy's zone of control and ends this \
                             unit's movement for the turn."
                                .to_string()
                        }
                        // Into a stack of the side's own: Shift and a click moves it there; a
                        // click alone selects a unit there.
                        Ok(_) if board.occupant(h).is_some() => {
                            "\n\nShift+click there moves this unit into that hex, with your \
                             units there (a click selects one of them)."
                                .to_string()
                        }
                        Ok(_) => String::new(),
                    }
                };
            }
            // Bombardment preview on a hovered enemy hex, for artillery.
            if players_turn(*phase.get(), clock.active, &humans)
                && u.side == clock.active
                && artillery
                && let Some(h) = hovered.0
                && board.occupant(h) == Some(u.side.enemy())
            {
                let air = tally.air_left[u.side.index()];
                s += &match crate::play::bombard_preview(scn, board, u.id, h, clock.now, air) {
                    Ok(text) => format!("\n\n{text}"),
                    Err(why) => format!("\n\nCannot bombard: {why}."),
                };
            }
            // Attack preview on the hovered enemy hex next to the selection.
            if players_turn(*phase.get(), clock.active, &humans)
                && u.side == clock.active
                && !artillery
                && let Some(h) = hovered.0
                && board.occupant(h) == Some(u.side.enemy())
                && scn.map.distance(h, u.hex) == 1
            {
                let alone = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
                let group = crate::play::attackers(scn, board, u.id, h, alone, &turn.used);
                let others = crate::play::attackers(scn, board, u.id, h, false, &turn.used)
                    .iter()
                    .filter(|&&id| id != u.id)
                    .count();
                let air = tally.air_left[u.side.index()];
                if turn.hit.contains(&h) {
                    s += "\n\nThis hex was attacked this turn: each hex is attacked at most once a turn.";
                } else if alone && group.is_empty() {
                    s += &format!(
                        "\n\nCannot attack alone: {}.",
                        crate::play::why_it_cannot_attack(scn, u, &turn.used)
                    );
                } else if group.is_empty() {
                    s += &format!(
                        "\n\nNo unit next to that hex can attack it now: {}.",
                        crate::play::why_none_can_attack(scn, board, u.side, h, &turn.used)
                    );
                } else if let Some(p) = attack_preview(scn, board, &group, h, clock.now, air) {
                    // Armoured cars where either side has some at stake.
                    let cars = p.attacker_cars_lost + p.defender_cars_lost > 0.05;
                    let lost = |men: f32, tanks: f32, cars_lost: f32| {
                        let mut t = format!("{men:.0} men, {tanks:.1} tanks");
                        if cars {
                            t += &format!(", {cars_lost:.1} armoured cars");
                        }
                        t
                    };
                    s += &format!(
                        "\n\nATTACK with {} unit{}: odds {:.1}:1\nExpected losses: ours {}; \
                         theirs {}\nChance to take the hex: {:.0}%",
                        group.len(),
                        if group.len() == 1 { "" } else { "s" },
                        p.odds,
                        lost(
                            p.attacker_men_lost,
                            p.attacker_tanks_lost,
                            p.attacker_cars_lost
                        ),
                        lost(
                            p.defender_men_lost,
                            p.defender_tanks_lost,
                            p.defender_cars_lost
                        ),
                        100.0 * p.take_chance
                    );
                    // Why the hex can or cannot be taken, in the rule's terms.
                    // The odds weigh firepower; the hex falls when the defenders lose the share
                    // at which they give way, which their cohesion lowers.
                    let (low, high) = p.defender_share_lost;
                    let gives_way = if p.gives_way_at < 0.005 {
                        "The defenders are shaken: they give way at any loss".to_string()
                    } else {
                        format!(
                            "The defenders give way at {:.0}% of their men lost (less the more \
                             shaken they are)",
                            100.0 * p.gives_way_at
                        )
                    };
                    s += &format!(
                        "\n{gives_way}; this attack costs them {:.0}–{:.0}%: the hex falls on the \
                         losses, not on the odds.",
                        100.0 * low,
                        100.0 * high
                    );
                    let factors =
                        crate::play::attack_factors(scn, board, &group, h, clock.now, air);
                    if !factors.is_empty() {
                        s += &format!("\nWhat bears on it: {}.", factors.join("; "));
                    }
                    s += &format!("\n{}", crate::play::advance_note(scn, board, &group, h));
                    // The first attack ends movement for the whole side: say what it leaves.
                    let idle = crate::play::left_unmoved(board, u.side, &group);
                    if !turn.attacked && idle > 0 {
                        s += &format!(
                            "\nThe first attack ends movement for the whole side: {idle} of \
                             your units {} not moved yet (Tab goes to them).",
                            if idle == 1 { "has" } else { "have" }
                        );
                    }
                    s += if alone {
                        "\nCtrl+click: this unit attacks alone."
                    } else if others > 0 {
                        "\nClick to attack with all of them; Ctrl+click: this unit alone."
                    } else {
                        "\nClick to attack."
                    };
                } else {
                    s += "\n\nNo unit next to that hex can attack.";
                }
            }
        }
    }
    let s = plain(&s);
    if text.0 != s {
        text.0 = s;
    }
}

/// New events into the turn log.
pub fn update_log(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    events: Res<EventLog>,
    humans: Res<Humans>,
    clock: Res<Clock>,
    mut view: ResMut<LogView>,
    column: Query<Entity, With<LogText>>,
) {
    use crate::play::fog::{FogFilter, Told, viewer};
    // A new game (its scenario inserted afresh) is told from its first event.
    if scn.is_changed() || events.0.len() < view.read {
        view.read = 0;
        view.fog = None;
        view.told.clear();
    }
    let scn = &scn.0;
    let looking = viewer(scn, humans.0, clock.active);
    // Another pair of eyes (a hot-seat hand-over under fog): the log is told again from the start
    // as the side now to move saw it.
    if view.fog.as_ref().is_some_and(|f| f.viewer() != looking) {
        view.clear();
    }
    if events.0.len() == view.read && !view.dirty {
        return;
    }
    view.dirty = false;
    let mut fog = view
        .fog
        .take()
        .unwrap_or_else(|| FogFilter::new(scn, looking));
    fog.set_viewer(looking);
    for (i, e) in events.0.iter().enumerate().skip(view.read) {
        let mut told = fog.told(scn, &events.0, i);
        // The computer's refused orders are its own: they would tell the player where it meant
        // to strike (and under fog what it knows).
        if let SimEvent::OrderRejected { side, .. } = e
            && !humans.0[side.index()]
        {
            told = Told::No;
        }
        view.told.push(told == Told::Yes);
        match told {
            Told::Yes => {
                if let Some(line) = describe(scn, e) {
                    view.push(plain(&line), crate::play::event_hex(scn, e));
                }
            }
            Told::OutOfSight(u) => {
                let line = format!("{} moves out of sight", scn.units[u as usize].name);
                view.push(plain(&line), None);
            }
            Told::No => {}
        }
        // The computer's turn summed up in one line at its end.
        if let SimEvent::SideToMove { side } = e
            && !humans.0[side.index()]
        {
            fog.take_appeared();
        }
        if let SimEvent::SideTurnEnded { side } = e
            && !humans.0[side.index()]
        {
            let appeared = fog.viewer().map(|_| fog.take_appeared());
            let told = &view.told;
            if let Some(line) = crate::play::side_turn_summary(
                scn,
                &events.0[..=i],
                *side,
                &|k| told.get(k).copied().unwrap_or(true),
                appeared,
            ) {
                view.push(plain(&line), None);
            }
        }
    }
    view.fog = Some(fog);
    view.read = events.0.len();
    if let Ok(column) = column.single() {
        // One text per line; a line about a hex is a button that centres the map on it.
        commands.entity(column).despawn_children();
        commands.entity(column).with_children(|c| {
            for (line, hex) in view.shown_lines() {
                let mut e = c.spawn((LogLine(hex), Text::new(line), font(12.0), TextColor(INK)));
                if hex.is_some() {
                    e.insert((Button, BackgroundColor(Color::NONE)));
                }
            }
        });
    }
}

/// One line of the turn log on screen, with the hex it tells of.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLine(pub Option<HexId>);

/// A click on a line of the turn log that tells of a hex centres the map on that hex (the zoom
/// stays); a line under the pointer is lit.
pub fn log_clicks(
    scn: Res<ViewedScenario>,
    mut lines: Query<(&Interaction, &LogLine, &mut BackgroundColor), Changed<Interaction>>,
    mut camera: Query<&mut Transform, With<Camera2d>>,
    mut moved: Option<ResMut<super::camera::CameraMoved>>,
) {
    for (i, line, mut bg) in &mut lines {
        bg.0 = match i {
            Interaction::None => Color::NONE,
            _ => Color::srgba(1.0, 1.0, 1.0, 0.12),
        };
        if *i != Interaction::Pressed {
            continue;
        }
        let Some(h) = line.0 else { continue };
        super::camera::centre_on(&scn.0, h, &mut camera, moved.as_deref_mut());
    }
}

/// The side panel steps aside while the game-over summary, help or a list is up (they would cover
/// part of it), and comes back when they go.
pub fn side_panel_under_summary(
    summary: Query<&Visibility, (With<GameOverPanel>, Without<SidePanel>)>,
    lists: Query<(), Lists>,
    mut side: Query<&mut Visibility, (With<SidePanel>, Without<GameOverPanel>)>,
) {
    let up = summary.iter().any(|v| *v != Visibility::Hidden) || !lists.is_empty();
    for mut v in &mut side {
        v.set_if_neq(if up {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
    }
}

/// The panels opened over the map by a key (help, the scenario and save lists, mods).
type Lists = Or<(
    With<super::HelpPanel>,
    With<super::ScenarioMenu>,
    With<super::saves_view::SavesList>,
    With<super::saves_view::SaveAsPanel>,
    With<super::mods_view::ModsMenu>,
)>;

/// The game-over summary steps aside while a list or help opened over it is up, and comes back
/// when it closes (`covered`: this hid it, so this shows it again).
pub fn summary_under_lists(
    lists: Query<(), Lists>,
    mut summary: Query<&mut Visibility, With<GameOverPanel>>,
    mut covered: Local<bool>,
) {
    let listed = !lists.is_empty();
    for mut v in &mut summary {
        if listed && *v != Visibility::Hidden {
            *v = Visibility::Hidden;
            *covered = true;
        } else if !listed && *covered {
            *v = Visibility::Inherited;
            *covered = false;
        }
    }
    if summary.is_empty() {
        *covered = false;
    }
}

/// The game-over summary beside the historical record. Escape goes round: the summary, the final
/// map (summary hidden), the menu ([`super::menu`] opens it), the summary again when the menu
/// closes.
#[allow(clippy::too_many_arguments)]
pub fn game_over(
    mut commands: Commands,
    scn: Res<ViewedScenario>,
    humans: Res<Humans>,
    tally: Res<GameState>,
    keys: Res<ButtonInput<KeyCode>>,
    mut shown: Query<(Entity, &mut Visibility), With<GameOverPanel>>,
    menu: Option<Res<super::menu::MenuOpen>>,
    (setup, ended): (
        Res<super::GameSetup>,
        Option<Res<super::campaign_view::CampaignEnded>>,
    ),
) {
    let Some(outcome) = &tally.outcome else {
        // A new game: the last one's summary goes.
        for (e, _) in &shown {
            commands.entity(e).despawn();
        }
        return;
    };
    if !shown.is_empty() {
        // The menu was read first this frame: it opened (from the final map), closed (back to
        // the summary), or stayed shut (the summary was up: it is hidden).
        let menu_open = menu.as_ref().is_some_and(|m| m.0);
        let menu_closed_now = menu.as_ref().is_some_and(|m| m.is_changed() && !m.0);
        if keys.just_pressed(KeyCode::Escape) && !menu_open {
            for (_, mut v) in &mut shown {
                *v = if menu_closed_now {
                    Visibility::Inherited
                } else {
                    Visibility::Hidden
                };
            }
        }
        return;
    }
    let scn = &scn.0;
    let h = &scn.file.historical;
    let winner = outcome.winner.map_or("A draw".to_string(), |w| {
        format!("{} victory", side_name(scn, w))
    });
    let l = &tally.losses;
    let row = |what: &str, sim: u32, rec: &crate::data::scenario::Recorded| {
        let history = if rec.low == rec.high {
            format!("{:.0}", rec.low)
        } else {
            format!("{:.0}–{:.0}", rec.low, rec.high)
        };
        format!("  {what:<22} {sim:>6}    history {history}\n")
    };
    let v = &scn.file.victory;
    // The thresholds from the side of the player of one side, as the top bar says them.
    let (win, lose) = if humans.0 == [false, true] {
        (
            format!("you win ≤ {}", v.japanese_wins_at),
            format!("lose ≥ {}", v.soviet_wins_at),
        )
    } else {
        (
            format!("win ≥ {}", v.soviet_wins_at),
            format!("lose ≤ {}", v.japanese_wins_at),
        )
    };
    let mut s = format!(
        "{winner}: {} Soviet points ({win}, {lose})\nHistory: {:?} victory{}\n\nLosses\n",
        crate::sim::rules::victory::show_points(outcome.soviet_points),
        h.winner,
        h.pocket_closed
            .map(|d| format!("; pocket closed {}", d.readable()))
            .unwrap_or_default()
    );
    for (side, lost, rec) in [
        ("Soviet", &l[0], &h.soviet_losses),
        ("Japanese", &l[1], &h.japanese_losses),
    ] {
        s += &row(&format!("{side} men"), lost.men, &rec.men);
        s += &row(&format!("{side} tanks"), lost.tanks, &rec.tanks);
        s += &row(
            &format!("{side} armoured cars"),
            lost.armored_cars,
            &rec.armored_cars,
        );
        s += &row(&format!("{side} guns"), lost.guns, &rec.guns);
    }
    s += "\nObjectives at the end\n";
    for (o, holder) in scn.objectives.iter().zip(&tally.holders) {
        let hist = h
            .objectives_at_end
            .iter()
            .find(|(n, _)| *n == o.name)
            .map_or("—".to_string(), |(_, s)| format!("{s:?}"));
        s += &format!(
            "  {:<22} {:<9} history {hist}\n",
            o.name,
            format!("{holder:?}")
        );
    }
    if let (Some(run), Some(after)) = (&setup.campaign, ended.as_ref().and_then(|e| e.0.as_ref())) {
        s += "\n";
        s += &crate::play::campaign::campaign_after(&run.campaign, after, humans.0);
    }
    s += "\nEscape: hide this summary to see the final map; again: the menu.  F2: another \
          scenario.  F9: the saved games.";
    // As tall as its text, at most to the window's bottom edge: the wheel scrolls the rest (a
    // campaign's battle adds what comes next).
    commands.spawn((
        GameOverPanel,
        floating(
            (percent(12), percent(25), percent(50)),
            (16.0, 0.0),
            2,
            Color::srgb(0.05, 0.05, 0.06),
        ),
        children![(Text::new(plain(&s)), font(16.0), TextColor(INK))],
    ));
}
