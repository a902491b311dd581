//! Reading and checking a campaign file and every scenario it names; every error carries file,
//! line and column, and all are reported at once.

use super::{Battle, Campaign};
use crate::data::Side;
use crate::data::campaign::{BattleResult, CampaignFile, CarryRules, Go};
use crate::error::{DataError, DataErrors, SourceText, did_you_mean};
use crate::mods::ModSet;
use crate::scenario::{Fnv, load_scenario_with, ranges};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Most battles in a campaign.
pub const MAX_BATTLES: usize = 64;
/// Longest campaign or battle id, in characters.
pub const MAX_CAMPAIGN_ID: usize = 64;
/// Most campaign points one battle is worth.
pub const MAX_BATTLE_POINTS: u32 = 1_000;
/// Greatest `ceiling` of the carry rules.
pub const MAX_CEILING: f32 = 4.0;

/// Whether `id` is 1 to [`MAX_CAMPAIGN_ID`] lower-case letters, digits, `_` or `-` (it names a
/// file in the user's folder, so nothing else).
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_CAMPAIGN_ID
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// Loads a campaign: the file (as the mods patch it), then each battle's scenario (with the mods);
/// returns every problem found.
pub fn load_campaign(path: &Path, mods: &ModSet) -> Result<Campaign, DataErrors> {
    let path = &crate::fsio::locate(path);
    let (src, mut errors) = mods.patch_logged(SourceText::read(path)?, &mut Vec::new());
    let file: CampaignFile = match src.parse() {
        Ok(f) => f,
        Err(e) => {
            errors.push(e);
            return Err(DataErrors(errors));
        }
    };
    let mut hash = Fnv::default();
    hash.write(src.text.as_bytes());
    let err = |errors: &mut Vec<DataError>, needles: &[&str], msg: String| {
        errors.push(src.error_at(needles, msg));
    };
    check_form(&src, &file, &mut errors);
    if file.battles.is_empty() || file.battles.len() > MAX_BATTLES {
        err(
            &mut errors,
            &["battles"],
            format!(
                "`battles` has {} entries; expected 1 to {MAX_BATTLES}",
                file.battles.len()
            ),
        );
        return Err(DataErrors(errors));
    }
    let index: BTreeMap<&str, usize> = file
        .battles
        .iter()
        .enumerate()
        .rev()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let ids: Vec<&str> = file.battles.iter().map(|b| b.id.as_str()).collect();
    let dir = path.parent().unwrap_or(Path::new("."));
    let own = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut battles = Vec::new();
    // Every unit id of the battles so far, with its side (for `same_units`).
    let mut earlier_units: BTreeMap<String, Side> = BTreeMap::new();
    for (i, b) in file.battles.iter().enumerate() {
        let at = |field: &str| vec!["battles".to_string(), q(&b.id), field.to_string()];
        let here = |errors: &mut Vec<DataError>, field: &str, msg: String| {
            let needles = at(field);
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            errors.push(src.error_at(&needles, msg));
        };
        // Where the campaign goes after each result.
        let mut next: [Option<usize>; 3] = [0, 1, 2].map(|_| (i + 1 < ids.len()).then_some(i + 1));
        let mut branched = BTreeSet::new();
        for br in &b.next {
            if !branched.insert(br.after) {
                here(
                    &mut errors,
                    "next:",
                    format!(
                        "battle `{}` has two branches after a {}; expected one for each result",
                        b.id,
                        br.after.told()
                    ),
                );
            }
            next[br.after as usize] = match &br.go {
                Go::End => None,
                Go::Battle(to) => match index.get(to.as_str()) {
                    Some(&j) if j > i => Some(j),
                    Some(_) => {
                        here(
                            &mut errors,
                            &q(to),
                            format!(
                                "battle `{}` goes on to `{to}`, which comes before it in the \
                                 list; a campaign only goes forward, so that it always ends \
                                 (put `{to}` after `{}`)",
                                b.id, b.id
                            ),
                        );
                        None
                    }
                    None => {
                        here(
                            &mut errors,
                            &q(to),
                            format!(
                                "battle `{}` goes on to `{to}`, which is not a battle of this \
                                 campaign{}",
                                b.id,
                                did_you_mean(to, ids.iter().copied())
                            ),
                        );
                        None
                    }
                },
            };
        }
        let named = crate::fsio::resolve_named(dir, &b.scenario);
        let scenario = match crate::fsio::confined(&named, own) {
            Err(why) => {
                here(&mut errors, &q(&b.scenario), why);
                None
            }
            Ok(p) => match load_scenario_with(&p, mods) {
                Ok(s) => Some(s),
                Err(e) => {
                    let shown = crate::fsio::shown(&p);
                    here(
                        &mut errors,
                        &q(&b.scenario),
                        format!(
                            "the scenario of battle `{}`, {shown}, cannot be played ({} \
                             error{}, below)",
                            b.id,
                            e.0.len(),
                            if e.0.len() == 1 { "" } else { "s" }
                        ),
                    );
                    errors.extend(e.0);
                    None
                }
            },
        };
        let Some(scenario) = scenario else {
            continue;
        };
        hash.write(&scenario.content_hash.to_le_bytes());
        let side_of = |key: &str| scenario.units.iter().find(|u| u.key == key).map(|u| u.side);
        for (from, to) in &b.same_units {
            match (earlier_units.get(from), side_of(to)) {
                (None, _) => here(
                    &mut errors,
                    &q(from),
                    format!(
                        "`same_units` of battle `{}` names `{from}`, which is no unit of an \
                         earlier battle{}",
                        b.id,
                        did_you_mean(from, earlier_units.keys().map(String::as_str))
                    ),
                ),
                (_, None) => here(
                    &mut errors,
                    &q(to),
                    format!(
                        "`same_units` of battle `{}` names `{to}`, which is no unit of its \
                         scenario `{}`{}",
                        b.id,
                        scenario.file.id,
                        did_you_mean(to, scenario.units.iter().map(|u| u.key.as_str()))
                    ),
                ),
                (Some(a), Some(b_side)) if *a != b_side => here(
                    &mut errors,
                    &q(to),
                    format!(
                        "`same_units` of battle `{}` makes the {} unit `{from}` the {} unit `{to}`; \
                         expected units of one side",
                        b.id,
                        a.key(),
                        b_side.key()
                    ),
                ),
                _ => {}
            }
        }
        for u in &scenario.units {
            earlier_units.insert(u.key.clone(), u.side);
        }
        battles.push(Battle {
            id: b.id.clone(),
            scenario: Arc::new(scenario),
            points: b.points,
            before: b.before.clone(),
            next,
            same_units: b.same_units.iter().fold(
                BTreeMap::<String, Vec<String>>::new(),
                |mut m, (from, to)| {
                    m.entry(to.clone()).or_default().push(from.clone());
                    m
                },
            ),
            carry: b.carry.unwrap_or(file.carry),
        });
    }
    check_victory(&src, &file, &mut errors);
    if let Some(h) = &file.historical {
        let mut seen = BTreeSet::new();
        for (id, _) in &h.results {
            if !index.contains_key(id.as_str()) {
                err(
                    &mut errors,
                    &["historical", &q(id)],
                    format!(
                        "historical result of `{id}`, which is not a battle of this campaign{}",
                        did_you_mean(id, ids.iter().copied())
                    ),
                );
            } else if !seen.insert(id) {
                err(
                    &mut errors,
                    &["historical", &q(id)],
                    format!("battle `{id}` has two historical results"),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    Ok(Campaign {
        path: path.to_path_buf(),
        file,
        content_hash: hash.0,
        battles,
        mods: mods.mods.iter().map(|m| m.dir.clone()).collect(),
    })
}

/// Ids, texts, points and carry rules within their ranges.
fn check_form(src: &SourceText, file: &CampaignFile, errors: &mut Vec<DataError>) {
    let mut errors_at = Vec::new();
    let mut err = |needles: &[&str], msg: String| errors.push(src.error_at(needles, msg));
    let id_rule = format!("expected 1 to {MAX_CAMPAIGN_ID} lower-case letters, digits, `_` or `-`");
    if !is_id(&file.id) {
        err(
            &["id:"],
            format!("the campaign id `{}` is not allowed; {id_rule}", file.id),
        );
    }
    for (field, text) in [("name:", &file.name), ("description:", &file.description)] {
        let n = text.chars().count();
        if n > ranges::MAX_TEXT || (field == "name:" && n == 0) {
            err(
                &[field],
                format!(
                    "`{}` is {n} characters long; expected 1 to {}",
                    field.trim_end_matches(':'),
                    ranges::MAX_TEXT
                ),
            );
        }
    }
    check_carry(&mut err, &["carry:"], &file.carry);
    let mut seen = BTreeSet::new();
    for b in &file.battles {
        let at = |field: &str| {
            let mut v = vec!["battles".to_string(), q(&b.id)];
            if !field.is_empty() {
                v.push(field.to_string());
            }
            v
        };
        let mut here = |field: &str, msg: String| {
            let needles = at(field);
            err(&needles.iter().map(String::as_str).collect::<Vec<_>>(), msg)
        };
        let twice = is_id(&b.id) && !seen.insert(b.id.as_str());
        if !is_id(&b.id) {
            here(
                "",
                format!("the battle id `{}` is not allowed; {id_rule}", b.id),
            );
        } else if twice {
            // At the second battle of that id.
            let first = src.find_path(&["battles", &q(&b.id)]).unwrap_or(0);
            let at = src.find_from(first + 1, &q(&b.id));
            errors_at.push(src.error_at_offset(at, format!("two battles have the id `{}`", b.id)));
        }
        if b.points > MAX_BATTLE_POINTS {
            here(
                "points:",
                format!(
                    "battle `{}` is worth {} points; expected 0 to {MAX_BATTLE_POINTS}",
                    b.id, b.points
                ),
            );
        }
        if b.before.chars().count() > ranges::MAX_TEXT {
            here(
                "before:",
                format!(
                    "the text before battle `{}` is {} characters long; expected at most {}",
                    b.id,
                    b.before.chars().count(),
                    ranges::MAX_TEXT
                ),
            );
        }
        if b.same_units.len() > ranges::MAX_ENTRIES {
            here(
                "same_units:",
                format!(
                    "`same_units` of battle `{}` has {} entries; expected at most {}",
                    b.id,
                    b.same_units.len(),
                    ranges::MAX_ENTRIES
                ),
            );
        }
        let mut pairs = BTreeSet::new();
        for (from, to) in &b.same_units {
            if !pairs.insert((from, to)) {
                here(
                    &q(to),
                    format!(
                        "`same_units` of battle `{}` makes `{from}` the unit `{to}` twice",
                        b.id
                    ),
                );
            }
        }
        if let Some(c) = &b.carry {
            let needles = at("carry:");
            check_carry(
                &mut err,
                &needles.iter().map(String::as_str).collect::<Vec<_>>(),
                c,
            );
        }
    }
    errors.extend(errors_at);
}

/// `share` 0–1, `floor` 0–1, `ceiling` 1–[`MAX_CEILING`], all finite.
fn check_carry(err: &mut impl FnMut(&[&str], String), at: &[&str], c: &CarryRules) {
    for (field, v, lo, hi) in [
        ("share", c.share, 0.0, 1.0),
        ("floor", c.floor, 0.0, 1.0),
        ("ceiling", c.ceiling, 1.0, MAX_CEILING),
    ] {
        if !(v.is_finite() && (lo..=hi).contains(&v)) {
            let mut needles = at.to_vec();
            needles.push(field);
            err(
                &needles,
                format!(
                    "carry `{field}` is {}; expected a number from {lo} to {hi}",
                    crate::error::show_number(v as f64)
                ),
            );
        }
    }
}

/// The thresholds in order and within the points there are.
fn check_victory(src: &SourceText, file: &CampaignFile, errors: &mut Vec<DataError>) {
    let v = &file.victory;
    if v.japanese_wins_at >= v.soviet_wins_at {
        errors.push(src.error_at(
            &["victory", "japanese_wins_at"],
            "`japanese_wins_at` must be below `soviet_wins_at`",
        ));
    }
    let total: u64 = file.battles.iter().map(|b| b.points as u64).sum();
    if v.soviet_wins_at as u64 > total {
        errors.push(src.error_at(
            &["victory", "soviet_wins_at"],
            format!(
                "`soviet_wins_at` ({}) is more than all the campaign points there are ({total})",
                v.soviet_wins_at
            ),
        ));
    }
}

/// A battle's result and where it leads.
impl Battle {
    /// The battle after this one when it ended with `result` (`None`: the campaign is over).
    pub fn after(&self, result: BattleResult) -> Option<usize> {
        self.next[result as usize]
    }
}
