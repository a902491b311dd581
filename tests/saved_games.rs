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

    // The window checks a save by playing it to where it stopped: this one is sound.
    let at = loaded.saved.expect("a saved game");
    loaded
        .check_resume(&at, &scn, &path)
        .expect("the save gives its game");
    // A person's move changed to one the rules refuse: refused, with the turn and the reason.
    let mut bad = loaded.clone();
    // Into the hex an enemy battalion holds at the start.
    let far = scn.units[unit(&scn, "jp_inf") as usize].hex;
    let human = bad
        .turns
        .iter_mut()
        .find(|t| t.side == Side::Soviet && !t.orders.is_empty())
        .expect("a person's turn with orders");
    let turn = human.turn;
    human.orders[0] = Order::Move {
        unit: tank,
        to: far,
    };
    let err = bad.check_resume(&at, &scn, &path).unwrap_err().to_string();
    assert!(
        err.contains(&format!("turn {} (", turn + 1))
            && err.contains("the rules refuse it: cannot reach the hex: enemy units hold it"),
        "{err}"
    );
    // The computer side's recorded orders changed: the game it gives is not the one recorded.
    let mut bad = loaded.clone();
    let computer = bad
        .turns
        .iter_mut()
        .find(|t| t.side == Side::Japanese && !t.orders.is_empty())
        .expect("a computer turn with orders");
    computer.orders.pop();
    let err = bad.check_resume(&at, &scn, &path).unwrap_err().to_string();
    assert!(err.contains("does not follow its record"), "{err}");

    // A save whose stopping point the game never reaches (after its last turn).
    let mut bad = loaded.clone();
    let late = SavedAt { turn: 500, ..at };
    bad.saved = Some(late);
    let err = bad
        .check_resume(&late, &scn, &path)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("never reaches the point where it was saved"),
        "{err}"
    );

    // A save cut in half is refused with the place where it breaks off.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let err = ReplayFile::load(&path).unwrap_err().to_string();
    assert!(err.contains(&format!("{}:", path.display())), "{err}");
    std::fs::remove_file(&path).ok();
}
