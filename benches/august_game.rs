//! Throughput of the headless simulation: one whole August 1939 game (47 six-hour turns, both sides
//! on the historical plan), loading and validating the scenario, and one turn's orders of the free
//! computer opponent for each side on the board of 24 August 12:00 (mid-battle, pocket forming),
//! with a fresh controller (no cached distance fields: the worst case).
//! Run: `cargo bench --no-default-features`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khalkhin_gol::analysis::play_game;
use khalkhin_gol::control::ControllerKind;
use khalkhin_gol::scenario::load_scenario;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn scenario_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/august_1939.ron")
}

fn whole_game(c: &mut Criterion) {
    let scn = Arc::new(load_scenario(&scenario_path()).expect("the August scenario loads"));
    let mut g = c.benchmark_group("august_1939");
    g.throughput(Throughput::Elements(1));
    g.sample_size(30);
    let mut seed = 0u64;
    g.bench_function("whole_game_plan_vs_plan", |b| {
        b.iter(|| {
            seed += 1;
            black_box(play_game(&scn, seed, ControllerKind::Plan, ControllerKind::Plan).0)
        })
    });
    g.bench_function("load_and_validate", |b| {
        b.iter(|| black_box(load_scenario(&scenario_path()).expect("loads")))
    });
    g.finish();
}

fn computer_turn(c: &mut Criterion) {
    use khalkhin_gol::control::{AiController, Controller, OrderContext};
    use khalkhin_gol::data::{Side, Stamp};
    let scn = Arc::new(load_scenario(&scenario_path()).expect("the August scenario loads"));
    let when = Stamp::parse("1939-08-24T12:00").expect("a date");
    let board = khalkhin_gol::sim::board_at(
        &scn,
        1,
        [ControllerKind::Ai.build(), ControllerKind::Ai.build()],
        when,
    );
    let holders: Vec<Side> = scn.objectives.iter().map(|o| o.holder).collect();
    let aircraft: Vec<u32> = scn.air_units.iter().map(|a| a.count).collect();
    let mut g = c.benchmark_group("august_1939_computer_turn");
    g.sample_size(30);
    for side in [Side::Soviet, Side::Japanese] {
        let ctx = OrderContext {
            scn: &scn,
            board: &board,
            side,
            now: when,
            turn: 17,
            air_left: 0.0,
            holders: &holders,
            aircraft: &aircraft,
        };
        g.bench_function(side.key(), |b| {
            b.iter(|| black_box(AiController::default().orders(&ctx)))
        });
    }
    g.finish();
}

/// Loading and validating a scenario of 9,000 units (headquarters, which take no stacking room,
/// on the test map): validation is linear in the size of the input.
fn large_scenario(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("khalkhin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let text = std::fs::read_to_string(root.join("tests/fixtures/mini_scenario.ron"))
        .expect("the test scenario")
        .replace(
            "map: \"mini_map.ron\"",
            &format!("map: {:?}", root.join("tests/fixtures/mini_map.ron")),
        )
        .replace(
            "\"../../assets/",
            &format!("\"{}/", root.join("assets").display()),
        );
    let units: String = (0..9000)
        .map(|i| {
            let (f, col) = if i % 2 == 0 { ("su", 1) } else { ("jp", 10) };
            format!(
                "        (id: \"hq{i}\", name: \"HQ\", formation: \"{f}\", kind: \"headquarters\", \
                 at: Hex({col}, {}), men: 50, equipment: []),\n",
                i % 10
            )
        })
        .collect();
    let path = dir.join("large.ron");
    std::fs::write(
        &path,
        text.replacen("    units: [\n", &format!("    units: [\n{units}"), 1),
    )
    .expect("written");
    let mut g = c.benchmark_group("validation");
    g.sample_size(20);
    g.bench_function("load_and_validate_9000_units", |b| {
        b.iter(|| black_box(load_scenario(&path).expect("loads")))
    });
    g.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, whole_game, computer_turn, large_scenario);
criterion_main!(benches);
