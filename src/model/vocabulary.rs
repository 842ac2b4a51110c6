//! The small closed vocabularies of the documents: scale, perspective, level, status, …
//!
//! Each is an enum read from kebab-case YAML words; a misspelt word is a `schema` finding with a
//! did-you-mean.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! vocabulary {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident => $word:literal),* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant),*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// What the vocabulary is (its documentation).
            pub const ABOUT: &'static str = concat!($($doc),*);

            /// The YAML word for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),*
                }
            }

            /// What the word means (its documentation).
            pub fn meaning(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($($vdoc),*)),*
                }
            }

            /// Every word with its meaning.
            pub fn words() -> Vec<(String, String)> {
                Self::ALL
                    .iter()
                    .map(|v| (v.as_str().to_string(), v.meaning().trim().to_string()))
                    .collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Whose situation an interaction holds in, or which side a policy's jurisdiction is on.
    /// Several interactions flip sign between origin and destination countries.
    Perspective {
        /// Countries people leave.
        Origin => "origin",
        /// Countries people cross.
        Transit => "transit",
        /// Countries people go to.
        Destination => "destination",
        /// Holds whatever the perspective.
        Any => "any",
    }
}

impl Perspective {
    /// Whether an interaction recorded for `self` holds in the context `context`.
    pub fn holds_in(self, context: Perspective) -> bool {
        self == Perspective::Any || context == Perspective::Any || self == context
    }

    /// The perspectives of the countries on the other side of a migration corridor: where an
    /// effect that falls "elsewhere" lands.
    pub fn elsewhere(self) -> &'static [Perspective] {
        match self {
            Perspective::Destination => &[Perspective::Origin, Perspective::Transit],
            Perspective::Origin => &[Perspective::Destination, Perspective::Transit],
            Perspective::Transit => &[Perspective::Origin, Perspective::Destination],
            Perspective::Any => &[Perspective::Any],
        }
    }
}

vocabulary! {
    /// How far a policy reaches.
    Level {
        /// A global instrument.
        Global => "global",
        /// A regional framework.
        Regional => "regional",
        /// An agreement between two countries.
        Bilateral => "bilateral",
        /// One country's policy.
        National => "national",
        /// A region's or city's policy.
        Subnational => "subnational",
    }
}

impl Level {
    /// Whether a policy at this level is negotiated with partners (the seed's second track).
    pub fn is_cooperative(self) -> bool {
        matches!(self, Level::Global | Level::Regional | Level::Bilateral)
    }
}

vocabulary! {
    /// Where a policy stands.
    Status {
        /// Being written.
        Draft => "draft",
        /// In force.
        Adopted => "adopted",
    }
}

vocabulary! {
    /// Where an effect falls (OECD: here / elsewhere).
    Where {
        /// In the deciding jurisdiction.
        Here => "here",
        /// In other countries: origin or transit countries for a destination country's measure.
        Elsewhere => "elsewhere",
    }
}

vocabulary! {
    /// When an effect falls (OECD: now / later).
    When {
        /// Within the policy's own horizon.
        Now => "now",
        /// For later generations or after the policy's horizon.
        Later => "later",
    }
}

vocabulary! {
    /// How sure a judgement is.
    Confidence {
        /// Weak or conflicting evidence; a plausible mechanism.
        Low => "low",
        /// Some consistent evidence.
        Medium => "medium",
        /// Strong, consistent evidence.
        High => "high",
    }
}

vocabulary! {
    /// Whom a measure reports back to (the political capacity).
    Audience {
        /// The legislature.
        Parliament => "parliament",
        /// The public, for example through a published report.
        Public => "public",
        /// The government itself.
        Cabinet => "cabinet",
        /// Trade unions and employers.
        SocialPartners => "social-partners",
        /// International review, for example the GCM's International Migration Review Forum.
        International => "international",
    }
}

vocabulary! {
    /// What kind of policy instrument a measure is.
    Instrument {
        /// A law or regulation.
        Regulation => "regulation",
        /// A programme of activities.
        Programme => "programme",
        /// Money: grants, subsidies, budget lines.
        Funding => "funding",
        /// An agreement with another government or body.
        Agreement => "agreement",
        /// Information, guidance or campaigns.
        Information => "information",
        /// Creating or changing an institution or mechanism.
        Institution => "institution",
        /// A public service.
        Service => "service",
        /// Inspection, control or enforcement.
        Enforcement => "enforcement",
        /// Data collection and statistics.
        Data => "data",
        /// Anything else.
        Other => "other",
    }
}

/// A closed list of words a document may use, for `cohere show vocabularies`.
#[derive(Clone, Debug, Serialize)]
pub struct Vocabulary {
    /// Its name, as `cohere show NAME` takes it (`instrument`).
    pub name: &'static str,
    /// The fields that take it.
    pub fields: &'static str,
    /// What it is.
    pub about: String,
    /// Its words and their meanings, in order.
    pub words: Vec<(String, String)>,
}

/// The closed vocabularies of the documents, with what each word means. Sectors are open (the
/// built-in ones plus those `sectors:` in cohere.yaml declares), so they are passed in.
pub fn vocabularies(sectors: &[String]) -> Vec<Vocabulary> {
    let about = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    vec![
        Vocabulary {
            name: "score",
            fields: "`score:` of effects, interactions and assessments",
            about: "The 7-point scale of Nilsson, Griggs & Visbeck (Nature, 2016): how one thing \
                    affects another. Write the number."
                .to_string(),
            words: crate::model::Score::scale()
                .map(|s| (s.to_string(), format!("{}: {}", s.name(), s.meaning())))
                .collect(),
        },
        Vocabulary {
            name: "level",
            fields: "`level:` of a policy and of a coordination mechanism",
            about: about(Level::ABOUT),
            words: Level::words(),
        },
        Vocabulary {
            name: "perspective",
            fields: "`perspective:` of a policy, of an interaction, and in cohere.yaml",
            about: about(Perspective::ABOUT),
            words: Perspective::words(),
        },
        Vocabulary {
            name: "status",
            fields: "`status:` of a policy",
            about: about(Status::ABOUT),
            words: Status::words(),
        },
        Vocabulary {
            name: "instrument",
            fields: "`instrument:` of a measure",
            about: about(Instrument::ABOUT),
            words: Instrument::words(),
        },
        Vocabulary {
            name: "sector",
            fields: "`sector:` of a measure and of an institution",
            about: "The sector a measure or institution belongs to: the built-in ones, and those \
                    `sectors:` in cohere.yaml adds."
                .to_string(),
            words: sectors.iter().map(|s| (s.clone(), String::new())).collect(),
        },
        Vocabulary {
            name: "where",
            fields: "`where:` of an effect",
            about: about(Where::ABOUT),
            words: Where::words(),
        },
        Vocabulary {
            name: "when",
            fields: "`when:` of an effect",
            about: about(When::ABOUT),
            words: When::words(),
        },
        Vocabulary {
            name: "confidence",
            fields: "`confidence:` of an effect and of an interaction",
            about: about(Confidence::ABOUT),
            words: Confidence::words(),
        },
        Vocabulary {
            name: "reports-to",
            fields: "`reports-to:` of a measure",
            about: about(Audience::ABOUT),
            words: Audience::words(),
        },
    ]
}

/// The vocabulary `name` names: `instrument`, `instruments`, `reports-to`, case aside.
pub fn vocabulary_named<'a>(all: &'a [Vocabulary], name: &str) -> Option<&'a Vocabulary> {
    let name = name.trim().to_lowercase();
    let singular = name.strip_suffix('s').unwrap_or(&name);
    all.iter().find(|v| {
        v.name == name || v.name == singular || (v.name == "status" && name == "statuses")
    })
}
