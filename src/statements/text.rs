//! Splitting article text into paragraphs, quotes, sentences and word tokens, all as byte ranges of the text.

use std::ops::Range;

/// A word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// True for words (letters or digits), false for punctuation.
    pub is_word: bool,
}

/// Splits a range of text into words and punctuation marks. Words keep inner hyphens, apostrophes and dots
/// (`al-Fayyadh`, `Iran’s`, `U.S.`).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let start = range.start + offset;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token { range: start..start + c.len_utf8(), is_word: false });
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(next_offset, next)) = chars.peek() {
            if next.is_alphanumeric() {
                end = range.start + next_offset + next.len_utf8();
                chars.next();
                continue;
            }
            // Inner joiners stay in the word when a letter or digit follows them.
            let after = slice[next_offset + next.len_utf8()..].chars().next();
            let joins = matches!(next, '-' | '\'' | '’' | '.' | '&') && after.is_some_and(char::is_alphanumeric)
                // `50,000` is one word, so its comma sets nothing off.
                || next == ',' && slice[..next_offset].ends_with(|c: char| c.is_ascii_digit())
                    && after.is_some_and(|c| c.is_ascii_digit());
            // A dotted abbreviation keeps its last dot: U.S., U.N.
            let ends_abbreviation = next == '.' && is_dotted_abbreviation(&text[start..range.start + next_offset]);
            if joins || ends_abbreviation {
                end = range.start + next_offset + next.len_utf8();
                chars.next();
                if ends_abbreviation && !joins {
                    break;
                }
            } else {
                break;
            }
        }
        tokens.push(Token { range: start..end, is_word: true });
    }
    tokens
}

/// `U.S`, `U.N`, `a.m`: single letters joined by dots.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.') && word.split('.').all(|part| part.chars().count() == 1)
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "rep", "sen", "gov", "pres",
    "st", "jr", "sr", "rev", "hon", "no", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "brig", "cmdr", "gov", "supt", "insp", "approx",
];

/// A quotation: its content between the marks, which may run over several paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The words inside the marks.
    pub content: Range<usize>,
    /// Byte range of the closing mark, if the quote was closed.
    pub close: Option<Range<usize>>,
}

impl Quote {
    /// From the opening mark to the end of the closing mark (or the content).
    pub fn outer(&self) -> Range<usize> {
        self.open..self.close.as_ref().map_or(self.content.end, |c| c.end)
    }
}

/// Answers "is this offset inside a quote?" by binary search, for quotes in order of their start (nested
/// ones included): the furthest end among the quotes begun so far tells whether one is still open.
pub struct QuoteLookup<'a> {
    quotes: &'a [Quote],
    furthest_end: Vec<usize>,
}

impl<'a> QuoteLookup<'a> {
    /// Indexes quotes given in order of their start.
    pub fn new(quotes: &'a [Quote]) -> Self {
        debug_assert!(quotes.is_sorted_by_key(|q| q.content.start));
        let furthest_end = quotes
            .iter()
            .scan(0, |furthest, q| {
                *furthest = q.content.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Self { quotes, furthest_end }
    }

    /// The furthest end of the content of the quotes begun at or before `position`, if any began.
    fn open_until(&self, position: usize) -> Option<usize> {
        let begun = self.quotes.partition_point(|q| q.content.start <= position);
        begun.checked_sub(1).map(|last| self.furthest_end[last])
    }

    /// True when `position` lies inside some quote's content.
    pub fn contains(&self, position: usize) -> bool {
        self.open_until(position).is_some_and(|end| position < end)
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '„' | '«' | '»' | '‟' | '‘' | '’')
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '‟')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Finds the quotations of an article's paragraphs. Marks that do not pair up are recovered from: an unclosed
/// quote runs on into the next paragraph when that one opens with a mark (a quote over several paragraphs),
/// and otherwise ends with its paragraph.
/// Quotes come in text order and never overlap: one quote is open at a time.
pub fn find_quotes(text: &str, paragraphs: &[Range<usize>]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // (offset of the opening mark, start of content) of a quote still open.
    let mut open: Option<(usize, usize)> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let slice = &text[paragraph.clone()];
        let uses_double = slice.chars().any(|c| c == '"' || is_opening_mark(c) || is_closing_mark(c));
        // A quote carried over from the last paragraph: this paragraph's opening mark continues it.
        let continues_quote = open.is_some();
        let first_mark = slice.len() - slice.trim_start().len();
        // Only quotation marks matter; the characters beside them decide which way they face.
        for (offset, mark) in slice.match_indices(|c: char| is_quote_mark(c)) {
            let c = mark.chars().next().expect("a matched mark");
            let position = paragraph.start + offset;
            if continues_quote && offset == first_mark {
                continue;
            }
            let previous = slice[..offset].chars().next_back();
            let next = slice[offset + c.len_utf8()..].chars().next();
            let after_space = previous.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            let before_space = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–-".contains(n));
            let looks_opening = after_space && !before_space;
            let (opens, closes) = if uses_double {
                match c {
                    '"' if open.is_some() && !looks_opening => (false, true),
                    '"' => (true, false),
                    c if is_opening_mark(c) => (true, false),
                    c if is_closing_mark(c) && open.is_some() => (false, true),
                    // A closing mark before a word, with no quote open, is an opening typed the wrong way round.
                    c if is_closing_mark(c) => (looks_opening, false),
                    _ => (false, false),
                }
            } else {
                // Single marks serve as quotation marks only where no double marks are used, and only at word edges.
                match c {
                    '‘' | '\'' if looks_opening && open.is_none() => (true, false),
                    '’' | '\'' if open.is_some() && !after_space && before_space => (false, true),
                    _ => (false, false),
                }
            };
            if closes {
                if let Some((mark, start)) = open.take() {
                    quotes.push(Quote {
                        open: mark,
                        content: start..position,
                        close: Some(position..position + c.len_utf8()),
                    });
                }
            } else if opens {
                if let Some((mark, start)) = open.take() {
                    // A new quote opens before the last one closed: end that one here.
                    quotes.push(Quote { open: mark, content: start..trim_end(text, start, position), close: None });
                }
                open = Some((position, position + c.len_utf8()));
            }
        }
        if let Some((mark, start)) = open {
            let next_opens_with_mark = paragraphs.get(index + 1).is_some_and(|next| {
                text[next.clone()].trim_start().starts_with(|c: char| c == '"' || is_opening_mark(c) || c == '‘')
            });
            if !next_opens_with_mark {
                quotes.push(Quote { open: mark, content: start..trim_end(text, start, paragraph.end), close: None });
                open = None;
            }
        }
    }
    if let Some((mark, start)) = open {
        let end = paragraphs.last().map_or(start, |p| p.end);
        quotes.push(Quote { open: mark, content: start..trim_end(text, start, end), close: None });
    }
    quotes
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Splits a paragraph into sentences, never inside a quotation.
pub fn sentences(text: &str, paragraph: Range<usize>, quotes: &QuoteLookup) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = paragraph.start;
    let slice = &text[paragraph.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    // A full stop inside a quote ends no sentence, unless the quote closes right after it (`"keeps its word." Then`).
    let inside_quote = |position: usize| quotes.open_until(position).is_some_and(|end| position + 1 < end);
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if matches!(c, '.' | '?' | '!') {
            // Closing quotes and brackets belong to the sentence they end.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
                j += 1;
            }
            let followed_by_start = j < chars.len()
                && chars[j].1.is_whitespace()
                && chars[j..].iter().find(|(_, c)| !c.is_whitespace()).is_some_and(|&(_, c)| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«')
                });
            let position = paragraph.start + offset;
            // `shortly after 9 p.m. Ottawa police are …`: a clock time ends a sentence before a capitalised
            // word that is no time zone.
            let ends_clock_time = || {
                let before = slice[..offset].trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
                let abbreviation = &slice[before.len()..offset];
                let next: String =
                    slice[offset + 1..].trim_start().chars().take_while(|c| c.is_alphanumeric()).collect();
                matches!(abbreviation.to_ascii_lowercase().as_str(), "a.m" | "p.m")
                    && next.len() > 3
                    && next.chars().next().is_some_and(char::is_uppercase)
            };
            let is_abbreviation = || c == '.' && is_abbreviation_before(slice, offset) && !ends_clock_time();
            if followed_by_start && !inside_quote(position) && !is_abbreviation() {
                let end = paragraph.start + chars.get(j).map_or(slice.len(), |&(o, _)| o);
                sentences.push(start..end);
                start = end;
                while start < paragraph.end && text[start..].starts_with(char::is_whitespace) {
                    start += text[start..].chars().next().unwrap().len_utf8();
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < paragraph.end {
        sentences.push(start..trim_end(text, start, paragraph.end));
    }
    sentences.retain(|s| !s.is_empty());
    sentences.into_iter().flat_map(|sentence| split_overlong(text, sentence)).collect()
}

/// A sentence longer than this is no sentence of news (a table, a list, text without full stops); it is
/// cut into pieces so that the work on one sentence stays bounded.
const MAX_SENTENCE_BYTES: usize = 4096;

/// Cuts an over-long sentence at spaces into pieces of at most about `MAX_SENTENCE_BYTES`.
fn split_overlong(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = sentence.start;
    while sentence.end - start > MAX_SENTENCE_BYTES {
        let limit = crate::dates::floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
        let cut = text[start..limit].rfind(' ').filter(|&at| at > 0).map_or(limit, |at| start + at);
        pieces.push(start..cut);
        start = cut + text[cut..].len() - text[cut..].trim_start().len();
    }
    if start < sentence.end {
        pieces.push(start..sentence.end);
    }
    pieces
}

/// True when the full stop at `dot` ends an abbreviation or an initial (`Mr.`, `J.`, `U.S.`).
fn is_abbreviation_before(slice: &str, dot: usize) -> bool {
    let word: String = slice[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || lower.contains('.') && lower.split('.').all(|p| p.chars().count() <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0..text.len()).iter().map(|t| &text[t.range.clone()]).collect()
    }

    #[test]
    fn tokens_keep_names_and_abbreviations() {
        assert_eq!(words("Iran’s al-Fayyadh, U.S. forces."), ["Iran’s", "al-Fayyadh", ",", "U.S.", "forces", "."]);
        assert_eq!(words("Mr. Ryder said: \"No.\""), ["Mr", ".", "Ryder", "said", ":", "\"", "No", ".", "\""]);
    }

    #[test]
    fn quotes_pair_and_recover() {
        let text = "He said “one two,” and then: \"three four\". Then “five six";
        let quotes = find_quotes(text, &[0..text.len()]);
        let contents: Vec<&str> = quotes.iter().map(|q| &text[q.content.clone()]).collect();
        assert_eq!(contents, ["one two,", "three four", "five six"]);
        assert!(quotes[2].close.is_none());
    }

    #[test]
    fn quotes_over_several_paragraphs() {
        let text = "“First part.\n\n“Second part,” he said.\n\nAfter.";
        let paragraphs = [
            0..text.find("\n\n").unwrap(),
            text.find("“Second").unwrap()..text.find("\n\nAfter").unwrap(),
            text.find("After").unwrap()..text.len(),
        ];
        let quotes = find_quotes(text, &paragraphs);
        assert_eq!(quotes.len(), 1);
        assert!(text[quotes[0].content.clone()].starts_with("First part."));
        assert!(text[quotes[0].content.clone()].ends_with("Second part,"));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "Iran’s president said the US isn’t welcome.";
        assert!(find_quotes(text, &[0..text.len()]).is_empty());
        let single = "He said ‘we will stay’ in the region.";
        let quotes = find_quotes(single, &[0..single.len()]);
        assert_eq!(&single[quotes[0].content.clone()], "we will stay");
    }

    #[test]
    fn sentences_skip_abbreviations_and_quotes() {
        let text = "Mr. Ryder met Gen. Smith in the U.S. on Monday. “It went well. Very well,” he said. Then he left.";
        let quotes = find_quotes(text, &[0..text.len()]);
        let split: Vec<&str> =
            sentences(text, 0..text.len(), &QuoteLookup::new(&quotes)).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            split,
            ["Mr. Ryder met Gen. Smith in the U.S. on Monday.", "“It went well. Very well,” he said.", "Then he left."]
        );
    }
}
