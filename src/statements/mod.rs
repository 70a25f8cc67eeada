//! Statements: direct quotes and reported speech, each attributed to a speaker.
//!
//! Rules only, no model: quotation marks are paired (and recovered when they do not pair), speech verbs are
//! found outside quotes, the speaker mention is read next to the verb, and mentions are resolved within
//! the article — surnames to full names, roles to the person the article gave the role, pronouns to the
//! most recent speaker.

mod gender;
pub mod lexicon;
mod mentions;
mod resolve;
pub mod text;

use crate::article::{Article, LineRole};
use lexicon::CueKind;
pub use lexicon::{CALENDAR_WORDS, fold_name, is_title_word};
use mentions::{Mention, parse_mention_after, parse_mention_before};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::time::{Duration, Instant};
use text::{Quote, QuoteLookup, Token, find_quotes, sentences, tokenize};

/// What kind of statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// The words stand inside quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech holding a quoted fragment.
    Mixed,
}

/// What a statement attributes to its speaker: words said, a belief held, or an intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Act {
    /// Said, written, announced (`said`, `told`, a quotation).
    #[default]
    Speech,
    /// Believed or judged (`believes`, `thinks`, `fears`, `In his view`).
    Belief,
    /// Planned or wanted (`plans to`, `wants`, `hopes`).
    Intention,
}

/// The act a cue reports: an intention verb, a belief verb or an opinion phrase, else speech.
pub fn act_of(text: &str, cue: Option<&Range<usize>>) -> Act {
    let Some(cue) = cue else { return Act::Speech };
    let words: Vec<&str> = text[cue.clone()].split_whitespace().collect();
    match lexicon::cue_at(&words) {
        Some((_, CueKind::Intention)) => Act::Intention,
        _ if words.first().is_some_and(|w| matches!(*w, "In" | "From")) => Act::Belief,
        _ if words.iter().any(|w| lexicon::BELIEF_VERBS.contains(w) || lexicon::KNOWING_VERBS.contains(w)) => {
            Act::Belief
        }
        _ => Act::Speech,
    }
}

/// Whether a speaker is a person or an organisation (or a place speaking for its government).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    /// A person.
    Person,
    /// An organisation, government or place.
    Organization,
}

/// One statement in an article; ranges are byte ranges of the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// Speech, belief or intention.
    #[serde(default)]
    pub act: Act,
    /// What was said.
    pub text: Range<usize>,
    /// The speech verb, if any.
    pub cue: Option<Range<usize>>,
    /// The speaker as written at the statement, if written there.
    pub mention: Option<Range<usize>>,
    /// The speaker's canonical name within the article.
    pub speaker: Option<String>,
    /// Person or organisation.
    pub speaker_type: Option<SpeakerType>,
    /// True when the speaker is identified by a proper name (a person or a named organisation), false for a
    /// description (`officials`, `a source`, `police`, `the ministry's spokesperson`) or no speaker.
    pub named: bool,
    /// The description the article gives a named speaker (`Iran’s President`), as a byte range of the text.
    pub role: Option<Range<usize>>,
}

/// A statement before its speaker is resolved.
#[derive(Debug, Clone)]
struct Candidate {
    kind: StatementKind,
    text: Range<usize>,
    cue: Option<Range<usize>>,
    mention: Option<Mention>,
    /// Takes the speaker of the statement before it (a quote continuing, `…, adding that`).
    inherits_speaker: bool,
}

/// The time one article's extraction may take before it stops and keeps what it found, unless
/// `DOSSIER_EXTRACTION_SECONDS` says otherwise (0: no limit). Extraction is linear in the text, so only
/// hostile input comes near it; it is the last guard that keeps one file from holding a load.
pub fn time_budget() -> Option<Duration> {
    const DEFAULT_SECONDS: f64 = 5.0;
    let seconds = std::env::var("DOSSIER_EXTRACTION_SECONDS")
        .ok()
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .unwrap_or(DEFAULT_SECONDS);
    (seconds > 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// What extraction found, and where it stopped if its time ran out.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The statements, in text order.
    pub statements: Vec<Statement>,
    /// The byte offset where extraction stopped early; statements lie before it.
    pub stopped_at: Option<usize>,
}

/// Finds the statements of an article, in text order.
pub fn extract(article: &Article) -> Vec<Statement> {
    extract_until(article, None).statements
}

/// True for words in title case, as names of things are written (`Hero of the Soviet Union`, `Custodian of
/// the Federal Government.`): at most ten words, no sentence inside, every word but small ones capitalised
/// or a number.
fn is_quoted_name(said: &str) -> bool {
    let said = said.trim_end_matches(['.', ',']);
    let words: Vec<&str> = said.split_whitespace().collect();
    let is_small = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "in" | "on" | "to" | "a" | "an" | "vs." | "v.");
    (2..=10).contains(&words.len())
        && !said.contains(['.', '!', '?', ',', ';', ':'])
        && words.iter().all(|w| is_small(w) || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        && words.iter().filter(|w| !is_small(w)).count() >= 2
}

/// Finds the statements of an article, stopping at the first sentence begun after `deadline`.
pub fn extract_until(article: &Article, deadline: Option<Instant>) -> Extraction {
    let text = article.text.as_str();
    let mut paragraphs: Vec<Range<usize>> = article
        .lines
        .iter()
        .filter(|line| line.role == LineRole::Body)
        .map(|line| trim(text, line.range.clone()))
        .filter(|range| !range.is_empty())
        .collect();
    let mut quotes = find_quotes(text, &paragraphs);
    let quote_lookup = QuoteLookup::new(&quotes);
    let mut candidates = Vec::new();
    let mut stopped_at = None;
    // Each paragraph is tokenized once, for its sentences here and for finding who is named in resolve:
    // tokenizing was a sixth of extraction's time, done twice.
    let mut paragraph_tokens: Vec<Vec<Token>> =
        paragraphs.iter().map(|paragraph| tokenize(text, paragraph.clone())).collect();
    'paragraphs: for (paragraph, tokens) in paragraphs.iter().zip(&paragraph_tokens) {
        for sentence in sentences(text, paragraph.clone(), &quote_lookup) {
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                stopped_at = Some(sentence.start);
                break 'paragraphs;
            }
            let first = tokens.partition_point(|t| t.range.start < sentence.start);
            let last = tokens.partition_point(|t| t.range.start < sentence.end);
            // A word that runs past the sentence's end (never seen in news) is cut at it, as before.
            let sentence_tokens = match tokens[first..last].last() {
                Some(token) if token.range.end > sentence.end => tokenize(text, sentence.clone()),
                _ => tokens[first..last].to_vec(),
            };
            reported_speech(text, sentence.clone(), &sentence_tokens, &quote_lookup, &mut candidates);
        }
    }
    // Out of time: what follows the stop is not looked at, quotes included.
    if let Some(stop) = stopped_at {
        paragraphs.retain(|p| p.start < stop);
        paragraph_tokens.truncate(paragraphs.len());
        if let Some(last) = paragraphs.last_mut() {
            last.end = last.end.min(stop);
            paragraph_tokens[paragraphs.len() - 1] = tokenize(text, last.clone());
        }
        quotes.retain(|q| q.outer().end <= stop);
    }
    let mut used_quotes = vec![false; quotes.len()];
    // A quote inside reported speech makes it mixed, or direct when the quote is all it says. Quotes are in
    // text order, so only those opening inside the candidate are visited.
    for candidate in &mut candidates {
        let first = quotes.partition_point(|q| q.open < candidate.text.start);
        for (index, quote) in quotes.iter().enumerate().skip(first) {
            if quote.open >= candidate.text.end {
                break;
            }
            if candidate.text.start <= quote.open {
                used_quotes[index] = true;
                let outside = text[candidate.text.start..quote.open].trim().len()
                    + text
                        .get(quote.outer().end..candidate.text.end)
                        .map_or(0, |t| t.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()).len());
                if outside == 0 {
                    candidate.kind = StatementKind::Direct;
                    candidate.text = trim_quote_content(text, quote.content.clone());
                } else {
                    candidate.kind = StatementKind::Mixed;
                    candidate.text.end = candidate.text.end.max(quote.outer().end.min(sentence_end(
                        text,
                        &paragraphs,
                        quote.content.end,
                    )));
                    // `had "no plans at present," which is not the same as no plans`: a relative clause set off
                    // after the quotation, with no quotation of its own, is the writer's comment on it.
                    let after = text.get(quote.outer().end..candidate.text.end).unwrap_or("");
                    let set_off = text[quote.content.clone()].ends_with(',') || after.starts_with(',');
                    let comment = after.trim_start_matches([' ', ',']);
                    if set_off
                        && ["which ", "who "].iter().any(|opening| comment.starts_with(opening))
                        && !comment.contains(['"', '“', '”'])
                    {
                        candidate.text.end = trim(text, candidate.text.start..quote.outer().end).end;
                    }
                }
            }
        }
    }
    direct_quotes(text, &paragraphs, &quotes, &used_quotes, &mut candidates);
    // `awarded him the title “Hero of the Soviet Union”`, `the “Reproductive Health Care Reform Bill 2019”`:
    // a name in quotation marks is not what anyone said.
    candidates.retain(|c| !is_quoted_name(&text[c.text.clone()]));
    // Of candidates that start together, the longest comes first; one that starts inside an earlier one
    // reports the same words again and is dropped, so statements never overlap.
    candidates.sort_by_key(|c| (c.text.start, std::cmp::Reverse(c.text.end)));
    candidates.dedup_by(|later, earlier| later.text.start < earlier.text.end);
    Extraction { statements: resolve::resolve(text, &paragraphs, &paragraph_tokens, candidates), stopped_at }
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    // Measured from the trimmed start, so a range of blanks becomes empty instead of running backwards.
    start..start + slice.trim().len()
}

/// The end of the paragraph holding `position`.
fn sentence_end(text: &str, paragraphs: &[Range<usize>], position: usize) -> usize {
    paragraph_at(paragraphs, position).filter(|p| position <= p.end).map_or(text.len(), |p| p.end)
}

/// The last paragraph starting at or before `position` (paragraphs are in text order).
fn paragraph_at(paragraphs: &[Range<usize>], position: usize) -> Option<&Range<usize>> {
    paragraphs.partition_point(|p| p.start <= position).checked_sub(1).map(|i| &paragraphs[i])
}

/// Quote content without the trailing comma or full stop that sits inside the marks.
fn trim_quote_content(text: &str, content: Range<usize>) -> Range<usize> {
    let slice = &text[content.clone()];
    let start = content.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim_start().trim_end_matches(|c: char| c == ',' || c.is_whitespace()).len()
}

fn words_in(text: &str, range: Range<usize>) -> usize {
    text[range].split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Finds reported speech in one sentence: `X said (that) …`, `…, X said.`, `…, said X.`, `according to X, …`,
/// `X told Y that …`, `…, adding that …`, `X was quoted as saying …`.
fn reported_speech(
    text: &str,
    sentence: Range<usize>,
    tokens: &[Token],
    quotes: &QuoteLookup,
    candidates: &mut Vec<Candidate>,
) {
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    let in_quote = |position: usize| quotes.contains(position);
    let first_in_sentence = candidates.len();
    opinion_opening(text, &sentence, &tokens, &words, candidates);
    owned_claims(text, &sentence, &tokens, &words, candidates);
    let mut index = 0;
    while index < tokens.len() {
        let Some((length, cue_kind)) = lexicon::cue_at(&words[index..]) else {
            index += 1;
            continue;
        };
        if !tokens[index].is_word || in_quote(tokens[index].range.start) {
            index += length;
            continue;
        }
        // `the President’s claim`, `member states`: after a possessive, or an `-s` form after a plural noun,
        // the cue word is a noun.
        let previous = index.checked_sub(1).map(|i| words[i]);
        let after_possessive = previous.is_some_and(|w| w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’"));
        let after_plural = previous.is_some_and(|w| {
            w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && w.chars().all(|c| c.is_ascii_lowercase())
        }) && words[index].ends_with('s')
            && !words[index].ends_with("ss")
            // `US states`, `Gulf states`: after a place, `states` are countries.
            || words[index] == "states"
                && previous.is_some_and(|w| lexicon::is_place_word(w) || w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'.'));
        // `the report`, `their plans`: after an article or possessive pronoun the cue word is a noun too.
        let after_article = previous.is_some_and(|w| {
            matches!(
                w,
                "the"
                    | "The"
                    | "a"
                    | "A"
                    | "an"
                    | "An"
                    | "this"
                    | "these"
                    | "those"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "another"
            )
        });
        // `was reported missing`, `were told to leave`: a passive verb's subject is not who spoke.
        let is_be = |w: &str| matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be");
        // (`was quickly reported`: an adverb may stand between.)
        let be_before = previous.is_some_and(is_be)
            || previous.is_some_and(|w| w.ends_with("ly")) && index >= 2 && is_be(words[index - 2]);
        // (`are increasingly worried that …`: an attitude with its clause is held, not done to its subject.)
        let holds_clause = lexicon::BELIEF_VERBS.contains(words[index])
            && words.get(index + 1).is_some_and(|w| w.eq_ignore_ascii_case("that"));
        let is_passive = length == 1
            && be_before
            && !holds_clause
            && (words[index].ends_with("ed")
                || matches!(words[index], "told" | "said" | "written" | "found" | "shown"));
        if after_possessive || after_plural || after_article || is_passive {
            index += length;
            continue;
        }
        if lexicon::VIEWING_VERBS.contains(words[index]) && !charges_object(words[index], &words, index + 1) {
            index += length;
            continue;
        }
        let cue_range = tokens[index].range.start..tokens[index + length - 1].range.end;
        let cue_word = words[index].to_lowercase();
        let after_cue = index + length;
        let candidate = if cue_word == "according" {
            according_to(text, &sentence, &tokens, &words, index, after_cue)
        } else if cue_word == "saying" && index > 0 && words[index - 1].eq_ignore_ascii_case("as") {
            quoted_as_saying(text, &sentence, &tokens, &words, index, after_cue)
        } else if index >= 2 && words[index - 1] == "to" && cue_kind != CueKind::Intention {
            infinitive_cue(text, &sentence, &tokens, &words, index, after_cue, cue_kind, &cue_word)
        } else if is_participle(&cue_word)
            && cue_kind != CueKind::Intention
            && index > 0
            && (matches!(words[index - 1], "," | "and" | "while") || object_before(text, &tokens, &words, index))
        {
            // `X questioned …, saying …`: the speaker is the sentence's subject. `…, noting which birds …`
            // names what was looked at, not what was said.
            let content = content_after(text, &sentence, &tokens, &words, after_cue, &cue_word)
                .filter(|c| !matches!(text[c.clone()].split_whitespace().next(), Some("which" | "whose" | "whom")))
                // A verb that needs a clause needs one here too (`asking for clarifications` is none), but
                // for a warning of something or a request with an infinitive.
                .filter(|c| {
                    let next = words.get(after_cue).copied().unwrap_or("");
                    cue_kind == CueKind::Speech
                        || is_clause(text, &tokens, &words, after_cue, c)
                        || cue_word == "warning" && matches!(next, "of" | "about" | "against")
                        || charges_object(&cue_word, &words, after_cue)
                        || words[after_cue..].iter().take(5).any(|w| *w == "to") && next != "to"
                });
            // `X said A, adding B`: with an earlier statement in the sentence, its speaker.
            let subject = if candidates.len() > first_in_sentence {
                None
            } else {
                sentence_subject(text, &tokens, &words, index)
            };
            content.map(|content| Candidate {
                kind: StatementKind::Indirect,
                text: content,
                cue: None,
                inherits_speaker: subject.is_none(),
                mention: subject,
            })
        } else if length == 1 && matches!(cue_word.as_str(), "called" | "calls") {
            called_quotation(text, &tokens, &words, index, after_cue)
        } else if cue_kind == CueKind::Intention {
            intention(text, &sentence, &tokens, &words, index, after_cue, &cue_word)
        } else {
            finite_cue(text, &sentence, &tokens, &words, index, after_cue, cue_kind, &cue_word).or_else(|| {
                // `X told A that … and said …`: a second verb shares the subject of the first.
                // (`…, and has promised to …`: auxiliaries may stand between.)
                let is_second_verb = joined_at(&words, index).is_some_and(|at| words[at] != ",");
                // (`We looked at … and found that …` outside quotes: the writer's or an interviewee's own, and
                // so is `And then I have done … and would say …`.)
                let opens_in_first_person =
                    (0..index).any(|i| matches!(words[i], "I" | "We" | "we") && !in_quote(tokens[i].range.start));
                if !is_second_verb || opens_in_first_person {
                    return None;
                }
                let content = content_after(text, &sentence, &tokens, &words, after_cue, &cue_word)?;
                // (`… and advised U.S. citizens to leave`: an object and an infinitive report what was urged.)
                let is_speech = cue_kind == CueKind::Speech
                    || is_clause(text, &tokens, &words, after_cue, &content)
                    || urges_object(&cue_word, &words, after_cue)
                    || claims_infinitive(&cue_word, &words, after_cue);
                if !is_speech {
                    return None;
                }
                // With an earlier statement in the sentence, its speaker; else the sentence's subject (`X outlined … and said …`).
                let subject = if candidates.len() > first_in_sentence {
                    None
                } else {
                    sentence_subject(text, &tokens, &words, index)
                };
                Some(Candidate {
                    kind: StatementKind::Indirect,
                    text: content,
                    cue: None,
                    inherits_speaker: subject.is_none(),
                    mention: subject,
                })
            })
        };
        // `X added that his engineers had warned him …`: a speaker named inside what an earlier statement of
        // the sentence reports is part of that report, not a new statement that cuts it short.
        // (`Players would like to see more fans, the coach said.`: an attribution after its content reports
        // all of it when what it holds is a wish or a belief, which then ends before it. Speech reported
        // through another, `X said that …, Reuters reported`, stays X's.)
        let trailing_mention = candidate
            .as_ref()
            .and_then(|c| c.mention.as_ref().filter(|m| c.text.end <= m.range.start).map(|_| c.text.end));
        let is_trailing = trailing_mention.is_some()
            && candidates[first_in_sentence..].last().is_some_and(|p| act_of(text, p.cue.as_ref()) != Act::Speech);
        let is_nested = !is_trailing
            && candidate.as_ref().is_some_and(|c| {
                c.mention.as_ref().is_some_and(|m| {
                    candidates[first_in_sentence..]
                        .last()
                        .is_some_and(|p| p.text.start < m.range.end && m.range.start < p.text.end)
                })
            });
        // `I think …`, `you know, …`, `we know that …` outside quotes: a writer's or an interviewee's own
        // belief in a transcript, not one the article attributes.
        let speaks_for_self = candidate.as_ref().is_some_and(|c| {
            c.mention.as_ref().is_some_and(|m| {
                m.first_token == m.last_token && matches!(words[m.first_token], "I" | "we" | "We" | "you" | "You")
            })
        }) && (act_of(text, Some(&cue_range)) != Act::Speech
            // (`we can say`, `I could have said`: what one could say is no statement.)
            || words[..index].iter().rev().take(3).any(|w| {
                matches!(*w, "can" | "could" | "should" | "might" | "may" | "must")
            })
            || lexicon::needs_plain_clause(words[after_cue - 1])
            || lexicon::FINDING_VERBS.contains(words[after_cue - 1]));
        // (`X said that …, Reuters reported.`: the nested attribution ends what X said.)
        if is_nested
            && let Some(content_end) = trailing_mention
            && let Some(previous) = candidates[first_in_sentence..].last_mut()
            && previous.text.start < content_end
        {
            previous.text.end = previous.text.end.min(content_end);
        }
        if let (Some(mut candidate), false, false) = (candidate, is_nested, speaks_for_self) {
            candidate.cue = Some(cue_range);
            // `X told A that … and said that …`: the earlier statement ends where the later clause begins.
            if let Some(previous) = candidates[first_in_sentence..].last_mut()
                && previous.text.end > tokens[index].range.start
                && previous.text.start < tokens[index].range.start
            {
                let cut = if is_trailing {
                    candidate.text.end.max(previous.text.start)
                } else if let Some(at) = joined_at(&words, index) {
                    tokens[at].range.start
                } else {
                    tokens[index].range.start
                };
                previous.text.end = trim(text, previous.text.start..cut).end;
                let cut_text = &text[previous.text.clone()];
                previous.text.end = previous.text.start + cut_text.trim_end_matches([',', ' ', ';']).len();
                if candidate.mention.is_none() && !candidate.inherits_speaker {
                    candidate.inherits_speaker = true;
                }
            }
            if words_in(text, candidate.text.clone()) >= 2 {
                candidates.push(candidate);
            }
        }
        index = after_cue;
    }
}

/// `claimed to have …`, `vowed to appeal`: what is claimed, vowed, pledged, promised or threatened in an infinitive.
fn claims_infinitive(cue_word: &str, words: &[&str], after_cue: usize) -> bool {
    words.get(after_cue) == Some(&"to")
        && ["claim", "vow", "pledg", "promis", "threat"].iter().any(|stem| cue_word.starts_with(stem))
}

/// Where `and`, `but` or a comma joins the verb at `index` to what comes before, over up to two auxiliaries or
/// adverbs (`and has promised`, `, and also said`).
fn joined_at(words: &[&str], index: usize) -> Option<usize> {
    let mut at = index;
    while at > 0 && index - at < 2 && lexicon::SKIPPABLE_BEFORE_CUE.contains(words[at - 1]) {
        at -= 1;
    }
    at.checked_sub(1).filter(|&joiner| matches!(words[joiner], "and" | "," | "but"))
}

/// Verbs that pass their subject to an infinitive cue right after them (`seemed to suggest`, `came to believe`,
/// `was quick to say`).
static RAISING_VERBS: lexicon::Lexicon = lexicon::Lexicon::new(&[
    "seemed",
    "seems",
    "seem",
    "appeared",
    "appears",
    "appear",
    "came",
    "come",
    "comes",
    "continued",
    "continues",
    "proceeded",
    "hastened",
    "rushed",
    "tried",
    "tries",
    "sought",
    "attempted",
    "quick",
]);

/// `X took to Twitter to say that …`, `X went on to argue …`, `X seemed to suggest that …`, `X used the speech
/// to argue …`: a cue in an infinitive after one of these verbs reports what that verb's subject said, when a
/// clause follows it.
#[allow(clippy::too_many_arguments)]
fn infinitive_cue(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    index: usize,
    after_cue: usize,
    cue_kind: CueKind,
    cue_word: &str,
) -> Option<Candidate> {
    // (`to show`, `to find`: what is shown is no statement.)
    if lexicon::FINDING_VERBS.contains(cue_word) {
        return None;
    }
    let to = index - 1;
    // (`is expected to deny`: a passive `expected` passes its subject on too.)
    let expected = to >= 2 && words[to - 1] == "expected" && matches!(words[to - 2], "is" | "are" | "was" | "were");
    let governing = if RAISING_VERBS.contains(words[to - 1]) || expected {
        to - 1
    } else if to >= 2 && words[to - 1] == "on" && matches!(words[to - 2], "went" | "goes" | "going" | "go") {
        to - 2
    } else {
        // `took to Twitter to`, `used the speech to`: the verb stands a short phrase before.
        (to.saturating_sub(5)..to - 1).rev().find(|&at| {
            matches!(words[at], "took" | "takes" | "taking") && words[at + 1] == "to"
                || matches!(words[at], "used" | "uses" | "using")
        })?
    };
    let content = content_after(text, sentence, tokens, words, after_cue, cue_word)?;
    // (A speech verb takes anything after a finite verb, so here it needs a plainly opened clause, as verbs of
    // knowing and agreeing always do.)
    let reports = if cue_kind == CueKind::Speech || lexicon::needs_plain_clause(cue_word) {
        opens_clause(text, tokens, words, after_cue, &content)
    } else {
        is_clause(text, tokens, words, after_cue, &content)
    };
    if !reports {
        return None;
    }
    let subject = parse_mention_before(text, tokens, words, governing)
        .or_else(|| sentence_subject(text, tokens, words, governing))?;
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(subject),
        inherits_speaker: false,
    })
}

/// `In his view, …`, `In Smith’s opinion, …`, `From her point of view, …`: a belief attributed to the owner.
fn opinion_opening(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    candidates: &mut Vec<Candidate>,
) {
    let Some(first) = words.first() else { return };
    if !matches!(*first, "In" | "From") || words.len() < 5 {
        return;
    }
    // The owner is a pronoun or a possessive mention (`In the senator's view`, `In Sanders' view`).
    let opinion_noun = |w: &str| matches!(w, "view" | "opinion" | "estimation" | "judgement" | "judgment");
    let Some(noun) = (2..words.len().min(8)).find(|&i| {
        opinion_noun(words[i])
            || words[i] == "point" && words.get(i + 1) == Some(&"of") && words.get(i + 2) == Some(&"view")
    }) else {
        return;
    };
    let noun_end = if words[noun] == "point" { noun + 3 } else { noun + 1 };
    let owner_word = words[noun - 1];
    // (A plural's apostrophe stands alone.)
    let plural_apostrophe = matches!(owner_word, "'" | "’") && words[noun - 2].ends_with('s');
    let mention = if noun == 2 && matches!(owner_word, "his" | "her" | "their") {
        Mention { range: tokens[1].range.clone(), first_token: 1, last_token: 1 }
    } else if lexicon::strip_possessive(owner_word) != owner_word || plural_apostrophe {
        let owner_end = if plural_apostrophe { noun - 1 } else { noun };
        match parse_mention_before(text, tokens, words, owner_end) {
            Some(mention)
                if (1..=2).contains(&mention.first_token)
                    && words[1..mention.first_token].iter().all(|w| w.eq_ignore_ascii_case("the")) =>
            {
                mention
            }
            _ => return,
        }
    } else {
        return;
    };
    if words.get(noun_end) != Some(&",") {
        return;
    }
    let Some(content) = content_after(text, sentence, tokens, words, noun_end + 1, "") else { return };
    if words_in(text, content.clone()) < 3 {
        return;
    }
    candidates.push(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: Some(tokens[0].range.start..tokens[noun_end - 1].range.end),
        mention: Some(mention),
        inherits_speaker: false,
    });
}

/// `Trump's claim that the vote was rigged`, `her fear that …`: what a noun of speech or belief says, owned
/// by whoever holds it. The content ends at the next comma, or with the sentence: the clause usually
/// goes on about the claim itself (`… has been rejected by the courts`), which the rules cannot cut.
fn owned_claims(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    candidates: &mut Vec<Candidate>,
) {
    for noun in 1..words.len().saturating_sub(2) {
        // (`that` first: it is rare, and the word list is asked about far fewer words.)
        // `Clinton's promise to raise taxes`: a promise, pledge or threat owned reports an intention.
        let owns_that = words[noun + 1].eq_ignore_ascii_case("that") && lexicon::CLAIM_NOUNS.contains(words[noun]);
        // (So does an offer made: `Honcharuk's offer to resign`. A plan is a thing, not something said.)
        let owns_to =
            words[noun + 1] == "to" && matches!(words[noun], "promise" | "pledge" | "vow" | "threat" | "offer");
        if !owns_that && !owns_to {
            continue;
        }
        let owner = words[noun - 1];
        // (`Sanders' argument`: a plural's apostrophe stands alone.)
        let plural_apostrophe = matches!(owner, "'" | "’") && noun >= 2 && words[noun - 2].ends_with('s');
        let is_possessive = lexicon::strip_possessive(owner) != owner || plural_apostrophe;
        // (`the senator's warning`: a role or body owns it as a name does.)
        let owner_speaks = owner.chars().next().is_some_and(char::is_uppercase)
            || lexicon::ROLE_NOUNS.contains(owner)
            || lexicon::ORGANIZATION_NOUNS.contains(owner);
        let mention = if matches!(owner, "his" | "her" | "their" | "His" | "Her" | "Their") {
            Mention { range: tokens[noun - 1].range.clone(), first_token: noun - 1, last_token: noun - 1 }
        } else if is_possessive && (owner_speaks || plural_apostrophe) {
            let owner_end = if plural_apostrophe { noun - 1 } else { noun };
            match parse_mention_before(text, tokens, words, owner_end) {
                Some(mention) => mention,
                None => continue,
            }
        } else if noun >= 3 && matches!(owner, "a" | "an") && ISSUING_VERBS.contains(&words[noun - 2]) {
            // `The Department issued a statement that …`: the claim is the issuer's, the subject of the verb.
            match parse_mention_before(text, tokens, words, noun - 2) {
                Some(mention) => mention,
                None => continue,
            }
        } else {
            continue;
        };
        let content_start = if owns_that { noun + 2 } else { noun + 1 };
        let Some(mut content) = content_after(text, sentence, tokens, words, content_start, "") else { continue };
        if let Some(comma) = words[content_start..].iter().position(|w| matches!(*w, "," | ":")) {
            content.end = content.end.min(tokens[content_start + comma].range.start);
        }
        // `Trump's claim that millions voted illegally has been debunked`: owned by the sentence's subject, the
        // claim ends before the sentence's own verb, the second verb in it.
        if resolve::opens_sentence(text, tokens[mention.first_token].range.start) {
            let is_verb = |w: &str| lexicon::CLAUSE_MARKERS.contains(w) || is_past_tense(w);
            let first_verb = if owns_to {
                Some(content_start + 1)
            } else {
                (content_start..words.len()).find(|&i| tokens[i].range.start >= content.start && is_verb(words[i]))
            };
            let main_verb = first_verb.and_then(|first| {
                (first + 2..words.len()).find(|&i| {
                    tokens[i].range.end <= content.end
                        && is_verb(words[i])
                        && !lexicon::CLAUSE_MARKERS.contains(words[i - 1])
                })
            });
            if let Some(main) = main_verb {
                content.end = trim(text, content.start..tokens[main - 1].range.end).end;
            }
        }
        if words_in(text, content.clone()) < 3 {
            continue;
        }
        candidates.push(Candidate {
            kind: StatementKind::Indirect,
            text: content,
            cue: Some(tokens[noun].range.clone()),
            mention: Some(mention),
            inherits_speaker: false,
        });
    }
}

fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
}

/// `explained the decision to ban the players saying …`, `wrote to the minister asking …`: the noun just before a
/// participle is what an earlier verb or preposition governs, not who speaks. (Not after a word that takes the
/// participle's subject, `with local media reporting …`, `despite X claiming …`; nor a medium, `issued a
/// statement saying …`; nor a subject with its auxiliary, `they were asking`.)
fn object_before(text: &str, tokens: &[Token], words: &[&str], index: usize) -> bool {
    parse_mention_before(text, tokens, words, index).is_some_and(|m| {
        m.last_token + 1 == index
            && m.first_token > 0
            && !matches!(words[m.first_token - 1], "with" | "without" | "despite" | "amid" | "after" | "before")
            && words[m.first_token - 1].chars().next().is_some_and(char::is_lowercase)
            && !lexicon::MEDIUM_NOUNS.contains(words[m.last_token])
            && !lexicon::PRONOUNS.contains(words[m.last_token])
    })
}

/// The subject of a sentence, read before a participle cue: its first person-like mention (`Rouhani` in
/// `Elsewhere in his remarks, Rouhani questioned …, saying …`), or a leading `He`/`She`.
fn sentence_subject(text: &str, tokens: &[Token], words: &[&str], before: usize) -> Option<Mention> {
    // (`The Biden campaign criticized …, accusing the president of …`: a body opening the sentence is its subject,
    // and so is a group, after a quantifier (`Nearly all legal experts consider …, arguing …`); people are found
    // below.)
    let opening_start = words
        .iter()
        .take_while(|w| {
            mentions::NOT_NAMES.contains(w)
                || ["all", "of", "the", "other", "many", "some", "several", "most"]
                    .iter()
                    .any(|q| w.eq_ignore_ascii_case(q))
        })
        .count()
        .min(3);
    // (`Other Republicans have … and have urged …`: a party's members are a group too.)
    if let Some(opening) = parse_mention_after(text, tokens, words, opening_start)
        && words[opening.first_token..=opening.last_token].iter().any(|w| {
            lexicon::ORGANIZATION_NOUNS.contains(w)
                || lexicon::ROLE_NOUNS.contains(w)
                || matches!(*w, "Republicans" | "Democrats" | "Conservatives" | "Liberals" | "Tories")
        })
        && opening.last_token + 1 < before
        && words[opening.last_token + 1].chars().next().is_some_and(char::is_lowercase)
        && tokens[opening.last_token + 1].is_word
    {
        return Some(opening);
    }
    // `The plan was described by Johnson as …, saying …`: the agent of a passive is who speaks.
    let agent = (2..before.saturating_sub(1)).find(|&by| {
        words[by] == "by"
            && is_past_tense(words[by - 1])
            && words[by.saturating_sub(3)..by - 1].iter().any(|w| matches!(*w, "was" | "were" | "is" | "are" | "been"))
    });
    if let Some(mention) = agent.and_then(|by| parse_mention_after(text, tokens, words, by + 1))
        && mention.last_token < before
        && mentions::looks_like_person(&words[mention.first_token..=mention.last_token])
    {
        return Some(mention);
    }
    // (`This Wednesday Greek Foreign Minister …`: an opener or a date is no part of a name.)
    let is_name_start = |word: &str| {
        word.chars().next().is_some_and(char::is_uppercase)
            && !lexicon::CALENDAR_WORDS.contains(word)
            && !mentions::NOT_NAMES.contains(word)
    };
    (0..before).find_map(|start| {
        let word = words[start];
        let is_start = is_name_start(word) || contains_pronoun(word);
        let follows_capital = start > 0 && tokens[start - 1].is_word && is_name_start(words[start - 1]);
        // Names inside a prepositional phrase (`the chairman of Iraq’s …`, `met with X`) are not the subject.
        let governed = start > 0
            && matches!(
                words[start - 1].to_lowercase().as_str(),
                "of" | "with"
                    | "to"
                    | "by"
                    | "from"
                    | "for"
                    | "or"
                    | "and"
                    | "in"
                    | "at"
                    | "on"
                    | "against"
                    | "about"
                    | "between"
                    | "among"
            );
        // (`Having won multiple tournaments, IM Dorsa Derakhshani …`: an opening participle is no name.)
        let opening_participle = start == 0
            && is_participle(word)
            && words.get(1).is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
        if !is_start || follows_capital || governed || opening_participle {
            return None;
        }
        let mention = parse_mention_after(text, tokens, words, start)?;
        let is_person_like = mention.last_token < before
            && mentions::looks_like_person(&words[mention.first_token..=mention.last_token]);
        is_person_like.then_some(mention)
    })
}

fn contains_pronoun(word: &str) -> bool {
    matches!(word, "He" | "She" | "he" | "she")
}

/// The reported content after a cue: skips `that`, a colon, and for `told`/`asked` the person told; ends at the sentence's end.
fn content_after(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    mut index: usize,
    cue_word: &str,
) -> Option<Range<usize>> {
    if matches!(cue_word, "told" | "tells" | "telling" | "asked" | "asking" | "reminded" | "assured" | "informed") {
        // The person told: up to `that` when it comes soon, else a short noun phrase.
        // (Not past a comma: `told state media, adding that …` adds a second statement.)
        if let Some(that) =
            words[index..].iter().take(10).take_while(|w| **w != ",").position(|w| w.eq_ignore_ascii_case("that"))
        {
            index += that;
        } else {
            // (`told police she …`, `informed the chess federation she …`: a role or a body is the person told.)
            let listed = |w: &str| {
                matches!(
                    w,
                    "reporters" | "journalists" | "parliament" | "media" | "press" | "television" | "radio" | "state"
                ) || lexicon::ROLE_NOUNS.contains(w)
                    || lexicon::ORGANIZATION_NOUNS.contains(w)
            };
            // `told reporters the water …`, `told The Jakarta Post he …`: a determiner or subject pronoun after
            // the person told opens what was said.
            // (`told the court she …`: a noun after a determiner is the person told too.)
            let object_end = words[index..].iter().enumerate().take(6).position(|(i, w)| {
                let previous = i.checked_sub(1).map(|p| words[index + p]);
                // (`asked her to …`: `her` is the person told when `to` follows.)
                let follows_determiner =
                    previous.is_some_and(|p| lexicon::DETERMINERS.contains(p) && !(p == "her" && *w == "to"));
                let after_object = previous.is_some_and(|previous| {
                    listed(previous)
                        || !follows_determiner
                            && (previous.chars().next().is_some_and(char::is_uppercase)
                                || i >= 2 && lexicon::DETERMINERS.contains(words[index + i - 2]))
                });
                // (`told CNN, neighbors from …`: a comma ends the person told.)
                *w == ","
                    || after_object && (lexicon::DETERMINERS.contains(w) || lexicon::PRONOUNS.contains(w))
                    || w.chars().next().is_some_and(|c| c.is_lowercase())
                        && !lexicon::DETERMINERS.contains(w)
                        && !listed(w)
                        && !follows_determiner
            });
            // (`told the press.`: nothing but the person told follows.)
            if object_end.is_none() && words.len() - index <= 3 {
                return None;
            }
            index += object_end.unwrap_or(0);
            if words.get(index).is_some_and(|w| matches!(*w, "reporters" | "journalists")) {
                index += 1;
            }
        }
    }
    // `claimed, without evidence, that …`: an aside between commas stands before what was said.
    if words.get(index) == Some(&",")
        && let Some(close) = words[index + 1..].iter().take(7).position(|w| *w == ",")
        && words.get(index + close + 2).is_some_and(|w| w.eq_ignore_ascii_case("that"))
        && words[index + 1..index + 1 + close].iter().all(|w| w.chars().any(char::is_alphanumeric))
    {
        index += close + 1;
    }
    while index < words.len()
        && (matches!(words[index], ":" | "," | "—" | "–") || words[index].eq_ignore_ascii_case("that"))
    {
        index += 1;
    }
    // `told the world on Thursday via Twitter.`: a short phrase opened by a preposition says when or how,
    // not what.
    let rest = &words[index..];
    if rest.first().is_some_and(|w| matches!(*w, "on" | "in" | "at" | "via" | "during" | "over" | "through"))
        && rest.iter().filter(|w| w.chars().any(char::is_alphanumeric)).count() <= 6
    {
        return None;
    }
    // (`Serbians protested; the protest started …`: a semicolon ends the clause of the verb.)
    if words.get(index) == Some(&";") {
        return None;
    }
    let start = tokens.get(index)?.range.start;
    let end = sentence.start + text[sentence.clone()].trim_end_matches(|c: char| c == '.' || c.is_whitespace()).len();
    (start < end).then_some(start..end)
}

/// `X said …`, `…, X said.`, `…, said X.`
#[allow(clippy::too_many_arguments)]
fn finite_cue(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    index: usize,
    after_cue: usize,
    cue_kind: CueKind,
    cue_word: &str,
) -> Option<Candidate> {
    let before = parse_mention_before(text, tokens, words, index).map(|m| issuer_of_medium(text, tokens, words, m));
    // `put it` reports only in `As X put it, …`.
    if cue_word == "put"
        && !before.as_ref().is_some_and(|m| m.first_token > 0 && words[m.first_token - 1].eq_ignore_ascii_case("as"))
    {
        return None;
    }
    let plain_clause = lexicon::needs_plain_clause(words[after_cue - 1]);
    // Without a speaker before the verb only an inverted attribution (`…, said X.`) can follow: a comma
    // just before the verb.
    if before.is_none() && !(index > 0 && matches!(words[index - 1], "," | "”" | "\"" | "’")) {
        return None;
    }
    // `said Wednesday in an interview …`, `stated last week it …`: a time right after the verb is not what
    // was said; what follows it is.
    let after_cue = after_cue + time_after(words, after_cue);
    // `said of the delay, …`, `think of a car that …`: what it was said of is no content.
    let mut content_follows = match words.get(after_cue) {
        Some(&"of") => None,
        _ => content_after(text, sentence, tokens, words, after_cue, cue_word),
    };
    // `X said in a statement that …` reports what follows `that`; `…,” X said in a meeting with Y.` reports nothing after the verb.
    // (But for an infinitive claimed or vowed.)
    let claims_infinitive = claims_infinitive(cue_word, words, after_cue);
    let opens_with_preposition = !claims_infinitive
        && words.get(after_cue).is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "in" | "at"
                    | "on"
                    | "during"
                    | "after"
                    | "before"
                    | "while"
                    | "with"
                    | "from"
                    | "by"
                    | "to"
                    | "for"
                    | "via"
                    | "through"
                    | "late"
                    | "earlier"
                    | "later"
            )
        });
    if opens_with_preposition {
        let that =
            words[after_cue..].iter().position(|w| w.eq_ignore_ascii_case("that") || *w == ":").map(|p| after_cue + p);
        // Without `that`: `said at a press conference on Friday the gun laws should change` — a clause
        // (a determiner or pronoun with a verb close behind) after a short phrase of place or time.
        let clause_start = || {
            (after_cue + 1..words.len().min(after_cue + 12)).find(|&start| {
                let opens = lexicon::DETERMINERS.contains(words[start])
                    || lexicon::PRONOUNS.contains(words[start])
                    || words[start].eq_ignore_ascii_case("it");
                let previous_is_preposition = matches!(
                    words[start - 1].to_lowercase().as_str(),
                    "in" | "at" | "on" | "with" | "to" | "of" | "for" | "from" | "by" | "during" | "after" | "before"
                );
                // (`said in a filing on Tuesday it posted …`: a pronoun with a past-tense verb is a clause too.)
                let verb_follows = words[start + 1..].iter().take(5).any(|w| lexicon::CLAUSE_MARKERS.contains(w))
                    || !lexicon::DETERMINERS.contains(words[start])
                        && words.get(start + 1).is_some_and(|w| is_past_tense(w));
                opens
                    && !previous_is_preposition
                    && verb_follows
                    && !words[after_cue..start].iter().any(|w| matches!(*w, "," | "who" | "which"))
            })
        };
        content_follows = match that {
            Some(that) => content_after(text, sentence, tokens, words, that + 1, cue_word),
            None => clause_start().and_then(|start| content_after(text, sentence, tokens, words, start, cue_word)),
        };
    }
    // `X report on Saturday, which figured …`: a relative clause is about a noun, not what was said; `declared
    // last Friday so he could …` gives a purpose or reason, not what was said.
    if content_follows.as_ref().is_some_and(|c| {
        let first = text[c.clone()].split_whitespace().next().unwrap_or("");
        matches!(
            first,
            "which"
                | "who"
                | "whom"
                | "whose"
                | "so"
                | "because"
                | "although"
                | "though"
                | "since"
                | "until"
                | "unless"
        )
    }) {
        content_follows = None;
    }
    // `China, which claims sovereignty over Taiwan, …`: what a relative clause's verb reports ends with the clause.
    // (The verb belongs to the clause when no comma stands between `which` and it; `X, who chairs Y, said`
    // has its verb outside.)
    let in_relative_clause = before.as_ref().is_some_and(|m| {
        let between = &words[m.last_token + 1..index];
        between.first() == Some(&",")
            && between
                .iter()
                .position(|w| matches!(*w, "which" | "who"))
                .is_some_and(|at| !between[at..].contains(&","))
    });
    // `After Lockhart questioned whether …, Trump alleged …`: so does a clause opened by a subordinating word
    // before the sentence's main clause.
    let in_fronted_clause = before.as_ref().is_some_and(|m| {
        let clause_start = words[..m.first_token].iter().rposition(|w| *w == ",").map_or(0, |comma| comma + 1);
        words[clause_start..m.first_token].iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "after"
                    | "when"
                    | "while"
                    | "although"
                    | "though"
                    | "because"
                    | "since"
                    | "if"
                    | "once"
                    | "before"
                    | "until"
            )
        })
    });
    if (in_relative_clause || in_fronted_clause)
        && let Some(content) = &mut content_follows
        && let Some(comma) = clause_end(words, after_cue).map(|at| tokens[at].range.start)
        && comma > content.start
    {
        content.end = content.end.min(comma);
    }
    let trailing_words = content_follows.as_ref().map_or(0, |c| words_in(text, c.clone()));
    // `…, X said.` / `…, X said on Monday.`: the content is before the mention.
    let comma_before = |start_token: usize| start_token > 0 && matches!(words[start_token - 1], "," | "”" | "\"" | "’");
    // `…, they said Sunday — murder carrying …`: a dash after the verb adds to what was said before, unless
    // a quotation follows it (`X said — as reported by Y — “…”`).
    let dash_after = matches!(words.get(after_cue), Some(&"—") | Some(&"–"))
        && !words[after_cue..].iter().any(|w| matches!(*w, "\"" | "“"));
    // `Regarding the hardest part, Sufianov said it was English.`: a clause after the verb is what was said.
    // (`…, officials told state media, adding that …`: a comma after the person told ends the attribution too.)
    let comma_then_content =
        content_follows.as_ref().is_some_and(|c| text[sentence.start..c.start].trim_end().ends_with(','));
    let clause_follows = trailing_words >= 2
        && !opens_with_preposition
        && !comma_then_content
        && !dash_after
        && content_follows.as_ref().is_some_and(|c| is_clause(text, tokens, words, after_cue, c));
    // (`Refusing to give up power, Mugabe agreed to …`: a verb of agreeing or knowing with words after it
    // reports nothing before it.)
    let reports_before = !plain_clause || words.get(after_cue).is_none_or(|w| !w.chars().any(char::is_alphanumeric));
    if let Some(mention) = &before
        && comma_before(mention.first_token)
        && reports_before
        && !clause_follows
        && (trailing_words <= 6 || opens_with_preposition || comma_then_content || dash_after)
        && !content_follows.as_ref().is_some_and(|c| text[c.clone()].starts_with(['"', '“']))
    {
        let end = tokens[mention.first_token - 1].range.start;
        let mut content = content_before(text, sentence, tokens, words, end)?;
        // `This year, he said, he came to support …`: an attribution set between commas inside a sentence
        // reports the whole sentence, not the few words before it.
        // (A quotation before the speaker is whole: `“We're hopeful,” Lopez said, adding …`.)
        let is_parenthetical = words.get(after_cue) == Some(&",")
            && words_in(text, content.clone()) <= 4
            && !text[content.clone()].starts_with(['"', '“'])
            && content_follows.as_ref().is_some_and(|c| words_in(text, c.clone()) >= 3);
        if let (true, Some(rest)) = (is_parenthetical, &content_follows) {
            content.end = rest.end;
        }
        // `On Friday, O'Rourke said …`: a time or a linking word before the speaker is no statement; what
        // follows the verb is.
        let first_word = text[content.clone()].split_whitespace().next().unwrap_or("").to_lowercase();
        // (`At one Biden rally in Pennsylvania, Trump supporters chanted …`: a longer phrase of place or time
        // with no verb in it is no statement either.)
        let is_phrase = words_in(text, content.clone()) <= 8
            && matches!(first_word.as_str(), "at" | "in" | "on" | "during" | "after" | "before")
            && !text[content.clone()].contains(['"', '“', ','])
            && !text[content.clone()]
                .split_whitespace()
                .any(|w| lexicon::CLAUSE_MARKERS.contains(w) || is_past_tense(w) || lexicon::PRONOUNS.contains(w));
        let is_adverbial = is_phrase
            || words_in(text, content.clone()) <= 4
                && (CALENDAR_WORDS.contains(first_word.as_str())
                    || matches!(
                        first_word.as_str(),
                        "on" | "in"
                            | "at"
                            | "during"
                            | "after"
                            | "before"
                            | "earlier"
                            | "later"
                            | "last"
                            | "this"
                            | "however,"
                            | "however"
                            | "meanwhile,"
                            | "meanwhile"
                            | "yesterday"
                            | "today"
                            | "then"
                    ));
        // `Asked whether he would resign, Smith said no.`: the question put to the speaker is not what they said.
        // So is the occasion (`When interviewed by the BBC, Day said …`, `Speaking to reporters, …`).
        let is_participle_word = |w: &str| w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"));
        // (A participle alone opening a short phrase with no verb: `Rising costs have hurt families` is said.)
        let content_words: Vec<&str> = text[content.clone()].split_whitespace().collect();
        let is_occasion = match content_words.as_slice() {
            [_, second, ..] if matches!(first_word.as_str(), "when" | "while" | "if" | "after" | "before") => {
                is_participle_word(&second.to_lowercase())
            }
            [opener, rest @ ..] => {
                first_word == "asked"
                    || is_participle_word(&opener.to_lowercase())
                        && rest.len() < 8
                        && !rest.iter().any(|w| lexicon::CLAUSE_MARKERS.contains(w))
            }
            [] => false,
        };
        // (Then what follows the verb is looked at as with no comma before the speaker, below: `In a
        // livestream, X shared with …` says nothing.)
        if !(is_adverbial || is_occasion) || is_parenthetical {
            return Some(Candidate {
                kind: StatementKind::Indirect,
                text: content,
                cue: None,
                mention: before,
                inherits_speaker: false,
            });
        }
    }
    if before.is_none() && index > 0 && comma_before(index) && lexicon::INVERTING_VERBS.contains(cue_word) {
        // `…, said the minister.`
        let mention = parse_mention_after(text, tokens, words, after_cue)?;
        // The sentence ends soon after the mention, or it was no inverted attribution (`…, said the government is …`);
        // a phrase set off by a comma may follow (`…, insists X, in seeing …`).
        let rest = words[mention.last_token + 1..].iter().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        // (`…, says members will vote`: a verb right after the mention makes it the subject of what was said.)
        let verb_follows = words.get(mention.last_token + 1).is_some_and(|w| lexicon::CLAUSE_MARKERS.contains(w));
        if rest > 4 && words.get(mention.last_token + 1) != Some(&",") || verb_follows {
            return None;
        }
        // `…, said he was not surprised`: a pronoun with words after it opens what was said.
        if rest > 0
            && mention.first_token == mention.last_token
            && lexicon::PRONOUNS.contains(words[mention.first_token])
        {
            return None;
        }
        let mut content = content_before(text, sentence, tokens, words, tokens[index - 1].range.start)?;
        // `The answer, says Lopez, is more support`: set between commas inside a clause, the attribution
        // reports the whole sentence.
        let clause_goes_on = words.get(mention.last_token + 1) == Some(&",")
            && words.get(mention.last_token + 2).is_some_and(|w| lexicon::CLAUSE_MARKERS.contains(w))
            && !text[content.clone()].starts_with(['"', '“']);
        // (As for `This year, he said, he came …` above: the content runs on to what follows the attribution.)
        if clause_goes_on && let Some(rest) = content_after(text, sentence, tokens, words, mention.last_token + 2, "") {
            content.end = rest.end;
        }
        return Some(Candidate {
            kind: StatementKind::Indirect,
            text: content,
            cue: None,
            mention: Some(mention),
            inherits_speaker: false,
        });
    }
    let mention = before?;
    let content = content_follows?;
    // `who asked not to be named`: a request for anonymity says nothing; nor does `said little about …`.
    let content_text = &text[content.clone()];
    let says_nothing = ["little ", "nothing ", "much ", "anything "].iter().any(|opening| {
        content_text.starts_with(opening)
            && !content_text[opening.len()..]
                .split_whitespace()
                .next()
                .is_some_and(|w| lexicon::CLAUSE_MARKERS.contains(w))
    });
    if content_text.starts_with("not to be ") || says_nothing {
        return None;
    }
    let urges_object = urges_object(cue_word, words, after_cue);
    // (`denied mocking the reporter`, `admitted having lied`: what is denied or admitted may be a gerund with its
    // object; `denied funding for …` is a noun.)
    let gerund = |w: &str| w.len() > 5 && w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase());
    let charges = charges_object(cue_word, words, after_cue)
        || matches!(cue_word, "denied" | "denies" | "admitted" | "admits" | "acknowledged" | "acknowledges")
            && words.get(after_cue).is_some_and(|w| gerund(w))
            && words.get(after_cue + 1).is_some_and(|w| {
                lexicon::DETERMINERS.contains(w)
                    || lexicon::PRONOUNS.contains(w)
                    || matches!(*w, "him" | "her" | "them" | "it" | "to")
                    || is_past_tense(w)
            });
    // `The poll found Clinton leading Trump`, `Polls show the race is tied`: what research finds needs no `that`,
    // and a standing in a participle is a finding too.
    let research_finds = lexicon::FINDING_VERBS.contains(words[after_cue - 1])
        && words[mention.first_token..=mention.last_token].iter().any(|w| lexicon::RESEARCH_NOUNS.contains(w));
    let finds_standing = research_finds && standing_after(words, after_cue);
    if cue_kind == CueKind::NeedsClause
        && !claims_infinitive
        && !urges_object
        && !charges
        && !finds_standing
        && !is_clause(text, tokens, words, after_cue, &content)
    {
        return None;
    }
    // `knew the area well`, `assumed office after the vote was held`, `agreed a deal`: a verb of knowing or
    // agreeing reports a clause only when one plainly opens after it.
    if plain_clause && !opens_clause(text, tokens, words, after_cue, &content) {
        return None;
    }
    // (`found it difficult`, `showed them the door`: what was found or shown is said only after `that`; `criticized
    // the move` says nothing without what it was criticized for.)
    let needs_that = lexicon::FINDING_VERBS.contains(words[after_cue - 1]) && !research_finds
        || lexicon::JUDGING_VERBS.contains(cue_word) && !charges;
    if needs_that && !opens_with_that(text, tokens, words, after_cue, &content) {
        return None;
    }
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(mention),
        inherits_speaker: false,
    })
}

/// True when a short subject and a participle open the words at `start` (`Clinton leading Trump`, `the race
/// tightening`).
fn standing_after(words: &[&str], start: usize) -> bool {
    (start + 1..words.len().min(start + 4)).find(|&i| words[i].ends_with("ing")).is_some_and(|participle| {
        words[participle].len() > 5
            && words[participle].chars().all(|c| c.is_ascii_lowercase())
            && words[start..participle]
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-') && !PHRASE_OPENERS.contains(w))
    })
}

/// The first comma from `start` that ends a clause: a relative clause set off by commas inside it (`declared
/// the outbreak, which causes COVID-19, to be a pandemic`) is passed over.
fn clause_end(words: &[&str], start: usize) -> Option<usize> {
    let mut at = start;
    loop {
        let comma = at + words.get(at..)?.iter().position(|w| *w == ",")?;
        if !words.get(comma + 1).is_some_and(|w| matches!(*w, "which" | "who" | "whose" | "whom")) {
            return Some(comma);
        }
        at = comma + 1 + words[comma + 1..].iter().position(|w| *w == ",")? + 1;
    }
}

/// `warned residents to stay inside`: an object and an infinitive report what was urged.
fn urges_object(cue_word: &str, words: &[&str], after_cue: usize) -> bool {
    matches!(cue_word, "warned" | "warns" | "warn" | "advised" | "encouraged" | "asking" | "expect" | "expects")
        && object_then(words, after_cue, &["to"])
}

/// Verbs that put out a statement or report (`issued a statement`).
const ISSUING_VERBS: [&str; 6] = ["issued", "released", "published", "posted", "sent", "made"];

/// `The ministry issued a statement saying …`: a medium just issued speaks for whoever issued it, the subject
/// before the verb; any other mention is returned as it is.
fn issuer_of_medium(text: &str, tokens: &[Token], words: &[&str], mention: Mention) -> Mention {
    let (first, last) = (mention.first_token, mention.last_token);
    let is_issued_medium = first + 1 == last
        && first >= 2
        && lexicon::DETERMINERS.contains(words[first])
        && lexicon::MEDIUM_NOUNS.contains(words[last])
        && ISSUING_VERBS.contains(&words[first - 1]);
    let issuer = is_issued_medium.then(|| parse_mention_before(text, tokens, words, first - 1)).flatten();
    issuer.unwrap_or(mention)
}

/// True when a short object of plain words follows `after_cue`, then one of `next` (`warned residents to …`,
/// `accused the mayor of …`).
fn object_then(words: &[&str], after_cue: usize, next: &[&str]) -> bool {
    words[after_cue..].iter().take(7).position(|w| next.contains(w)).is_some_and(|at| {
        at > 0 && words[after_cue..after_cue + at].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.'))
    })
}

/// `accused the mayor of lying`, `blamed the storm for the delays`, `blames the fire on faulty wiring`: a charge
/// laid on someone is what was said, object and all.
fn charges_object(cue_word: &str, words: &[&str], after_cue: usize) -> bool {
    match cue_word {
        "accused" | "accuses" | "accusing" => object_then(words, after_cue, &["of"]),
        "blamed" | "blames" => object_then(words, after_cue, &["for", "on"]),
        // `sees the deal as a disaster`, `viewed him as a threat`: a view of something short, as something.
        _ if lexicon::VIEWING_VERBS.contains(cue_word) => {
            // (Two words, or three with a name inside, `the Iran deal`: `saw its population grow as …` is no view.)
            words[after_cue..].iter().take(4).position(|w| *w == "as").is_some_and(|at| {
                let object = &words[after_cue..after_cue + at];
                object.iter().all(|w| w.chars().all(char::is_alphabetic)) && (1..=2).contains(&object.len())
                    || object.len() == 3 && object[1].chars().next().is_some_and(char::is_uppercase)
            })
        }
        // `criticized Rubio for supporting the bill`, `praised the crews for their work`.
        _ if lexicon::JUDGING_VERBS.contains(cue_word) => object_then(words, after_cue, &["for", "as"]),
        _ => false,
    }
}

/// `X called the report “a ridiculous smear”`: a name given in quotation marks is what was said, with what
/// it names. Without a quotation (`called the police`) nothing was said.
fn called_quotation(text: &str, tokens: &[Token], words: &[&str], index: usize, after_cue: usize) -> Option<Candidate> {
    let mention = parse_mention_before(text, tokens, words, index)?;
    let is_open = |w: &str| matches!(w, "\"" | "“");
    // (An object stands between: `a program called “Learning Together”` names the program.)
    let content = match (after_cue + 1..words.len().min(after_cue + 8)).find(|&i| is_open(words[i])) {
        // (The quotation follows the object at once: `called it a sham, “…”` quotes something else.)
        Some(open) if words[after_cue..open].iter().any(|w| !w.chars().any(char::is_alphanumeric)) => return None,
        Some(open) => {
            let close = (open + 1..words.len()).find(|&i| matches!(words[i], "\"" | "”"))?;
            tokens[after_cue].range.start..trim(text, tokens[after_cue].range.start..tokens[close].range.end).end
        }
        None => called_judgement(tokens, words, index, after_cue)?,
    };
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(mention),
        inherits_speaker: false,
    })
}

/// `X called the plan a disgrace`, `called it an attack on …`: a judgement given without quotation marks,
/// from the object to the end of the clause. Not a passive (`was called a hero`), nor a count (`called him
/// a few times`), nor a name given (`a firm called Acme`).
fn called_judgement(tokens: &[Token], words: &[&str], index: usize, after_cue: usize) -> Option<Range<usize>> {
    if index == 0 || lexicon::CLAUSE_MARKERS.contains(words[index - 1]) || words[index - 1] == "be" {
        return None;
    }
    let object_opens = words.get(after_cue).is_some_and(|w| {
        lexicon::DETERMINERS.contains(w)
            || matches!(w.to_lowercase().as_str(), "it" | "him" | "them" | "these" | "those")
            || lexicon::is_name_word(w)
    });
    // The judgement's article within a short object: `the plan a`, `the Senate bill an`.
    let Some(article) = (after_cue + 1..words.len().min(after_cue + 6)).find(|&i| matches!(words[i], "a" | "an"))
    else {
        return object_opens.then(|| called_adjective(tokens, words, after_cue)).flatten();
    };
    // (`a retreat called Bryn Tirion before becoming a hotel`: a phrase after the object is no judgement.)
    let object_is_plain =
        words[after_cue..article].iter().all(|w| w.chars().any(char::is_alphanumeric) && !PHRASE_OPENERS.contains(w));
    let counts = words.get(article + 1).is_some_and(|w| {
        matches!(*w, "few" | "lot" | "number" | "couple" | "second" | "third" | "day" | "week" | "month" | "year")
    });
    if !object_opens || !object_is_plain || counts || article + 1 >= words.len() {
        return None;
    }
    let end =
        (article + 1..words.len()).find(|&i| matches!(words[i], "," | "." | ";" | ":" | "—")).unwrap_or(words.len());
    let last = end.checked_sub(1).filter(|&last| last > article)?;
    Some(tokens[after_cue].range.start..tokens[last].range.end)
}

/// `X called the decision outrageous`, `called Trump's remarks deeply irresponsible`: a judgement in one adjective
/// closing the clause after a short object (which a name or a determiner opens).
fn called_adjective(tokens: &[Token], words: &[&str], after_cue: usize) -> Option<Range<usize>> {
    let end = (after_cue..words.len().min(after_cue + 7))
        .find(|&i| !words[i].chars().any(char::is_alphanumeric) || matches!(words[i], "and" | "but" | "because"))
        .unwrap_or(words.len());
    let adjective = end.checked_sub(1).filter(|&last| last >= after_cue + 2)?;
    let degree = |w: &str| w.ends_with("ly") || matches!(w, "so" | "very" | "too" | "utterly");
    let object_end = if degree(words[adjective - 1]) { adjective - 1 } else { adjective };
    let object = &words[after_cue..object_end];
    let is_plain = |w: &&str| w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’');
    // (The object holds a noun after its determiner: `the meeting` alone is no object and judgement.)
    let has_noun = object.len() >= 2 || object.first().is_some_and(|w| !lexicon::DETERMINERS.contains(w));
    (has_noun && object.len() <= 4 && object.iter().all(is_plain) && lexicon::is_judgement_adjective(words[adjective]))
        .then(|| tokens[after_cue].range.start..tokens[adjective].range.end)
}

/// Words opening a phrase of time, place or manner after a verb's object.
static PHRASE_OPENERS: lexicon::Lexicon = lexicon::Lexicon::new(&[
    "before", "after", "in", "on", "at", "for", "to", "with", "by", "from", "during", "as", "when", "while",
]);

/// `X plans to …`, `X wants Y to …`, `X hopes the talks will …`, `X has decided to …`: an attributed intention.
fn intention(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    index: usize,
    after_cue: usize,
    cue_word: &str,
) -> Option<Candidate> {
    // `and plans to …` shares the sentence's subject.
    let mention = match parse_mention_before(text, tokens, words, index) {
        Some(mention) => mention,
        None if index > 0 && words[index - 1] == "and" => sentence_subject(text, tokens, words, index - 1)?,
        None => return None,
    };
    // `the city’s plans to …` names a plan, not someone who plans; `I want to …` outside quotes is the
    // writer's or an interviewee's, not a reported intention.
    let last = words[mention.last_token];
    if last.ends_with("’s") || last.ends_with("'s") || matches!(last, "I" | "we" | "We") {
        return None;
    }
    let next = words.get(after_cue)?;
    let is_to = |w: &str| w == "to";
    let content = if is_to(next) {
        content_after(text, sentence, tokens, words, after_cue, cue_word)?
    } else if cue_word.starts_with("want") {
        // `wants foreign troops to leave`: a short object, then `to`.
        let to = words[after_cue..].iter().take(7).position(|w| is_to(w))?;
        if words[after_cue..after_cue + to].iter().any(|w| !w.chars().any(char::is_alphanumeric) || *w == "that") {
            return None;
        }
        content_after(text, sentence, tokens, words, after_cue, cue_word)?
    } else {
        let content = content_after(text, sentence, tokens, words, after_cue, cue_word)?;
        // Only hoping and wishing take a clause (`hopes the talks will …`); `the plan would be …` is a noun.
        // (`as they wish, for example …`: nothing after a comma is wished.)
        let opens_phrase = matches!(next.to_lowercase().as_str(), "for" | "of" | "on" | "in" | "at" | "with" | "about")
            || !next.chars().any(char::is_alphanumeric);
        if !(cue_word.starts_with("hope") || cue_word.starts_with("wish"))
            || opens_phrase
            || !is_clause(text, tokens, words, after_cue, &content)
        {
            return None;
        }
        content
    };
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(mention),
        inherits_speaker: false,
    })
}

/// True when what follows a cue is a clause (`that …`, or a verb soon), not just a noun (`announced the end`).
fn is_clause(text: &str, tokens: &[Token], words: &[&str], after_cue: usize, content: &Range<usize>) -> bool {
    if opens_clause(text, tokens, words, after_cue, content) {
        return true;
    }
    let first = tokens.partition_point(|t| t.range.start < content.start).max(after_cue);
    // `reported the fire started in …`: a short subject, then a verb in the past tense.
    let subject_start = first + usize::from(words.get(first).is_some_and(|w| lexicon::DETERMINERS.contains(w)));
    let past_verb = (subject_start + 1..words.len().min(subject_start + 4)).find(|&i| is_past_tense(words[i]));
    if let Some(verb) = past_verb
        && words[subject_start..verb]
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '’' || c == '\'') && !is_past_tense(w))
        // A participle qualifying the noun (`proteins used only in …`, `the man arrested by police`) is no verb.
        && !words.get(verb + 1).is_some_and(|w| {
            matches!(*w, "by" | "only" | "as")
        })
        && !words[subject_start..verb].iter().any(|w| matches!(w.to_lowercase().as_str(), "of" | "and" | "with"))
    {
        return true;
    }
    // A marker right after a determiner is a noun (`announced their plans`, `met its needs`), not a verb.
    // `a policy of not charging`: `not` after a preposition negates a gerund, not a verb.
    // A comma with a new subject after it ends the object (`confirmed the nomination on Friday, the Senate did not`).
    let end = (first..words.len().min(after_cue + 12))
        .find(|&i| {
            words[i] == ","
                && words.get(i + 1).is_some_and(|w| {
                    matches!(*w, "the" | "The" | "a" | "A") || w.chars().next().is_some_and(char::is_uppercase)
                })
        })
        .unwrap_or(words.len().min(after_cue + 12))
        // Nothing past the content's end counts (a relative clause's content ends at its comma).
        .min(tokens.partition_point(|t| t.range.end <= content.end));
    (after_cue..end).any(|i| {
        tokens[i].range.start >= content.start
            && lexicon::CLAUSE_MARKERS.contains(words[i])
            && !(i > 0 && lexicon::DETERMINERS.contains(words[i - 1]))
            && !(words[i] == "not" && i > 0 && matches!(words[i - 1], "of" | "for" | "to" | "by" | "about"))
    })
}

/// True when what follows a cue opens with `that`, a quotation, or a subject pronoun with a verb-like word
/// after it (`claimed she made …`).
fn opens_clause(text: &str, tokens: &[Token], words: &[&str], after_cue: usize, content: &Range<usize>) -> bool {
    if opens_with_that(text, tokens, words, after_cue, content) {
        return true;
    }
    let first = tokens.partition_point(|t| t.range.start < content.start).max(after_cue);
    words
        .get(first)
        .is_some_and(|w| matches!(*w, "he" | "she" | "they" | "we" | "I" | "it" | "He" | "She" | "They" | "We" | "It"))
        && words.get(first + 1).is_some_and(|w| {
            w.len() > 2
                && w.chars().all(|c| c.is_ascii_lowercase())
                && !matches!(
                    *w,
                    "and" | "for" | "with" | "from" | "during" | "after" | "before" | "into" | "over" | "all"
                )
        })
}

/// True when what follows a cue opens with `that` or a quotation.
fn opens_with_that(text: &str, tokens: &[Token], words: &[&str], after_cue: usize, content: &Range<usize>) -> bool {
    let first = tokens.partition_point(|t| t.range.start < content.start).max(after_cue);
    // (`claimed, without evidence, that …`: `that` may close an aside.)
    words.get(after_cue).is_some_and(|w| w.eq_ignore_ascii_case("that"))
        || first > after_cue + 1 && words[first - 1].eq_ignore_ascii_case("that") && words[first - 2] == ","
        || text[content.clone()].starts_with(['"', '“'])
}

/// A past-tense verb: a lower-case word in `-ed`, or a common irregular past.
fn is_past_tense(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && word.chars().all(|c| c.is_ascii_lowercase())
        || matches!(
            word,
            "began"
                | "took"
                | "won"
                | "fell"
                | "rose"
                | "became"
                | "grew"
                | "knew"
                | "gave"
                | "came"
                | "went"
                | "saw"
                | "broke"
                | "ran"
                | "drew"
        )
}

/// How many words after `start` name a time (`Wednesday`, `on Monday`, `last week`, `July 4`, `yesterday`).
fn time_after(words: &[&str], start: usize) -> usize {
    let mut index = start;
    loop {
        let Some(word) = words.get(index) else { break };
        // `said repeatedly that …`, `promised repeatedly to …`: a manner adverb before `that` or `to` is no
        // part of what was said.
        if word.len() > 4
            && word.ends_with("ly")
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && words.get(index + 1).is_some_and(|w| w.eq_ignore_ascii_case("that") || *w == "to")
        {
            index += 1;
            continue;
        }
        // Time words are short: anything longer needs no lower-case copy.
        if word.len() > 9 {
            break;
        }
        let lower = word.to_ascii_lowercase();
        let next_is_period = words.get(index + 1).is_some_and(|w| {
            ["week", "month", "year", "weekend", "morning", "afternoon", "evening", "night"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        });
        let next_is_calendar = words.get(index + 1).is_some_and(|w| CALENDAR_WORDS.contains(w));
        if CALENDAR_WORDS.contains(word) && word.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                lower.as_str(),
                "yesterday"
                    | "today"
                    | "tonight"
                    | "overnight"
                    | "afterwards"
                    | "afterward"
                    | "later"
                    | "earlier"
                    | "previously"
                    | "recently"
                    | "again"
                    | "separately"
                    | "publicly"
                    | "privately"
            )
            || matches!(lower.as_str(), "morning" | "afternoon" | "evening" | "night") && index > start
            || index > start && word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2
        {
            index += 1;
        } else if matches!(lower.as_str(), "last" | "this" | "next" | "late" | "early") && next_is_period
            || lower == "on" && next_is_calendar
        {
            index += 2;
        } else if lower == "on"
            && words.get(index + 1).is_some_and(|w| matches!(*w, "last" | "this" | "next"))
            && words.get(index + 2).is_some_and(|w| CALENDAR_WORDS.contains(w))
        {
            index += 3;
        } else if matches!(lower.as_str(), "last" | "this" | "next") && next_is_calendar {
            index += 2;
        } else if matches!(lower.as_str(), "late" | "early")
            && words.get(index + 1).is_some_and(|w| w.eq_ignore_ascii_case("on") || CALENDAR_WORDS.contains(w))
        {
            index += 1;
        } else {
            break;
        }
    }
    index - start
}

/// The content before a mention: from the sentence's start (after any earlier statement in it) to `end`.
fn content_before(
    text: &str,
    sentence: &Range<usize>,
    _tokens: &[Token],
    _words: &[&str],
    end: usize,
) -> Option<Range<usize>> {
    let range = trim(text, sentence.start..end);
    let slice = &text[range.clone()];
    let trimmed = slice.trim_end_matches([',', ' ']);
    let range = range.start + dateline_length(trimmed)..range.start + trimmed.len();
    (!range.is_empty()).then_some(range)
}

/// The length of a dateline opening a story (`OTTAWA — `, `WASHINGTON (AP) — `), or 0: a place in capitals,
/// perhaps an agency in parentheses, and a dash.
fn dateline_length(text: &str) -> usize {
    let Some(dash) = text.find(['—', '–']) else { return 0 };
    let head = &text[..dash];
    let place = head.split('(').next().unwrap_or("").trim();
    let is_dateline = place.len() >= 3
        && head.len() <= 40
        && place.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | ',' | '.' | '\'' | '-'))
        && place.chars().any(char::is_alphabetic);
    // (Both dashes take three bytes.)
    if is_dateline { text.len() - text[dash + 3..].trim_start().len() } else { 0 }
}

/// `According to X, …` and `…, according to X.`
fn according_to(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    index: usize,
    after_cue: usize,
) -> Option<Candidate> {
    // The comma that closes `According to X, …`: after a short phrase (`the Centers for Disease Control in
    // the United States`); whatever it names is the source, even a description the rules do not know (`a
    // court clerk`, `the filing`).
    let closing_comma = words[after_cue..].iter().take(12).position(|w| *w == ",").map(|p| after_cue + p);
    let sentence_end = words.len() - usize::from(words.last().is_some_and(|w| matches!(*w, "." | "!" | "?")));
    let short_phrase = |end: usize| {
        end > after_cue
            && end - after_cue <= 10
            && tokens[after_cue..end].iter().all(|t| t.is_word)
            && (after_cue..end).map(|i| words[i]).any(|w| w.chars().all(char::is_alphabetic) && w.len() > 2)
    };
    let as_mention = |end: usize| Mention {
        range: tokens[after_cue].range.start..tokens[end - 1].range.end,
        first_token: after_cue,
        last_token: end - 1,
    };
    let opens_sentence = index == 0 || matches!(words[index - 1], "," | ";");
    let mention = match parse_mention_after(text, tokens, words, after_cue) {
        // A source read only in part runs on to the comma when a possessive or `and` carries it on (`the
        // Food and Agriculture Organization's chief veterinary officer,`).
        Some(mention)
            if opens_sentence
                && closing_comma.is_some_and(|comma| comma > mention.last_token + 1 && short_phrase(comma))
                && (lexicon::strip_possessive(words[mention.last_token]) != words[mention.last_token]
                    || words[mention.last_token + 1] == "and") =>
        {
            as_mention(closing_comma?)
        }
        // `According to the El Paso mayor, Dee Margo, …`: a name set off after the source is who it is.
        Some(mention)
            if words.get(mention.last_token + 1) == Some(&",")
                && let Some(close) = words[mention.last_token + 2..].iter().take(6).position(|w| *w == ",")
                && close >= 2
                && words[mention.last_token + 2..mention.last_token + 2 + close]
                    .iter()
                    .all(|w| *w == "." || lexicon::is_name_word(w) || lexicon::TITLES.contains(w)) =>
        {
            as_mention(mention.last_token + 2 + close)
        }
        Some(mention) => mention,
        None if opens_sentence && closing_comma.is_some_and(short_phrase) => as_mention(closing_comma?),
        None if index > 0 && words[index - 1] == "," && short_phrase(sentence_end) => as_mention(sentence_end),
        None => return None,
    };
    let mention_end = mention.last_token + 1;
    // After a comma, `according to X,` opens what follows only when little stands before it (`In May,
    // according to X, …`); after a long clause it closes that clause (`A did B, according to X, but …`).
    let words_before = words[..index].iter().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    // `… and, according to X, …` opens what follows too.
    // So does a clause left open before it (`followed by, according to X, …`, `Friday was when, …`).
    let after_conjunction = index >= 2
        && matches!(
            words[index - 2].to_lowercase().as_str(),
            "and"
                | "but"
                | "that"
                | "because"
                | "while"
                | "or"
                | "when"
                | "where"
                | "if"
                | "since"
                | "by"
                | "of"
                | "to"
                | "with"
                | "for"
                | "from"
                | "was"
                | "were"
                | "is"
                | "are"
                | "be"
                | "the"
                | "a"
        );
    let is_opening = index == 0
        || words[..index].iter().all(|w| matches!(*w, "," | "But" | "And" | "However" | "Besides" | "Also" | "Yet"))
        || words[index - 1] == ";"
        || words[index - 1] == "," && (words_before <= 5 || after_conjunction);
    // `One child was, according to the fire service, among the dead`: set inside a short clause, the
    // attribution reports the whole sentence.
    let is_inside = index > 0 && words[index - 1] == "," && (2..=5).contains(&words_before) && !after_conjunction && {
        let first = words[0].to_lowercase();
        !CALENDAR_WORDS.contains(&first)
            && !matches!(
                first.as_str(),
                "in" | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "by"
                    | "since"
                    | "for"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
            )
    };
    // The source may run on past the words read as its mention (`the United Nations' Food and Agriculture
    // Organization's chief veterinary officer,`); a relative clause after it (`…, according to the mayor,
    // who spoke on Monday.`) closes the sentence rather than opening what was said.
    let comma_after_mention = words[mention_end.min(words.len())..]
        .iter()
        .take(12)
        .position(|w| *w == ",")
        .map(|p| mention_end + p)
        .filter(|&comma| tokens[mention_end..comma].iter().all(|t| t.is_word))
        .filter(|&comma| {
            index == 0 || !words.get(comma + 1).is_some_and(|w| matches!(*w, "who" | "which" | "whose" | "whom"))
        });
    if is_opening && let Some(comma) = comma_after_mention {
        let mut content = content_after(text, sentence, tokens, words, comma + 1, "according")?;
        if is_inside {
            content.start = sentence.start;
        }
        return Some(Candidate {
            kind: StatementKind::Indirect,
            text: content,
            cue: None,
            mention: Some(mention),
            inherits_speaker: false,
        });
    }
    // `… for months and according to the ministry he died in the morning`: after `and` with no comma, a
    // clause right after the source is what it says.
    let opens_clause_after = index > 0
        && matches!(words[index - 1], "and" | "but")
        && words.get(mention_end).is_some_and(|w| {
            lexicon::PRONOUNS.contains(w) || lexicon::DETERMINERS.contains(w) || lexicon::is_name_word(w)
        })
        && sentence_end.saturating_sub(mention_end) >= 4;
    let content = if opens_clause_after {
        content_after(text, sentence, tokens, words, mention_end, "according")?
    } else {
        content_before(text, sentence, tokens, words, tokens[index].range.start)?
    };
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(mention),
        inherits_speaker: false,
    })
}

/// `Reuters quoted X (on Monday) as saying that …`, `X was quoted as saying …`.
fn quoted_as_saying(
    text: &str,
    sentence: &Range<usize>,
    tokens: &[Token],
    words: &[&str],
    index: usize,
    after_cue: usize,
) -> Option<Candidate> {
    let quoted = words[..index].iter().rposition(|w| w.eq_ignore_ascii_case("quoted"))?;
    let mention = if words.get(quoted.wrapping_sub(1)).is_some_and(|w| w.eq_ignore_ascii_case("was")) {
        parse_mention_before(text, tokens, words, quoted - 1)
    } else {
        parse_mention_after(text, tokens, words, quoted + 1)
    }?;
    let content = content_after(text, sentence, tokens, words, after_cue, "saying")?;
    Some(Candidate {
        kind: StatementKind::Indirect,
        text: content,
        cue: None,
        mention: Some(mention),
        inherits_speaker: false,
    })
}

/// How far around a quote its attribution is looked for, in bytes (`,” the foreign minister said on Monday.`).
const ATTRIBUTION_WINDOW: usize = 400;

/// Attributes the quotes that reported speech did not take: by a cue right after the quote (`,” he said`),
/// a cue right before it (`stated: “`), or as the continuation of the statement before it.
fn direct_quotes(
    text: &str,
    paragraphs: &[Range<usize>],
    quotes: &[Quote],
    used: &[bool],
    candidates: &mut Vec<Candidate>,
) {
    let mut found: Vec<Candidate> = Vec::new();
    // Where reported speech ends, in order, to find the last one ending before a quote opens.
    let mut candidate_ends: Vec<usize> = candidates.iter().map(|c| c.text.end).collect();
    candidate_ends.sort_unstable();
    for (index, quote) in quotes.iter().enumerate() {
        if used[index] {
            continue;
        }
        let content = trim_quote_content(text, quote.content.clone());
        let word_count = words_in(text, content.clone());
        let paragraph = paragraph_at(paragraphs, quote.open)
            .filter(|p| quote.open < p.end)
            .cloned()
            .unwrap_or(quote.open..quote.content.end);
        let starts_sentence = text[paragraph.start..quote.open].trim().is_empty()
            || text[..quote.open].trim_end().ends_with(['.', ':', '?', '!', '”', '"']);
        // Short quoted words inside a sentence are scare quotes or names, not statements.
        let is_statement_sized = word_count >= 4 || (starts_sentence && word_count >= 2);
        if !is_statement_sized {
            continue;
        }
        let end = quote.outer().end;
        let next_quote = quotes.get(index + 1 + quotes[index + 1..].partition_point(|q| q.open < end));
        let tail_end = next_quote.map_or(paragraph.end, |q| q.open.min(paragraph.end)).max(end);
        // The attribution after a quote is short: looking further than this would make a huge paragraph quadratic.
        let tail_end = crate::dates::floor_char_boundary(text, tail_end.min(end + ATTRIBUTION_WINDOW));
        let tail_end = end + text[end..tail_end].find(['.', '!', '?']).map_or(tail_end - end, |p| p);
        let tail_tokens = tokenize(text, end..tail_end.max(end));
        let tail_words: Vec<&str> = tail_tokens.iter().map(|t| &text[t.range.clone()]).collect();
        let mut attribution: Option<(Option<Mention>, Range<usize>)> = None;
        if let Some(cue_index) = (0..tail_words.len().min(10))
            .find(|&i| tail_tokens[i].is_word && lexicon::cue_at(&tail_words[i..]).is_some())
        {
            let cue = tail_tokens[cue_index].range.clone();
            let mention = parse_mention_before(text, &tail_tokens, &tail_words, cue_index).or_else(|| {
                parse_mention_after(
                    text,
                    &tail_tokens,
                    &tail_words,
                    cue_index + lexicon::cue_at(&tail_words[cue_index..]).map_or(1, |c| c.0),
                )
            });
            if mention.is_some() {
                attribution = Some((mention, cue));
            }
        }
        if attribution.is_none() {
            // `X stated: “…”` / `X said, “…”`: a cue just before the opening mark.
            let before_quote = candidate_ends.partition_point(|&e| e <= quote.open);
            let reported_end = before_quote.checked_sub(1).map(|i| candidate_ends[i]);
            let found_end = found.iter().rev().take(8).map(|c| c.text.end).find(|&e| e <= quote.open);
            let head_start = [Some(paragraph.start), reported_end, found_end].into_iter().flatten().max().unwrap_or(0);
            let window_start = crate::dates::floor_char_boundary(text, quote.open.saturating_sub(ATTRIBUTION_WINDOW));
            let head_tokens = tokenize(text, head_start.max(window_start)..quote.open);
            let head_words: Vec<&str> = head_tokens.iter().map(|t| &text[t.range.clone()]).collect();
            let n = head_words.len();
            let lead_in = n > 0 && matches!(head_words[n - 1], ":" | ",");
            if lead_in
                && let Some(cue_index) = (n.saturating_sub(7)..n)
                    .rev()
                    .find(|&i| head_tokens[i].is_word && lexicon::cue_at(&head_words[i..]).is_some())
            {
                let mention = parse_mention_before(text, &head_tokens, &head_words, cue_index);
                attribution = Some((mention, head_tokens[cue_index].range.clone()));
            }
        }
        let (mention, cue, inherits) = match attribution {
            Some((mention, cue)) => {
                let inherits = mention.is_none();
                (mention, Some(cue), inherits)
            }
            None => (None, None, true),
        };
        found.push(Candidate { kind: StatementKind::Direct, text: content, cue, mention, inherits_speaker: inherits });
    }
    candidates.extend(found);
}

#[cfg(test)]
mod tests;

/// A statement as the command line and exports give it: texts, and spans in characters (Unicode scalar
/// values, end exclusive) of the article text, so that `text[start..end]` reproduces the words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    /// Canonical speaker.
    pub speaker: Option<String>,
    /// Person or organisation.
    pub speaker_type: Option<SpeakerType>,
    /// True when the speaker is identified by a proper name; false for an unnamed source or none.
    pub named: bool,
    /// The description the article gives the speaker (`Iran’s President`), if any.
    pub role: Option<String>,
    /// The speaker mention as written.
    pub mention: Option<String>,
    /// Character span of the mention.
    pub mention_span: Option<[usize; 2]>,
    /// The speech verb as written.
    pub cue: Option<String>,
    /// Character span of the cue.
    pub cue_span: Option<[usize; 2]>,
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// Speech, belief or intention.
    pub act: Act,
    /// What was said.
    pub text: String,
    /// Character span of what was said.
    pub text_span: [usize; 2],
}

/// Turns an article's statements into records with character spans.
pub fn to_records(text: &str, statements: &[Statement]) -> Vec<StatementRecord> {
    let mut offsets: Vec<usize> = statements
        .iter()
        .flat_map(|s| [Some(s.text.clone()), s.cue.clone(), s.mention.clone()])
        .flatten()
        .flat_map(|r| [r.start, r.end])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    // One walk over the text turns every byte offset into a character offset.
    let mut chars_before = Vec::with_capacity(offsets.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for &offset in &offsets {
        chars += text[byte..offset].chars().count();
        byte = offset;
        chars_before.push(chars);
    }
    let char_offset = |b: usize| chars_before[offsets.binary_search(&b).expect("offset was collected")];
    let span = |r: &Range<usize>| [char_offset(r.start), char_offset(r.end)];
    statements
        .iter()
        .map(|s| StatementRecord {
            speaker: s.speaker.clone(),
            speaker_type: s.speaker_type,
            named: s.named,
            role: s.role.as_ref().map(|r| text[r.clone()].to_owned()),
            mention: s.mention.as_ref().map(|r| text[r.clone()].to_owned()),
            mention_span: s.mention.as_ref().map(span),
            cue: s.cue.as_ref().map(|r| text[r.clone()].to_owned()),
            cue_span: s.cue.as_ref().map(span),
            kind: s.kind,
            act: s.act,
            text: text[s.text.clone()].to_owned(),
            text_span: span(&s.text),
        })
        .collect()
}
