//! Filter clauses in a query's text, as the Filters panel adds and removes them: values of one field
//! combine with OR in one group (`(outlet:"A" OR outlet:"B")`), fields with AND, and clicking a value
//! that is already there takes it out again.

use regex::Regex;

/// A clause for a field's value, quoted: `outlet:"Press TV"`.
pub fn clause(field: &str, value: &str) -> String {
    format!("{field}:\"{}\"", value.replace('"', ""))
}

/// Whether the query holds the clause as a whole.
pub fn holds(query: &str, clause: &str) -> bool {
    query.match_indices(clause).any(|(at, _)| {
        let before = query[..at].chars().next_back();
        let after = query[at + clause.len()..].chars().next();
        before.is_none_or(|c| c == ' ' || c == '(') && after.is_none_or(|c| c == ' ' || c == ')')
    })
}

/// The query with the clause taken out if it holds it, else added: beside the other values of its field
/// (joined with OR), or at the end.
pub fn toggle(query: &str, field: &str, clause: &str) -> String {
    let tidy = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let escaped_field = regex::escape(field);
    let one_value = format!(r#"{escaped_field}:(?:"[^"]*"|[^\s()"]+)"#);
    // A group of this field's values: `(f:"a" OR f:"b")`.
    let group = Regex::new(&format!(r"\(({one_value}(?: OR {one_value})+)\)")).expect("a valid pattern");
    if holds(query, clause) {
        // Inside a group, with its `OR`; else alone.
        for pattern in [format!(" OR {clause})"), format!(" OR {clause} "), format!("({clause} OR ")] {
            if let Some(at) = query.find(&pattern) {
                let kept = if pattern.ends_with(')') {
                    ")"
                } else if pattern.starts_with('(') {
                    "("
                } else {
                    " "
                };
                let out = format!("{}{kept}{}", &query[..at], &query[at + pattern.len()..]);
                return tidy(&ungroup_single(&out, &one_value));
            }
        }
        let at = query
            .match_indices(clause)
            .map(|(at, _)| at)
            .find(|&at| {
                let before = query[..at].chars().next_back();
                let after = query[at + clause.len()..].chars().next();
                before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
            })
            .unwrap_or(0);
        return tidy(&format!("{}{}", &query[..at], &query[(at + clause.len()).min(query.len())..]));
    }
    if let Some(found) = group.find(query) {
        let end = found.end() - 1;
        return format!("{} OR {clause}{}", &query[..end], &query[end..]);
    }
    let single = Regex::new(&format!(r"(?:^|\s)({one_value})")).expect("a valid pattern");
    if let Some(found) = single.captures(query).and_then(|c| c.get(1)) {
        let (start, end) = (found.start(), found.end());
        return format!("{}({} OR {clause}){}", &query[..start], &query[start..end], &query[end..]);
    }
    tidy(&format!("{query} {clause}"))
}

/// `(f:"a")` left after a removal becomes `f:"a"`.
fn ungroup_single(query: &str, one_value: &str) -> String {
    let single = Regex::new(&format!(r"\(({one_value})\)")).expect("a valid pattern");
    single.replace_all(query, "$1").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_a_field_join_with_or_and_a_second_click_takes_one_out() {
        let a = clause("outlet", "Press TV");
        let b = clause("outlet", "Tehran Times");
        let s = clause("speaker", "Hassan Rouhani");
        let mut query = toggle("troops", "outlet", &a);
        assert_eq!(query, r#"troops outlet:"Press TV""#);
        query = toggle(&query, "outlet", &b);
        assert_eq!(query, r#"troops (outlet:"Press TV" OR outlet:"Tehran Times")"#);
        query = toggle(&query, "speaker", &s);
        assert_eq!(query, r#"troops (outlet:"Press TV" OR outlet:"Tehran Times") speaker:"Hassan Rouhani""#);
        let c = clause("outlet", "IRNA");
        query = toggle(&query, "outlet", &c);
        assert_eq!(
            query,
            r#"troops (outlet:"Press TV" OR outlet:"Tehran Times" OR outlet:"IRNA") speaker:"Hassan Rouhani""#
        );
        assert!(holds(&query, &b) && !holds(&query, &clause("outlet", "Press")));
        query = toggle(&query, "outlet", &b);
        assert_eq!(query, r#"troops (outlet:"Press TV" OR outlet:"IRNA") speaker:"Hassan Rouhani""#);
        query = toggle(&query, "outlet", &a);
        assert_eq!(query, r#"troops outlet:"IRNA" speaker:"Hassan Rouhani""#);
        query = toggle(&query, "speaker", &s);
        assert_eq!(query, r#"troops outlet:"IRNA""#);
        query = toggle(&query, "outlet", &c);
        assert_eq!(query, "troops");
        assert_eq!(toggle("", "type", "type:csv"), "type:csv");
        assert_eq!(toggle("type:csv", "type", "type:html"), "(type:csv OR type:html)");
        assert_eq!(toggle(r#"outlet:"A B""#, "has", "has:statements"), r#"outlet:"A B" has:statements"#);
        assert_eq!(toggle("type:csv", "type", "type:csv"), "");
    }
}
