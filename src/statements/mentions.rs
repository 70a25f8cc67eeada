//! Reading the speaker mention written next to a speech verb: `Iran’s President Hassan Rouhani`, `Mr. Ryder`,
//! `the Leader`, `he`, `the Iraqi Prime Minister’s Office`.

use super::lexicon::{self, Lexicon};
use super::text::Token;
use std::ops::Range;

/// A speaker mention: its byte range and its tokens (indices into the token list it was read from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// Index of its first token.
    pub first_token: usize,
    /// Index of its last token.
    pub last_token: usize,
}

/// Titles and name endings written with a full stop (`Mr.`, `Samsung Electronics Co.`), which stays inside the mention.
static ABBREVIATED_TITLES: Lexicon = Lexicon::new(&[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "sen", "rep", "gov", "prof", "st", "co", "inc",
    "corp", "ltd", "jr", "sr",
]);

/// Capitalised words that open sentences or clauses but never belong to a speaker's name.
pub(super) static NOT_NAMES: Lexicon = Lexicon::new(&[
    "however",
    "but",
    "and",
    "meanwhile",
    "also",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "while",
    "earlier",
    "later",
    "speaking",
    "asked",
    "yesterday",
    "today",
    "elsewhere",
    "then",
    "still",
    "yet",
    "so",
    "if",
    "as",
    "it",
    "there",
    "here",
    "what",
    "this",
    "these",
    "those",
    "such",
    "many",
    "some",
    "both",
    "all",
    "according",
    "since",
    "by",
    "with",
    "from",
    "for",
    "under",
    "amid",
    "despite",
    "during",
    "following",
    "without",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "last",
    "next",
    "instead",
    "besides",
    "furthermore",
    "moreover",
    "nevertheless",
    "thus",
    "although",
    "though",
    "because",
    "we",
    "i",
    "you",
    "they",
    "he",
    "she",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "unless",
    "until",
    "once",
    "studies",
    "finally",
    "nearly",
    "almost",
    "within",
    "would",
    "could",
    "should",
    "initial",
    "citing",
    "several",
    "most",
    "per",
]);

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for a legislature named by one capitalised word (`Congress`, `Parliament`, `Senate`), where a party's
/// members sit (`Democrats in Congress`).
pub fn is_sitting_in(words: &[&str]) -> bool {
    let words = words.strip_prefix(&["the"]).unwrap_or(words);
    matches!(words, [body] if matches!(*body, "Congress" | "Parliament" | "Senate" | "House"))
}

/// `USA Today`: a capitalised `Today` after a capitalised word closes a name, and is no adverb of time.
fn closes_name_with_today(words: &[&str], index: usize) -> bool {
    words[index] == "Today" && index > 0 && is_capitalised(words[index - 1]) && words[index - 1] != "Today"
}

/// A word that can stand inside a mention: a capitalised name word, a title, role, nationality or organisation word.
fn is_mention_word(word: &str) -> bool {
    if NOT_NAMES.contains(word) {
        return false;
    }
    is_capitalised(word)
        || word.starts_with("al-")
        || word.starts_with("el-")
        || lexicon::ROLE_NOUNS.contains(word)
        || lexicon::TITLES.contains(word)
        || lexicon::NATIONALITIES.contains(word)
        || lexicon::ORGANIZATION_NOUNS.contains(word)
        || word.ends_with("’s") && word.len() > 4
        || word.ends_with("'s") && word.len() > 3
}

/// True when the words hold something that can speak: a name, a role, an organisation or a pronoun.
fn has_head(words: &[&str]) -> bool {
    words.iter().any(|w| {
        (is_capitalised(w) && !lexicon::DETERMINERS.contains(w) && !lexicon::NATIONALITIES.contains(w))
            || lexicon::ROLE_NOUNS.contains(w)
            || lexicon::ORGANIZATION_NOUNS.contains(w)
            || w.starts_with("al-")
    })
}

fn mention(tokens: &[Token], first: usize, last: usize) -> Mention {
    Mention { range: tokens[first].range.start..tokens[last].range.end, first_token: first, last_token: last }
}

/// Reads the mention that ends just before the cue at `cue_index`, skipping words like `also` or `has`
/// between them, and reading through an apposition (`Ali Khamenei, the Leader of the Revolution, said`).
pub fn parse_mention_before(_text: &str, tokens: &[Token], words: &[&str], cue_index: usize) -> Option<Mention> {
    let mut end = cue_index;
    while end > 0
        && tokens[end - 1].is_word
        && (lexicon::SKIPPABLE_BEFORE_CUE.contains(words[end - 1]) || is_manner_adverb(words[end - 1]))
        && !closes_name_with_today(words, end - 1)
    {
        end -= 1;
    }
    // `A Quinnipiac poll released Tuesday found`: when a report came out stands between it and its verb.
    let released = (end.saturating_sub(4)..end)
        .find(|&i| matches!(words[i], "released" | "published" | "conducted" | "issued" | "taken"))
        .filter(|&at| {
            at > 0
                && (lexicon::MEDIUM_NOUNS.contains(words[at - 1]) || lexicon::RECORD_NOUNS.contains(words[at - 1]))
                && words[at + 1..end].iter().all(|w| {
                    matches!(*w, "on" | "last" | "this" | "earlier" | "late" | "week" | "month")
                        || lexicon::CALENDAR_WORDS.contains(w)
                })
        });
    if let Some(at) = released {
        end = at;
    }
    // `officials familiar with the matter said`, `sources close to the talks said`, `people with knowledge of
    // the plan said`: a short qualifier after the speaker belongs to neither.
    // So does a common place after a role or group (`voters in the state say`, `doctors at the hospital said`).
    let qualifier = (end.saturating_sub(8).max(1)..end.saturating_sub(1)).find(|&at| {
        // (`Police in both countries believe`: a quantifier opens the place too.)
        let is_place_phrase = matches!(words[at], "in" | "at" | "from" | "across")
            && (lexicon::DETERMINERS.contains(words[at + 1]) || matches!(words[at + 1], "both" | "all" | "several"))
            && (lexicon::ROLE_NOUNS.contains(words[at - 1]) || words[at - 1].eq_ignore_ascii_case("police"));
        // (What a source is familiar with may be named: `familiar with Trump's thinking`.)
        let is_source_phrase =
            matches!(
                (words[at], words[at + 1]),
                ("familiar", "with") | ("close", "to") | ("with", "knowledge") | ("briefed", "on")
            ) && words[at..end].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')));
        // (Nor does it hold a verb of its own: `An official close to Sorvik said she saw …` is no qualifier of `she`.)
        let holds_cue =
            || words[at + 1..end].iter().any(|w| lexicon::cue_at(&[w]).is_some() || lexicon::PRONOUNS.contains(w));
        (is_source_phrase
            || is_place_phrase && words[at..end].iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-')))
            && !holds_cue()
    });
    if let Some(at) = qualifier {
        end = at;
    }
    if end == 0 {
        return None;
    }
    // `the Navy, who told …`, `Alex Greenwich who said …`: the speaker is the noun before `who`.
    if (words[end - 1].eq_ignore_ascii_case("who") || words[end - 1] == "which") && end >= 2 {
        end -= 1;
        if words[end - 1] == "," && end >= 2 {
            end -= 1;
            // `Mark Hay, a marine ecologist at GT, who said`: the name before the apposition speaks.
            if let Some(found) = apposition_before(tokens, words, end) {
                return Some(found);
            }
        }
        let first = scan_back(tokens, words, end)?;
        return Some(mention(tokens, first, end - 1));
    }
    if words[end - 1] == "," {
        return apposition_before(tokens, words, end - 1);
    }
    if lexicon::PRONOUNS.contains(words[end - 1]) && !words[end - 1].ends_with('s') {
        return Some(mention(tokens, end - 1, end - 1));
    }
    let Some(mut first) = scan_back(tokens, words, end) else {
        // `Terri Collins who sponsored the bill remarked`: a relative clause without commas stands between the
        // speaker and the verb.
        // (Its verb opens it, in the past or the present: `who sponsored`, `who chairs`; not `who have been so`,
        // and not a second verb of its own after `and`.)
        let who = (end.saturating_sub(8)..end).rev().find(|&i| words[i] == "who")?;
        let opens_with_verb = words.get(who + 1).is_some_and(|w| {
            w.len() > 3
                && w.chars().all(|c| c.is_ascii_lowercase())
                && (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss"))
                && !matches!(*w, "has" | "was" | "does")
        });
        if who == 0
            || !opens_with_verb
            || !words[who + 1..end].iter().all(|w| w.chars().any(char::is_alphanumeric) && !matches!(*w, "and" | "or"))
        {
            return None;
        }
        let head_first = scan_back(tokens, words, who)?;
        return Some(mention(tokens, head_first, who - 1));
    };
    // `X of the University of California, Los Angeles said`: a place set after a place closing a name of the
    // form `… of Place` belongs to that name.
    if first >= 2
        && words[first - 1] == ","
        && lexicon::is_place_word(words[first - 2])
        && words[first..end].iter().all(|w| lexicon::is_place_word(w))
        && let Some(name_first) = scan_back(tokens, words, first - 1)
        && words[name_first..first - 1].iter().any(|w| *w == "of")
    {
        first = name_first;
    }
    // `A militant group that opposes the Sarnow Dam said`: the name closes a relative clause; its head speaks.
    let opener = (first.saturating_sub(3)..first).rev().find(|&i| matches!(words[i], "that" | "who" | "which"));
    if let Some(opener) = opener
        && opener > 0
        && words[opener + 1..first].iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        && opener + 1 < first
        && let Some(head_first) = scan_back(tokens, words, opener)
    {
        return Some(mention(tokens, head_first, opener - 1));
    }
    // `Richard Ferrand in relaying the news to parliament said`: the object of a preposition is never the
    // subject; the name before the phrase speaks.
    if let Some(subject_end) = subject_before_phrase(words, first) {
        let head_first = scan_back(tokens, words, subject_end)?;
        return Some(mention(tokens, head_first, subject_end - 1));
    }
    Some(mention(tokens, first, end - 1))
}

/// Prepositions whose object may stand between a speaker and the verb (`X in a speech to parliament said`).
static PHRASE_PREPOSITIONS: Lexicon =
    Lexicon::new(&["to", "in", "at", "on", "with", "from", "into", "before", "during", "after", "against"]);

/// When the mention starting at `first` is the object of a preposition closing a longer phrase that follows
/// a name or a role (`Ferrand in relaying the news to | parliament`), the end (exclusive) of that name.
fn subject_before_phrase(words: &[&str], first: usize) -> Option<usize> {
    let preposition = first.checked_sub(1)?;
    if !PHRASE_PREPOSITIONS.contains(words[preposition]) {
        return None;
    }
    // The phrase: lower-case words only, opened by a preposition or a participle, at most eight words.
    let mut opener = preposition;
    while opener > 0 && preposition - opener < 8 {
        let word = words[opener - 1];
        let is_subject = is_capitalised(word) && is_mention_word(word) && !NOT_NAMES.contains(word)
            || lexicon::ROLE_NOUNS.contains(word)
            || lexicon::ORGANIZATION_NOUNS.contains(word);
        // A phrase of one preposition (`doctors in Gaza`, `analysts at Nomura`) qualifies the speaker instead.
        let opens_phrase =
            opener < preposition && (PHRASE_PREPOSITIONS.contains(words[opener]) || words[opener].ends_with("ing"));
        if is_subject && opens_phrase {
            return Some(opener);
        }
        if !word.chars().all(|c| c.is_lowercase() || c == '-') {
            return None;
        }
        opener -= 1;
    }
    None
}

/// An adverb of manner between a speaker and the verb (`Trump formally claimed`, `she angrily denied`):
/// a lowercase word in `-ly`, but for the nouns and outlets that end so.
fn is_manner_adverb(word: &str) -> bool {
    word.len() > 5
        && word.ends_with("ly")
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            word,
            "family"
                | "assembly"
                | "anomaly"
                | "monopoly"
                | "butterfly"
                | "supply"
                | "weekly"
                | "monthly"
                | "quarterly"
        )
}

/// Walks back from `end` (exclusive) over mention words; returns the first token of the mention.
fn scan_back(tokens: &[Token], words: &[&str], end: usize) -> Option<usize> {
    let mut first = end;
    let mut index = end;
    while index > 0 {
        let word = words[index - 1];
        if word == ")" {
            // A parenthesised acronym belongs to the mention: `Council (SNSC)`.
            let open = words[..index - 1].iter().rposition(|w| *w == "(")?;
            if index - 1 - open > 4 {
                break;
            }
            index = open;
            continue;
        }
        if word == "." && index >= 2 && ABBREVIATED_TITLES.contains(words[index - 2]) {
            index -= 1;
            continue;
        }
        if !tokens[index - 1].is_word {
            break;
        }
        if lexicon::DETERMINERS.contains(word) {
            // `the` inside `Leader of the Revolution` continues; at the front it ends the mention. So does
            // `the` after a role served (`lawyers for the family`, `aides to the governor`).
            let serves = index >= 3
                && matches!(words[index - 2], "for" | "to")
                && lexicon::ROLE_NOUNS.contains(words[index - 3])
                && (words[index - 3].chars().next().is_some_and(char::is_lowercase) || index == 3);
            if serves {
                index -= 2;
                continue;
            }
            // (`Republicans in the Senate`: so does `the` before the legislature a party's members sit in.)
            let sits_in = index >= 3
                && words[index - 2] == "in"
                && words[index - 3].ends_with('s')
                && is_sitting_in(&words[first..end]);
            if index >= 2 && words[index - 2].eq_ignore_ascii_case("of") || sits_in {
                index -= 1;
                continue;
            }
            first = index - 1;
            break;
        }
        if lexicon::MENTION_JOINERS.contains(word) && !is_capitalised(word) {
            let left_is_mention = index >= 2 && tokens[index - 2].is_word && is_mention_word(words[index - 2]);
            if left_is_mention && first < end {
                index -= 1;
                continue;
            }
            break;
        }
        // `city staff`, `coast guard officials`: a qualifier before a role or group noun.
        let qualifies = || {
            first < end
                && lexicon::ROLE_MODIFIERS.contains(word)
                && (lexicon::ROLE_NOUNS.contains(words[first])
                    || lexicon::ORGANIZATION_NOUNS.contains(words[first])
                    || lexicon::ROLE_MODIFIERS.contains(words[first]))
        };
        // `the Court of Session in Scotland`: a place after `in` closes a body's name; `nurses across Ontario`
        // says where a group is.
        let places_after = first < end
            && matches!(word, "in" | "across" | "from")
            && index >= 2
            && (is_capitalised(words[index - 2])
                || lexicon::ROLE_NOUNS.contains(words[index - 2])
                || lexicon::ORGANIZATION_NOUNS.contains(words[index - 2]))
            && (words[first..end].iter().all(|w| lexicon::is_place_word(w))
                // (`Democrats in Congress`: so does a legislature a party's members sit in.)
                || is_sitting_in(&words[first..end]) && words[index - 2].ends_with('s'));
        if places_after {
            index -= 1;
            continue;
        }
        // `Theresa May said`, `…,” May said`: a month right before the verb is a surname.
        let month_surname = index == end
            && is_capitalised(word)
            && lexicon::is_month(word)
            && words.get(index).is_some_and(|w| !w.chars().any(|c| c.is_ascii_digit()));
        if !is_mention_word(word) && !qualifies() && !month_surname && !closes_name_with_today(words, index - 1) {
            break;
        }
        index -= 1;
        first = index;
    }
    if first >= end {
        return None;
    }
    let mention_words: Vec<&str> =
        words[first..end].iter().copied().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    has_head(&mention_words).then_some(first)
}

/// `NAME, the ROLE of X, said` or `NAME, who …, said`: the mention is the name with its apposition.
fn apposition_before(tokens: &[Token], words: &[&str], comma: usize) -> Option<Mention> {
    // `Jane Roe, 45, said`, `Omar Haddad, 31, of Mississauga, said`: an age or a home town set between
    // commas stands between the name and the verb.
    let mut close = comma;
    for _ in 0..3 {
        let Some(open) = words[..close].iter().rposition(|w| *w == ",") else { break };
        let inner = &words[open + 1..close];
        let is_age = inner.len() == 1 && inner[0].len() <= 3 && inner[0].chars().all(|c| c.is_ascii_digit());
        let is_origin = (2..=5).contains(&inner.len())
            && matches!(inner[0], "of" | "from")
            && inner[1..].iter().all(|w| is_capitalised(w) || matches!(*w, "." | "-"));
        if !(is_age || is_origin) || open == 0 {
            break;
        }
        close = open;
    }
    if close != comma {
        let first = scan_back(tokens, words, close)?;
        return Some(mention(tokens, first, close - 1));
    }
    let open_comma = words[..comma].iter().rposition(|w| *w == ",")?;
    if comma - open_comma > 16 || open_comma == 0 {
        return None;
    }
    let inner: Vec<&str> = words[open_comma + 1..comma].to_vec();
    // `The judge presiding over the case, Bernard Schwartz, said`: the name between the commas speaks.
    // So do names joined by `and` (`His lawyers, Ann Roe and Carl Dunn, said`).
    let is_name = inner.len() >= 2
        && inner.len() <= 9
        && inner.last().is_some_and(|w| lexicon::is_name_word(w))
        // (A given name may be a place's: `France Gélinas`, `Georgia Smith`.)
        && inner.iter().all(|w| lexicon::is_name_word(w) || lexicon::is_place_word(w) && is_capitalised(w) || *w == "and")
        && inner.first().is_some_and(|w| is_capitalised(w))
        && inner.iter().filter(|w| **w == "and").count() <= 1;
    // `The union representing the workers, CUPE, said`: an acronym set between commas names the speaker, and
    // so does one name word after a role or body (`The union representing the workers, Unifor, said`).
    let is_acronym =
        inner.len() == 1 && (2..=6).contains(&inner[0].len()) && inner[0].bytes().all(|b| b.is_ascii_uppercase());
    let is_body_name = inner.len() == 1
        && lexicon::is_name_word(inner[0])
        && (lexicon::ROLE_NOUNS.contains(words[open_comma - 1])
            || lexicon::ORGANIZATION_NOUNS.contains(words[open_comma - 1]))
        && words[open_comma - 1].chars().all(|c| c.is_lowercase());
    // `Shapiro's widow, former tennis player Pam Shriver, said`: a role may stand before the name inside the
    // commas.
    let described_name = inner.iter().position(|w| is_capitalised(w)).is_some_and(|start| {
        start > 0
            && inner.len() - start >= 2
            && inner.len() <= 9
            // (Its head is a role, or a noun of someone who does something: `player`, `investor`, `historian`.)
            && (lexicon::ROLE_NOUNS.contains(inner[start - 1])
                || ["er", "or", "ist", "ian", "ant", "ent"].iter().any(|ending| inner[start - 1].ends_with(ending)))
            && inner[..start].iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
            && inner[start..].iter().all(|w| lexicon::is_name_word(w))
    });
    if is_acronym || is_body_name || described_name {
        return Some(mention(tokens, open_comma + 1, comma - 1));
    }
    if is_name {
        // `Another eyewitness, Nicole Towarek, described …`: a description before the name belongs to the
        // mention, so that it is not taken for what was said.
        let first = scan_back(tokens, words, open_comma).unwrap_or(open_comma + 1);
        return Some(mention(tokens, first, comma - 1));
    }
    // `Reuters, citing anonymous sources, reported`: a participle phrase is an aside, whatever nouns it holds.
    let opens_participle = inner.first().is_some_and(|w| w.ends_with("ing") && !is_capitalised(w));
    let is_appositive = !opens_participle
        && inner.first().is_some_and(|w| {
            lexicon::DETERMINERS.contains(w)
                || w.eq_ignore_ascii_case("who")
                || w.eq_ignore_ascii_case("which")
                || lexicon::ROLE_NOUNS.contains(w)
                || lexicon::TITLES.contains(w)
        })
        || !opens_participle && inner.iter().any(|w| lexicon::ROLE_NOUNS.contains(w));
    // `The report, released Tuesday by the Fraser Institute, says`: a past participle opens an aside too; with
    // its agent, the aside belongs to the mention, which may be a medium its agent issued.
    let opens_past_participle =
        inner.first().is_some_and(|w| w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()));
    if opens_past_participle && inner.len() <= 10 {
        let first = scan_back(tokens, words, open_comma)?;
        let last = if inner.contains(&"by") { comma - 1 } else { open_comma - 1 };
        return Some(mention(tokens, first, last));
    }
    if !is_appositive {
        // `X, for his part, said`: a short aside between subject and verb.
        // Or a participle phrase: `Reuters, citing anonymous sources, reported`.
        let is_aside = inner.len() <= 10
            && inner.first().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "for" | "in" | "however" | "meanwhile" | "too" | "though" | "also" | "speaking" | "on" | "at"
                    // (`Trump, asked about the wall, said`, `X, when pressed, said`.)
                    | "asked" | "pressed" | "reached" | "contacted" | "when" | "while"
                    // (`the Taliban, once the governing force, seeks`, `researchers …, both in the US, reported`.)
                    | "once" | "now" | "both" | "still"
                ) || w.ends_with("ing") && !is_capitalised(w)
            });
        if !is_aside {
            return None;
        }
        let first = scan_back(tokens, words, open_comma)?;
        return Some(mention(tokens, first, open_comma - 1));
    }
    let first = scan_back(tokens, words, open_comma)?;
    let last = if inner.first().is_some_and(|w| w.eq_ignore_ascii_case("who") || w.eq_ignore_ascii_case("which")) {
        open_comma - 1
    } else {
        comma - 1
    };
    Some(mention(tokens, first, last))
}

/// Reads the mention that starts at `start` (after `according to`, or after an inverted `said`).
pub fn parse_mention_after(_text: &str, tokens: &[Token], words: &[&str], start: usize) -> Option<Mention> {
    let mut index = start;
    if index >= words.len() {
        return None;
    }
    if lexicon::PRONOUNS.contains(words[index])
        || words[index].eq_ignore_ascii_case("him")
        || words[index].eq_ignore_ascii_case("her")
    {
        return Some(mention(tokens, index, index));
    }
    while index < words.len() && lexicon::DETERMINERS.contains(words[index]) {
        index += 1;
    }
    let mut last = None;
    while index < words.len() {
        let word = words[index];
        if word == "(" {
            let close = words[index..].iter().position(|w| *w == ")").map(|p| index + p);
            match close {
                Some(close) if close - index <= 4 && last.is_some() => {
                    last = Some(close);
                    index = close + 1;
                    continue;
                }
                _ => break,
            }
        }
        if word == "." && index > 0 && ABBREVIATED_TITLES.contains(words[index - 1]) {
            index += 1;
            continue;
        }
        if !tokens[index].is_word {
            break;
        }
        if (lexicon::MENTION_JOINERS.contains(word) || lexicon::DETERMINERS.contains(word)) && last.is_some() {
            // Joiners continue only when a mention word follows: `secretary of state`, `Leader of the Revolution`.
            let next = words[index + 1..].iter().find(|w| !lexicon::DETERMINERS.contains(w));
            if next.is_some_and(|w| is_mention_word(w))
                && (lexicon::MENTION_JOINERS.contains(word) || words[index - 1].eq_ignore_ascii_case("of"))
            {
                index += 1;
                continue;
            }
            break;
        }
        if !is_mention_word(word) && !(last.is_some() && closes_name_with_today(words, index)) {
            // `coast guard officials`: qualifiers count when a role or group noun closes them.
            let run = words[index..].iter().take(3).take_while(|w| lexicon::ROLE_MODIFIERS.contains(w)).count();
            let closes = words.get(index + run).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && (lexicon::ROLE_NOUNS.contains(w) || lexicon::ORGANIZATION_NOUNS.contains(w))
            });
            if run > 0 && closes {
                last = Some(index + run);
                index += run + 1;
                continue;
            }
            break;
        }
        last = Some(index);
        index += 1;
    }
    // A description before the name: `said a protester using the pseudonym Katya`, `tweeted former
    // thinktank executive Ken Gude`. The name must come soon, with no preposition on the way.
    let mut probe = index;
    // A possessive owns what follows (`Huber’s longtime partner Erick Rowan`): it is no name of the speaker.
    let has_name = words[start..index.min(words.len())]
        .iter()
        .any(|w| is_capitalised(w) && lexicon::is_name_word(w) && lexicon::strip_possessive(w) == *w);
    let has_description = !has_name && (index > start || words.get(index).is_some_and(|w| !is_capitalised(w)));
    while has_description
        && probe < words.len().min(start + 8)
        && tokens[probe].is_word
        && !lexicon::MENTION_JOINERS.contains(words[probe])
        && !matches!(words[probe], "in" | "at" | "on" | "from" | "for" | "with" | "by" | "near" | "to")
    {
        if is_capitalised(words[probe]) && lexicon::is_name_word(words[probe]) && !NOT_NAMES.contains(words[probe]) {
            let mut end = probe;
            while end + 1 < words.len() && tokens[end + 1].is_word && lexicon::is_name_word(words[end + 1]) {
                end += 1;
            }
            last = Some(end);
            break;
        }
        probe += 1;
    }
    let mut last = last?;
    // `the government's lawyer, Richard Keen`: a name set after the description, closing the sentence or clause.
    if words.get(last + 1) == Some(&",") {
        // (After the first name word, any capitalised word: `Dana White` is a name here.)
        let names = words[last + 2..]
            .iter()
            .enumerate()
            .take_while(|(i, w)| {
                lexicon::is_name_word(w) || *i > 0 && is_capitalised(w) && w.chars().all(char::is_alphabetic)
            })
            .count();
        let closes = words.get(last + 2 + names).is_none_or(|w| matches!(*w, "," | "." | ";"));
        // (`Acme Corp. chief executive, Dana White`: a role closing the mention is a description too.)
        let is_description =
            !words[start..=last].iter().any(|w| lexicon::is_name_word(w) && lexicon::strip_possessive(w) == *w)
                || lexicon::ROLE_NOUNS.contains(words[last]) && !is_capitalised(words[last]);
        if (2..=4).contains(&names) && closes && is_description {
            last += 1 + names;
        }
    }
    // `an AEW press release`, `a statement released by the court`: the medium and who issued it belong to
    // the mention, so that the issuer is found as the speaker.
    let is_word = |i: usize| i < words.len() && tokens[i].is_word;
    while is_word(last + 1)
        && (lexicon::MEDIUM_NOUNS.contains(words[last + 1]) || words[last + 1].eq_ignore_ascii_case("press"))
    {
        last += 1;
    }
    if lexicon::MEDIUM_NOUNS.contains(words[last]) {
        let mut by = last + 1;
        if is_word(by) && matches!(words[by], "released" | "issued" | "posted" | "sent" | "published") {
            by += 1;
        }
        if is_word(by)
            && matches!(words[by], "by" | "from" | "of")
            && let Some(issuer) = parse_mention_after(_text, tokens, words, by + 1)
        {
            last = issuer.last_token;
        }
    }
    let mention_words: Vec<&str> = words[start..=last].to_vec();
    has_head(&mention_words).then(|| mention(tokens, start, last))
}

/// True for a mention that names a person or a pronoun for one, rather than a place or organisation.
pub fn looks_like_person(words: &[&str]) -> bool {
    if words.len() == 1 && matches!(words[0], "He" | "She" | "he" | "she") {
        return true;
    }
    let words = without_parentheses(words);
    let head = words.iter().rev().find(|w| w.chars().any(char::is_alphanumeric)).copied().unwrap_or("");
    let has_name = words.iter().any(|w| lexicon::is_name_word(w));
    (has_name || lexicon::ROLE_NOUNS.contains(head)) && !lexicon::ORGANIZATION_NOUNS.contains(head)
}

/// The words outside parentheses: `Council (SNSC)` → `Council`.
pub fn without_parentheses<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut depth = 0usize;
    let mut kept = Vec::new();
    for word in words {
        match *word {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(*word),
            _ => {}
        }
    }
    kept
}
