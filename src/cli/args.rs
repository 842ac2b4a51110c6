//! The arguments of every command, declared once; `--help` is generated from them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Policy coherence analysis for migration governance and the 2030 Agenda.
#[derive(Debug, Parser)]
#[command(name = "cohere", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check policies against each other, the frameworks and the knowledge base.
    Lint(LintArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Show a rule's documentation, with a failing and a passing example.
    Explain(ExplainArgs),
    /// List the loaded frameworks and knowledge bases.
    Frameworks(FrameworksArgs),
    /// Show an element: its framework, links, and the interactions into and out of it.
    Show(ShowArgs),
    /// Rank the targets in play by influence (the method of SEI's SDG Synergies).
    Rank(RankArgs),
    /// Print the cross-impact matrix of the targets in play.
    Matrix(MatrixArgs),
    /// Show the effective settings: cohere.yaml over the built-in defaults.
    Config(ConfigArgs),
    /// Print the JSON Schema of the documents, for editors (yaml-language-server).
    Schema(SchemaArgs),
    /// Compare two directories or git revisions: findings added and resolved, coherence index,
    /// coverage and influence ranks.
    Diff(DiffArgs),
    /// Create a policy repository: cohere.yaml, a policy template, institutions, a CI workflow.
    Init(InitArgs),
    /// Write the coherence report (HTML, Markdown and JSON) into a directory.
    Report(ReportArgs),
    /// Draw the interaction graph as DOT or SVG, whole or around one node.
    Graph(GraphArgs),
    /// Run the language server (LSP over stdio) for editors: findings as you type, hovers,
    /// definitions, completions and quick fixes.
    Server(ServerArgs),
}

/// `cohere server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Speak over standard input and output (the only transport, and the default; accepted
    /// because editors' LSP clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Where the project file comes from.
#[derive(Debug, Args, Clone)]
pub struct ProjectArgs {
    /// Use this project file instead of discovering `cohere.yaml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore any project file: built-in defaults only.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// Diagnostics with source snippets.
    Text,
    /// One line per finding.
    Concise,
    /// JSON (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// Markdown, for job summaries and pull-request comments.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and directories to lint (default: the project of the working directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format [default: text, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<LintFormat>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Only these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub select: Vec<String>,
    /// Not these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE|CATEGORY")]
    pub ignore: Vec<String>,
    /// When to colour the output (NO_COLOR is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings beyond this baseline (findings in it are counted, not reported).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (atomically) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    pub write_baseline: Option<PathBuf>,
    /// Remove the entries that match nothing any more from the `--baseline` file.
    #[arg(long, requires = "baseline", conflicts_with = "write_baseline")]
    pub prune_baseline: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format (`markdown` writes the page docs/rules.md is generated from).
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id.
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct FrameworksArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The element's id, such as `sdg:10.7` or `gcm:5`.
    pub id: String,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// A perspective, for the matrix's interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PerspectiveArg {
    Origin,
    Transit,
    Destination,
    Any,
}

impl From<PerspectiveArg> for cohere::model::vocabulary::Perspective {
    fn from(arg: PerspectiveArg) -> Self {
        use cohere::model::vocabulary::Perspective;
        match arg {
            PerspectiveArg::Origin => Perspective::Origin,
            PerspectiveArg::Transit => Perspective::Transit,
            PerspectiveArg::Destination => Perspective::Destination,
            PerspectiveArg::Any => Perspective::Any,
        }
    }
}

#[derive(Debug, Args)]
pub struct RankArgs {
    /// Files and directories whose targets in play are ranked (default: the project).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Rank the targets of a CSV cross-impact matrix (`from\to,<id>,<id>,…`, one row per id)
    /// instead of a repository's.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "paths")]
    pub matrix: Option<PathBuf>,
    /// Rank as seen from this perspective: the targets the measures of its policies (and of
    /// `any` policies) act on, through the interactions recorded for it and for `any`. Default:
    /// one ranking per perspective of the portfolio's policies.
    #[arg(long, value_enum)]
    pub perspective: Option<PerspectiveArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Also report, over N seeded runs with every nonzero score moved by ±1, how often each
    /// target keeps a top-k place.
    #[arg(long, value_name = "N")]
    pub stability: Option<usize>,
    /// The k of the top k.
    #[arg(long, value_name = "K", default_value_t = 7)]
    pub top: usize,
    /// The seed of the perturbed runs.
    #[arg(long, default_value_t = 2018)]
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Files and directories whose targets in play are shown (default: the project).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Use the interactions that hold for this perspective (default: the project's).
    #[arg(long, value_enum)]
    pub perspective: Option<PerspectiveArg>,
    /// Output format (`csv` is the format `cohere rank --matrix` reads).
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,
    /// When to colour scores by sign.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective settings (every setting, resolved over the defaults).
    #[arg(long, required = true)]
    pub show: bool,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DataFormat::Yaml)]
    pub format: DataFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document: `all` accepts any policy, framework, knowledge-base or institutions
    /// document; `project` is cohere.yaml.
    #[arg(long, value_enum, default_value_t = SchemaDocumentArg::All)]
    pub document: SchemaDocumentArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaDocumentArg {
    All,
    Policy,
    Framework,
    KnowledgeBase,
    Institutions,
    Bibliography,
    Project,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Before: a directory, or a git revision of the repository of the working directory.
    pub base: String,
    /// After: a directory (`.` for the working tree) or a git revision.
    pub head: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit with 1 when the change adds a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The repository's directory (created if needed).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files and directories to report on (default: the project of the working directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The directory to write index.html, report.md and report.json into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The date printed on the report. Default: the day of SOURCE_DATE_EPOCH if set, else of
    /// the last git commit that changed the project's files, else none (so that the same
    /// input gives the same bytes).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// SVG.
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphEngine {
    /// The system `dot` when it is installed, else the built-in layout.
    Auto,
    /// The built-in layout (layout-rs): no system Graphviz needed.
    Builtin,
    /// The system Graphviz `dot`.
    Dot,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Files and directories to draw (default: the project of the working directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Draw only the nodes around this one: an element (`sdg:10.7`), a measure
    /// (`policy/measure`), a policy or an institution.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// How many steps around `--focus` to draw.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
    pub depth: u32,
    /// Also draw institutions and which measures they lead.
    #[arg(long)]
    pub institutions: bool,
    /// Draw at most this many nodes, keeping the most connected.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Draw at most this many links between the nodes drawn, keeping the strongest.
    #[arg(long, value_name = "N")]
    pub max_edges: Option<usize>,
    /// How to lay out SVG.
    #[arg(long, value_enum, default_value_t = GraphEngine::Auto)]
    pub engine: GraphEngine,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
