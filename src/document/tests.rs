use super::policy::{IndicatorDoc, PolicyDoc};
use super::*;
use crate::yaml::{Limits, parse_documents};

fn node(text: &str) -> Node {
    parse_documents(text, &Limits::default())
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
}

const POLICY: &str = "\
policy: p
title: A policy
level: national
measures:
  - id: m1
    title: First
    efects: []
    effects:
      - target: sdg:10.7
        score: 2
  - id: m2
    title: 7
    effects: not-a-list
  - id: m3
    title: Third
    indicators: [sdg:10.7.1, {name: Fees paid}]
";

#[test]
fn a_policy_is_read_with_its_spans() {
    let text = POLICY;
    let (doc, _) = read_document(&node(text));
    let Some(Document::Policy(policy)) = doc else {
        panic!("not a policy")
    };
    assert_eq!(policy.policy.value, "p");
    assert_eq!(&text[policy.policy.span.range()], "p");
    let first = &policy.measures[0];
    assert_eq!(&text[first.effects[0].target.span.range()], "sdg:10.7");
}

#[test]
fn every_problem_is_reported_and_good_items_are_kept() {
    let text = POLICY;
    let (doc, problems) = read_document(&node(text));
    let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown field `efects`",
            "expected a list, found text `not-a-list`"
        ]
    );
    assert_eq!(
        problems[0].help.as_ref().map(|h| h.text.as_str()),
        Some("did you mean `effects`?")
    );
    assert_eq!(&text[problems[1].span.range()], "not-a-list");
    let Some(Document::Policy(policy)) = doc else {
        panic!("not a policy")
    };
    // m2 could not be read; m1 and m3 were.
    let ids: Vec<_> = policy
        .measures
        .iter()
        .map(|m| m.id.value.as_str())
        .collect();
    assert_eq!(ids, ["m1", "m3"]);
    assert_eq!(
        policy.measures[1].indicators[0].value,
        IndicatorDoc::Element("sdg:10.7.1".into())
    );
}

#[test]
fn numbers_are_text_where_text_is_expected() {
    let (doc, problems) = read::<PolicyDoc>(&node("policy: 2030\ntitle: 1.10\nlevel: national\n"));
    assert!(problems.is_empty(), "{problems:?}");
    let doc = doc.unwrap();
    assert_eq!(doc.policy.value, "2030");
    assert_eq!(doc.title.value, "1.10");
}

#[test]
fn misspelt_words_get_a_suggestion() {
    let (_, problems) = read::<PolicyDoc>(&node("policy: p\ntitle: t\nlevel: nationl\n"));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "unknown value `nationl`");
    assert_eq!(
        problems[0].help.as_ref().map(|h| h.text.as_str()),
        Some("did you mean `national`?")
    );
}

#[test]
fn missing_fields_point_at_the_mapping() {
    let text = "policy: p\nlevel: national\n";
    let (doc, problems) = read::<PolicyDoc>(&node(text));
    assert!(doc.is_none());
    assert_eq!(problems[0].message, "missing field `title`");
    assert_eq!(problems[0].span.start, 0);
}

#[test]
fn unknown_documents_are_explained() {
    let (doc, problems) = read_document(&node("polcy: p\n"));
    assert!(doc.is_none());
    assert_eq!(
        problems[0].help.as_ref().map(|h| h.text.as_str()),
        Some("did you mean `policy`?")
    );
}

#[test]
fn a_misspelt_word_in_the_header_does_not_hide_the_rest() {
    let text = "policy: p\ntitle: t\nlevel: nationl\nmeasures:\n  - id: m\n    title: M\n    efects: []\n    reports-to: [parliament, parlament]\n";
    let (doc, problems) = read_document(&node(text));
    let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown value `nationl`",
            "unknown field `efects`",
            "unknown value `parlament`"
        ]
    );
    let Some(Document::Policy(policy)) = doc else {
        panic!("the policy is still read")
    };
    assert!(matches!(policy.level, Checked::Invalid));
    assert_eq!(policy.measures.len(), 1);
    assert_eq!(policy.measures[0].reports_to.len(), 1);
}

#[test]
fn a_null_list_item_is_reported_not_dropped() {
    let text = "policy: p\ntitle: t\nlevel: national\nmeasures:\n  - ~\n  - id: m\n    title: M\n";
    let (doc, problems) = read_document(&node(text));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "expected a mapping, found nothing (null)"
    );
    let Some(Document::Policy(policy)) = doc else {
        panic!("the policy is still read")
    };
    assert_eq!(policy.measures.len(), 1);
    assert!(matches!(policy.perspective, Checked::Missing));
}
