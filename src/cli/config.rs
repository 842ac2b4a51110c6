//! `cohere config --show`.

use super::SUCCESS;
use super::args::{ConfigArgs, DataFormat};
use super::common;
use anyhow::Result;
use cohere::config::EffectiveSettings;

pub fn run(args: ConfigArgs) -> Result<u8> {
    // Loading the project (not only its file) also checks the paths it names.
    let workspace = common::load_frameworks(&args.project)?;
    let project_file = workspace
        .project
        .as_ref()
        .map(|p| workspace.sources.get(p.file).display_path.clone());
    let view = EffectiveSettings::new(&workspace.settings, project_file, cohere::rules::CATALOG);
    let text = match args.format {
        DataFormat::Json => common::json(&view)?,
        DataFormat::Yaml => cohere::yaml::to_yaml(&view)?,
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}
