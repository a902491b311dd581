//! A monotone priority queue for integer costs (Dial's algorithm): the searches over the map
//! (movement, supply, distance fields) pop costs in non-decreasing order and mostly step a few
//! hundred minutes at once, so a ring of buckets beats a binary heap. A step further ahead than the
//! ring reaches (a modder's very slow terrain, a long turn) waits in a heap until the ring comes
//! near it. Within one cost, items come out in a fixed order, so results stay deterministic.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Ring size, in minutes of cost.
const RING: usize = 1024;

pub struct Buckets {
    ring: Vec<Vec<u32>>,
    /// Items further ahead than the ring reaches: (cost, push number, item), cheapest first.
    far: BinaryHeap<Reverse<(u32, u64, u32)>>,
    pushed: u64,
    cur: u32,
    /// Items in the ring.
    len: usize,
}

impl Default for Buckets {
    fn default() -> Self {
        Buckets {
            ring: (0..RING).map(|_| Vec::new()).collect(),
            far: BinaryHeap::new(),
            pushed: 0,
            cur: 0,
            len: 0,
        }
    }
}

impl Buckets {
    /// Largest step the ring holds beyond the cost last popped.
    pub const MAX_STEP: u32 = RING as u32 - 1;

    /// Empties the queue, keeping its memory.
    pub fn reset(&mut self) {
        for b in &mut self.ring {
            b.clear();
        }
        self.far.clear();
        self.pushed = 0;
        self.cur = 0;
        self.len = 0;
    }

    /// Queues `item` at `cost`; a cost below the last one popped counts as that one.
    #[inline]
    pub fn push(&mut self, cost: u32, item: u32) {
        let cost = cost.max(self.cur);
        if cost - self.cur <= Self::MAX_STEP {
            self.ring[cost as usize % RING].push(item);
            self.len += 1;
        } else {
            self.pushed += 1;
            self.far.push(Reverse((cost, self.pushed, item)));
        }
    }

    /// Moves the far items the ring now reaches into it.
    fn take_near(&mut self) {
        while let Some(&Reverse((cost, _, item))) = self.far.peek() {
            if cost - self.cur > Self::MAX_STEP {
                break;
            }
            self.far.pop();
            self.ring[cost as usize % RING].push(item);
            self.len += 1;
        }
    }

    #[inline]
    pub fn pop(&mut self) -> Option<(u32, u32)> {
        loop {
            if self.len == 0 {
                // Jump to the nearest far item, if any.
                let &Reverse((cost, _, _)) = self.far.peek()?;
                self.cur = cost;
                self.take_near();
            }
            if let Some(x) = self.ring[self.cur as usize % RING].pop() {
                self.len -= 1;
                return Some((self.cur, x));
            }
            self.cur += 1;
            if !self.far.is_empty() {
                self.take_near();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_cheapest_first_however_far_apart_their_costs() {
        let mut q = Buckets::default();
        for (cost, item) in [
            (5, 1),
            (70_000, 2),
            (3_000, 3),
            (1_023, 4),
            (1_024, 5),
            (5, 6),
        ] {
            q.push(cost, item);
        }
        let mut out = Vec::new();
        while let Some((c, x)) = q.pop() {
            out.push((c, x));
            if x == 4 {
                // Pushed while running: a step longer than the ring, and one within it.
                q.push(c + 5_000, 7);
                q.push(c + 2, 8);
            }
        }
        assert_eq!(
            out,
            [
                (5, 6),
                (5, 1),
                (1_023, 4),
                (1_024, 5),
                (1_025, 8),
                (3_000, 3),
                (6_023, 7),
                (70_000, 2)
            ]
        );
    }
}

thread_local! {
    static QUEUE: std::cell::RefCell<Buckets> = std::cell::RefCell::new(Buckets::default());
}

/// Runs `f` with this thread's queue, emptied first.
pub fn with_queue<R>(f: impl FnOnce(&mut Buckets) -> R) -> R {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.reset();
        f(&mut q)
    })
}
