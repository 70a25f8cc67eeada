//! Topics: named queries (a codebook) whose matches are counted and charted, saved per corpus and shared as JSON.

use serde::{Deserialize, Serialize};

/// One topic: a name and the query that defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// What the topic is called, e.g. `US troop presence`.
    pub name: String,
    /// The query, in the search syntax.
    pub query: String,
}

/// The topics of a corpus, in the user's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Topics {
    /// The topics.
    pub topics: Vec<Topic>,
}

impl Topics {
    /// The query of a topic, by name, ignoring case.
    pub fn query_of(&self, name: &str) -> Option<String> {
        self.topics.iter().find(|t| t.name.eq_ignore_ascii_case(name.trim())).map(|t| t.query.clone())
    }

    /// Reads a topics file: `{"topics": [{"name": …, "query": …}]}` or just the list.
    pub fn from_json(text: &str) -> Result<Topics, String> {
        serde_json::from_str::<Topics>(text)
            .or_else(|_| serde_json::from_str::<Vec<Topic>>(text).map(|topics| Topics { topics }))
            .map_err(|e| format!("not a topics file: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_read_in_both_shapes_and_are_found_by_name() {
        let wrapped = Topics::from_json(r#"{"topics": [{"name": "Troops", "query": "troops OR forces"}]}"#).unwrap();
        let bare = Topics::from_json(r#"[{"name": "Troops", "query": "troops OR forces"}]"#).unwrap();
        assert_eq!(wrapped, bare);
        assert_eq!(wrapped.query_of("troops").as_deref(), Some("troops OR forces"));
        assert!(Topics::from_json("{not json").is_err());
    }
}
