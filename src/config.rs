//! Effective settings: the project file (`cohere.yaml`) resolved over the built-in defaults.
//!
//! Settings that decide what cohere runs (rule levels, thresholds, limits, sources) are checked
//! here; a problem with them is a [`ConfigError`] and cohere exits with status 2, pointing at the
//! line. References to framework elements (`floor:`, `require:`) are checked once the frameworks
//! are loaded, and reported as findings like any other reference.

use crate::diagnostic::{Catalog, Category, RuleMeta, Severity};
use crate::document::project::{ProjectDoc, RuleLevelWord, RuleLevels};
use crate::document::{Located, SchemaProblem};
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::vocabulary::Perspective;
use crate::yaml::Limits;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;
use std::path::PathBuf;

/// A problem in the project file that stops cohere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Where in the project file.
    pub span: Span,
    /// How to fix it.
    pub help: Option<String>,
}

impl From<SchemaProblem> for ConfigError {
    fn from(problem: SchemaProblem) -> Self {
        ConfigError {
            message: problem.message,
            span: problem.span,
            help: problem.help.map(|help| help.text),
        }
    }
}

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report with this severity.
    Report(Severity),
    /// Do not run the rule.
    Off,
}

impl From<RuleLevelWord> for RuleLevel {
    fn from(word: RuleLevelWord) -> Self {
        match word {
            RuleLevelWord::Error => RuleLevel::Report(Severity::Error),
            RuleLevelWord::Warning => RuleLevel::Report(Severity::Warning),
            RuleLevelWord::Info => RuleLevel::Report(Severity::Info),
            RuleLevelWord::Off => RuleLevel::Off,
        }
    }
}

/// What a rule setting applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    /// One rule.
    Rule(&'static RuleMeta),
    /// Every rule of a category.
    Category(Category),
}

impl Selector {
    /// The selector named `name` (a rule id or a category), if there is one.
    pub fn parse(name: &str, rules: Catalog) -> Option<Selector> {
        if let Some(rule) = rules.rule(name) {
            return Some(Selector::Rule(rule));
        }
        Category::from_name(name).map(Selector::Category)
    }

    /// Whether it selects `rule`.
    pub fn matches(self, rule: &RuleMeta) -> bool {
        match self {
            Selector::Rule(meta) => meta.id == rule.id,
            Selector::Category(category) => category == rule.category,
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Selector::Rule(meta) => meta.id,
            Selector::Category(category) => category.as_str(),
        }
    }

    /// The help for an unknown selector.
    pub fn unknown_help(name: &str, rules: Catalog) -> String {
        let names = rules
            .iter()
            .map(|meta| meta.id)
            .chain(Category::ALL.iter().map(|c| c.as_str()));
        match did_you_mean(name, names) {
            Some(close) => format!("did you mean `{close}`? `cohere rules` lists every rule"),
            None => "`cohere rules` lists every rule id and category".to_string(),
        }
    }
}

/// Rule levels, in the order they were written.
#[derive(Clone, Debug, Default)]
pub struct LevelTable(pub Vec<(Selector, RuleLevel)>);

impl LevelTable {
    /// The level set for `rule`, if any. A rule id beats a category; among equals, the last wins.
    pub fn level(&self, rule: &RuleMeta) -> Option<RuleLevel> {
        self.setting(rule).map(|(_, level)| level)
    }

    /// The entry that sets the level of `rule`, if any, by the same precedence as [`Self::level`].
    pub fn setting(&self, rule: &RuleMeta) -> Option<(Selector, RuleLevel)> {
        let by_id = self
            .0
            .iter()
            .rev()
            .find(|(s, _)| matches!(s, Selector::Rule(m) if m.id == rule.id));
        let by_category = || {
            self.0
                .iter()
                .rev()
                .find(|(s, _)| matches!(s, Selector::Category(c) if *c == rule.category))
        };
        by_id.or_else(by_category).copied()
    }
}

/// Rule levels for the files matching some globs.
#[derive(Clone, Debug)]
pub struct Override {
    /// The globs as written.
    pub patterns: Vec<String>,
    /// The compiled globs.
    pub globs: GlobSet,
    /// The levels.
    pub levels: LevelTable,
}

/// Where a framework or knowledge base comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "from", content = "name")]
pub enum SourceRef {
    /// Built into cohere.
    BuiltIn(String),
    /// A file, relative to the project file. It is read only if it stays inside the project
    /// root once symbolic links are resolved (`project::load` checks, and reports a finding
    /// otherwise); any path setting added later must go through the same check.
    Path(PathBuf),
}

/// Coverage requirements (element ids; `None` means the tagged defaults).
#[derive(Clone, Debug, Default)]
pub struct Requirements {
    /// Elements some measure must reach.
    pub targets: Option<Vec<Located<String>>>,
    /// Principles some measure must uphold.
    pub principles: Option<Vec<Located<String>>>,
    /// Domains some measure must serve.
    pub domains: Option<Vec<Located<String>>>,
}

/// Numbers the analyses use.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Thresholds {
    /// How many knowledge-base hops effects propagate.
    pub path_depth: u32,
    /// The weakest indirect effect still counted (product of scores / 3).
    pub path_strength: f64,
    /// The spread of assessors' scores that makes an interaction contested.
    pub contested_spread: u32,
    /// Measures listed in one finding before the rest are counted.
    pub max_listed_measures: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            path_depth: 2,
            path_strength: 0.2,
            contested_spread: 3,
            max_listed_measures: 10,
        }
    }
}

/// Report settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ReportSettings {
    /// The report's title.
    pub title: Option<String>,
    /// Its language tag.
    pub language: String,
    /// The most nodes drawn in the network diagram.
    pub max_diagram_nodes: u32,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            title: None,
            language: "en".to_string(),
            max_diagram_nodes: 60,
        }
    }
}

/// Everything configurable, resolved.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The repository's name.
    pub name: Option<String>,
    /// The default perspective of policies.
    pub default_perspective: Option<Perspective>,
    /// Frameworks to load.
    pub frameworks: Vec<Located<SourceRef>>,
    /// Knowledge bases to load.
    pub knowledge_bases: Vec<Located<SourceRef>>,
    /// Globs of the project's documents.
    pub policies: Vec<String>,
    /// Globs left out.
    pub exclude: Vec<String>,
    /// Extra sectors.
    pub sectors: Vec<String>,
    /// Rule levels.
    pub rules: LevelTable,
    /// Per-path rule levels.
    pub overrides: Vec<Override>,
    /// Coverage requirements.
    pub require: Requirements,
    /// The floor of minimum standards (`None`: the elements tagged `floor`).
    pub floor: Option<Vec<Located<String>>>,
    /// Thresholds.
    pub thresholds: Thresholds,
    /// Report settings.
    pub report: ReportSettings,
    /// Input limits.
    pub limits: Limits,
    /// Where in the project file repository-level findings point: the `require:` key, else the
    /// first key.
    pub anchor: Span,
}

impl Default for Settings {
    fn default() -> Self {
        let all = |kind| {
            crate::builtin::names(kind)
                .map(|name| Located::new(SourceRef::BuiltIn(name.to_string()), Span::default()))
                .collect()
        };
        Settings {
            name: None,
            default_perspective: None,
            frameworks: all(crate::builtin::BuiltInKind::Framework),
            knowledge_bases: all(crate::builtin::BuiltInKind::KnowledgeBase),
            policies: vec!["**/*.yaml".to_string(), "**/*.yml".to_string()],
            exclude: Vec::new(),
            sectors: Vec::new(),
            rules: LevelTable::default(),
            overrides: Vec::new(),
            require: Requirements::default(),
            floor: None,
            thresholds: Thresholds::default(),
            report: ReportSettings::default(),
            limits: Limits::default(),
            anchor: Span::default(),
        }
    }
}

impl Settings {
    /// Resolves a project document over the defaults.
    pub fn from_document(doc: ProjectDoc, rules: Catalog) -> Result<Settings, ConfigError> {
        let mut settings = Settings {
            name: doc.name.map(|n| n.value),
            default_perspective: doc.perspective.map(|p| p.value),
            ..Settings::default()
        };
        if let Some(frameworks) = doc.frameworks {
            settings.frameworks = sources(frameworks, crate::builtin::BuiltInKind::Framework)?;
        }
        if let Some(knowledge_bases) = doc.knowledge_bases {
            settings.knowledge_bases =
                sources(knowledge_bases, crate::builtin::BuiltInKind::KnowledgeBase)?;
        }
        if let Some(policies) = doc.policies {
            for glob in &policies {
                check_glob(glob)?;
            }
            settings.policies = policies.into_iter().map(|g| g.value).collect();
        }
        for glob in &doc.exclude {
            check_glob(glob)?;
        }
        settings.exclude = doc.exclude.into_iter().map(|g| g.value).collect();
        settings.sectors = doc
            .sectors
            .into_iter()
            .map(|s| s.value.trim().to_string())
            .collect();
        settings.rules = rule_levels(doc.rules, rules)?;
        for entry in doc.overrides {
            let mut builder = GlobSetBuilder::new();
            let mut patterns = Vec::new();
            for glob in &entry.paths {
                builder.add(check_glob(glob)?);
                patterns.push(glob.value.clone());
            }
            let globs = builder.build().map_err(|error| ConfigError {
                message: format!("invalid glob: {error}"),
                span: entry.span,
                help: None,
            })?;
            let overrides = entry.value;
            settings.overrides.push(Override {
                patterns,
                globs,
                levels: rule_levels(overrides.rules, rules)?,
            });
        }
        if let Some(require) = doc.require {
            settings.require = Requirements {
                targets: require.targets,
                principles: require.principles,
                domains: require.domains,
            };
        }
        settings.floor = doc.floor;
        if let Some(thresholds) = doc.thresholds {
            let t = &mut settings.thresholds;
            if let Some(depth) = thresholds.path_depth {
                if !(1..=6).contains(&depth.value) {
                    return Err(out_of_range(&depth, "path-depth", "1 to 6"));
                }
                t.path_depth = depth.value;
            }
            if let Some(strength) = thresholds.path_strength {
                if !(0.0..=1.0).contains(&strength.value) {
                    return Err(out_of_range(&strength, "path-strength", "0 to 1"));
                }
                t.path_strength = strength.value;
            }
            if let Some(spread) = thresholds.contested_spread {
                if !(1..=6).contains(&spread.value) {
                    return Err(out_of_range(&spread, "contested-spread", "1 to 6"));
                }
                t.contested_spread = spread.value;
            }
            if let Some(listed) = thresholds.max_listed_measures {
                if listed.value == 0 {
                    return Err(out_of_range(&listed, "max-listed-measures", "at least 1"));
                }
                t.max_listed_measures = listed.value;
            }
        }
        if let Some(report) = doc.report {
            settings.report.title = report.title.map(|t| t.value);
            if let Some(language) = report.language {
                let valid = !language.value.is_empty()
                    && language
                        .value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !valid {
                    return Err(ConfigError {
                        message: format!("invalid language tag `{}`", language.value),
                        span: language.span,
                        help: Some("use a BCP 47 tag such as `en` or `fr-CA`".into()),
                    });
                }
                settings.report.language = language.value;
            }
            if let Some(nodes) = report.max_diagram_nodes {
                if !(2..=500).contains(&nodes.value) {
                    return Err(out_of_range(&nodes, "max-diagram-nodes", "2 to 500"));
                }
                settings.report.max_diagram_nodes = nodes.value;
            }
        }
        if let Some(limits) = doc.limits {
            let l = &mut settings.limits;
            if let Some(bytes) = limits.max_file_bytes {
                l.max_file_bytes = bytes.value.max(1);
            }
            if let Some(depth) = limits.max_depth {
                l.max_depth = (depth.value as usize).max(2);
            }
            if let Some(nodes) = limits.max_nodes {
                l.max_nodes = (nodes.value as usize).max(16);
            }
            if let Some(aliases) = limits.max_aliases {
                l.max_aliases = aliases.value as usize;
            }
        }
        Ok(settings)
    }

    /// The configured level of `rule` for a file at `path` (relative to the project root).
    pub fn level(&self, rule: &RuleMeta, path: Option<&str>) -> Option<RuleLevel> {
        if let Some(path) = path {
            for entry in self.overrides.iter().rev() {
                if entry.globs.is_match(path)
                    && let Some(level) = entry.levels.level(rule)
                {
                    return Some(level);
                }
            }
        }
        self.rules.level(rule)
    }
}

fn out_of_range<T: std::fmt::Display>(value: &Located<T>, name: &str, range: &str) -> ConfigError {
    ConfigError {
        message: format!("`{name}` is {}, outside {range}", value.value),
        span: value.span,
        help: Some(format!("set `{name}` to a value from {range}")),
    }
}

/// The longest glob accepted: enough for any real pattern, and a bound on what compiling the
/// globs of a hostile project file costs.
const MAX_GLOB_BYTES: usize = 1024;

fn check_glob(glob: &Located<String>) -> Result<Glob, ConfigError> {
    // Globs match paths relative to the project root; one that starts at `/` or climbs with
    // `..` could only be a mistake, or an attempt to reach outside the repository.
    let path = std::path::Path::new(&glob.value);
    let climbs = path
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir));
    if glob.value.len() > MAX_GLOB_BYTES {
        return Err(ConfigError {
            message: format!(
                "the glob is {} bytes long, more than the limit of {MAX_GLOB_BYTES}",
                glob.value.len()
            ),
            span: glob.span,
            help: Some("match the files with several shorter globs".to_string()),
        });
    }
    if path.has_root() || path.is_absolute() || climbs {
        return Err(ConfigError {
            message: format!("the glob `{}` reaches outside the project root", glob.value),
            span: glob.span,
            help: Some(
                "globs are relative to the directory of cohere.yaml, without `..` or a leading `/`"
                    .to_string(),
            ),
        });
    }
    Glob::new(&glob.value).map_err(|error| ConfigError {
        message: format!("invalid glob `{}`: {}", glob.value, error.kind()),
        span: glob.span,
        help: None,
    })
}

fn rule_levels(levels: RuleLevels, rules: Catalog) -> Result<LevelTable, ConfigError> {
    let mut resolved = Vec::new();
    for (selector, level) in levels.0 {
        let Some(parsed) = Selector::parse(selector.value.trim(), rules) else {
            return Err(ConfigError {
                message: format!("unknown rule or category `{}`", selector.value),
                span: selector.span,
                help: Some(Selector::unknown_help(&selector.value, rules)),
            });
        };
        resolved.push((parsed, RuleLevel::from(level.value)));
    }
    Ok(LevelTable(resolved))
}

fn sources(
    entries: Vec<Located<String>>,
    kind: crate::builtin::BuiltInKind,
) -> Result<Vec<Located<SourceRef>>, ConfigError> {
    let mut resolved = Vec::new();
    for entry in entries {
        let name = entry.value.trim();
        let is_path = name.ends_with(".yaml") || name.ends_with(".yml") || name.contains('/');
        let source = if is_path {
            SourceRef::Path(PathBuf::from(name))
        } else if crate::builtin::built_in(kind, name).is_some() {
            SourceRef::BuiltIn(name.to_string())
        } else {
            let names: Vec<_> = crate::builtin::names(kind).collect();
            let help = match did_you_mean(name, names.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "built-in ones are {}; a path to a file of your own ends in `.yaml`",
                    names.join(", ")
                ),
            };
            return Err(ConfigError {
                message: format!("unknown built-in `{name}`"),
                span: entry.span,
                help: Some(help),
            });
        };
        resolved.push(Located::new(source, entry.span));
    }
    Ok(resolved)
}

/// The version of the [`EffectiveSettings`] shape (`cohere config --show --format json`).
pub const EFFECTIVE_SETTINGS_VERSION: u32 = 1;

/// The effective settings as `cohere config --show` prints them: every setting resolved over the
/// defaults, in the project file's own words (kebab-case keys, rule levels per rule). A versioned
/// shape of its own, not a dump of [`Settings`]: fields may be added in version 1, none removed.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct EffectiveSettings {
    /// The shape's version.
    pub version: u32,
    /// The project file used, as shown (relative to the working directory), or `None` for the
    /// built-in defaults.
    pub project_file: Option<String>,
    /// The repository's name.
    pub name: Option<String>,
    /// The default perspective of policies.
    pub perspective: Option<Perspective>,
    /// Frameworks loaded: built-in names or paths relative to the project file.
    pub frameworks: Vec<String>,
    /// Knowledge bases loaded.
    pub knowledge_bases: Vec<String>,
    /// Globs of the repository's documents.
    pub policies: Vec<String>,
    /// Globs left out.
    pub exclude: Vec<String>,
    /// Sectors a measure may name.
    pub sectors: SectorsView,
    /// Every rule, with its default severity and its configured level.
    pub rules: Vec<RuleLevelView>,
    /// Per-path rule levels, in the order they apply (a later match wins).
    pub overrides: Vec<OverrideView>,
    /// Coverage requirements.
    pub require: RequireView,
    /// The floor of minimum standards.
    pub floor: RequirementView,
    /// Numbers the analyses use.
    pub thresholds: Thresholds,
    /// Report settings.
    pub report: ReportSettings,
    /// Bounds on what one input file may cost.
    pub limits: LimitsView,
}

/// Sectors: the built-in list and the project's additions.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SectorsView {
    /// Built into cohere.
    pub built_in: Vec<String>,
    /// Added in cohere.yaml.
    pub extra: Vec<String>,
}

/// One rule's level, resolved.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RuleLevelView {
    /// The rule id.
    pub id: &'static str,
    /// Its category.
    pub category: &'static str,
    /// Its default severity.
    pub default: Severity,
    /// The level it runs at outside any override: `error`, `warning`, `info` or `off`.
    pub level: &'static str,
    /// What set the level: the rule id or the category in `rules:`, or `default`.
    pub set_by: &'static str,
}

/// Rule levels for some paths.
#[derive(Clone, Debug, Serialize)]
pub struct OverrideView {
    /// The globs, relative to the project file.
    pub paths: Vec<String>,
    /// Rule id or category and level, in the order written.
    pub rules: OrderedLevels,
}

/// Levels by selector, serialized as a mapping in the order written.
#[derive(Clone, Debug)]
pub struct OrderedLevels(pub Vec<(&'static str, &'static str)>);

impl Serialize for OrderedLevels {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Coverage requirements, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct RequireView {
    /// Elements some measure must reach.
    pub targets: RequirementView,
    /// Principles some measure must uphold.
    pub principles: RequirementView,
    /// Policy domains some measure must serve.
    pub domains: RequirementView,
}

/// A list of element ids: declared in cohere.yaml, or the default rule that selects them.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case", tag = "from")]
pub enum RequirementView {
    /// The built-in default.
    Default {
        /// Which elements the default takes.
        elements: &'static str,
    },
    /// Declared in the project file.
    #[serde(rename = "cohere.yaml")]
    Declared {
        /// The element ids.
        ids: Vec<String>,
    },
}

/// Input limits.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LimitsView {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes in one file, counting alias expansions.
    pub max_nodes: usize,
    /// Most aliases in one file.
    pub max_aliases: usize,
}

fn level_word(level: RuleLevel) -> &'static str {
    match level {
        RuleLevel::Report(severity) => severity.as_str(),
        RuleLevel::Off => "off",
    }
}

fn requirement(declared: &Option<Vec<Located<String>>>, default: &'static str) -> RequirementView {
    match declared {
        None => RequirementView::Default { elements: default },
        Some(ids) => RequirementView::Declared {
            ids: ids.iter().map(|id| id.value.trim().to_string()).collect(),
        },
    }
}

impl EffectiveSettings {
    /// The view of `settings`, read from `project_file` (as shown) if any.
    pub fn new(
        settings: &Settings,
        project_file: Option<String>,
        catalog: Catalog,
    ) -> EffectiveSettings {
        let source_name = |source: &Located<SourceRef>| match &source.value {
            SourceRef::BuiltIn(name) => name.clone(),
            SourceRef::Path(path) => path.to_string_lossy().replace('\\', "/"),
        };
        let rules = catalog
            .iter()
            .map(|meta| {
                let (level, set_by) = match settings.rules.setting(meta) {
                    Some((selector, level)) => (level_word(level), selector.name()),
                    None => (meta.default_severity.as_str(), "default"),
                };
                RuleLevelView {
                    id: meta.id,
                    category: meta.category.as_str(),
                    default: meta.default_severity,
                    level,
                    set_by,
                }
            })
            .collect();
        let overrides = settings
            .overrides
            .iter()
            .map(|o| OverrideView {
                paths: o.patterns.clone(),
                rules: OrderedLevels(
                    o.levels
                        .0
                        .iter()
                        .map(|(selector, level)| (selector.name(), level_word(*level)))
                        .collect(),
                ),
            })
            .collect();
        let require = &settings.require;
        EffectiveSettings {
            version: EFFECTIVE_SETTINGS_VERSION,
            project_file,
            name: settings.name.clone(),
            perspective: settings.default_perspective,
            frameworks: settings.frameworks.iter().map(source_name).collect(),
            knowledge_bases: settings.knowledge_bases.iter().map(source_name).collect(),
            policies: settings.policies.clone(),
            exclude: settings.exclude.clone(),
            sectors: SectorsView {
                built_in: crate::model::build::BUILT_IN_SECTORS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                extra: settings.sectors.clone(),
            },
            rules,
            overrides,
            require: RequireView {
                targets: requirement(&require.targets, "every element tagged `migration`"),
                principles: requirement(
                    &require.principles,
                    "every principle of `migof` and `gcm`",
                ),
                domains: requirement(&require.domains, "every element tagged `policy-domain`"),
            },
            floor: requirement(&settings.floor, "every element tagged `floor`"),
            thresholds: settings.thresholds.clone(),
            report: settings.report.clone(),
            limits: LimitsView {
                max_file_bytes: settings.limits.max_file_bytes,
                max_depth: settings.limits.max_depth,
                max_nodes: settings.limits.max_nodes,
                max_aliases: settings.limits.max_aliases,
            },
        }
    }
}
