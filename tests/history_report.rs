//! An analyst compares the simulated outcomes with history: `khalkhin report` writes a Markdown
//! report with a table, a verdict and an SVG histogram per measure.

mod common;
use common::khalkhin;

#[test]
fn report_sets_every_measure_beside_the_record_with_a_plot_and_a_verdict() {
    let dir = std::env::temp_dir().join(format!("khalkhin-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = khalkhin(&[
        "report",
        "tests/fixtures/mini_scenario.ron",
        "--runs",
        "30",
        "--seed",
        "4",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("30 runs from seed 4"), "{md}");
    assert!(md.contains("history's outcome (Soviet victory) in"), "{md}");
    for side in ["soviet", "japanese"] {
        for what in ["men", "tanks", "armored_cars", "guns"] {
            let key = format!("{side}_{what}");
            let svg = std::fs::read_to_string(dir.join(format!("{key}.svg"))).unwrap();
            assert!(svg.starts_with("<svg") && svg.contains("history"), "{key}");
            assert!(svg.matches("<rect").count() > 3, "{key}: bars drawn");
            assert!(md.contains(&format!("]({key}.svg)")), "{key} plot linked");
        }
    }
    // One table row per measure, each with its verdict; the mini scenario's record has 100–200
    // Soviet men lost, so the row carries that range.
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| Soviet losses") || l.starts_with("| Japanese losses"))
        .collect();
    assert_eq!(rows.len(), 8, "{md}");
    for r in &rows {
        assert!(
            r.ends_with("| inside |") || r.ends_with("| above |") || r.ends_with("| below |"),
            "{r}"
        );
    }
    assert!(rows[0].contains("| 100–200 |"), "{}", rows[0]);
    let verdicts = md.matches("**Verdict:** history is").count();
    assert_eq!(verdicts, 8, "one verdict line per measure");
    // The runs themselves come with the report.
    let csv = std::fs::read_to_string(dir.join("runs.csv")).unwrap();
    assert_eq!(csv.lines().count(), 31);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["games"].as_array().unwrap().len(), 30);
    std::fs::remove_dir_all(&dir).unwrap();
}
