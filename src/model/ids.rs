//! Typed identifiers: textual ids as newtypes, and indices into the model's vectors.

use serde::Serialize;
use std::fmt;

macro_rules! text_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id! {
    /// A framework's prefix: `sdg`, `gcm`, …
    FrameworkId
}
text_id! {
    /// A framework element's full id: `sdg:10.7`, `gcm:5`, `group:refugees`.
    ElementId
}
text_id! {
    /// A knowledge base's id.
    KnowledgeBaseId
}
text_id! {
    /// A policy's id.
    PolicyId
}
text_id! {
    /// A measure's qualified id: `<policy>/<measure>`.
    MeasureId
}
text_id! {
    /// An institution's id.
    InstitutionId
}
text_id! {
    /// A coordination mechanism's id.
    MechanismId
}

impl ElementId {
    /// The framework prefix (`sdg` of `sdg:10.7`).
    pub fn prefix(&self) -> &str {
        self.0.split_once(':').map_or("", |(prefix, _)| prefix)
    }
}

impl MeasureId {
    /// The qualified id of measure `local` in policy `policy`.
    pub fn qualified(policy: &str, local: &str) -> Self {
        MeasureId(format!("{policy}/{local}"))
    }

    /// The measure's id inside its policy.
    pub fn local(&self) -> &str {
        self.0.split_once('/').map_or(&self.0, |(_, local)| local)
    }
}

macro_rules! index {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The index for position `i`.
            pub fn new(i: usize) -> Self {
                $name(u32::try_from(i).unwrap_or(u32::MAX))
            }

            /// The position.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index! {
    /// Position of a framework in the model.
    FrameworkIdx
}
index! {
    /// Position of an element in the model.
    ElementIdx
}
index! {
    /// Position of a knowledge base in the model.
    KnowledgeBaseIdx
}
index! {
    /// Position of a knowledge-base interaction in the model.
    InteractionIdx
}
index! {
    /// Position of a bibliography reference in the model.
    ReferenceIdx
}
index! {
    /// Position of a policy in the model.
    PolicyIdx
}
index! {
    /// Position of a measure in the model.
    MeasureIdx
}
index! {
    /// Position of an institution in the model.
    InstitutionIdx
}
index! {
    /// Position of a coordination mechanism in the model.
    MechanismIdx
}
