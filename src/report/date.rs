//! The report's date, reproducibly: the same inputs give the same date on every machine.
//!
//! `cohere report` prints `--date` when given; else the day of `SOURCE_DATE_EPOCH` (the
//! reproducible-builds convention: seconds since 1970-01-01 UTC); else the day of the last
//! commit that changed the reported files (the project's directory, leaving out the report's
//! own output directory, so that committing a regenerated report does not change its date);
//! else no date. Days are in UTC.

use std::path::Path;
use std::process::Command;

/// Why `SOURCE_DATE_EPOCH` could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not `{0}`")]
pub struct EpochError(pub String);

/// The UTC day of `seconds` since 1970-01-01, as `YYYY-MM-DD`.
pub fn day_of(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm, in the proleptic Gregorian calendar.
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day `SOURCE_DATE_EPOCH` names, if it is set (an empty value counts as unset).
pub fn from_source_date_epoch(value: Option<&str>) -> Result<Option<String>, EpochError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text
            .parse::<i64>()
            .map(|seconds| Some(day_of(seconds)))
            .map_err(|_| EpochError(text.to_string())),
    }
}

/// The day of the last commit that changed `dir` (leaving out `exclude`, a directory inside
/// it, when given), or `None` when `dir` is not in a git work tree, git is not installed or
/// nothing there was ever committed.
///
/// git runs as `git log` only, with signature checks and the file-system monitor turned off
/// and no pager, so that a repository's own configuration cannot make it run other programs.
pub fn last_commit(dir: &Path, exclude: Option<&Path>) -> Option<String> {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args([
        "-c",
        "log.showSignature=false",
        "-c",
        "core.fsmonitor=false",
        "--no-pager",
        "log",
        "-1",
        "--format=%ct",
        "--",
        ".",
    ]);
    if let Some(exclude) = exclude {
        let shown = exclude.to_string_lossy().replace('\\', "/");
        command.arg(format!(":(exclude){shown}"));
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    text.trim().parse::<i64>().ok().map(day_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_utc_calendar_days() {
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(day_of(86_399), "1970-01-01");
        assert_eq!(day_of(-1), "1969-12-31");
        assert_eq!(day_of(951_782_400), "2000-02-29");
        assert_eq!(day_of(1_795_910_400), "2026-11-29");
    }

    #[test]
    fn source_date_epoch_is_a_number_or_unset() {
        assert_eq!(from_source_date_epoch(None), Ok(None));
        assert_eq!(from_source_date_epoch(Some("")), Ok(None));
        assert_eq!(
            from_source_date_epoch(Some("1795910400")),
            Ok(Some("2026-11-29".into()))
        );
        assert!(from_source_date_epoch(Some("yesterday")).is_err());
    }
}
