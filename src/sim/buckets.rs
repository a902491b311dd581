//! A monotone priority queue for small integer costs (Dial's algorithm): the searches over the map
//! (movement, supply, distance fields) pop costs in non-decreasing order and never step more than a
//! few hundred minutes at once, so a ring of buckets beats a binary heap. Within one cost, items come
//! out last-in first-out: a fixed order, so results stay deterministic.

/// Ring size: larger than any single step a search pushes ahead (in minutes).
const RING: usize = 1024;

pub struct Buckets {
    ring: Vec<Vec<u32>>,
    cur: u32,
    len: usize,
}

impl Default for Buckets {
    fn default() -> Self {
        Buckets {
            ring: (0..RING).map(|_| Vec::new()).collect(),
            cur: 0,
            len: 0,
        }
    }
}

impl Buckets {
    /// Largest step that may be pushed beyond the cost last popped.
    pub const MAX_STEP: u32 = RING as u32 - 1;

    /// Empties the queue, keeping its memory.
    pub fn reset(&mut self) {
        for b in &mut self.ring {
            b.clear();
        }
        self.cur = 0;
        self.len = 0;
    }

    pub fn push(&mut self, cost: u32, item: u32) {
        assert!(
            cost >= self.cur && cost - self.cur <= Self::MAX_STEP,
            "step too large for the bucket ring"
        );
        self.ring[cost as usize % RING].push(item);
        self.len += 1;
    }

    pub fn pop(&mut self) -> Option<(u32, u32)> {
        if self.len == 0 {
            return None;
        }
        loop {
            if let Some(x) = self.ring[self.cur as usize % RING].pop() {
                self.len -= 1;
                return Some((self.cur, x));
            }
            self.cur += 1;
        }
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
