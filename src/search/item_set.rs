//! A set of corpus items (articles or statements) as one bit per item: sorted and without repeats by
//! construction, and combined with other sets a word at a time.

/// Corpus items `0..universe`, one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSet {
    words: Vec<u64>,
    universe: usize,
}

impl ItemSet {
    /// No item of `0..universe`.
    pub fn empty(universe: usize) -> ItemSet {
        ItemSet { words: vec![0; universe.div_ceil(64)], universe }
    }

    /// Every item of `0..universe`.
    pub fn full(universe: usize) -> ItemSet {
        let mut set = ItemSet::empty(universe);
        set.insert_range(0..universe);
        set
    }

    /// Adds one item; items outside the universe are ignored.
    pub fn insert(&mut self, item: usize) {
        if item < self.universe {
            self.words[item / 64] |= 1 << (item % 64);
        }
    }

    /// Adds every item of `range` (clipped to the universe), whole words at once.
    pub fn insert_range(&mut self, range: std::ops::Range<usize>) {
        let (start, end) = (range.start, range.end.min(self.universe));
        if start >= end {
            return;
        }
        let (first_word, last_word) = (start / 64, (end - 1) / 64);
        // Bits from `start % 64` up in the first word, and up to `(end - 1) % 64` in the last.
        let from = u64::MAX << (start % 64);
        let to = u64::MAX >> (63 - (end - 1) % 64);
        if first_word == last_word {
            self.words[first_word] |= from & to;
            return;
        }
        self.words[first_word] |= from;
        self.words[first_word + 1..last_word].fill(u64::MAX);
        self.words[last_word] |= to;
    }

    /// Keeps the items also in `other`.
    pub fn intersect(&mut self, other: &ItemSet) {
        self.words.iter_mut().zip(&other.words).for_each(|(word, other)| *word &= other);
    }

    /// Adds the items of `other`.
    pub fn unite(&mut self, other: &ItemSet) {
        self.words.iter_mut().zip(&other.words).for_each(|(word, other)| *word |= other);
    }

    /// Keeps the items not in `other`.
    pub fn subtract(&mut self, other: &ItemSet) {
        self.words.iter_mut().zip(&other.words).for_each(|(word, other)| *word &= !other);
    }

    /// The items, in increasing order.
    pub fn items(&self) -> Vec<u32> {
        let mut items = Vec::with_capacity(self.words.iter().map(|w| w.count_ones() as usize).sum());
        for (word_index, &word) in self.words.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                items.push((word_index * 64) as u32 + rest.trailing_zeros());
                rest &= rest - 1;
            }
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_set_operations_agree_with_a_plain_list() {
        let universe = 200;
        let mut odd = ItemSet::empty(universe);
        (1..universe).step_by(2).for_each(|item| odd.insert(item));
        odd.insert(universe + 5);
        assert_eq!(odd.items(), (1..universe as u32).step_by(2).collect::<Vec<_>>());

        for (start, end) in [(0, 0), (3, 4), (60, 70), (0, 64), (64, 128), (5, 190), (130, 260)] {
            let mut range = ItemSet::empty(universe);
            range.insert_range(start..end);
            let expected: Vec<u32> = (start as u32..end.min(universe) as u32).collect();
            assert_eq!(range.items(), expected, "{start}..{end}");

            let mut both = odd.clone();
            both.intersect(&range);
            assert_eq!(both.items(), expected.iter().copied().filter(|i| i % 2 == 1).collect::<Vec<_>>());
            let mut either = odd.clone();
            either.unite(&range);
            let mut united: Vec<u32> = (1..universe as u32).step_by(2).chain(expected.iter().copied()).collect();
            united.sort_unstable();
            united.dedup();
            assert_eq!(either.items(), united);
            let mut rest = ItemSet::full(universe);
            rest.subtract(&range);
            assert_eq!(rest.items(), (0..universe as u32).filter(|i| !expected.contains(i)).collect::<Vec<_>>());
        }
    }
}
