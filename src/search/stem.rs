//! English stems, remembered: news repeats its words, and stemming every word anew took about a third of
//! the time spent building the index.

use crate::fast_hash::FastMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words whose stems are remembered at most; past this, remembering starts anew (the frequent words,
/// which are what the memory is for, come back at once).
const MAX_REMEMBERED: usize = 100_000;

/// Replaces each word with its English (Snowball) stem, as tantivy's `Stemmer` does, remembering the
/// stems of the words it has seen.
#[derive(Debug, Clone, Copy, Default)]
pub struct RememberingStemmer;

impl TokenFilter for RememberingStemmer {
    type Tokenizer<T: Tokenizer> = RememberingStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RememberingStemmerFilter<T> {
        RememberingStemmerFilter { inner: tokenizer, stems: FastMap::default() }
    }
}

/// The tokenizer `RememberingStemmer` makes, holding the stems remembered.
pub struct RememberingStemmerFilter<T> {
    inner: T,
    stems: FastMap<String, String>,
}

impl<T: Clone> Clone for RememberingStemmerFilter<T> {
    fn clone(&self) -> Self {
        // Each copy (one per indexing thread) remembers on its own.
        RememberingStemmerFilter { inner: self.inner.clone(), stems: FastMap::default() }
    }
}

impl<T: Tokenizer> Tokenizer for RememberingStemmerFilter<T> {
    type TokenStream<'a> = RememberingStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.stems.len() > MAX_REMEMBERED {
            self.stems.clear();
        }
        RememberingStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The words of one text, stemmed.
pub struct RememberingStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut FastMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for RememberingStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.stems.get(token.text.as_str()) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = self.stemmer.stem(&token.text).into_owned();
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.stems.insert(word, stem);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            words.push(token.text.clone());
        }
        words
    }

    #[test]
    fn stems_as_tantivy_does_when_words_come_back() {
        let text =
            "The ministers withdrew; withdrawal talks continued, and the minister's talks continue running runs.";
        let mut remembering =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(RememberingStemmer).build();
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let expected = words(&mut plain, text);
        assert!(expected.contains(&"minist".to_owned()) && expected.contains(&"continu".to_owned()));
        // The second time round, every word comes from memory.
        assert_eq!(words(&mut remembering, text), expected);
        assert_eq!(words(&mut remembering, text), expected);
    }
}
