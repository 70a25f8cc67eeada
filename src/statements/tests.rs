use super::*;
use crate::metadata::{Fields, analyze};

/// An article of `text` titled `T`, its lines analysed as when it is read.
fn article(text: &str) -> Article {
    let analysis = analyze(text, &Fields { title: Some("T".into()), ..Fields::default() }, "a.txt");
    Article {
        meta: crate::article::ArticleMeta { title: "T".into(), ..Default::default() },
        text: text.to_owned(),
        lines: analysis.lines,
    }
}

fn statements(text: &str) -> Vec<(StatementKind, String, Option<String>)> {
    extract(&article(text)).into_iter().map(|s| (s.kind, text[s.text].to_owned(), s.speaker)).collect()
}

/// What each found statement says, with its speaker and its act.
fn statements_with_acts(text: &str) -> Vec<(String, Option<String>, Act)> {
    extract(&article(text)).into_iter().map(|s| (text[s.text].to_owned(), s.speaker, s.act)).collect()
}

/// What each found statement says, with its speaker.
fn said(found: &[(StatementKind, String, Option<String>)]) -> Vec<(&str, Option<&str>)> {
    found.iter().map(|f| (f.1.as_str(), f.2.as_deref())).collect()
}

#[test]
fn said_that_with_a_titled_name() {
    let found = statements(
        "Iran’s President Hassan Rouhani says the military presence of US forces in Iraq will not help restore stability.",
    );
    assert_eq!(
        found,
        [(
            StatementKind::Indirect,
            "the military presence of US forces in Iraq will not help restore stability".into(),
            Some("Hassan Rouhani".into())
        )]
    );
}

#[test]
fn quote_then_role_then_pronoun() {
    let text = "Iran’s President Hassan Rouhani met the prime minister on Monday.\n\n“Americans have always played a destructive role in the region,” Iran’s president said.\n\nHe urged the government to act quickly on the matter.";
    let found = statements(text);
    assert_eq!(
        found[0],
        (
            StatementKind::Direct,
            "Americans have always played a destructive role in the region".into(),
            Some("Hassan Rouhani".into())
        )
    );
    assert_eq!(found[1].2.as_deref(), Some("Hassan Rouhani"));
    assert!(found[1].1.starts_with("the government to act"));
}

#[test]
fn colon_lead_in_and_split_quote() {
    let text = "Meanwhile, Iranian Foreign Ministry spokesman Nasser Kanaani said Tehran supports Iraq.\nSpeaking at a press conference, Mr. Kanaani stated: \"The Baghdad government has clearly stated its position.\"\n“We are ready,” he said. “We will help.”";
    let found = statements(text);
    let speakers: Vec<_> = found.iter().map(|f| f.2.clone().unwrap_or_default()).collect();
    assert!(speakers.iter().all(|s| s == "Nasser Kanaani"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.0 == StatementKind::Direct && f.1 == "The Baghdad government has clearly stated its position.")
    );
    assert!(found.iter().any(|f| f.1 == "We will help."), "{found:?}");
}

#[test]
fn according_to_and_adding_that() {
    let text = "Besides, according to this diplomatic official, Iran will not accept the plan.\n\nIt is a responsibility for any country to end that presence, Rouhani said, adding that Iran supports the vote.";
    let found = statements(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].1, "Iran will not accept the plan");
    assert_eq!(found[1].1, "It is a responsibility for any country to end that presence");
    assert_eq!(found[1].2.as_deref(), Some("Rouhani"));
    assert_eq!(found[2].1, "Iran supports the vote");
    assert_eq!(found[2].2.as_deref(), Some("Rouhani"));
}

#[test]
fn announced_needs_a_clause() {
    assert!(
        statements("On December 9, 2021, Washington officially announced the end of the US combat mission in Iraq.")
            .is_empty()
    );
    let found = statements("General Kenneth McKenzie announced the US will reduce its troops in Iraq.");
    assert_eq!(found[0].2.as_deref(), Some("Kenneth McKenzie"));
}

#[test]
fn unbalanced_quotes_do_not_stop_extraction() {
    let text =
        "“This quote never closes, and it goes on for a while\n\nThe minister said the talks would continue next week.";
    let found = statements(text);
    assert!(found.iter().any(|f| f.1 == "the talks would continue next week"), "{found:?}");
}

#[test]
fn subject_before_a_participle_skips_names_in_prepositional_phrases() {
    let text = "However, the chairman of Iraq’s Popular Mobilization Units (PMU), Falih al-Fayyadh, in May denounced the role of US troops, saying the Americans are targeting Iraqi forces.\n\nHe urged the Iraqi government to call for an end to the mission.";
    let found = statements(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.2.as_deref() == Some("Falih al-Fayyadh")), "{found:?}");
}

#[test]
fn pronouns_follow_the_last_subject_even_without_a_statement() {
    let text = "Ayatollah Ali Khamenei said the talks were useful.\n\nAt the meeting, Iraqi President Abdul Latif Rashid expressed his delight. He said Iraq enjoys strong relations with Iran.";
    let found = statements(text);
    assert_eq!(found[1].2.as_deref(), Some("Abdul Latif Rashid"), "{found:?}");
}

#[test]
fn a_sentence_ends_after_a_quote_that_closes_it() {
    let text = "Tomas Reyvik said in a statement that the withdrawal showed Kestrand \"keeps its word.\" Ilse Marrow, the defence ministry spokesperson, said that the fort would be transferred.";
    let found = statements(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, "the withdrawal showed Kestrand \"keeps its word.\"");
    assert_eq!(found[1].2.as_deref(), Some("Ilse Marrow"));
}

#[test]
fn a_passed_deadline_stops_extraction_at_the_first_sentence_and_a_far_one_changes_nothing() {
    let text = "Talks\n\nThe minister said the talks would resume. \"We are ready,\" she added.\n";
    let analysis = crate::metadata::analyze(text, &Default::default(), "x.txt");
    let article = Article { meta: Default::default(), text: text.to_owned(), lines: analysis.lines };
    let stopped = extract_until(&article, Some(std::time::Instant::now()));
    assert!(stopped.statements.is_empty());
    assert_eq!(stopped.stopped_at, text.find("The minister"));
    let far = extract_until(&article, Some(std::time::Instant::now() + std::time::Duration::from_secs(3600)));
    assert_eq!((far.statements, far.stopped_at), (extract(&article), None));
}

#[test]
fn what_follows_the_verb_is_said_when_the_words_before_the_speaker_are_no_statement() {
    // A clause after the verb, though a comma stands before the speaker.
    let found = statements("Asked about the hardest part of the contest, Sufianov said it was the English test.");
    assert_eq!(found[0].1, "it was the English test");
    // A time before the speaker.
    let found = statements("On Friday, Governor Lena Ortiz said the bridge would reopen within a month.");
    assert_eq!(found[0].1, "the bridge would reopen within a month");
    assert_eq!(found[0].2.as_deref(), Some("Lena Ortiz"));
    // An attribution between commas reports the whole sentence.
    let found = statements("Jonas Kerber farms near the dam. This year, he said, he planted barley instead of beet.");
    assert!(found[0].1.contains("he planted barley instead of beet"), "{found:?}");
    // A manner adverb between speaker and verb.
    let found = statements("Minister Aurel Benn formally claimed the data were complete.");
    assert_eq!((found[0].1.as_str(), found[0].2.as_deref()), ("the data were complete", Some("Aurel Benn")));
    // A clause after a phrase of place or time, with no `that`.
    let found =
        statements("Prime Minister Elena Sorvik said at a press conference on Friday the gun laws should change.");
    assert_eq!(found[0].1, "the gun laws should change");
    let found = statements("Prime Minister Elena Sorvik said in a meeting with the minister who was visiting.");
    assert!(found.is_empty(), "{found:?}");
    // The words before the speaker, when they are the statement, stay so.
    let found = statements("The talks will resume next week, Foreign Minister Amara Dused said.");
    assert_eq!(found[0].1, "The talks will resume next week");
}

#[test]
fn short_forms_name_what_the_article_named_in_full() {
    let text = "The Lower Olvane Farmers’ Union met on Monday. The union said the river was too low.\n\nThe Kestrand Water Authority published new figures. The Water Authority said the dam was full.\n\nTerri Collins sponsored the bill. Terri said it would pass.";
    let speakers: Vec<Option<String>> = statements(text).into_iter().map(|(_, _, speaker)| speaker).collect();
    assert_eq!(
        speakers,
        [
            Some("Lower Olvane Farmers’ Union".into()),
            Some("Kestrand Water Authority".into()),
            Some("Terri Collins".into())
        ]
    );
}

/// Each statement with its speaker, whether the speaker is named, and the role as written.
fn speakers_with_roles(text: &str) -> Vec<(String, Option<String>, bool, Option<String>)> {
    extract(&article(text))
        .into_iter()
        .map(|s| (text[s.text].to_owned(), s.speaker, s.named, s.role.map(|r| text[r].to_owned())))
        .collect()
}

#[test]
fn people_are_named_and_descriptions_are_not() {
    let found = speakers_with_roles(
        "Iran’s President Hassan Rouhani said the talks would go on.\n\nOfficials said the border would stay closed.\n\nPolice said two men were arrested.",
    );
    assert_eq!(found[0].1.as_deref(), Some("Hassan Rouhani"));
    assert!(found[0].2);
    // A description opening a sentence speaks in lower case, so `Officials` and `officials` are one speaker.
    assert_eq!((found[1].1.as_deref(), found[1].2), (Some("officials"), false));
    assert_eq!((found[2].1.as_deref(), found[2].2), (Some("police"), false));
}

#[test]
fn organisations_with_a_proper_name_are_named() {
    let found = speakers_with_roles(
        "Amnesty International said the trial was unfair.\n\nThe court's ruling came late. The Navy said the ship was lost.\n\nThe Iranian army said the drills had ended.",
    );
    let named: Vec<(Option<&str>, bool)> = found.iter().map(|f| (f.1.as_deref(), f.2)).collect();
    assert_eq!(named, [(Some("Amnesty International"), true), (Some("Navy"), true), (Some("Iranian army"), false)]);
}

#[test]
fn bodies_named_with_connectors_acronyms_or_an_article_are_organisations() {
    let found = speakers_with_roles(
        "The Centers for Disease Control and Prevention said cases rose.\n\nPress TV reported the crash was followed by a fire.\n\nThe Verge reported that the car was recalled.\n\nThe Associated Press said the vote was close.\n\nPG&E said it scheduled the blackouts.\n\nGeorge Kimbrell of the Center for Food Safety said the rule was weak.\n\nQueen Elizabeth II said she would comply.\n\nProsecutor Kama Melly QC said the victims were vulnerable.",
    );
    let speakers: Vec<(Option<&str>, bool)> = found.iter().map(|f| (f.1.as_deref(), f.2)).collect();
    assert_eq!(
        speakers,
        [
            (Some("Centers for Disease Control and Prevention"), true),
            (Some("Press TV"), true),
            (Some("Verge"), true),
            (Some("Associated Press"), true),
            (Some("PG&E"), true),
            (Some("George Kimbrell"), true),
            (Some("Queen Elizabeth II"), true),
            (Some("Kama Melly"), true),
        ]
    );
    let text = "The Centers for Disease Control and Prevention said cases rose.\n\nPress TV reported the crash was followed by a fire.";
    let types: Vec<Option<SpeakerType>> = extract(&article(text)).into_iter().map(|s| s.speaker_type).collect();
    assert_eq!(types, [Some(SpeakerType::Organization), Some(SpeakerType::Organization)]);
}

#[test]
fn a_spokesperson_of_a_named_body_speaks_for_it_and_of_a_described_one_unnamed() {
    let found = speakers_with_roles(
        "John Smith, a farmer, said the river was low.\n\nA spokesman for Amnesty International said the arrests were unlawful.\n\nFord's spokesperson said the company would recall the cars.\n\nThe ministry's spokesperson said the talks would resume.\n\nA spokeswoman for Prime Minister Justin Trudeau said he was resting.\n\nAn Interpol spokesperson said the request was refused. The spokesperson added that no notice would be issued.",
    );
    let speakers: Vec<(Option<&str>, bool)> = found.iter().map(|f| (f.1.as_deref(), f.2)).collect();
    assert_eq!(speakers[1], (Some("Amnesty International"), true));
    assert_eq!(speakers[2], (Some("Ford"), true));
    assert_eq!(speakers[3], (Some("ministry's spokesperson"), false));
    assert_ne!(speakers[4].0, Some("Prime Minister Justin Trudeau"), "a person's spokesperson is not a body");
    assert_eq!(speakers[5..], [(Some("Interpol"), true), (Some("Interpol"), true)], "`the spokesperson` again");
}

#[test]
fn an_office_is_not_given_to_the_last_person_quoted_when_they_hold_another() {
    let found = speakers_with_roles(
        "Health Minister Patty Hajdu said the vaccine would arrive soon.\n\nThe mayor said the arena would be used as a clinic.\n\nThe minister added that supplies were limited.",
    );
    let speakers: Vec<(Option<&str>, bool)> = found.iter().map(|f| (f.1.as_deref(), f.2)).collect();
    assert_eq!(speakers, [(Some("Patty Hajdu"), true), (Some("mayor"), false), (Some("Patty Hajdu"), true)]);
}

#[test]
fn the_role_is_the_description_the_article_gives() {
    let found = speakers_with_roles(
        "Heart and Stroke senior manager Ana Cole said salt was a danger.\n\nLater, Cole said labels would help.\n\nFalih al-Fayyadh, the chairman of the committee, said the vote was fair.",
    );
    assert_eq!(found[0].1.as_deref(), Some("Ana Cole"));
    assert_eq!(found[0].3.as_deref(), Some("Heart and Stroke senior manager"), "{found:?}");
    // A surname alone carries the role given where the name was written in full.
    let role = Some("Heart and Stroke senior manager");
    assert_eq!((found[1].1.as_deref(), found[1].3.as_deref()), (Some("Ana Cole"), role));
    assert_eq!(found[2].3.as_deref(), Some("chairman of the committee"));
    // An honorific is no role.
    let found = speakers_with_roles("Mr. Tomas Reyvik said the plan would work.");
    assert_eq!((found[0].1.as_deref(), found[0].3.as_deref()), (Some("Tomas Reyvik"), None));
}

#[test]
fn an_apposition_names_the_speaker_and_gives_the_role() {
    let found = speakers_with_roles("The Vice President, Mike Pence, said the tariffs would stay.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("Mike Pence"));
    assert!(found[0].2);
    assert_eq!(found[0].3.as_deref(), Some("Vice President"));
    let found = speakers_with_roles("\"We will stay,\" said the Secretary of State, Jane Alder, on Monday.");
    assert_eq!(found[0].1.as_deref(), Some("Jane Alder"), "{found:?}");
}

#[test]
fn a_statement_or_release_speaks_for_whoever_issued_it() {
    let found = speakers_with_roles(
        "\"He was loved by all,\" reads an AEW press release.\n\nA statement released by the Kestrand Water Authority said the dam was safe. The statement said repairs would follow.\n\nJudge Gray Miller ruled on Friday. Judge Miller's statement said the law was void.",
    );
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.1.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("AEW"), Some("Kestrand Water Authority"), Some("Kestrand Water Authority"), Some("Gray Miller")],
        "{found:?}"
    );
    // A statement no one is said to have issued has no speaker, and is not a speaker itself.
    let found = speakers_with_roles("A statement said the talks had failed.");
    assert_eq!((found[0].1.as_deref(), found[0].2), (None, false), "{found:?}");
}

#[test]
fn first_person_mentions_outside_quotes_are_not_resolved() {
    let found = speakers_with_roles(
        "Ashodaya Samithi runs a shelter in Mysore.\n\nWe told them to come back, and I told them the shelter was full.",
    );
    assert!(!found.is_empty());
    assert!(found.iter().all(|f| f.1.is_none()), "{found:?}");
}

#[test]
fn a_quote_is_not_by_the_person_it_speaks_of() {
    let text = "Jon Huber died on Saturday aged 41. Huber was signed to AEW at the time.\n\n\"Huber was exceptionally respected and loved in every way, and we will miss him dearly.\"";
    let found = speakers_with_roles(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, None);
}

#[test]
fn pronouns_do_not_reach_a_person_named_long_before() {
    let filler = "The shelter had twelve rooms and a small kitchen that everyone shared in turns. ".repeat(40);
    let text = format!("Asha Rao founded the shelter in 2004.\n\n{filler}\n\nShe told me the police would not help.");
    let found = speakers_with_roles(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, None);
    let near = speakers_with_roles("Asha Rao founded the shelter in 2004.\n\nShe said the police would not help.");
    assert_eq!(near[0].1.as_deref(), Some("Asha Rao"));
}

#[test]
fn a_possessive_before_a_description_leads_to_the_name() {
    let found = speakers_with_roles(
        "Jon Huber died on Saturday.\n\n\"Heartbroken and numb,\" writes Huber's longtime tag team partner Erick Rowan on Instagram.",
    );
    assert_eq!(found[0].1.as_deref(), Some("Erick Rowan"), "{found:?}");
}

#[test]
fn an_office_with_an_indefinite_article_is_someone_new() {
    let text = "Governor Lena Ortiz said the bridge would reopen.\n\nAn official said the repairs had not begun.\n\nThe official said work would start soon.";
    let found = speakers_with_roles(text);
    assert_eq!(found[0].1.as_deref(), Some("Lena Ortiz"));
    assert_eq!((found[1].1.as_deref(), found[1].2), (Some("official"), false), "{found:?}");
    // A definite office no one else holds is still most likely the person last quoted.
    assert_eq!(found[2].1.as_deref(), Some("Lena Ortiz"), "{found:?}");
}

#[test]
fn the_spokesperson_of_a_described_body_is_unnamed() {
    let text = "Governor Lena Ortiz said the bridge would reopen.\n\nThe ministry's spokesperson said the repairs had not begun.";
    let found = speakers_with_roles(text);
    assert_eq!((found[1].1.as_deref(), found[1].2), (Some("ministry's spokesperson"), false), "{found:?}");
}

#[test]
fn groups_of_people_and_companies_speak() {
    let found = statements(
        "The tunnel will reopen in May, according to investigators.\n\nOrvane Motors Co. said it posted a loss in the quarter.\n\nCity staff said they would review the zoning plan.",
    );
    let said = said(&found);
    assert!(said.contains(&("The tunnel will reopen in May", Some("investigators"))), "{found:?}");
    assert!(said.contains(&("it posted a loss in the quarter", Some("Orvane Motors Co"))), "{found:?}");
    assert!(said.iter().any(|(t, s)| *t == "they would review the zoning plan" && s.is_some()), "{found:?}");
}

#[test]
fn a_speaker_inside_a_report_does_not_cut_it_short() {
    let found =
        statements("The mayor added, to cheers from the hall, that his engineers had warned him about the bridge.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.ends_with("warned him about the bridge"), "{found:?}");
}

#[test]
fn a_time_or_place_after_the_verb_is_not_what_was_said() {
    let found = statements(
        "Brenner said Thursday in an interview at the harbour office.\n\nThe council stated in March it would sell the depot.\n\nLaszlo said Monday the ferry fares were too high.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(texts, ["it would sell the depot", "the ferry fares were too high"], "{found:?}");
}

#[test]
fn a_verb_with_a_plain_object_reports_nothing() {
    let found = statements(
        "The club announced their plans for a new stadium near the river.\n\nKarvonen responded for the Huskies in the third period, which was their best.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn beliefs_and_intentions_are_attributed() {
    let found = statements(
        "The harbour authority plans to dredge the eastern channel next spring.\n\nMarta Quell believes the tolls were set too high.\n\nThe dockworkers' union wants the port to hire more pilots.\n\nThe surveyors think the old pier cannot be saved.",
    );
    let said = said(&found);
    assert!(said.iter().any(|(t, s)| t.starts_with("to dredge the eastern channel") && s.is_some()), "{found:?}");
    assert!(said.contains(&("the tolls were set too high", Some("Marta Quell"))), "{found:?}");
    assert!(said.iter().any(|(t, _)| t.starts_with("the port to hire")), "{found:?}");
}

#[test]
fn plans_and_claims_as_nouns_are_no_statements() {
    let found = statements(
        "The mayor's plans to widen the road were shelved.\n\nThe governor's new transit plan would be paid for by a toll.\n\nSeven member states had bid to host the summit.\n\nI want to thank everyone who came.\n\nThe senator's claim would weaken the committee's case.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn according_to_after_a_long_clause_closes_it() {
    let found = statements(
        "The ferry ran aground near the lighthouse, according to coast guard officials, but the harbour stayed open.\n\nTwo boats sank; according to investigators, one was carrying fuel.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert!(texts.contains(&"The ferry ran aground near the lighthouse"), "{found:?}");
    assert!(texts.contains(&"one was carrying fuel"), "{found:?}");
}

#[test]
fn short_forms_reach_names_with_initials_particles_and_double_surnames() {
    let found = statements(
        "Judge Hollis K. Brandt heard the case on Friday. Brandt said the fraud was deliberate.\n\nMayor Ines de Marval spoke next. De Marval said the city would appeal.\n\nGovernor Lucia Ferrer Quintana resigned. Ferrer said she would leave in May.\n\nOrvane Motor Company recalled the vans. Orvane said the brakes were faulty.\n\nHarbour workers have indicated the strike is over.",
    );
    let speakers: Vec<&str> = found.iter().filter_map(|f| f.2.as_deref()).collect();
    assert_eq!(
        speakers,
        ["Hollis K. Brandt", "Ines de Marval", "Lucia Ferrer Quintana", "Orvane Motor Company", "Harbour workers"],
        "{found:?}"
    );
}

#[test]
fn acronyms_and_portfolios_name_the_full_speaker() {
    let found = statements(
        "The Coastal Weather Bureau issued a warning on Monday. The CWB said the storm would strengthen overnight.\n\nMinister of Information Dario Vessel spoke in the capital. Vessel said the rebels were backed by smugglers.",
    );
    let speakers: Vec<&str> = found.iter().filter_map(|f| f.2.as_deref()).collect();
    assert_eq!(speakers, ["Coastal Weather Bureau", "Dario Vessel"], "{found:?}");
}

#[test]
fn inverted_cues_and_appositions_with_several_names() {
    let found = statements(
        "Her solicitors, Ada Morrow and Piet Lund, have said the contract was void.\n\nThe tunnel is unsafe, insists 19-year-old Tomas Vey, in calling for a second survey.\n\nThe tolls are illegal, argued the council's lawyer, Edda Krall.",
    );
    let said = said(&found);
    assert!(said.iter().any(|(t, s)| *t == "the contract was void" && s.is_some()), "{found:?}");
    assert!(said.contains(&("The tunnel is unsafe", Some("Tomas Vey"))), "{found:?}");
    assert!(said.contains(&("The tolls are illegal", Some("Edda Krall"))), "{found:?}");
}

#[test]
fn according_to_any_short_source() {
    let found = statements(
        "According to a harbour clerk, the hearing will resume next week.\n\nAccording to the Office for Coastal Safety in the northern region, two ferries were recalled.\n\nThe ferry was late, according to the timetable.",
    );
    let said = said(&found);
    assert!(said.contains(&("the hearing will resume next week", Some("harbour clerk"))), "{found:?}");
    assert!(said.iter().any(|(t, _)| *t == "two ferries were recalled"), "{found:?}");
    assert!(said.iter().any(|(t, _)| *t == "The ferry was late"), "{found:?}");
}

#[test]
fn a_clause_with_a_past_verb_or_an_infinitive_is_what_was_said() {
    let found = statements(
        "The broadcaster later reported the blaze started in a parked van.\n\nVarga later claimed to have no memory of the crash.\n\nLocal police warned residents to keep their windows closed.\n\nThe lab observed several proteins found only in the glue.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        texts,
        [
            "the blaze started in a parked van",
            "to have no memory of the crash",
            "residents to keep their windows closed"
        ],
        "{found:?}"
    );
}

#[test]
fn no_statement_from_a_gerund_a_relative_clause_or_a_lone_adverbial() {
    let found = statements(
        "The agency maintains a policy of not naming the victims.\n\nIn a livestream, Okafor shared with his supporters his reasons.\n\nNine towns were flooded according to the bureau report on Sunday, which counted the damage.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(texts, ["Nine towns were flooded"], "{found:?}");
}

#[test]
fn opinions_vows_and_progressive_intentions() {
    let found = statements(
        "Petra Lind chairs the board. In her view, the merger will cost jobs.\n\nThe union vowed to appeal the ruling.\n\nThe council is planning to close two libraries.\n\nThe senator is confident the bill will pass.",
    );
    let said = said(&found);
    assert!(said.contains(&("the merger will cost jobs", Some("Petra Lind"))), "{found:?}");
    assert!(said.iter().any(|(t, _)| *t == "to appeal the ruling"), "{found:?}");
    assert!(said.iter().any(|(t, _)| *t == "to close two libraries"), "{found:?}");
    assert!(said.iter().any(|(t, _)| *t == "the bill will pass"), "{found:?}");
}

#[test]
fn participles_of_intention_after_a_comma_are_no_statements() {
    let found = statements(
        "The plane turned back, intending to land at the airfield.\n\nHe was shot while seeking the party's nomination.\n\nAl Jazeera reported that Orsolya was planning to visit the ward.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(texts, ["Orsolya was planning to visit the ward"], "{found:?}");
}

#[test]
fn a_description_before_a_named_apposition_is_no_statement() {
    let found = statements(
        "Another passenger, Ilona Brandt, described deep scratches on the door.\n\nWhile the assembly confirmed the budget on Friday, the senate did not.\n\nThe team has tagged gulls at the colony, noting which birds return each spring.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_name_closing_a_relative_clause_is_not_the_speaker() {
    let found = statements("A militant group that opposes the Belvane Canal said on Monday it would sue the ministry.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_ne!(found[0].2.as_deref(), Some("Belvane Canal"), "{found:?}");
}

#[test]
fn relative_clauses_pronoun_clauses_and_reasons() {
    let found = statements(
        "Tarvia, which claims the northern islands, fishing is banned most of the year.\n\nThe mayor declared last Friday so he could free the emergency funds.\n\nOkonjo claimed she made the decision alone.\n\nResidents there told reporters the water smelled of diesel.\n\nThe pier was rarely flooded according to the harbour office who reported that over the last decade, only two storms reached it.",
    );
    let texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert!(!texts.iter().any(|t| t.contains("fishing is banned") || t.contains("so he could")), "{found:?}");
    assert!(texts.contains(&"she made the decision alone"), "{found:?}");
    assert!(texts.contains(&"the water smelled of diesel"), "{found:?}");
    assert!(texts.iter().any(|t| t.ends_with("only two storms reached it")), "{found:?}");
}

#[test]
fn a_title_word_after_a_given_name_is_a_surname_and_holidays_are_no_people() {
    let found = statements(
        "Former prime minister Alan Major has argued that the suspension was unlawful.\n\nThe singer died after being in hospital since Christmas Eve, his family reported.",
    );
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.2.as_deref()).collect();
    assert_eq!(speakers[0], Some("Alan Major"), "{found:?}");
    assert_ne!(speakers.get(1).copied().flatten(), Some("Christmas Eve"), "{found:?}");
}

#[test]
fn ages_home_towns_and_passives() {
    let found = statements(
        "Marta Quell, 45, said the fire started in the kitchen.\n\nOmar Haddad, 31, of Dunmore, said he was not surprised.\n\nThe last victim, Ivo Brenn, 49, was quickly reported missing.\n\nThe High Court in Scotland ruled the order was void.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the fire started in the kitchen", Some("Marta Quell")),
            ("he was not surprised", Some("Omar Haddad")),
            ("the order was void", Some("High Court"))
        ],
        "{found:?}"
    );
}

#[test]
fn popes_monarchs_middle_names_party_labels_and_led_bodies() {
    let found = statements(
        "Pope Clement said the faithful must help refugees.\n\nQueen Maud III said the session would open in May.\n\nRobert Elvin Kasa ruled for decades. Robert Kasa said only the people could remove him.\n\nRepublican Dana Orrin said the inquiry should go on.\n\nThe Tarvian-led Coastal Defence Forces said they had entered the town.",
    );
    let speakers: Vec<&str> = found.iter().filter_map(|f| f.2.as_deref()).collect();
    assert_eq!(
        speakers,
        ["Pope Clement", "Queen Maud III", "Robert Elvin Kasa", "Dana Orrin", "Coastal Defence Forces"],
        "{found:?}"
    );
}

#[test]
fn each_statement_names_its_act() {
    let text = "Ferro said the port would reopen.\n\nThe union believes the tolls are too high.\n\nThe council plans to sell the depot.\n\nIn her view, the depot is worth more.";
    let acts: Vec<Act> = extract(&article(text)).iter().map(|s| s.act).collect();
    assert_eq!(acts, [Act::Speech, Act::Belief, Act::Intention, Act::Belief]);
}

#[test]
fn acronyms_provinces_and_clock_times() {
    let found = statements(
        "In a news release Tuesday, the OPP said the driver was arrested without incident.\n\nThe province says it will spend more on clinics.\n\nThe Harbour Police Service said officers were called shortly after 9 p.m. Dunmore police are asking witnesses to come forward.\n\nThe union representing the nurses, ONU, said members voted to strike.",
    );
    let said = said(&found);
    assert!(said.contains(&("the driver was arrested without incident", Some("OPP"))), "{found:?}");
    assert!(said.contains(&("it will spend more on clinics", Some("province"))), "{found:?}");
    assert!(said.iter().any(|(t, _)| t.starts_with("officers were called") && !t.contains("Dunmore")), "{found:?}");
    assert!(said.contains(&("members voted to strike", Some("ONU"))), "{found:?}");
}

#[test]
fn a_name_before_an_apposition_and_who_speaks_and_us_states_are_no_verb() {
    let found = statements(
        "The study was led by Lena Vorn, a marine ecologist and professor at KTU, who said \"There is a lot left to learn about the reef.\"\n\nListed US states as having members were Ohio and Utah.",
    );
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.2.as_deref()).collect();
    assert_eq!(speakers, [Some("Lena Vorn")], "{found:?}");
}

#[test]
fn news_agencies_offices_nobody_named_and_asides() {
    let found = statements(
        "Reuters, citing two people close to the talks, reported the deal had collapsed.\n\nThe ferry sank, Bloomberg reported.\n\nThe premier said in an interview that the budget would be balanced.\n\n\"I saw the smoke first,\" the woman, who asked not to be named, said.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the deal had collapsed", Some("Reuters")),
            ("The ferry sank", Some("Bloomberg")),
            ("the budget would be balanced", Some("premier")),
            ("I saw the smoke first", Some("woman")),
        ],
        "{found:?}"
    );
    let named: Vec<bool> = extract(&article("The ferry sank, Reuters reported.")).iter().map(|s| s.named).collect();
    assert_eq!(named, [true]);
}

#[test]
fn what_follows_a_person_told_a_comma_and_a_filing_is_what_was_said() {
    let found = statements(
        "Nine people are confirmed dead, officials told state media, adding that the search had ended.\n\nKestrel Mining Co. said in a filing on Tuesday it posted a record loss.\n\nAsked whether he would resign, Dorn said no.\n\nThe levy was unfair, according to the town's mayor, who spoke on Monday.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Nine people are confirmed dead", Some("officials")),
            ("the search had ended", Some("officials")),
            ("it posted a record loss", Some("Kestrel Mining Co")),
            ("The levy was unfair", Some("town's mayor")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_claim_owned_by_a_name_or_pronoun_is_a_statement_and_an_unowned_one_is_not() {
    let text = "Senator Dana Rhee's claim that the ballots were lost, which aides repeated, drew a rebuke.\n\nThe claim that the ballots were lost spread online.\n\nIn May, Rhee spoke again. Her fear that the count would stall grew.";
    let found = statements_with_acts(text);
    assert_eq!(
        found,
        [
            ("the ballots were lost".to_owned(), Some("Dana Rhee".to_owned()), Act::Speech),
            ("the count would stall".to_owned(), Some("Dana Rhee".to_owned()), Act::Belief),
        ],
        "{found:?}"
    );
}

#[test]
fn groups_parties_and_qualified_sources_speak() {
    let found = statements(
        "Many voters say they are tired of the tolls.\n\nOfficials familiar with the matter said the talks had stalled.\n\nRepublicans said the border should stay open.\n\nThe minister said privately that he would not run.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("they are tired of the tolls", Some("voters")),
            ("the talks had stalled", Some("officials")),
            ("the border should stay open", Some("Republicans")),
            ("he would not run", Some("minister")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_role_serving_someone_speaks_for_itself_not_for_whom_it_serves() {
    let found = statements(
        "Dana Roe was charged on Friday with fraud, a charge she denies.\n\nA lawyer for Roe said the charges were baseless.\n\nAides to the governor said he would not run.\n\nMinister for Trade Ahmed Kell said the talks would resume.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the charges were baseless", Some("lawyer for Roe")),
            ("he would not run", Some("aides to the governor")),
            ("the talks would resume", Some("Ahmed Kell")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_spokesperson_for_a_ministry_named_with_a_title_word_speaks_for_it() {
    let found = statements(
        "A spokesperson for the Iranian Foreign Ministry said the talks would resume.\n\nA spokeswoman for Prime Minister Dana Roe said the trip was cancelled.",
    );
    let speakers: Vec<Option<&str>> = found.iter().map(|f| f.2.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Iranian Foreign Ministry"), Some("spokeswoman for Prime Minister Dana Roe")],
        "{found:?}"
    );
}

#[test]
fn knowing_agreeing_and_being_sure_report_a_clause_and_nothing_else() {
    let text = "Senator Dana Rhee knows that the vote will be close.\n\nThe mayor agreed that the plan needed more work.\n\nOfficials are sure that the bridge is safe.\n\nShe knew the area well because her family had lived there.\n\nRoe assumed office after the election was held in March.\n\nRefusing to give up power, Roe agreed to share it.\n\nNothing is sure yet, but the talks are going well.\n\nI know that the plan is sound.";
    let found = statements_with_acts(text);
    assert_eq!(
        found,
        [
            ("the vote will be close".to_owned(), Some("Dana Rhee".to_owned()), Act::Belief),
            ("the plan needed more work".to_owned(), Some("mayor".to_owned()), Act::Speech),
            ("the bridge is safe".to_owned(), Some("officials".to_owned()), Act::Belief),
        ],
        "{found:?}"
    );
}

#[test]
fn intentions_of_resolve_readiness_and_wishes() {
    let text = "Republicans are determined to block the nomination.\n\nThe union is willing to return to the table.\n\nThe council decided to delay the vote.\n\nDana Roe would like to see a smaller government.\n\nRoe wishes the council had acted sooner.\n\nThe new bridge is ready to carry traffic.\n\nThe residents wish for a quieter street.";
    let found = statements_with_acts(text);
    assert_eq!(
        found,
        [
            ("to block the nomination".to_owned(), Some("Republicans".to_owned()), Act::Intention),
            ("to return to the table".to_owned(), Some("union".to_owned()), Act::Intention),
            ("to delay the vote".to_owned(), Some("council".to_owned()), Act::Intention),
            ("to see a smaller government".to_owned(), Some("Dana Roe".to_owned()), Act::Intention),
            ("the council had acted sooner".to_owned(), Some("Dana Roe".to_owned()), Act::Intention),
        ],
        "{found:?}"
    );
}

#[test]
fn asides_adverbs_and_places_between_speaker_verb_and_content() {
    let found = statements(
        "Trump claimed, without evidence, that millions of people voted illegally.\n\nSenator Dana Rhee has promised repeatedly to repeal the law.\n\nGovernor Ahmed Kell has long maintained that the tax is unfair.\n\nVoters in the state say they want change.\n\nMcConnell has made clear that he will not hold hearings.\n\nOfficials have said little about the inquiry.\n\nMany Republicans think Trump cannot win the election.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("millions of people voted illegally", Some("Trump")),
            ("to repeal the law", Some("Dana Rhee")),
            ("the tax is unfair", Some("Ahmed Kell")),
            ("they want change", Some("voters")),
            ("he will not hold hearings", Some("McConnell")),
            ("Trump cannot win the election", Some("Republicans")),
        ],
        "{found:?}"
    );
}

#[test]
fn an_attribution_after_a_wish_reports_it_and_a_sentence_opening_plural_is_no_group() {
    let found = statements(
        "Players would like to see more fans at the games, the coach said.\n\nA Turkish official said that the pipeline is running, Cyprus Mail reported.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Players would like to see more fans at the games", Some("coach")),
            ("the pipeline is running", Some("Turkish official")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_name_given_in_quotation_marks_is_said_and_an_aide_is_not_whom_they_serve() {
    let found = statements(
        "Dana Roe and Ahmed Kell met in the debate on Monday.\n\nThe Roe spokesman called the report \"a ridiculous smear.\"\n\nA Kell aide said the report was false.\n\nResidents called the police after hearing shots.\n\nThe city hosted a program called \"Learning Together\".\n\n\"It is a sad day,\" said Mayor John Tory.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the report \"a ridiculous smear.\"", Some("Roe spokesman")),
            ("the report was false", Some("Kell aide")),
            ("It is a sad day", Some("John Tory")),
        ],
        "{found:?}"
    );
}

#[test]
fn charges_warnings_and_findings_are_statements_but_plain_objects_are_not() {
    let found = statements(
        "Pelosi accused Trump of abusing his power for political gain.\n\nOfficials blamed the fire on faulty wiring.\n\nThe fire was blamed on faulty wiring.\n\nThe NHC warned of potential flash floods in the islands.\n\nLocal police warned people in the general vicinity to stay inside.\n\nThe court found that the prorogation was unlawful.\n\nPolice found the body of the missing hiker on Sunday.\n\nCritics found it difficult to be objective.\n\nWe looked at the birds and found that we have very high accuracy.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Trump of abusing his power for political gain", Some("Pelosi")),
            ("the fire on faulty wiring", Some("officials")),
            ("potential flash floods in the islands", Some("NHC")),
            ("people in the general vicinity to stay inside", Some("Local police")),
            ("the prorogation was unlawful", Some("court")),
        ],
        "{found:?}"
    );
}

#[test]
fn research_speaks_under_its_description_and_a_medium_for_its_issuer() {
    let found = statements(
        "The study found that most patients recovered within two weeks.\n\nA new poll shows that most voters oppose the plan.\n\nPhotos posted online show the building in flames.\n\nThe Department of Corrections issued a statement saying an inmate had been stabbed.\n\n\"The water is warm,\" said study co-author Karen Alley.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("most patients recovered within two weeks", Some("study")),
            ("most voters oppose the plan", Some("new poll")),
            ("an inmate had been stabbed", Some("Department of Corrections")),
            ("The water is warm", Some("Karen Alley")),
        ],
        "{found:?}"
    );
}

#[test]
fn groups_in_the_plural_speak_unnamed_and_never_as_one_person() {
    let text = "Rights groups said the law would silence critics.\n\nIraqi security forces said they had retaken the town.\n\nThe Syrian Democratic Forces said they had taken the dam.\n\nMany generals believed that the war was lost.\n\nOfficer Anne Blake and officer Tom Reyes were convicted. Both officers indicated they would appeal.";
    let found: Vec<(String, Option<String>, bool)> =
        extract(&article(text)).into_iter().map(|s| (text[s.text].to_owned(), s.speaker, s.named)).collect();
    let found: Vec<(&str, Option<&str>, bool)> = found.iter().map(|f| (f.0.as_str(), f.1.as_deref(), f.2)).collect();
    assert_eq!(
        found,
        [
            ("the law would silence critics", Some("rights groups"), false),
            ("they had retaken the town", Some("Iraqi security forces"), false),
            ("they had taken the dam", Some("Syrian Democratic Forces"), true),
            ("the war was lost", Some("generals"), false),
            ("they would appeal", Some("officers"), false),
        ]
    );
}

#[test]
fn a_participle_after_an_object_speaks_for_the_sentence_subject() {
    let found = statements(
        "The union has written to Prime Minister Elena Sorvik asking her to make the dam a priority.\n\nMehrdad Pahlavanzadeh defended the ban on the players saying the rules were clear.\n\nHaving won many tournaments, Dorsa Derakhshani left the federation saying it was not a good fit.\n\nThe Biden campaign criticized the refusal, accusing the president of hiding.\n\nOpposition leader Petar Vosk, head of the Civic Renewal Party, accused the government of reacting too late.\n\nThe vote went ahead with local media reporting that no one was hurt.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("to make the dam a priority", Some("union")),
            ("the rules were clear", Some("Mehrdad Pahlavanzadeh")),
            ("it was not a good fit", Some("Dorsa Derakhshani")),
            ("the president of hiding", Some("Biden campaign")),
            ("the government of reacting too late", Some("Petar Vosk")),
            ("no one was hurt", Some("local media")),
        ],
        "{found:?}"
    );
}

#[test]
fn the_subject_speaks_past_a_phrase_a_passive_agent_or_an_owned_record() {
    let found = statements(
        "Assembly president Richard Ferrand in relaying the news to parliament said the vote would wait.\n\nDoctors in Gaza said the hospital had run out of fuel.\n\nMira Solt of the University of California, Los Angeles said the seeps were minor.\n\nThe result was described by Johnson as a mandate, saying he intends to leave by January.\n\nThe Department issued a statement that an inmate had been stabbed: \"Officers responded quickly.\"\n\nAccording to PG&E's schedule, half a million customers could be affected.\n\nAccording to the hotel's website, the building has 40 rooms.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the vote would wait", Some("Richard Ferrand")),
            ("the hospital had run out of fuel", Some("doctors in Gaza")),
            ("the seeps were minor", Some("Mira Solt")),
            ("he intends to leave by January", Some("Johnson")),
            ("an inmate had been stabbed", Some("Department")),
            ("Officers responded quickly.", Some("Department")),
            ("half a million customers could be affected", Some("PG&E")),
            ("the building has 40 rooms", Some("hotel's website")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_pronoun_skips_people_of_the_other_gender_and_follows_a_role_opening_the_sentence() {
    let found = statements(
        "Emily Stone and Nicolas Roy were questioned on Monday. Roy denied the charge. She told the court she had been threatened.\n\nForeign Minister Amara Dused met Kestrand’s Water Minister Aurel Benn on the bridge. Later, Aurel Benn left.\n\nThe foreign minister brushed the criticism aside. Asked about the post, she said that the accord had worked.\n\nLater, Aurel Benn spoke to reporters. He said the river was low.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("she had been threatened", Some("Emily Stone")),
            ("the accord had worked", Some("Amara Dused")),
            ("the river was low", Some("Aurel Benn")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_name_in_quotation_marks_is_not_said() {
    let found = statements(
        "Leonov was twice awarded the title \"Hero of the Soviet Union\" by the state.\n\nThe bill, titled the \"Reproductive Health Care Reform Bill 2019\", passed on Monday.\n\n\"The Flood Is Over Now, and We Stay,\" said Mayor Ann Hale.",
    );
    let said = said(&found);
    // A sentence in quotation marks is said even in title case, when it holds punctuation; a name is not.
    assert!(said.iter().all(|(text, _)| !text.contains("Hero of the") && !text.contains("Reform Bill")), "{found:?}");
    assert!(
        said.iter().any(|(text, speaker)| text.contains("The Flood Is Over Now") && *speaker == Some("Ann Hale")),
        "{found:?}"
    );
}

#[test]
fn when_or_to_whom_after_the_verb_is_not_what_was_said() {
    let found = statements(
        "\"Our house is burning and we must act,\" Macron told the world on Thursday via Twitter.\n\n\"Attackers prefer martyrdom to a sentence,\" professor David Wilson told the press.\n\nThe mayor told the council on Monday that the bridge would reopen.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Our house is burning and we must act", Some("Macron")),
            ("Attackers prefer martyrdom to a sentence", Some("David Wilson")),
            ("the bridge would reopen", Some("mayor")),
        ],
        "{found:?}"
    );
}

#[test]
fn according_to_after_and_reports_the_clause_that_follows() {
    let found = statements(
        "Mugabe was treated in Singapore for months and according to the Ministry of Foreign Affairs he died in the morning.\n\nThe plant closed in May, according to the union.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [("he died in the morning", Some("Ministry of Foreign Affairs")), ("The plant closed in May", Some("union")),],
        "{found:?}"
    );
}

#[test]
fn an_opening_quantifier_or_adverb_is_no_speaker() {
    let found = statements(
        "Within a day, the Belarusian KGB arrested 33 men, claiming them to be mercenaries.\n\nSeveral officials rejected the plan, saying it would cost too much.\n\nFindings also suggested the colony was shrinking.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("them to be mercenaries", Some("Belarusian KGB")),
            ("it would cost too much", Some("officials")),
            ("the colony was shrinking", Some("Findings")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_name_in_a_list_opens_no_clause_for_a_pronoun() {
    let found = statements(
        "Gloria Vanderbilt was also linked to, amongst others, Errol Flynn, Marlon Brando, and Howard Hughes. She later said her marriage to Wyatt Cooper was her only happy one.\n\nIn Washington, Errol Flynn, who rarely spoke, said the film was done.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("her marriage to Wyatt Cooper was her only happy one", Some("Gloria Vanderbilt")),
            ("the film was done", Some("Errol Flynn")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_body_named_after_a_person_or_closed_by_a_place_speaks_and_numbers_set_nothing_off() {
    let found = statements(
        "\"This is a historic day,\" said Chief Rebecca Moore of the Cree Nation.\n\nThe union, which represents 50,000 workers, says members will vote next week.\n\nBell Canada said rates would rise.\n\nPrices fell in March, according to Statistics Canada.\n\nThe speaker of the parliament Ali Larijani said the vote was valid.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("This is a historic day", Some("Rebecca Moore")),
            ("members will vote next week", Some("union")),
            ("rates would rise", Some("Bell Canada")),
            ("Prices fell in March", Some("Statistics Canada")),
            ("the vote was valid", Some("Ali Larijani")),
        ],
        "{found:?}"
    );
}

#[test]
fn what_it_was_said_of_and_the_occasion_are_not_said_and_a_given_name_may_be_a_place() {
    let found = statements(
        "When interviewed by the BBC, Day said of Hudson, \"Nothing was ever talked about.\"\n\nThe NDP's health critic, France Gélinas, said the government was moving too slowly.\n\n\"It's unacceptable,\" Matlow said of the delay.\n\nRising costs have hurt families, Matlow said.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Nothing was ever talked about.", Some("Day")),
            ("the government was moving too slowly", Some("France Gélinas")),
            ("It's unacceptable", Some("Matlow")),
            ("Rising costs have hurt families", Some("Matlow")),
        ],
        "{found:?}"
    );
}

#[test]
fn plural_and_participle_forms_of_admitting_and_beliefs_in_the_past() {
    let found = statements_with_acts(
        "Clinton's aides privately acknowledge that the race has tightened.\n\nTrump later softened his stance, acknowledging that schools may open late.\n\nInitially, the astronomers thought it was a binary system.\n\nThe astronomers thought about it.",
    );
    let found: Vec<(&str, Option<&str>, Act)> =
        found.iter().map(|(text, speaker, act)| (text.as_str(), speaker.as_deref(), *act)).collect();
    assert_eq!(
        found,
        [
            ("the race has tightened", Some("Clinton's aides"), Act::Speech),
            ("schools may open late", Some("Trump"), Act::Speech),
            ("it was a binary system", Some("astronomers"), Act::Belief),
        ]
    );
}

#[test]
fn a_body_named_with_a_title_word_speaks_without_the_country_owning_it() {
    let found = statements(
        "Brazil's National Institute for Space Research reported that fires had risen.\n\nThe National Security Adviser, John Bolton, said the talks had failed.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("fires had risen", Some("National Institute for Space Research")),
            ("the talks had failed", Some("John Bolton")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_judgement_called_without_quotation_marks_is_said_and_a_name_given_is_not() {
    let found = statements(
        "Pelosi called the plan a disgrace to the country.\n\nHe was called a hero by his neighbours.\n\nShe called him a few times last week.\n\nIt was a retreat for the Mayor of Birmingham called Bryn Tirion before becoming a hotel.",
    );
    let said = said(&found);
    assert_eq!(said, [("the plan a disgrace to the country", Some("Pelosi"))], "{found:?}");
}

#[test]
fn a_judgement_is_said_with_what_it_was_for_and_not_alone() {
    let found = statements(
        "Cruz criticized Rubio for supporting the bill.\n\nUnions criticized the plan as a giveaway.\n\nBiden criticized the move.\n\nPolice blasted the door open.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [("Rubio for supporting the bill", Some("Cruz")), ("the plan as a giveaway", Some("unions"))],
        "{found:?}"
    );
}

#[test]
fn a_place_after_a_group_says_where_it_is_and_is_not_the_speaker() {
    let found = statements(
        "TORONTO — Nurses across Ontario say hospitals are losing staff.\n\nIn a ruling, federal judge Gray Miller in Texas said the practice was unconstitutional.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("hospitals are losing staff", Some("nurses across Ontario")),
            ("the practice was unconstitutional", Some("Gray Miller")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_body_named_by_capitalised_words_and_a_place_warns_in_the_progressive() {
    let found = statements(
        "Environment Canada is warning of heavy snowfall in the region.\n\nTransport Canada is warning that roads could close.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [("heavy snowfall in the region", Some("Environment Canada")), ("roads could close", Some("Transport Canada")),],
        "{found:?}"
    );
}

#[test]
fn a_month_before_the_verb_is_a_surname_and_a_date_is_not() {
    let found = statements(
        "Prime Minister Theresa May said the deal was the best available.\n\n\"It is the right deal,\" May said.\n\nGreen Party Leader Elizabeth May told the House that the bill was flawed.\n\nOn May 5 officials said the plan was dead.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the deal was the best available", Some("Theresa May")),
            ("It is the right deal", Some("Theresa May")),
            ("the bill was flawed", Some("Elizabeth May")),
            ("the plan was dead", Some("officials")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_quotation_before_the_speaker_stays_whole_when_the_sentence_goes_on() {
    let found = statements(
        "\"We're hopeful,\" Lopez said on Monday, adding that sales have picked up.\n\n\"We're hopeful,\" Lopez said, and sales have picked up since October.\n\nThis year, he said, he came to support the plan.\n\nThe answer, says Lopez, is more support from the city.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("We're hopeful", Some("Lopez")),
            ("sales have picked up", Some("Lopez")),
            ("We're hopeful", Some("Lopez")),
            ("This year, he said, he came to support the plan", Some("Lopez")),
            ("The answer, says Lopez, is more support from the city", Some("Lopez")),
        ],
        "{found:?}"
    );
}

#[test]
fn an_owned_claim_or_promise_ends_before_the_sentence_verb() {
    let found = statements(
        "Trump's claim that millions voted illegally has been debunked.\n\nClinton's promise to raise taxes on the wealthy drew criticism.\n\nSanders' argument that the system is rigged resonated with young voters.\n\nThe union's warning that the strike would last proved correct.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("millions voted illegally", Some("Trump")),
            ("to raise taxes on the wealthy", Some("Clinton")),
            ("the system is rigged", Some("Sanders")),
            ("the strike would last", Some("union")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_word_describing_research_opening_the_sentence_names_no_issuer() {
    let found =
        statements("Recent polls suggest the race is tightening.\n\nA new poll by Ipsos found that voters are split.");
    let said = said(&found);
    assert_eq!(
        said,
        [("the race is tightening", Some("Recent polls")), ("voters are split", Some("Ipsos"))],
        "{found:?}"
    );
}

#[test]
fn groups_around_a_campaign_speak() {
    let found = statements(
        "Trump's allies say he has the momentum.\n\nBoth campaigns say they are confident of victory.\n\nDemocratic strategists believe the race is tightening.\n\nDemocrats in Congress vowed to investigate the payments.\n\nRepublicans in the Senate say the bill is dead.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("he has the momentum", Some("Trump's allies")),
            ("they are confident of victory", Some("campaigns")),
            ("the race is tightening", Some("Democratic strategists")),
            ("to investigate the payments", Some("Democrats")),
            ("the bill is dead", Some("Republicans")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_cue_in_an_infinitive_reports_for_the_subject_of_its_verb() {
    let found = statements(
        "Donald Trump took to Twitter to say that the media was dishonest.\n\nJudge Ann Schwartz went on to say he was not giving them the longest sentence.\n\nHillary Clinton appeared to acknowledge that the emails had hurt her.\n\nShe held a rifle to show the invention could be used by soldiers.\n\nHe declined to say whether he would run.\n\nThere is no reason to assume that the effect is permanent.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the media was dishonest", Some("Donald Trump")),
            ("he was not giving them the longest sentence", Some("Ann Schwartz")),
            ("the emails had hurt her", Some("Hillary Clinton")),
        ],
        "{found:?}"
    );
}

#[test]
fn beliefs_charges_and_questions() {
    let found = statements(
        "Many voters feel the system is broken.\n\nRepublicans are concerned that turnout will be low.\n\nSenate Democrats charged that the nominee had insulted veterans.\n\nPolice charged the driver with assault.\n\nSenator Ted Cruz wondered aloud whether the nominee was a true conservative.\n\nAs Hillary Clinton put it, the election is a choice between two futures.\n\nHe put it on the table.\n\nIn Sanders' view, the system is rigged.\n\nHillary Clinton has made the argument that Trump is dangerous.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the system is broken", Some("voters")),
            ("turnout will be low", Some("Republicans")),
            ("the nominee had insulted veterans", Some("Senate Democrats")),
            ("the nominee was a true conservative", Some("Ted Cruz")),
            ("the election is a choice between two futures", Some("Hillary Clinton")),
            ("the system is rigged", Some("Sanders")),
            ("Trump is dangerous", Some("Hillary Clinton")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_statement_in_a_clause_before_the_main_one_ends_at_its_comma() {
    let found = statements(
        "After Joe Lockhart questioned whether the visit was the result of a stroke, Donald Trump alleged the media was lying.\n\nTwo days after the World Health Organization declared the outbreak, which causes the disease, to be a pandemic, Trump acted.\n\nDonald Trump, who has said he would fund his own campaign, accepted money from donors.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the visit was the result of a stroke", Some("Joe Lockhart")),
            ("the media was lying", Some("Donald Trump")),
            ("the outbreak, which causes the disease, to be a pandemic", Some("World Health Organization")),
            ("he would fund his own campaign", Some("Donald Trump")),
        ],
        "{found:?}"
    );
}

#[test]
fn auxiliaries_and_asides_between_speaker_and_cue() {
    let found = statements(
        "Donald Trump has been saying for months that the election is rigged.\n\nSenator Amy Cole did say that she regretted some of her words.\n\nThe senator keeps saying that the bill is dead.\n\nThe White House is expected to deny that the president knew.\n\nDonald Trump, asked about the wall, said Mexico would pay.\n\nSo we can say that's the typological type of tool.\n\nMike Pence could argue that the ticket is united.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the election is rigged", Some("Donald Trump")),
            ("she regretted some of her words", Some("Amy Cole")),
            // (The senator is the one named so before.)
            ("the bill is dead", Some("Amy Cole")),
            ("the president knew", Some("White House")),
            ("Mexico would pay", Some("Donald Trump")),
        ],
        "{found:?}"
    );
}

#[test]
fn bodies_named_in_an_aside_or_after_a_nationality() {
    let found = statements(
        "The union representing the workers, Unifor, said it would strike on Friday.\n\nThe report, released Tuesday by the Fraser Institute, says taxes are rising.\n\nAccording to the Canadian Press, the deal was signed on Monday.\n\nLocal businesses are worried that the construction will hurt sales.\n\nThe Liberals are promising to cut taxes for the middle class.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("it would strike on Friday", Some("Unifor")),
            ("taxes are rising", Some("Fraser Institute")),
            ("the deal was signed on Monday", Some("The Canadian Press")),
            ("the construction will hurt sales", Some("Local businesses")),
            ("to cut taxes for the middle class", Some("Liberals")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_short_name_stands_for_the_body_named_in_full_before() {
    let found = statements(
        "The California Department of Corrections and Rehabilitation (CDCR) did not name the inmate.\n\nThe Department said an inmate had been stabbed.\n\nThe Philippine Institute of Volcanology and Seismology (Phivolcs) recorded the quake.\n\nPhivolcs said the magnitude was 5.5.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("an inmate had been stabbed", Some("California Department of Corrections and Rehabilitation")),
            ("the magnitude was 5.5", Some("Philippine Institute of Volcanology and Seismology")),
        ],
        "{found:?}"
    );
}

#[test]
fn relative_clauses_asides_and_second_verbs_of_urging() {
    let found = statements(
        "Representative Terri Collins who sponsored the bill remarked the bill was not enforceable.\n\nIn Kabul, the Taliban, once the governing force, seeks to retake control.\n\nThe United States Embassy in Iraq suspended operations, and advised U.S. citizens to leave the country.\n\nThe city issued a statement, announcing the break had been contained.\n\nSenator Bernie Sanders shared with his supporters his reasoning, pointing out he had secured fewer delegates.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the bill was not enforceable", Some("Terri Collins")),
            ("to retake control", Some("Taliban")),
            ("U.S. citizens to leave the country", Some("United States Embassy")),
            ("the break had been contained", Some("city")),
            ("he had secured fewer delegates", Some("Bernie Sanders")),
        ],
        "{found:?}"
    );
}

#[test]
fn outlets_and_acronyms_after_a_description() {
    let found = statements(
        "Both companies have been in operation since the 1970s according to USA Today.\n\nAccording to semi-official news agency ISNA, the men must face charges.\n\nToday, officials said the bridge would reopen.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Both companies have been in operation since the 1970s", Some("USA Today")),
            ("the men must face charges", Some("ISNA")),
            ("the bridge would reopen", Some("officials")),
        ],
        "{found:?}"
    );
}

#[test]
fn intentions_and_calls_in_the_progressive() {
    let found = statements(
        "Donald Trump is looking to expand his lead in Ohio.\n\nGovernor Ann Lee is pushing for a special session.\n\nDonald Trump is threatening to sue the newspaper.\n\nThe team is looking at the data.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("to expand his lead in Ohio", Some("Donald Trump")),
            ("a special session", Some("Ann Lee")),
            ("to sue the newspaper", Some("Donald Trump")),
        ],
        "{found:?}"
    );
}

#[test]
fn manners_of_saying_and_judgements_as() {
    let found = statements(
        "\"I'm not going anywhere,\" Sanders quipped.\n\nTrump boasted that his rallies drew bigger crowds.\n\nPence shot back that Kaine was running an insult-driven campaign.\n\nThe campaign dismissed the report as a \"hit job.\"\n\nA voter grumbled that neither candidate spoke for him.\n\nShe answered the phone at midnight.\n\nThe team repeated as champions.\n\nTrump dismissed the staff on Friday.\n\nA columnist opined that the debate had been a draw.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("I'm not going anywhere", Some("Sanders")),
            ("his rallies drew bigger crowds", Some("Trump")),
            ("Kaine was running an insult-driven campaign", Some("Pence")),
            ("the report as a \"hit job.\"", Some("campaign")),
            ("neither candidate spoke for him", Some("voter")),
            ("the debate had been a draw", Some("columnist")),
        ],
        "{found:?}"
    );
}

#[test]
fn what_polls_find_and_where_an_attribution_ends() {
    let found = statements(
        "The poll found Clinton leading Trump by six points.\n\nPolls show the race is tied.\n\nThe police found the car abandoned near the border.\n\nSacoolas informed police she had diplomatic immunity.\n\nSerbians protested; the protest started against the measures but has expanded.\n\nAt one rally in Pennsylvania, Trump supporters chanted slogans nearby.\n\nIn the wake of the death, a police spokeswoman said, the lions were killed.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("Clinton leading Trump by six points", Some("poll")),
            ("the race is tied", Some("polls")),
            ("she had diplomatic immunity", Some("Sacoolas")),
            ("the lions were killed", Some("police spokeswoman")),
        ],
        "{found:?}"
    );
}

#[test]
fn attitudes_owned_plans_and_documents() {
    let found = statements_with_acts(
        "Republicans are increasingly worried that Trump could lose the House.\n\nMcConnell was adamant that the Senate would not hold hearings.\n\nTrump's plan to deport millions of immigrants drew criticism.\n\nThe indictment alleges that the defendants conspired to defraud the United States.\n\nA senior Democratic aide said the vote would fail.\n\nTrump offered to pay the legal fees of supporters.\n\nThe company offered a settlement.\n\nThe president sent a message that the envoy read out.",
    );
    assert_eq!(
        found,
        [
            ("Trump could lose the House".to_owned(), Some("Republicans".to_owned()), Act::Belief),
            ("the Senate would not hold hearings".to_owned(), Some("McConnell".to_owned()), Act::Belief),
            (
                "the defendants conspired to defraud the United States".to_owned(),
                Some("indictment".to_owned()),
                Act::Speech
            ),
            ("the vote would fail".to_owned(), Some("senior Democratic aide".to_owned()), Act::Speech),
            ("to pay the legal fees of supporters".to_owned(), Some("Trump".to_owned()), Act::Intention),
        ],
        "{found:?}"
    );
}

#[test]
fn inverted_attributions_with_more_verbs_and_raised_possibilities() {
    let found = statements(
        "The plan would cost billions, notes Jane Smith, an economist at Harvard.\n\nThe race is far from over, cautioned the senator.\n\nTrump raised the possibility that he might not accept the results.\n\nThe plan notes the cost of the bridge.\n\nRyan expressed support for the plan.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("The plan would cost billions", Some("Jane Smith")),
            ("The race is far from over", Some("senator")),
            ("he might not accept the results", Some("Trump")),
        ],
        "{found:?}"
    );
}

#[test]
fn views_of_something_as_something() {
    let found = statements_with_acts(
        "Trump sees the deal as a disaster for American workers.\n\nThe city saw its population grow as factories opened.\n\nThe region saw as many as 500 people displaced.\n\nThe team will see whether the rats stop.\n\nMany Republicans viewed him as a threat to the party.",
    );
    assert_eq!(
        found,
        [
            ("the deal as a disaster for American workers".to_owned(), Some("Trump".to_owned()), Act::Belief),
            ("him as a threat to the party".to_owned(), Some("Republicans".to_owned()), Act::Belief),
        ],
        "{found:?}"
    );
}

#[test]
fn judgements_in_an_adjective_and_a_described_speaker_going_on() {
    let found = statements(
        "Sanders called the decision outrageous.\n\nPelosi called Trump's remarks deeply irresponsible.\n\nShe called the police immediately.\n\nThey called the council meeting.\n\nA state governor called the ruling unconstitutional, and vowed to appeal.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("the decision outrageous", Some("Sanders")),
            ("Trump's remarks deeply irresponsible", Some("Pelosi")),
            ("the ruling unconstitutional", Some("state governor")),
            ("to appeal", Some("state governor")),
        ],
        "{found:?}"
    );
}

#[test]
fn second_verbs_after_auxiliaries_and_reports_with_their_release() {
    let found = statements(
        "Trump has vowed to cut taxes and renegotiate trade deals, and has promised to bring back manufacturing jobs.\n\nA Quinnipiac poll released Tuesday found Clinton leading Trump by 10 points.\n\nOther Republicans have broken with Trump and have urged him to concede.\n\nAnd then I did a similar study myself and would say the tools look the same.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("to cut taxes and renegotiate trade deals", Some("Trump")),
            ("to bring back manufacturing jobs", Some("Trump")),
            ("Clinton leading Trump by 10 points", Some("Quinnipiac")),
            ("him to concede", Some("Republicans")),
        ],
        "{found:?}"
    );
}

#[test]
fn datelines_and_groups_set_off_by_an_aside() {
    let found = statements(
        "OTTAWA — The federal government will expand its dental program, Health Minister Jean-Yves Duclos announced Tuesday.\n\nSome provinces, including Alberta, have said they want to opt out.\n\nPolice in both countries believe the group has a few dozen members.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("The federal government will expand its dental program", Some("Jean-Yves Duclos")),
            ("they want to opt out", Some("provinces")),
            ("the group has a few dozen members", Some("police")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_description_before_the_name_in_an_apposition() {
    let found = statements(
        "Shapiro's widow, former tennis player Pam Shriver, said her husband had told her Trump had not met Shapiro.\n\nThe company's founder, longtime investor Dana Roe, said the deal was fair.\n\nHis lawyer, who met Carl Dunn, said the charges were weak.",
    );
    let said = said(&found);
    assert_eq!(said[0], ("her husband had told her Trump had not met Shapiro", Some("Pam Shriver")), "{found:?}");
    assert_eq!(said[1], ("the deal was fair", Some("Dana Roe")), "{found:?}");
    assert!(said.iter().all(|(_, speaker)| *speaker != Some("Carl Dunn")), "{found:?}");
}

#[test]
fn anonymous_sources_and_gerunds_denied() {
    let found = statements(
        "A person familiar with Trump's thinking said he was furious.\n\nSources close to Prime Minister Dana Roe said the talks had stalled.\n\nTrump denied mocking the reporter.\n\nBiden admitted wanting to phase out the industry.\n\nCongress has repeatedly denied funding for such a wall.",
    );
    let said = said(&found);
    assert_eq!(
        said,
        [
            ("he was furious", Some("person")),
            ("the talks had stalled", Some("sources")),
            ("mocking the reporter", Some("Trump")),
            ("wanting to phase out the industry", Some("Biden")),
        ],
        "{found:?}"
    );
}
