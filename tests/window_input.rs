//! The window's input, headless: mouse and keyboard events (as the window system sends them) go
//! through Bevy's input plugin and the game's own input systems ([`OrdersInputPlugin`]), with a
//! window entity and a 2D camera but no renderer, and come out as selections and orders the
//! simulation carries out. What each click means is tested in `player_input.rs`; here, that the
//! window's plumbing (cursor to hex, press and release, drag, keys) turns into those clicks.
#![cfg(feature = "gui")]

mod common;
use bevy::camera::{CameraProjection, RenderTargetInfo};
use bevy::input::ButtonState;
use bevy::input::InputPlugin;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::input::mouse::MouseButtonInput;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use common::*;
use khalkhin_gol::analysis::ReplayFile;
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::gui::{
    GameSetup, LogView, OrdersInputPlugin, Selection, ViewedScenario, hex_world,
};
use khalkhin_gol::map::HexId;
use khalkhin_gol::scenario::Scenario;
use khalkhin_gol::sim::{
    Clock, Humans, Order, OrderLog, Phase, Pos, SimEvent, UnitId, headless_app,
};
use std::sync::Arc;

const WIDTH: u32 = 800;
const HEIGHT: u32 = 600;

struct Window1 {
    app: App,
    window: Entity,
    scn: Arc<Scenario>,
}

impl Window1 {
    /// The mini scenario, the Soviet side played by a person against the computer, in a 800×600
    /// window whose camera is centred on hex (5, 5) at zoom 1.
    fn new(save_to: std::path::PathBuf) -> Window1 {
        Window1::with(mini(), save_to)
    }

    /// The same with another scenario (the mini scenario with units moved, say).
    fn with(scn: Arc<Scenario>, save_to: std::path::PathBuf) -> Window1 {
        Window1::playing(scn, save_to, [true, false])
    }

    /// The same with the sides `humans` played by a person, the other by the computer.
    fn playing(scn: Arc<Scenario>, save_to: std::path::PathBuf, humans: [bool; 2]) -> Window1 {
        let kind = |human: bool| {
            if human {
                ControllerKind::Passive
            } else {
                ControllerKind::Ai
            }
        };
        let controllers = (kind(humans[0]), kind(humans[1]));
        let mut app = headless_app(
            scn.clone(),
            5,
            [controllers.0.build(), controllers.1.build()],
        );
        app.add_plugins(InputPlugin)
            .insert_resource(ViewedScenario(scn.clone()))
            .insert_resource(Humans(humans))
            .insert_resource(GameSetup {
                seed: 5,
                controllers,
                humans,
                save_to,
                no_fog: false,
                campaign: None,
            })
            .add_plugins(OrdersInputPlugin);
        let window = app
            .world_mut()
            .spawn((
                Window {
                    resolution: (WIDTH, HEIGHT).into(),
                    ..default()
                },
                PrimaryWindow,
            ))
            .id();
        // What the renderer's camera system would compute for a window of this size.
        let mut projection = OrthographicProjection::default_2d();
        projection.update(WIDTH as f32, HEIGHT as f32);
        let mut camera = Camera::default();
        camera.computed.clip_from_view = projection.get_clip_from_view();
        camera.computed.target_info = Some(RenderTargetInfo {
            physical_size: UVec2::new(WIDTH, HEIGHT),
            scale_factor: 1.0,
        });
        let centre = hex_world(&scn, hex(&scn, 5, 5));
        app.world_mut().spawn((
            Camera2d,
            camera,
            Projection::Orthographic(projection),
            GlobalTransform::from(Transform::from_xyz(centre.x, centre.y, 100.0)),
        ));
        let mut w = Window1 { app, window, scn };
        for _ in 0..6 {
            w.app.update();
        }
        for _ in 0..200 {
            let active = w.app.world().resource::<Clock>().active;
            if w.phase() == Phase::Orders && humans[active as usize] {
                break;
            }
            w.app.update();
        }
        assert_eq!(w.phase(), Phase::Orders);
        w
    }

    fn phase(&self) -> Phase {
        *self.app.world().resource::<State<Phase>>().get()
    }

    /// Puts the pointer over the centre of a hex.
    fn point_at(&mut self, h: HexId) {
        let world = self.app.world_mut();
        let mut cameras = world.query::<(&Camera, &GlobalTransform)>();
        let (camera, at) = cameras.single(world).expect("one camera");
        let pixel = camera
            .world_to_viewport(at, hex_world(&self.scn, h).extend(0.0))
            .expect("on screen");
        self.point_at_pixel(pixel);
    }

    fn point_at_pixel(&mut self, pixel: Vec2) {
        let mut window = self
            .app
            .world_mut()
            .get_mut::<Window>(self.window)
            .expect("window");
        window.set_cursor_position(Some(pixel));
    }

    fn cursor(&self) -> Vec2 {
        self.app
            .world()
            .get::<Window>(self.window)
            .and_then(Window::cursor_position)
            .expect("over the window")
    }

    fn mouse(&mut self, button: MouseButton, state: ButtonState) {
        let window = self.window;
        self.app.world_mut().write_message(MouseButtonInput {
            button,
            state,
            window,
        });
        self.app.update();
    }

    /// Presses and releases a mouse button over a hex.
    fn click(&mut self, button: MouseButton, h: HexId) {
        self.point_at(h);
        self.mouse(button, ButtonState::Pressed);
        self.mouse(button, ButtonState::Released);
        self.app.update();
    }

    /// One key going down or up, read in the next frame.
    fn key_event(&mut self, key_code: KeyCode, logical_key: Key, state: ButtonState) {
        let window = self.window;
        self.app.world_mut().write_message(KeyboardInput {
            key_code,
            logical_key,
            state,
            text: None,
            repeat: false,
            window,
        });
    }

    /// One key going down or up, and a frame.
    fn key_state(&mut self, key_code: KeyCode, logical_key: Key, state: ButtonState) {
        self.key_event(key_code, logical_key, state);
        self.app.update();
    }

    fn key(&mut self, key_code: KeyCode, logical_key: Key) {
        for state in [ButtonState::Pressed, ButtonState::Released] {
            let window = self.window;
            self.app.world_mut().write_message(KeyboardInput {
                key_code,
                logical_key: logical_key.clone(),
                state,
                text: None,
                repeat: false,
                window,
            });
            self.app.update();
        }
        self.app.update();
    }

    /// A person's move order, carried out in one frame.
    fn order_move(&mut self, unit: u32, to: HexId) {
        self.app
            .world_mut()
            .resource_mut::<khalkhin_gol::sim::PlayerCommands>()
            .0
            .push(khalkhin_gol::sim::PlayerCommand::Order(Order::Move {
                unit,
                to,
            }));
        self.app.update();
    }

    /// How many entities have component `C`.
    fn count<C: Component>(&mut self) -> usize {
        let world = self.app.world_mut();
        world.query::<&C>().iter(world).count()
    }

    fn selection(&self) -> Option<u32> {
        self.app.world().resource::<Selection>().0
    }

    fn position(&mut self, id: u32) -> HexId {
        let world = self.app.world_mut();
        let mut q = world.query::<(&UnitId, &Pos)>();
        q.iter(world)
            .find(|(u, _)| u.0 == id)
            .map(|(_, p)| p.0)
            .expect("on the map")
    }

    fn log(&self) -> Vec<String> {
        let log = self.app.world().resource::<LogView>();
        log.lines().map(str::to_owned).collect()
    }
}

#[test]
fn mouse_clicks_select_move_and_are_refused_with_a_reason() {
    let save = std::env::temp_dir().join(format!("khalkhin-input-{}.ron", std::process::id()));
    let mut w = Window1::new(save);
    let scn = w.scn.clone();
    let (tank, rifle) = (unit(&scn, "su_tank"), unit(&scn, "su_rifle"));

    // A left click over the tank battalion's hex selects it.
    let start = w.position(tank);
    assert_eq!(start, hex(&scn, 4, 6));
    w.click(MouseButton::Left, start);
    assert_eq!(w.selection(), Some(tank));

    // A drag (press over one hex, release 40 px away over another) pans: no order.
    let to = hex(&scn, 5, 6);
    w.point_at(to);
    w.mouse(MouseButton::Left, ButtonState::Pressed);
    let away = w.cursor() + Vec2::new(0.0, 40.0);
    w.point_at_pixel(away);
    w.mouse(MouseButton::Left, ButtonState::Released);
    w.app.update();
    assert_eq!(w.position(tank), start, "a drag gives no order");
    assert!(w.app.world().resource::<OrderLog>().0.is_empty());

    // A click on a hex it can reach moves it there, and the order is recorded.
    w.click(MouseButton::Left, to);
    assert_eq!(w.position(tank), to);
    let orders = &w.app.world().resource::<OrderLog>().0;
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].2, Order::Move { unit: tank, to });

    // A click on an enemy hex three hexes away is refused, and the turn log says why.
    w.click(MouseButton::Left, hex(&scn, 8, 6));
    assert_eq!(w.app.world().resource::<OrderLog>().0.len(), 1);
    assert_eq!(w.position(tank), to);
    let log = w.log();
    assert!(
        log.iter().any(|l| l.contains("only a hex next to it")),
        "{log:?}"
    );
    // And the reason is put at the hex clicked, for the map to show there.
    let at = w
        .app
        .world()
        .resource::<khalkhin_gol::gui::Refusal>()
        .0
        .clone();
    assert!(
        at.as_ref()
            .is_some_and(|(h, why)| *h == hex(&scn, 8, 6) && why.contains("only a hex next to it")),
        "{at:?}"
    );

    // Clicked again, the same reason is shown once, counted.
    w.click(MouseButton::Left, hex(&scn, 8, 6));
    let log = w.log();
    let refusals = log.iter().filter(|l| l.contains("only a hex next to it"));
    assert_eq!(refusals.count(), 1, "{log:?}");
    assert!(log.last().is_some_and(|l| l.ends_with("(x 2)")), "{log:?}");

    // With hours left, the tank goes on moving: back to where it started.
    assert_eq!(w.selection(), Some(tank));
    w.click(MouseButton::Left, start);
    assert_eq!(w.position(tank), start);
    assert_eq!(w.app.world().resource::<OrderLog>().0.len(), 2);

    // A right click clears the selection; a left click on the rifle battalion selects it.
    w.click(MouseButton::Right, hex(&scn, 6, 6));
    assert_eq!(w.selection(), None);
    w.click(MouseButton::Left, hex(&scn, 4, 2));
    assert_eq!(w.selection(), Some(rifle));
}

#[test]
fn artillery_bombards_with_a_click_and_r_asks_for_an_airfield_raid() {
    // A rifle battalion 1 km from the Japanese infantry observes it for the Soviet guns.
    let scn = with_positions(&mini(), &[("su_rifle", 7, 7)], &[]);
    let mut w = Window1::with(
        scn.clone(),
        std::env::temp_dir().join("khalkhin-bombard.ron"),
    );
    let (art, target) = (unit(&scn, "su_art"), hex(&scn, 8, 6));
    w.click(MouseButton::Left, w.scn.units[art as usize].hex);
    assert_eq!(w.selection(), Some(art));
    w.click(MouseButton::Left, target);
    let orders = &w.app.world().resource::<OrderLog>().0;
    assert_eq!(
        orders.last().map(|o| &o.2),
        Some(&Order::Bombard { unit: art, target })
    );
    let events = |w: &Window1| {
        w.app
            .world()
            .resource::<khalkhin_gol::sim::EventLog>()
            .0
            .clone()
    };
    use khalkhin_gol::sim::SimEvent;
    assert!(
        events(&w)
            .iter()
            .any(|e| matches!(e, SimEvent::Bombarded { unit, .. } if *unit == art))
    );
    // Fired once this phase: a second click is refused by the rules, with the reason.
    w.click(MouseButton::Left, target);
    let refused = |w: &Window1, what: fn(&Order) -> bool| -> Option<String> {
        events(w).iter().rev().find_map(|e| match e {
            SimEvent::OrderRejected { order, reason, .. } if what(order) => Some(reason.clone()),
            _ => None,
        })
    };
    let why = refused(&w, |o| matches!(o, Order::Bombard { .. })).expect("refused");
    assert!(why.contains("already fired"), "{why}");
    // R: a raid on the enemy's airfields — refused here, the test scenario having no aircraft.
    w.key(KeyCode::KeyR, Key::Character("r".into()));
    let why = refused(&w, |o| matches!(o, Order::RaidAirfields)).expect("refused");
    assert!(why.contains("no air effort is left"), "{why}");
}

#[test]
fn the_turn_log_collapses_and_scrolls_back() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-log.ron"));
    for i in 0..40 {
        w.app
            .world_mut()
            .resource_mut::<LogView>()
            .note(format!("line {i}"));
    }
    let shown = |w: &Window1| w.app.world().resource::<LogView>().shown();
    let open = shown(&w);
    assert!(
        open.ends_with("line 39") && !open.contains("line 20\n"),
        "{open}"
    );
    assert_eq!(open.lines().count(), 14);
    // L: the last three lines and how to open it again.
    w.key(KeyCode::KeyL, Key::Character("l".into()));
    let small = shown(&w);
    assert_eq!(small.lines().count(), 4, "{small}");
    assert!(
        small.contains("line 39") && small.contains("L: the whole log"),
        "{small}"
    );
    w.key(KeyCode::KeyL, Key::Character("l".into()));
    // PageUp: the fourteen lines before, with where they stand; End: back to the newest.
    w.key(KeyCode::PageUp, Key::PageUp);
    let back = shown(&w);
    assert!(
        back.contains("line 25") && !back.contains("line 39"),
        "{back}"
    );
    assert!(back.starts_with("-- lines 13-26 of 40"), "{back}");
    // A new line while scrolled back leaves the lines read on screen.
    w.app
        .world_mut()
        .resource_mut::<LogView>()
        .note("line 40".into());
    assert_eq!(shown(&w), back.replace("of 40", "of 41"));
    w.key(KeyCode::End, Key::End);
    assert!(shown(&w).ends_with("line 40"));
}

#[test]
fn a_click_on_a_log_line_centres_the_map_on_its_hex() {
    use khalkhin_gol::gui::LogLine;
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-log-click.ron"));
    let scn = w.scn.clone();
    // A move's event names the hex moved to, which its log line carries.
    let rifle = unit(&scn, "su_rifle");
    let to = hex(&scn, 4, 3);
    w.order_move(rifle, to);
    let moved = w
        .app
        .world()
        .resource::<khalkhin_gol::sim::EventLog>()
        .0
        .iter()
        .rev()
        .find(|e| matches!(e, khalkhin_gol::sim::SimEvent::Moved { .. }))
        .cloned()
        .expect("a move");
    assert_eq!(khalkhin_gol::play::event_hex(&scn, &moved), Some(to));
    // A line on screen about hex (9,8): clicking it (Bevy's UI sets the Interaction from the
    // pointer; here the test does) centres the camera there.
    let far = hex(&scn, 9, 8);
    let line = w
        .app
        .world_mut()
        .spawn((
            LogLine(Some(far)),
            Button,
            Interaction::None,
            BackgroundColor(Color::NONE),
        ))
        .id();
    w.app.update();
    *w.app.world_mut().get_mut::<Interaction>(line).unwrap() = Interaction::Pressed;
    w.app.update();
    let world = w.app.world_mut();
    let mut cams = world.query_filtered::<&Transform, With<Camera2d>>();
    let at = cams.single(world).map(|t| t.translation.truncate());
    assert_eq!(at.ok(), Some(hex_world(&scn, far)));
}

#[test]
fn the_computers_last_turn_is_drawn_as_arrows_until_its_next_turn() {
    use khalkhin_gol::gui::paths::{ComputerPaths, collect_paths};
    use khalkhin_gol::sim::{EventLog, SimEvent};
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-paths.ron"));
    w.app
        .init_resource::<ComputerPaths>()
        .add_systems(Update, collect_paths);
    let scn = w.scn.clone();
    // The computer's moves of a turn (Japanese), each from where it started to where it ended.
    let japanese_moves = |w: &Window1, from_event: usize| -> Vec<(HexId, HexId)> {
        w.app.world().resource::<EventLog>().0[from_event..]
            .iter()
            .filter_map(|e| match e {
                SimEvent::Moved { unit, from, to, .. } | SimEvent::Retreated { unit, from, to }
                    if scn.units[*unit as usize].side == khalkhin_gol::data::Side::Japanese
                        && from != to =>
                {
                    Some((*from, *to))
                }
                _ => None,
            })
            .collect()
    };
    let mut turns = 0;
    let mut drawn_any = false;
    while turns < 4 {
        let before = w.app.world().resource::<EventLog>().0.len();
        w.key(KeyCode::Enter, Key::Enter);
        for _ in 0..20 {
            w.app.update();
        }
        turns += 1;
        // Back at the person's turn: the arrows are the computer's moves of the turn just played,
        // none of the person's, none of its turns before.
        let moves = japanese_moves(&w, before);
        let drawn: Vec<(HexId, HexId)> = w
            .app
            .world()
            .resource::<ComputerPaths>()
            .moves
            .iter()
            .map(|m| {
                assert_eq!(
                    m.2,
                    khalkhin_gol::data::Side::Japanese,
                    "only the computer's"
                );
                (m.0, m.1)
            })
            .collect();
        assert_eq!(drawn, moves, "turn {turns}");
        drawn_any |= !drawn.is_empty();
    }
    assert!(drawn_any, "the computer moved in four turns");
}

#[test]
fn with_follow_set_the_map_centres_on_the_computers_latest_move() {
    use khalkhin_gol::gui::menu::{MenuPlugin, Settings, SettingsFile};
    use khalkhin_gol::sim::{EventLog, SimEvent};
    let dir = std::env::temp_dir().join(format!("khalkhin-follow-{}", std::process::id()));
    let mut w = Window1::new(dir.join("save.ron"));
    w.app
        .insert_resource(SettingsFile(Some(dir.join("settings.ron"))))
        .add_plugins(MenuPlugin);
    let camera_at = |w: &mut Window1| {
        let world = w.app.world_mut();
        let mut cams = world.query_filtered::<&Transform, With<Camera2d>>();
        cams.single(world).unwrap().translation.truncate()
    };
    // The hex of the computer's latest move or attack among the events from `from`.
    let scn = w.scn.clone();
    let latest = |w: &Window1, from: usize| {
        w.app.world().resource::<EventLog>().0[from..]
            .iter()
            .rev()
            .find_map(|e| match e {
                SimEvent::Moved { unit, to, .. }
                    if scn.units[*unit as usize].side == khalkhin_gol::data::Side::Japanese =>
                {
                    Some(*to)
                }
                SimEvent::Combat { side, target, .. }
                    if *side == khalkhin_gol::data::Side::Japanese =>
                {
                    Some(*target)
                }
                _ => None,
            })
    };
    let four_turns = |w: &mut Window1| {
        for _ in 0..4 {
            w.key(KeyCode::Enter, Key::Enter);
            for _ in 0..20 {
                w.app.update();
            }
        }
    };
    // Off (the default): the computer's turns leave the camera where it was.
    let still = camera_at(&mut w);
    four_turns(&mut w);
    assert!(latest(&w, 0).is_some(), "the computer moved or attacked");
    assert_eq!(camera_at(&mut w), still);
    // On, from the menu (Escape, C): the camera ends on the computer's last move or attack.
    w.key(KeyCode::Escape, Key::Escape);
    w.key(KeyCode::KeyC, Key::Character("c".into()));
    w.key(KeyCode::Escape, Key::Escape);
    assert!(w.app.world().resource::<Settings>().follow);
    let before = w.app.world().resource::<EventLog>().0.len();
    four_turns(&mut w);
    let h = latest(&w, before).expect("the computer moved or attacked in four turns");
    assert_eq!(camera_at(&mut w), hex_world(&scn, h));
    assert_ne!(camera_at(&mut w), still);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn keys_cycle_units_save_the_game_and_end_the_turn() {
    // A folder of its own: the autosave is written beside the F5 file.
    let dir = std::env::temp_dir().join(format!("khalkhin-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let save = dir.join("quicksave.ron");
    let _ = std::fs::remove_file(&save);
    let mut w = Window1::new(save.clone());
    let scn = w.scn.clone();

    // Tab selects the side's units that have not moved, in turn; Escape clears the selection.
    w.key(KeyCode::Tab, Key::Tab);
    assert_eq!(w.selection(), Some(unit(&scn, "su_rifle")));
    w.key(KeyCode::Tab, Key::Tab);
    assert_eq!(w.selection(), Some(unit(&scn, "su_tank")));
    // ... and the map is centred on the unit Tab selected, wherever it is.
    let world = w.app.world_mut();
    let mut cams = world.query_filtered::<&Transform, With<Camera2d>>();
    let at = cams.single(world).map(|t| t.translation.truncate()).ok();
    assert_eq!(at, Some(hex_world(&scn, w.position(unit(&scn, "su_tank")))));
    w.key(KeyCode::Escape, Key::Escape);
    assert_eq!(w.selection(), None);

    // F5 saves the game where it stands: a file that opens as a saved game at turn 0.
    w.click(MouseButton::Left, hex(&scn, 4, 6));
    w.click(MouseButton::Left, hex(&scn, 5, 6));
    w.key(KeyCode::F5, Key::F5);
    let (file, at, _) = ReplayFile::open_saved(&save).expect("a saved game");
    assert_eq!((at.turn, at.humans), (0, [true, false]));
    assert_eq!(file.turns.iter().map(|t| t.orders.len()).sum::<usize>(), 1);
    assert!(w.log().iter().any(|l| l.starts_with("Game saved to ")));
    std::fs::remove_file(&save).expect("written");

    // Enter ends the turn: the computer plays the Japanese side and the person's next turn comes.
    assert_eq!(w.app.world().resource::<Clock>().turn, 0);
    w.key(KeyCode::Enter, Key::Enter);
    for _ in 0..20 {
        w.app.update();
    }
    let clock = w.app.world().resource::<Clock>();
    assert_eq!((clock.turn, w.phase()), (1, Phase::Orders));
    // Each of the person's turns is autosaved beside the F5 file as it opens, with the turn before.
    let auto = save.with_file_name("autosave.ron");
    let (file, at, _) = ReplayFile::open_saved(&auto).expect("an autosave");
    assert_eq!((at.turn, at.side), (1, khalkhin_gol::data::Side::Soviet));
    let so_far = w.app.world().resource::<OrderLog>().0.len();
    assert_eq!(
        file.turns.iter().map(|t| t.orders.len()).sum::<usize>(),
        so_far,
        "every order so far, the computer's too"
    );
    std::fs::remove_file(&auto).expect("written");
    // Space ends it too.
    w.key(KeyCode::Space, Key::Space);
    for _ in 0..20 {
        w.app.update();
    }
    assert_eq!(w.app.world().resource::<Clock>().turn, 2);
}

#[test]
fn f2_lists_the_scenarios_checked_on_a_thread_of_their_own() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-f2.ron"));
    w.app.add_plugins(khalkhin_gol::gui::ScenarioListPlugin);
    w.key(KeyCode::F2, Key::F2);
    w.app.update();
    let count = |w: &mut Window1, f: fn(&mut World) -> usize| f(w.app.world_mut());
    assert_eq!(
        count(&mut w, |world| world
            .query::<&khalkhin_gol::gui::ScenarioMenu>()
            .iter(world)
            .count()),
        1,
        "the menu opens at once"
    );
    // The files are checked meanwhile; the list fills in when they are.
    let mut choices = Vec::new();
    for _ in 0..500 {
        w.app.update();
        let world = w.app.world_mut();
        choices = world
            .query::<&khalkhin_gol::gui::ScenarioChoice>()
            .iter(world)
            .map(|c| c.0.clone())
            .collect();
        if !choices.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        choices
            .iter()
            .any(|p| p.ends_with("scenarios/august_1939.ron")),
        "{choices:?}"
    );
    // In the order of the campaign: May, the July battles, August.
    let at = |name: &str| choices.iter().position(|p| p.ends_with(name)).unwrap();
    assert!(
        at("may_1939.ron") < at("bain_tsagan_1939.ron")
            && at("bain_tsagan_1939.ron") < at("artillery_offensive_1939.ron")
            && at("artillery_offensive_1939.ron") < at("august_1939.ron"),
        "{choices:?}"
    );
    let world = w.app.world_mut();
    assert_eq!(
        world
            .query::<&khalkhin_gol::gui::ListingNote>()
            .iter(world)
            .count(),
        0,
        "the 'checking' line is gone"
    );
    // The campaigns above them, each to begin (or continue, when one is under way).
    let campaigns: Vec<(std::path::PathBuf, bool)> = world
        .query::<&khalkhin_gol::gui::CampaignChoice>()
        .iter(world)
        .map(|c| (c.path.clone(), c.anew))
        .collect();
    assert!(
        campaigns
            .iter()
            .any(|(p, anew)| *anew && p.ends_with("campaigns/khalkhin_gol_1939.ron")),
        "{campaigns:?}"
    );
}

/// The window with the scenario list, the mods and reloading, saving to `save` in the temporary
/// folder.
fn reloading_window(save: &str) -> Window1 {
    let mut w = Window1::new(std::env::temp_dir().join(save));
    w.app.add_plugins((
        khalkhin_gol::gui::ScenarioListPlugin,
        khalkhin_gol::gui::ModsPlugin,
        khalkhin_gol::gui::ReloadPlugin,
    ));
    w
}

/// Opens F2's list and picks the August scenario from it, as a click on its line does.
fn pick_august_from_f2(w: &mut Window1) {
    w.key(KeyCode::F2, Key::F2);
    for _ in 0..500 {
        w.app.update();
        let world = w.app.world_mut();
        let august = world
            .query::<(Entity, &khalkhin_gol::gui::ScenarioChoice)>()
            .iter(world)
            .find(|(_, c)| c.0.ends_with("scenarios/august_1939.ron"))
            .map(|(e, _)| e);
        if let Some(e) = august {
            world.entity_mut(e).insert(Interaction::Pressed);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..4 {
        w.app.update();
    }
}

#[test]
fn no_fog_holds_for_every_scenario_the_window_starts_and_reloads() {
    let fog_on = |w: &Window1| w.app.world().resource::<ViewedScenario>().0.file.fog.on;
    let started = |w: &Window1| {
        w.app
            .world()
            .resource::<ViewedScenario>()
            .0
            .file
            .name
            .contains("August")
    };
    for no_fog in [false, true] {
        let mut w = reloading_window("khalkhin-nofog.ron");
        w.app.world_mut().resource_mut::<GameSetup>().no_fog = no_fog;
        w.app
            .world_mut()
            .insert_resource(khalkhin_gol::gui::Briefing(false));
        pick_august_from_f2(&mut w);
        assert!(started(&w), "the August scenario is shown: {:?}", w.log());
        assert!(
            w.app.world().resource::<khalkhin_gol::gui::Briefing>().0,
            "a new game opens on its briefing"
        );
        assert_eq!(
            w.app.world().get_resource::<khalkhin_gol::gui::ViewKept>(),
            Some(&khalkhin_gol::gui::ViewKept(false)),
            "a new game is framed afresh"
        );
        assert_eq!(fog_on(&w), !no_fog, "fog as asked (no_fog: {no_fog})");
        ctrl_r(&mut w);
        assert!(started(&w));
        assert_eq!(
            fog_on(&w),
            !no_fog,
            "reloaded, fog as asked (no_fog: {no_fog})"
        );
    }
}

/// A mod in a temporary folder that sets the mini scenario's rifle battalion to `men` men.
fn men_mod(tag: &str, men: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("khalkhin-window-mod-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("patches")).unwrap();
    std::fs::write(
        dir.join("mod.ron"),
        format!("(id: \"{tag}\", name: \"{tag}\", version: \"1\", game: \"0.1\")"),
    )
    .unwrap();
    std::fs::write(
        dir.join("patches/mini.ron"),
        format!(
            "(target: \"game:tests/fixtures/mini_scenario.ron\", patches: [\n    Change(at: \"units/su_rifle\", set: {{\"men\": {men}}}),\n])"
        ),
    )
    .unwrap();
    dir.canonicalize().unwrap()
}

fn ctrl_r(w: &mut Window1) {
    w.key_state(KeyCode::ControlLeft, Key::Control, ButtonState::Pressed);
    w.key(KeyCode::KeyR, Key::Character("r".into()));
    w.key_state(KeyCode::ControlLeft, Key::Control, ButtonState::Released);
    for _ in 0..4 {
        w.app.update();
    }
}

#[test]
fn escape_opens_the_menu_whose_settings_are_kept_for_the_next_run() {
    use khalkhin_gol::gui::menu::{MenuOpen, MenuPlugin, Settings, SettingsFile};
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-menu.ron"));
    let dir = std::env::temp_dir().join(format!("khalkhin-menu-{}", std::process::id()));
    let file = dir.join("settings.ron");
    w.app
        .insert_resource(SettingsFile(Some(file.clone())))
        .add_plugins(MenuPlugin);
    let open = |w: &Window1| w.app.world().resource::<MenuOpen>().0;
    // With a unit selected, Escape deselects it; with none, it opens the menu; again, closes it.
    let rifle = unit(&w.scn, "su_rifle");
    w.click(MouseButton::Left, hex(&w.scn, 4, 2));
    assert_eq!(w.selection(), Some(rifle));
    w.key(KeyCode::Escape, Key::Escape);
    assert_eq!((w.selection(), open(&w)), (None, false));
    w.key(KeyCode::Escape, Key::Escape);
    assert!(open(&w));
    // While it is open the map takes no clicks.
    w.click(MouseButton::Left, hex(&w.scn, 4, 2));
    assert_eq!(w.selection(), None);
    // ] slows the computer down; the setting is written at once and reads back.
    w.key(KeyCode::BracketRight, Key::Character("]".into()));
    let kept = w.app.world().resource::<Settings>().pace;
    assert!((kept - 0.45).abs() < 1e-4, "{kept}");
    let text = std::fs::read_to_string(&file).expect("kept");
    let back: Settings = ron::from_str(&text).unwrap();
    assert!((back.pace - 0.45).abs() < 1e-4, "{text}");
    // The menu's lines are buttons: a click on "] slower" does what ] does, a click on "Escape
    // resume" closes the menu (Bevy's UI sets the Interaction from the pointer; here the test does).
    let click_line = |w: &mut Window1, key: KeyCode| {
        let world = w.app.world_mut();
        let mut lines = world.query::<(Entity, &khalkhin_gol::gui::menu::MenuLine)>();
        let e = lines
            .iter(world)
            .find(|(_, l)| l.0 == key)
            .map(|(e, _)| e)
            .unwrap_or_else(|| panic!("a menu line for {key:?}"));
        *world.get_mut::<Interaction>(e).expect("a button") = Interaction::Pressed;
        w.app.update();
        w.app.update();
    };
    click_line(&mut w, KeyCode::BracketRight);
    let kept = w.app.world().resource::<Settings>().pace;
    assert!(
        (kept - 0.55).abs() < 1e-4,
        "a click slows it as ] does: {kept}"
    );
    let back: Settings = ron::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!((back.pace - 0.55).abs() < 1e-4);
    assert!(open(&w), "the settings lines keep the menu open");
    assert!(
        !w.app
            .world()
            .resource::<ButtonInput<KeyCode>>()
            .pressed(KeyCode::BracketRight),
        "the clicked key is released the next frame"
    );
    // The computer's arrows are drawn until P turns them off; kept too.
    assert!(w.app.world().resource::<Settings>().arrows, "on by default");
    click_line(&mut w, KeyCode::KeyP);
    assert!(!w.app.world().resource::<Settings>().arrows);
    let back: Settings = ron::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(!back.arrows);
    // A settings file from before the setting reads with the arrows on.
    let old: Settings = ron::from_str("(pace: 0.35, ui_scale: 1.0, follow: false)").unwrap();
    assert!(old.arrows);
    click_line(&mut w, KeyCode::Escape);
    assert!(!open(&w), "resume closes the menu");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn u_undoes_the_last_move_of_the_turn_but_not_an_attack() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-undo.ron"));
    w.app.add_plugins((
        khalkhin_gol::gui::ScenarioListPlugin,
        khalkhin_gol::gui::ModsPlugin,
    ));
    let scn = w.scn.clone();
    let (rifle, tank) = (unit(&scn, "su_rifle"), unit(&scn, "su_tank"));
    let (r0, t0) = (w.position(rifle), w.position(tank));
    w.order_move(rifle, hex(&scn, 4, 3));
    w.order_move(tank, hex(&scn, 5, 6));
    let undo = |w: &mut Window1| {
        w.key(KeyCode::KeyU, Key::Character("u".into()));
        for _ in 0..8 {
            w.app.update();
        }
    };
    // The person has read the briefing and put it away (selecting a unit does); an undo leaves
    // it so.
    w.app
        .world_mut()
        .insert_resource(khalkhin_gol::gui::Briefing(false));
    // U takes back the tank's move, then the rifles'; the game is at the same turn, the person's.
    undo(&mut w);
    assert!(
        !w.app.world().resource::<khalkhin_gol::gui::Briefing>().0,
        "an undo does not open the briefing again"
    );
    assert_eq!(
        w.app.world().get_resource::<khalkhin_gol::gui::ViewKept>(),
        Some(&khalkhin_gol::gui::ViewKept(true)),
        "an undo keeps the camera where it was"
    );
    assert_eq!(w.position(tank), t0);
    assert_eq!(w.position(rifle), hex(&scn, 4, 3), "the move before stays");
    assert_eq!(w.app.world().resource::<OrderLog>().0.len(), 1);
    assert!(
        w.log()
            .iter()
            .any(|l| l.starts_with("Undone: Tank battalion moves to")),
        "{:?}",
        w.log()
    );
    undo(&mut w);
    assert_eq!(w.position(rifle), r0);
    let clock = w.app.world().resource::<Clock>();
    assert_eq!((clock.turn, w.phase()), (0, Phase::Orders));
    // An attack (or a bombardment, a raid) drew on chance: it is not taken back.
    let clock = *w.app.world().resource::<Clock>();
    let mut log = khalkhin_gol::sim::OrderLog::default();
    log.0.push((
        0,
        clock.active,
        Order::Attack {
            units: vec![tank],
            target: hex(&scn, 8, 6),
        },
    ));
    let why = khalkhin_gol::gui::undoable(&log, &clock, &[]).unwrap_err();
    assert!(why.contains("cannot be taken back"), "{why}");
    // A move that brought an enemy unit into sight is not taken back either.
    let mut moved = khalkhin_gol::sim::OrderLog::default();
    let to = hex(&scn, 5, 6);
    moved
        .0
        .push((0, clock.active, Order::Move { unit: tank, to }));
    let events = [
        khalkhin_gol::sim::SimEvent::Moved {
            unit: tank,
            from: hex(&scn, 4, 6),
            to,
            hours: 1.0,
        },
        khalkhin_gol::sim::SimEvent::Sighted {
            side: clock.active,
            seen: vec![(unit(&scn, "jp_inf"), hex(&scn, 8, 6))],
            lost: vec![],
            gone: vec![],
        },
    ];
    assert!(khalkhin_gol::gui::undoable(&moved, &clock, &events[..1]).is_ok());
    let why = khalkhin_gol::gui::undoable(&moved, &clock, &events).unwrap_err();
    assert!(why.contains("cannot be unseen"), "{why}");
    // With nothing left to take back it says so.
    undo(&mut w);
    assert!(
        w.log()
            .iter()
            .any(|l| l.contains("Cannot undo: nothing to undo in this turn")),
        "{:?}",
        w.log()
    );
}

#[test]
fn a_quick_ctrl_r_read_in_one_frame_reloads_and_does_not_raid() {
    // A window that slept until the keys came reads Ctrl down, R down, R up, Ctrl up in one frame.
    let mut w = reloading_window("khalkhin-quick-ctrl-r.ron");
    let quick = men_mod("quick", "700");
    w.app
        .world_mut()
        .resource_mut::<khalkhin_gol::gui::EnabledMods>()
        .0 = vec![quick.clone()];
    for (key_code, logical_key, state) in [
        (KeyCode::ControlLeft, Key::Control, ButtonState::Pressed),
        (
            KeyCode::KeyR,
            Key::Character("r".into()),
            ButtonState::Pressed,
        ),
        (
            KeyCode::KeyR,
            Key::Character("r".into()),
            ButtonState::Released,
        ),
        (KeyCode::ControlLeft, Key::Control, ButtonState::Released),
    ] {
        w.key_event(key_code, logical_key, state);
    }
    for _ in 0..6 {
        w.app.update();
    }
    let scn = &w.app.world().resource::<ViewedScenario>().0;
    let men = scn.units.iter().find(|u| u.key == "su_rifle").unwrap().men;
    assert_eq!(men, 700, "reloaded with the mod: {:?}", w.log());
    assert!(
        !w.app
            .world()
            .resource::<khalkhin_gol::sim::EventLog>()
            .0
            .iter()
            .any(|e| format!("{e:?}").contains("Raid")),
        "no raid ordered: {:?}",
        w.log()
    );
    std::fs::remove_dir_all(quick).ok();
}

#[test]
fn ctrl_r_reloads_with_the_enabled_mods_and_a_broken_file_is_shown_while_the_game_goes_on() {
    let mut w = reloading_window("khalkhin-reload.ron");
    let men = |w: &Window1| {
        let scn = &w.app.world().resource::<ViewedScenario>().0;
        scn.units.iter().find(|u| u.key == "su_rifle").unwrap().men
    };
    assert_eq!(men(&w), 850);
    // A move, then the mod enabled and Ctrl+R: the game is reloaded with it and the move kept.
    let rifle = unit(&w.scn, "su_rifle");
    let to = hex(&w.scn, 4, 3);
    w.order_move(rifle, to);
    assert_eq!(w.position(rifle), to);
    let good = men_mod("good", "700");
    w.app
        .world_mut()
        .resource_mut::<khalkhin_gol::gui::EnabledMods>()
        .0 = vec![good];
    ctrl_r(&mut w);
    assert_eq!(men(&w), 700, "reloaded with the mod");
    assert_eq!(
        w.position(rifle),
        to,
        "the orders so far played again: {:?}",
        w.log()
    );
    assert_eq!(w.phase(), Phase::Orders);
    assert!(
        w.app
            .world()
            .resource::<khalkhin_gol::gui::Problems>()
            .0
            .is_none()
    );
    // A broken mod: the errors on screen with their place, the game as it was.
    let bad = men_mod("bad", "\"many\"");
    w.app
        .world_mut()
        .resource_mut::<khalkhin_gol::gui::EnabledMods>()
        .0 = vec![bad];
    ctrl_r(&mut w);
    let problems = w
        .app
        .world()
        .resource::<khalkhin_gol::gui::Problems>()
        .0
        .clone();
    let problems = problems.expect("the problems are shown");
    assert!(
        problems.contains("bad-") && problems.contains("patches/mini.ron:2:"),
        "{problems}"
    );
    assert_eq!(men(&w), 700, "the game goes on as it was");
    assert_eq!(w.position(rifle), to);
    assert_eq!(
        w.count::<khalkhin_gol::gui::ProblemsPanel>(),
        1,
        "a panel on screen"
    );
    // Escape hides it.
    w.key(KeyCode::Escape, Key::Escape);
    assert!(
        w.app
            .world()
            .resource::<khalkhin_gol::gui::Problems>()
            .0
            .is_none()
    );
}

#[test]
fn a_game_in_progress_is_not_thrown_away_without_asking() {
    let dir = std::env::temp_dir().join(format!("khalkhin-discard-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let save = dir.join("quicksave.ron");
    let mut w = Window1::new(save.clone());
    w.app.add_plugins((
        khalkhin_gol::gui::ScenarioListPlugin,
        khalkhin_gol::gui::SavesViewPlugin,
    ));
    // F9 lists the saved games in the saves folder, each a button that loads it.
    let load = |w: &mut Window1| {
        w.key(KeyCode::F9, Key::F9);
        let world = w.app.world_mut();
        let choice = world
            .query::<(Entity, &khalkhin_gol::gui::SaveChoice)>()
            .iter(world)
            .find(|(_, c)| c.0 == save)
            .map(|(e, _)| e)
            .expect("the save is listed");
        world.entity_mut(choice).insert(Interaction::Pressed);
        for _ in 0..3 {
            w.app.update();
        }
    };
    // Save at once, then give an order: the game is in progress.
    w.key(KeyCode::F5, Key::F5);
    assert!(save.is_file(), "{:?}", w.log());
    let rifle = unit(&w.scn, "su_rifle");
    let to = hex(&w.scn, 4, 3);
    w.order_move(rifle, to);
    assert_eq!(w.position(rifle), to);
    // Loading it asks; N keeps the game as it was.
    load(&mut w);
    assert!(
        w.app
            .world()
            .contains_resource::<khalkhin_gol::gui::AskDiscard>()
    );
    assert_eq!(
        w.count::<khalkhin_gol::gui::DiscardPanel>(),
        1,
        "the question is on screen"
    );
    assert_eq!(w.position(rifle), to, "nothing thrown away yet");
    w.key(KeyCode::KeyN, Key::Character("n".into()));
    assert!(
        !w.app
            .world()
            .contains_resource::<khalkhin_gol::gui::AskDiscard>()
    );
    assert_eq!(w.count::<khalkhin_gol::gui::DiscardPanel>(), 0);
    assert_eq!(w.position(rifle), to, "kept");
    // Again, and Y: the saved game is loaded (before the move).
    load(&mut w);
    w.key(KeyCode::KeyY, Key::Character("y".into()));
    for _ in 0..6 {
        w.app.update();
    }
    assert_ne!(
        w.position(rifle),
        to,
        "the save from before the move: {:?}",
        w.log()
    );
    assert!(w.app.world().resource::<OrderLog>().0.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn f6_saves_under_a_typed_name_and_f9_lists_the_saves() {
    let dir = std::env::temp_dir().join(format!("khalkhin-named-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut w = Window1::new(dir.join("quicksave.ron"));
    w.app.add_plugins(khalkhin_gol::gui::SavesViewPlugin);
    let rifle = unit(&w.scn, "su_rifle");
    let to = hex(&w.scn, 4, 3);
    w.order_move(rifle, to);
    // F6 opens the prompt with a name made of the scenario and the turn; Backspace takes back.
    w.key(KeyCode::F6, Key::F6);
    let name = |w: &Window1| {
        w.app
            .world()
            .get_resource::<khalkhin_gol::gui::SaveAs>()
            .cloned()
    };
    assert_eq!(
        name(&w).map(|n| n.0),
        Some("mini turn 1 soviet".to_string())
    );
    // The suggested name is as if selected: Backspace clears it at once.
    w.key(KeyCode::Backspace, Key::Backspace);
    assert_eq!(name(&w).map(|n| n.0), Some(String::new()));
    // The keys type the name and do nothing else: Tab selects no unit, "u" undoes nothing.
    for (code, c) in [
        (KeyCode::KeyU, "u"),
        (KeyCode::KeyP, "p"),
        (KeyCode::Slash, "/"),
        (KeyCode::Digit1, "1"),
    ] {
        w.key(code, Key::Character(c.into()));
    }
    w.key(KeyCode::Tab, Key::Tab);
    assert_eq!(name(&w).map(|n| n.0), Some("up/1".to_string()));
    assert_eq!(w.selection(), None);
    assert_eq!(w.position(rifle), to, "U did not undo the move");
    w.key(KeyCode::Enter, Key::Enter);
    assert!(name(&w).is_none(), "Enter saves and closes");
    assert_eq!(w.phase(), Phase::Orders, "Enter did not end the turn");
    let saved = dir.join("up_1.ron");
    assert!(saved.is_file(), "{:?}", w.log());
    // A second save of the same name keeps the first. The first key typed replaces the
    // suggested name.
    w.key(KeyCode::F6, Key::F6);
    w.key(KeyCode::KeyU, Key::Character("up/1".into()));
    assert_eq!(name(&w).map(|n| n.0), Some("up/1".to_string()));
    w.key(KeyCode::Enter, Key::Enter);
    assert!(dir.join("up_1 (2).ron").is_file(), "{:?}", w.log());
    // Escape cancels without saving.
    w.key(KeyCode::F6, Key::F6);
    w.key(KeyCode::Escape, Key::Escape);
    assert!(name(&w).is_none());
    // The two named saves and the turn's autosave.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
    // F9: all listed, newest first, with their scenario, turn and side.
    let list = khalkhin_gol::gui::list_saves(&dir);
    assert_eq!(list.len(), 3);
    assert!(list[0].0.ends_with("up_1 (2).ron"), "{list:?}");
    assert_eq!(list[0].1.as_deref(), Ok("mini, turn 1, soviet to move"));
    w.key(KeyCode::F9, Key::F9);
    assert_eq!(w.count::<khalkhin_gol::gui::SaveChoice>(), 3);
    w.key(KeyCode::F9, Key::F9);
    assert_eq!(w.count::<khalkhin_gol::gui::SavesList>(), 0, "F9 closes it");
    // Names that would leave the folder stay in it.
    let path = khalkhin_gol::gui::save_path(&dir, "../../etc/passwd").unwrap();
    assert_eq!(path.parent(), Some(dir.as_path()));
    assert!(
        khalkhin_gol::gui::save_path(&dir, " ./ ")
            .is_some_and(|p| p.parent() == Some(dir.as_path()))
    );
    assert!(khalkhin_gol::gui::save_path(&dir, "   ").is_none());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn f1_shows_every_control_and_escape_closes_it() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-f1.ron"));
    w.app.add_plugins(khalkhin_gol::gui::HelpPlugin);
    w.key(KeyCode::F1, Key::F1);
    assert_eq!(w.count::<khalkhin_gol::gui::HelpPanel>(), 1);
    // Every key the window answers to is on it.
    let keys: Vec<&str> = khalkhin_gol::gui::CONTROLS.iter().map(|c| c.0).collect();
    for k in ["F1", "F2", "F3", "F5", "F9", "Ctrl+R", "Tab", "N"] {
        assert!(
            keys.iter().any(|x| x.contains(k)),
            "{k} missing from {keys:?}"
        );
    }
    w.key(KeyCode::Escape, Key::Escape);
    assert_eq!(w.count::<khalkhin_gol::gui::HelpPanel>(), 0);
    w.key(KeyCode::F1, Key::F1);
    w.key(KeyCode::F1, Key::F1);
    assert_eq!(w.count::<khalkhin_gol::gui::HelpPanel>(), 0, "F1 toggles");
}

#[test]
fn in_a_hot_seat_game_each_turn_opens_behind_a_cover_and_its_key_does_not_end_the_turn() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-hotseat.ron"));
    w.app.insert_resource(Humans([true, true]));
    w.app.add_plugins(khalkhin_gol::gui::HandoverPlugin);
    w.app.update();
    assert_eq!(
        w.count::<khalkhin_gol::gui::HandoverCover>(),
        1,
        "the Soviet player's turn opens covered"
    );
    let active = |w: &Window1| w.app.world().resource::<Clock>().active;
    assert_eq!(active(&w), khalkhin_gol::data::Side::Soviet);
    // Enter takes the cover away and nothing else.
    w.key(KeyCode::Enter, Key::Enter);
    assert_eq!(w.count::<khalkhin_gol::gui::HandoverCover>(), 0);
    assert_eq!(w.phase(), Phase::Orders);
    assert_eq!(
        active(&w),
        khalkhin_gol::data::Side::Soviet,
        "the turn goes on"
    );
    // Enter again ends it; the Japanese player's turn opens covered.
    w.key(KeyCode::Enter, Key::Enter);
    for _ in 0..10 {
        w.app.update();
    }
    assert_eq!(active(&w), khalkhin_gol::data::Side::Japanese);
    assert_eq!(w.count::<khalkhin_gol::gui::HandoverCover>(), 1);
}

#[test]
fn under_fog_the_window_shows_only_what_the_players_side_knows() {
    use khalkhin_gol::data::Side;
    use khalkhin_gol::gui::ViewBoard;
    use khalkhin_gol::gui::paths::{ComputerPaths, collect_paths};
    let mut s = Arc::unwrap_or_clone(mini());
    s.file.fog.on = true;
    s.file.fog.known_at_start = vec![Side::Soviet];
    let scn = Arc::new(s);
    let mut w = Window1::with(scn.clone(), std::env::temp_dir().join("khalkhin-fog.ron"));
    w.app
        .init_resource::<ComputerPaths>()
        .add_systems(Update, collect_paths);
    let (tank, inf, inf2) = (
        unit(&scn, "su_tank"),
        unit(&scn, "jp_inf"),
        unit(&scn, "jp_inf2"),
    );
    let enemy = |w: &Window1| -> Vec<(u32, HexId, bool)> {
        w.app
            .world()
            .resource::<ViewBoard>()
            .0
            .live()
            .filter(|u| u.side == Side::Japanese)
            .map(|u| (u.id, u.hex, u.ghost))
            .collect()
    };
    // Four hexes and more from every Soviet unit by day: known where they stood, not seen.
    assert_eq!(
        enemy(&w),
        vec![(inf, hex(&scn, 8, 6), true), (inf2, hex(&scn, 9, 2), true)]
    );
    // A tank battalion moves to three hexes from jp_inf: it is seen, as it is.
    w.order_move(tank, hex(&scn, 5, 6));
    w.app.update();
    assert_eq!(
        enemy(&w),
        vec![(inf, hex(&scn, 8, 6), false), (inf2, hex(&scn, 9, 2), true)]
    );
    // The computer's turn: the arrows are only of moves that end where a Soviet unit sees them.
    let before = w
        .app
        .world()
        .resource::<khalkhin_gol::sim::EventLog>()
        .0
        .len();
    w.key(KeyCode::Enter, Key::Enter);
    for _ in 0..20 {
        w.app.update();
    }
    let knows = w
        .app
        .world()
        .resource::<khalkhin_gol::sim::Knowledge>()
        .clone();
    let log = w.app.world().resource::<khalkhin_gol::sim::EventLog>().0[before..].to_vec();
    for m in &w.app.world().resource::<ComputerPaths>().moves {
        assert!(
            log.iter().any(
                |e| matches!(e, khalkhin_gol::sim::SimEvent::Moved { unit, to, .. }
                if *to == m.1 && knows.last_seen(Side::Soviet, *unit) == Some(*to))
            ),
            "an arrow to a hex the Soviet side saw the mover in: {m:?}"
        );
    }
    // Without fog the same start shows both as they are.
    let mut open = Arc::unwrap_or_clone(scn.clone());
    open.file.fog.on = false;
    let w = Window1::with(
        Arc::new(open),
        std::env::temp_dir().join("khalkhin-fog2.ron"),
    );
    assert_eq!(
        enemy(&w),
        vec![
            (inf, hex(&scn, 8, 6), false),
            (inf2, hex(&scn, 9, 2), false)
        ]
    );
}

#[test]
fn counters_show_tanks_guns_or_hundreds_of_men_and_a_ghost_a_question_mark() {
    use khalkhin_gol::gui::strength_figure;
    let scn = mini();
    let board = start_board(&scn);
    let figure = |key: &str| strength_figure(&scn, board.get(unit(&scn, key)).unwrap());
    assert_eq!(figure("su_tank"), "50", "50 BT-7");
    assert_eq!(figure("su_art"), "12", "12 howitzers");
    assert_eq!(figure("su_rifle"), "9", "850 men");
    assert_eq!(figure("jp_inf"), "10", "1,000 men");
    let mut ghost = board.get(unit(&scn, "jp_inf")).unwrap().clone();
    ghost.ghost = true;
    assert_eq!(strength_figure(&scn, &ghost), "?");
}

#[test]
fn place_names_lie_beside_the_counters_never_on_each_other_and_thin_out_zoomed_out() {
    use khalkhin_gol::gui::labels::layout;
    let scn = august();
    let board = start_board(&scn);
    // A camera centred on Nomonhan, 1280×800 pixels, `zoom` world units per pixel.
    let centre = hex_world(&scn, scn.map.places["Nomonhan"]);
    let camera = |zoom: f32| {
        move |p: Vec2| {
            let s = (p - centre) / zoom;
            let px = Vec2::new(640.0 + s.x, 400.0 - s.y);
            (px.x >= 0.0 && px.y >= 0.0 && px.x <= 1280.0 && px.y <= 800.0).then_some(px)
        }
    };
    let counters = |zoom: f32| -> Vec<Rect> {
        let half = Vec2::new(0.31 * 24.0, 0.21 * 24.0) / zoom;
        board
            .live()
            .filter_map(|u| camera(zoom)(hex_world(&scn, u.hex)))
            .map(|p| Rect::from_center_half_size(p, half))
            .collect()
    };
    for (zoom, ui) in [(0.5, 1.0), (1.0, 1.0), (1.0, 2.0)] {
        let spots = layout(&scn, &board, &camera(zoom), zoom, ui);
        let shown: Vec<(&str, Rect)> = spots
            .iter()
            .filter_map(|(n, r)| r.map(|r| (n.as_str(), r)))
            .collect();
        let on_screen = spots
            .iter()
            .filter(|(n, _)| camera(zoom)(hex_world(&scn, scn.map.places[n])).is_some())
            .count();
        assert!(on_screen >= 5, "zoom {zoom}: {on_screen} places on screen");
        if zoom <= 0.5 {
            assert_eq!(
                shown.len(),
                on_screen,
                "zoomed in, every name shows: {shown:?}"
            );
        } else {
            assert!(2 * shown.len() >= on_screen, "zoom {zoom}: {shown:?}");
        }
        for (i, (a, ra)) in shown.iter().enumerate() {
            for (b, rb) in &shown[i + 1..] {
                assert!(ra.intersect(*rb).is_empty(), "{a} on {b} at zoom {zoom}");
            }
            // The name never lies on the counter of its own hex.
            let own = camera(zoom)(hex_world(&scn, scn.map.places[*a])).unwrap();
            let body = Rect::from_center_half_size(own, Vec2::new(0.31 * 24.0, 0.21 * 24.0) / zoom);
            assert!(body.intersect(*ra).is_empty(), "{a} on its own counter");
        }
        // The counters they cover: at most half of what names in one fixed place above their hex
        // (as they were drawn before) covered.
        let area = |r: Rect| khalkhin_gol::gui::labels::covered(r, &counters(zoom));
        let covered: f32 = shown.iter().map(|(_, r)| area(*r)).sum();
        let fixed: f32 = shown
            .iter()
            .map(|(n, r)| {
                let own = camera(zoom)(hex_world(&scn, scn.map.places[*n])).unwrap();
                area(Rect::from_center_size(
                    own - Vec2::new(0.0, 0.62 * 24.0 / zoom),
                    r.size(),
                ))
            })
            .sum();
        assert!(
            covered <= fixed / 2.0,
            "zoom {zoom} ui {ui}: {covered} px² of counters covered, {fixed} in the fixed place"
        );
        // Larger text: the names are larger.
        if ui == 2.0 {
            let nomonhan = |spots: &[(String, Option<Rect>)]| {
                spots.iter().find(|s| s.0 == "Nomonhan").and_then(|s| s.1)
            };
            let small = nomonhan(&layout(&scn, &board, &camera(zoom), zoom, 1.0)).unwrap();
            let big = nomonhan(&spots).unwrap();
            assert!(big.height() > 1.9 * small.height(), "{small:?} {big:?}");
        }
    }
    // Zoomed far out the names would pile up: some are left out, the objectives first kept.
    let far = layout(&scn, &board, &camera(4.0), 4.0, 1.0);
    let kept = far.iter().filter(|s| s.1.is_some()).count();
    let on_map = far.len();
    assert!(kept < on_map, "all {on_map} names kept at zoom 4");
    let objectives: Vec<&str> = scn.objectives.iter().map(|o| o.name.as_str()).collect();
    assert!(
        far.iter()
            .take_while(|s| objectives.contains(&s.0.as_str()))
            .count()
            >= 3
    );
    assert!(
        far.iter().find(|s| s.0 == "Nomonhan").unwrap().1.is_some(),
        "the first objective is always named"
    );
}

/// Undo as the side that moves second, turns into the game: the game is played again from its
/// start, the computer's turns included, and every unit is back on the map.
#[test]
fn undo_as_the_second_side_keeps_every_unit_on_the_map() {
    let save = std::env::temp_dir().join("khalkhin-undo-aug.ron");
    let mut w = Window1::playing(august(), save, [false, true]);
    w.app.add_plugins((
        khalkhin_gol::gui::ScenarioListPlugin,
        khalkhin_gol::gui::ModsPlugin,
    ));
    let japanese_orders = |w: &Window1| {
        let c = *w.app.world().resource::<Clock>();
        w.phase() == Phase::Orders && c.active == khalkhin_gol::data::Side::Japanese && c.turn > 0
    };
    w.key(KeyCode::Enter, Key::Enter);
    for _ in 0..400 {
        if japanese_orders(&w) {
            break;
        }
        w.app.update();
    }
    assert!(japanese_orders(&w), "the Japanese side's second turn");
    let units = w.count::<Pos>();
    let scn = w.scn.clone();
    let id = unit(&scn, "jp_64ir_1");
    let from = w.position(id);
    let to = scn.map.neighbors(from).map(|(_, n)| n).next().unwrap();
    w.order_move(id, to);
    assert_eq!(w.position(id), to);
    // The game is played again up to the person's turn within the frames of the key (not one
    // phase a frame: counters gliding through the old turns for seconds).
    w.key(KeyCode::KeyU, Key::Character("u".into()));
    assert!(
        !w.app
            .world()
            .resource::<khalkhin_gol::sim::Resume>()
            .replaying(),
        "played again at once"
    );
    for _ in 0..400 {
        w.app.update();
        if japanese_orders(&w) {
            break;
        }
    }
    assert_eq!(w.position(id), from, "{:?}", w.log());
    assert_eq!(w.count::<Pos>(), units);
    let seen = w
        .app
        .world()
        .resource::<khalkhin_gol::gui::ViewBoard>()
        .0
        .live()
        .count();
    assert!(
        seen >= units - 10,
        "the side's own units and those it sees: {seen} of {units}"
    );
    assert!(japanese_orders(&w));
}

#[test]
fn a_campaigns_battle_ends_into_the_campaign_and_n_plays_the_next_with_the_strengths_carried() {
    use khalkhin_gol::campaign::{CampaignRun, CampaignSides, Progress};
    use khalkhin_gol::gui::campaign_view::{CampaignEnded, CampaignViewPlugin};
    let dir = std::env::temp_dir().join(format!("khalkhin-window-campaign-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sides = CampaignSides {
        seed: 5,
        controllers: (ControllerKind::Passive, ControllerKind::Ai),
        humans: [true, false],
        no_fog: false,
    };
    let path = common::root().join("tests/fixtures/campaigns/mini_campaign.ron");
    let (run, _) = CampaignRun::begin_in(
        Some(&dir),
        &path,
        &khalkhin_gol::mods::ModSet::none(),
        sides,
        false,
    )
    .expect("begins");
    let first = Arc::new(run.scenario().unwrap());
    let mut w = Window1::with(first.clone(), dir.join("save.ron"));
    w.app.world_mut().resource_mut::<GameSetup>().campaign = Some(run);
    w.app
        .add_plugins((khalkhin_gol::gui::ScenarioListPlugin, CampaignViewPlugin));
    // The person ends every turn; the computer plays the other side to the battle's end.
    for _ in 0..40 {
        if w.app
            .world()
            .resource::<khalkhin_gol::sim::GameState>()
            .outcome
            .is_some()
        {
            break;
        }
        w.key(KeyCode::Enter, Key::Enter);
        for _ in 0..30 {
            w.app.update();
        }
    }
    w.app.update();
    let after = w
        .app
        .world()
        .resource::<CampaignEnded>()
        .0
        .clone()
        .expect("the battle's end is recorded in the campaign");
    assert_eq!(after.played.len(), 1);
    assert_eq!(after.next.as_deref(), Some("second"));
    assert_eq!(
        Progress::load(&dir.join("mini-campaign.ron")).unwrap(),
        after,
        "and written to the progress file"
    );
    assert!(
        w.log()
            .iter()
            .any(|l| l.contains("The campaign's progress is saved")),
        "{:?}",
        w.log()
    );
    // N: the next battle, with the strengths the units carry in.
    w.key(KeyCode::KeyN, Key::Character("n".into()));
    for _ in 0..6 {
        w.app.update();
    }
    let shown = w.app.world().resource::<ViewedScenario>().0.clone();
    assert!(!shown.carried.is_empty(), "strengths carried in");
    assert_ne!(shown.content_hash, first.content_hash);
    let setup = w.app.world().resource::<GameSetup>().clone();
    let now = setup.campaign.as_ref().expect("still the campaign");
    assert_eq!(now.progress, after);
    assert_eq!(now.battle(), Some(1));
    assert_eq!(setup.seed, after.battle_seed());
    assert!(
        w.app
            .world()
            .resource::<khalkhin_gol::sim::GameState>()
            .outcome
            .is_none(),
        "a new battle"
    );
    assert!(w.app.world().resource::<CampaignEnded>().0.is_none());
    // A save of this battle keeps the campaign as it stood when it began, and the strengths.
    let clock = *w.app.world().resource::<Clock>();
    let orders = w.app.world().resource::<OrderLog>().clone();
    let file = setup.saved_game(&shown, &orders, &clock);
    assert_eq!(file.campaign.as_ref(), Some(&after));
    assert_eq!(file.carried, shown.carried);
}

#[test]
fn the_computers_refused_orders_stay_out_of_the_players_log() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-refusals.ron"));
    w.app.add_systems(Update, khalkhin_gol::gui::update_log);
    let refused = |side: khalkhin_gol::data::Side, why: &str| SimEvent::OrderRejected {
        side,
        order: Order::RaidAirfields,
        reason: why.to_string(),
    };
    let push = |w: &mut Window1, e: SimEvent| {
        w.app
            .world_mut()
            .resource_mut::<khalkhin_gol::sim::EventLog>()
            .0
            .push(e);
        w.app.update();
    };
    push(
        &mut w,
        refused(
            khalkhin_gol::data::Side::Japanese,
            "we see no enemy in hex (29,28)",
        ),
    );
    assert!(
        !w.log().iter().any(|l| l.contains("we see no enemy")),
        "the computer's refusal is not told: {:?}",
        w.log()
    );
    push(
        &mut w,
        refused(
            khalkhin_gol::data::Side::Soviet,
            "no air effort left this turn",
        ),
    );
    assert!(
        w.log()
            .iter()
            .any(|l| l.contains("Refused: no air effort left")),
        "the player's own is: {:?}",
        w.log()
    );
}

#[test]
fn v_shows_the_supply_view_hatching_what_the_sides_supply_cannot_reach_then_the_enemys() {
    use khalkhin_gol::data::Side;
    use khalkhin_gol::gui::supply_view::{SupplyView, hatched, side_shown, toggle, view_side};
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-supply-view.ron"));
    w.app
        .init_resource::<SupplyView>()
        .add_systems(Update, toggle);
    w.key(KeyCode::KeyV, Key::Character("v".into()));
    let view = |w: &Window1| *w.app.world().resource::<SupplyView>();
    assert_eq!(view(&w), SupplyView::Own, "V shows it");
    // It hatches the hexes the player's side cannot supply: with the Japanese battalion ringed by
    // Soviet units, its hex is among them for the Japanese side, and the Soviet side's own sources
    // are not hatched for it.
    let scn = common::ringed_pocket(&[]);
    let board = start_board(&scn);
    let side = side_shown([false, true], khalkhin_gol::data::Side::Soviet);
    assert_eq!(side, khalkhin_gol::data::Side::Japanese);
    let cut = hatched(&scn, &board, side);
    let pocket = board.get(unit(&scn, "jp_inf")).unwrap().hex;
    assert!(
        cut[pocket.0 as usize],
        "the ringed battalion's hex is beyond supply"
    );
    let source = scn.supply_sources[khalkhin_gol::data::Side::Japanese.index()][0];
    assert!(!cut[source.0 as usize], "a source is in supply");
    let soviet = hatched(&scn, &board, khalkhin_gol::data::Side::Soviet);
    assert!(!soviet[scn.supply_sources[0][0].0 as usize]);
    // V again: the enemy's supply, as the player's side can tell; a third time hides it.
    w.key(KeyCode::KeyV, Key::Character("v".into()));
    assert_eq!(view(&w), SupplyView::Enemy);
    assert_eq!(
        view_side(SupplyView::Enemy, [true, false], Side::Soviet),
        Side::Japanese
    );
    assert_eq!(
        view_side(SupplyView::Own, [true, false], Side::Japanese),
        Side::Soviet
    );
    w.key(KeyCode::KeyV, Key::Character("v".into()));
    assert_eq!(view(&w), SupplyView::Off, "a third V hides it");
}

#[test]
fn help_or_a_list_opened_over_the_side_panel_or_the_game_over_summary_hides_it_until_it_closes() {
    use khalkhin_gol::gui::{
        GameOverPanel, SidePanel, side_panel_under_summary, summary_under_lists,
    };
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-summary-under.ron"));
    w.app
        .add_plugins(khalkhin_gol::gui::HelpPlugin)
        .add_systems(
            Update,
            (summary_under_lists, side_panel_under_summary).chain(),
        );
    let side = w
        .app
        .world_mut()
        .spawn((SidePanel, Visibility::Inherited))
        .id();
    let side_shown = |w: &Window1| *w.app.world().get::<Visibility>(side).unwrap();
    // Help over the map hides the side panel too, until it closes.
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    assert_eq!(
        side_shown(&w),
        Visibility::Hidden,
        "help over the side panel"
    );
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    assert_eq!(side_shown(&w), Visibility::Inherited);
    let summary = w
        .app
        .world_mut()
        .spawn((GameOverPanel, Visibility::Inherited))
        .id();
    let shown = |w: &Window1| *w.app.world().get::<Visibility>(summary).unwrap();
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    assert_eq!(shown(&w), Visibility::Hidden, "help covers the summary");
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    assert_eq!(shown(&w), Visibility::Inherited, "and it is back");
    assert_eq!(side_shown(&w), Visibility::Hidden, "under the summary");
    // A summary the player hid (the final map in view) stays hidden after the list.
    w.app
        .world_mut()
        .entity_mut(summary)
        .insert(Visibility::Hidden);
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    w.key(KeyCode::F1, Key::F1);
    w.app.update();
    assert_eq!(shown(&w), Visibility::Hidden);
}

#[test]
fn a_click_on_a_stack_of_ones_own_selects_and_shift_and_a_click_moves_into_it() {
    let mut w = Window1::new(std::env::temp_dir().join("khalkhin-shift-join.ron"));
    let scn = w.scn.clone();
    let (tank, tank2) = (unit(&scn, "su_tank"), unit(&scn, "su_tank2"));
    let stack = hex(&scn, 5, 6);
    w.order_move(tank2, stack);
    assert_eq!(w.position(tank2), stack);
    let start = w.position(tank);
    w.click(MouseButton::Left, start);
    assert_eq!(w.selection(), Some(tank));
    // A click alone selects the unit there; the tank stays.
    w.click(MouseButton::Left, stack);
    assert_eq!(w.selection(), Some(tank2));
    assert_eq!(w.position(tank), start);
    // Shift held: the selected tank joins the stack.
    w.click(MouseButton::Left, start);
    assert_eq!(w.selection(), Some(tank));
    w.key_state(KeyCode::ShiftLeft, Key::Shift, ButtonState::Pressed);
    w.click(MouseButton::Left, stack);
    w.key_state(KeyCode::ShiftLeft, Key::Shift, ButtonState::Released);
    assert_eq!(w.position(tank), stack, "Shift+click moves into the stack");
}

#[test]
fn a_note_in_the_turn_log_is_written_in_the_fonts_characters() {
    // The window's font has no ellipsis or typographic dashes: a message cut short at its
    // length limit ends in "..." rather than a missing glyph.
    let mut log = LogView::default();
    log.note("expected one of: base_loss, a… – ≥ 3".into());
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines, ["expected one of: base_loss, a... - >= 3"]);
}

#[test]
fn ctrl_and_a_click_on_an_enemy_attacks_with_the_selected_unit_alone() {
    let scn = with_positions(&mini(), &[("su_tank", 7, 6), ("su_tank2", 7, 5)], &[]);
    let mut w = Window1::with(
        scn.clone(),
        std::env::temp_dir().join("khalkhin-ctrl-alone.ron"),
    );
    let (tank, tank2) = (unit(&scn, "su_tank"), unit(&scn, "su_tank2"));
    let target = hex(&scn, 8, 6);
    w.click(MouseButton::Left, hex(&scn, 7, 6));
    assert_eq!(w.selection(), Some(tank));
    // Ctrl held: the click gives the selected tank's attack alone.
    w.key_state(KeyCode::ControlLeft, Key::Control, ButtonState::Pressed);
    w.click(MouseButton::Left, target);
    w.key_state(KeyCode::ControlLeft, Key::Control, ButtonState::Released);
    let orders = &w.app.world().resource::<OrderLog>().0;
    assert_eq!(
        orders.last().map(|o| &o.2),
        Some(&Order::Attack {
            units: vec![tank],
            target
        }),
        "{orders:?}"
    );
    assert!(
        !w.log()
            .iter()
            .any(|l| l.contains("Second tank battalion") && l.contains("attack")),
        "{tank2} stays out: {:?}",
        w.log()
    );
}

#[test]
fn with_the_menu_open_enter_does_not_end_the_turn_behind_it() {
    use khalkhin_gol::gui::menu::{MenuOpen, MenuPlugin, SettingsFile};
    let dir = std::env::temp_dir().join(format!("khalkhin-menu-keys-{}", std::process::id()));
    let mut w = Window1::new(dir.join("save.ron"));
    w.app
        .insert_resource(SettingsFile(Some(dir.join("settings.ron"))))
        .add_plugins(MenuPlugin);
    w.app.update();
    let turn = |w: &Window1| w.app.world().resource::<Clock>().turn;
    assert_eq!((turn(&w), w.phase()), (0, Phase::Orders));
    w.key(KeyCode::Escape, Key::Escape);
    w.app.update();
    assert!(
        w.app.world().resource::<MenuOpen>().0,
        "Escape opens the menu"
    );
    for _ in 0..2 {
        w.key(KeyCode::Enter, Key::Enter);
        for _ in 0..10 {
            w.app.update();
        }
    }
    assert_eq!(
        (turn(&w), w.phase()),
        (0, Phase::Orders),
        "Enter with the menu open ends nothing"
    );
    // Closed, the same key ends the turn.
    w.key(KeyCode::Escape, Key::Escape);
    w.app.update();
    assert!(!w.app.world().resource::<MenuOpen>().0);
    w.key(KeyCode::Enter, Key::Enter);
    for _ in 0..40 {
        w.app.update();
    }
    assert_eq!(turn(&w), 1, "Enter ends the turn once the menu is closed");
    let _ = std::fs::remove_dir_all(&dir);
}
