//! The evaluation corpus: does cohere say what an analyst would sign, and only that?
//!
//! Every directory of `tests/evaluation/` is a case: a small policy repository (`repo/`) drawn
//! from a real, cited policy situation, and a `case.yaml` holding the findings an analyst
//! expects (`expected`) and those they would reject as noise (`noise`), labelled before cohere
//! was run on it. This test runs the `cohere` binary on every case with `--format json` (the
//! stable v1 contract), matches findings to labels by rule and ids, and computes precision and
//! recall per rule and overall.
//!
//! The rules are not yet what the labels ask for, so the test holds today's figures as a floor
//! (`tests/evaluation/floor.json`, a ratchet: it fails when a rule gets worse) and prints the
//! gap to the targets of issue 14. `COHERE_EVALUATION_WRITE=1 cargo test --test evaluation`
//! rewrites the measured section of EVALUATION.md and raises the floor to today's figures;
//! lowering it also needs `COHERE_EVALUATION_ALLOW_LOWER=1`, and a commit that says why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly by design.

use cohere::rules::{Category, RULES};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The targets of issue 14.
const TARGET_OVERALL: f64 = 0.9;
const TARGET_PER_RULE: f64 = 0.8;
/// The corpus must keep at least this many cases.
const MIN_CASES: usize = 40;

const BEGIN: &str =
    "<!-- evaluation:begin (written by COHERE_EVALUATION_WRITE=1 cargo test --test evaluation) -->";
const END: &str = "<!-- evaluation:end -->";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    case: String,
    title: String,
    situation: String,
    /// Where the situation is described: each with a stable URL or a DOI.
    sources: Vec<Source>,
    /// Says that the repository is illustrative.
    repository: String,
    /// When and how the labels were fixed (before cohere was run on the case).
    labelled: String,
    /// Rules this case does not judge, with the reason (`ignore-why`).
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    ignore_why: Option<String>,
    #[serde(default)]
    expected: Vec<Label>,
    #[serde(default)]
    noise: Vec<Label>,
    /// Labels corrected after the fact, each with its reason and commit.
    #[serde(default)]
    corrections: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    citation: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    doi: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    rule: String,
    /// Ids the finding must name (measures as `policy/measure`, elements as `sdg:3.8`; `a|b`
    /// for either of two ids that mean the same, such as a target and its GCM counterpart).
    about: Vec<String>,
    why: String,
}

/// One finding of the JSON output, reduced to what matching needs.
#[derive(Debug)]
struct Finding {
    rule: String,
    message: String,
    ids: BTreeSet<String>,
}

/// How one finding or label was judged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// A finding that matches an expected label.
    True,
    /// A finding that matches a noise label.
    Noise(String),
    /// A finding of an expected label another finding already matched.
    Duplicate,
    /// A finding no label anticipated.
    Unlabelled,
}

#[derive(Debug, Default, Clone)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    /// Expected labels (for recall).
    expected: usize,
    /// Findings judged wrong: (case, verdict, message).
    wrong: Vec<(String, String)>,
    /// Expected labels no finding matched: (case, label).
    missed: Vec<(String, String)>,
}

impl Tally {
    fn precision(&self) -> Option<f64> {
        let found = self.true_positives + self.false_positives;
        (found > 0).then(|| self.true_positives as f64 / found as f64)
    }
    fn recall(&self) -> Option<f64> {
        (self.expected > 0)
            .then(|| (self.expected - self.false_negatives) as f64 / self.expected as f64)
    }
    fn add(&mut self, other: &Tally) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.expected += other.expected;
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn analysis_rules() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|rule| rule.meta.category != Category::Document)
        .map(|rule| rule.meta.id)
        .collect()
}

fn load_cases() -> Vec<(PathBuf, Case)> {
    let dir = root().join("tests/evaluation");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("case.yaml").is_file())
        .collect();
    dirs.sort();
    let known: BTreeSet<&str> = analysis_rules().into_iter().collect();
    dirs.into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path.join("case.yaml")).unwrap();
            let case: Case = serde_saphyr::from_str(&text)
                .unwrap_or_else(|e| panic!("{}/case.yaml: {e}", path.display()));
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert_eq!(
                case.case, name,
                "{name}: `case:` must be the directory's name"
            );
            assert!(
                !case.title.trim().is_empty() && case.situation.len() > 80,
                "{name}: describe the situation"
            );
            assert!(
                !case.sources.is_empty(),
                "{name}: cite the situation's source"
            );
            for source in &case.sources {
                assert!(
                    source.url.is_some() || source.doi.is_some(),
                    "{name}: `{}` needs a stable URL or a DOI",
                    source.citation
                );
            }
            assert!(
                case.repository.contains("illustrative"),
                "{name}: say that the repository is illustrative"
            );
            assert!(
                case.labelled.contains("before"),
                "{name}: record that labels were fixed before running cohere"
            );
            assert!(
                case.ignore.is_empty() || case.ignore_why.is_some(),
                "{name}: say why rules are ignored"
            );
            for label in case.expected.iter().chain(&case.noise) {
                assert!(
                    known.contains(label.rule.as_str()),
                    "{name}: unknown rule `{}`",
                    label.rule
                );
                assert!(
                    !label.about.is_empty() && !label.why.trim().is_empty(),
                    "{name}: a label needs `about` and `why`"
                );
                assert!(
                    !case.ignore.contains(&label.rule),
                    "{name}: `{}` is labelled and ignored",
                    label.rule
                );
            }
            for correction in &case.corrections {
                assert!(
                    correction.len() > 40,
                    "{name}: a correction says what changed, why, and in which commit"
                );
            }
            for rule in &case.ignore {
                assert!(
                    known.contains(rule.as_str()),
                    "{name}: unknown ignored rule `{rule}`"
                );
            }
            assert!(
                path.join("repo").is_dir(),
                "{name}: the policy repository goes in repo/"
            );
            (path, case)
        })
        .collect()
}

/// The ids a finding names: the backquoted ids of its message and related labels, the ends of
/// every step of its evidence paths, and the measure its primary location points into (a
/// finding is about what it points at, even where its message names only the other measures).
fn finding_ids(dir: &Path, finding: &Value) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    if let Some(measure) = located_measure(dir, &finding["location"]) {
        ids.insert(measure);
    }
    let mut quoted = |text: &str| {
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 1 {
                ids.insert(part.to_string());
            }
        }
    };
    quoted(finding["message"].as_str().unwrap_or_default());
    for related in finding["related"].as_array().into_iter().flatten() {
        quoted(related["label"].as_str().unwrap_or_default());
    }
    for path in finding["evidence"].as_array().into_iter().flatten() {
        for step in path["steps"].as_array().into_iter().flatten() {
            for end in ["from", "to"] {
                if let Some(id) = step[end].as_str() {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

/// The measure (`policy/measure`) whose entry holds a location in a policy file of the case, if
/// any: the last `  - id:` of the measures list at or above the location's line.
fn located_measure(dir: &Path, location: &Value) -> Option<String> {
    // Paths are relative to the working directory (the case) or, if cohere shows them from the
    // project root, to `repo/`.
    let path = location["path"].as_str()?;
    let text = std::fs::read_to_string(dir.join(path))
        .or_else(|_| std::fs::read_to_string(dir.join("repo").join(path)))
        .ok()?;
    let line = usize::try_from(location["line"].as_u64()?).ok()?;
    let unquote = |value: &str| value.trim().trim_matches('"').to_string();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let policy = unquote(lines.next()?.strip_prefix("policy:")?);
    let measure = text
        .lines()
        .take(line)
        .filter_map(|l| l.strip_prefix("  - id:"))
        .last()
        .map(unquote)?;
    Some(format!("{policy}/{measure}"))
}

/// Runs `cohere lint --format json` on a case's repository, as a user would: with its
/// cohere.yaml if it has one, else with the built-in defaults.
fn run_cohere(dir: &Path) -> Vec<Finding> {
    let repo = dir.join("repo");
    let mut command = Command::new(env!("CARGO_BIN_EXE_cohere"));
    command
        .current_dir(dir)
        .args(["lint", "--format", "json", "--fail-on", "never"]);
    if repo.join("cohere.yaml").is_file() {
        command.args(["--config", "repo/cohere.yaml", "repo"]);
    } else {
        command.args(["--isolated", "repo"]);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}: cohere failed: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["version"], 1, "the JSON contract is version 1");
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            let rule = finding["rule"].as_str().unwrap().to_string();
            assert_ne!(
                finding["category"],
                "document",
                "{}: the case's repository is broken: {}",
                dir.display(),
                finding["message"]
            );
            Finding {
                rule,
                message: finding["message"].as_str().unwrap().to_string(),
                ids: finding_ids(dir, finding),
            }
        })
        .collect()
}

/// A label matches a finding of its rule that names every id of `about` (an entry `a|b` is
/// named when either is).
fn matches(label: &Label, finding: &Finding) -> bool {
    label.rule == finding.rule
        && label.about.iter().all(|id| {
            id.split('|')
                .any(|alternative| finding.ids.contains(alternative))
        })
}

/// Judges one case: a tally per rule.
fn judge(name: &str, case: &Case, findings: &[Finding]) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut claimed = vec![false; case.expected.len()];
    for finding in findings.iter().filter(|f| !case.ignore.contains(&f.rule)) {
        let hits: Vec<usize> = (0..case.expected.len())
            .filter(|&i| matches(&case.expected[i], finding))
            .collect();
        let verdict = if hits.iter().any(|&i| !claimed[i]) {
            Verdict::True
        } else if !hits.is_empty() {
            Verdict::Duplicate
        } else if let Some(label) = case.noise.iter().find(|label| matches(label, finding)) {
            Verdict::Noise(label.why.clone())
        } else {
            Verdict::Unlabelled
        };
        for &i in &hits {
            claimed[i] = true;
        }
        let tally = tallies.entry(finding.rule.clone()).or_default();
        match verdict {
            Verdict::True => tally.true_positives += 1,
            other => {
                tally.false_positives += 1;
                let why = match other {
                    Verdict::Noise(why) => format!("noise ({why})"),
                    Verdict::Duplicate => "a second finding of the same expected label".to_string(),
                    _ => "not anticipated by the labels".to_string(),
                };
                tally
                    .wrong
                    .push((name.to_string(), format!("{} — {why}", finding.message)));
            }
        }
    }
    for (label, found) in case.expected.iter().zip(&claimed) {
        let tally = tallies.entry(label.rule.clone()).or_default();
        tally.expected += 1;
        if !found {
            tally.false_negatives += 1;
            tally.missed.push((
                name.to_string(),
                format!("{} — {}", label.about.join(", "), label.why),
            ));
        }
    }
    tallies
}

struct Measured {
    per_rule: BTreeMap<String, Tally>,
    overall: Tally,
    cases: Vec<String>,
}

fn measure(cases: &[(PathBuf, Case)], only: Option<&BTreeSet<String>>) -> Measured {
    let mut per_rule: BTreeMap<String, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    let mut names = Vec::new();
    for (dir, case) in cases {
        if only.is_some_and(|only| !only.contains(&case.case)) {
            continue;
        }
        names.push(case.case.clone());
        let findings = run_cohere(dir);
        for (rule, tally) in judge(&case.case, case, &findings) {
            overall.add(&tally);
            let entry = per_rule.entry(rule).or_default();
            entry.add(&tally);
            entry.wrong.extend(tally.wrong);
            entry.missed.extend(tally.missed);
        }
    }
    Measured {
        per_rule,
        overall,
        cases: names,
    }
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

fn gap(value: Option<f64>, target: f64) -> String {
    match value {
        Some(v) if v + 1e-9 >= target => "met".to_string(),
        Some(v) => format!("{:.2} short", target - v),
        None => "no findings".to_string(),
    }
}

/// The table of figures, in Markdown.
fn table(measured: &Measured) -> String {
    let mut out = String::new();
    writeln!(out, "| rule | expected | found right | wrong | missed | precision | recall | gap to {TARGET_PER_RULE} (precision / recall) |").unwrap();
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|").unwrap();
    for (rule, t) in &measured.per_rule {
        writeln!(
            out,
            "| `{rule}` | {} | {} | {} | {} | {} | {} | {} / {} |",
            t.expected,
            t.true_positives,
            t.false_positives,
            t.false_negatives,
            figure(t.precision()),
            figure(t.recall()),
            gap(t.precision(), TARGET_PER_RULE),
            gap(t.recall(), TARGET_PER_RULE)
        )
        .unwrap();
    }
    let t = &measured.overall;
    writeln!(
        out,
        "| **overall** | {} | {} | {} | {} | **{}** | **{}** | {} / {} (target {TARGET_OVERALL}) |",
        t.expected,
        t.true_positives,
        t.false_positives,
        t.false_negatives,
        figure(t.precision()),
        figure(t.recall()),
        gap(t.precision(), TARGET_OVERALL),
        gap(t.recall(), TARGET_OVERALL)
    )
    .unwrap();
    out
}

/// What each rule got wrong, in Markdown: what the rule fixes of issue 14 must address.
fn errors(measured: &Measured) -> String {
    let mut out = String::new();
    for (rule, t) in &measured.per_rule {
        if t.wrong.is_empty() && t.missed.is_empty() {
            continue;
        }
        writeln!(out, "#### `{rule}`\n").unwrap();
        for (case, what) in &t.wrong {
            writeln!(
                out,
                "- false positive in `{case}`: {}",
                what.replace('\n', " ")
            )
            .unwrap();
        }
        for (case, what) in &t.missed {
            writeln!(
                out,
                "- false negative in `{case}`: {}",
                what.replace('\n', " ")
            )
            .unwrap();
        }
        writeln!(out).unwrap();
    }
    out
}

#[derive(Debug, Deserialize, serde::Serialize, Default)]
struct Floor {
    /// The cases the floor was measured on (a case added later is measured and printed, and
    /// held to the floor once the floor is rewritten).
    cases: Vec<String>,
    /// Per rule, and `overall`: [precision, recall], `null` where undefined.
    figures: BTreeMap<String, [Option<f64>; 2]>,
}

fn floor_path() -> PathBuf {
    root().join("tests/evaluation/floor.json")
}

fn figures_of(measured: &Measured) -> BTreeMap<String, [Option<f64>; 2]> {
    let round = |v: Option<f64>| v.map(|v| (v * 1000.0).floor() / 1000.0);
    let mut figures: BTreeMap<String, [Option<f64>; 2]> = measured
        .per_rule
        .iter()
        .map(|(rule, t)| (rule.clone(), [round(t.precision()), round(t.recall())]))
        .collect();
    figures.insert(
        "overall".to_string(),
        [
            round(measured.overall.precision()),
            round(measured.overall.recall()),
        ],
    );
    figures
}

/// Where `now` is below `floor`: one line each.
fn regressions(
    floor: &BTreeMap<String, [Option<f64>; 2]>,
    now: &BTreeMap<String, [Option<f64>; 2]>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (rule, [precision, recall]) in floor {
        let [p, r] = now.get(rule).copied().unwrap_or([None, None]);
        for (what, before, after) in [("precision", precision, p), ("recall", recall, r)] {
            if let Some(before) = before {
                let after_value = after.unwrap_or(if what == "precision" { 1.0 } else { 0.0 });
                if after_value + 1e-9 < *before {
                    out.push(format!(
                        "`{rule}` {what} fell from {before:.3} to {}",
                        figure(after)
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn evaluation_corpus() {
    let cases = load_cases();
    assert!(
        cases.len() >= MIN_CASES,
        "the corpus has {} cases, fewer than {MIN_CASES}",
        cases.len()
    );

    // No analysis rule without cases: each has an expected finding somewhere.
    let labelled: BTreeSet<&str> = cases
        .iter()
        .flat_map(|(_, case)| case.expected.iter().map(|l| l.rule.as_str()))
        .collect();
    let unlabelled: Vec<&str> = analysis_rules()
        .into_iter()
        .filter(|r| !labelled.contains(r))
        .collect();
    assert!(
        unlabelled.is_empty(),
        "rules with no expected finding in the corpus: {unlabelled:?}"
    );

    let measured = measure(&cases, None);
    let now = figures_of(&measured);
    eprintln!(
        "\ncohere on the evaluation corpus ({} cases):\n\n{}",
        measured.cases.len(),
        table(&measured)
    );

    let floor: Floor = std::fs::read_to_string(floor_path())
        .ok()
        .map(|text| serde_json::from_str(&text).unwrap())
        .unwrap_or_default();
    // The ratchet is held on the cases the floor was measured on.
    let floored: BTreeSet<String> = floor.cases.iter().cloned().collect();
    let on_floor = if floored.len() == measured.cases.len() {
        figures_of(&measured)
    } else {
        figures_of(&measure(&cases, Some(&floored)))
    };
    let fallen = regressions(&floor.figures, &on_floor);

    if std::env::var_os("COHERE_EVALUATION_WRITE").is_some() {
        let lowering_allowed = std::env::var_os("COHERE_EVALUATION_ALLOW_LOWER").is_some();
        let lowered = regressions(&floor.figures, &now);
        assert!(
            lowered.is_empty() || lowering_allowed,
            "writing would lower the floor ({lowered:?}); set COHERE_EVALUATION_ALLOW_LOWER=1 and say why in the commit"
        );
        let floor = Floor {
            cases: measured.cases.clone(),
            figures: now,
        };
        std::fs::write(
            floor_path(),
            serde_json::to_string_pretty(&floor).unwrap() + "\n",
        )
        .unwrap();
        let path = root().join("EVALUATION.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let (before, rest) = text
            .split_once(BEGIN)
            .expect("EVALUATION.md has the begin marker");
        let (_, after) = rest
            .split_once(END)
            .expect("EVALUATION.md has the end marker");
        let section = format!(
            "{BEGIN}\n\nMeasured on {} cases.\n\n{}\n### False positives and false negatives, by rule\n\n{}{END}",
            measured.cases.len(),
            table(&measured),
            errors(&measured)
        );
        std::fs::write(&path, format!("{before}{section}{after}")).unwrap();
        return;
    }

    assert!(
        fallen.is_empty(),
        "cohere got worse on the evaluation corpus:\n{}\n(if the labels are right, fix the rule; see EVALUATION.md)",
        fallen.join("\n")
    );
    let new_cases: Vec<&String> = measured
        .cases
        .iter()
        .filter(|c| !floored.contains(*c))
        .collect();
    if !new_cases.is_empty() {
        eprintln!(
            "{} cases are not in tests/evaluation/floor.json yet (measured above, not held to the floor): \
             run COHERE_EVALUATION_WRITE=1 cargo test --test evaluation",
            new_cases.len()
        );
    }
}

/// The scoring itself: a right finding, a duplicate of it, a noise finding, an unanticipated
/// one, a finding of an ignored rule and a missed label, each counted where it belongs.
#[test]
fn judging_counts_right_duplicate_noise_unanticipated_and_missed() {
    let label = |rule: &str, about: &[&str]| Label {
        rule: rule.to_string(),
        about: about.iter().map(|s| s.to_string()).collect(),
        why: "because".to_string(),
    };
    let case = Case {
        case: "c".to_string(),
        title: String::new(),
        situation: String::new(),
        sources: vec![],
        repository: String::new(),
        labelled: String::new(),
        ignore: vec!["missing-lead".to_string()],
        ignore_why: None,
        expected: vec![
            label("spillover", &["p/m", "sdg:3.c|gcm:6"]),
            label("left-behind", &["p/m", "group:refugees"]),
        ],
        noise: vec![label("feedback-loop", &["sdg:8.7", "sdg:8.8"])],
        corrections: vec![],
    };
    let finding = |rule: &str, ids: &[&str]| Finding {
        rule: rule.to_string(),
        message: format!("{rule} finding"),
        ids: ids.iter().map(|s| s.to_string()).collect(),
    };
    let findings = [
        finding("spillover", &["p/m", "gcm:6", "sdg:3.8"]),
        finding("spillover", &["p/m", "sdg:3.c"]),
        finding("feedback-loop", &["sdg:8.8", "sdg:8.7"]),
        finding("synergy", &["sdg:8.8"]),
        finding("missing-lead", &["p/m"]),
        finding("left-behind", &["p/m", "group:migrant-children"]),
    ];
    let tallies = judge("c", &case, &findings);
    let spillover = &tallies["spillover"];
    assert_eq!(
        (
            spillover.true_positives,
            spillover.false_positives,
            spillover.false_negatives
        ),
        (1, 1, 0)
    );
    assert!(spillover.wrong[0].1.contains("second finding"));
    assert_eq!(tallies["feedback-loop"].false_positives, 1);
    assert!(
        tallies["feedback-loop"].wrong[0]
            .1
            .contains("noise (because)")
    );
    assert!(tallies["synergy"].wrong[0].1.contains("not anticipated"));
    assert!(
        !tallies.contains_key("missing-lead"),
        "ignored rules are not counted"
    );
    let left_behind = &tallies["left-behind"];
    assert_eq!(
        (
            left_behind.true_positives,
            left_behind.false_positives,
            left_behind.false_negatives
        ),
        (0, 1, 1)
    );
    assert_eq!(left_behind.recall(), Some(0.0));
    assert_eq!(spillover.precision(), Some(0.5));
}
