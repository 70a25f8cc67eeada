//! Counts in words for labels: `1 article`, `2,048 articles`.

/// A count with its noun, singular or plural as the count asks: `1 article`, `2,048 articles`.
pub fn counted(n: usize, singular: &str, plural: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { singular } else { plural })
}

/// A number with thousands separators: `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
        assert_eq!(super::counted(1, "article", "articles"), "1 article");
        assert_eq!(super::counted(0, "article", "articles"), "0 articles");
        assert_eq!(super::counted(1200, "file of another type", "files of other types"), "1,200 files of other types");
    }
}
