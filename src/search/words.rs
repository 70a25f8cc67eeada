//! The index's word tokenizer: words are runs of letters and digits, as in tantivy's simple tokenizer,
//! except that a dotted abbreviation is one word without its dots (`U.S.` → `US`, `U.N.` → `UN`), so
//! `"US forces"` finds "U.S. forces" and the other way round.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Splits text into words, joining dotted abbreviations.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The words of one text.
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream { text, at: 0, token: &mut self.token }
    }
}

/// The end of the run of letters and digits starting at `start`.
fn run_end(text: &str, start: usize) -> usize {
    text[start..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |end| start + end)
}

/// True when `text[start..end]` is one letter.
fn is_single_letter(text: &str, start: usize, end: usize) -> bool {
    let mut chars = text[start..end].chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let Some(start) = self.text[self.at..].find(char::is_alphanumeric).map(|offset| self.at + offset) else {
            self.at = self.text.len();
            return false;
        };
        let mut end = run_end(self.text, start);
        self.token.text.push_str(&self.text[start..end]);
        // `U.S.`: single letters, each followed by a dot, two or more of them.
        if is_single_letter(self.text, start, end) {
            let mut letters = 1;
            let mut probe = end;
            while self.text[probe..].starts_with('.') {
                let next = probe + 1;
                let next_end = run_end(self.text, next);
                if next_end > next && is_single_letter(self.text, next, next_end) {
                    self.token.text.push_str(&self.text[next..next_end]);
                    letters += 1;
                    probe = next_end;
                } else {
                    break;
                }
            }
            if letters >= 2 {
                // The last dot belongs to the abbreviation.
                end = if self.text[probe..].starts_with('.') { probe + 1 } else { probe };
            } else {
                self.token.text.truncate(end - start);
            }
        }
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.at = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut found = Vec::new();
        while stream.advance() {
            let token = stream.token();
            found.push((token.text.clone(), token.offset_from, token.offset_to));
        }
        found
    }

    #[test]
    fn dotted_abbreviations_are_one_word_and_the_rest_splits_as_before() {
        let text = "U.S. forces, the U.N. and a.m. talks; e. coli, I.  Café-2021 x";
        let texts: Vec<String> = words(text).into_iter().map(|(word, _, _)| word).collect();
        assert_eq!(texts, ["US", "forces", "the", "UN", "and", "am", "talks", "e", "coli", "I", "Café", "2021", "x"]);
        // Offsets cover the written form, dots included.
        let (_, from, to) = words(text)[0].clone();
        assert_eq!(&text[from..to], "U.S.");
        assert_eq!(words("US"), [("US".to_owned(), 0, 2)]);
        assert_eq!(words("U.S"), [("US".to_owned(), 0, 3)]);
    }
}
