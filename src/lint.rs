//! The lint run: every rule over a workspace, then levels, selection, suppressions and baseline.
//!
//! Order of decisions for each finding: is it in a file the user asked about; what level does
//! the configuration give its rule (per-path overrides first, then rule ids, then categories);
//! does `--select`/`--ignore` keep it; does an inline suppression cover it; is it in the
//! baseline. The outcome keeps what was suppressed and why, for the summary and machine formats.

use crate::analysis::Analysis;
use crate::baseline::{self, Baseline};
use crate::config::{RuleLevel, Selector};
use crate::finding::{Finding, Severity, sort_findings};
use crate::project::Workspace;
use crate::rules::document::{invalid_suppression, unused_suppression};
use crate::rules::{self, Context};
use crate::source::Location;
use serde::Serialize;
use std::collections::BTreeMap;

/// Choices made on the command line.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Only these rules or categories (empty: all).
    pub select: Vec<Selector>,
    /// Not these rules or categories.
    pub ignore: Vec<Selector>,
    /// Findings already known: not reported, but counted.
    pub baseline: Option<Baseline>,
}

/// A finding that an inline suppression covers.
#[derive(Clone, Debug)]
pub struct Suppressed {
    /// The finding.
    pub finding: Finding,
    /// The reason given in the comment.
    pub reason: String,
    /// Where the comment is.
    pub comment: Location,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Information.
    pub info: usize,
}

impl Counts {
    /// Counts the findings.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut counts = Counts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }

    /// How many findings are at or above `severity`.
    pub fn at_least(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.error + self.warning + self.info,
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// What a lint run found.
#[derive(Debug, Default)]
pub struct LintOutcome {
    /// Findings to report, sorted.
    pub findings: Vec<Finding>,
    /// Findings covered by an inline suppression, sorted.
    pub suppressed: Vec<Suppressed>,
    /// Per-severity counts of `findings`.
    pub counts: Counts,
    /// Findings the baseline holds (not reported), sorted.
    pub baselined: Vec<Finding>,
    /// Baseline entries that nothing matches any more.
    pub stale_baseline: Vec<baseline::Entry>,
}

impl LintOutcome {
    /// What was set aside, for summaries: `2 suppressed, 5 in baseline`, or `None`.
    pub fn set_aside(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.suppressed.is_empty() {
            parts.push(format!("{} suppressed", self.suppressed.len()));
        }
        if !self.baselined.is_empty() {
            parts.push(format!("{} in baseline", self.baselined.len()));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// Runs every rule over the workspace and the analysis, and decides what to report.
pub fn lint(workspace: &Workspace, analysis: &Analysis, options: &LintOptions) -> LintOutcome {
    let mut all = workspace.findings.clone();
    let context = Context {
        model: &workspace.model,
        settings: &workspace.settings,
        analysis,
        sources: &workspace.sources,
        project_file: workspace.project.as_ref().map(|p| p.file),
    };
    let checks: Vec<rules::Check> = rules::RULES
        .iter()
        .filter(|rule| rule_enabled(workspace, options, rule.meta))
        .filter_map(|rule| rule.check)
        .collect();
    for found in run_checks(&context, &checks) {
        all.extend(found);
    }
    // One root cause, one finding: a policy whose `perspective:` could not be read is analysed
    // in every arena, so what depends on where its effects fall waits for the word's fix.
    let unread_sides: std::collections::BTreeSet<_> = workspace
        .model
        .policies
        .iter()
        .filter(|p| p.perspective_unread)
        .map(|p| p.file)
        .collect();
    let mut kept = Vec::new();
    for mut finding in all {
        if !in_selection(workspace, &finding) {
            continue;
        }
        if unread_sides.contains(&finding.primary.location.file)
            && matches!(
                finding.category(),
                rules::Category::Coherence | rules::Category::Equity | rules::Category::Governance
            )
        {
            continue;
        }
        let path = workspace.project_path(finding.primary.location.file);
        match workspace.settings.level(finding.rule, path.as_deref()) {
            Some(RuleLevel::Off) => continue,
            Some(RuleLevel::Report(severity)) => finding.severity = severity,
            None => {}
        }
        if !selected_by_options(options, finding.rule) {
            continue;
        }
        kept.push(finding);
    }
    let (mut findings, mut suppressed) = apply_suppressions(workspace, options, kept);
    let (mut baselined, stale_baseline) = match &options.baseline {
        None => (Vec::new(), Vec::new()),
        Some(baseline) => {
            let matched = baseline.apply(workspace, findings, |rule, path| {
                rule_reports(workspace, options, rule, path)
            });
            findings = matched.new;
            (matched.baselined, matched.stale)
        }
    };
    sort_findings(&mut findings, &workspace.sources);
    sort_findings(&mut baselined, &workspace.sources);
    suppressed.sort_by(|a, b| {
        let key = |s: &Suppressed| {
            (
                workspace
                    .sources
                    .get(s.finding.primary.location.file)
                    .display_path
                    .clone(),
                s.finding.primary.location.span,
                s.finding.rule.id,
            )
        };
        key(a).cmp(&key(b))
    });
    let counts = Counts::of(&findings);
    LintOutcome {
        findings,
        suppressed,
        counts,
        baselined,
        stale_baseline,
    }
}

/// Whether `rule` can report findings in a file at `path` (relative to the project root) in a
/// run with `options`: it is selected and not switched off there.
pub fn rule_reports(
    workspace: &Workspace,
    options: &LintOptions,
    rule: &rules::RuleMeta,
    path: Option<&str>,
) -> bool {
    selected_by_options(options, rule)
        && workspace.settings.level(rule, path) != Some(RuleLevel::Off)
}

/// Runs the checks on every core, each check's findings in a list of its own; the lists come
/// back in the order of `checks`, so the outcome is the same as running them one after another.
fn run_checks(context: &Context<'_>, checks: &[rules::Check]) -> Vec<Vec<Finding>> {
    // Threads pay for themselves only on a large repository: for a draft, starting them (and
    // the allocator arenas they bring) costs more than the rules.
    const PARALLEL_FROM_EFFECTS: usize = 20_000;
    let large = context.analysis.propagation.all().len() >= PARALLEL_FROM_EFFECTS;
    let workers = if large {
        crate::parallel::workers(checks.len())
    } else {
        1
    };
    // Each worker takes the next check not yet taken: the rules differ a lot in cost.
    crate::parallel::map_in_order(checks, workers, |check| {
        let mut found = Vec::new();
        check(context, &mut found);
        found
    })
}

/// Whether any of the finding's locations is in a file the user asked about.
fn in_selection(workspace: &Workspace, finding: &Finding) -> bool {
    workspace.is_selected(finding.primary.location.file)
        || finding
            .related
            .iter()
            .any(|label| workspace.is_selected(label.location.file))
}

fn selected_by_options(options: &LintOptions, rule: &rules::RuleMeta) -> bool {
    let selected = options.select.is_empty() || options.select.iter().any(|s| s.matches(rule));
    selected && !options.ignore.iter().any(|s| s.matches(rule))
}

/// Whether a rule can report anything at all (so that switched-off rules do not run).
fn rule_enabled(
    workspace: &Workspace,
    options: &LintOptions,
    rule: &'static rules::RuleMeta,
) -> bool {
    if !selected_by_options(options, rule) {
        return false;
    }
    let globally_off = workspace.settings.level(rule, None) == Some(RuleLevel::Off);
    let overridden_on = workspace
        .settings
        .overrides
        .iter()
        .any(|o| matches!(o.levels.level(rule), Some(RuleLevel::Report(_))));
    !globally_off || overridden_on
}

fn apply_suppressions(
    workspace: &Workspace,
    options: &LintOptions,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let mut by_file: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (i, suppression) in workspace.suppressions.iter().enumerate() {
        by_file.entry(suppression.file).or_default().push(i);
    }
    let mut used = vec![false; workspace.suppressions.len()];
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    for finding in findings {
        let location = finding.primary.location;
        let matching = by_file.get(&location.file).and_then(|indices| {
            indices.iter().copied().find(|&i| {
                let comment = &workspace.suppressions[i].comment;
                comment.malformed.is_none()
                    && comment.reason.is_some()
                    && comment.covers.contains(location.span)
                    && comment
                        .rules
                        .iter()
                        .any(|r| Selector::parse(&r.value).is_some_and(|s| s.matches(finding.rule)))
            })
        });
        match matching {
            Some(i) => {
                used[i] = true;
                let comment = &workspace.suppressions[i];
                suppressed.push(Suppressed {
                    reason: comment.comment.reason.clone().unwrap_or_default(),
                    comment: Location::new(comment.file, comment.comment.span),
                    finding,
                });
            }
            None => kept.push(finding),
        }
    }
    for (i, suppression) in workspace.suppressions.iter().enumerate() {
        if !workspace.is_selected(suppression.file) {
            continue;
        }
        let path = workspace.project_path(suppression.file);
        let mut report = |finding: Finding| {
            let level = workspace.settings.level(finding.rule, path.as_deref());
            if level != Some(RuleLevel::Off) && selected_by_options(options, finding.rule) {
                kept.push(match level {
                    Some(RuleLevel::Report(severity)) => finding.severity(severity),
                    _ => finding,
                });
            }
        };
        let problems = invalid_suppression::check(suppression);
        let valid = problems.is_empty();
        for finding in problems {
            report(finding);
        }
        // A suppression of a rule that did not run (switched off, or left out by --select or
        // --ignore) cannot be judged unused.
        let all_ran = suppression.comment.rules.iter().all(|name| {
            Selector::parse(&name.value).is_some_and(|selector| {
                rules::RULES
                    .iter()
                    .filter(|r| selector.matches(r.meta))
                    .all(|r| {
                        selected_by_options(options, r.meta)
                            && workspace.settings.level(r.meta, path.as_deref())
                                != Some(RuleLevel::Off)
                    })
            })
        });
        if valid && !used[i] && all_ran {
            report(unused_suppression::finding(suppression));
        }
    }
    (kept, suppressed)
}
