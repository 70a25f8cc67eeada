//! Resolving speaker mentions within an article: full names, surnames, roles, organisations and pronouns.

use super::gender::{self, Gender};
use super::lexicon::{self, strip_possessive};
use super::mentions::Mention;
use super::text::{Token, tokenize};
use super::{Candidate, SpeakerType, Statement};
use std::collections::BTreeSet;
use std::ops::Range;

/// A person named in the article, with the role words written around the name.
#[derive(Debug, Clone)]
struct Person {
    /// The form of the name used (`Hassan Rouhani`).
    name: String,
    /// Every form written (`Amnesty International Man-kei Tam`, `Man-kei Tam`), with how often.
    forms: Vec<(String, usize)>,
    /// Where the name (or its surname) was written, with the role words around each place.
    sightings: Vec<Sighting>,
    /// The gender the article gives the person, when it tells one: read when a pronoun first asks.
    gender: std::cell::OnceCell<Option<Gender>>,
}

/// One place a person is named.
#[derive(Debug, Clone)]
struct Sighting {
    /// Byte offset of the name.
    position: usize,
    /// Role words written around it (`president`, `iran`).
    roles: BTreeSet<String>,
    /// True when the name (with its title) opens a sentence or clause, as subjects do.
    is_subject: bool,
    /// The role as written beside the name (`Iran’s President`, `the chairman of …` without `the`).
    role_text: Option<Range<usize>>,
}

/// True when a medium word (`statement`, `release`) stands within a few words around `range`.
fn names_a_medium(text: &str, range: Range<usize>) -> bool {
    const REACH: usize = 48;
    let start = crate::dates::floor_char_boundary(text, range.start.saturating_sub(REACH));
    let end = crate::dates::floor_char_boundary(text, (range.end + REACH).min(text.len()));
    text[start..end]
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| !word.is_empty() && lexicon::MEDIUM_NOUNS.contains(word))
}

/// How near after a statement, in bytes, one that continues it must start to take its speaker.
const CONTINUATION_REACH: usize = 1200;

/// How near before a pronoun, role or unattributed quote, in bytes, a person must have been named or
/// heard for it to be theirs (about four paragraphs of news).
const RECENT_MENTION: usize = 2500;

/// True when `words` name the speaker `name` (its last word, or its first when it has several), as a
/// whole word.
fn names_in(words: &str, name: &str) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let candidates = match parts.as_slice() {
        [] => return false,
        [only] => vec![*only],
        [first, .., last] => vec![*first, *last],
    };
    candidates.iter().any(|part| {
        words.match_indices(part).any(|(at, _)| {
            let before = words[..at].chars().next_back();
            let after = words[at + part.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// True when a mention opens with an indefinite article: someone not met before (`an official`).
fn is_indefinite(text: &str, mention: Option<&Range<usize>>) -> bool {
    mention.is_some_and(|m| {
        let first = text[m.clone()].split_whitespace().next().unwrap_or("");
        matches!(first.to_lowercase().as_str(), "a" | "an" | "another")
    })
}

/// True when a role mention belongs to an organisation named only by its noun: `the ministry's
/// spokesperson`, `a company spokesman` (not `the Ministry of Defence spokesperson`).
fn of_described_body(text: &str, mention: Option<&Range<usize>>) -> bool {
    mention.is_some_and(|m| {
        text[m.clone()].split_whitespace().any(|word| {
            let bare = strip_possessive(word);
            bare.chars().next().is_some_and(char::is_lowercase) && lexicon::ORGANIZATION_NOUNS.contains(bare)
        })
    })
}

impl Person {
    /// The gender the article gives the person (see [`gender::infer`]), when it tells one.
    fn gender(&self, text: &str) -> Option<Gender> {
        *self.gender.get_or_init(|| {
            let roles = self.sightings.iter().flat_map(|s| s.roles.iter().map(String::as_str));
            let sentences_opened =
                self.sightings.iter().filter(|s| s.is_subject).map(|s| sentence_from(text, s.position));
            gender::infer(&self.name, roles, sentences_opened)
        })
    }

    /// Where the person was last named before `position`.
    fn last_sighting_before(&self, position: usize) -> Option<usize> {
        let before = self.sightings.partition_point(|s| s.position < position);
        before.checked_sub(1).map(|i| self.sightings[i].position)
    }

    /// True when the article gives the person an office or role, none of them `head` (generic ones, `official`
    /// or `spokesperson`, fit anyone).
    fn holds_another_role(&self, head: &str) -> bool {
        if head == "official" || SPOKESPEOPLE.contains(&head) {
            return false;
        }
        let roles = || self.sightings.iter().flat_map(|s| s.roles.iter());
        roles().any(|r| lexicon::ROLE_NOUNS.contains(r) || lexicon::TITLES.contains(r)) && !roles().any(|r| r == head)
    }

    /// The role the article gives the person at a mention: written within the mention, else the nearest
    /// before it, else the first after it.
    fn role_near(&self, mention: Option<&Range<usize>>, position: usize) -> Option<Range<usize>> {
        let with_role = || self.sightings.iter().filter_map(|s| Some((s.position, s.role_text.clone()?)));
        if let Some(mention) = mention
            && let Some((_, role)) = with_role().find(|(at, _)| mention.contains(at))
        {
            return Some(role);
        }
        with_role()
            .filter(|(at, _)| *at <= position)
            .last()
            .or_else(|| with_role().find(|(at, _)| *at > position))
            .map(|(_, role)| role)
    }
}

/// What a mention refers to, before pronouns and roles are resolved.
#[derive(Debug, Clone, PartialEq)]
enum Referent {
    Person(String),
    Organization(String),
    Pronoun(String),
    /// `I` or `we` outside a quote.
    FirstPerson,
    /// A statement, release or report: who issued it, when written (`an AEW press release`), else `Unknown`.
    Issued(Box<Referent>),
    /// A role phrase: its head noun and all its words.
    Role(String, BTreeSet<String>),
    /// One who serves a person named before the role (`a Trump aide`): bound to no one, unnamed.
    Served,
    Unknown,
}

/// A resolved speaker: the name, person or organisation, and whether it is a proper name.
#[derive(Debug, Clone, PartialEq)]
struct Speaker {
    name: String,
    kind: SpeakerType,
    named: bool,
}

impl Speaker {
    fn person(name: String) -> Speaker {
        Speaker { name, kind: SpeakerType::Person, named: true }
    }

    /// A source speaking under the description the article gives it (`premier`, `Trump aide`), unnamed.
    fn described(text: &str, mention: &Mention) -> Speaker {
        Speaker { name: role_description(text, mention), kind: SpeakerType::Person, named: false }
    }
}

/// Resolves every candidate's speaker and turns candidates into statements.
/// `paragraph_tokens` are the paragraphs' tokens, for the people and the organisations named.
pub fn resolve(
    text: &str,
    paragraphs: &[Range<usize>],
    paragraph_tokens: &[Vec<Token>],
    candidates: Vec<Candidate>,
) -> Vec<Statement> {
    let people = people_named(text, paragraphs, paragraph_tokens);
    // Found only when a mention needs them (`the union`): most articles never do.
    let organizations = std::cell::OnceCell::new();
    let organizations = || organizations.get_or_init(|| organizations_named(text, paragraph_tokens)).as_slice();
    let short_names = std::cell::OnceCell::new();
    let short_names = || short_names.get_or_init(|| parenthesised_names(text)).as_slice();
    let referents: Vec<Referent> = candidates
        .iter()
        .map(|c| {
            c.mention.as_ref().map_or(Referent::Unknown, |m| classify(text, m, &people, &organizations, &short_names))
        })
        .collect();
    let role_sightings = RoleSightings::new(&people);
    let people_by_name: crate::fast_hash::FastMap<&str, &Person> =
        people.iter().map(|p| (p.name.as_str(), p)).collect();
    let subjects = Subjects::new(&people, role_subjects(text, paragraph_tokens, &people));
    // A person a pronoun, role or unattributed quote may stand for: one named or heard recently, so that
    // the subject of a long interview or obituary is not the speaker of every quote far from their name.
    let is_recent = |name: &str, spoke_at: Option<usize>, position: usize| {
        let named_at = people_by_name.get(name).and_then(|p| p.last_sighting_before(position));
        [named_at, spoke_at].into_iter().flatten().any(|at| at <= position && position - at <= RECENT_MENTION)
    };
    let mut speakers: Vec<Option<Speaker>> = vec![None; candidates.len()];
    let mut last_person: Option<(String, usize)> = None;
    let mut last_organization: Option<Speaker> = None;
    // Who issued the last statement or report named with its issuer, for `the statement` after it.
    let mut last_issuer: Option<Speaker> = None;
    let mut previous_end = 0usize;
    for (index, (candidate, referent)) in candidates.iter().zip(&referents).enumerate() {
        let position = candidate.mention.as_ref().map_or(candidate.text.start, |m| m.range.start);
        let mention_range = candidate.mention.as_ref().map(|m| &m.range);
        let previous = index.checked_sub(1).and_then(|i| speakers[i].clone());
        let last_recent_person =
            || last_person.clone().filter(|(name, at)| is_recent(name, Some(*at), position)).map(|(name, _)| name);
        let speaker = match referent {
            Referent::Person(name) => Some(Speaker::person(name.clone())),
            Referent::Organization(name) => Some(organization_speaker(text, mention_range, name)),
            Referent::Issued(issuer) => {
                let speaker = match issuer.as_ref() {
                    Referent::Person(name) => Some(Speaker::person(name.clone())),
                    // The issuer is named inside the mention, never opening the sentence.
                    Referent::Organization(name) => Some(organization_speaker(text, None, name)),
                    // `the study found`, `a poll shows`: research no one is named for speaks under its description.
                    _ if candidate.mention.as_ref().is_some_and(|m| names_research(text, m)) => {
                        candidate.mention.as_ref().map(|m| Speaker::described(text, m))
                    }
                    _ => last_issuer.clone(),
                };
                if speaker.is_some() {
                    last_issuer = speaker.clone();
                }
                speaker
            }
            // `I` and `we` outside quotes speak for the writer or an interviewee the rules cannot tell.
            Referent::FirstPerson => None,
            Referent::Pronoun(pronoun) if pronoun == "they" => {
                last_organization.clone().or_else(|| last_recent_person().map(Speaker::person))
            }
            // `He` is the latest of: the last speaker, and the last person who opened a sentence, leaving out
            // those the article gives the other gender (`she` is not the Nicolas before her).
            Referent::Pronoun(pronoun) => {
                let fits = |name: &str| {
                    let pronoun_gender = gender::of_pronoun(pronoun);
                    let person_gender = people_by_name.get(name).and_then(|p| p.gender(text));
                    pronoun_gender.is_none() || person_gender.is_none() || pronoun_gender == person_gender
                };
                let last_fitting_person = last_person.as_ref().filter(|(name, _)| fits(name));
                subjects
                    .latest_where(position.saturating_sub(RECENT_MENTION), position, fits)
                    .filter(|(_, at)| last_fitting_person.is_none_or(|(_, spoke_at)| at > spoke_at))
                    .map(|(p, _)| p)
                    .or_else(|| last_recent_person().filter(|name| fits(name)))
                    .map(Speaker::person)
            }
            // An office no one named holds is most likely the person last quoted (`the diplomatic official`);
            // a private role or a group (`the father`, `a witness`, `officials`) speaks under its description,
            // unnamed.
            // (A group, `the players`, `both officers`, is never one person the article named.)
            Referent::Role(head, words) => match role_sightings
                .bound_person(head, words, position)
                .filter(|_| !(head.ends_with('s') && !head.ends_with("ss")))
            {
                Some(person) => Some(Speaker::person(person)),
                // `The spokesperson added` after `an Interpol spokesperson said`: the same body speaks.
                None if SPOKESPEOPLE.contains(&head.as_str())
                    && words.len() == 1
                    && !is_indefinite(text, mention_range)
                    && last_organization.as_ref().is_some_and(|o| o.named) =>
                {
                    last_organization.clone()
                }
                // With no one quoted yet, a role points forward to the next person named (below).
                // ... unless it is a new one (`an official`).
                // So is one of a body the article only describes (`the ministry's spokesperson`).
                // ... nor is an office the last person quoted was given another one of (`the mayor` after
                // `wrestler Erick Rowan`).
                None if !is_private_role_or_group(head)
                    && !is_indefinite(text, mention_range)
                    && !of_described_body(text, mention_range)
                    && last_recent_person()
                        .and_then(|name| people_by_name.get(name.as_str()))
                        .is_none_or(|person| !person.holds_another_role(head)) =>
                {
                    last_recent_person().map(Speaker::person)
                }
                None => candidate.mention.as_ref().map(|m| Speaker::described(text, m)),
            },
            Referent::Served => candidate.mention.as_ref().map(|m| Speaker::described(text, m)),
            Referent::Unknown if candidate.inherits_speaker => {
                // A quote standing after a sentence that a person opened, since the last statement, is theirs
                // (`McGurk criticized the decision via Twitter. "…"`); else it continues the statement before
                // it, when that one is near.
                // Never a person the quote speaks of by name (`"Huber was respected …"`, about the late Huber).
                let is_near = candidate.text.start.saturating_sub(previous_end) < CONTINUATION_REACH;
                let words_said = &text[candidate.text.clone()];
                let not_named_in_quote = |speaker: &Speaker| !names_in(words_said, &speaker.name);
                subjects
                    .latest(candidate.text.start)
                    .filter(|(_, at)| *at >= previous_end && *at < candidate.text.start)
                    .map(|(p, _)| Speaker::person(p))
                    .filter(not_named_in_quote)
                    .or_else(|| previous.filter(|_| is_near).filter(not_named_in_quote))
                    .or_else(|| last_recent_person().map(Speaker::person).filter(not_named_in_quote))
            }
            // `according to a court clerk`, `according to the study`: a source the rules cannot classify
            // speaks under its description.
            Referent::Unknown
                if candidate.cue.as_ref().is_some_and(|cue| text[cue.clone()].eq_ignore_ascii_case("according to")) =>
            {
                candidate.mention.as_ref().map(|m| Speaker::described(text, m))
            }
            Referent::Unknown => None,
        };
        if let Some(speaker) = &speaker {
            // `X said in a statement`, `a statement released by X said`: `the statement` later is X's.
            let near_cue = candidate.cue.as_ref().map_or(position..position, |cue| position.min(cue.start)..cue.end);
            if speaker.named && names_a_medium(text, near_cue) {
                last_issuer = Some(speaker.clone());
            }
            match speaker.kind {
                SpeakerType::Person if speaker.named => last_person = Some((speaker.name.clone(), position)),
                SpeakerType::Person => {}
                SpeakerType::Organization => last_organization = Some(speaker.clone()),
            }
        }
        speakers[index] = speaker;
        previous_end = candidate.text.end;
    }
    // A role or pronoun before any named speaker points forward, to the next person named as a speaker
    // (as resolved above: filled ones do not pass on), found walking back from the end.
    // Only a near one: in a long first-person account, `she` is rarely someone named pages later.
    let mut next_person: Option<(Speaker, usize)> = None;
    for index in (0..candidates.len()).rev() {
        let resolved = speakers[index].clone();
        let points_forward = match &referents[index] {
            Referent::FirstPerson | Referent::Issued(_) | Referent::Served => false,
            Referent::Unknown => candidates[index].inherits_speaker,
            _ => true,
        };
        let start = candidates[index].text.start;
        if speakers[index].is_none() && points_forward {
            speakers[index] = next_person
                .as_ref()
                .filter(|(_, at)| at.saturating_sub(start) <= RECENT_MENTION)
                .map(|(speaker, _)| speaker.clone());
        }
        if let Some(speaker) = resolved.filter(|s| s.kind == SpeakerType::Person && s.named) {
            next_person = Some((speaker, start));
        }
    }
    // An office that points to no one named (`the premier said`, in an article that never names them) is
    // still a source: it speaks under its description, unnamed.
    // (`The governor called the ruling unconstitutional, and vowed to appeal`: what continues its statement is
    // its too.)
    for index in 0..candidates.len() {
        let candidate = &candidates[index];
        match (&speakers[index], &referents[index], &candidate.mention) {
            (None, Referent::Role(..), Some(mention)) => speakers[index] = Some(Speaker::described(text, mention)),
            (None, Referent::Unknown, None) if candidate.inherits_speaker && index > 0 => {
                let previous = &candidates[index - 1];
                let continues = matches!(referents[index - 1], Referent::Role(..))
                    && candidate.text.start.saturating_sub(previous.text.end) < CONTINUATION_REACH;
                if continues {
                    speakers[index] = speakers[index - 1].clone();
                }
            }
            _ => {}
        }
    }
    candidates
        .into_iter()
        .zip(speakers)
        .map(|(candidate, speaker)| {
            let mention = candidate.mention.map(|m| m.range);
            let role = speaker.as_ref().filter(|s| s.named && s.kind == SpeakerType::Person).and_then(|s| {
                let at = mention.as_ref().map_or(candidate.text.start, |m| m.start);
                people_by_name
                    .get(s.name.as_str())
                    .and_then(|p| p.role_near(mention.as_ref(), at))
                    // A person named by one word is no person of the list: the role written in the mention.
                    .or_else(|| mention.as_ref().and_then(|m| role_in_mention(text, m)))
            });
            Statement {
                kind: candidate.kind,
                act: super::act_of(text, candidate.cue.as_ref()),
                text: candidate.text,
                cue: candidate.cue,
                mention,
                speaker_type: speaker.as_ref().map(|s| s.kind),
                named: speaker.as_ref().is_some_and(|s| s.named),
                role,
                speaker: speaker.map(|s| s.name),
            }
        })
        .collect()
}

/// An organisation as a speaker: named when it has a proper name (`Amnesty International`, `Reuters`, `the
/// Navy`, `Iran`), not when it is described (`police`, `the ministry`, `Iranian army`, `Local police`
/// opening a sentence); a description keeps the lower case a sentence's start took from it.
fn organization_speaker(text: &str, mention: Option<&Range<usize>>, name: &str) -> Speaker {
    let words: Vec<&str> = name.split_whitespace().collect();
    // `Brazil's National Institute for Space Research` is the institute: the country owning a body's full
    // name is no part of it.
    let name = match words.as_slice() {
        [owner, rest @ ..]
            if rest.len() >= 2
                && strip_possessive(owner) != *owner
                && lexicon::is_place_word(owner)
                && rest.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "for" | "and" | "on")
                }) =>
        {
            name[owner.len()..].trim_start()
        }
        _ => name,
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    // The first word of a sentence is capitalised whatever it is; after `the`, or later, a capital is a name's.
    let first_is_initial = mention.is_some_and(|m| {
        let paragraph_start = text[..m.start].rfind('\n').map_or(0, |p| p + 1);
        opens_clause(text, paragraph_start, m.start)
            && text[m.clone()].split_whitespace().next().is_some_and(|w| !lexicon::DETERMINERS.contains(w))
    });
    let is_capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    // `Rights groups`, `Democratic organizations`, `Iraqi security forces`: bodies in the plural are described,
    // not named.
    let plural_head = words.last().is_some_and(|w| {
        w.ends_with('s') && !is_capitalised(w) && words.len() > 1 && lexicon::ORGANIZATION_NOUNS.contains(w)
    });
    let named = words.iter().enumerate().any(|(i, w)| {
        let is_description_word = lexicon::NATIONALITIES.contains(w) && !lexicon::is_place_word(w);
        if !is_capitalised(w) || is_description_word {
            return false;
        }
        if plural_head {
            return false;
        }
        if i > 0 || !first_is_initial {
            return true;
        }
        // Opening a sentence: a name unless it is an organisation or role noun (`Police`, `Authorities`).
        !lexicon::ORGANIZATION_NOUNS.contains(w) && !lexicon::ROLE_NOUNS.contains(w) && !is_common_capitalised(text, w)
    });
    let name = match (named, words.first()) {
        (false, Some(first))
            if first_is_initial
                && (is_common_capitalised(text, first)
                    || plural_head
                        && !lexicon::NATIONALITIES.contains(first)
                        && !lexicon::is_place_word(first)
                        && !first.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())) =>
        {
            format!("{}{}", first.to_lowercase(), &name[first.len()..])
        }
        _ => name.to_owned(),
    };
    Speaker { name, kind: SpeakerType::Organization, named }
}

/// Roles that private people hold, and plural roles (a group): never one of the officials already named.
fn is_private_role_or_group(head: &str) -> bool {
    lexicon::PRIVATE_ROLES.contains(head) || head.ends_with('s') && !head.ends_with("ss") && head != "boss"
}

/// A role mention as a speaker's name: its words without a leading `the`/`a` (`father`, `senior official`),
/// and a first word capitalised only because it opens the sentence in lower case (`Officials` →
/// `officials`), so one description is one speaker wherever it stands.
fn role_description(text: &str, mention: &Mention) -> String {
    let tokens = tokenize(text, mention.range.clone());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    let start = words.iter().position(|w| !lexicon::DETERMINERS.contains(w)).unwrap_or(0);
    let from = tokens.get(start).map_or(mention.range.start, |t| t.range.start);
    // (`the senator's warning`: the owner speaks as `senator`.)
    let description = strip_possessive(&text[from..mention.range.end]);
    let first = words.get(start).copied().unwrap_or("");
    let paragraph_start = text[..mention.range.start].rfind('\n').map_or(0, |p| p + 1);
    if opens_clause(text, paragraph_start, mention.range.start) && is_common_capitalised(text, first) {
        let mut lowered = first.to_lowercase();
        lowered.push_str(&description[first.len()..]);
        return lowered;
    }
    description.to_owned()
}

/// True for a capitalised word that is a common word: a role or organisation noun, or a word the text
/// also writes in lower case (`Local`), but never a name, nationality or acronym.
fn is_common_capitalised(text: &str, word: &str) -> bool {
    let mut letters = word.chars();
    if !letters.next().is_some_and(char::is_uppercase) || letters.any(char::is_uppercase) {
        return false;
    }
    if lexicon::NATIONALITIES.contains(word) || lexicon::is_place_word(word) {
        return false;
    }
    if lexicon::ROLE_NOUNS.contains(word) || lexicon::ORGANIZATION_NOUNS.contains(word) {
        return true;
    }
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str()).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The places people were named with role words, in text order. A role mention looks at those nearest to
/// it, so that an article naming people thousands of times cannot make each mention scan them all.
struct RoleSightings<'a>(Vec<(usize, &'a BTreeSet<String>, &'a str)>);

/// How many role sightings on each side of a role mention are weighed.
const ROLE_WINDOW: usize = 128;

impl<'a> RoleSightings<'a> {
    fn new(people: &'a [Person]) -> Self {
        let mut sightings: Vec<(usize, &BTreeSet<String>, &str)> = people
            .iter()
            .flat_map(|p| {
                p.sightings.iter().filter(|s| !s.roles.is_empty()).map(|s| (s.position, &s.roles, p.name.as_str()))
            })
            .collect();
        sightings.sort_by_key(|(at, _, _)| *at);
        Self(sightings)
    }

    /// The person the article gave a role to: the best match of role words, nearest before the mention,
    /// else the first after.
    fn bound_person(&self, head: &str, words: &BTreeSet<String>, position: usize) -> Option<String> {
        let middle = self.0.partition_point(|(at, _, _)| *at <= position);
        let near = &self.0[middle.saturating_sub(ROLE_WINDOW)..(middle + ROLE_WINDOW).min(self.0.len())];
        let key = |overlap: usize, at: usize| (overlap, at <= position, usize::MAX - at.abs_diff(position));
        let holder = near
            .iter()
            .filter(|(_, roles, _)| roles.contains(head))
            .map(|&(at, roles, name)| (key(roles.intersection(words).count(), at), name))
            // The first of equals, as people are met in order.
            .fold(None, |best: Option<((usize, bool, usize), &str)>, item| match best {
                Some(b) if b.0 >= item.0 => Some(b),
                _ => Some(item),
            });
        if let Some((_, name)) = holder {
            return Some(name.to_owned());
        }
        // No one holds that very role: the person whose role words share the most qualifiers (`Iraqi`, `security`).
        near.iter()
            .map(|&(at, roles, name)| {
                let overlap = if roles_agree(roles, words) { roles.intersection(words).count() } else { 0 };
                (key(overlap, at), name)
            })
            .filter(|((overlap, ..), _)| *overlap >= 2)
            .max()
            .map(|(_, name)| name.to_owned())
    }
}

/// The role written in `words[from..to]` (a title run before a name, or an apposition), as a byte range:
/// without leading determiners, sentence openers and dates, and only when it holds a role noun or a title
/// other than an honorific (`Mr.` is no role).
fn role_span(tokens: &[Token], words: &[&str], from: usize, to: usize) -> Option<Range<usize>> {
    let mut first = from;
    while first < to
        && (!tokens[first].is_word
            || lexicon::DETERMINERS.contains(words[first])
            || super::mentions::NOT_NAMES.contains(words[first])
            || lexicon::CALENDAR_WORDS.contains(words[first])
            || lexicon::HONORIFICS.contains(words[first]))
    {
        first += 1;
    }
    let mut last = to;
    while last > first && (!tokens[last - 1].is_word || lexicon::HONORIFICS.contains(words[last - 1])) {
        last -= 1;
    }
    let has_role = words[first..last].iter().any(|w| {
        let bare = strip_possessive(w);
        lexicon::ROLE_NOUNS.contains(bare) || lexicon::TITLES.contains(bare) && !lexicon::HONORIFICS.contains(bare)
    });
    if !has_role || first >= last {
        return None;
    }
    // A speech verb inside it makes it a clause, no role (`…, said his father Abdullah Kurdi`).
    let has_cue = (first..last).any(|i| lexicon::cue_at(&words[i..last]).is_some());
    (!has_cue).then(|| tokens[first].range.start..tokens[last - 1].range.end)
}

/// The role words before the name in a mention (`Turkish president` in `Turkish president Erdoğan`).
fn role_in_mention(text: &str, mention: &Range<usize>) -> Option<Range<usize>> {
    let tokens = tokenize(text, mention.clone());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    let name_end = words.iter().rposition(|w| lexicon::is_name_word(w))?;
    let mut name_start = name_end;
    while name_start > 0
        && lexicon::is_name_word(words[name_start - 1])
        && strip_possessive(words[name_start - 1]) == words[name_start - 1]
    {
        name_start -= 1;
    }
    // Only words before the name: `said` or a comma between would make it no title run.
    if words[..name_start].iter().any(|w| matches!(*w, "," | ";")) {
        return None;
    }
    role_span(&tokens, &words, 0, name_start)
}

/// Words that describe a role: role nouns, titles and nationalities, lowercased, with countries.
fn role_words<'a>(words: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    words
        .map(|w| strip_possessive(w).trim_end_matches('.').to_lowercase())
        .filter(|w| {
            lexicon::ROLE_NOUNS.contains(w)
                || lexicon::TITLES.contains(w)
                || lexicon::NATIONALITIES.contains(w)
                || lexicon::PLACES.contains(w)
                || lexicon::ORGANIZATION_NOUNS.contains(w)
        })
        .collect()
}

/// Every person named with at least two name words, with the role words written before the name and in
/// appositions beside it (`Iran’s President Hassan Rouhani`, `Falih al-Fayyadh, the chairman of …,`).
fn people_named(text: &str, paragraphs: &[Range<usize>], paragraph_tokens: &[Vec<Token>]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    // People by the folded last word of their name, in the order they were first named.
    let mut by_surname: crate::fast_hash::FastMap<String, Vec<usize>> = Default::default();
    for (paragraph, tokens) in paragraphs.iter().zip(paragraph_tokens) {
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        let mut index = 0;
        while index < words.len() {
            if !(tokens[index].is_word
                && lexicon::is_name_word(words[index])
                && words[index].chars().next().is_some_and(char::is_uppercase))
            {
                index += 1;
                continue;
            }
            let start = index;
            // A middle initial stays inside the name: `Thomas T. Cullen`.
            let is_initial = |i: usize| {
                i > start
                    && words[i].len() == 1
                    && words[i].chars().all(|c| c.is_ascii_uppercase())
                    && words.get(i + 1) == Some(&".")
                    && words.get(i + 2).is_some_and(|w| lexicon::is_name_word(w))
            };
            while index < words.len()
                && tokens[index].is_word
                && (lexicon::is_name_word(words[index]) || is_initial(index))
                && !words[index].ends_with("’s")
                && !words[index].ends_with("'s")
            {
                index += if is_initial(index) { 2 } else { 1 };
            }
            // A possessive ends the name: `Rouhani’s` is still Rouhani.
            if index < words.len() && tokens[index].is_word && lexicon::is_name_word(words[index]) {
                index += 1;
            }
            let name_words: Vec<&str> =
                words[start..index].iter().filter(|w| **w != ".").map(|w| strip_possessive(w)).collect();
            // `Ford Motor Company`, `Samsung Electronics Co.`: names before a capitalised organisation noun are a body's.
            let names_a_body = words.get(index).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && lexicon::ORGANIZATION_NOUNS.contains(w)
            });
            if name_words.len() < 2 || name_words.len() > 5 || names_a_body {
                index = index.max(start + 1);
                continue;
            }
            // Only a name with an initial needs its full stops put back.
            let has_initial = name_words.len() < index - start;
            let name = if !has_initial {
                name_words.join(" ")
            } else {
                words[start..index]
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if i + 1 < index - start && words[start + i + 1] == "." {
                            format!("{w}.")
                        } else {
                            strip_possessive(w).to_owned()
                        }
                    })
                    .filter(|w| w != ".")
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            // Role words: the title run before the name, and comma-bounded phrases right before or after it.
            let mut before = start;
            loop {
                // A parenthesised acronym inside a title: `Security Council (INSC) Advisor`.
                if before > 0 && words[before - 1] == ")" {
                    match words[..before - 1].iter().rposition(|w| *w == "(") {
                        Some(open) if before - 1 - open <= 4 => {
                            before = open;
                            continue;
                        }
                        _ => break,
                    }
                }
                // `Water and Energy Minister`: a connector between capitalised words stays in the title.
                let is_connector = before > 1
                    && matches!(words[before - 1], "and" | "of" | "for" | "&")
                    && words[before - 2].chars().next().is_some_and(char::is_uppercase)
                    && words[before].chars().next().is_some_and(char::is_uppercase)
                    && before < start;
                let is_title_word = before > 0
                    && tokens[before - 1].is_word
                    && (is_connector
                        || lexicon::TITLES.contains(words[before - 1])
                        || lexicon::ROLE_NOUNS.contains(words[before - 1])
                        || lexicon::NATIONALITIES.contains(words[before - 1])
                        || lexicon::ORGANIZATION_NOUNS.contains(words[before - 1])
                        || words[before - 1].chars().next().is_some_and(char::is_uppercase));
                if !is_title_word {
                    break;
                }
                before -= 1;
                // A possessive's name opens the role (`Red Hat’s Chief Technical Officer`): it reaches no further
                // back, not to another person named before it (`Amara Dused and Kestrand’s … Minister`).
                if strip_possessive(words[before]) != words[before] {
                    while before > 0
                        && tokens[before - 1].is_word
                        && words[before - 1].chars().next().is_some_and(char::is_uppercase)
                    {
                        before -= 1;
                    }
                    break;
                }
            }
            let mut roles = role_words(words[before..start].iter().copied());
            // The role as written may reach back over `of` (`Secretary of State Mike Pompeo`).
            let mut role_from = before;
            while role_from >= 2
                && matches!(words[role_from - 1], "of" | "for" | "and" | "&")
                && tokens[role_from - 2].is_word
                && (words[role_from - 2].chars().next().is_some_and(char::is_uppercase)
                    || lexicon::ROLE_NOUNS.contains(words[role_from - 2])
                    || lexicon::TITLES.contains(words[role_from - 2]))
            {
                role_from -= 2;
                while role_from > 0
                    && tokens[role_from - 1].is_word
                    && (words[role_from - 1].chars().next().is_some_and(char::is_uppercase)
                        || lexicon::ROLE_NOUNS.contains(words[role_from - 1])
                        || lexicon::TITLES.contains(words[role_from - 1]))
                {
                    role_from -= 1;
                }
            }
            let mut role_text = role_span(tokens, &words, role_from, start);
            // Appositions are short: the search for their end looks 15 words away at most.
            if start > 0 && words[start - 1] == "," {
                let window = (start - 1).saturating_sub(15);
                let from = words[window..start - 1]
                    .iter()
                    .rposition(|w| matches!(*w, "," | "." | ";"))
                    .map_or(if window == 0 { 0 } else { usize::MAX }, |p| window + p + 1);
                if from != usize::MAX && start - 1 - from <= 14 {
                    roles.extend(role_words(words[from..start - 1].iter().copied()));
                    role_text = role_text.or_else(|| role_span(tokens, &words, from, start - 1));
                }
            }
            if words.get(index) == Some(&",") {
                let to = words[index + 1..]
                    .iter()
                    .take(16)
                    .position(|w| matches!(*w, "," | "." | ";"))
                    .map_or(words.len().min(index + 17), |p| index + 1 + p);
                if to - index <= 14
                    && words.get(index + 1).is_some_and(|w| {
                        lexicon::DETERMINERS.contains(w)
                            || lexicon::ROLE_NOUNS.contains(w)
                            || lexicon::TITLES.contains(w)
                            || lexicon::NATIONALITIES.contains(w)
                    })
                {
                    roles.extend(role_words(words[index + 1..to].iter().copied()));
                    role_text = role_text.or_else(|| role_span(tokens, &words, index + 1, to));
                }
            }
            let position = tokens[start].range.start;
            // A name in a list (`amongst others, Errol Flynn, Frank Sinatra, and Marlon Brando`) opens no clause.
            let opening = before.min(start);
            let is_listed = opening > 0
                && words[opening - 1] == ","
                && (matches!(words.get(index), Some(&("and" | "or")))
                    || words.get(index) == Some(&",")
                        && words.get(index + 1).is_some_and(|w| {
                            matches!(*w, "and" | "or") || w.chars().next().is_some_and(char::is_uppercase)
                        }));
            let is_subject = !is_listed && opens_clause(text, paragraph.start, tokens[opening].range.start);
            let sighting = Sighting { position, roles, is_subject, role_text };
            // Only people of the same surname can be the same person.
            let surname = name.split_whitespace().last().map(lexicon::fold_name).unwrap_or_default();
            let same_surname = by_surname.entry(surname).or_default();
            match same_surname.iter().copied().find(|&i| same_person(&people[i].name, &name)).map(|i| &mut people[i]) {
                Some(person) => {
                    match person.forms.iter_mut().find(|(form, _)| *form == name) {
                        Some((_, count)) => *count += 1,
                        None => person.forms.push((name, 1)),
                    }
                    // The form written most often names the person; on a tie, the fuller one.
                    let (best, _) = person.forms.iter().max_by_key(|(form, count)| (*count, form.len())).unwrap();
                    person.name = best.clone();
                    person.sightings.push(sighting);
                }
                None => {
                    same_surname.push(people.len());
                    people.push(Person {
                        name: name.clone(),
                        forms: vec![(name, 1)],
                        sightings: vec![sighting],
                        gender: std::cell::OnceCell::new(),
                    });
                }
            }
        }
    }
    // Surnames alone (`Rashid pointed to …`) are sightings of the person named in full.
    // The first person of each surname, as a search in naming order would find.
    let mut surnames: crate::fast_hash::FastMap<String, usize> = Default::default();
    for (index, person) in people.iter().enumerate() {
        surnames.entry(bare_surname(person.name.split_whitespace().last().unwrap_or(""))).or_insert(index);
    }
    let full_name_sightings: Vec<usize> = people.iter().map(|p| p.sightings.len()).collect();
    for (paragraph, tokens) in paragraphs.iter().zip(paragraph_tokens) {
        for token in tokens.iter().filter(|t| t.is_word) {
            let word = strip_possessive(&text[token.range.clone()]);
            if !word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let bare = bare_surname(word);
            let Some(&index) = surnames.get(&bare) else { continue };
            let person = &mut people[index];
            // Sightings of the full name came first, in text order; those added here lie after them all.
            let full_name_count = full_name_sightings[index];
            let at = token.range.start;
            let last_before = person.sightings[..full_name_count].partition_point(|s| s.position <= at);
            let is_full_name_sighting =
                last_before.checked_sub(1).is_some_and(|i| at < person.sightings[i].position + person.name.len() + 8);
            if !is_full_name_sighting {
                let is_subject = opens_clause(text, paragraph.start, token.range.start);
                person.sightings.push(Sighting {
                    position: token.range.start,
                    roles: BTreeSet::new(),
                    is_subject,
                    role_text: None,
                });
            }
        }
    }
    for person in &mut people {
        person.sightings.sort_by_key(|s| s.position);
    }
    people
}

/// The text from `position` to the end of its sentence (at most 300 bytes).
fn sentence_from(text: &str, position: usize) -> &str {
    let rest = &text[position..];
    let mut end = rest.find(['.', '!', '?', '\n']).unwrap_or(rest.len()).min(300);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    &rest[..end]
}

/// Where people opened a sentence or clause, in text order, to find the last one before a position.
struct Subjects<'a>(Vec<(usize, &'a str)>);

impl<'a> Subjects<'a> {
    /// The people's sightings that open a sentence or clause, with `roles_opening` (see [`role_subjects`]).
    fn new(people: &'a [Person], roles_opening: Vec<(usize, &'a str)>) -> Self {
        let mut subjects: Vec<(usize, &str)> = people
            .iter()
            .flat_map(|p| p.sightings.iter().filter(|s| s.is_subject).map(|s| (s.position, p.name.as_str())))
            .chain(roles_opening)
            .collect();
        // On one position, the greatest name, as the maximum over (position, name) chose before.
        subjects.sort_unstable();
        Self(subjects)
    }

    /// The last person who opened a sentence or clause before `position`, with where.
    fn latest(&self, position: usize) -> Option<(String, usize)> {
        self.latest_where(0, position, |_| true)
    }

    /// The last person `fits` accepts who opened a sentence or clause before `position` and not before
    /// `since`, with where.
    fn latest_where(&self, since: usize, position: usize, fits: impl Fn(&str) -> bool) -> Option<(String, usize)> {
        let before = self.0.partition_point(|(at, _)| *at < position);
        self.0[..before]
            .iter()
            .rev()
            .take_while(|(at, _)| *at >= since)
            .find(|(_, name)| fits(name))
            .map(|(at, name)| ((*name).to_owned(), *at))
    }
}

/// Sentences opened by a role the article gave one person (`The foreign minister brushed the criticism aside.`),
/// as subjects: where, and who holds the role. A pronoun after them stands for that person.
fn role_subjects<'a>(text: &str, paragraph_tokens: &[Vec<Token>], people: &'a [Person]) -> Vec<(usize, &'a str)> {
    let mut found = Vec::new();
    for tokens in paragraph_tokens {
        // (Most paragraphs hold no `The`: they are not read word by word.)
        if !tokens.iter().any(|t| &text[t.range.clone()] == "The") {
            continue;
        }
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        let opens_sentence = |i: usize| i == 0 || matches!(words[i - 1], "." | "!" | "?");
        for start in (0..words.len()).filter(|&i| words[i] == "The" && opens_sentence(i)) {
            // `The foreign minister` then a verb: a singular role head within three words, then a lower-case word.
            let head = (start + 1..(start + 4).min(words.len().saturating_sub(1)))
                .find(|&i| lexicon::ROLE_NOUNS.contains(words[i]) && words[i].chars().all(|c| c.is_lowercase()));
            let Some(head) = head else { continue };
            let is_singular = !words[head].ends_with('s') || words[head].ends_with("ss");
            let verb_follows = tokens[head + 1].is_word && words[head + 1].chars().all(|c| c.is_lowercase());
            if !is_singular || !verb_follows {
                continue;
            }
            // Only a role one person alone was given, every word of it (`foreign minister`, not `president`
            // in an article of two presidents).
            let role = role_words(words[start + 1..=head].iter().copied());
            let mut holders = people.iter().filter(|p| p.sightings.iter().any(|s| s.roles.is_superset(&role)));
            if let (Some(person), None) = (holders.next(), holders.next()) {
                found.push((tokens[start].range.start, person.name.as_str()));
            }
        }
    }
    found
}

/// True when the text before `position` (within its paragraph) ends a sentence or clause.
fn opens_clause(text: &str, paragraph_start: usize, position: usize) -> bool {
    let before = text[paragraph_start..position].trim_end();
    // (A dateline's dash opens the story's first sentence: `TORONTO — Nurses say …`.)
    before.is_empty() || before.ends_with(['.', '!', '?', ',', ';', ':', '"', '”', '—', '–'])
}

/// True when `word` is the last name of `name`, ignoring an `al-` particle: `Araji` of `Qasim al-Araji`.
fn is_surname_of(word: &str, name: &str) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let is_last = parts.len() > 1 && parts.last().is_some_and(|last| bare_surname(last) == bare_surname(word));
    // Of a double surname the first part alone names the person too: `Rosselló` of `Ricardo Rosselló Nevares`.
    let is_first_of_two = parts.len() > 2 && {
        let part = parts[parts.len() - 2];
        !part.ends_with('.')
            && part.chars().next().is_some_and(char::is_uppercase)
            && bare_surname(part) == bare_surname(word)
    };
    is_last || is_first_of_two
}

/// A surname in lower case, accents folded, without an `al-`/`el-` particle.
fn bare_surname(word: &str) -> String {
    let lower = lexicon::fold_name(word);
    lower.strip_prefix("al-").or_else(|| lower.strip_prefix("el-")).map(str::to_owned).unwrap_or(lower)
}

/// Two sets of role words agree unless both name a country and the countries differ (`Iranian` vs `Iraqi`).
fn roles_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let nations = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter().filter(|w| lexicon::is_nation_word(w)).map(|w| w.chars().take(4).collect()).collect()
    };
    let (x, y) = (nations(a), nations(b));
    x.is_empty() || y.is_empty() || !x.is_disjoint(&y)
}

/// `Ali Khamenei` and `Seyed Ali Khamenei` name one person; so do `Mohammed Shia Al-Sudani` and `Mohamed Shia al-Sudani`.
fn same_person(a: &str, b: &str) -> bool {
    let key = |name: &str| name.split_whitespace().last().map(lexicon::fold_name).unwrap_or_default();
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // `Robert Mugabe` and `Robert Gabriel Mugabe`: the same given name and surname, a middle name left out.
    let first = |name: &str| name.split_whitespace().next().map(lexicon::fold_name).unwrap_or_default();
    let middle_left_out = short.split_whitespace().count() == 2 && first(short) == first(long);
    key(a) == key(b)
        && (lexicon::fold_name(long).ends_with(&lexicon::fold_name(short))
            || strsim_first_letters(short, long)
            || middle_left_out)
}

fn strsim_first_letters(a: &str, b: &str) -> bool {
    let initials = |name: &str| {
        name.split_whitespace().map(|w| w.chars().next().unwrap_or(' ').to_ascii_lowercase()).collect::<String>()
    };
    initials(a).len() == initials(b).len() && initials(a) == initials(b)
}

/// Decides what a mention refers to, then reads a short form as the fuller name the article gave before:
/// `the union` or `Hurricane Center` as the organisation named in full, `Ford` as the `Ford Motor Company`,
/// and a first name alone as the one person of that first name.
fn classify<'o>(
    text: &str,
    mention: &Mention,
    people: &[Person],
    organizations: &dyn Fn() -> &'o [NamedOrganization],
    short_names: &dyn Fn() -> &'o [&'o str],
) -> Referent {
    let position = mention.range.start;
    if let Some(issuer) = medium_issuer(text, mention) {
        let issuer = match issuer {
            None => Referent::Unknown,
            Some((part, is_qualifier)) => match classify(text, &part, people, organizations, short_names) {
                found @ (Referent::Person(_) | Referent::Organization(_)) => found,
                // A proper name qualifying the medium (`an AEW press release`) is the body that issued it.
                _ if is_qualifier => Referent::Organization(text[part.range.clone()].to_owned()),
                _ => Referent::Unknown,
            },
        };
        return Referent::Issued(Box::new(issuer));
    }
    // `WHO`, `the NHC`: an acronym stands for the organisation named in full before it whose initials it spells.
    let written = text[mention.range.clone()].trim_start_matches("the ").trim_start_matches("The ");
    let bare = strip_possessive(written);
    // `the Philippine Institute of Volcanology and Seismology (Phivolcs)`, `Pacific Gas and Electric Company
    // (PG&E)`: a short name set in parentheses after a body's full name stands for it. (An acronym of capitals
    // alone is matched by its initials below, which is safer than a name read back from the parentheses.)
    if short_names().contains(&bare)
        && !bare.chars().all(|c| c.is_ascii_uppercase())
        && let Some((_, full)) = organizations().iter().rev().find(|(at, full)| {
            let after = text[at + full.len()..].strip_prefix(" (").and_then(|rest| rest.strip_prefix(bare));
            *at < position && after.is_some_and(|rest| rest.starts_with(')'))
        })
    {
        return Referent::Organization(full.clone());
    }
    // `PG&E`, `AT&T` are acronyms too.
    let is_acronym = bare.bytes().all(|b| b.is_ascii_uppercase() || b == b'&')
        && bare.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
    if (2..=6).contains(&bare.len()) && is_acronym {
        // Unexpanded, the acronym is the organisation's name (`the RCMP`, `CUPE`).
        let full = named_before(organizations(), position, |full| initials(full) == bare);
        return Referent::Organization(full.unwrap_or_else(|| bare.to_owned()));
    }
    // `Reuters reported`, `AFP said`: a news agency or outlet is the organisation, never a person.
    if let Some(outlet) = crate::metadata::known_outlet(strip_possessive(written)) {
        return Referent::Organization(outlet.to_owned());
    }
    match classify_written(text, mention, people) {
        Referent::Person(name) if !name.contains(' ') => {
            let mut by_first_name =
                people.iter().filter(|p| p.name.contains(' ') && p.name.split(' ').next() == Some(name.as_str()));
            if let (Some(person), None) = (by_first_name.next(), by_first_name.next()) {
                return Referent::Person(person.name.clone());
            }
            match named_before(organizations(), position, |full| full.split(' ').next() == Some(name.as_str())) {
                Some(full) => Referent::Organization(full),
                None => Referent::Person(name),
            }
        }
        Referent::Organization(name) => {
            // `the union` is the Amalgamated Transit Union named before; `the Department` is the California
            // Department of Corrections and Rehabilitation, whose head closes before `of`.
            let lower = name.to_lowercase();
            let suffix = format!(" {lower}");
            let fuller = named_before(organizations(), position, |full| {
                let full = full.to_lowercase();
                let head = full.split(" of ").next().unwrap_or(&full);
                full.ends_with(&suffix) || head.ends_with(&suffix) || head == lower && head != full
            });
            Referent::Organization(fuller.unwrap_or(name))
        }
        other => other,
    }
}

/// The name of a body when the name words `head_words[start..=end]` close or make one, opening the mention
/// (after `the`): joined to capitalised words by `for`, `of`, `on` or `&` (`Centers for Disease Control and
/// Prevention`), followed by an acronym (`Press TV`), or after `the` (`The Verge`, `the Associated Press`:
/// people are not named with an article).
fn body_name(head_words: &[&str], start: usize, end: usize) -> Option<String> {
    let is_capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let is_connector = |w: &str| matches!(w, "for" | "of" | "on" | "and" | "&");
    let first = (0..start)
        .rev()
        .take_while(|&i| {
            let word = head_words[i];
            is_connector(word) || is_capitalised(word) && !lexicon::DETERMINERS.contains(word)
        })
        .last()
        .unwrap_or(start);
    // `George Kimbrell of the Center for Food Safety` is George Kimbrell.
    let opens = |first: usize| head_words[..first].iter().all(|w| lexicon::DETERMINERS.contains(w));
    let body = |first: usize| {
        let mut words = head_words[first..=end].to_vec();
        words[end - first] = strip_possessive(words[end - first]);
        Some(words.join(" "))
    };
    // A connector other than `and` (`Smith and Jones` are two people) between capitalised words, none of them
    // a title; a name of two words or more needs an organisation word before it (`National Institute for
    // Space Research`).
    // (A title word may stand in a body's name: `National Institute for Space Research`.)
    let chain = &head_words[first..start];
    let has_body_word = chain.iter().any(|w| lexicon::ORGANIZATION_NOUNS.contains(w));
    let joined = chain.iter().any(|w| matches!(*w, "for" | "of" | "on" | "&"))
        && is_capitalised(head_words[first])
        && !chain.iter().any(|w| lexicon::TITLES.contains(w) && !has_body_word || lexicon::ROLE_NOUNS.contains(w))
        && (start == end || has_body_word);
    if joined && opens(first) {
        return body(first);
    }
    if !opens(start) {
        return None;
    }
    // Not a numeral (`Elizabeth II`) nor letters after a name (`Kama Melly QC`, `Jo Cox MP`).
    let acronym_after = end + 2 == head_words.len()
        && head_words.get(end + 1).is_some_and(|w| {
            (2..=4).contains(&w.len())
                && w.chars().all(|c| c.is_ascii_uppercase())
                && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                && !lexicon::TITLES.contains(w)
                && !POST_NOMINALS.contains(w)
        });
    if acronym_after {
        return Some(head_words[start..].join(" "));
    }
    let after_article = start == 1 && end + 1 == head_words.len() && head_words[0].eq_ignore_ascii_case("the");
    if after_article { body(start) } else { None }
}

/// The body a spokesperson speaks for when the mention names it (`Ford’s spokesperson`, `a PG&E spokesman`,
/// `a spokeswoman for Amnesty International`): the spokesperson is unnamed, the body is the named source. Not
/// one only described (`the ministry’s spokesperson`), nor a country or people (`an Israeli spokesman`).
fn spoken_for(words: &[&str], people: &[Person]) -> Option<String> {
    let spokes = words.iter().position(|w| SPOKESPEOPLE.iter().any(|s| strip_possessive(w).eq_ignore_ascii_case(s)))?;
    let is_proper = |w: &&str| {
        let bare = strip_possessive(w);
        bare.chars().next().is_some_and(char::is_uppercase)
            && !lexicon::DETERMINERS.contains(w)
            && !lexicon::NATIONALITIES.contains(bare)
            && !lexicon::is_place_word(bare)
    };
    let before: Vec<&str> = words[..spokes].iter().copied().filter(|w| !lexicon::DETERMINERS.contains(w)).collect();
    let owner: Vec<&str> = match words.get(spokes + 1) {
        Some(&("for" | "of")) => {
            words[spokes + 2..].iter().copied().skip_while(|w| lexicon::DETERMINERS.contains(w)).collect()
        }
        None => before,
        _ => return None,
    };
    let is_connector = |w: &&str| matches!(*w, "of" | "for" | "and" | "&");
    let name = strip_possessive(&owner.join(" ")).to_owned();
    // A spokesperson for a person (`for Prime Minister Justin Trudeau`, `Trudeau's spokesman`) is not the person.
    // A word of a body's name (`Amnesty International`, `Ford Foundation`) outweighs the people found, whose
    // list takes such names in too.
    let has_body_word = owner.iter().any(|w| {
        let bare = strip_possessive(w);
        lexicon::ORGANIZATION_NOUNS.contains(bare) || lexicon::ROLE_MODIFIERS.contains(bare)
    });
    // (A title word inside a body's name is no person: `the Foreign Ministry`.)
    let is_person = !has_body_word
        && (owner.iter().any(|w| lexicon::TITLES.contains(strip_possessive(w)))
            || people.iter().any(|p| p.name == name || same_person(&p.name, &name) || is_surname_of(&name, &p.name)));
    // A nationality may open a body's name (`the Iranian Foreign Ministry`), never close it.
    let is_body = owner.last().is_some_and(is_proper)
        && owner
            .iter()
            .all(|w| is_proper(w) || is_connector(w) || lexicon::NATIONALITIES.contains(strip_possessive(w)));
    (is_body && !is_person).then_some(name)
}

/// Words for one who speaks for a body.
const SPOKESPEOPLE: [&str; 4] = ["spokesman", "spokeswoman", "spokesperson", "spokespeople"];

/// Letters written after a person's name: honours, degrees, offices.
const POST_NOMINALS: [&str; 20] = [
    "QC", "KC", "SC", "MP", "MEP", "MLA", "MPP", "MSP", "MHA", "MNA", "TD", "OBE", "MBE", "CBE", "KBE", "DBE", "MD",
    "JP", "JR", "SR",
];

/// For a mention built on a medium (`a statement released by Erdogan’s office`, `Trump’s statement`, `an
/// AEW press release`), the part naming who issued it, and whether that part only qualifies the medium
/// (`AEW`); `Some(None)` when nothing names the issuer (`the statement`), `None` when the mention is no medium.
fn medium_issuer(text: &str, mention: &Mention) -> Option<Option<(Mention, bool)>> {
    let tokens = tokenize(text, mention.range.clone());
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    // Written in capitals it is part of a name (`Maritime Bulletin`, `The Washington Post`).
    // `PG&E’s schedule`, `the WHO's website`: a record owned by a body named is theirs too. (One owned by a
    // description, `the president’s website`, speaks for the description, as the mention resolves.)
    let is_owned_record = |i: usize| {
        i > 0
            && words[i - 1].chars().next().is_some_and(char::is_uppercase)
            && lexicon::strip_possessive(words[i - 1]) != words[i - 1]
            && lexicon::RECORD_NOUNS.contains(words[i])
    };
    let medium = (0..words.len()).find(|&i| {
        lexicon::MEDIUM_NOUNS.contains(words[i]) && !words[i].chars().next().is_some_and(char::is_uppercase)
            || is_owned_record(i)
    })?;
    let sub = |first: usize, last: usize| Mention {
        range: tokens[first].range.start..tokens[last].range.end,
        first_token: 0,
        last_token: 0,
    };
    let is_preposition = |w: &str| matches!(w.to_lowercase().as_str(), "of" | "by" | "from" | "for" | "with" | ",");
    // `Trump’s statement`, `Part of the judge’s statement`: the owner just before it (with only words like
    // `press` or `latest` between) issued it.
    let owner = (0..medium)
        .rev()
        .take_while(|&i| !is_preposition(words[i]))
        .find(|&i| words[i].ends_with("’s") || words[i].ends_with("'s"));
    if let Some(owner) = owner {
        let first = (0..owner)
            .rev()
            .take_while(|&i| {
                tokens[i].is_word
                    && !is_preposition(words[i])
                    && (words[i].chars().next().is_some_and(char::is_uppercase)
                        || lexicon::DETERMINERS.contains(words[i])
                        || lexicon::ROLE_NOUNS.contains(words[i])
                        || lexicon::TITLES.contains(words[i]))
            })
            .last()
            .unwrap_or(owner);
        return Some(Some((sub(first, owner), false)));
    }
    // The medium is the head: the first noun of the mention, before any `of`/`by`/`from`; a person named
    // after a medium word (`study co-author Ted Scambos`) is the speaker, not an issuer.
    let is_head = words[..medium].iter().all(|w| {
        !is_preposition(w) && !lexicon::ROLE_NOUNS.contains(w) && !lexicon::ORGANIZATION_NOUNS.contains(w)
            || lexicon::MEDIUM_NOUNS.contains(w)
            || w.eq_ignore_ascii_case("press")
    });
    // (A medium word before a noun qualifies it: `study co-author Karen Alley`, `poll workers`.)
    let qualifies_next = tokens.get(medium + 1).is_some_and(|t| t.is_word) && {
        let next = words[medium + 1];
        next.chars().next().is_some_and(char::is_uppercase)
            || next.contains('-')
            || lexicon::ROLE_NOUNS.contains(next)
            || lexicon::TITLES.contains(next)
    };
    if !is_head || qualifies_next {
        return None;
    }
    // `a statement released by X`, `a report from X`, `a situational report of X`.
    if let Some(by) = words[medium + 1..]
        .iter()
        .position(|w| matches!(w.to_lowercase().as_str(), "by" | "from" | "of"))
        .map(|p| medium + 1 + p)
        && by + 1 < words.len()
    {
        return Some(Some((sub(by + 1, words.len() - 1), false)));
    }
    // `an AEW press release`, `a NATO statement`: a proper name qualifying it (not a date, not a nationality).
    let qualifier: Vec<usize> = (0..medium)
        .filter(|&i| {
            let word = words[i];
            tokens[i].is_word
                && word.chars().next().is_some_and(char::is_uppercase)
                && !lexicon::DETERMINERS.contains(word)
                && !lexicon::CALENDAR_WORDS.contains(word)
                && !lexicon::NATIONALITIES.contains(word)
                && !lexicon::MEDIUM_NOUNS.contains(word)
                && !word.eq_ignore_ascii_case("press")
                // (`Recent polls suggest …`: a sentence capitalises a describing word too.)
                && !(i == 0 && opens_sentence(text, tokens[i].range.start) && MEDIUM_DESCRIPTIONS.contains(word))
        })
        .collect();
    match (qualifier.first(), qualifier.last()) {
        (Some(&first), Some(&last)) => Some(Some((sub(first, last), true))),
        _ => Some(None),
    }
}

/// Words that describe a study, poll or report rather than name who issued it.
static MEDIUM_DESCRIPTIONS: lexicon::Lexicon = lexicon::Lexicon::new(&[
    "new",
    "recent",
    "latest",
    "previous",
    "earlier",
    "separate",
    "preliminary",
    "independent",
    "internal",
    "annual",
    "final",
    "initial",
    "multiple",
    "additional",
    "other",
    "many",
    "several",
    "some",
    "both",
    "most",
    "two",
    "three",
    "one",
    "another",
    "published",
    "leaked",
]);

/// Decides what a mention refers to, as written.
fn classify_written(text: &str, mention: &Mention, people: &[Person]) -> Referent {
    let tokens = tokenize(text, mention.range.clone());
    let all_words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    let words: Vec<&str> = super::mentions::without_parentheses(&all_words)
        .into_iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() == 1 && matches!(words[0].to_lowercase().as_str(), "i" | "we") {
        return Referent::FirstPerson;
    }
    // `his`/`their` own an opinion (`In his view, …`) as `he`/`they` would hold it.
    if words.len() == 1 && matches!(words[0].to_lowercase().as_str(), "his" | "their") {
        return Referent::Pronoun(if words[0].eq_ignore_ascii_case("his") { "he".into() } else { "they".into() });
    }
    if words.len() == 1
        && (lexicon::PRONOUNS.contains(words[0]) || matches!(words[0].to_lowercase().as_str(), "him" | "her"))
    {
        return Referent::Pronoun(words[0].to_lowercase());
    }
    // `semi-official news agency ISNA`, `the broadcaster CNN`: an acronym closing a description of a body names it.
    if let [.., description, acronym] = words.as_slice()
        && (2..=6).contains(&acronym.len())
        && acronym.bytes().all(|b| b.is_ascii_uppercase())
        && description.chars().all(|c| c.is_lowercase())
        && (lexicon::ORGANIZATION_NOUNS.contains(description) || lexicon::MEDIUM_NOUNS.contains(description))
    {
        return Referent::Organization((*acronym).to_owned());
    }
    // `Ilse Marrow, spokesperson for the Ministry of Defence`: a name before an apposition is the speaker.
    if let Some(comma) = all_words.iter().position(|w| *w == ",") {
        // (`Opposition leader Petar Vosk, head of …`: the name closes what stands before the comma.)
        let before_comma: Vec<&str> = all_words[..comma].iter().copied().filter(|w| *w != ".").collect();
        let name_start = before_comma.iter().rposition(|w| !lexicon::is_name_word(w)).map_or(0, |at| at + 1);
        let described_before = before_comma[..name_start].iter().all(|w| {
            lexicon::TITLES.contains(w)
                || lexicon::ROLE_NOUNS.contains(w)
                || w.chars().next().is_some_and(char::is_uppercase)
        });
        let name_words: Vec<&str> = if described_before {
            before_comma[name_start..].iter().map(|w| strip_possessive(w)).collect()
        } else {
            Vec::new()
        };
        if !name_words.is_empty() {
            let name = name_words.join(" ");
            let known = people.iter().find(|p| {
                p.name == name || same_person(&p.name, &name) || name_words.len() == 1 && is_surname_of(&name, &p.name)
            });
            if let Some(person) = known {
                return Referent::Person(person.name.clone());
            }
            if name_words.len() >= 2 {
                return Referent::Person(name);
            }
        }
    }
    // `the El Paso mayor, Dee Margo`: a name set off after a role is the speaker.
    if let Some(comma) = all_words.iter().position(|w| *w == ",") {
        let name_words: Vec<&str> = all_words[comma + 1..]
            .iter()
            .copied()
            .filter(|w| *w != "," && *w != ".")
            .skip_while(|w| lexicon::TITLES.contains(w))
            .collect();
        if name_words.len() >= 2 && name_words.iter().all(|w| lexicon::is_name_word(w)) {
            let name = name_words.join(" ");
            let known = people.iter().find(|p| p.name == name || same_person(&p.name, &name));
            return Referent::Person(known.map_or(name, |p| p.name.clone()));
        }
    }
    if let Some(body) = spoken_for(&words, people) {
        return Referent::Organization(body);
    }
    // `Court of Session in Scotland` is the Court of Session; `Democrats in Congress` are Democrats.
    let words: Vec<&str> = match words.iter().position(|w| *w == "in") {
        Some(at)
            if at > 0
                && (words[at + 1..].iter().all(|w| lexicon::is_place_word(w))
                    || super::mentions::is_sitting_in(&words[at + 1..])) =>
        {
            words[..at].to_vec()
        }
        _ => words,
    };
    // The part before `of` holds the head: `the secretary of Iran’s Council` is a secretary.
    let mut of = words.iter().position(|w| w.eq_ignore_ascii_case("of")).unwrap_or(words.len());
    // ... unless a name closes the mention: `President of Argentina Alberto Fernández` is Alberto Fernández.
    let trailing_name = words.iter().rev().take_while(|w| lexicon::is_name_word(w) && !w.ends_with("’s")).count();
    // ... but a name before `of` is the speaker's: `George Kimbrell of the Center for Food Safety`.
    let named_before_of = words[..of].iter().filter(|w| lexicon::is_name_word(w)).count() >= 2
        && !words[..of].iter().any(|w| lexicon::TITLES.contains(w) || lexicon::ROLE_NOUNS.contains(w));
    // (`Chief Rebecca Moore of the Cree Nation`: after a name, the name closing `of the …` is a body's.)
    let body_closes = words[..of].iter().any(|w| lexicon::is_name_word(w))
        && words.get(of + 1).is_some_and(|w| lexicon::DETERMINERS.contains(w));
    if of < words.len() && trailing_name >= 2 && words.len() - trailing_name > of && !named_before_of && !body_closes {
        of = words.len();
    }
    // `a lawyer for John Roe`, `aides to the governor`: the role before `for`/`to` speaks, not whom it
    // serves. (A title written in capitals is part of a name: `Minister for Foreign Affairs Ahmed Khan`.)
    // The role's words, which bind it to whoever the article gave that role, are then its own only.
    let mut role_end = words.len();
    if let Some(at) = words[..of].iter().position(|w| matches!(*w, "for" | "to"))
        && at > 0
        && lexicon::ROLE_NOUNS.contains(words[at - 1])
        && (words[at - 1].chars().next().is_some_and(char::is_lowercase) || trailing_name < 2)
    {
        of = at;
        role_end = at;
    }
    let head_words = &words[..of];
    // The last run of name words is the person's name: `US Air Force Major General Patrick Ryder` → `Patrick Ryder`.
    let mut name_end = head_words.iter().rposition(|w| lexicon::is_name_word(w));
    // `former prime minister John Major`: a title word closing the mention after a given name is a surname.
    if let Some(end) = name_end
        && end + 2 == head_words.len()
        && lexicon::TITLES.contains(head_words[end + 1])
        && head_words[end + 1].chars().next().is_some_and(char::is_uppercase)
        && (end == 0 || !lexicon::is_name_word(head_words[end - 1]))
    {
        name_end = Some(end + 1);
    }
    if let Some(end) = name_end {
        let mut start = end;
        while start > 0
            && lexicon::is_name_word(head_words[start - 1])
            && !head_words[start - 1].ends_with("’s")
            && !head_words[start - 1].ends_with("'s")
        {
            start -= 1;
        }
        let mut name_words: Vec<&str> = head_words[start..=end].iter().map(|w| strip_possessive(w)).collect();
        // `Pope Francis`, `Queen Elizabeth II`: a monarch's or pope's one name keeps the title (and numeral).
        if name_words.len() == 1
            && start > 0
            && matches!(
                head_words[start - 1],
                "Pope" | "Queen" | "King" | "Prince" | "Princess" | "Emperor" | "Empress"
            )
        {
            name_words.insert(0, head_words[start - 1]);
            if let Some(numeral) =
                head_words.get(end + 1).filter(|w| w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
            {
                name_words.push(numeral);
            }
        }
        let name = name_words.join(" ");
        let head_is_organization =
            head_words.last().is_some_and(|w| lexicon::ORGANIZATION_NOUNS.contains(w)) && end + 1 < head_words.len();
        // `Kestrand’s president`, `the company’s chief executive`: the name owns the role, it is not the speaker.
        // (`the Food and Agriculture Organization's chief`: the owner may run on past the name words.)
        let is_role_owner = head_words[end..].iter().enumerate().any(|(offset, w)| {
            strip_possessive(w) != *w && head_words[end + offset + 1..].iter().any(|w| lexicon::ROLE_NOUNS.contains(w))
        });
        // `Emergency workers`, `Philippine officials`: a group described by the capitalised words before it.
        let head_is_group = end + 1 < head_words.len()
            && head_words
                .last()
                .is_some_and(|w| lexicon::ROLE_NOUNS.contains(w) && is_private_role_or_group(&w.to_lowercase()));
        // One who serves a person named in the article (`a Trump aide`, `the Clinton campaign manager`): lower-case
        // role words after the name. (`the El Paso mayor` is a place's, and may be bound to its holder.)
        let is_known_person = |name: &str| {
            people.iter().any(|p| {
                p.name == name || same_person(&p.name, name) || name_words.len() == 1 && is_surname_of(name, &p.name)
            })
        };
        let serves_name = end + 1 < head_words.len()
            && is_known_person(&name)
            && head_words.len() - end <= 4
            && head_words.last().is_some_and(|w| lexicon::ROLE_NOUNS.contains(w))
            && head_words[end + 1..].iter().all(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && (lexicon::ROLE_NOUNS.contains(w)
                        || lexicon::ROLE_MODIFIERS.contains(w)
                        || lexicon::TITLES.contains(w)
                        || lexicon::ORGANIZATION_NOUNS.contains(w))
            });
        if serves_name && !head_is_group && !head_is_organization && !is_role_owner {
            return Referent::Served;
        }
        if !head_is_organization && !is_role_owner && !head_is_group {
            if let Some(body) = body_name(head_words, start, end) {
                return Referent::Organization(body);
            }
            // `Statistics Canada`, `Bell Canada`: a place closing the name of no one
            // the article names makes it a body's.
            let place_closes = end + 1 < head_words.len()
                && head_words[end + 1..].iter().all(|w| is_capitalised_place(w))
                && head_words[..start].iter().all(|w| lexicon::DETERMINERS.contains(w))
                && !is_known_person(&name);
            if place_closes {
                return Referent::Organization(strip_possessive(&head_words[start..].join(" ")).to_owned());
            }
            if let Some(person) = people.iter().find(|p| {
                p.name == name || same_person(&p.name, &name) || name_words.len() == 1 && is_surname_of(&name, &p.name)
            }) {
                return Referent::Person(person.name.clone());
            }
            // One unknown name word closing a run of capitalised words that are not titles is the end of a
            // proper name, an outlet or body's (`The New York Times`, `Cyprus Mail`), not a person's surname.
            let run_start = (0..start)
                .rev()
                .take_while(|&i| {
                    let word = head_words[i];
                    word.chars().next().is_some_and(char::is_uppercase)
                        && !lexicon::DETERMINERS.contains(word)
                        && !lexicon::TITLES.contains(word)
                        && !lexicon::ROLE_NOUNS.contains(word)
                        // (A nationality after `the` opens a body's name: `the Canadian Press`.)
                        && (lexicon::is_place_word(word)
                            || !lexicon::NATIONALITIES.contains(word)
                            || i > 0 && lexicon::DETERMINERS.contains(head_words[i - 1]))
                        && !lexicon::CALENDAR_WORDS.contains(word)
                        && !word.ends_with("’s")
                        && !word.ends_with("'s")
                })
                .last();
            if let (1, Some(run_start)) = (name_words.len(), run_start) {
                return Referent::Organization(head_words[run_start..=end].join(" "));
            }
            return Referent::Person(name);
        }
    }
    // `the Kurdish-led Syrian Democratic Forces`: a leading `-led`/`-backed` word describes the body.
    let mut kept: Vec<&str> = words
        .iter()
        .skip_while(|w| {
            lexicon::DETERMINERS.contains(w)
                || ["-led", "-backed", "-based", "-owned", "-run", "-funded"].iter().any(|s| w.ends_with(s))
        })
        .copied()
        .collect();
    // `WHO’s` speaks as the WHO.
    if let Some(last) = kept.last_mut() {
        *last = strip_possessive(last);
    }
    let cleaned = kept.join(" ");
    let last = head_words.last().copied().unwrap_or("");
    if lexicon::ORGANIZATION_NOUNS.contains(last)
        && head_words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !lexicon::DETERMINERS.contains(w))
    {
        return Referent::Organization(cleaned);
    }
    if let Some(head) = head_words.iter().rev().find(|w| lexicon::ROLE_NOUNS.contains(w)) {
        return Referent::Role(strip_possessive(head).to_lowercase(), role_words(words[..role_end].iter().copied()));
    }
    // `Environment Canada`, `Transport Canada`: capitalised words closed by a place name a body.
    let capitalised_then_place = kept.len() >= 2
        && kept.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && kept.last().is_some_and(|w| is_capitalised_place(w))
        && !kept.iter().any(|w| lexicon::NATIONALITIES.contains(w) && !lexicon::is_place_word(w));
    if lexicon::ORGANIZATION_NOUNS.contains(last)
        || capitalised_then_place
        || words.iter().all(|w| lexicon::is_place_word(w) || lexicon::DETERMINERS.contains(w)) && !words.is_empty()
    {
        return Referent::Organization(cleaned);
    }
    // `Republicans said`, `the Kurds say`: a people or a party's members speak as a group, and so they do
    // after capitalised words that say where they sit (`Senate Democrats`, `House Republicans`).
    if let [qualifiers @ .., group] = kept.as_slice()
        && qualifiers.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && strip_possessive(w) == *w)
        && group.len() > 3
        && group.ends_with('s')
        && !group.ends_with("ss")
        && group.chars().next().is_some_and(char::is_uppercase)
        && group.chars().skip(1).all(|c| c.is_lowercase())
        // (A sentence capitalises any plural: `Players would like …` names no group unless the word reads as
        // a people's or a party's, not as doers like players, students or doctors.)
        && !(opens_sentence(text, mention.range.start)
            && words.first() == Some(group)
            && ["ers", "ors", "ents", "ees", "ies", "ists"].iter().any(|ending| group.ends_with(ending)))
    {
        return Referent::Organization(cleaned);
    }
    Referent::Unknown
}

/// The capitalised single words an article sets in parentheses (`(Phivolcs)`, `(PG&E)`), short names of what
/// stands before them.
fn parenthesised_names(text: &str) -> Vec<&str> {
    text.match_indices('(')
        .filter_map(|(at, _)| {
            let inner = &text[at + 1..];
            let close = inner.find(')').filter(|&close| close <= 32)?;
            let name = &inner[..close];
            let is_name = name.chars().next().is_some_and(char::is_uppercase) && !name.contains(char::is_whitespace);
            is_name.then_some(name)
        })
        .collect()
}

/// A capitalised word of a place's name (`Canada`, `York`).
fn is_capitalised_place(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && lexicon::is_place_word(word)
}

/// True when a mention is a study, survey or poll (`the study`, `a new poll`).
fn names_research(text: &str, mention: &Mention) -> bool {
    text[mention.range.clone()].split_whitespace().any(|w| lexicon::RESEARCH_NOUNS.contains(w))
}

/// True when nothing but opening marks stands between `position` and the start of its sentence or paragraph.
pub(super) fn opens_sentence(text: &str, position: usize) -> bool {
    text[..position]
        .trim_end_matches(|c: char| matches!(c, ' ' | '\t' | '"' | '“' | '‘' | '\'' | '(' | '—' | '–'))
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n' | '\r'))
}

/// The initials of a name's capitalised words: `World Health Organization` → `WHO`.
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

/// An organisation named in full: where, and its name as written.
type NamedOrganization = (usize, String);

/// How many named organisations a short form looks back over for its full name.
const ORGANIZATION_LOOKBACK: usize = 64;

/// The organisation named last before `position` whose full name `fits`, looking back a bounded way.
fn named_before(organizations: &[NamedOrganization], position: usize, fits: impl Fn(&str) -> bool) -> Option<String> {
    let before = organizations.partition_point(|(at, _)| *at < position);
    organizations[..before]
        .iter()
        .rev()
        .take(ORGANIZATION_LOOKBACK)
        .find(|(_, name)| fits(name))
        .map(|(_, name)| name.clone())
}

/// Organisations named in full, in text order: a capitalised organisation noun after capitalised words
/// (`Lower Olvane Farmers’ Union`) or before `of` and capitalised words (`Ministry of Defence`), and an
/// organisation noun after a nationality (`Iranian army`).
fn organizations_named(text: &str, paragraph_tokens: &[Vec<Token>]) -> Vec<NamedOrganization> {
    let mut found = Vec::new();
    for tokens in paragraph_tokens {
        let word = |i: usize| &text[tokens[i].range.clone()];
        let is_capitalised = |i: usize| {
            tokens[i].is_word
                && word(i).chars().next().is_some_and(char::is_uppercase)
                && !lexicon::DETERMINERS.contains(word(i))
                && !lexicon::CALENDAR_WORDS.contains(word(i))
        };
        for index in 0..tokens.len() {
            if !tokens[index].is_word || !lexicon::ORGANIZATION_NOUNS.contains(word(index)) {
                continue;
            }
            if !is_capitalised(index) {
                if index > 0 && is_capitalised(index - 1) && lexicon::NATIONALITIES.contains(word(index - 1)) {
                    let name = &text[tokens[index - 1].range.start..tokens[index].range.end];
                    found.push((tokens[index - 1].range.start, name.to_owned()));
                }
                continue;
            }
            let mut first = index;
            let mut at = index;
            while at > 0 {
                let is_connector = matches!(word(at - 1), "of" | "and" | "for" | "&");
                let is_plural_apostrophe = matches!(word(at - 1), "’" | "'")
                    && at >= 2
                    && word(at - 2).ends_with('s')
                    && is_capitalised(at - 2);
                if !(is_capitalised(at - 1) || is_connector || is_plural_apostrophe) {
                    break;
                }
                at -= 1;
                if is_capitalised(at) {
                    first = at;
                }
            }
            let mut last = index;
            if index + 2 < tokens.len() && word(index + 1) == "of" && is_capitalised(index + 2) {
                last = index + 2;
                // (`Department of Corrections and Rehabilitation`: a connector joins capitalised words on.)
                loop {
                    if last + 1 < tokens.len() && is_capitalised(last + 1) {
                        last += 1;
                    } else if last + 2 < tokens.len()
                        && matches!(word(last + 1), "and" | "&" | "of" | "for")
                        && is_capitalised(last + 2)
                    {
                        last += 2;
                    } else {
                        break;
                    }
                }
            }
            if first < last {
                let name = &text[tokens[first].range.start..tokens[last].range.end];
                found.push((tokens[first].range.start, name.to_owned()));
            }
        }
    }
    found
}
