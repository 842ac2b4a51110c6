//! "Did you mean …?" for misspelt field names, values and identifiers.

/// The candidate closest to `wanted`, if one is close enough to be a likely typo.
///
/// Closeness is the edit distance (with transpositions). Ties are broken in favour of the
/// candidate whose differing number is nearest (`sdg:10.8` suggests `sdg:10.7`, the last target
/// of goal 10, rather than `sdg:10.1`), then alphabetically, so the answer is deterministic.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = if candidate.to_lowercase() == wanted_lower {
                0
            } else {
                strsim::damerau_levenshtein(wanted, candidate)
            };
            (distance <= limit).then(|| (distance, numeric_gap(wanted, candidate), candidate))
        })
        .min()
        .map(|(_, _, candidate)| candidate)
}

/// When two ids differ in exactly one number (`10.8` / `10.7`), how far apart the numbers are.
fn numeric_gap(a: &str, b: &str) -> u64 {
    let split =
        |s: &str| -> Vec<String> { s.split([':', '.', '-', '/']).map(str::to_string).collect() };
    let (a, b) = (split(a), split(b));
    if a.len() != b.len() {
        return u64::MAX;
    }
    let differing: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    match differing.as_slice() {
        [(x, y)] => match (x.parse::<i64>(), y.parse::<i64>()) {
            (Ok(x), Ok(y)) => x.abs_diff(y),
            _ => u64::MAX - 1,
        },
        _ => u64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_existing_target() {
        let ids = [
            "sdg:10.1", "sdg:10.2", "sdg:10.7", "sdg:10.a", "sdg:10.c", "sdg:1.1",
        ];
        assert_eq!(did_you_mean("sdg:10.8", ids), Some("sdg:10.7"));
    }

    #[test]
    fn suggests_field_names_with_a_typo() {
        let fields = ["effects", "title", "description"];
        assert_eq!(did_you_mean("efects", fields), Some("effects"));
        assert_eq!(did_you_mean("titel", fields), Some("title"));
    }

    #[test]
    fn stays_silent_when_nothing_is_close() {
        assert_eq!(did_you_mean("zzzzzz", ["effects", "title"]), None);
    }

    #[test]
    fn case_only_differences_are_the_closest() {
        assert_eq!(
            did_you_mean("migof:p1", ["migof:P1", "migof:P2"]),
            Some("migof:P1")
        );
    }
}
