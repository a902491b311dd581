//! Apportioning a whole number of losses over kinds or units in proportion to their counts, by
//! largest remainders (ties to the lower key), never more than each has: the guns a bombardment
//! destroys among a unit's kinds of gun, the aircraft a raid destroys among the enemy's air units.

/// `n` spread over `(key, count)` in proportion to the counts; entries that get none are left out.
pub fn apportion(counts: &[(usize, u32)], n: u32) -> Vec<(usize, u32)> {
    let total: u32 = counts.iter().map(|k| k.1).sum();
    let n = n.min(total);
    if n == 0 {
        return Vec::new();
    }
    let mut out: Vec<(usize, u32, u32)> = counts
        .iter()
        .map(|&(k, c)| {
            let share = c as u64 * n as u64;
            (
                k,
                (share / total as u64) as u32,
                (share % total as u64) as u32,
            )
        })
        .collect();
    let mut left = n - out.iter().map(|o| o.1).sum::<u32>();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(out[i].2), out[i].0));
    for i in order {
        if left == 0 {
            break;
        }
        if out[i].1 < counts[i].1 {
            out[i].1 += 1;
            left -= 1;
        }
    }
    out.into_iter()
        .filter(|o| o.1 > 0)
        .map(|o| (o.0, o.1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::apportion;

    #[test]
    fn shares_follow_the_counts_and_add_up() {
        assert_eq!(apportion(&[(3, 10), (5, 30)], 4), vec![(3, 1), (5, 3)]);
        assert_eq!(
            apportion(&[(3, 1), (5, 1)], 1),
            vec![(3, 1)],
            "ties to the lower key"
        );
        assert_eq!(
            apportion(&[(3, 2), (5, 1)], 9),
            vec![(3, 2), (5, 1)],
            "never more than each has"
        );
        assert!(apportion(&[], 3).is_empty());
        let big = apportion(&[(0, 3_000_000), (1, 1_000_000)], 4_000_000);
        assert_eq!(big, vec![(0, 3_000_000), (1, 1_000_000)], "no overflow");
    }
}
