//! A player saves a game in the middle of a turn and loads it later: the saved file keeps the seed,
//! the controllers and the person's orders; loading plays them again and stops where the game was
//! saved, in exactly the same state. A corrupt save is an error with its place, not a panic.

mod common;
use bevy::prelude::*;
use common::*;
use khalkhin_gol::analysis::{ReplayFile, SavedAt};
use khalkhin_gol::control::{ControllerKind, Passive};
use khalkhin_gol::data::Side;
use khalkhin_gol::sim::{
    Clock, EventLog, Humans, Order, OrderLog, Phase, PlayerCommand, PlayerCommands, Resume,
    SimEvent, headless_app, read_board,
};

fn phase(app: &App) -> Phase {
    *app.world().resource::<State<Phase>>().get()
}

fn waiting_for(app: &App, turn: u32) -> bool {
    let c = app.world().resource::<Clock>();
    phase(app) == Phase::Orders && c.turn == turn && c.active == Side::Soviet
}

fn state(app: &mut App) -> (String, Vec<String>) {
    let board = read_board(app.world_mut());
    let events = app
        .world()
        .resource::<EventLog>()
        .0
        .iter()
        .filter(|e| !matches!(e, SimEvent::OrderRejected { .. }))
        .map(|e| format!("{e:?}"))
        .collect();
    (format!("{:?}", board.units), events)
}

#[test]
fn a_saved_game_loads_to_exactly_the_same_state() {
    let scn = mini();
    let new_game = || {
        let mut app = headless_app(
            scn.clone(),
            8,
            [Box::new(Passive), ControllerKind::Ai.build()],
        );
        app.world_mut().insert_resource(Humans([true, false]));
        app
    };
    let mut app = new_game();
    let tank = unit(&scn, "su_tank");
    let rifle = unit(&scn, "su_rifle");
    // Three turns of moves, then one move into the fourth turn, and save there.
    for turn in 0..4 {
        while !waiting_for(&app, turn) {
            app.update();
        }
        let board = read_board(app.world_mut());
        let who = if turn % 2 == 0 { tank } else { rifle };
        let (c, r) = scn.map.offset(board.get(who).unwrap().hex);
        let to = scn.map.id(c, r + 1).unwrap();
        app.world_mut()
            .resource_mut::<PlayerCommands>()
            .0
            .push(PlayerCommand::Order(Order::Move { unit: who, to }));
        if turn < 3 {
            app.world_mut()
                .resource_mut::<PlayerCommands>()
                .0
                .push(PlayerCommand::EndTurn);
        }
        app.update();
    }
    assert!(waiting_for(&app, 3));
    let mut file = ReplayFile::new(
        &scn,
        8,
        (ControllerKind::Passive, ControllerKind::Ai),
        app.world().resource::<OrderLog>(),
    );
    file.saved = Some(SavedAt {
        humans: [true, false],
        turn: 3,
        side: Side::Soviet,
    });
    let path = std::env::temp_dir().join(format!("khalkhin-save-{}.ron", std::process::id()));
    file.save(&path).unwrap();

    let loaded = ReplayFile::load(&path).unwrap();
    loaded.check_scenario(&scn, &path).unwrap();
    let mut again = new_game();
    again.insert_resource(loaded.resume().expect("a saved game"));
    for _ in 0..200 {
        if waiting_for(&again, 3) && !again.world().resource::<Resume>().replaying() {
            break;
        }
        again.update();
    }
    // One more update with nothing to do: the loaded game waits for the person, as the saved one.
    again.update();
    assert!(waiting_for(&again, 3));
    assert_eq!(state(&mut app), state(&mut again));

    // A save cut in half is refused with the place where it breaks off.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let err = ReplayFile::load(&path).unwrap_err().to_string();
    assert!(err.contains(&format!("{}:", path.display())), "{err}");
    std::fs::remove_file(&path).ok();
}
