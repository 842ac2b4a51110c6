//! The frameworks and knowledge bases compiled into the binary, so cohere runs anywhere.

/// What a built-in file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltInKind {
    /// A framework of elements.
    Framework,
    /// A knowledge base of interactions.
    KnowledgeBase,
    /// The bibliography the other built-in files cite; always loaded.
    Bibliography,
}

/// A file embedded from `frameworks/`.
#[derive(Clone, Copy, Debug)]
pub struct BuiltIn {
    /// The name used in cohere.yaml (`sdg`, `migration`).
    pub name: &'static str,
    /// Framework or knowledge base.
    pub kind: BuiltInKind,
    /// Its path in the cohere repository.
    pub path: &'static str,
    /// Its text.
    pub text: &'static str,
    /// Its YAML trees, parsed by build.rs (see [`crate::yaml::binary`]).
    pub trees: &'static [u8],
}

macro_rules! built_in {
    ($name:literal, $kind:ident, $path:literal) => {
        BuiltIn {
            name: $name,
            kind: BuiltInKind::$kind,
            path: $path,
            text: include_str!(concat!("../", $path)),
            trees: include_bytes!(concat!(env!("OUT_DIR"), "/trees/", $path, ".tree")),
        }
    };
}

/// Every built-in file: the bibliography, then frameworks, then knowledge bases.
pub static BUILT_INS: &[BuiltIn] = &[
    built_in!("references", Bibliography, "frameworks/references.yaml"),
    built_in!("sdg", Framework, "frameworks/sdg.yaml"),
    built_in!("migof", Framework, "frameworks/migof.yaml"),
    built_in!("gcm", Framework, "frameworks/gcm.yaml"),
    built_in!("pcsd", Framework, "frameworks/pcsd.yaml"),
    built_in!("capacity", Framework, "frameworks/capacity.yaml"),
    built_in!("group", Framework, "frameworks/group.yaml"),
    built_in!("rights", Framework, "frameworks/rights.yaml"),
    built_in!(
        "migration",
        KnowledgeBase,
        "frameworks/interactions/migration.yaml"
    ),
];

/// The built-in file of this kind and name.
pub fn built_in(kind: BuiltInKind, name: &str) -> Option<&'static BuiltIn> {
    BUILT_INS.iter().find(|b| b.kind == kind && b.name == name)
}

/// The names of the built-in files of a kind.
pub fn names(kind: BuiltInKind) -> impl Iterator<Item = &'static str> {
    BUILT_INS
        .iter()
        .filter(move |b| b.kind == kind)
        .map(|b| b.name)
}
