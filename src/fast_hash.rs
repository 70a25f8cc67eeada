//! Hash maps and sets with a fast, fixed hash (foldhash), for lookups done for every word or every
//! statement: the standard SipHash resists crafted keys, which words and names from articles never are,
//! and costs several times more.

/// A hash map with foldhash's fast, fixed hash.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// A hash set with foldhash's fast, fixed hash.
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
