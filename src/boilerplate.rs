//! Recognising web boilerplate lines: navigation, share buttons, comment counters, newsletter and donation banners.

use regex::RegexSet;
use std::sync::LazyLock;

/// Lines that are boilerplate whole, compared case-insensitively after trimming punctuation at the ends.
static WHOLE_LINE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"^(?:related|recommended|more|latest|popular|trending|top)\s+(?:articles?|posts?|stories|news|reads|videos?|content)$",
        r"^(?:you|you might|you may) (?:also |might also |may also )?like$",
        r"^back to top(?: button)?$",
        r"^(?:leave|post|add|write) a (?:comment|reply|response)$",
        r"^(?:comments?|replies|responses)(?: ?\(\d+\)| \d+)?$",
        r"^\d+ (?:comments?|replies|responses|shares)$",
        r"^(?:share|share this|share this (?:article|story|post|page)|share on \w+|tweet|print|email|e-mail|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest|copy link|save)$",
        r"^(?:share|follow us)(?: on)?(?:[ ,:|/]+(?:facebook|twitter|x|linkedin|whatsapp|telegram|email|reddit|instagram|youtube))+$",
        r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|promoted)$",
        r"^(?:read more|read full (?:article|story)|continue reading|click here.*|see also|more on this|full story|load more|show more)$",
        r"^(?:skip to (?:main )?content|skip navigation|menu|search|home|close|toggle navigation|main menu|navigation)$",
        r"^source$",
        r"^(?:tags?|topics|categories|filed under)\s*:.*$",
        r"^(?:all rights reserved.*|copyright .*|© .*|\(c\) \d{4}.*)$",
        r"^(?:loading|loading\.\.\.|please wait)$",
        r"^(?:previous|next) (?:article|post|story)$",
        r"^(?:print|email|share)(?:\s*[|/·•]\s*(?:print|email|share|tweet))+$",
        r"^this (?:article|story) (?:was|is) (?:originally )?(?:published|posted) .*$",
    ])
    .unwrap()
});

/// Words that make a short line a banner: subscriptions, newsletters, donations, cookies.
static BANNER_WORDS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"\b(?:mailing list|newsletter|subscribe|subscription|sign up|signup)\b",
        r"\bdonat(?:e|ion|ions)\b",
        r"\b(?:cookies?|privacy policy|terms of (?:use|service))\b",
        r"\b(?:follow us|like us on|download our app|get the app)\b",
        r"\bsupport (?:us|our (?:work|journalism|reporting)|independent journalism)\b",
    ])
    .unwrap()
});

/// True when a line of text is web boilerplate rather than part of the article.
pub fn is_boilerplate(line: &str) -> bool {
    let trimmed = line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '•' | '·' | '-' | '–' | '—' | '>' | '»' | '[' | ']' | '*' | '#' | ':')
    });
    if trimmed.is_empty() {
        return false;
    }
    let lower = trimmed.to_lowercase();
    if WHOLE_LINE.is_match(&lower) {
        return true;
    }
    let words = lower.split_whitespace().count();
    words <= 15 && BANNER_WORDS.is_match(&lower) && addresses_reader(&lower)
}

/// Words of a banner speaking to its reader (`Subscribe to our newsletter`, `Please donate!`).
const READER_WORDS: [&str; 7] = ["you", "your", "we", "us", "our", "please", "today"];

/// Verbs a banner opens with, telling the reader what to do.
const BANNER_VERBS: [&str; 14] = [
    "subscribe",
    "sign",
    "donate",
    "support",
    "follow",
    "like",
    "download",
    "get",
    "join",
    "make",
    "give",
    "help",
    "accept",
    "manage",
];

/// True when a short line speaks to its reader, as a banner does: a heading of a few words, an exclamation,
/// an imperative or a word addressing the reader. A news sentence about a subscription or a donation
/// (`Trump, who said he would self-fund his campaign, accepted donations.`) does none of these.
fn addresses_reader(lower: &str) -> bool {
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() <= 4
        || lower.contains('!')
        || words.first().is_some_and(|w| BANNER_VERBS.contains(w))
        || words.iter().any(|w| READER_WORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_boilerplate() {
        for line in [
            "Related Articles",
            "Back to top button",
            "Leave a Comment",
            "Comment (0)",
            "Join the Meridian Post mailing list",
            "UNITED24 - Make a charitable donation in support of Ukraine!",
            "Support independent journalism - make a donation today!",
            "Share this article",
            "Source",
            "Advertisement",
            "12 Comments",
            "Tags: Iraq, Iran",
            "Share on Facebook | Twitter | Email",
            "Sign up for the morning newsletter",
            "This site uses cookies to improve your experience.",
            "Donations",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn keeps_news_sentences() {
        for line in [
            "Iran and Iraq agree to boost ties in high-level meetings",
            "The charity said a donation of $5 million from the government had been used to rebuild schools in the flooded north of the country over the past two years.",
            "Related talks are expected next week, the minister said.",
            "Source: the ministry said the deal was close.",
            "Weapons of Mass Destruction (WMD)",
            "Trump, who said he would self-fund his campaign, accepted donations.",
            "The paper lost 4,000 subscriptions in a year.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }
}
