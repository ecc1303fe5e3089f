//! Work on a long draft split in ranges on the thread pool, for stages whose items (sentences,
//! claims) are independent of each other: the ranges' results come back in order, so joining
//! them gives what one pass over the whole draft gives.

/// Items per task.
pub const PER_TASK: usize = 1024;

/// `f` of consecutive ranges of `items` (with the index of each range's first item), in order.
/// A draft of at most two tasks' worth, or a pool of one thread, is one range on this thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    use rayon::prelude::*;
    if items.len() <= 2 * PER_TASK || rayon::current_num_threads() <= 1 {
        return vec![f(0, items)];
    }
    items
        .par_chunks(PER_TASK)
        .enumerate()
        .map(|(k, range)| f(k * PER_TASK, range))
        .collect()
}
