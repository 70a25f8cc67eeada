//! Word lists for finding statements: speech verbs, titles, roles, organisations, places, pronouns.
//!
//! They are general English news vocabulary, not tuned to any corpus.

/// How a speech verb behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// Always reports speech (`said`, `told`, `stressed`).
    Speech,
    /// Reports speech only with a clause after it (`announced that …`, `warned the talks would …`), not a noun (`announced the end`).
    NeedsClause,
}

/// Speech verbs in every inflection news uses, with how they behave. Multi-word cues are matched as written.
pub const CUES: &[(&str, CueKind)] = &[
    ("said", CueKind::Speech),
    ("says", CueKind::Speech),
    ("say", CueKind::Speech),
    ("saying", CueKind::Speech),
    ("told", CueKind::Speech),
    ("tells", CueKind::Speech),
    ("telling", CueKind::Speech),
    ("stated", CueKind::Speech),
    ("states", CueKind::Speech),
    ("added", CueKind::Speech),
    ("adds", CueKind::Speech),
    ("adding", CueKind::Speech),
    ("stressed", CueKind::NeedsClause),
    ("stresses", CueKind::NeedsClause),
    ("stressing", CueKind::NeedsClause),
    ("noted", CueKind::NeedsClause),
    ("notes", CueKind::NeedsClause),
    ("noting", CueKind::NeedsClause),
    ("urged", CueKind::Speech),
    ("urges", CueKind::Speech),
    ("urging", CueKind::Speech),
    ("asserted", CueKind::NeedsClause),
    ("asserts", CueKind::NeedsClause),
    ("emphasized", CueKind::NeedsClause),
    ("emphasised", CueKind::NeedsClause),
    ("emphasizes", CueKind::NeedsClause),
    ("emphasises", CueKind::NeedsClause),
    ("emphasizing", CueKind::NeedsClause),
    ("emphasising", CueKind::NeedsClause),
    ("underlined", CueKind::NeedsClause),
    ("underscored", CueKind::NeedsClause),
    ("reiterated", CueKind::NeedsClause),
    ("reiterates", CueKind::NeedsClause),
    ("insisted", CueKind::Speech),
    ("insists", CueKind::Speech),
    ("argued", CueKind::Speech),
    ("argues", CueKind::Speech),
    ("declared", CueKind::NeedsClause),
    ("claimed", CueKind::NeedsClause),
    ("claims", CueKind::NeedsClause),
    ("pointed out", CueKind::Speech),
    ("called on", CueKind::Speech),
    ("called for", CueKind::Speech),
    ("calls on", CueKind::Speech),
    ("calls for", CueKind::Speech),
    ("according to", CueKind::Speech),
    ("quoted as saying", CueKind::Speech),
    ("wrote", CueKind::Speech),
    ("tweeted", CueKind::Speech),
    ("replied", CueKind::NeedsClause),
    ("responded", CueKind::NeedsClause),
    ("remarked", CueKind::NeedsClause),
    ("affirmed", CueKind::NeedsClause),
    ("vowed", CueKind::Speech),
    ("cautioned", CueKind::NeedsClause),
    ("contended", CueKind::Speech),
    ("alleged", CueKind::Speech),
    ("asked", CueKind::Speech),
    ("explained", CueKind::NeedsClause),
    ("explains", CueKind::NeedsClause),
    ("announced", CueKind::NeedsClause),
    ("announces", CueKind::NeedsClause),
    ("warned", CueKind::NeedsClause),
    ("warns", CueKind::NeedsClause),
    ("denied", CueKind::NeedsClause),
    ("denies", CueKind::NeedsClause),
    ("maintained", CueKind::NeedsClause),
    ("maintains", CueKind::NeedsClause),
    ("confirmed", CueKind::NeedsClause),
    ("acknowledged", CueKind::NeedsClause),
    ("admitted", CueKind::NeedsClause),
    ("suggested", CueKind::NeedsClause),
    ("predicted", CueKind::NeedsClause),
    ("revealed", CueKind::NeedsClause),
    ("estimated", CueKind::NeedsClause),
    ("promised", CueKind::NeedsClause),
    ("pledged", CueKind::NeedsClause),
    ("threatened", CueKind::NeedsClause),
    ("reported", CueKind::NeedsClause),
    ("believes", CueKind::NeedsClause),
    ("hopes", CueKind::NeedsClause),
    ("conceded", CueKind::NeedsClause),
    ("indicated", CueKind::NeedsClause),
    ("observed", CueKind::NeedsClause),
    ("described", CueKind::NeedsClause),
    ("demanded", CueKind::NeedsClause),
    ("recalled", CueKind::NeedsClause),
    ("accused", CueKind::NeedsClause),
];

/// Words that make a clause: a content after a `NeedsClause` cue must hold one of these (or start with `that`).
pub static CLAUSE_MARKERS: Lexicon = Lexicon::new(&[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should", "must", "may",
    "might", "shall", "does", "did", "do", "be", "been", "being", "not", "plans", "wants", "intends", "remains",
    "needs", "poses", "supports", "opposes",
]);

/// Titles and honorifics written before a name; never part of the canonical name.
pub static TITLES: Lexicon = Lexicon::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "father",
    "sheikh",
    "sheik",
    "ayatollah",
    "grand",
    "hojatoleslam",
    "seyed",
    "sayyed",
    "sayyid",
    "imam",
    "mullah",
    "rabbi",
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "bishop",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "admiral",
    "adm",
    "commander",
    "brigadier",
    "marshal",
    "field",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "secretary",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "director",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "officer",
    "inspector",
    "superintendent",
    "detective",
    "constable",
    "councillor",
    "councilor",
    "mp",
    "mep",
    "lawmaker",
    "legislator",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "health",
    "state",
    "justice",
    "leader",
    "head",
    "former",
    "acting",
    "interim",
    "supreme",
    "national",
    "security",
    "adviser",
    "advisor",
    "official",
    "analyst",
    "executive",
    "ceo",
    "founder",
    "professor",
    "researcher",
    "economist",
    "manager",
    "president-elect",
    "vice-president",
    "nominee",
    "candidate",
    "attorney",
    "lawyer",
    "prosecutor",
    "commissioner",
    "delegate",
    "negotiator",
    "diplomat",
    "economy",
    "trade",
    "air",
    "force",
    "army",
    "navy",
    "us",
    "u.s",
    "uk",
    "un",
    "eu",
]);

/// Nouns that name a role; a mention built on one resolves to the person the article gave that role.
pub static ROLE_NOUNS: Lexicon = Lexicon::new(&[
    "president",
    "minister",
    "premier",
    "chancellor",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "secretary",
    "ambassador",
    "envoy",
    "diplomat",
    "general",
    "commander",
    "chief",
    "head",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "executive",
    "governor",
    "mayor",
    "senator",
    "lawmaker",
    "legislator",
    "speaker",
    "king",
    "queen",
    "prince",
    "emir",
    "ayatollah",
    "cleric",
    "judge",
    "prosecutor",
    "lawyer",
    "attorney",
    "analyst",
    "expert",
    "researcher",
    "professor",
    "economist",
    "adviser",
    "advisor",
    "negotiator",
    "officer",
    "coach",
    "captain",
    "manager",
    "founder",
    "ceo",
    "commissioner",
    "representative",
    "delegate",
    "deputy",
    "candidate",
    "nominee",
    "mp",
    "premier",
    "monarch",
    "pope",
    "spokespeople",
    "source",
    "sources",
    "aide",
    "aides",
    "campaigner",
    "activist",
    "witness",
    "resident",
    "victim",
    "survivor",
    "doctor",
    "scientist",
    "author",
    "mother",
    "father",
    "owner",
    "worker",
    "teacher",
    "student",
    "chief-of-staff",
]);

/// Head nouns of organisations that speak (`the ministry`, `the Iraqi Prime Minister's Office`).
pub static ORGANIZATION_NOUNS: Lexicon = Lexicon::new(&[
    "ministry",
    "office",
    "government",
    "council",
    "committee",
    "commission",
    "agency",
    "department",
    "police",
    "army",
    "military",
    "navy",
    "forces",
    "force",
    "party",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "court",
    "tribunal",
    "embassy",
    "administration",
    "cabinet",
    "presidency",
    "kremlin",
    "pentagon",
    "house",
    "organization",
    "organisation",
    "union",
    "league",
    "group",
    "coalition",
    "alliance",
    "movement",
    "company",
    "corporation",
    "firm",
    "bank",
    "authority",
    "authorities",
    "board",
    "bureau",
    "service",
    "services",
    "institute",
    "university",
    "foundation",
    "association",
    "federation",
    "network",
    "agency",
    "team",
    "club",
    "unit",
    "units",
    "corps",
    "guards",
    "brigade",
    "brigades",
    "regime",
    "campaign",
    "secretariat",
    "mission",
    "spokesman's office",
    "statement",
    "nations",
    "nato",
    "who",
    "un",
    "eu",
    "imf",
    "opec",
    "reuters",
    "ministry's",
    "municipality",
    "hospital",
    "school",
    "firm",
    "inc",
    "ltd",
    "corp",
]);

/// Countries, capitals and regions that speak for their governments (`Washington said`), and that never are a person's name.
pub static PLACES: Lexicon = Lexicon::new(&[
    "washington",
    "tehran",
    "baghdad",
    "moscow",
    "beijing",
    "london",
    "paris",
    "berlin",
    "kyiv",
    "kiev",
    "ankara",
    "riyadh",
    "damascus",
    "beirut",
    "cairo",
    "jerusalem",
    "tokyo",
    "seoul",
    "pyongyang",
    "delhi",
    "new delhi",
    "islamabad",
    "kabul",
    "doha",
    "abu dhabi",
    "brussels",
    "geneva",
    "rome",
    "madrid",
    "ottawa",
    "canberra",
    "united states",
    "us",
    "u.s",
    "usa",
    "america",
    "iran",
    "iraq",
    "syria",
    "israel",
    "russia",
    "china",
    "ukraine",
    "turkey",
    "france",
    "germany",
    "britain",
    "uk",
    "united kingdom",
    "saudi arabia",
    "egypt",
    "lebanon",
    "jordan",
    "afghanistan",
    "pakistan",
    "india",
    "japan",
    "north korea",
    "south korea",
    "qatar",
    "yemen",
    "kuwait",
    "bahrain",
    "oman",
    "libya",
    "europe",
    "asia",
    "africa",
    "gaza",
    "west bank",
    "middle east",
    "west asia",
    "persian gulf",
    "the west",
    "canada",
    "australia",
    "mexico",
    "brazil",
    "spain",
    "italy",
    "poland",
    "kurdistan",
    "palestine",
]);

/// Adjectives of nationality, which qualify a role (`the Iranian president`) but are not names.
pub static NATIONALITIES: Lexicon = Lexicon::new(&[
    "american",
    "iranian",
    "iraqi",
    "syrian",
    "israeli",
    "russian",
    "chinese",
    "ukrainian",
    "turkish",
    "french",
    "german",
    "british",
    "saudi",
    "egyptian",
    "lebanese",
    "jordanian",
    "afghan",
    "pakistani",
    "indian",
    "japanese",
    "korean",
    "qatari",
    "yemeni",
    "kuwaiti",
    "emirati",
    "libyan",
    "european",
    "palestinian",
    "kurdish",
    "arab",
    "western",
    "canadian",
    "australian",
    "mexican",
    "brazilian",
    "spanish",
    "italian",
    "polish",
    "islamic",
    "federal",
    "regional",
    "local",
    "senior",
    "top",
    "high-ranking",
    "diplomatic",
    "military",
    "government",
    "foreign",
    "defence",
    "defense",
    "security",
    "state",
    "white",
    "former",
    "new",
    "then",
    "current",
    "veteran",
]);

/// Pronouns that can be a speaker.
pub static PRONOUNS: Lexicon = Lexicon::new(&["he", "she", "they", "we", "i"]);

/// Words between a subject and its speech verb that belong to neither (`X also said`, `X has repeatedly said`).
pub static SKIPPABLE_BEFORE_CUE: Lexicon = Lexicon::new(&[
    "also",
    "later",
    "further",
    "again",
    "earlier",
    "previously",
    "repeatedly",
    "recently",
    "reportedly",
    "then",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "would",
    "will",
    "once",
    "often",
    "publicly",
    "separately",
    "even",
    "only",
    "already",
    "had",
    "just",
    "first",
    "last",
    "quickly",
    "swiftly",
    "immediately",
    "bluntly",
    "firmly",
    "openly",
    "clearly",
    "explicitly",
    "strongly",
    "simply",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "personally",
    "officially",
    "therefore",
    "however",
    "additionally",
    "moreover",
    "meanwhile",
    "too",
]);

/// Words that may join the parts of a mention (`secretary of state`, `al-Sadr`, `bin Salman`).
pub static MENTION_JOINERS: Lexicon =
    Lexicon::new(&["of", "for", "de", "da", "del", "van", "von", "der", "bin", "ibn", "al", "el", "la", "le", "and"]);

/// Words that open a mention and are dropped from the canonical name.
pub static DETERMINERS: Lexicon =
    Lexicon::new(&["the", "this", "that", "a", "an", "his", "her", "its", "their", "our", "another", "one"]);

/// A word list, looked up through a hash set built on first use.
pub struct Lexicon {
    /// The words, in lower case.
    pub words: &'static [&'static str],
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl Lexicon {
    /// A list of lower-case words.
    pub const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon { words, set: std::sync::OnceLock::new() }
    }

    /// True when the list holds `word`, ignoring case and a trailing possessive or full stop.
    pub fn contains(&self, word: &str) -> bool {
        let set = self.set.get_or_init(|| self.words.iter().copied().collect());
        let word = strip_possessive(word).trim_end_matches('.');
        if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            set.contains(word)
        } else {
            set.contains(word.to_lowercase().as_str())
        }
    }
}

/// `Iran’s` → `Iran`, `officials'` → `officials`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// Every word of the place names above, which never belongs to a person's name (`United`, `States`, `Gulf`).
pub fn is_place_word(word: &str) -> bool {
    static PLACE_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> = std::sync::LazyLock::new(|| {
        PLACES.words.iter().flat_map(|place| place.split(' ')).chain(PLACE_EXTRA_WORDS.iter().copied()).collect()
    });
    PLACE_WORDS.contains(strip_possessive(word).to_lowercase().as_str())
}

/// The speech verbs by their first word, for lookups without scanning the list.
static CUES_BY_FIRST_WORD: std::sync::LazyLock<
    std::collections::HashMap<&'static str, Vec<(Vec<&'static str>, CueKind)>>,
> = std::sync::LazyLock::new(|| {
    let mut map: std::collections::HashMap<&'static str, Vec<(Vec<&'static str>, CueKind)>> =
        std::collections::HashMap::new();
    for (cue, kind) in CUES {
        let parts: Vec<&'static str> = cue.split(' ').collect();
        map.entry(parts[0]).or_default().push((parts, *kind));
    }
    // Longer cues first: `quoted as saying` before `quoted`.
    for cues in map.values_mut() {
        cues.sort_by_key(|(parts, _)| std::cmp::Reverse(parts.len()));
    }
    map
});

/// The speech verb a word (or the words from it) begins, with how many words it takes.
/// Verbs are written in lower case; a capitalised word (`States`) is never a cue, except `According` opening a sentence.
pub fn cue_at(words: &[&str]) -> Option<(usize, CueKind)> {
    let word = *words.first()?;
    let first = if word == "According" { "according" } else { word };
    let cues = CUES_BY_FIRST_WORD.get(first)?;
    cues.iter().find_map(|(parts, kind)| {
        let matches = parts.len() <= words.len()
            && parts.iter().zip(words).skip(1).all(|(part, word)| word.eq_ignore_ascii_case(part));
        matches.then_some((parts.len(), *kind))
    })
}

/// True for words that are part of a person's name rather than a title, role, place or organisation.
pub fn is_name_word(word: &str) -> bool {
    let bare = strip_possessive(word).trim_end_matches('.');
    let starts_upper = bare.chars().next().is_some_and(char::is_uppercase);
    let is_particle = bare.starts_with("al-")
        || bare.starts_with("el-")
        || matches!(bare, "bin" | "ibn" | "de" | "van" | "von" | "da" | "al");
    let is_acronym = bare.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    (starts_upper || is_particle) && !is_acronym && !NOT_NAME_WORDS.contains(bare.to_lowercase().as_str())
}

/// Every word that is never part of a person's name: titles, roles, nationalities, organisations, places,
/// determiners, weekdays and months.
static NOT_NAME_WORDS: std::sync::LazyLock<std::collections::HashSet<String>> = std::sync::LazyLock::new(|| {
    let lists = [&TITLES, &ROLE_NOUNS, &NATIONALITIES, &ORGANIZATION_NOUNS, &PLACES, &DETERMINERS];
    let calendar = [
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
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "islamic",
        "republic",
        "revolution",
        "mr",
        "mrs",
        "ms",
        "dr",
    ];
    lists
        .iter()
        .flat_map(|list| list.words.iter())
        .flat_map(|phrase| phrase.split(' '))
        .chain(PLACE_EXTRA_WORDS.iter().copied())
        .chain(calendar)
        .map(str::to_owned)
        .collect()
});

/// Words of multi-word place names that the place list does not hold alone.
const PLACE_EXTRA_WORDS: &[&str] = &["kingdom", "emirates", "nations", "strip", "gulf", "sea", "river", "city"];

/// True for a country, capital or nationality word (`iran`, `iranian`, `washington`).
pub fn is_nation_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem: String = lower.chars().take(4).collect();
    PLACES.contains(&lower)
        || lower.len() > 4 && NATIONALITIES.contains(&lower) && PLACES.words.iter().any(|p| p.starts_with(&stem))
}
