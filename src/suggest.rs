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
    let wanted_bag = wanted.is_ascii().then(|| ascii_bag(wanted));
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = match &wanted_bag {
                // ASCII on both sides (every id cohere checks): a case-insensitive match is
                // distance 0, and two cheap lower bounds of the edit distance — the difference in
                // length, and in characters used — rule out most candidates without computing it.
                // Without them, thousands of unknown references among thousands of ids cost
                // millions of full edit distances.
                Some(bag) if candidate.is_ascii() => {
                    if candidate.eq_ignore_ascii_case(wanted) {
                        0
                    } else if candidate.len().abs_diff(wanted.len()) > limit
                        || bag_distance(bag, wanted.len(), candidate) > limit
                    {
                        return None;
                    } else {
                        strsim::damerau_levenshtein(wanted, candidate)
                    }
                }
                _ => {
                    if candidate.to_lowercase() == wanted_lower {
                        0
                    } else {
                        strsim::damerau_levenshtein(wanted, candidate)
                    }
                }
            };
            (distance <= limit && likely(wanted, candidate, distance))
                .then(|| (distance, numeric_gap(wanted, candidate), candidate))
        })
        .min()
        .map(|(_, _, candidate)| candidate)
}

/// Whether a candidate `distance` edits away is a likely typo: the edits must not rewrite the
/// whole of the part the two differ in. Ids share long stems (`ministry-of-`), so a distance
/// small next to the whole id can still replace every letter of what matters:
/// `ministry-of-finance` is not a typo of `ministry-of-health`, `ministry-of-labor` is one of
/// `ministry-of-labour`.
fn likely(wanted: &str, candidate: &str, distance: usize) -> bool {
    let a: Vec<char> = wanted.to_lowercase().chars().collect();
    let b: Vec<char> = candidate.to_lowercase().chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let differing = (a.len() - suffix).max(b.len() - suffix);
    distance <= (differing / 2).max(2)
}

/// How many times each ASCII character occurs.
fn ascii_bag(text: &str) -> [i32; 128] {
    let mut bag = [0i32; 128];
    for byte in text.bytes() {
        bag[usize::from(byte & 0x7f)] += 1;
    }
    bag
}

/// A lower bound of the edit distance (with transpositions) between the text of `bag` (of
/// `bag_len` characters) and `other`: each insertion, deletion or substitution changes the characters used by at most one
/// on each side, and a transposition changes none.
fn bag_distance(bag: &[i32; 128], bag_len: usize, other: &str) -> usize {
    // Characters of `other` left over once those of the bag are matched, and characters of the
    // bag left unmatched: a walk over `other` alone, not over the whole alphabet.
    let mut left = *bag;
    let mut unmatched_other = 0usize;
    for byte in other.bytes() {
        let slot = &mut left[usize::from(byte & 0x7f)];
        if *slot > 0 {
            *slot -= 1;
        } else {
            unmatched_other += 1;
        }
    }
    let matched = other.len() - unmatched_other;
    let unmatched_bag = bag_len - matched;
    unmatched_bag.max(unmatched_other)
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
    fn the_lower_bounds_never_hide_a_suggestion() {
        // Every pair of a few short words: the bounds agree with the full edit distance.
        let words = [
            "ab", "ba", "abc", "acb", "bca", "abcd", "abdc", "xbcd", "abcde", "aBcD", "", "a",
            "sdg:10.7", "sdg:10.8", "sdg:01.7", "gcm:7", "efects", "effects",
        ];
        for a in words {
            for b in words {
                let full = strsim::damerau_levenshtein(a, b);
                assert!(bag_distance(&ascii_bag(a), a.len(), b) <= full, "{a} {b}");
                assert!(a.len().abs_diff(b.len()) <= full, "{a} {b}");
            }
        }
    }

    #[test]
    fn a_shared_stem_does_not_make_a_suggestion_likely() {
        let ids = ["ministry-of-health", "ministry-of-labour"];
        assert_eq!(did_you_mean("ministry-of-finance", ids), None);
        assert_eq!(
            did_you_mean("ministry-of-labor", ids),
            Some("ministry-of-labour")
        );
        assert_eq!(
            did_you_mean("capacity:statistics", ["capacity:statistical"]),
            Some("capacity:statistical")
        );
    }

    #[test]
    fn case_only_differences_are_the_closest() {
        assert_eq!(
            did_you_mean("migof:p1", ["migof:P1", "migof:P2"]),
            Some("migof:P1")
        );
    }
}
