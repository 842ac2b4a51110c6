//! `cohere schema`.

use super::SUCCESS;
use super::args::{SchemaArgs, SchemaDocumentArg};
use super::common;
use anyhow::Result;
use cohere::schema::{SchemaDocument, schema};

pub fn run(args: SchemaArgs) -> Result<u8> {
    let document = match args.document {
        SchemaDocumentArg::All => SchemaDocument::All,
        SchemaDocumentArg::Policy => SchemaDocument::Policy,
        SchemaDocumentArg::Framework => SchemaDocument::Framework,
        SchemaDocumentArg::KnowledgeBase => SchemaDocument::KnowledgeBase,
        SchemaDocumentArg::Institutions => SchemaDocument::Institutions,
        SchemaDocumentArg::Bibliography => SchemaDocument::Bibliography,
        SchemaDocumentArg::Project => SchemaDocument::Project,
    };
    common::emit(&common::json(&schema(document))?, None)?;
    Ok(SUCCESS)
}
