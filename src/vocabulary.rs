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
    /// Where an effect falls (OECD: here / elsewhere), or on which side of the migration
    /// corridor, when it falls elsewhere on one side only.
    Where {
        /// In the deciding jurisdiction.
        Here => "here",
        /// In other countries: the other sides of the corridor (origin and transit countries
        /// for a destination country's measure).
        Elsewhere => "elsewhere",
        /// In origin countries only (for a destination or transit country's measure).
        Origin => "origin",
        /// In transit countries only.
        Transit => "transit",
        /// In destination countries only (for an origin or transit country's measure).
        Destination => "destination",
    }
}

impl Where {
    /// Whether the effect falls in other countries than the deciding one's.
    pub fn is_elsewhere(self) -> bool {
        self != Where::Here
    }

    /// The one side an effect falls on, when `where:` names one.
    pub fn side(self) -> Option<Perspective> {
        match self {
            Where::Here | Where::Elsewhere => None,
            Where::Origin => Some(Perspective::Origin),
            Where::Transit => Some(Perspective::Transit),
            Where::Destination => Some(Perspective::Destination),
        }
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
