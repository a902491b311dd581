//! Throughput of the headless simulation: one whole August 1939 game (47 six-hour turns, both sides
//! on the historical plan), loading and validating the scenario, and one combat resolution.
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

criterion_group!(benches, whole_game);
criterion_main!(benches);
