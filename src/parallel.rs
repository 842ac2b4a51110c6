//! Work shared out among threads, with results in the order of the work.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Applies `work` to every item on `workers` threads and returns the results in the items'
/// order, so that the outcome is the same as a sequential map. Each thread takes the next item
/// not yet taken (items often differ a lot in cost, so fixed shares would leave a core idle).
/// With one worker or fewer it maps on the calling thread. A panic in `work` is raised again
/// on the calling thread.
pub fn map_in_order<T, R>(items: &[T], workers: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    if workers <= 1 || items.len() <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        done.push((i, work(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// How many threads to use: the cores available, at most `max`.
pub fn workers(max: usize) -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1_000).collect();
        // Uneven costs, so that threads finish out of order.
        let work = |&n: &u64| (0..(n % 7) * 1_000).fold(n, |a, b| a.wrapping_add(b)) % 1_000_003;
        let sequential: Vec<u64> = items.iter().map(work).collect();
        for workers in [0, 1, 2, 3, 8] {
            assert_eq!(map_in_order(&items, workers, work), sequential);
        }
        assert!(map_in_order(&[] as &[u64], 4, work).is_empty());
    }
}
