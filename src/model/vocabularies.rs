//! The closed vocabularies of the documents with their meanings, for `cohere show
//! vocabularies`. In the model layer because the score scale is the model's [`Score`].

use super::Score;
use crate::vocabulary::{
    Audience, Confidence, Instrument, Level, Perspective, Status, When, Where,
};
use serde::Serialize;

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
            words: Score::scale()
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
