//! Fog of war (`sim/rules/sight.rs`): what each side sees of the other, how it is kept, what the
//! computer players are given, and a move that runs into enemy units it did not see. Played on the
//! test scenario's flat west bank (columns 0–4, all at 700 m), with fog turned on.

mod common;
use common::*;
use khalkhin_gol::control::{Controller, OrderContext};
use khalkhin_gol::data::{Side, Stamp};
use khalkhin_gol::scenario::{Scenario, UnitIx};
use khalkhin_gol::sim::{
    EventLog, Knowledge, Order, Passive, Phase, SimEvent, headless_app, run_to_end,
};
use std::sync::{Arc, Mutex};

/// The test scenario with fog on, the units placed as given, the others kept out, starting at
/// `start` (06:00 is day, 00:00 night).
fn fogged(moved: &[(&str, i32, i32)], absent: &[&str], start: &str) -> Arc<Scenario> {
    let s = with_positions(&mini(), moved, absent);
    let mut s = Arc::unwrap_or_clone(s);
    s.file.fog.on = true;
    s.file.start = Stamp::parse(start).expect("a date");
    for (c, r) in [
        (0, 6),
        (1, 6),
        (2, 6),
        (3, 6),
        (4, 6),
        (0, 2),
        (2, 2),
        (4, 2),
    ] {
        assert_eq!(
            s.map.elevation_m[hex(&s, c, r).0 as usize],
            700,
            "flat at ({c},{r})"
        );
    }
    Arc::new(s)
}

/// The enemy units (id, ghost) on the board of each orders phase.
type Seen = Arc<Mutex<Vec<Vec<(UnitIx, bool)>>>>;

/// Remembers the enemy units each orders phase's board shows the controller, then gives its orders.
struct Watching {
    orders: Vec<Order>,
    saw: Seen,
}

impl Controller for Watching {
    fn orders(&mut self, ctx: &OrderContext) -> Vec<Order> {
        let enemy: Vec<(UnitIx, bool)> = ctx
            .board
            .live()
            .filter(|u| u.side != ctx.side)
            .map(|u| (u.id, u.ghost))
            .collect();
        self.saw.lock().unwrap().push(enemy);
        std::mem::take(&mut self.orders)
    }
}

fn knowledge(app: &bevy::app::App) -> Knowledge {
    app.world().resource::<Knowledge>().clone()
}

#[test]
fn a_side_sees_only_what_its_units_see_by_day_and_less_at_night() {
    // By day a unit sees 3 km on the flat: jp_inf two hexes from su_rifle is seen, jp_inf2 six
    // hexes from every Soviet unit is not; the mini scenario has no aircraft to look farther.
    let absent = ["su_tank", "su_tank2", "su_art", "jp_late"];
    let placed = [("su_rifle", 0, 2), ("jp_inf", 2, 2), ("jp_inf2", 4, 8)];
    let scn = fogged(&placed, &absent, "1939-08-20T06:00");
    let (rifle, inf, inf2) = (
        unit(&scn, "su_rifle"),
        unit(&scn, "jp_inf"),
        unit(&scn, "jp_inf2"),
    );
    assert!(scn.map.distance(hex(&scn, 0, 2), hex(&scn, 4, 8)) >= 6);
    let mut app = headless_app(scn.clone(), 1, [Box::new(Passive), Box::new(Passive)]);
    app.update();
    let k = knowledge(&app);
    assert!(k.sees(Side::Soviet, inf) && k.sees(Side::Japanese, rifle));
    assert!(!k.sees(Side::Soviet, inf2));
    assert_eq!(k.last_seen(Side::Soviet, inf2), None, "never seen");
    assert_eq!(k.last_seen(Side::Soviet, inf), Some(hex(&scn, 2, 2)));
    // Nobody sees their own units: the knowledge is of the enemy.
    assert!(!k.sees(Side::Soviet, rifle));

    // The same two hexes apart at night: only the next hex is seen; jp_inf becomes a ghost where
    // it was seen, with the men it had then.
    let night = fogged(&placed, &absent, "1939-08-20T00:00");
    let mut app = headless_app(night.clone(), 1, [Box::new(Passive), Box::new(Passive)]);
    app.update();
    let k = knowledge(&app);
    assert!(!k.sees(Side::Soviet, inf), "two hexes off at night");
    assert!(k.night);
    let mut near = fogged(
        &[("su_rifle", 0, 2), ("jp_inf", 1, 2), ("jp_inf2", 4, 8)],
        &absent,
        "1939-08-20T00:00",
    );
    Arc::make_mut(&mut near).file.fog.known_at_start = vec![Side::Soviet];
    let mut app = headless_app(near.clone(), 1, [Box::new(Passive), Box::new(Passive)]);
    app.update();
    let k = knowledge(&app);
    assert!(k.sees(Side::Soviet, inf), "the next hex is seen at night");
    // Known at the start, not seen: jp_inf2 is a ghost where it stands, as it was.
    assert!(!k.sees(Side::Soviet, inf2));
    let ghosts: Vec<_> = k
        .ghosts(Side::Soviet)
        .map(|g| (g.0, g.1, g.2.men))
        .collect();
    assert_eq!(ghosts, vec![(inf2, hex(&near, 4, 8), 1000)]);
}

#[test]
fn the_computer_is_given_only_what_its_side_knows() {
    let absent = ["su_tank", "su_tank2", "su_art", "jp_late"];
    let placed = [("su_rifle", 0, 2), ("jp_inf", 2, 2), ("jp_inf2", 4, 8)];
    let saw = Arc::new(Mutex::new(Vec::new()));
    let watching = |scn: &Arc<Scenario>| {
        let mut app = headless_app(
            scn.clone(),
            1,
            [
                Box::new(Watching {
                    orders: Vec::new(),
                    saw: saw.clone(),
                }),
                Box::new(Passive),
            ],
        );
        app.update();
        app.update();
        saw.lock().unwrap().pop().expect("orders were asked for")
    };
    let scn = fogged(&placed, &absent, "1939-08-20T06:00");
    let inf = unit(&scn, "jp_inf");
    let inf2 = unit(&scn, "jp_inf2");
    assert_eq!(
        watching(&scn),
        vec![(inf, false)],
        "jp_inf2 is out of sight"
    );
    // Known at the start: jp_inf2 is on the board as a ghost, marked so.
    let mut known = scn.clone();
    Arc::make_mut(&mut known).file.fog.known_at_start = vec![Side::Soviet];
    assert_eq!(watching(&known), vec![(inf, false), (inf2, true)]);
    // Without fog the computer sees every unit as it is.
    let mut open = scn.clone();
    Arc::make_mut(&mut open).file.fog.on = false;
    assert_eq!(watching(&open), vec![(inf, false), (inf2, false)]);
}

#[test]
fn a_move_into_enemy_units_not_seen_stops_short_and_is_seen_by_them() {
    // At night the tank battalion at (0,6) cannot see jp_inf three hexes east on its row; ordered
    // to (4,6) it takes the straight road, enters jp_inf's zone of control at (2,6) and stops there.
    let absent = ["su_rifle", "su_tank2", "su_art", "jp_inf2", "jp_late"];
    let placed = [("su_tank", 0, 6), ("jp_inf", 3, 6)];
    let scn = fogged(&placed, &absent, "1939-08-20T00:00");
    let (tank, inf) = (unit(&scn, "su_tank"), unit(&scn, "jp_inf"));
    let to = hex(&scn, 4, 6);
    let order = |scn: &Arc<Scenario>| {
        let mut app = headless_app(
            scn.clone(),
            1,
            [
                Box::new(Watching {
                    orders: vec![Order::Move { unit: tank, to }],
                    saw: Arc::new(Mutex::new(Vec::new())),
                }),
                Box::new(Passive),
            ],
        );
        // Setup, orders, movement: stop once the side's combat phase comes.
        for _ in 0..10 {
            app.update();
            if *app
                .world()
                .resource::<bevy::state::state::State<Phase>>()
                .get()
                == Phase::Combat
            {
                break;
            }
        }
        let k = knowledge(&app);
        let log = app.world_mut().remove_resource::<EventLog>().unwrap().0;
        (log, k)
    };
    let (log, k) = order(&scn);
    let stop = hex(&scn, 2, 6);
    let moves: Vec<_> = log
        .iter()
        .filter(|e| matches!(e, SimEvent::Moved { .. } | SimEvent::Contact { .. }))
        .cloned()
        .collect();
    assert!(
        matches!(&moves[..], [SimEvent::Moved { unit, to: m, .. }, SimEvent::Contact { unit: c, hex, ordered }]
            if *unit == tank && *m == stop && *c == tank && *hex == stop && *ordered == to),
        "{moves:?}"
    );
    // Next to each other now: each side sees the other.
    assert!(k.sees(Side::Soviet, inf) && k.sees(Side::Japanese, tank));
    assert!(
        log.iter().any(
            |e| matches!(e, SimEvent::Sighted { side: Side::Soviet, seen, .. }
            if seen.contains(&(inf, hex(&scn, 3, 6))))
        ),
        "the contact is a sighting"
    );
    // Without fog the same order is checked against jp_inf and refused or routed round it: it
    // never ends at (2,6) with a contact.
    let mut open = scn.clone();
    Arc::make_mut(&mut open).file.fog.on = false;
    let (log, _) = order(&open);
    assert!(
        !log.iter()
            .any(|e| matches!(e, SimEvent::Contact { .. } | SimEvent::Sighted { .. }))
    );
}

#[test]
fn a_game_under_fog_is_reproducible_and_without_fog_has_no_sightings() {
    let events = |scn: &Arc<Scenario>| {
        let mut app = headless_app(
            scn.clone(),
            7,
            [
                khalkhin_gol::control::ControllerKind::Ai.build(),
                khalkhin_gol::control::ControllerKind::Ai.build(),
            ],
        );
        run_to_end(&mut app, 1000).expect("the game ends");
        format!("{:?}", app.world().resource::<EventLog>().0)
    };
    let mut scn = mini();
    Arc::make_mut(&mut scn).file.fog.on = true;
    let a = events(&scn);
    assert_eq!(a, events(&scn), "the same seed gives the same events");
    assert!(a.contains("Sighted"));
    Arc::make_mut(&mut scn).file.fog.on = false;
    assert!(!events(&scn).contains("Sighted"));
}

#[test]
fn no_fog_on_the_command_line_and_in_saved_games() {
    let dir = std::env::temp_dir().join(format!("khalkhin-fog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sightings = |extra: &[&str]| {
        let out = dir.join("events.jsonl");
        let out_s = out.display().to_string();
        let mut args = vec![
            "replay",
            "scenarios/bain_tsagan_1939.ron",
            "--runs",
            "1",
            "--events",
            &out_s,
        ];
        args.extend_from_slice(extra);
        let run = khalkhin(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .filter(|l| l.contains("\"kind\":\"sighted\""))
            .count()
    };
    assert!(sightings(&[]) > 0, "fog is on by default");
    assert_eq!(sightings(&["--no-fog"]), 0);
    std::fs::remove_dir_all(&dir).ok();

    // A saved game or replay keeps the setting it was played with, whatever the scenario says now.
    use khalkhin_gol::control::ControllerKind::Passive as P;
    use khalkhin_gol::saves::ReplayFile;
    let scn = mini();
    let file = ReplayFile::new(&scn, 1, (P, P), &Default::default());
    assert!(!file.fog, "the test scenario is played without fog");
    let mut fogged = scn.clone();
    Arc::make_mut(&mut fogged).file.fog.on = true;
    assert!(!file.as_played(fogged).file.fog.on);
    let text = ron::to_string(&ReplayFile::new(&mini(), 1, (P, P), &Default::default())).unwrap();
    assert!(text.contains("fog:false"), "{text}");
}

#[test]
fn the_window_tells_a_side_only_of_enemy_moves_it_sees() {
    use khalkhin_gol::play::fog::{FogFilter, Told, viewer};
    let scn = mini();
    let (inf, inf2, tank) = (
        unit(&scn, "jp_inf"),
        unit(&scn, "jp_inf2"),
        unit(&scn, "su_tank"),
    );
    let (a, b, c) = (hex(&scn, 8, 6), hex(&scn, 9, 6), hex(&scn, 10, 6));
    let moved = |unit, from, to| SimEvent::Moved {
        unit,
        from,
        to,
        hours: 1.0,
    };
    let sighted = |seen: Vec<(UnitIx, _)>, lost: Vec<UnitIx>| SimEvent::Sighted {
        side: Side::Soviet,
        seen,
        lost,
        gone: Vec::new(),
    };
    let events = vec![
        sighted(vec![(inf, a)], vec![]),
        // Seen where it ends: told.
        moved(inf, a, b),
        sighted(vec![(inf, b)], vec![]),
        // Out of sight where it ends: only that it went.
        moved(inf, b, c),
        sighted(vec![], vec![inf]),
        // Never seen: nothing; seen where it ends: told.
        moved(inf2, a, b),
        moved(inf2, b, c),
        sighted(vec![(inf2, c)], vec![]),
        // The side's own moves are always told.
        moved(tank, a, b),
    ];
    let mut fog = FogFilter::new(&scn, Some(Side::Soviet));
    let told: Vec<Told> = (0..events.len())
        .map(|i| fog.told(&scn, &events, i))
        .collect();
    use Told::*;
    assert_eq!(
        told,
        vec![No, Yes, No, OutOfSight(inf), No, No, Yes, No, Yes]
    );
    assert_eq!(fog.take_appeared(), 2, "jp_inf and jp_inf2 came into sight");
    // Without a viewer (fog off, or nobody plays) everything is told but the sightings.
    let mut open = FogFilter::new(&scn, None);
    assert!((0..events.len()).all(|i| open.told(&scn, &events, i) != OutOfSight(inf)));
    // Whose eyes: the one person's side, the side to move in a hot-seat game, none when watching
    // or without fog.
    let mut fogged = scn.clone();
    Arc::make_mut(&mut fogged).file.fog.on = true;
    assert_eq!(
        viewer(&fogged, [false, true], Side::Soviet),
        Some(Side::Japanese)
    );
    assert_eq!(
        viewer(&fogged, [true, true], Side::Japanese),
        Some(Side::Japanese)
    );
    assert_eq!(viewer(&fogged, [false, false], Side::Soviet), None);
    assert_eq!(viewer(&scn, [true, false], Side::Soviet), None);
}
