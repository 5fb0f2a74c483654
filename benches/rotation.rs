//! A rotation verdict: RotateSecret on the alternating-users scenario (function in a VPC,
//! endpoint, database, superuser secret) — every step with its Secrets Manager and KMS calls.
//! Target (issue 3): under 200 µs natively.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code"
)]

/// The same allocator the native command line ships with (src/bin/secretpath/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use secretpath::engine::flows::{evaluate, EvalOptions};
use secretpath::engine::model::load_model;
use secretpath::engine::query::parse_query;

fn rotation(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/rotation/s34_alternating_users_rotation_reads_the_superuser_secret.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Ok(loaded) = load_model(&text) else {
        eprintln!("the rotation scenario does not load");
        return;
    };
    let query_json = serde_json::json!({"RotateSecret": {"SecretId": "prod/db"}});
    let Ok(query) = parse_query(&query_json, "$") else {
        return;
    };
    let options = EvalOptions::default();
    c.bench_function("rotate_secret_alternating_users", |b| {
        b.iter(|| evaluate(black_box(&loaded.model), black_box(&query), &options))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = rotation
}
criterion_main!(benches);
