//! The query language: Lucene-style words, `"phrases"`, `AND`/`OR`/`NOT`/`-word`, `prefix*`, parentheses,
//! fields (`title:`, `text:`, `outlet:`, `author:`, `speaker:`, `topic:`), dates (`date:2021`,
//! `date:2021-04`, `date:[2021-01-01 TO 2021-06-30]`), the file type (`type:html`) and `has:statements`.
//! Words next to each other must all match.

use chrono::{Datelike, NaiveDate};

/// A field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The headline.
    Title,
    /// The article text (for a statement: what was said).
    Text,
    /// The outlet.
    Outlet,
    /// The author.
    Author,
    /// Speakers of statements.
    Speaker,
}

impl Field {
    /// Every searchable text field; words without a field look in all of them.
    pub const ALL: [Field; 5] = [Field::Title, Field::Text, Field::Outlet, Field::Author, Field::Speaker];

    /// The name written in queries.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
            Field::Outlet => "outlet",
            Field::Author => "author",
            Field::Speaker => "speaker",
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word, in one field or all.
    Word(Option<Field>, String),
    /// Words starting with a prefix (`withdr*`).
    Prefix(Option<Field>, String),
    /// Words in this order.
    Phrase(Option<Field>, String),
    /// Articles dated from the first to the last day, both included; `None` is open.
    Dates(Option<NaiveDate>, Option<NaiveDate>),
    /// Articles read from files of this type (`text`, `markdown`, `html`, `json`, `jsonl`, `csv`).
    FileType(String),
    /// Articles with at least one statement.
    HasStatements,
    /// Every part must match.
    And(Vec<Node>),
    /// Any part may match.
    Or(Vec<Node>),
    /// The part must not match.
    Not(Box<Node>),
}

/// Why a query cannot be read, and where: character offsets into the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, for people.
    pub message: String,
    /// First character of the faulty part.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.start + 1)
    }
}

/// How deep topics may refer to other topics.
const MAX_TOPIC_DEPTH: usize = 8;
/// How deep parentheses may nest, so a long run of `(` is an error rather than a stack overflow.
const MAX_NESTING: usize = 64;

/// Parses a query; `topic` gives the query of a topic by name (case-insensitive), for `topic:NAME`.
pub fn parse(query: &str, topic: &dyn Fn(&str) -> Option<String>) -> Result<Node, QueryError> {
    parse_nested(query, topic, 0)
}

fn parse_nested(query: &str, topic: &dyn Fn(&str) -> Option<String>, depth: usize) -> Result<Node, QueryError> {
    let tokens = lex(query)?;
    let mut parser = Parser { tokens, position: 0, topic, depth, length: query.chars().count(), nesting: 0 };
    if parser.tokens.is_empty() {
        return Err(QueryError { message: "the query is empty".into(), start: 0, end: 0 });
    }
    let node = parser.or_expression()?;
    if let Some(token) = parser.tokens.get(parser.position) {
        let message = match token.kind {
            Kind::Close => "this `)` has no `(` before it".to_owned(),
            _ => "unexpected text".to_owned(),
        };
        return Err(QueryError { message, start: token.start, end: token.end });
    }
    Ok(node)
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Word(String),
    Phrase(String),
    /// A range in brackets: its text, and whether each end is included.
    Range(String, bool, bool),
    Field(String),
    Open,
    Close,
    Minus,
    Plus,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

fn lex(query: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    let is_word_char = |c: char| !c.is_whitespace() && !matches!(c, '(' | ')' | '"' | '“' | '”' | ':' | '[' | '{');
    while index < chars.len() {
        let c = chars[index];
        let start = index;
        match c {
            c if c.is_whitespace() => {
                index += 1;
                continue;
            }
            '(' | ')' => {
                index += 1;
                tokens.push(Token { kind: if c == '(' { Kind::Open } else { Kind::Close }, start, end: index });
            }
            '"' | '“' | '”' => {
                let (text, _) = enclosed(&chars, &mut index, &['"', '“', '”'], "phrase", "quotation mark")?;
                tokens.push(Token { kind: Kind::Phrase(text), start, end: index });
            }
            '[' | '{' => {
                let (text, close) = enclosed(&chars, &mut index, &[']', '}'], "range", "`]` or `}`")?;
                tokens.push(Token { kind: Kind::Range(text, c == '[', close == ']'), start, end: index });
            }
            '-' | '+' if index + 1 < chars.len() && !chars[index + 1].is_whitespace() => {
                index += 1;
                tokens.push(Token { kind: if c == '-' { Kind::Minus } else { Kind::Plus }, start, end: index });
            }
            ':' => {
                return Err(QueryError { message: "a `:` must follow a field name".into(), start, end: start + 1 });
            }
            _ => {
                while index < chars.len() && is_word_char(chars[index]) {
                    index += 1;
                }
                let word: String = chars[start..index].iter().collect();
                if index < chars.len() && chars[index] == ':' {
                    index += 1;
                    tokens.push(Token { kind: Kind::Field(word.to_lowercase()), start, end: index });
                } else {
                    tokens.push(Token { kind: Kind::Word(word), start, end: index });
                }
            }
        }
    }
    Ok(tokens)
}

/// The text between the mark at `index` and the next of `closers`, and that closer; `index` moves past it.
/// `what` and `closer_name` word the error when no closer comes.
fn enclosed(
    chars: &[char],
    index: &mut usize,
    closers: &[char],
    what: &str,
    closer_name: &str,
) -> Result<(String, char), QueryError> {
    let start = *index;
    let Some(close) = chars[start + 1..].iter().position(|c| closers.contains(c)) else {
        return Err(QueryError {
            message: format!("this {what} has no closing {closer_name}"),
            start,
            end: chars.len(),
        });
    };
    *index = start + close + 2;
    Ok((chars[start + 1..start + 1 + close].iter().collect(), chars[start + 1 + close]))
}

struct Parser<'a> {
    tokens: Vec<Token>,
    position: usize,
    topic: &'a dyn Fn(&str) -> Option<String>,
    depth: usize,
    length: usize,
    /// Parentheses open around the current token.
    nesting: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn is_operator(&self, name: &str) -> bool {
        matches!(self.peek(), Some(Token { kind: Kind::Word(word), .. }) if word == name)
    }

    fn or_expression(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.and_expression()?];
        while self.is_operator("OR") {
            self.position += 1;
            parts.push(self.and_expression()?);
        }
        Ok(if parts.len() == 1 { parts.pop().unwrap_or(Node::And(Vec::new())) } else { Node::Or(parts) })
    }

    fn and_expression(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            if self.is_operator("AND") {
                self.position += 1;
                parts.push(self.unary()?);
                continue;
            }
            match self.peek() {
                None | Some(Token { kind: Kind::Close, .. }) => break,
                _ if self.is_operator("OR") => break,
                _ => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 { parts.pop().unwrap_or(Node::And(Vec::new())) } else { Node::And(parts) })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        match self.peek().map(|t| t.kind.clone()) {
            Some(Kind::Minus) => {
                self.position += 1;
                Ok(Node::Not(Box::new(self.primary()?)))
            }
            Some(Kind::Word(word)) if word == "NOT" => {
                self.position += 1;
                Ok(Node::Not(Box::new(self.primary()?)))
            }
            Some(Kind::Plus) => {
                self.position += 1;
                self.primary()
            }
            _ => self.primary(),
        }
    }

    fn missing(&self, what: &str) -> QueryError {
        let at = self.tokens.last().map_or(0, |t| t.end).min(self.length);
        QueryError { message: format!("{what} is missing at the end"), start: at, end: at }
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let token = self.peek().cloned().ok_or_else(|| self.missing("a word"))?;
        self.position += 1;
        match token.kind {
            Kind::Open => {
                if self.nesting >= MAX_NESTING {
                    let message = format!("parentheses nest more than {MAX_NESTING} deep");
                    return Err(QueryError { message, start: token.start, end: token.end });
                }
                self.nesting += 1;
                let inner = self.or_expression();
                self.nesting -= 1;
                let inner = inner?;
                match self.peek() {
                    Some(Token { kind: Kind::Close, .. }) => {
                        self.position += 1;
                        Ok(inner)
                    }
                    _ => Err(QueryError {
                        message: "this `(` is never closed".into(),
                        start: token.start,
                        end: token.end,
                    }),
                }
            }
            Kind::Close => {
                Err(QueryError { message: "a word is missing before `)`".into(), start: token.start, end: token.end })
            }
            Kind::Word(word) if matches!(word.as_str(), "AND" | "OR" | "NOT") => Err(QueryError {
                message: format!("`{word}` needs something on its side"),
                start: token.start,
                end: token.end,
            }),
            Kind::Word(word) => Ok(word_node(None, &word)),
            Kind::Phrase(text) => Ok(Node::Phrase(None, text)),
            Kind::Range(..) => Err(QueryError {
                message: "a range needs a field, as in date:[2021-01-01 TO 2021-06-30]".into(),
                start: token.start,
                end: token.end,
            }),
            Kind::Minus | Kind::Plus => {
                Err(QueryError { message: "a word is missing here".into(), start: token.start, end: token.end })
            }
            Kind::Field(ref name) => self.field_value(name, &token),
        }
    }

    fn field_value(&mut self, name: &str, field_token: &Token) -> Result<Node, QueryError> {
        let value = self.peek().cloned().ok_or_else(|| self.missing(&format!("the value of `{name}:`")))?;
        self.position += 1;
        let error = |message: String| QueryError { message, start: field_token.start, end: value.end };
        match name {
            "date" => match &value.kind {
                Kind::Word(text) => {
                    let (from, to) = date_span(text)
                        .ok_or_else(|| error(format!("`{text}` is not a date: write 2021, 2021-04 or 2021-04-12")))?;
                    Ok(Node::Dates(Some(from), Some(to)))
                }
                Kind::Range(text, includes_start, includes_end) => {
                    let parts: Vec<&str> = text.split(" TO ").map(str::trim).collect();
                    let [low, high] = parts[..] else {
                        return Err(error("a date range is written [2021-01-01 TO 2021-06-30]".into()));
                    };
                    let range_text = text;
                    let bound =
                        |text: &str, is_low: bool, is_included: bool| -> Result<Option<NaiveDate>, QueryError> {
                            if text == "*" {
                                return Ok(None);
                            }
                            // The error points at the bad date itself, inside the brackets.
                            let bad_date = |message: String| {
                                let offset = if is_low { range_text.find(text) } else { range_text.rfind(text) };
                                let start = value.start + 1 + offset.map_or(0, |o| range_text[..o].chars().count());
                                QueryError { message, start, end: start + text.chars().count() }
                            };
                            let (first, last) =
                                date_span(text).ok_or_else(|| bad_date(format!("`{text}` is not a date")))?;
                            Ok(Some(match (is_low, is_included) {
                                (true, true) => first,
                                (true, false) => last.succ_opt().unwrap_or(last),
                                (false, true) => last,
                                (false, false) => first.pred_opt().unwrap_or(first),
                            }))
                        };
                    Ok(Node::Dates(bound(low, true, *includes_start)?, bound(high, false, *includes_end)?))
                }
                _ => Err(error("write date:2021, date:2021-04 or date:[2021-01-01 TO 2021-06-30]".into())),
            },
            "type" => match &value.kind {
                Kind::Word(word) => Ok(Node::FileType(word.to_lowercase())),
                _ => Err(error("write type:html, type:text, type:json, type:jsonl, type:csv or type:markdown".into())),
            },
            "has" => match &value.kind {
                Kind::Word(word) if word.eq_ignore_ascii_case("statements") => Ok(Node::HasStatements),
                _ => Err(error("write has:statements".into())),
            },
            "topic" => {
                let topic_name = match &value.kind {
                    Kind::Word(word) => word.clone(),
                    Kind::Phrase(phrase) => phrase.clone(),
                    _ => return Err(error("write topic:NAME or topic:\"A NAME\"".into())),
                };
                let query =
                    (self.topic)(&topic_name).ok_or_else(|| error(format!("there is no topic `{topic_name}`")))?;
                if self.depth >= MAX_TOPIC_DEPTH {
                    return Err(error(format!("topic `{topic_name}` refers to itself, directly or through others")));
                }
                parse_nested(&query, self.topic, self.depth + 1)
                    .map_err(|inner| error(format!("topic `{topic_name}` has an error: {}", inner.message)))
            }
            _ => {
                let field = Field::ALL.into_iter().find(|f| f.name() == name).ok_or_else(|| QueryError {
                    message: format!(
                        "there is no field `{name}`: use title, text, outlet, author, speaker, topic, date, type or has"
                    ),
                    start: field_token.start,
                    end: field_token.end,
                })?;
                match value.kind {
                    Kind::Word(word) => Ok(word_node(Some(field), &word)),
                    Kind::Phrase(phrase) => Ok(Node::Phrase(Some(field), phrase)),
                    Kind::Open => {
                        // `title:(a OR b)`: the field applies to every word inside.
                        self.position -= 1;
                        let inner = self.primary()?;
                        Ok(with_field(inner, field))
                    }
                    _ => Err(error(format!("`{name}:` needs a word or a phrase"))),
                }
            }
        }
    }
}

fn word_node(field: Option<Field>, word: &str) -> Node {
    match word.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => Node::Prefix(field, prefix.to_owned()),
        _ => Node::Word(field, word.to_owned()),
    }
}

fn with_field(node: Node, field: Field) -> Node {
    match node {
        Node::Word(None, word) => Node::Word(Some(field), word),
        Node::Prefix(None, prefix) => Node::Prefix(Some(field), prefix),
        Node::Phrase(None, phrase) => Node::Phrase(Some(field), phrase),
        Node::And(parts) => Node::And(parts.into_iter().map(|p| with_field(p, field)).collect()),
        Node::Or(parts) => Node::Or(parts.into_iter().map(|p| with_field(p, field)).collect()),
        Node::Not(part) => Node::Not(Box::new(with_field(*part, field))),
        other => other,
    }
}

/// The first and last day of `2021`, `2021-04` or `2021-04-12`.
pub fn date_span(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().ok();
    match parts[..] {
        [year] if year.len() == 4 => {
            let year = number(year)? as i32;
            Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
        }
        [year, month] if year.len() == 4 => {
            let first = NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        [year, month, day] if year.len() == 4 => {
            let date = NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?)?;
            Some((date, date))
        }
        _ => None,
    }
}

/// Days since 1 January of year 1, the number dates are indexed as.
pub fn day_number(date: NaiveDate) -> i64 {
    date.num_days_from_ce() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_topics(_: &str) -> Option<String> {
        None
    }

    fn word(text: &str) -> Node {
        Node::Word(None, text.into())
    }

    #[test]
    fn words_are_and_and_or_binds_looser() {
        assert_eq!(parse("troops Iraq", &no_topics), Ok(Node::And(vec![word("troops"), word("Iraq")])));
        assert_eq!(parse("a b OR c", &no_topics), Ok(Node::Or(vec![Node::And(vec![word("a"), word("b")]), word("c")])));
        assert_eq!(
            parse("(a OR b) AND NOT c -d", &no_topics),
            Ok(Node::And(vec![
                Node::Or(vec![word("a"), word("b")]),
                Node::Not(Box::new(word("c"))),
                Node::Not(Box::new(word("d"))),
            ]))
        );
    }

    #[test]
    fn fields_phrases_prefixes_and_dates() {
        assert_eq!(
            parse("title:\"US troops\" withdr* speaker:Rouhani", &no_topics),
            Ok(Node::And(vec![
                Node::Phrase(Some(Field::Title), "US troops".into()),
                Node::Prefix(None, "withdr".into()),
                Node::Word(Some(Field::Speaker), "Rouhani".into()),
            ]))
        );
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse("date:2021", &no_topics), Ok(Node::Dates(date(2021, 1, 1), date(2021, 12, 31))));
        assert_eq!(parse("date:2021-02", &no_topics), Ok(Node::Dates(date(2021, 2, 1), date(2021, 2, 28))));
        assert_eq!(
            parse("date:[2021-01-01 TO 2021-06-30]", &no_topics),
            Ok(Node::Dates(date(2021, 1, 1), date(2021, 6, 30)))
        );
        assert_eq!(parse("date:{2020 TO *]", &no_topics), Ok(Node::Dates(date(2021, 1, 1), None)));
        assert_eq!(
            parse("title:(dam OR river)", &no_topics),
            Ok(Node::Or(vec![
                Node::Word(Some(Field::Title), "dam".into()),
                Node::Word(Some(Field::Title), "river".into())
            ]))
        );
    }

    #[test]
    fn topics_expand_and_cycles_are_caught() {
        let topics = |name: &str| match name.to_lowercase().as_str() {
            "troops" => Some("troops OR forces".to_owned()),
            "loop" => Some("topic:loop".to_owned()),
            _ => None,
        };
        assert_eq!(parse("topic:Troops", &topics), Ok(Node::Or(vec![word("troops"), word("forces")])));
        assert!(parse("topic:loop", &topics).unwrap_err().message.contains("refers to itself"));
        assert!(parse("topic:nothing", &topics).unwrap_err().message.contains("no topic"));
    }

    #[test]
    fn errors_say_where() {
        let error = parse("troops AND (Iraq", &no_topics).unwrap_err();
        assert_eq!((error.start, error.message.as_str()), (11, "this `(` is never closed"));
        let error = parse("\"US troops", &no_topics).unwrap_err();
        assert_eq!(error.start, 0);
        let error = parse("colour:red", &no_topics).unwrap_err();
        assert!(error.message.contains("no field `colour`"));
        let error = parse("troops date:[2021-13-01 TO 2022-01-01]", &no_topics).unwrap_err();
        assert_eq!((error.start, error.end), (13, 23), "{error:?}");
        let error = parse("date:[2021-01-01 TO 2022-13-01]", &no_topics).unwrap_err();
        assert_eq!((error.start, error.end), (20, 30), "{error:?}");
        let error = parse("date:April", &no_topics).unwrap_err();
        assert!(error.message.contains("not a date"));
        assert!(parse("troops OR", &no_topics).is_err());
        assert!(parse("a )", &no_topics).is_err());
        assert!(parse("   ", &no_topics).is_err());
    }
}
