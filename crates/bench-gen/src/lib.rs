//! A deterministic, seeded generator of synthetic policy repositories, for cohere's benchmarks,
//! scale tests and property tests: `scripts/bench-gen --measures N --seed S --out DIR`, or
//! [`generate`] from Rust (a dev-dependency). It is a tool of the repository, not part of cohere:
//! it reads the built-in frameworks through cohere's library, and is never published.
//!
//! The repository looks like a real government's portfolio: a project file, an institutions
//! document (ministries of several jurisdictions and their coordination mechanisms), policies of
//! 20 to 50 measures each spread over several files, and a knowledge base of a few thousand
//! scored interactions among the 169 SDG targets. Policies are thematic: each has 8 to 16 targets
//! of its own, on which three effects in four fall. Each measure has one to four effects over the
//! whole SDG framework and the GCM objectives, skewed towards migration-related targets, mostly
//! positive, with `where`, `when`, rationales and evidence on most of them, and leads,
//! indicators, principles, exclusions and reporting lines on many.
//!
//! Everything it refers to exists in the built-in frameworks, so the repository raises no
//! document-rule finding; the analysis rules find what a real portfolio of that size would give
//! them to find. The same `(measures, seed)` always gives the same bytes, on every machine: the
//! random numbers come from SplitMix64, and nothing iterates a hash map.
#![warn(clippy::print_stdout, clippy::print_stderr)]

use cohere::model::build::BUILT_IN_SECTORS;
use cohere::model::{Element, Model};
use cohere::project::{ConfigChoice, LoadRequest, load};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Its path, relative to the repository's root, with `/`.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// A generated repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    /// Its files, in path order; `cohere.yaml` is among them.
    pub files: Vec<GeneratedFile>,
    /// How many measures its policies hold.
    pub measures: usize,
}

impl Workload {
    /// Writes the files under `dir`, creating directories as needed.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for file in &self.files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &file.text)?;
        }
        Ok(())
    }

    /// The total size of the files, in bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|f| f.text.len()).sum()
    }

    /// The policy files (under `policies/`, not the institutions document).
    pub fn policy_files(&self) -> impl Iterator<Item = &GeneratedFile> {
        self.files
            .iter()
            .filter(|f| f.path.starts_with("policies/") && !f.path.ends_with("institutions.yaml"))
    }
}

/// Where the generated knowledge base is written.
pub const KNOWLEDGE_BASE_PATH: &str = "knowledge/interactions.yaml";

/// How many interactions the generated knowledge base holds.
pub const KNOWLEDGE_BASE_INTERACTIONS: usize = 3_000;

/// SplitMix64: small, fast, portable and seeded (the same sequence on every machine).
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// `true` with probability `p` (in percent).
    pub fn percent(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items`, chosen by weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.next_u64() % total.max(1);
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }
}

/// The framework elements the generator draws from, read from the built-in frameworks.
struct Catalogue {
    /// The 169 SDG targets.
    targets: Vec<String>,
    /// The SDG targets tagged `migration`.
    migration_targets: Vec<String>,
    /// The SDG targets tagged `for-all`.
    for_all_targets: Vec<String>,
    /// GCM objectives.
    objectives: Vec<String>,
    /// Principles (MiGOF, GCM, PCSD).
    principles: Vec<String>,
    /// Groups.
    groups: Vec<String>,
    /// Capacities.
    capacities: Vec<String>,
    /// SDG indicators, with the target they belong to.
    indicators: Vec<(String, String)>,
    /// The built-in knowledge base's (from, to, perspective), which the generated one must not
    /// repeat.
    built_in_interactions: BTreeSet<(String, String, String)>,
}

impl Catalogue {
    fn built_in() -> Catalogue {
        let mut request = LoadRequest::new(Vec::new());
        request.config = ConfigChoice::Isolated;
        request.frameworks_only_without_project = true;
        let model = match load(&request) {
            Ok(workspace) => workspace.model,
            // The built-in frameworks always load; an empty model only makes a smaller workload.
            Err(_) => Model::default(),
        };
        let ids = |filter: &dyn Fn(&Element) -> bool| -> Vec<String> {
            model
                .elements
                .iter()
                .filter(|e| filter(e))
                .map(|e| e.id.to_string())
                .collect()
        };
        let framework = |e: &Element| model.framework(e.framework).id.to_string();
        let targets = ids(&|e| framework(e) == "sdg" && e.kind == "target");
        let migration_targets =
            ids(&|e| framework(e) == "sdg" && e.kind == "target" && e.has_tag("migration"));
        let for_all_targets =
            ids(&|e| framework(e) == "sdg" && e.kind == "target" && e.has_tag("for-all"));
        let objectives = ids(&|e| framework(e) == "gcm" && e.kind == "objective");
        let principles = ids(&|e| e.kind == "principle");
        let groups = ids(&|e| e.kind == "group");
        let capacities = ids(&|e| e.kind == "capacity");
        let indicators = model
            .elements
            .iter()
            .filter(|e| e.kind == "indicator")
            .filter_map(|e| {
                let parent = e.parent?;
                Some((e.id.to_string(), model.element(parent).id.to_string()))
            })
            .collect();
        let built_in_interactions = model
            .interactions
            .iter()
            .map(|i| {
                (
                    model.element(i.from).id.to_string(),
                    model.element(i.to).id.to_string(),
                    i.perspective.to_string(),
                )
            })
            .collect();
        Catalogue {
            targets,
            migration_targets,
            for_all_targets,
            objectives,
            principles,
            groups,
            capacities,
            indicators,
            built_in_interactions,
        }
    }

    /// A target or objective: skewed towards migration-related targets, over the whole
    /// framework ("" only if the frameworks are empty).
    fn any_goal(&self, rng: &mut SplitMix64) -> String {
        let pool = match rng.weighted(&[(0u8, 45), (1, 15), (2, 40)]) {
            0 if !self.migration_targets.is_empty() => &self.migration_targets,
            1 if !self.objectives.is_empty() => &self.objectives,
            _ => &self.targets,
        };
        if pool.is_empty() {
            return String::new();
        }
        rng.pick(pool).clone()
    }

    fn indicator_of(&self, target: &str) -> Option<&str> {
        self.indicators
            .iter()
            .find(|(_, parent)| parent == target)
            .map(|(id, _)| id.as_str())
    }
}

struct Jurisdiction {
    id: &'static str,
    name: &'static str,
    perspective: &'static str,
}

const JURISDICTIONS: &[Jurisdiction] = &[
    Jurisdiction {
        id: "northland",
        name: "Northland",
        perspective: "destination",
    },
    Jurisdiction {
        id: "southland",
        name: "Southland",
        perspective: "origin",
    },
    Jurisdiction {
        id: "eastland",
        name: "Eastland",
        perspective: "transit",
    },
    Jurisdiction {
        id: "westland",
        name: "Westland",
        perspective: "destination",
    },
];

/// The sectors that have a ministry in every jurisdiction, with the ministry's name.
const MINISTRIES: &[(&str, &str)] = &[
    ("migration", "Ministry of Migration"),
    ("labour", "Ministry of Labour"),
    ("health", "Ministry of Health"),
    ("education", "Ministry of Education"),
    ("social-protection", "Ministry of Social Affairs"),
    ("housing", "Ministry of Housing"),
    ("security", "Ministry of the Interior"),
    ("justice", "Ministry of Justice"),
    ("foreign-affairs", "Ministry of Foreign Affairs"),
    ("development", "Agency for Development Cooperation"),
    ("finance", "Ministry of Finance"),
    ("statistics", "National Statistics Office"),
];

const THEMES: &[(&str, &str)] = &[
    ("labour-mobility", "Labour Mobility"),
    ("health-workforce", "Health Workforce"),
    ("integration", "Integration and Inclusion"),
    ("border-management", "Border Management"),
    ("diaspora", "Diaspora Engagement"),
    ("remittances", "Remittances and Financial Inclusion"),
    ("asylum", "Asylum and Protection"),
    ("return", "Return and Reintegration"),
    ("skills", "Skills Partnerships"),
    ("climate-mobility", "Climate and Mobility"),
    ("trafficking", "Counter-Trafficking"),
    ("data", "Migration Data"),
    ("education", "Education and Recognition"),
    ("housing", "Housing and Reception"),
];

const VERBS: &[&str] = &[
    "expand",
    "fund",
    "reform",
    "create",
    "extend",
    "simplify",
    "strengthen",
    "pilot",
    "regulate",
    "monitor",
    "train",
    "recognise",
    "subsidise",
    "digitise",
    "tighten",
    "open",
];

const OBJECTS: &[&str] = &[
    "seasonal-work-visas",
    "nurse-recruitment",
    "language-courses",
    "credential-recognition",
    "remittance-channels",
    "border-checks",
    "reception-centres",
    "return-counselling",
    "diaspora-bonds",
    "skills-partnerships",
    "labour-inspections",
    "family-reunification",
    "school-enrolment",
    "health-insurance-access",
    "recruitment-fees",
    "migrant-helplines",
    "data-sharing",
    "climate-relocation",
    "anti-trafficking-units",
    "housing-support",
    "pension-portability",
    "consular-services",
    "job-matching",
    "local-integration-plans",
];

const EVIDENCE: &[&str] = &[
    "OECD, International Migration Outlook 2024, 2024",
    "ILO, Global Estimates on International Migrant Workers, 2021",
    "World Bank, Migration and Development Brief 39, 2023",
    "IOM, World Migration Report 2024, 2024",
    "UNHCR, Global Trends: Forced Displacement in 2023, 2024",
    "Clemens, The Emigration Life Cycle, 2020",
    "Hagen-Zanker, Postel and Mosler Vidal (ODI), Poverty, migration and the 2030 Agenda, 2017",
    "Tulloch, Machingura and Melamed (ODI), Health, migration and the 2030 Agenda, 2016",
    "National evaluation office, Mid-term review of the programme, 2025",
    "Ministry statistics series, Residence permits issued by purpose, 2019-2025",
];

const RATIONALES: &[&str] = &[
    "Lower costs leave more income with migrant households.",
    "Faster procedures fill vacancies that employers cannot fill at home.",
    "Services reach people who were left out before.",
    "Stricter rules push some movement towards irregular routes.",
    "Qualified workers leave services that are already short of staff.",
    "Better data lets ministries target support where it is needed.",
    "Training raises the skills and wages of those who take part.",
    "Safer channels reduce deaths and abuse along migration routes.",
    "Coordination across ministries avoids duplicated spending.",
    "Returnees bring savings and skills back to their communities.",
];

const INDICATOR_NAMES: &[&str] = &[
    "People reached per year, by sex, age and migratory status",
    "Median processing time of applications, in days",
    "Share of participants employed one year later",
    "Average cost of sending remittances, in percent",
    "Number of complaints received and resolved",
    "Budget spent against budget planned",
];

/// One YAML double-quoted scalar (the generator writes ASCII only).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn title_case(slug: &str) -> String {
    let mut words: Vec<String> = slug.split('-').map(str::to_string).collect();
    if let Some(first) = words.first_mut()
        && let Some(c) = first.get(..1)
    {
        *first = format!("{}{}", c.to_uppercase(), &first[1..]);
    }
    words.join(" ")
}

/// Generates a repository of `measures` measures from `seed`.
pub fn generate(measures: usize, seed: u64) -> Workload {
    let catalogue = Catalogue::built_in();
    let mut rng = SplitMix64::new(seed);
    let mut files = vec![
        GeneratedFile {
            path: "cohere.yaml".to_string(),
            text: project_file(measures, seed),
        },
        GeneratedFile {
            path: "policies/institutions.yaml".to_string(),
            text: institutions(),
        },
        GeneratedFile {
            path: KNOWLEDGE_BASE_PATH.to_string(),
            text: knowledge_base(&catalogue, &mut rng),
        },
    ];
    let mut remaining = measures;
    let mut counter = 0usize;
    let mut policy_number = 0usize;
    while remaining > 0 {
        policy_number += 1;
        let size = rng.between(20, 50).min(remaining);
        remaining -= size;
        let jurisdiction = &JURISDICTIONS[policy_number % JURISDICTIONS.len()];
        let (theme, theme_title) = *rng.pick(THEMES);
        let id = format!("{}-{theme}-{policy_number}", jurisdiction.id);
        let text = policy(
            &catalogue,
            &mut rng,
            &PolicySpec {
                id: &id,
                jurisdiction,
                theme_title,
                size,
            },
            &mut counter,
        );
        files.push(GeneratedFile {
            path: format!("policies/{}/{id}.yaml", jurisdiction.id),
            text,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Workload { files, measures }
}

fn project_file(measures: usize, seed: u64) -> String {
    // The comment still names `cohere bench-gen`, where the generator used to live: changing it
    // would change every generated repository's bytes, and the benchmarks' inputs with them.
    format!(
        "# Generated by `cohere bench-gen --measures {measures} --seed {seed}`: a synthetic portfolio.\n\
         name: Synthetic portfolio of {measures} measures (seed {seed})\n\
         perspective: destination\n\
         knowledge-bases: [migration, {KNOWLEDGE_BASE_PATH}]\n\
         policies: [\"policies/**/*.yaml\"]\n"
    )
}

fn ministry_id(jurisdiction: &str, sector: &str) -> String {
    format!("{jurisdiction}-{sector}")
}

fn institutions() -> String {
    let mut out = String::from("# Ministries of four jurisdictions, and where they coordinate.\n");
    out.push_str("institutions:\n");
    for jurisdiction in JURISDICTIONS {
        for (sector, name) in MINISTRIES {
            let _ = write!(
                out,
                "  - id: {}\n    name: {} {name}\n    jurisdiction: {}\n    sector: {sector}\n",
                ministry_id(jurisdiction.id, sector),
                jurisdiction.name,
                jurisdiction.id,
            );
        }
    }
    out.push_str("mechanisms:\n");
    for jurisdiction in JURISDICTIONS {
        let members: Vec<String> = [
            "migration",
            "labour",
            "security",
            "health",
            "foreign-affairs",
        ]
        .iter()
        .map(|s| ministry_id(jurisdiction.id, s))
        .collect();
        let _ = write!(
            out,
            "  - id: {id}-migration-council\n    name: {name} Inter-ministerial Migration Council\n    level: national\n    members: [{}]\n",
            members.join(", "),
            id = jurisdiction.id,
            name = jurisdiction.name,
        );
    }
    for pair in JURISDICTIONS.windows(2) {
        let _ = write!(
            out,
            "  - id: {a}-{b}-joint-committee\n    name: {an}-{bn} Joint Committee on Labour Mobility\n    level: bilateral\n    members: [{a}-labour, {a}-foreign-affairs, {b}-labour, {b}-foreign-affairs]\n",
            a = pair[0].id,
            b = pair[1].id,
            an = pair[0].name,
            bn = pair[1].name,
        );
    }
    out
}

fn knowledge_base(catalogue: &Catalogue, rng: &mut SplitMix64) -> String {
    let mut out = String::from(
        "# Generated knowledge base: scored interactions among the SDG targets.\n\
         knowledge-base: generated\n\
         title: Synthetic interactions among the 169 SDG targets\n\
         interactions:\n",
    );
    if catalogue.targets.len() < 2 {
        out.push_str("  []\n");
        return out;
    }
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut written = 0;
    let mut attempts = 0;
    while written < KNOWLEDGE_BASE_INTERACTIONS && attempts < KNOWLEDGE_BASE_INTERACTIONS * 20 {
        attempts += 1;
        // Migration-related targets interact more: a third of the ends are drawn from them.
        let end = |rng: &mut SplitMix64| {
            if rng.percent(33) && !catalogue.migration_targets.is_empty() {
                rng.pick(&catalogue.migration_targets).clone()
            } else {
                rng.pick(&catalogue.targets).clone()
            }
        };
        let from = end(rng);
        let to = end(rng);
        let perspective = rng.weighted(&[
            ("any", 60),
            ("origin", 15),
            ("destination", 15),
            ("transit", 10),
        ]);
        let key = (from.clone(), to.clone(), perspective.to_string());
        if from == to || catalogue.built_in_interactions.contains(&key) || !seen.insert(key) {
            continue;
        }
        written += 1;
        // As in published SDG interaction matrices: mostly enabling (+1) or consistent (0),
        // fewer reinforcing, a sixth negative, the extremes rare.
        let score: i64 = rng.weighted(&[
            (1, 38),
            (2, 22),
            (3, 3),
            (0, 20),
            (-1, 10),
            (-2, 6),
            (-3, 1),
        ]);
        let confidence = rng.weighted(&[("low", 20), ("medium", 55), ("high", 25)]);
        let _ = write!(
            out,
            "  - from: {from}\n    to: {to}\n    score: {score}\n    perspective: {perspective}\n    confidence: {confidence}\n    rationale: {}\n",
            quoted(rng.pick::<&str>(RATIONALES)),
        );
        if rng.percent(85) {
            let _ = writeln!(
                out,
                "    evidence: [{}]",
                quoted(rng.pick::<&str>(EVIDENCE))
            );
        }
        if rng.percent(5) {
            let other = (score + rng.between(0, 4) as i64 - 2).clamp(-3, 3);
            let _ = write!(
                out,
                "    assessments:\n      - {{ assessor: workshop-a, score: {score} }}\n      - {{ assessor: workshop-b, score: {other} }}\n"
            );
        }
    }
    out
}

struct PolicySpec<'a> {
    id: &'a str,
    jurisdiction: &'a Jurisdiction,
    theme_title: &'a str,
    size: usize,
}

fn policy(
    catalogue: &Catalogue,
    rng: &mut SplitMix64,
    spec: &PolicySpec<'_>,
    counter: &mut usize,
) -> String {
    let jurisdiction = spec.jurisdiction;
    let mut out = String::with_capacity(spec.size * 1_000);
    let bilateral = rng.percent(15);
    let status = if rng.percent(85) { "adopted" } else { "draft" };
    let _ = write!(
        out,
        "# Generated policy of {size} measures.\npolicy: {id}\ntitle: {name} {theme} Strategy 2026-2030\njurisdiction: {j}\nlevel: {level}\nperspective: {p}\nstatus: {status}\nowner: {owner}\n",
        size = spec.size,
        id = spec.id,
        name = jurisdiction.name,
        theme = spec.theme_title,
        j = jurisdiction.id,
        level = if bilateral { "bilateral" } else { "national" },
        p = jurisdiction.perspective,
        owner = ministry_id(jurisdiction.id, "migration"),
    );
    if bilateral {
        let other = JURISDICTIONS
            .iter()
            .find(|j| j.perspective != jurisdiction.perspective)
            .map_or("southland", |j| j.id);
        let _ = writeln!(out, "parties: [{}, {other}]", jurisdiction.id);
    }
    if rng.percent(50) {
        let _ = writeln!(
            out,
            "description: {}",
            quoted(&format!(
                "How {} will manage {} over the next five years.",
                jurisdiction.name,
                spec.theme_title.to_lowercase()
            ))
        );
    }
    // A policy is thematic: its measures act mostly on a handful of targets of its own.
    let mut focus: Vec<String> = Vec::new();
    let focus_size = rng.between(8, 16);
    for _ in 0..focus_size * 4 {
        if focus.len() >= focus_size {
            break;
        }
        let target = catalogue.any_goal(rng);
        if !target.is_empty() && !focus.contains(&target) {
            focus.push(target);
        }
    }
    out.push_str("measures:\n");
    let mut local_ids: Vec<String> = Vec::with_capacity(spec.size);
    for _ in 0..spec.size {
        *counter += 1;
        let verb = *rng.pick(VERBS);
        let object = *rng.pick(OBJECTS);
        let local = format!("m{:06}-{verb}-{object}", *counter);
        measure(
            catalogue,
            rng,
            jurisdiction,
            &local,
            &local_ids,
            &focus,
            &mut out,
        );
        local_ids.push(local);
    }
    out
}

fn measure(
    catalogue: &Catalogue,
    rng: &mut SplitMix64,
    jurisdiction: &Jurisdiction,
    local: &str,
    earlier: &[String],
    focus: &[String],
    out: &mut String,
) {
    let slug = local.split_once('-').map_or(local, |(_, rest)| rest);
    let (sector, _) = *rng.pick(MINISTRIES);
    let sector = if rng.percent(10) {
        *rng.pick(BUILT_IN_SECTORS)
    } else {
        sector
    };
    let _ = write!(
        out,
        "  - id: {local}\n    title: {}\n    sector: {sector}\n    instrument: {}\n",
        quoted(&title_case(slug)),
        rng.pick(&[
            "regulation",
            "programme",
            "funding",
            "agreement",
            "information",
            "institution",
            "service"
        ]),
    );
    if rng.percent(30) {
        let _ = writeln!(
            out,
            "    description: {}",
            quoted(&format!(
                "The measure will {} across the country, with yearly reviews.",
                slug.replace('-', " ")
            ))
        );
    }
    if rng.percent(95) {
        let lead_sector = if MINISTRIES.iter().any(|(s, _)| *s == sector) {
            sector
        } else {
            "migration"
        };
        let _ = writeln!(
            out,
            "    lead: {}",
            ministry_id(jurisdiction.id, lead_sector)
        );
    }
    if rng.percent(30) {
        let (partner, _) = *rng.pick(MINISTRIES);
        let _ = writeln!(
            out,
            "    partners: [{}]",
            ministry_id(jurisdiction.id, partner)
        );
    }
    if rng.percent(15) && !catalogue.groups.is_empty() {
        let _ = writeln!(out, "    groups: [{}]", rng.pick(&catalogue.groups));
    }
    // Effects: one to four, on distinct targets, skewed towards migration-related ones.
    out.push_str("    effects:\n");
    let count = rng.weighted(&[(1usize, 30), (2, 35), (3, 25), (4, 10)]);
    let mut targets: Vec<String> = Vec::with_capacity(count);
    let mut attempts = 0;
    while targets.len() < count && attempts < 64 {
        attempts += 1;
        // Three effects in four on the policy's own targets, the rest anywhere.
        let target = if rng.percent(75) && !focus.is_empty() {
            rng.pick(focus).clone()
        } else {
            catalogue.any_goal(rng)
        };
        if !target.is_empty() && !targets.contains(&target) {
            targets.push(target);
        }
    }
    for target in &targets {
        let magnitude = rng.weighted(&[(1i64, 40), (2, 45), (3, 15)]);
        let score = if rng.percent(17) {
            -magnitude
        } else {
            magnitude
        };
        let _ = write!(out, "      - target: {target}\n        score: {score}\n");
        if rng.percent(15) {
            out.push_str("        where: elsewhere\n");
        }
        if rng.percent(20) {
            out.push_str("        when: later\n");
        }
        if rng.percent(92) {
            let _ = writeln!(
                out,
                "        rationale: {}",
                quoted(rng.pick::<&str>(RATIONALES))
            );
            if rng.percent(85) {
                let _ = writeln!(
                    out,
                    "        evidence: [{}]",
                    quoted(rng.pick::<&str>(EVIDENCE))
                );
            }
        }
        if rng.percent(30) {
            let _ = writeln!(
                out,
                "        confidence: {}",
                rng.pick(&["low", "medium", "high"])
            );
        }
        if score < 0 && rng.percent(30) && !catalogue.groups.is_empty() {
            let _ = writeln!(out, "        groups: [{}]", rng.pick(&catalogue.groups));
        }
    }
    if rng.percent(30) && !catalogue.principles.is_empty() {
        let _ = writeln!(out, "    upholds: [{}]", rng.pick(&catalogue.principles));
    }
    if rng.percent(8) && !catalogue.objectives.is_empty() {
        let _ = writeln!(out, "    strains: [{}]", rng.pick(&catalogue.objectives));
    }
    if rng.percent(10) && !catalogue.capacities.is_empty() {
        let _ = writeln!(out, "    builds: [{}]", rng.pick(&catalogue.capacities));
    }
    if rng.percent(90) {
        out.push_str("    indicators:\n");
        match targets.first().and_then(|t| catalogue.indicator_of(t)) {
            Some(indicator) if rng.percent(60) => {
                let _ = writeln!(out, "      - {indicator}");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "      - name: {}",
                    quoted(rng.pick::<&str>(INDICATOR_NAMES))
                );
            }
        }
    }
    if rng.percent(70) {
        let audience = rng.pick(&[
            "parliament",
            "public",
            "cabinet",
            "social-partners",
            "international",
        ]);
        let _ = writeln!(out, "    reports-to: [{audience}]");
    }
    if rng.percent(3) && !catalogue.groups.is_empty() && !catalogue.for_all_targets.is_empty() {
        let _ = write!(
            out,
            "    excludes:\n      - group: {}\n        from: [{}]\n        rationale: \"Eligibility is limited to residents with a permit.\"\n",
            rng.pick(&catalogue.groups),
            rng.pick(&catalogue.for_all_targets),
        );
    }
    if rng.percent(5) && !earlier.is_empty() {
        let with = rng.pick(earlier);
        let score = rng.weighted(&[(1i64, 50), (2, 25), (-1, 15), (-2, 10)]);
        let _ = write!(
            out,
            "    interactions:\n      - with: {with}\n        score: {score}\n        rationale: \"Both measures draw on the same services.\"\n"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let a = generate(120, 7);
        let b = generate(120, 7);
        assert_eq!(a, b);
        assert_ne!(a, generate(120, 8));
        assert_eq!(a.measures, 120);
    }

    #[test]
    fn measures_are_counted_exactly() {
        let workload = generate(77, 1);
        let count: usize = workload
            .policy_files()
            .map(|f| f.text.matches("\n  - id: m").count())
            .sum();
        assert_eq!(count, 77);
    }

    #[test]
    fn the_catalogue_covers_the_whole_sdg_framework() {
        let catalogue = Catalogue::built_in();
        assert_eq!(catalogue.targets.len(), 169);
        assert!(catalogue.migration_targets.len() > 10);
        assert_eq!(catalogue.objectives.len(), 23);
    }
}
