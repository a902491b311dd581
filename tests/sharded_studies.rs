//! An analyst spreads a study over machines: `replay --shard I/N` on each, then `merge`, which gives
//! exactly the result of one big run; inconsistent or incomplete shard sets are refused.

mod common;
use common::khalkhin;
use std::path::Path;

fn replay(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "7",
        "--seed",
        "11",
        "--json",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = khalkhin(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn merged_shards_equal_one_big_run_byte_for_byte() {
    let dir = std::env::temp_dir().join(format!("khalkhin-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (whole, a, b, c, merged) = (
        dir.join("whole.json"),
        dir.join("a.json"),
        dir.join("b.json"),
        dir.join("c.json"),
        dir.join("merged.json"),
    );
    replay(&whole, &[]);
    replay(&a, &["--shard", "0/3"]);
    replay(&b, &["--shard", "1/3", "--threads", "1"]);
    replay(&c, &["--shard", "2/3"]);
    let shard_a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a).unwrap()).unwrap();
    assert_eq!(shard_a["runs"], 3, "games 0, 3 and 6");
    assert_eq!(shard_a["shard"], "0/3");
    let o = khalkhin(&[
        "merge",
        c.to_str().unwrap(),
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--json",
        merged.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(&whole).unwrap(),
        std::fs::read_to_string(&merged).unwrap()
    );

    // A missing shard, a shard twice, or a shard of another batch is refused.
    let o = khalkhin(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("a shard is missing"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = khalkhin(&[
        "merge",
        a.to_str().unwrap(),
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("appears twice"));
    let other = dir.join("other.json");
    let o = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "7",
        "--seed",
        "12",
        "--shard",
        "2/3",
        "--json",
        other.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = khalkhin(&[
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("seed differs"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A bad shard argument is a clear error.
    let o = khalkhin(&[
        "replay",
        "tests/fixtures/mini_scenario.ron",
        "--shard",
        "3/3",
    ]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("expected I/N"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merged_campaign_shards_equal_one_big_run_byte_for_byte() {
    let dir = std::env::temp_dir().join(format!("khalkhin-campaign-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str, extra: &[&str]| {
        let (json, csv) = (
            dir.join(format!("{name}.json")),
            dir.join(format!("{name}.csv")),
        );
        let mut args = vec![
            "campaign",
            "tests/fixtures/campaigns/mini_campaign.ron",
            "--runs",
            "5",
            "--seed",
            "3",
            "--soviet",
            "ai",
            "--json",
            json.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = khalkhin(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (json, csv)
    };
    let whole = run("whole", &[]);
    let a = run("a", &["--shard", "0/2"]);
    let b = run("b", &["--shard", "1/2", "--threads", "1"]);
    let shard_a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a.0).unwrap()).unwrap();
    assert_eq!(shard_a["summary"]["runs"], 3, "campaigns 0, 2 and 4");
    assert_eq!(shard_a["summary"]["batch_runs"], 5);
    assert_eq!(shard_a["summary"]["shard"], "0/2");
    let (json, csv) = (dir.join("merged.json"), dir.join("merged.csv"));
    let o = khalkhin(&[
        "merge",
        b.0.to_str().unwrap(),
        a.0.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    assert_eq!(read(&whole.0), read(&json));
    assert_eq!(read(&whole.1), read(&csv));
    // A missing shard, or a shard of another batch, is refused; so is a replay file among them.
    let o = khalkhin(&["merge", a.0.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("a shard is missing"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let other = {
        let (json, _) = (dir.join("other.json"), ());
        let o = khalkhin(&[
            "campaign",
            "tests/fixtures/campaigns/mini_campaign.ron",
            "--runs",
            "5",
            "--seed",
            "4",
            "--soviet",
            "ai",
            "--shard",
            "1/2",
            "--json",
            json.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        json
    };
    let o = khalkhin(&["merge", a.0.to_str().unwrap(), other.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("seed differs"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let replay_json = dir.join("replay.json");
    replay(&replay_json, &[]);
    let o = khalkhin(&[
        "merge",
        a.0.to_str().unwrap(),
        replay_json.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not a `khalkhin campaign --json` file"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
