"""The attribution forms the product promises, each on a short real sentence with the real model."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.record import Article

EDGE = " \t\n\"'“”‘’,.;:"


def _only(article: Article, cue: str) -> newstrace.Attribution:
    found = [a for a in article.attributions if a.cue and a.cue.text.lower() == cue.lower()]
    assert len(found) == 1, [(a.cue.text if a.cue else None, a.content.text) for a in article.attributions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue", "kind", "speaker", "content"),
    [
        ('"We will not back down," the minister said.', "said", "direct", "the minister", "We will not back down"),
        ("“We will not back down,” said Smith.", "said", "direct", "Smith", "We will not back down"),
        ('The minister said: "We are ready."', "said", "direct", "The minister", "We are ready"),
        ("The senator warned that the bill would fail.", "warned", "indirect", "The senator", "the bill would fail"),
        ("The company said profits rose sharply.", "said", "indirect", "The company", "profits rose sharply"),
        ("Prices will rise, according to the central bank.", "according to", "indirect", "the central bank",
         "Prices will rise"),
        ("According to the report, prices will rise.", "according to", "indirect", "the report",
         "prices will rise"),
        ("The minister told parliament the budget was balanced.", "told", "indirect", "The minister",
         "the budget was balanced"),
        ("The president condemned the attack on the embassy.", "condemned", "speech_act", "The president",
         "the attack on the embassy"),
        ("Polls show that voters are undecided.", "show", "belief", "Polls", "voters are undecided"),
        ("Officials believe the fire was set deliberately.", "believe", "belief", "Officials",
         "the fire was set deliberately"),
        ("The economy is recovering, the minister added.", "added", "indirect", "the minister",
         "The economy is recovering"),
    ],
)  # fmt: skip
def test_attribution_form(text: str, cue: str, kind: str, speaker: str, content: str) -> None:
    article = newstrace.analyze(text)
    found = _only(article, cue)
    assert found.kind == kind
    assert found.speaker.mention is not None and found.speaker.mention.text == speaker
    assert found.content.text.strip(EDGE) == content
    article.check_spans()


def test_split_quote_is_one_attribution_with_two_parts() -> None:
    article = newstrace.analyze('"We will not back down," the minister said, "and we will win this fight."')
    found = _only(article, "said")
    assert [p.text.strip(EDGE) for p in found.content_parts] == ["We will not back down", "and we will win this fight"]
    assert found.content.start == found.content_parts[0].start and found.content.end == found.content_parts[1].end


def test_multi_paragraph_quote() -> None:
    text = '"This is the first paragraph of what she said.\n\n"And this is the second one," Merkel told reporters.'
    found = _only(newstrace.analyze(text), "told")
    assert found.kind == "direct"
    assert found.content.text.startswith("This is the first") and found.content.text.endswith("the second one")
    assert found.speaker.name == "Merkel"


def test_quote_paragraph_continues_the_last_speaker() -> None:
    text = (
        'Angela Merkel spoke on Monday. "We have done a great deal," Merkel said.\n\n'
        '"We will do more in the coming years, and we will not stop until the work is done."'
    )
    article = newstrace.analyze(text)
    continued = [a for a in article.attributions if a.rule == "direct.continued"]
    assert len(continued) == 1
    assert continued[0].speaker.name == "Angela Merkel"
    assert continued[0].speaker.resolution == "continued"


def test_pronoun_resolves_to_the_last_person() -> None:
    article = newstrace.analyze('Senator Jane Smith spoke. "We are ready," she said.')
    smith = next(e for e in article.entities if e.name == "Jane Smith")
    found = _only(article, "said")
    assert (found.speaker.entity, found.speaker.resolution) == (smith.id, "pronoun")


def test_pronoun_without_antecedent_stays_unresolved() -> None:
    found = _only(newstrace.analyze('"We are ready," he said.'), "said")
    assert found.speaker.entity is None and found.speaker.resolution == "unresolved"


def test_quoted_as_saying_names_the_speaker_and_the_relay() -> None:
    article = newstrace.analyze("MOSCOW (Reuters) - Interfax quoted Dmitry Peskov as saying that talks would resume.")
    found = _only(article, "saying")
    assert found.speaker.name == "Dmitry Peskov"
    assert found.via == ["Reuters", "Interfax"]
    assert not [a for a in article.attributions if a.cue and a.cue.text == "quoted"]


def test_passive_quoted_as_saying() -> None:
    found = _only(newstrace.analyze("Dmitry Peskov was quoted by Interfax as saying talks would resume."), "saying")
    assert found.speaker.name == "Dmitry Peskov"
    assert found.via == ["Interfax"]


def test_honorific_and_surname_are_mentions_of_the_full_name() -> None:
    article = newstrace.analyze("Prime Minister John Howard spoke in Canberra. Mr Howard said the plan would work.")
    people = [e for e in article.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["John Howard"]
    found = _only(article, "said")
    assert found.speaker.entity == people[0].id
