"""Each attribution rule on a hand-built parse (no model): positives and negatives.

A row is (word, head index, dependency, universal POS, lemma); the Doc is built with
``spacy.tokens.Doc`` over English's vocabulary and the rule stage runs on it directly, so these tests pin the rules
themselves, independent of what the statistical parser would do. The last test runs the real
pipeline, because speaker resolution needs the entity stage.
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from newstrace.pipeline import load_stage
from newstrace.record import Article, Attribution, Entity, Mention, Span, Speaker
from newstrace.settings import CONVENTIONS_CHOICES, load_settings
from newstrace.stages._lib.conventions import SELF_REVEALED, is_teaser_line
from newstrace.stages._lib.rules import POST_SIGNATURE, _before_links
from newstrace.stages._lib.tokens import token_span
from newstrace.stages.attribution import RuleAttributionStage
from newstrace.stages.quotes import find_quotes
from newstrace.stages.speakers import SpeakerResolver

Row = tuple[str, int, str, str, str]
# English's vocabulary (language data only, no model) gives tokens their lower-case form and flags.
VOCAB = English().vocab


def build_doc(text: str, rows: list[Row], tags: list[str] | None = None, ents: list[str] | None = None) -> Doc:
    """A parse of ``text`` from (word, head, dep, pos, lemma) rows; spaces are read off the text."""
    words = [r[0] for r in rows]
    spaces, position = [], 0
    for word in words:
        start = text.index(word, position)
        position = start + len(word)
        spaces.append(text[position : position + 1] == " ")
    doc = Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        tags=tags,
        ents=ents,
    )
    assert doc.text == text
    return doc


def analyze(
    text: str,
    rows: list[Row],
    tags: list[str] | None = None,
    ents: list[str] | None = None,
    conventions: str = "realnews",
) -> list[Attribution]:
    """The rules' attributions, narrowed by the conventions' stage as the default pipeline does."""
    doc = build_doc(text, rows, tags, ents)
    article = Article(text=text)
    article.doc = doc
    article.quotes = [Span.of(text, s, e) for s, e in find_quotes(text)]
    article.sentences = [token_span(article, sent[0], sent[-1]) for sent in doc.sents]
    settings = load_settings(conventions=conventions)
    RuleAttributionStage(settings)(article)
    load_stage(CONVENTIONS_CHOICES[conventions])(settings)(article)
    article.check_spans()
    return article.attributions


def summary(found: list[Attribution]) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (a.rule, a.speaker.mention.text if a.speaker.mention else None, a.cue.text if a.cue else None, a.content.text)
        for a in found
    ]


def test_direct_quote_before_its_verb() -> None:
    rows = [
        ('"', 7, "punct", "PUNCT", '"'),
        ("We", 3, "nsubj", "PRON", "we"),
        ("will", 3, "aux", "AUX", "will"),
        ("win", 7, "ccomp", "VERB", "win"),
        (",", 7, "punct", "PUNCT", ","),
        ('"', 7, "punct", "PUNCT", '"'),
        ("Smith", 7, "nsubj", "PROPN", "Smith"),
        ("said", 7, "ROOT", "VERB", "say"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    found = analyze('"We will win," Smith said.', rows)
    assert summary(found) == [("direct.quote", "Smith", "said", "We will win")]
    assert found[0].kind == "direct"


def test_continued_quotation_keeps_the_speaker() -> None:
    rows = [
        ('"', 7, "punct", "PUNCT", '"'),
        ("We", 3, "nsubj", "PRON", "we"),
        ("will", 3, "aux", "AUX", "will"),
        ("win", 7, "ccomp", "VERB", "win"),
        (",", 7, "punct", "PUNCT", ","),
        ('"', 7, "punct", "PUNCT", '"'),
        ("Smith", 7, "nsubj", "PROPN", "Smith"),
        ("said", 7, "ROOT", "VERB", "say"),
        (".", 7, "punct", "PUNCT", "."),
        ('"', 11, "punct", "PUNCT", '"'),
        ("It", 11, "nsubj", "PRON", "it"),
        ("is", 11, "ROOT", "AUX", "be"),
        ("sure", 11, "acomp", "ADJ", "sure"),
        (".", 11, "punct", "PUNCT", "."),
        ('"', 11, "punct", "PUNCT", '"'),
    ]
    found = analyze('"We will win," Smith said. "It is sure."', rows)
    assert summary(found) == [
        ("direct.quote", "Smith", "said", "We will win"),
        ("direct.continued", "Smith", None, "It is sure"),
    ]


def test_according_to() -> None:
    rows = [
        ("According", 6, "prep", "VERB", "accord"),
        ("to", 0, "prep", "ADP", "to"),
        ("Smith", 1, "pobj", "PROPN", "Smith"),
        (",", 6, "punct", "PUNCT", ","),
        ("taxes", 6, "nsubj", "NOUN", "tax"),
        ("will", 6, "aux", "AUX", "will"),
        ("rise", 6, "ROOT", "VERB", "rise"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    found = analyze("According to Smith, taxes will rise.", rows)
    assert summary(found) == [("indirect.according_to", "Smith", "According to", "taxes will rise")]


def _said_that(subject_rows: list[Row], text: str) -> list[Attribution]:
    n = len(subject_rows)
    rows = [
        *subject_rows,
        ("said", n, "ROOT", "VERB", "say"),
        ("that", n + 4, "mark", "SCONJ", "that"),
        ("taxes", n + 4, "nsubj", "NOUN", "tax"),
        ("will", n + 4, "aux", "AUX", "will"),
        ("rise", n, "ccomp", "VERB", "rise"),
        (".", n, "punct", "PUNCT", "."),
    ]
    return analyze(text, rows)


def test_indirect_speech_leaves_the_complementizer_out() -> None:
    found = _said_that([("Smith", 1, "nsubj", "PROPN", "Smith")], "Smith said that taxes will rise.")
    assert summary(found) == [("indirect.ccomp", "Smith", "said", "taxes will rise")]
    assert found[0].kind == "indirect"


def test_speaker_mention_keeps_apposition_and_relative_clause() -> None:
    subject = [
        ("Smith", 9, "nsubj", "PROPN", "Smith"),
        (",", 0, "punct", "PUNCT", ","),
        ("a", 3, "det", "DET", "a"),
        ("senator", 0, "appos", "NOUN", "senator"),
        ("who", 5, "nsubj", "PRON", "who"),
        ("leads", 3, "relcl", "VERB", "lead"),
        ("the", 7, "det", "DET", "the"),
        ("panel", 5, "dobj", "NOUN", "panel"),
        (",", 0, "punct", "PUNCT", ","),
    ]
    found = _said_that(subject, "Smith, a senator who leads the panel, said that taxes will rise.")
    assert summary(found) == [("indirect.ccomp", "Smith, a senator who leads the panel", "said", "taxes will rise")]


def test_speaker_mention_drops_a_focusing_adverb() -> None:
    subject = [("Even", 1, "advmod", "ADV", "even"), ("Smith", 2, "nsubj", "PROPN", "Smith")]
    found = _said_that(subject, "Even Smith said that taxes will rise.")
    assert found[0].speaker.mention is not None and found[0].speaker.mention.text == "Smith"


def test_parenthetical_verb_of_saying_takes_both_sides() -> None:
    rows = [
        ("Taxes", 6, "nsubj", "NOUN", "tax"),
        (",", 6, "punct", "PUNCT", ","),
        ("Smith", 3, "nsubj", "PROPN", "Smith"),
        ("said", 6, "parataxis", "VERB", "say"),
        (",", 6, "punct", "PUNCT", ","),
        ("will", 6, "aux", "AUX", "will"),
        ("rise", 6, "ROOT", "VERB", "rise"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    found = analyze("Taxes, Smith said, will rise.", rows)
    assert summary(found) == [("indirect.parenthetical", "Smith", "said", "Taxes, Smith said, will rise")]
    assert [p.text for p in found[0].content_parts] == ["Taxes", "will rise"]


def test_postposed_verb_of_saying() -> None:
    rows = [
        ("Taxes", 2, "nsubj", "NOUN", "tax"),
        ("will", 2, "aux", "AUX", "will"),
        ("rise", 5, "ccomp", "VERB", "rise"),
        (",", 5, "punct", "PUNCT", ","),
        ("he", 5, "nsubj", "PRON", "he"),
        ("added", 5, "ROOT", "VERB", "add"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    found = analyze("Taxes will rise, he added.", rows)
    assert summary(found) == [("indirect.ccomp", "he", "added", "Taxes will rise")]


def _subject_verb_object(verb: str, lemma: str) -> list[Attribution]:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        (verb, 1, "ROOT", "VERB", lemma),
        ("the", 3, "det", "DET", "the"),
        ("poll", 1, "dobj", "NOUN", "poll"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    return analyze(f"Smith {verb} the poll.", rows)


def test_stance_verb_with_an_object() -> None:
    found = _subject_verb_object("cited", "cite")
    assert summary(found) == [("stance.object", "Smith", "cited", "the poll")]


def test_other_verbs_with_an_object_are_not_attributions() -> None:
    assert _subject_verb_object("ate", "eat") == []


def test_speech_act_with_an_object() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("praised", 1, "ROOT", "VERB", "praise"),
        ("the", 3, "det", "DET", "the"),
        ("courage", 1, "dobj", "NOUN", "courage"),
        ("of", 3, "prep", "ADP", "of"),
        ("soldiers", 4, "pobj", "NOUN", "soldier"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith praised the courage of soldiers.", rows)
    assert summary(found) == [("speech_act.object", "Smith", "praised", "the courage of soldiers")]
    assert found[0].kind == "speech_act"


def test_argument_preposition_joins_the_content_but_a_circumstance_does_not() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("described", 1, "ROOT", "VERB", "describe"),
        ("Jones", 1, "dobj", "PROPN", "Jones"),
        ("as", 1, "prep", "ADP", "as"),
        ("dishonest", 3, "pobj", "ADJ", "dishonest"),
        ("in", 1, "prep", "ADP", "in"),
        ("Ohio", 5, "pobj", "PROPN", "Ohio"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith described Jones as dishonest in Ohio.", rows)
    assert summary(found) == [("stance.object", "Smith", "described", "Jones as dishonest")]


def test_intention_with_a_to_infinitive() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("vowed", 1, "ROOT", "VERB", "vow"),
        ("to", 3, "aux", "PART", "to"),
        ("repeal", 1, "xcomp", "VERB", "repeal"),
        ("the", 5, "det", "DET", "the"),
        ("law", 3, "dobj", "NOUN", "law"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith vowed to repeal the law.", rows)
    assert summary(found) == [("stance.xcomp", "Smith", "vowed", "to repeal the law")]
    assert found[0].kind == "indirect"


def test_verb_with_its_preposition_as_cue() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("referred", 1, "ROOT", "VERB", "refer"),
        ("to", 1, "prep", "ADP", "to"),
        ("the", 4, "det", "DET", "the"),
        ("plan", 2, "pobj", "NOUN", "plan"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith referred to the plan.", rows)
    assert summary(found) == [("stance.prep", "Smith", "referred to", "the plan")]


def test_naming_verb_takes_the_predicate() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("called", 1, "ROOT", "VERB", "call"),
        ("the", 3, "det", "DET", "the"),
        ("plan", 1, "dobj", "NOUN", "plan"),
        ("foolish", 1, "oprd", "ADJ", "foolish"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith called the plan foolish.", rows)
    assert summary(found) == [("stance.naming", "Smith", "called", "the plan foolish")]


def test_it_is_no_source() -> None:
    rows = [
        ("It", 1, "nsubj", "PRON", "it"),
        ("called", 1, "ROOT", "VERB", "call"),
        ("the", 3, "det", "DET", "the"),
        ("plan", 1, "dobj", "NOUN", "plan"),
        ("foolish", 1, "oprd", "ADJ", "foolish"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert analyze("It called the plan foolish.", rows) == []


def test_raising_verb_has_no_source_and_takes_the_whole_clause() -> None:
    rows = [
        ("The", 1, "det", "DET", "the"),
        ("plan", 2, "nsubj", "NOUN", "plan"),
        ("appears", 2, "ROOT", "VERB", "appear"),
        ("to", 4, "aux", "PART", "to"),
        ("work", 2, "xcomp", "VERB", "work"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    found = analyze("The plan appears to work.", rows)
    assert summary(found) == [("stance.raising", None, "appears", "The plan appears to work")]


def test_a_stance_inside_reported_speech_is_part_of_it() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("Jones", 3, "nsubj", "PROPN", "Jones"),
        ("cited", 1, "ccomp", "VERB", "cite"),
        ("the", 5, "det", "DET", "the"),
        ("poll", 3, "dobj", "NOUN", "poll"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    found = analyze("Smith said Jones cited the poll.", rows)
    assert summary(found) == [("indirect.ccomp", "Smith", "said", "Jones cited the poll")]


def test_no_verb_of_saying_no_attribution() -> None:
    rows = [
        ("Taxes", 2, "nsubj", "NOUN", "tax"),
        ("will", 2, "aux", "AUX", "will"),
        ("rise", 2, "ROOT", "VERB", "rise"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    assert analyze("Taxes will rise.", rows) == []


def test_a_participle_shares_the_subject_of_its_verb() -> None:
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("spoke", 1, "ROOT", "VERB", "speak"),
        (",", 1, "punct", "PUNCT", ","),
        ("adding", 1, "advcl", "VERB", "add"),
        ("that", 7, "mark", "SCONJ", "that"),
        ("taxes", 7, "nsubj", "NOUN", "tax"),
        ("will", 7, "aux", "AUX", "will"),
        ("rise", 3, "ccomp", "VERB", "rise"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    text = "Smith spoke, adding that taxes will rise."
    found = analyze(text, rows, tags=["NNP", "VBD", ",", "VBG", "IN", "NNS", "MD", "VB", "."])
    assert summary(found) == [("indirect.ccomp", "Smith", "adding", "taxes will rise")]


def test_the_person_told_is_not_the_speaker() -> None:
    rows = [
        ('"', 4, "punct", "PUNCT", '"'),
        ("Yes", 4, "intj", "INTJ", "yes"),
        (",", 4, "punct", "PUNCT", ","),
        ('"', 4, "punct", "PUNCT", '"'),
        ("told", 4, "ROOT", "VERB", "tell"),
        ("Smith", 4, "dobj", "PROPN", "Smith"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    found = analyze('"Yes," told Smith.', rows)
    assert [a.speaker.mention for a in found] == [None]


def test_citing_is_the_relay_not_another_attribution() -> None:
    rows = [
        ("Taxes", 2, "nsubj", "NOUN", "tax"),
        ("will", 2, "aux", "AUX", "will"),
        ("rise", 5, "ccomp", "VERB", "rise"),
        (",", 5, "punct", "PUNCT", ","),
        ("KCNA", 5, "nsubj", "PROPN", "KCNA"),
        ("reported", 5, "ROOT", "VERB", "report"),
        (",", 5, "punct", "PUNCT", ","),
        ("citing", 5, "advcl", "VERB", "cite"),
        ("Kim", 7, "dobj", "PROPN", "Kim"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    tags = ["NNS", "MD", "VB", ",", "NNP", "VBD", ",", "VBG", "NNP", "."]
    found = analyze("Taxes will rise, KCNA reported, citing Kim.", rows, tags=tags)
    assert summary(found) == [("indirect.ccomp", "KCNA", "reported", "Taxes will rise")]
    assert found[0].citing is not None and found[0].citing.mention is not None
    assert found[0].citing.mention.text == "Kim"


def test_name_and_colon_line() -> None:
    rows = [
        ("Poll", 3, "npadvmod", "NOUN", "poll"),
        (":", 3, "punct", "PUNCT", ":"),
        ("Trump", 3, "nsubj", "PROPN", "Trump"),
        ("leads", 3, "ROOT", "VERB", "lead"),
        ("Clinton", 3, "dobj", "PROPN", "Clinton"),
    ]
    found = analyze("Poll: Trump leads Clinton", rows)
    assert summary(found) == [("colon.line", "Poll", ":", "Trump leads Clinton")]


def test_a_label_and_colon_is_not_a_speaker() -> None:
    rows = [
        ("Update", 3, "npadvmod", "NOUN", "update"),
        (":", 3, "punct", "PUNCT", ":"),
        ("Trump", 3, "nsubj", "PROPN", "Trump"),
        ("leads", 3, "ROOT", "VERB", "lead"),
        ("Clinton", 3, "dobj", "PROPN", "Clinton"),
    ]
    assert analyze("Update: Trump leads Clinton", rows) == []


def test_relative_pronoun_speaks_for_its_antecedent() -> None:
    """With the real pipeline: the speakers stage links 'who' to the person its clause describes."""
    import newstrace

    article = newstrace.analyze("Chancellor Angela Merkel, who said that the plan would fail, left Berlin.")
    said = next(a for a in article.attributions if a.cue is not None and a.cue.text == "said")
    assert said.speaker.mention is not None and said.speaker.mention.text == "who"
    assert (said.speaker.name, said.speaker.resolution) == ("Angela Merkel", "pronoun")


def test_the_company_speaks_for_the_organization_that_spoke_before() -> None:
    """With the real pipeline: 'the company' takes the last resolved organization as speaker, and
    nothing else: after an unresolved speaker that may be a body, or where the only 'company' is a
    person's surname the model typed ORG, it stays unresolved; unnamed people between are no rival.
    'It' follows the same rule (docs/realnews.md, 2026-12-06)."""
    import newstrace

    def speakers(text: str) -> list[tuple[str | None, str | None, str]]:
        article = newstrace.analyze(text)
        return [
            (a.speaker.mention.text if a.speaker.mention else None, a.speaker.name, a.speaker.resolution)
            for a in sorted(article.attributions, key=lambda a: a.content.start)
        ]

    found = speakers(
        "Qintex Ltd said it would extend its offer. The company said the terms would be met. "
        "It added that talks went on."
    )
    assert found == [
        ("Qintex Ltd", "Qintex Ltd", "name"),
        ("The company", "Qintex Ltd", "description"),
        ("It", "Qintex Ltd", "pronoun"),
    ]
    after_a_rival = speakers(
        "Acme Corp said profits rose. A rival firm said the outlook was poor. The company said it would hire."
    )
    assert after_a_rival[-1] == ("The company", "company", "unresolved")
    # unnamed people are no company ('the auditors state ...', part T): the company goes on
    after_analysts = speakers(
        "Acme Corp said profits rose. Analysts said the outlook was poor. The company said it would hire."
    )
    assert after_analysts[-1] == ("The company", "Acme Corp", "description")
    surname = speakers(
        "Barbara Wells, an attorney for a services firm, said the data was gone. Wells said the server was blank. "
        "The company said it was not a target."
    )
    assert surname[1][1] == "Barbara Wells", "a surname typed ORG is the person's"
    assert surname[-1][2] == "unresolved"


def test_a_quote_ending_a_paragraph_is_not_the_next_paragraphs_speakers() -> None:
    # '"…supply."\n    Edwin Dale, Miller's spokesman, said …': the spokesman starts a new paragraph
    # of a hard-wrapped wire story; Miller's quote is not his.
    text = '"We win," Miller told\nreporters. "I am sure."\n    Dale, his aide, said the\nremarks stand.'
    rows = [
        ('"', 5, "punct", "PUNCT", '"'),
        ("We", 2, "nsubj", "PRON", "we"),
        ("win", 5, "ccomp", "VERB", "win"),
        (",", 5, "punct", "PUNCT", ","),
        ('"', 5, "punct", "PUNCT", '"'),
        ("Miller", 6, "nsubj", "PROPN", "Miller"),
        ("told", 6, "ROOT", "VERB", "tell"),
        ("\n", 6, "dep", "SPACE", "\n"),
        ("reporters", 6, "dobj", "NOUN", "reporter"),
        (".", 6, "punct", "PUNCT", "."),
        ('"', 12, "punct", "PUNCT", '"'),
        ("I", 12, "nsubj", "PRON", "I"),
        ("am", 12, "ROOT", "AUX", "be"),
        ("sure", 12, "acomp", "ADJ", "sure"),
        (".", 12, "punct", "PUNCT", "."),
        ('"', 12, "punct", "PUNCT", '"'),
        ("\n    ", 15, "dep", "SPACE", "\n    "),
        ("Dale", 21, "nsubj", "PROPN", "Dale"),
        (",", 17, "punct", "PUNCT", ","),
        ("his", 20, "poss", "PRON", "his"),
        ("aide", 17, "appos", "NOUN", "aide"),
        (",", 17, "punct", "PUNCT", ","),
        ("said", 21, "ROOT", "VERB", "say"),
        ("the", 25, "det", "DET", "the"),
        ("\n", 25, "dep", "SPACE", "\n"),
        ("remarks", 26, "nsubj", "NOUN", "remark"),
        ("stand", 21, "ccomp", "VERB", "stand"),
        (".", 21, "punct", "PUNCT", "."),
    ]
    found = analyze(text, rows)
    speakers = {a.content.text: a.speaker.mention.text if a.speaker.mention else None for a in found}
    assert speakers["I am sure"] == "Miller"  # continues Miller's quote
    assert speakers["We win"] == "Miller"
    assert all(
        a.speaker.mention is None or "Dale" not in a.speaker.mention.text for a in found if "I am" in a.content.text
    )


def test_paragraphs_after_a_colon_introducer_are_the_speakers_until_narration_resumes() -> None:
    # KCNA's commonest way of quoting: 'X told KCNA:' and the speaker's paragraphs, unquoted.
    text = "Kim told KCNA:\n\nWe are proud.\n\nOur army won.\n\nHe said the war ended."
    rows = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("told", 1, "ROOT", "VERB", "tell"),
        ("KCNA", 1, "dobj", "PROPN", "KCNA"),
        (":", 1, "punct", "PUNCT", ":"),
        ("\n\n", 3, "dep", "SPACE", "\n\n"),
        ("We", 6, "nsubj", "PRON", "we"),
        ("are", 6, "ROOT", "AUX", "be"),
        ("proud", 6, "acomp", "ADJ", "proud"),
        (".", 6, "punct", "PUNCT", "."),
        ("\n\n", 8, "dep", "SPACE", "\n\n"),
        ("Our", 11, "poss", "PRON", "our"),
        ("army", 12, "nsubj", "NOUN", "army"),
        ("won", 12, "ROOT", "VERB", "win"),
        (".", 12, "punct", "PUNCT", "."),
        ("\n\n", 13, "dep", "SPACE", "\n\n"),
        ("He", 16, "nsubj", "PRON", "he"),
        ("said", 16, "ROOT", "VERB", "say"),
        ("the", 18, "det", "DET", "the"),
        ("war", 19, "nsubj", "NOUN", "war"),
        ("ended", 16, "ccomp", "VERB", "end"),
        (".", 16, "punct", "PUNCT", "."),
    ]
    found = analyze(text, rows, ents=["B-PERSON"] + ["O"] * (len(rows) - 1))
    introduced = next(a for a in found if a.rule == "direct.introduced")
    assert (introduced.kind, introduced.speaker.mention and introduced.speaker.mention.text) == ("direct", "Kim")
    assert introduced.cue is not None and introduced.cue.text == "told"
    assert [p.text for p in introduced.content_parts] == ["We are proud", "Our army won"]
    assert ("indirect.ccomp", "He", "said", "the war ended") in summary(found)  # narration again


def _resolver(text: str, rows: list[Row], names: dict[str, str]) -> tuple[Article, SpeakerResolver]:
    """A hand-built parse with the named entities ({name: type}) for the speaker resolver."""
    article = Article(text=text)
    article.doc = doc = build_doc(text, rows)
    article.sentences = [token_span(article, sent[0], sent[-1]) for sent in doc.sents]
    article.entities = [
        Entity(f"e{n}", name, kind, [Mention(Span.of(text, text.index(name), text.index(name) + len(name)))])
        for n, (name, kind) in enumerate(names.items())
    ]
    return article, SpeakerResolver(article)


DOCUMENT_ROWS: list[Row] = [
    ("Rodong", 1, "compound", "PROPN", "Rodong"),
    ("Sinmun", 2, "nsubj", "PROPN", "Sinmun"),
    ("carried", 2, "ROOT", "VERB", "carry"),
    ("an", 4, "det", "DET", "an"),
    ("article", 2, "dobj", "NOUN", "article"),
    (".", 2, "punct", "PUNCT", "."),
    ("The", 7, "det", "DET", "the"),
    ("article", 8, "nsubj", "NOUN", "article"),
    ("said", 8, "ROOT", "VERB", "say"),
    ("war", 10, "nsubj", "NOUN", "war"),
    ("loomed", 8, "ccomp", "VERB", "loom"),
    (".", 8, "punct", "PUNCT", "."),
]


def test_a_document_resolves_to_the_issuer_its_introduction_names() -> None:
    text = "Rodong Sinmun carried an article. The article said war loomed."
    _, resolver = _resolver(text, DOCUMENT_ROWS, {"Rodong Sinmun": "ORG"})
    speaker = resolver.resolve(Span.of(text, 34, 45))
    assert (speaker.name, speaker.resolution) == ("Rodong Sinmun", "description")


def test_a_document_without_a_named_issuer_stays_unresolved() -> None:
    text = "Rodong Sinmun carried an article. The article said war loomed."
    _, resolver = _resolver(text, DOCUMENT_ROWS, {})  # the NER found no issuer
    speaker = resolver.resolve(Span.of(text, 34, 45))
    assert (speaker.entity, speaker.resolution) == (None, "unresolved")


def test_it_is_the_organization_that_spoke_last_and_never_a_person() -> None:
    """'It' as a speaker is the organization that spoke last (measured on unseen part E: no new wrong
    name, docs/realnews.md); after a person it stays unresolved."""
    rows: list[Row] = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("so", 1, "advmod", "ADV", "so"),
        (".", 1, "punct", "PUNCT", "."),
        ("It", 5, "nsubj", "PRON", "it"),
        ("said", 5, "ROOT", "VERB", "say"),
        ("more", 5, "dobj", "ADJ", "more"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    text = "Smith said so. It said more."
    article, resolver = _resolver(text, rows, {"Smith": "PERSON"})
    smith = resolver.resolve(Span.of(text, 0, 5))
    resolver.speaker_history.append((0, article.entities[0]))
    assert smith.name == "Smith"
    article.entities[0].type = "PERSON"
    it = resolver.resolve(Span.of(text, 15, 17))
    assert (it.entity, it.resolution) == (None, "unresolved")
    article.entities[0].type = "ORG"  # Smith the company
    it = resolver.resolve(Span.of(text, 15, 17))
    assert (it.entity, it.resolution) == (article.entities[0].id, "pronoun")


def test_company_short_forms() -> None:
    """A company named with its legal form answers to its name without it and to its first word,
    unless two companies share the form or the form is a place, a people or another known name."""
    from newstrace.stages.entities import company_short_forms

    forms = company_short_forms(
        ["Alcan Aluminium Ltd", "China National Petroleum Corp", "Bell Industries Inc", "Bell Petroleum Co Ltd",
         "Washington Post", "Co Ltd", "Mark Resources Inc,"],
        {"China"},
    )  # fmt: skip
    assert forms == {
        "Alcan Aluminium": "Alcan Aluminium Ltd",
        "Alcan": "Alcan Aluminium Ltd",
        "China National Petroleum": "China National Petroleum Corp",
        "Bell Industries": "Bell Industries Inc",
        "Bell Petroleum": "Bell Petroleum Co Ltd",
        "Mark Resources": "Mark Resources Inc,",
        "Mark": "Mark Resources Inc,",
    }


def test_a_company_speaks_by_its_short_name_but_a_place_stays_a_place() -> None:
    import newstrace

    article = newstrace.analyze(
        "MIDLAND, Texas, March 3 - Zenith Laboratories Inc said it would sell shares. "
        "Zenith said it had no plans to issue more."
    )
    found = [(a.speaker.mention.text if a.speaker.mention else None, a.speaker.name, a.speaker.resolution)
             for a in sorted(article.attributions, key=lambda a: a.content.start)]  # fmt: skip
    assert found[-1] == ("Zenith", "Zenith Laboratories Inc", "name")
    article = newstrace.analyze(
        "NORFOLK, Va., March 3 - Norfolk Southern Corp said it would build a tower. "
        "The company said the tower in downtown Norfolk would open in October."
    )
    company = next(e for e in article.entities if e.name == "Norfolk Southern Corp")
    assert all(m.span.text != "Norfolk" for m in company.mentions), "the dateline's city is no short form"


# (word, head, dep, pos, lemma, tag, entity IOB): what the role and description rules read.
TaggedRow = tuple[str, int, str, str, str, str, str]


def _described(
    text: str, rows: list[TaggedRow], people: list[str], description: str, orgs: tuple[str, ...] = ()
) -> tuple[Entity, Speaker]:
    """Roles read off a hand-built parse (entities stage), then a description resolved by them."""
    from newstrace.stages.entities import _assign_roles

    parse = [row[:5] for row in rows]
    doc = build_doc(text, parse, tags=[r[5] for r in rows], ents=[r[6] for r in rows])
    article = Article(text=text)
    article.doc = doc
    article.sentences = [token_span(article, sent[0], sent[-1]) for sent in doc.sents]
    article.entities = [
        Entity(f"e{n}", name, "PERSON", [Mention(Span.of(text, text.index(name), text.index(name) + len(name)))])
        for n, name in enumerate(people)
    ]
    article.entities += [
        Entity(f"o{n}", name, "ORG", [Mention(Span.of(text, text.index(name), text.index(name) + len(name)))])
        for n, name in enumerate(orgs)
    ]
    _assign_roles(article)
    start = text.rindex(description)
    return article.entities[0], SpeakerResolver(article).resolve(Span.of(text, start, start + len(description)))


KISSINGER: list[TaggedRow] = [
    ("Former", 2, "amod", "ADJ", "former", "JJ", "O"),
    ("U.S.", 2, "compound", "PROPN", "U.S.", "NNP", "B-GPE"),
    ("Secretary", 6, "compound", "PROPN", "Secretary", "NNP", "O"),
    ("of", 2, "prep", "ADP", "of", "IN", "O"),
    ("State", 3, "pobj", "PROPN", "State", "NNP", "O"),
    ("Henry", 6, "compound", "PROPN", "Henry", "NNP", "B-PERSON"),
    ("Kissinger", 7, "nsubj", "PROPN", "Kissinger", "NNP", "I-PERSON"),
    ("spoke", 7, "ROOT", "VERB", "speak", "VBD", "O"),
    (".", 7, "punct", "PUNCT", ".", ".", "O"),
    ("The", 11, "det", "DET", "the", "DT", "O"),
    ("former", 11, "amod", "ADJ", "former", "JJ", "O"),
    ("secretary", 12, "nsubj", "NOUN", "secretary", "NN", "O"),
    ("said", 12, "ROOT", "VERB", "say", "VBD", "O"),
    ("war", 14, "nsubj", "NOUN", "war", "NN", "O"),
    ("loomed", 12, "ccomp", "VERB", "loom", "VBD", "O"),
    (".", 12, "punct", "PUNCT", ".", ".", "O"),
]


def test_a_title_that_runs_over_of_describes_its_holder_later() -> None:
    text = "Former U.S. Secretary of State Henry Kissinger spoke. The former secretary said war loomed."
    kissinger, speaker = _described(text, KISSINGER, ["Henry Kissinger"], "The former secretary")
    assert "secretary" in kissinger.roles
    assert (speaker.name, speaker.resolution) == ("Henry Kissinger", "description")


def test_a_role_in_apposition_describes_its_holder_later() -> None:
    text = "Barbara Wells, an attorney for the firm, spoke. The attorney said it was blank."
    rows: list[TaggedRow] = [
        ("Barbara", 1, "compound", "PROPN", "Barbara", "NNP", "B-PERSON"),
        ("Wells", 9, "nsubj", "PROPN", "Wells", "NNP", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("an", 4, "det", "DET", "an", "DT", "O"),
        ("attorney", 1, "appos", "NOUN", "attorney", "NN", "O"),
        ("for", 4, "prep", "ADP", "for", "IN", "O"),
        ("the", 7, "det", "DET", "the", "DT", "O"),
        ("firm", 5, "pobj", "NOUN", "firm", "NN", "O"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("spoke", 9, "ROOT", "VERB", "speak", "VBD", "O"),
        (".", 9, "punct", "PUNCT", ".", ".", "O"),
        ("The", 12, "det", "DET", "the", "DT", "O"),
        ("attorney", 13, "nsubj", "NOUN", "attorney", "NN", "O"),
        ("said", 13, "ROOT", "VERB", "say", "VBD", "O"),
        ("it", 15, "nsubj", "PRON", "it", "PRP", "O"),
        ("was", 13, "ccomp", "AUX", "be", "VBD", "O"),
        ("blank", 15, "acomp", "ADJ", "blank", "JJ", "O"),
        (".", 13, "punct", "PUNCT", ".", ".", "O"),
    ]
    wells, speaker = _described(text, rows, ["Barbara Wells"], "The attorney")
    assert wells.roles == ["attorney"]
    assert (speaker.name, speaker.resolution) == ("Barbara Wells", "description")


def test_a_plural_or_indefinite_description_names_nobody() -> None:
    """'Some senators said' is not the one senator the article named."""
    text = "Senator Joe Smith spoke. Some senators said war loomed."
    rows: list[TaggedRow] = [
        ("Senator", 2, "compound", "PROPN", "Senator", "NNP", "O"),
        ("Joe", 2, "compound", "PROPN", "Joe", "NNP", "B-PERSON"),
        ("Smith", 3, "nsubj", "PROPN", "Smith", "NNP", "I-PERSON"),
        ("spoke", 3, "ROOT", "VERB", "speak", "VBD", "O"),
        (".", 3, "punct", "PUNCT", ".", ".", "O"),
        ("Some", 6, "det", "DET", "some", "DT", "O"),
        ("senators", 7, "nsubj", "NOUN", "senator", "NNS", "O"),
        ("said", 7, "ROOT", "VERB", "say", "VBD", "O"),
        ("war", 9, "nsubj", "NOUN", "war", "NN", "O"),
        ("loomed", 7, "ccomp", "VERB", "loom", "VBD", "O"),
        (".", 7, "punct", "PUNCT", ".", ".", "O"),
    ]
    smith, speaker = _described(text, rows, ["Joe Smith"], "Some senators")
    assert smith.roles == ["senator"]
    assert (speaker.entity, speaker.resolution) == (None, "unresolved")


def _said_rows(subject: list[tuple[str, str, str]], verb: str = "said") -> list[Row]:
    """'<subject words> said war loomed.': the subject's words (word, dep, pos) hang on its last word."""
    n = len(subject)
    rows: list[Row] = []
    for k, (word, dep, pos) in enumerate(subject):
        rows.append((word, n if k == n - 1 else n - 1, dep if k < n - 1 else "nsubj", pos, word.lower()))
    rows += [
        (verb, n, "ROOT", "VERB", "say"),
        ("war", n + 2, "nsubj", "NOUN", "war"),
        ("loomed", n, "ccomp", "VERB", "loom"),
        (".", n, "punct", "PUNCT", "."),
    ]
    return rows


def test_an_untagged_name_with_the_is_an_organization() -> None:
    text = "The Morning News said war loomed."
    rows = _said_rows([("The", "det", "DET"), ("Morning", "compound", "PROPN"), ("News", "nsubj", "PROPN")])
    article, resolver = _resolver(text, rows, {})
    speaker = resolver.resolve(Span.of(text, 0, 16))
    assert (speaker.name, speaker.resolution) == ("Morning News", "name")
    assert [(e.name, e.type) for e in article.entities] == [("Morning News", "ORG")]
    article.check_spans()


def test_an_untagged_person_is_named_only_with_an_affiliation() -> None:
    text = "Jane Roe of Acme said war loomed."
    rows: list[Row] = [
        ("Jane", 1, "compound", "PROPN", "Jane"),
        ("Roe", 4, "nsubj", "PROPN", "Roe"),
        ("of", 1, "prep", "ADP", "of"),
        ("Acme", 2, "pobj", "PROPN", "Acme"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("war", 6, "nsubj", "NOUN", "war"),
        ("loomed", 4, "ccomp", "VERB", "loom"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {})
    speaker = resolver.resolve(Span.of(text, 0, 16))
    assert (speaker.name, speaker.resolution) == ("Jane Roe", "name")
    assert [(e.name, e.type) for e in article.entities] == [("Jane Roe", "PERSON")]
    # Without the affiliation two capitalized words could be anything: unresolved.
    text = "Jane Roe said war loomed."
    rows = _said_rows([("Jane", "compound", "PROPN"), ("Roe", "nsubj", "PROPN")])
    article, resolver = _resolver(text, rows, {})
    speaker = resolver.resolve(Span.of(text, 0, 8))
    assert (speaker.entity, speaker.resolution) == (None, "unresolved")
    assert article.entities == []


def test_an_untagged_issuer_speaks_through_its_document() -> None:
    text = "The Solidarity Front issued an appeal. The appeal said war loomed."
    rows: list[Row] = [
        ("The", 2, "det", "DET", "the"),
        ("Solidarity", 2, "compound", "PROPN", "Solidarity"),
        ("Front", 3, "nsubj", "PROPN", "Front"),
        ("issued", 3, "ROOT", "VERB", "issue"),
        ("an", 5, "det", "DET", "an"),
        ("appeal", 3, "dobj", "NOUN", "appeal"),
        (".", 3, "punct", "PUNCT", "."),
        ("The", 8, "det", "DET", "the"),
        ("appeal", 9, "nsubj", "NOUN", "appeal"),
        ("said", 9, "ROOT", "VERB", "say"),
        ("war", 11, "nsubj", "NOUN", "war"),
        ("loomed", 9, "ccomp", "VERB", "loom"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {})
    speaker = resolver.resolve(Span.of(text, 39, 49))
    assert (speaker.name, speaker.resolution) == ("Solidarity Front", "description")
    assert [(e.name, e.type) for e in article.entities] == [("Solidarity Front", "ORG")]


def test_a_pronoun_after_a_quote_looks_past_the_quoted_sentences() -> None:
    text = 'Smith spoke. "We won. We are proud," he said.'
    rows: list[Row] = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("spoke", 1, "ROOT", "VERB", "speak"),
        (".", 1, "punct", "PUNCT", "."),
        ('"', 5, "punct", "PUNCT", '"'),
        ("We", 5, "nsubj", "PRON", "we"),
        ("won", 5, "ROOT", "VERB", "win"),
        (".", 5, "punct", "PUNCT", "."),
        ("We", 8, "nsubj", "PRON", "we"),
        ("are", 13, "ccomp", "AUX", "be"),
        ("proud", 8, "acomp", "ADJ", "proud"),
        (",", 13, "punct", "PUNCT", ","),
        ('"', 13, "punct", "PUNCT", '"'),
        ("he", 13, "nsubj", "PRON", "he"),
        ("said", 13, "ROOT", "VERB", "say"),
        (".", 13, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Smith": "PERSON"})
    article.attributions = [Attribution("a1", "direct", Speaker(Span.of(text, 37, 39)), None, Span.of(text, 14, 34))]
    he = resolver.resolve(Span.of(text, 37, 39))
    assert (he.name, he.resolution) == ("Smith", "pronoun")
    article.attributions = []  # the same sentences, not known to be quoted: no antecedent found
    resolver = SpeakerResolver(article)
    assert resolver.resolve(Span.of(text, 37, 39)).resolution == "unresolved"


def test_a_pronoun_is_whoever_spoke_in_the_sentence_before_over_the_parse_subject() -> None:
    # 'Sen. Amy Klobuchar told ABC's, George Stephanopoulos. ... she continued': the parse took the
    # listener for the subject, and 'she' became him.
    text = "Klobuchar told Stephanopoulos so. She continued."
    rows: list[Row] = [
        ("Klobuchar", 1, "dobj", "PROPN", "Klobuchar"),
        ("told", 1, "ROOT", "VERB", "tell"),
        ("Stephanopoulos", 1, "nsubj", "PROPN", "Stephanopoulos"),
        ("so", 1, "advmod", "ADV", "so"),
        (".", 1, "punct", "PUNCT", "."),
        ("She", 6, "nsubj", "PRON", "she"),
        ("continued", 6, "ROOT", "VERB", "continue"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Klobuchar": "PERSON", "Stephanopoulos": "PERSON"})
    she = Span.of(text, 34, 37)
    assert resolver.resolve(she).name == "Stephanopoulos"  # no speaker known: the parse subject is the evidence
    resolver.speaker_history.append((0, article.entities[0]))  # Klobuchar spoke in the sentence before
    assert (resolver.resolve(she).name, resolver.resolve(she).resolution) == ("Klobuchar", "pronoun")


def _company_then(second_sentence_rows: list[Row], text: str, names: dict[str, str]) -> Speaker:
    """'Qintex Ltd ... said so.' then the given sentence; 'The company' resolved after Qintex spoke."""
    article, resolver = _resolver(text, second_sentence_rows, names)
    qintex = resolver.resolve(Span.of(text, 0, 10))
    assert qintex.name == "Qintex Ltd"
    resolver.speaker_history.append((0, article.entities[0]))
    start = text.index("The company")
    return resolver.resolve(Span.of(text, start, start + len("The company")))


def test_a_place_in_the_speakers_own_phrase_is_no_rival_for_the_company() -> None:
    tail: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("company", 2, "nsubj", "NOUN", "company"),
        ("said", 2, "ROOT", "VERB", "say"),
        ("more", 2, "dobj", "ADJ", "more"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    rows: list[Row] = [
        ("Qintex", 1, "compound", "PROPN", "Qintex"),
        ("Ltd", 4, "nsubj", "PROPN", "Ltd"),
        ("of", 1, "prep", "ADP", "of"),
        ("Brisbane", 2, "pobj", "PROPN", "Brisbane"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("so", 4, "advmod", "ADV", "so"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    names = {"Qintex Ltd": "ORG", "Brisbane": "GPE"}
    shifted = [(w, h + len(rows), d, p, lemma) for w, h, d, p, lemma in tail]
    company = _company_then(rows + shifted, "Qintex Ltd of Brisbane said so. The company said more.", names)
    assert (company.name, company.resolution) == ("Qintex Ltd", "description")
    # A place in the narration outside the speaker's phrase could be what 'the company' means: no answer.
    rows = [
        ("Qintex", 1, "compound", "PROPN", "Qintex"),
        ("Ltd", 2, "nsubj", "PROPN", "Ltd"),
        ("said", 2, "ROOT", "VERB", "say"),
        ("so", 2, "advmod", "ADV", "so"),
        ("in", 2, "prep", "ADP", "in"),
        ("Brisbane", 4, "pobj", "PROPN", "Brisbane"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    company = _company_then(rows + shifted, "Qintex Ltd said so in Brisbane. The company said more.", names)
    assert company.resolution == "unresolved"


def _fronted(preposition: str, noun: str) -> Speaker:
    """'When Trump ran <preposition> <noun>, he said so.' with 'he' resolved."""
    text = f"When Trump ran {preposition} {noun}, he said so."
    rows: list[Row] = [
        ("When", 2, "advmod", "SCONJ", "when"),
        ("Trump", 2, "nsubj", "PROPN", "Trump"),
        ("ran", 7, "advcl", "VERB", "run"),
        (preposition, 2, "prep", "ADP", preposition),
        (noun, 3, "pobj", "PRON" if noun == "him" else "NOUN", noun),
        (",", 7, "punct", "PUNCT", ","),
        ("he", 7, "nsubj", "PRON", "he"),
        ("said", 7, "ROOT", "VERB", "say"),
        ("so", 7, "advmod", "ADV", "so"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"Trump": "PERSON"})
    start = text.index(", he") + 2
    return resolver.resolve(Span.of(text, start, start + 2))


def test_a_pronoun_after_a_fronted_clause_is_that_clauses_named_subject() -> None:
    he = _fronted("for", "office")
    assert (he.name, he.resolution) == ("Trump", "pronoun")
    # 'When Trump ran against him, he said so': 'he' may be the man Trump ran against.
    assert _fronted("against", "him").resolution == "unresolved"


def test_a_name_that_ends_as_only_organizations_names_do_is_an_organization() -> None:
    from newstrace.stages.entities import _organization_name

    assert _organization_name("Peter G. Peterson Foundation")  # tagged PERSON by the entity model
    assert _organization_name("Republican Study Committee")
    assert not _organization_name("Frank Church")  # surnames that are also organization words
    assert not _organization_name("Margaret Court")
    assert not _organization_name("Foundation")


def test_a_tagged_cue_with_no_source_and_no_word_of_saying_is_dropped() -> None:
    from newstrace.stages._lib.tagged import without_unsaid

    text = "Trump pivoted to a plan and aides noted a plan."
    rows: list[Row] = [
        ("Trump", 1, "nsubj", "PROPN", "Trump"),
        ("pivoted", 1, "ROOT", "VERB", "pivot"),
        ("to", 1, "prep", "ADP", "to"),
        ("a", 4, "det", "DET", "a"),
        ("plan", 2, "pobj", "NOUN", "plan"),
        ("and", 1, "cc", "CCONJ", "and"),
        ("aides", 7, "nsubj", "NOUN", "aide"),
        ("noted", 1, "conj", "VERB", "note"),
        ("a", 9, "det", "DET", "a"),
        ("plan", 7, "dobj", "NOUN", "plan"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)

    def tagged(cue: str, content: str, source: str | None = None, rule: str = "model") -> Attribution:
        start, end = text.index(cue), text.index(content)
        mention = Span.of(text, text.index(source), text.index(source) + len(source)) if source else None
        cue_span = Span.of(text, start, start + len(cue))
        content_span = Span.of(text, end, end + len(content))
        return Attribution("", "indirect", Speaker(mention), cue_span, content_span, rule=rule)

    pivoted = tagged("pivoted to", "a plan and")
    noted = tagged("noted", "a plan.")
    sourced = tagged("pivoted to", "a plan and", source="Trump")
    ruled = tagged("pivoted to", "a plan and", rule="stance.prep")
    kept = without_unsaid(article, [pivoted, noted, sourced, ruled])
    assert kept == [noted, sourced, ruled]  # only the sourceless, unruled cue with no word of saying goes


def test_a_tweet_speaks_for_the_organization_whose_relative_clause_sent_it() -> None:
    # "... too much for YAF, which sent a tweet distancing themselves ... 'There is no room ...,' the tweet reads."
    text = "They thanked YAF, which sent a tweet. The tweet said no."
    rows: list[Row] = [
        ("They", 1, "nsubj", "PRON", "they"),
        ("thanked", 1, "ROOT", "VERB", "thank"),
        ("YAF", 1, "dobj", "PROPN", "YAF"),
        (",", 2, "punct", "PUNCT", ","),
        ("which", 5, "nsubj", "PRON", "which"),
        ("sent", 2, "relcl", "VERB", "send"),
        ("a", 7, "det", "DET", "a"),
        ("tweet", 5, "dobj", "NOUN", "tweet"),
        (".", 1, "punct", "PUNCT", "."),
        ("The", 10, "det", "DET", "the"),
        ("tweet", 11, "nsubj", "NOUN", "tweet"),
        ("said", 11, "ROOT", "VERB", "say"),
        ("no", 11, "dobj", "INTJ", "no"),
        (".", 11, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"YAF": "ORG"})
    start = text.index("The tweet")
    speaker = resolver.resolve(Span.of(text, start, start + len("The tweet")))
    assert (speaker.name, speaker.resolution) == ("YAF", "description")


def test_which_after_a_case_name_is_the_court_whose_ruling_it_was() -> None:
    # "the Supreme Court's 2013 ruling in United States v. Windsor, which cited the 14th Amendment ..."
    text = "The Court's ruling in Ohio v. Smith, which cited law, stood."
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("Court", 3, "poss", "PROPN", "Court"),
        ("'s", 1, "case", "PART", "'s"),
        ("ruling", 13, "nsubj", "NOUN", "ruling"),
        ("in", 3, "prep", "ADP", "in"),
        ("Ohio", 4, "pobj", "PROPN", "Ohio"),
        ("v.", 5, "prep", "ADP", "v."),
        ("Smith", 6, "pobj", "PROPN", "Smith"),
        (",", 5, "punct", "PUNCT", ","),
        ("which", 10, "nsubj", "PRON", "which"),
        ("cited", 5, "relcl", "VERB", "cite"),
        ("law", 10, "dobj", "NOUN", "law"),
        (",", 13, "punct", "PUNCT", ","),
        ("stood", 13, "ROOT", "VERB", "stand"),
        (".", 13, "punct", "PUNCT", "."),
    ]
    which = Span.of(text, text.index("which"), text.index("which") + 5)
    _, resolver = _resolver(text, rows, {"Court": "ORG", "Ohio": "GPE"})
    assert (resolver.resolve(which).name, resolver.resolve(which).resolution) == ("Court", "pronoun")
    _, resolver = _resolver(text, rows, {"Ohio": "GPE"})  # no court named: the party never speaks for it
    assert resolver.resolve(which).resolution == "unresolved"


def test_a_group_described_by_the_names_it_lists_speaks_as_those_names() -> None:
    text = "Groups like Amnesty and Oxfam said no."
    rows: list[Row] = [
        ("Groups", 5, "nsubj", "NOUN", "group"),
        ("like", 0, "prep", "ADP", "like"),
        ("Amnesty", 1, "pobj", "PROPN", "Amnesty"),
        ("and", 2, "cc", "CCONJ", "and"),
        ("Oxfam", 2, "conj", "PROPN", "Oxfam"),
        ("said", 5, "ROOT", "VERB", "say"),
        ("no", 5, "dobj", "INTJ", "no"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    groups = Span.of(text, 0, len("Groups like Amnesty and Oxfam"))
    _, resolver = _resolver(text, rows, {"Amnesty": "ORG", "Oxfam": "ORG"})
    speaker = resolver.resolve(groups)
    assert (speaker.name, speaker.resolution, len(speaker.entities)) == ("Amnesty and Oxfam", "coordination", 2)
    _, resolver = _resolver(text, rows, {"Amnesty": "ORG"})  # one listed name unknown: the list is not the group
    assert resolver.resolve(groups).resolution == "unresolved"


def _message_rows(verb: str, lemma: str) -> tuple[str, list[Row]]:
    text = f"Kim {verb} a message from Lee. The message said no."
    rows: list[Row] = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        (verb, 1, "ROOT", "VERB", lemma),
        ("a", 3, "det", "DET", "a"),
        ("message", 1, "dobj", "NOUN", "message"),
        ("from", 1, "prep", "ADP", "from"),
        ("Lee", 4, "pobj", "PROPN", "Lee"),
        (".", 1, "punct", "PUNCT", "."),
        ("The", 8, "det", "DET", "the"),
        ("message", 9, "nsubj", "NOUN", "message"),
        ("said", 9, "ROOT", "VERB", "say"),
        ("no", 9, "dobj", "INTJ", "no"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    return text, rows


def test_a_message_speaks_for_its_sender_never_for_whoever_received_or_denied_it() -> None:
    # KCNA: 'The dear respected Kim Jong Un received a message from the participants ... The message
    # said ...' had given the participants' words to Kim Jong Un.
    for verb, lemma, expected in [("received", "receive", "Lee"), ("sent", "send", "Kim"), ("denied", "deny", None)]:
        text, rows = _message_rows(verb, lemma)
        _, resolver = _resolver(text, rows, {"Kim": "PERSON", "Lee": "PERSON"})
        start = text.index("The message")
        speaker = resolver.resolve(Span.of(text, start, start + len("The message")))
        assert speaker.name == expected if expected else speaker.resolution == "unresolved", verb


def test_it_is_the_organization_the_narration_before_was_about() -> None:
    # KCNA: 'The Xinhua News Agency introduced Pyongyang Kim Won Gyun Conservatory on August 2. It said that ...'
    text = "Xinhua introduced a school. It said more."
    rows: list[Row] = [
        ("Xinhua", 1, "nsubj", "PROPN", "Xinhua"),
        ("introduced", 1, "ROOT", "VERB", "introduce"),
        ("a", 3, "det", "DET", "a"),
        ("school", 1, "dobj", "NOUN", "school"),
        (".", 1, "punct", "PUNCT", "."),
        ("It", 6, "nsubj", "PRON", "it"),
        ("said", 6, "ROOT", "VERB", "say"),
        ("more", 6, "dobj", "ADJ", "more"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    it = Span.of(text, 28, 30)
    article, resolver = _resolver(text, rows, {"Xinhua": "ORG"})
    assert (resolver.resolve(it).name, resolver.resolve(it).resolution) == ("Xinhua", "pronoun")
    # The sentence before is someone's reported words: its subject is what was talked about.
    article.attributions = [Attribution("a1", "indirect", Speaker(None), None, Span.of(text, 0, 26))]
    assert SpeakerResolver(article).resolve(it).resolution == "unresolved"


def test_a_surname_two_people_share_stays_its_own_name() -> None:
    from newstrace.stages.entities import _person_key, _without_leading_titles

    # 'President Donald Trump ... with First Lady Melania Trump ... Trump wrote': not Melania's words.
    assert _person_key("Trump", ["Donald Trump", "Melania Trump", "Trump"]) == "Trump"
    assert _person_key("Trump", ["Donald Trump", "Donald J. Trump"]) == "Donald J. Trump"
    assert _person_key("Kim", ["Kim Jong Un", "Kim Jong Il"]) == "Kim"
    assert _person_key("Putin", ["Vladimir Putin"]) == "Vladimir Putin"
    # a surname's particle capitalized as a sentence's first word is still his: 'De Blasio should ...'
    assert _person_key("De Blasio", ["Bill de Blasio"]) == "Bill de Blasio"
    name = "First Lady Melania Trump"
    assert name[_without_leading_titles(name, 6, len(name)) :] == "Melania Trump"
    name = "Commissioner John Sanders"
    assert name[_without_leading_titles(name, 0, len(name)) :] == "John Sanders"
    assert "Chief"[_without_leading_titles("Chief", 0, 5) :] == "Chief"  # one word is kept


SEGLETES: list[Row] = [
    ("Plummer", 1, "nsubj", "PROPN", "Plummer"),
    ("spoke", 1, "ROOT", "VERB", "speak"),
    (".", 1, "punct", "PUNCT", "."),
    ("Segletes", 4, "nsubj", "PROPN", "Segletes"),
    ("said", 4, "ROOT", "VERB", "say"),
    ("he", 6, "nsubj", "PRON", "he"),
    ("thinks", 4, "ccomp", "VERB", "think"),
    ("so", 6, "advmod", "ADV", "so"),
    (".", 4, "punct", "PUNCT", "."),
]


def test_a_pronoun_inside_what_a_speaker_said_is_that_speaker() -> None:
    # 'Jim Segletes, 65, ... said he thinks Americans became more patriotic': not the speaker before.
    text = "Plummer spoke. Segletes said he thinks so."
    article, resolver = _resolver(text, SEGLETES, {"Plummer": "PERSON", "Segletes": "PERSON"})
    segletes = article.entities[1]
    said = Attribution("a1", "indirect", Speaker(Span.of(text, 15, 23), [segletes.id], "Segletes", "name"),
                       Span.of(text, 24, 28), Span.of(text, 29, 41))  # fmt: skip
    article.attributions = [said]
    resolver.speaker_history += [(0, article.entities[0]), (15, segletes)]
    he = resolver.resolve(Span.of(text, 29, 31))
    assert (he.name, he.resolution) == ("Segletes", "pronoun")


def test_a_description_does_not_stand_for_someone_named_beside_it() -> None:
    # 'Trump has a phone conversation with Chinese President Xi Jinping ... The president also saluted Xi'
    text = "The president saluted Xi."
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("president", 2, "nsubj", "NOUN", "president"),
        ("saluted", 2, "ROOT", "VERB", "salute"),
        ("Xi", 2, "dobj", "PROPN", "Xi"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Xi": "PERSON"})
    article.entities[0].roles = ["president"]
    assert resolver.resolve(Span.of(text, 0, 13)).resolution == "unresolved"


def test_a_person_and_a_phrase_about_him_are_no_coordination() -> None:
    # 'the late Hawaii Sen. Daniel Inouye, a World War II veteran and Medal of Honor recipient, asked'
    text = "Inouye, a veteran and Medal recipient, asked."
    rows: list[Row] = [
        ("Inouye", 8, "nsubj", "PROPN", "Inouye"),
        (",", 0, "punct", "PUNCT", ","),
        ("a", 3, "det", "DET", "a"),
        ("veteran", 0, "appos", "NOUN", "veteran"),
        ("and", 3, "cc", "CCONJ", "and"),
        ("Medal", 6, "compound", "PROPN", "Medal"),
        ("recipient", 3, "conj", "NOUN", "recipient"),
        (",", 0, "punct", "PUNCT", ","),
        ("asked", 8, "ROOT", "VERB", "ask"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"Inouye": "PERSON", "Medal": "PERSON"})
    speaker = resolver.resolve(Span.of(text, 0, 37))
    assert (speaker.name, speaker.resolution) == ("Inouye", "name")


def test_the_last_speaker_is_no_antecedent_past_another_person_named_between() -> None:
    # 'Inouye ... asked Congress to change it back. That leaves it to people like Resh ... she said'
    text = "Inouye asked. It fell to Resh. Later she said no."
    rows: list[Row] = [
        ("Inouye", 1, "nsubj", "PROPN", "Inouye"),
        ("asked", 1, "ROOT", "VERB", "ask"),
        (".", 1, "punct", "PUNCT", "."),
        ("It", 4, "nsubj", "PRON", "it"),
        ("fell", 4, "ROOT", "VERB", "fall"),
        ("to", 4, "prep", "ADP", "to"),
        ("Resh", 5, "pobj", "PROPN", "Resh"),
        (".", 4, "punct", "PUNCT", "."),
        ("Later", 10, "advmod", "ADV", "later"),
        ("she", 10, "nsubj", "PRON", "she"),
        ("said", 10, "ROOT", "VERB", "say"),
        ("no", 10, "dobj", "INTJ", "no"),
        (".", 10, "punct", "PUNCT", "."),
    ]
    she = Span.of(text, 37, 40)
    article, resolver = _resolver(text, rows, {"Inouye": "PERSON"})
    resolver.speaker_history.append((0, article.entities[0]))
    assert resolver.resolve(she).name == "Inouye"  # nobody else named: the last speaker
    article, resolver = _resolver(text, rows, {"Inouye": "PERSON", "Resh": "PERSON"})
    resolver.speaker_history.append((0, article.entities[0]))
    assert resolver.resolve(she).resolution == "unresolved"


def test_members_of_a_body_are_not_the_body() -> None:
    # 'Several House members shrugged'; 'The freshman Member of Congress thinks'.
    members = [("Several", "amod", "ADJ"), ("House", "compound", "PROPN"), ("members", "nsubj", "NOUN")]
    assert _said_by(members, {"House": "ORG"}).resolution == "unresolved"
    rows: list[Row] = [
        ("The", 2, "det", "DET", "the"),
        ("freshman", 2, "compound", "NOUN", "freshman"),
        ("Member", 5, "nsubj", "PROPN", "Member"),
        ("of", 2, "prep", "ADP", "of"),
        ("Congress", 3, "pobj", "PROPN", "Congress"),
        ("said", 5, "ROOT", "VERB", "say"),
        ("no", 5, "dobj", "INTJ", "no"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    text = "The freshman Member of Congress said no."
    _, resolver = _resolver(text, rows, {"Congress": "ORG"})
    assert resolver.resolve(Span.of(text, 0, 31)).resolution == "unresolved"


def test_a_role_phrase_names_its_holder_not_the_one_it_is_about() -> None:
    # 'a Reagan administration official said. He suggested ...' had become Reagan's words.
    rows: list[Row] = [
        ("a", 3, "det", "DET", "a"),
        ("Reagan", 2, "compound", "PROPN", "Reagan"),
        ("administration", 3, "compound", "NOUN", "administration"),
        ("official", 4, "nsubj", "NOUN", "official"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("so", 4, "advmod", "ADV", "so"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    text = "a Reagan administration official said so."
    _, resolver = _resolver(text, rows, {"Reagan": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, 32)).resolution == "unresolved"
    rows = [
        ("the", 1, "det", "DET", "the"),
        ("minister", 5, "nsubj", "NOUN", "minister"),
        (",", 1, "punct", "PUNCT", ","),
        ("Santos", 1, "appos", "PROPN", "Santos"),
        (",", 1, "punct", "PUNCT", ","),
        ("said", 5, "ROOT", "VERB", "say"),
        ("so", 5, "advmod", "ADV", "so"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    text = "the minister, Santos, said so."
    _, resolver = _resolver(text, rows, {"Santos": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, 20)).name == "Santos"


def test_a_phrase_the_parser_broke_is_read_by_its_last_piece() -> None:
    # '... met with Health and Human Services Secretary Kathleen Sebelius said Wednesday': the
    # parse hung 'Health' on an earlier word, and the speaker had become the department.
    text = "He met Congressman Health and Services Secretary Kathleen Sebelius said."
    rows: list[Row] = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("met", 1, "ROOT", "VERB", "meet"),
        ("Congressman", 1, "dobj", "PROPN", "Congressman"),
        ("Health", 2, "conj", "PROPN", "Health"),
        ("and", 3, "cc", "CCONJ", "and"),
        ("Services", 3, "conj", "PROPN", "Services"),
        ("Secretary", 8, "compound", "PROPN", "Secretary"),
        ("Kathleen", 8, "compound", "PROPN", "Kathleen"),
        ("Sebelius", 9, "nsubj", "PROPN", "Sebelius"),
        ("said", 1, "conj", "VERB", "say"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"Health and Services": "ORG", "Kathleen Sebelius": "PERSON"})
    start = text.index("Health")
    speaker = resolver.resolve(Span.of(text, start, text.index(" said")))
    assert speaker.name == "Kathleen Sebelius"


def _said_by(subject: list[tuple[str, str, str]], names: dict[str, str]) -> Speaker:
    """The speaker of '<subject words> said war loomed.', the words given as for ``_said_rows``."""
    rows = _said_rows(subject)
    text = " ".join(word for word, *_ in rows[:-1]) + "."
    _, resolver = _resolver(text, rows, names)
    return resolver.resolve(Span.of(text, 0, text.index(" said")))


def test_whose_role_it_is_is_not_who_holds_it() -> None:
    # 'a Trump spokesman said' is not Trump; 'Minister Santos said' is Santos.
    spokesman = [("a", "det", "DET"), ("Trump", "compound", "PROPN"), ("spokesman", "nsubj", "NOUN")]
    assert _said_by(spokesman, {"Trump": "PERSON"}).resolution == "unresolved"
    minister = [("Minister", "compound", "PROPN"), ("Santos", "nsubj", "PROPN")]
    assert _said_by(minister, {"Santos": "PERSON"}).name == "Santos"


def test_a_body_named_for_a_person_is_not_the_person_but_kin_are_named_by_their_name() -> None:
    force = [("The", "det", "DET"), ("Biden", "compound", "PROPN"), ("task", "compound", "NOUN")]
    force.append(("force", "nsubj", "NOUN"))
    assert _said_by(force, {"Biden": "PERSON"}).resolution == "unresolved"
    rows: list[Row] = [
        ("His", 1, "poss", "PRON", "his"),
        ("wife", 3, "nsubj", "NOUN", "wife"),
        ("Pak", 1, "compound", "PROPN", "Pak"),
        ("said", 3, "ROOT", "VERB", "say"),
        ("so", 3, "advmod", "ADV", "so"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    text = "His wife Pak said so."
    _, resolver = _resolver(text, rows, {"Pak": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, 12)).name == "Pak"


def test_two_organizations_joined_by_and_speak_together() -> None:
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("Times", 4, "nsubj", "PROPN", "Times"),
        ("and", 1, "cc", "CCONJ", "and"),
        ("Post", 1, "conj", "PROPN", "Post"),
        ("reported", 4, "ROOT", "VERB", "report"),
        ("it", 4, "dobj", "PRON", "it"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    text = "The Times and Post reported it."
    _, resolver = _resolver(text, rows, {"Times": "ORG", "Post": "ORG"})
    speaker = resolver.resolve(Span.of(text, 0, 18))
    assert (speaker.name, speaker.resolution) == ("Times and Post", "coordination")


def test_a_day_the_parser_made_the_head_of_a_name_is_passed_over() -> None:
    # 'Rodong Sinmun Saturday says in an article ...'
    rows: list[Row] = [
        ("Rodong", 1, "compound", "PROPN", "Rodong"),
        ("Sinmun", 2, "compound", "PROPN", "Sinmun"),
        ("Saturday", 3, "nsubj", "PROPN", "Saturday"),
        ("says", 3, "ROOT", "VERB", "say"),
        ("so", 3, "advmod", "ADV", "so"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    text = "Rodong Sinmun Saturday says so."
    _, resolver = _resolver(text, rows, {"Rodong Sinmun": "ORG"})
    assert resolver.resolve(Span.of(text, 0, 22)).name == "Rodong Sinmun"


def test_it_of_it_seems_is_no_speaker() -> None:
    # 'His despicable act ... stirs up the nation's disillusion with him. It seems he believes ...':
    # 'It' had become the organization named before.
    text = "Xinhua spoke. It seems he believes so."
    rows: list[Row] = [
        ("Xinhua", 1, "nsubj", "PROPN", "Xinhua"),
        ("spoke", 1, "ROOT", "VERB", "speak"),
        (".", 1, "punct", "PUNCT", "."),
        ("It", 4, "nsubj", "PRON", "it"),
        ("seems", 4, "ROOT", "VERB", "seem"),
        ("he", 6, "nsubj", "PRON", "he"),
        ("believes", 4, "ccomp", "VERB", "believe"),
        ("so", 6, "advmod", "ADV", "so"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Xinhua": "ORG"})
    resolver.speaker_history.append((0, article.entities[0]))
    assert resolver.resolve(Span.of(text, 14, 16)).resolution == "unresolved"


def test_they_inside_what_an_unnamed_group_said_stays_unnamed() -> None:
    # 'Republicans had said they wanted to pause ... and criticized proposed state bailouts': the
    # 'they' of 'criticized' had become Congress, named the sentence before.
    text = "Congress acted. Republicans said they objected."
    rows: list[Row] = [
        ("Congress", 1, "nsubj", "PROPN", "Congress"),
        ("acted", 1, "ROOT", "VERB", "act"),
        (".", 1, "punct", "PUNCT", "."),
        ("Republicans", 4, "nsubj", "PROPN", "Republicans"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("they", 6, "nsubj", "PRON", "they"),
        ("objected", 4, "ccomp", "VERB", "object"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Congress": "ORG"})
    article.doc[3].tag_ = "NNPS"
    said = Attribution("a1", "indirect", Speaker(Span.of(text, 16, 27)), Span.of(text, 28, 32),
                       Span.of(text, 33, 46))  # fmt: skip
    article.attributions = [said]
    resolver.speaker_history += [(0, article.entities[0]), (16, None)]
    assert resolver.resolve(Span.of(text, 33, 37)).resolution == "unresolved"


def test_the_police_of_a_named_place_speak_as_an_organization() -> None:
    # 'Dallas police reported that a worker in protective gear had entered the apartment'
    text = "Dallas police reported it."
    rows: list[Row] = [
        ("Dallas", 1, "compound", "PROPN", "Dallas"),
        ("police", 2, "nsubj", "NOUN", "police"),
        ("reported", 2, "ROOT", "VERB", "report"),
        ("it", 2, "dobj", "PRON", "it"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    article, resolver = _resolver(text, rows, {"Dallas": "GPE"})
    speaker = resolver.resolve(Span.of(text, 0, 13))
    assert (speaker.name, speaker.resolution) == ("Dallas police", "name")
    assert [e.type for e in article.entities if e.name == "Dallas police"] == ["ORG"]
    _, resolver = _resolver("The police reported it.", [("The", 1, "det", "DET", "the"), *rows[1:]], {})
    assert resolver.resolve(Span.of("The police reported it.", 0, 10)).resolution == "unresolved"


def test_an_organizations_initials_and_last_word_are_its_short_names_when_only_it_has_them() -> None:
    from newstrace.stages.entities import _Candidate, _short_names

    text = "the Shadow Open Market Committee said. The SOMC said. The Committee said. The FBI said."
    spans = [("Shadow Open Market Committee", "ORG"), ("SOMC", "ORG"), ("Committee", "ORG"), ("FBI", "ORG")]
    candidates = [_Candidate(text.index(s), text.index(s) + len(s), label, None) for s, label in spans]
    assert _short_names(text, candidates, {}) == {
        "SOMC": "Shadow Open Market Committee",
        "Committee": "Shadow Open Market Committee",
    }  # 'FBI' names no organization of the article
    text += " The Judiciary Committee said."
    candidates.append(_Candidate(text.index("Judiciary Committee"), len(text) - 6, "ORG", None))
    assert "Committee" not in _short_names(text, candidates, {})  # two committees: no short name


def test_two_names_the_parser_hung_as_an_apposition_beside_and_are_a_coordination() -> None:
    # The seed: 'Russian President Vladimir Putin and ... General Valery Gerasimov praised', parsed
    # with Gerasimov an apposition of Putin and the 'and' a child of Putin.
    text = "Putin and Gerasimov praised it."
    rows: list[Row] = [
        ("Putin", 3, "nsubj", "PROPN", "Putin"),
        ("and", 0, "cc", "CCONJ", "and"),
        ("Gerasimov", 0, "appos", "PROPN", "Gerasimov"),
        ("praised", 3, "ROOT", "VERB", "praise"),
        ("it", 3, "dobj", "PRON", "it"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"Putin": "PERSON", "Gerasimov": "PERSON"})
    speaker = resolver.resolve(Span.of(text, 0, 19))
    assert (speaker.name, speaker.resolution) == ("Putin and Gerasimov", "coordination")


def test_the_group_is_the_organization_the_text_called_a_group() -> None:
    # reuters21578-3246: 'The SOMC, a group of basically "monetarist" private economists, said ...
    # The group said the Fed's actions have been excessive.'
    text = "SOMC, a group, spoke. The group said no."
    rows: list[Row] = [
        ("SOMC", 5, "nsubj", "PROPN", "SOMC"),
        (",", 0, "punct", "PUNCT", ","),
        ("a", 3, "det", "DET", "a"),
        ("group", 0, "appos", "NOUN", "group"),
        (",", 0, "punct", "PUNCT", ","),
        ("spoke", 5, "ROOT", "VERB", "speak"),
        (".", 5, "punct", "PUNCT", "."),
        ("The", 8, "det", "DET", "the"),
        ("group", 9, "nsubj", "NOUN", "group"),
        ("said", 9, "ROOT", "VERB", "say"),
        ("no", 9, "dobj", "INTJ", "no"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    group = Span.of(text, text.index("The group"), text.index("The group") + 9)
    _, resolver = _resolver(text, rows, {"SOMC": "ORG"})
    speaker = resolver.resolve(group)
    assert (speaker.name, speaker.resolution) == ("SOMC", "description")
    plain = [(w, h, "dep" if d == "appos" else d, p, lemma) for w, h, d, p, lemma in rows]
    _, resolver = _resolver(text, plain, {"SOMC": "ORG"})  # not described as a group: no answer
    assert resolver.resolve(group).resolution == "unresolved"


def test_a_person_apposed_with_a_role_speaks_not_the_firm_before_him() -> None:
    # 'said Jardine Fleming Ltd economist Eric Rasmussen', parsed with the firm as the subject
    text = "Acme economist Eric Ras said war loomed."
    rows: list[Row] = [
        ("Acme", 4, "nsubj", "PROPN", "Acme"),
        ("economist", 3, "compound", "NOUN", "economist"),
        ("Eric", 3, "compound", "PROPN", "Eric"),
        ("Ras", 0, "appos", "PROPN", "Ras"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("war", 6, "nsubj", "NOUN", "war"),
        ("loomed", 4, "ccomp", "VERB", "loom"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    for firm_type in ("PERSON", "ORG"):  # the entity model calls such firms either
        _, resolver = _resolver(text, rows, {"Acme": firm_type, "Eric Ras": "PERSON"})
        assert resolver.resolve(Span.of(text, 0, text.index(" said"))).name == "Eric Ras"


def _general_of(words: list[str], owner_pos: str) -> tuple[str, list[Row]]:
    """'<A> <noun> of the <owner>, <name...>, said war loomed.' with the name hung on the owner."""
    det, noun, owner, *name = words
    text = f"{det} {noun} of the {owner}, {' '.join(name)}, said war loomed."
    n = len(name)
    said = 6 + n + 1
    rows: list[Row] = [
        (det, 1, "det", "DET", det.lower()),
        (noun, said, "nsubj", "NOUN", noun),
        ("of", 1, "prep", "ADP", "of"),
        ("the", 4, "det", "DET", "the"),
        (owner, 2, "pobj", owner_pos, owner),
        (",", 4, "punct", "PUNCT", ","),
    ]
    rows += [(w, 6 + n - 1, "compound", "PROPN", w) for w in name[:-1]]
    rows += [(name[-1], 4, "appos", "PROPN", name[-1]), (",", 1, "punct", "PUNCT", ",")]
    rows += [
        ("said", said, "ROOT", "VERB", "say"),
        ("war", said + 2, "nsubj", "NOUN", "war"),
        ("loomed", said, "ccomp", "VERB", "loom"),
        (".", said, "punct", "PUNCT", "."),
    ]
    return text, rows


def test_a_name_after_an_organization_in_a_description_is_the_one_described() -> None:
    text, rows = _general_of(["A", "general", "KPA", "Kim", "Chol"], "PROPN")
    mention = Span.of(text, 0, text.index(", said"))
    _, resolver = _resolver(text, rows, {"KPA": "ORG", "Kim Chol": "PERSON"})
    assert resolver.resolve(mention).name == "Kim Chol"
    # untagged by the entity model: two to four capitalized words are a person's name
    text, rows = _general_of(["The", "manager", "Complex", "Ri", "Hi", "Hon"], "PROPN")
    article, resolver = _resolver(text, rows, {"Complex": "ORG"})
    speaker = resolver.resolve(Span.of(text, 0, text.index(", said")))
    assert (speaker.name, speaker.resolution) == ("Ri Hi Hon", "name")
    assert ("Ri Hi Hon", "PERSON") in [(e.name, e.type) for e in article.entities]
    article.check_spans()


def test_a_name_after_a_person_in_a_description_is_whom_it_is_about() -> None:
    # 'A friend of the president, Kim Chol, said': Kim Chol is the president, not the friend
    text, rows = _general_of(["A", "friend", "president", "Kim", "Chol"], "NOUN")
    _, resolver = _resolver(text, rows, {"Kim Chol": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, text.index(", said"))).resolution == "unresolved"


def test_a_statement_named_on_its_subject_speaks_for_the_subject() -> None:
    text = "The Federation in a statement denounced Seoul. The statement said war loomed."
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("Federation", 5, "nsubj", "PROPN", "Federation"),
        ("in", 1, "prep", "ADP", "in"),
        ("a", 4, "det", "DET", "a"),
        ("statement", 2, "pobj", "NOUN", "statement"),
        ("denounced", 5, "ROOT", "VERB", "denounce"),
        ("Seoul", 5, "dobj", "PROPN", "Seoul"),
        (".", 5, "punct", "PUNCT", "."),
        ("The", 9, "det", "DET", "the"),
        ("statement", 10, "nsubj", "NOUN", "statement"),
        ("said", 10, "ROOT", "VERB", "say"),
        ("war", 12, "nsubj", "NOUN", "war"),
        ("loomed", 10, "ccomp", "VERB", "loom"),
        (".", 10, "punct", "PUNCT", "."),
    ]
    _, resolver = _resolver(text, rows, {"Federation": "ORG", "Seoul": "GPE"})
    start = text.index("The statement")
    speaker = resolver.resolve(Span.of(text, start, start + len("The statement")))
    assert (speaker.name, speaker.resolution) == ("Federation", "description")


def test_a_verb_after_a_parenthetical_cue_shares_its_subject() -> None:
    # 'War looms, the statement noted, added:' parsed with 'noted' a parataxis of 'added'
    text = "War looms, it noted, added: peace ends."
    rows: list[Row] = [
        ("War", 1, "nsubj", "NOUN", "war"),
        ("looms", 4, "ccomp", "VERB", "loom"),
        (",", 4, "punct", "PUNCT", ","),
        ("it", 4, "nsubj", "PRON", "it"),
        ("noted", 6, "parataxis", "VERB", "note"),
        (",", 6, "punct", "PUNCT", ","),
        ("added", 6, "ROOT", "VERB", "add"),
        (":", 6, "punct", "PUNCT", ":"),
        ("peace", 9, "nsubj", "NOUN", "peace"),
        ("ends", 6, "ccomp", "VERB", "end"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    from newstrace.stages._lib.rules import RuleBuilder

    article = Article(text=text)
    article.doc = build_doc(text, rows)
    subject = RuleBuilder(article).subject(article.doc[6])
    assert subject is not None and subject.text == "it"


NOMINEES: list[TaggedRow] = [
    ("Democratic", 1, "amod", "ADJ", "democratic", "JJ", "B-NORP"),
    ("nominee", 2, "compound", "NOUN", "nominee", "NN", "O"),
    ("Clinton", 3, "nsubj", "PROPN", "Clinton", "NNP", "B-PERSON"),
    ("spoke", 3, "ROOT", "VERB", "speak", "VBD", "O"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
    ("The", 7, "det", "DET", "the", "DT", "O"),
    ("Republican", 7, "amod", "PROPN", "Republican", "NNP", "B-NORP"),
    ("nominee", 8, "nsubj", "NOUN", "nominee", "NN", "O"),
    ("said", 8, "ROOT", "VERB", "say", "VBD", "O"),
    ("war", 10, "nsubj", "NOUN", "war", "NN", "O"),
    ("loomed", 8, "ccomp", "VERB", "loom", "VBD", "O"),
    (".", 8, "punct", "PUNCT", ".", ".", "O"),
]


def test_a_title_with_another_party_is_not_the_holder_introduced() -> None:
    text = "Democratic nominee Clinton spoke. The Republican nominee said war loomed."
    clinton, speaker = _described(text, NOMINEES, ["Clinton"], "The Republican nominee")
    assert "nominee" in clinton.roles
    assert speaker.resolution == "unresolved"
    same = text.replace("Republican", "Democratic")
    rows = [(w if w != "Republican" else "Democratic", *rest) for w, *rest in NOMINEES]
    _, speaker = _described(same, rows, ["Clinton"], "The Democratic nominee")  # type: ignore[arg-type]
    assert (speaker.name, speaker.resolution) == ("Clinton", "description")


def test_a_name_after_paper_or_firm_is_an_organization() -> None:
    # the entity model calls these a person ('Ganashakti', 'Jardine Fleming') and a facility
    import newstrace

    for text, name in [
        ("The Indian paper Ganashakti said the plan had failed.", "Ganashakti"),
        ("The brokerage Jardine Fleming said the plan had failed.", "Jardine Fleming"),
        ("The Russian paper Nakhodkinski Rabochi on Monday said the plan had failed.", "Nakhodkinski Rabochi"),
    ]:
        article = newstrace.analyze(text)
        assert (name, "ORG") in [(e.name, e.type) for e in article.entities], text


def _said_twice(first: list[tuple[str, str, str]], second: list[tuple[str, str, str]]) -> list[Row]:
    """'<first> said war loomed. <second> said war loomed.': two ``_said_rows`` sentences in a row."""
    rows = _said_rows(first)
    return rows + [(w, head + len(rows), dep, pos, lemma) for w, head, dep, pos, lemma in _said_rows(second)]


def _honorific_then_pronoun(honorific: str) -> Speaker:
    """'<honorific> Roe said war loomed. He said war loomed.': who 'He' is."""
    text = f"{honorific} Roe said war loomed. He said war loomed."
    rows = _said_twice([(honorific, "compound", "PROPN"), ("Roe", "nsubj", "PROPN")], [("He", "nsubj", "PRON")])
    _, resolver = _resolver(text, rows, {"Roe": "PERSON"})
    start = text.index("He ")
    return resolver.resolve(Span.of(text, start, start + 2))


def test_he_is_never_a_woman_the_text_called_ms_or_she() -> None:
    assert _honorific_then_pronoun("Mr.").name == "Roe"
    assert _honorific_then_pronoun("Ms.").resolution == "unresolved"


def test_another_given_name_before_a_known_surname_is_another_person() -> None:
    import newstrace

    article = newstrace.analyze(
        "Donald Trump visited the suburbs on Tuesday.\n\n"
        "Daughter Ivanka Trump, who has been pushing child care issues in her role as adviser to the "
        'campaign, introduced her father, telling the crowd that "we need to create policies that help."'
    )
    people = {e.name: e for e in article.entities if e.type == "PERSON"}
    assert set(people) == {"Donald Trump", "Ivanka Trump"}
    quote = next(a for a in article.attributions if a.content.text.startswith("we need"))
    assert quote.speaker.name == "Ivanka Trump"


def _it_in_words_of(kind: str) -> Speaker:
    """'Acme said war loomed. It said war loomed.', the second sentence given as Acme's words of
    ``kind`` (when direct, as an introduced paragraph)."""
    text = "Acme said war loomed. It said war loomed."
    rows = _said_twice([("Acme", "nsubj", "PROPN")], [("It", "nsubj", "PRON")])
    article, resolver = _resolver(text, rows, {"Acme": "ORG"})
    words = Span.of(text, text.index("It"), len(text) - 1)
    acme = Speaker(Span.of(text, 0, 4), ["e0"], "Acme", "name")
    rule = "direct.introduced" if kind == "direct" else "indirect.ccomp"
    article.attributions = [Attribution(id="a1", kind=kind, speaker=acme, cue=None, content=words, rule=rule)]
    return resolver.resolve(Span.of(text, words.start, words.start + 2))


def test_an_it_in_an_organization_s_own_words_is_not_the_organization() -> None:
    # 'The statement said: ... It showed the international community ...': the proposal, not the issuer
    assert _it_in_words_of("direct").resolution == "unresolved"
    assert _it_in_words_of("indirect").name == "Acme"


def test_who_faces_complaints_did_not_make_them() -> None:
    from newstrace.stages._lib.tagged import _target_of

    text = "The agency faces complaints that it lied."
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("agency", 2, "nsubj", "NOUN", "agency"),
        ("faces", 2, "ROOT", "VERB", "face"),
        ("complaints", 2, "dobj", "NOUN", "complaint"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("it", 6, "nsubj", "PRON", "it"),
        ("lied", 3, "acl", "VERB", "lie"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = doc = build_doc(text, rows)
    assert _target_of(doc[3], Span.of(text, 0, 10), article)
    made = text.replace("faces", "voices")
    rows[2] = ("voices", 2, "ROOT", "VERB", "voice")
    article = Article(text=made)
    article.doc = doc = build_doc(made, rows)
    assert not _target_of(doc[3], Span.of(made, 0, 10), article)


def test_a_party_s_members_as_a_body_speak_for_the_party() -> None:
    democrats = [("Democrats", "nsubj", "PROPN")]
    assert _said_by(democrats, {}).name == "Democratic Party"
    house = [("House", "compound", "PROPN"), ("Republicans", "nsubj", "PROPN")]
    assert _said_by(house, {}).name == "Republican Party"
    for few in ("Some", "Thirteen"):
        some = [(few, "det" if few == "Some" else "nummod", "DET"), ("Democrats", "nsubj", "PROPN")]
        assert _said_by(some, {}).resolution == "unresolved", few


def test_a_participle_after_despite_x_is_said_by_x() -> None:
    from newstrace.stages._lib.rules import RuleBuilder

    text = "Democrats passed it despite Republicans declaring it dead."
    rows: list[Row] = [
        ("Democrats", 1, "nsubj", "PROPN", "Democrats"),
        ("passed", 1, "ROOT", "VERB", "pass"),
        ("it", 1, "dobj", "PRON", "it"),
        ("despite", 1, "prep", "SCONJ", "despite"),
        ("Republicans", 3, "pobj", "PROPN", "Republicans"),
        ("declaring", 1, "advcl", "VERB", "declare"),
        ("it", 7, "nsubj", "PRON", "it"),
        ("dead", 5, "ccomp", "ADJ", "dead"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    tags = ["NNPS", "VBD", "PRP", "IN", "NNPS", "VBG", "PRP", "JJ", "."]
    article = Article(text=text)
    article.doc = build_doc(text, rows, tags=tags)
    subject = RuleBuilder(article).subject(article.doc[5])
    assert subject is not None and subject.text == "Republicans"


def test_a_campaign_named_for_a_person_speaks_as_that_campaign() -> None:
    campaign = [("The", "det", "DET"), ("Trump", "compound", "PROPN"), ("campaign", "nsubj", "NOUN")]
    speaker = _said_by(campaign, {"Trump": "PERSON"})
    assert (speaker.name, speaker.resolution) == ("Trump campaign", "name")
    # not the person, and nothing without a person's name in the phrase
    assert _said_by([("The", "det", "DET"), ("campaign", "nsubj", "NOUN")], {}).resolution == "unresolved"
    ohio = [("The", "det", "DET"), ("Ohio", "compound", "PROPN"), ("campaign", "nsubj", "NOUN")]
    assert _said_by(ohio, {"Ohio": "GPE"}).resolution == "unresolved"


def test_an_outlet_s_noun_after_its_name_is_the_outlet() -> None:
    import newstrace

    article = newstrace.analyze("The official MTI news agency said the government had decided to cut subsidies.")
    assert [e.name for e in article.entities if e.type == "ORG"] == ["MTI"]  # not 'MTI news'
    said = next(a for a in article.attributions if a.cue is not None and a.cue.text == "said")
    assert (said.speaker.name, said.speaker.resolution) == ("MTI", "name")
    # a legal form in lower case stays in the company's name, and so does a hyphenated part
    article = newstrace.analyze("Columbia Gas Transmission corp said it made a filing.")
    assert "Columbia Gas Transmission corp" in [e.name for e in article.entities]
    article = newstrace.analyze("Kim Jong-un said on Tuesday that the harvest was good.")
    assert "Kim Jong-un" in [e.name for e in article.entities]


def test_a_document_s_issuer_after_its_verb_or_in_apposition() -> None:
    import newstrace

    for text, issuer in [
        (
            "Japan should pay a very high price for the crimes, urges Rodong Sinmun in an article dedicated "
            "to the anniversary of the movement.\n\nThe article said that the crimes were many.",
            "Rodong Sinmun",
        ),
        (
            "The south Korean internet newspaper Thongil News on Thursday carried the article titled "
            '"Five Years of Failure".\n\nThe article said that the regime failed.',
            "Thongil News",
        ),
    ]:
        article = newstrace.analyze(text)
        said = next(a for a in article.attributions if a.speaker.mention and a.speaker.mention.text == "The article")
        assert said.speaker.name == issuer, text


def test_kin_words_and_honorifics_are_no_given_names() -> None:
    import newstrace

    article = newstrace.analyze(
        "Donald Trump spoke on Monday. Mr Trump said the plan was good. Daughter Ivanka Trump said it was fine."
    )
    people = [e.name for e in article.entities if e.type == "PERSON"]
    assert "Ivanka Trump" in people
    assert not any(name.startswith(("Mr ", "Daughter ")) for name in people)


def _run_then_he(middle: list[Row], names: dict[str, str]) -> Speaker:
    """'Kim visited farms. <middle sentence> He said war loomed.': who the last 'He' is."""
    first: list[Row] = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("visited", 1, "ROOT", "VERB", "visit"),
        ("farms", 1, "dobj", "NOUN", "farm"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    rows = first + [(w, head + 4, dep, pos, lemma) for w, head, dep, pos, lemma in middle]
    shift = len(rows)
    rows += [(w, head + shift, dep, pos, lemma) for w, head, dep, pos, lemma in _said_rows([("He", "nsubj", "PRON")])]
    text = " ".join(row[0] for row in rows).replace(" .", ".")
    _, resolver = _resolver(text, rows, names)
    start = text.rindex("He ")
    return resolver.resolve(Span.of(text, start, start + 2))


def test_a_run_of_he_subjects_leads_back_to_the_person_who_began_it() -> None:
    toured: list[Row] = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("toured", 1, "ROOT", "VERB", "tour"),
        ("them", 1, "dobj", "PRON", "they"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert _run_then_he(toured, {"Kim": "PERSON"}).name == "Kim"
    # the run breaks where its narration names another person ...
    met: list[Row] = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("met", 1, "ROOT", "VERB", "meet"),
        ("Lee", 1, "dobj", "PROPN", "Lee"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert _run_then_he(met, {"Kim": "PERSON", "Lee": "PERSON"}).resolution == "unresolved"
    # ... at a sentence with another subject, and at the other gender's pronoun
    grew: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("farms", 2, "nsubj", "NOUN", "farm"),
        ("grew", 2, "ROOT", "VERB", "grow"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    assert _run_then_he(grew, {"Kim": "PERSON"}).resolution == "unresolved"
    she = [("She", *toured[0][1:4], "she"), *toured[1:]]
    assert _run_then_he(she, {"Kim": "PERSON"}).resolution == "unresolved"


def test_a_name_right_after_the_organization_of_a_title_holds_the_title() -> None:
    # KCNA: 'Chairman of the Party Kim Yong Dae said': the parser makes the name the object of 'of'
    rows: list[Row] = [
        ("Chairman", 7, "nsubj", "PROPN", "chairman"),
        ("of", 0, "prep", "ADP", "of"),
        ("the", 6, "det", "DET", "the"),
        ("Party", 6, "compound", "PROPN", "Party"),
        ("Kim", 6, "compound", "PROPN", "Kim"),
        ("Yong", 6, "compound", "PROPN", "Yong"),
        ("Dae", 1, "pobj", "PROPN", "Dae"),
        ("said", 7, "ROOT", "VERB", "say"),
        ("war", 9, "nsubj", "NOUN", "war"),
        ("loomed", 7, "ccomp", "VERB", "loom"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    text = "Chairman of the Party Kim Yong Dae said war loomed."
    _, resolver = _resolver(text, rows, {"Party": "ORG", "Kim Yong Dae": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, text.index(" said"))).name == "Kim Yong Dae"
    # after a role word the name is whose the role is: 'the son of the leader Kim' is not Kim
    rows[3] = ("leader", 6, "compound", "NOUN", "leader")
    text = text.replace("Party", "leader")
    _, resolver = _resolver(text, rows, {"Kim Yong Dae": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, text.index(" said"))).resolution == "unresolved"


def test_an_apposition_is_set_off_from_its_noun() -> None:
    # 'The son of the leader Kim said': the parser hung 'Kim' on 'son' across the 'of' phrase
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("son", 6, "nsubj", "NOUN", "son"),
        ("of", 1, "prep", "ADP", "of"),
        ("the", 4, "det", "DET", "the"),
        ("leader", 2, "pobj", "NOUN", "leader"),
        ("Kim", 1, "appos", "PROPN", "Kim"),
        ("said", 6, "ROOT", "VERB", "say"),
        ("war", 8, "nsubj", "NOUN", "war"),
        ("loomed", 6, "ccomp", "VERB", "loom"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    text = "The son of the leader Kim said war loomed."
    _, resolver = _resolver(text, rows, {"Kim": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, text.index(" said"))).resolution == "unresolved"
    # one apposition the parser split in two: 'The colleague, Operator Class Corey Scott, said'
    rows = [
        ("The", 1, "det", "DET", "the"),
        ("colleague", 8, "nsubj", "NOUN", "colleague"),
        (",", 1, "punct", "PUNCT", ","),
        ("Operator", 4, "compound", "PROPN", "Operator"),
        ("Class", 1, "appos", "PROPN", "Class"),
        ("Corey", 6, "compound", "PROPN", "Corey"),
        ("Scott", 1, "appos", "PROPN", "Scott"),
        (",", 1, "punct", "PUNCT", ","),
        ("said", 8, "ROOT", "VERB", "say"),
        ("war", 10, "nsubj", "NOUN", "war"),
        ("loomed", 8, "ccomp", "VERB", "loom"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    text = "The colleague, Operator Class Corey Scott, said war loomed."
    _, resolver = _resolver(text, rows, {"Corey Scott": "PERSON"})
    assert resolver.resolve(Span.of(text, 0, text.index(" said"))).name == "Corey Scott"


def test_an_editorial_is_whoever_did_something_editorially() -> None:
    # 'Hangyore editorially lashed out. The editorial said war loomed.'
    rows: list[Row] = [
        ("Hangyore", 2, "nsubj", "PROPN", "Hangyore"),
        ("editorially", 2, "advmod", "ADV", "editorially"),
        ("lashed", 2, "ROOT", "VERB", "lash"),
        ("out", 2, "prt", "ADP", "out"),
        (".", 2, "punct", "PUNCT", "."),
        ("The", 6, "det", "DET", "the"),
        ("editorial", 7, "nsubj", "NOUN", "editorial"),
        ("said", 7, "ROOT", "VERB", "say"),
        ("war", 9, "nsubj", "NOUN", "war"),
        ("loomed", 7, "ccomp", "VERB", "loom"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    text = "Hangyore editorially lashed out. The editorial said war loomed."
    _, resolver = _resolver(text, rows, {"Hangyore": "ORG"})
    start = text.index("The editorial")
    speaker = resolver.resolve(Span.of(text, start, start + len("The editorial")))
    assert (speaker.name, speaker.resolution) == ("Hangyore", "description")
    # without the adverb, nothing says whose editorial it is
    rows[1] = ("loudly", 2, "advmod", "ADV", "loudly")
    text = text.replace("editorially", "loudly")
    _, resolver = _resolver(text, rows, {"Hangyore": "ORG"})
    start = text.index("The editorial")
    assert resolver.resolve(Span.of(text, start, start + len("The editorial"))).resolution == "unresolved"


def test_a_colon_after_what_a_speaker_says_opens_a_list_not_a_quotation() -> None:
    # 'American sources say he will state that the way is to implement proposals:' then '-- an end
    # to subsidies;' lines: the list is part of what he will state, not his quoted paragraphs
    text = "Kim will state that the way is reform:\n\n-- an end to subsidies;\n\n-- new rules."
    rows: list[Row] = [
        ("Kim", 2, "nsubj", "PROPN", "Kim"),
        ("will", 2, "aux", "AUX", "will"),
        ("state", 2, "ROOT", "VERB", "state"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("the", 5, "det", "DET", "the"),
        ("way", 6, "nsubj", "NOUN", "way"),
        ("is", 2, "ccomp", "AUX", "be"),
        ("reform", 6, "attr", "NOUN", "reform"),
        (":", 2, "punct", "PUNCT", ":"),
        ("\n\n", 8, "dep", "SPACE", "\n\n"),
        ("--", 12, "punct", "PUNCT", "--"),
        ("an", 12, "det", "DET", "an"),
        ("end", 12, "ROOT", "NOUN", "end"),
        ("to", 12, "prep", "ADP", "to"),
        ("subsidies", 13, "pobj", "NOUN", "subsidy"),
        (";", 12, "punct", "PUNCT", ";"),
        ("\n\n", 15, "dep", "SPACE", "\n\n"),
        ("--", 19, "punct", "PUNCT", "--"),
        ("new", 19, "amod", "ADJ", "new"),
        ("rules", 19, "ROOT", "NOUN", "rule"),
        (".", 19, "punct", "PUNCT", "."),
    ]
    found = analyze(text, rows)
    assert not any(a.rule == "direct.introduced" for a in found)
    assert ("indirect.ccomp", "Kim", "state", "the way is reform") in summary(found)


def test_the_agent_of_a_passive_verb_of_telling_speaks() -> None:
    # 'Ministers were told by Moore that talks would fail': Moore speaks; the ministers listen
    text = "Ministers were told by Moore that talks would fail."
    rows: list[Row] = [
        ("Ministers", 2, "nsubjpass", "NOUN", "minister"),
        ("were", 2, "auxpass", "AUX", "be"),
        ("told", 2, "ROOT", "VERB", "tell"),
        ("by", 2, "agent", "ADP", "by"),
        ("Moore", 3, "pobj", "PROPN", "Moore"),
        ("that", 8, "mark", "SCONJ", "that"),
        ("talks", 8, "nsubj", "NOUN", "talk"),
        ("would", 8, "aux", "AUX", "would"),
        ("fail", 2, "ccomp", "VERB", "fail"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    assert summary(analyze(text, rows)) == [("indirect.ccomp", "Moore", "told", "talks would fail")]


def test_a_capitalized_acronym_the_parser_took_for_a_noun_ends_an_untagged_name() -> None:
    # 'In Japan the Asahi TV in May 2009 disclosed that ...': 'TV' parsed as a common noun
    speaker = _said_by([("The", "det", "DET"), ("Asahi", "compound", "PROPN"), ("TV", "nsubj", "NOUN")], {})
    assert (speaker.name, speaker.resolution) == ("Asahi TV", "name")
    # a lower-case noun after a name is no part of it
    speaker = _said_by([("The", "det", "DET"), ("Asahi", "compound", "PROPN"), ("station", "nsubj", "NOUN")], {})
    assert speaker.resolution == "unresolved"


def test_a_pronoun_is_the_one_person_named_as_a_subject_before_it_in_its_sentence() -> None:
    # 'Jeffrey Leeds of Chemical Bank agreed that ..., contrary to di Clemente, he said ...': the
    # parser hangs 'agreed' under 'said'; 'he' had become di Clemente, the speaker before
    rows: list[Row] = [
        ("Leeds", 1, "nsubj", "PROPN", "Leeds"),
        ("agreed", 4, "ccomp", "VERB", "agree"),
        (",", 4, "punct", "PUNCT", ","),
        ("he", 4, "nsubj", "PRON", "he"),
        ("said", 4, "ROOT", "VERB", "say"),
        ("war", 6, "nsubj", "NOUN", "war"),
        ("loomed", 4, "ccomp", "VERB", "loom"),
        (".", 4, "punct", "PUNCT", "."),
    ]
    text = "Leeds agreed, he said war loomed."
    _, resolver = _resolver(text, rows, {"Leeds": "PERSON"})
    start = text.index("he ")
    assert resolver.resolve(Span.of(text, start, start + 2)).name == "Leeds"
    # a name inside quotation marks is what was said, not who says it
    quoted: list[Row] = [
        ('"', 2, "punct", "PUNCT", '"'),
        ("Leeds", 2, "nsubj", "PROPN", "Leeds"),
        ("agreed", 6, "ccomp", "VERB", "agree"),
        (",", 6, "punct", "PUNCT", ","),
        ('"', 6, "punct", "PUNCT", '"'),
        ("he", 6, "nsubj", "PRON", "he"),
        ("said", 6, "ROOT", "VERB", "say"),
        ("war", 8, "nsubj", "NOUN", "war"),
        ("loomed", 6, "ccomp", "VERB", "loom"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    text = '"Leeds agreed," he said war loomed.'
    article, resolver = _resolver(text, quoted, {"Leeds": "PERSON"})
    article.quotes = [Span.of(text, 0, text.index(" he"))]
    start = text.index("he ")
    assert resolver.resolve(Span.of(text, start, start + 2)).resolution == "unresolved"


def _report_said(compound: str, kind: str, noun: str = "report") -> Speaker:
    """'The <compound> <noun> said war loomed.' with the compound an entity of ``kind``."""
    subject = [("The", "det", "DET"), (compound, "compound", "PROPN"), (noun, "nsubj", "NOUN")]
    return _said_by(subject, {compound: kind})


def test_an_organization_named_before_a_document_wrote_it() -> None:
    assert _report_said("Politico", "ORG").name == "Politico"  # 'The Politico report said'
    # not a person the report is about, nor a body a filing is lodged with
    assert _report_said("Trump", "PERSON").resolution == "unresolved"
    assert _report_said("SEC", "ORG", "filing").resolution == "unresolved"


def test_a_later_document_is_not_the_one_an_organization_was_named_before() -> None:
    # 'The GAO report came out. The report said war loomed.': the second may be another report
    rows: list[Row] = [
        ("The", 2, "det", "DET", "the"),
        ("GAO", 2, "compound", "PROPN", "GAO"),
        ("report", 3, "nsubj", "NOUN", "report"),
        ("came", 3, "ROOT", "VERB", "come"),
        ("out", 3, "prt", "ADP", "out"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    rows += [
        ("The", 7, "det", "DET", "the"),
        ("report", 8, "nsubj", "NOUN", "report"),
        ("said", 8, "ROOT", "VERB", "say"),
        ("war", 10, "nsubj", "NOUN", "war"),
        ("loomed", 8, "ccomp", "VERB", "loom"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    text = "The GAO report came out. The report said war loomed."
    _, resolver = _resolver(text, rows, {"GAO": "ORG"})
    start = text.rindex("The report")
    assert resolver.resolve(Span.of(text, start, start + len("The report"))).resolution == "unresolved"


def test_a_country_before_a_name_after_a_role_of_is_split_off() -> None:
    from newstrace.stages.entities import _country_then_name

    text = "a message to President of Burkina Faso Blaise Compaore on Monday"
    start, end = text.index("Burkina"), text.index(" on Monday")
    country_end, name_start = _country_then_name(text, start, end) or (0, 0)
    assert (text[start:country_end], text[name_start:end]) == ("Burkina Faso", "Blaise Compaore")
    # no role before it, one word after it, or an organization's name after it: left whole
    assert _country_then_name("visitors from Burkina Faso Blaise Compaore", 14, 42) is None
    text = "the President of South Africa Zuma"
    assert _country_then_name(text, text.index("South"), len(text)) is None
    text = "Chairman of the Japan Karate Association"
    assert _country_then_name(text, text.index("Japan"), len(text)) is None


def test_went_on_after_a_parenthetical_verb_of_saying_goes_on_with_its_subject() -> None:
    # KCNA: 'Kim Jong Il was the outstanding thinker ..., the article said, and went on:' -- the
    # parser joins 'went on' to the reported clause, whose subject had become the speaker
    text = "Kim was great, the article said, and went on:\n\nHe won."
    rows: list[Row] = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("was", 1, "ROOT", "AUX", "be"),
        ("great", 1, "acomp", "ADJ", "great"),
        (",", 6, "punct", "PUNCT", ","),
        ("the", 5, "det", "DET", "the"),
        ("article", 6, "nsubj", "NOUN", "article"),
        ("said", 1, "parataxis", "VERB", "say"),
        (",", 6, "punct", "PUNCT", ","),
        ("and", 1, "cc", "CCONJ", "and"),
        ("went", 1, "conj", "VERB", "go"),
        ("on", 9, "prt", "ADP", "on"),
        (":", 9, "punct", "PUNCT", ":"),
        ("\n\n", 11, "dep", "SPACE", "\n\n"),
        ("He", 14, "nsubj", "PRON", "he"),
        ("won", 14, "ROOT", "VERB", "win"),
        (".", 14, "punct", "PUNCT", "."),
    ]
    found = analyze(text, rows)
    introduced = next(a for a in found if a.rule == "direct.introduced")
    assert introduced.speaker.mention is not None and introduced.speaker.mention.text == "the article"
    assert introduced.content.text == "He won"


def test_a_document_joined_to_another_object_of_the_issuing_verb_is_its_subjects() -> None:
    # 'The paper carried a photo and an article. The article said war loomed.'
    rows: list[Row] = [
        ("Hangyore", 1, "nsubj", "PROPN", "Hangyore"),
        ("carried", 1, "ROOT", "VERB", "carry"),
        ("a", 3, "det", "DET", "a"),
        ("photo", 1, "dobj", "NOUN", "photo"),
        ("and", 3, "cc", "CCONJ", "and"),
        ("an", 6, "det", "DET", "an"),
        ("article", 3, "conj", "NOUN", "article"),
        (".", 1, "punct", "PUNCT", "."),
        ("The", 9, "det", "DET", "the"),
        ("article", 10, "nsubj", "NOUN", "article"),
        ("said", 10, "ROOT", "VERB", "say"),
        ("war", 12, "nsubj", "NOUN", "war"),
        ("loomed", 10, "ccomp", "VERB", "loom"),
        (".", 10, "punct", "PUNCT", "."),
    ]
    text = "Hangyore carried a photo and an article. The article said war loomed."
    _, resolver = _resolver(text, rows, {"Hangyore": "ORG"})
    start = text.index("The article")
    speaker = resolver.resolve(Span.of(text, start, start + len("The article")))
    assert (speaker.name, speaker.resolution) == ("Hangyore", "description")


def test_a_papers_name_after_the_place_ending_its_description_names_it() -> None:
    # 'The paper of Koreans in Japan Choson Sinbo said': the parser hung the name on the place
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the"),
        ("paper", 8, "nsubj", "NOUN", "paper"),
        ("of", 1, "prep", "ADP", "of"),
        ("Koreans", 2, "pobj", "PROPN", "Koreans"),
        ("in", 3, "prep", "ADP", "in"),
        ("Japan", 7, "compound", "PROPN", "Japan"),
        ("Choson", 7, "compound", "PROPN", "Choson"),
        ("Sinbo", 4, "pobj", "PROPN", "Sinbo"),
        ("said", 8, "ROOT", "VERB", "say"),
        ("war", 10, "nsubj", "NOUN", "war"),
        ("loomed", 8, "ccomp", "VERB", "loom"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    text = "The paper of Koreans in Japan Choson Sinbo said war loomed."
    article, resolver = _resolver(text, rows, {"Koreans": "NORP", "Japan": "GPE"})
    speaker = resolver.resolve(Span.of(text, 0, text.index(" said")))
    assert (speaker.name, speaker.resolution) == ("Choson Sinbo", "name")
    assert ("Choson Sinbo", "ORG") in [(e.name, e.type) for e in article.entities]
    # no place before the capitalized words: nothing says they are the paper's name
    rows[5] = ("the", 7, "det", "DET", "the")
    text = text.replace("Japan", "the")
    _, resolver = _resolver(text, rows, {"Koreans": "NORP"})
    assert resolver.resolve(Span.of(text, 0, text.index(" said"))).resolution == "unresolved"


def test_a_common_noun_capitalized_as_a_sentences_first_word_is_no_name() -> None:
    # 'Arbitragers said ...' was tagged an organization, and became the speaker's name
    import newstrace

    article = newstrace.analyze("Arbitragers said another messenger service may emerge as a bidder for Purolator.")
    assert not any(e.name == "Arbitragers" for e in article.entities)
    assert [a.speaker.resolution for a in article.attributions] == ["unresolved"]
    article = newstrace.analyze("Purolator said another messenger service may emerge as a bidder.")
    assert [a.speaker.name for a in article.attributions] == ["Purolator"]


def _the_noun_after(first: str, noun: str, names: dict[str, str]) -> Speaker:
    """'The <first> said war loomed. The <noun> said war loomed.': who the second subject is."""
    words = first.split()
    subject = [("The", "det", "DET")] + [(w, "compound", "PROPN") for w in words[:-1]] + [(words[-1], "nsubj", "PROPN")]
    rows = _said_twice(subject, [("The", "det", "DET"), (noun, "nsubj", "NOUN")])
    text = f"The {first} said war loomed. The {noun} said war loomed."
    _, resolver = _resolver(text, rows, names)
    start = text.rindex("The ")
    return resolver.resolve(Span.of(text, start, start + len(f"The {noun}")))


def test_the_noun_a_named_body_ends_in_is_that_body() -> None:
    # 'The all-party House of Commons Finance Committee has called for ... the committee recommended'
    speaker = _the_noun_after("Finance Committee", "committee", {"Finance Committee": "ORG"})
    assert (speaker.name, speaker.resolution) == ("Finance Committee", "description")
    # two bodies of that kind, or a word that only happens to end a name: no evidence
    rows = _said_twice(
        [("The", "det", "DET"), ("Finance", "compound", "PROPN"), ("Committee", "nsubj", "PROPN")],
        [("The", "det", "DET"), ("Budget", "compound", "PROPN"), ("Committee", "nsubj", "PROPN")],
    )
    rows += [
        (w, h + len(rows), d, p, lemma)
        for w, h, d, p, lemma in _said_rows([("The", "det", "DET"), ("committee", "nsubj", "NOUN")])
    ]
    text = "The Finance Committee said war loomed. The Budget Committee said war loomed. The committee said war loomed."
    _, resolver = _resolver(text, rows, {"Finance Committee": "ORG", "Budget Committee": "ORG"})
    start = text.rindex("The ")
    assert resolver.resolve(Span.of(text, start, start + len("The committee"))).resolution == "unresolved"
    research = _the_noun_after("Economic Research", "research", {"Economic Research": "ORG"})
    assert research.resolution == "unresolved"


def test_adding_hung_on_the_reported_verb_goes_on_with_the_reporter() -> None:
    # kcna-17812: 'The director ... said that the 4th Conference of the WPK decided to hold him ...,
    # adding this clearly demonstrated ...': the parser hangs 'adding' on 'decided'; the director adds
    rows = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("the", 3, "det", "DET", "the"),
        ("party", 4, "nsubj", "NOUN", "party"),
        ("decided", 1, "ccomp", "VERB", "decide"),
        ("it", 4, "dobj", "PRON", "it"),
        (",", 4, "punct", "PUNCT", ","),
        ("adding", 4, "advcl", "VERB", "add"),
        ("this", 9, "nsubj", "PRON", "this"),
        ("showed", 7, "ccomp", "VERB", "show"),
        ("unity", 9, "dobj", "NOUN", "unity"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    text = "Kim said the party decided it, adding this showed unity."
    tags = ["NNP", "VBD", "DT", "NN", "VBD", "PRP", ",", "VBG", "DT", "VBD", "NN", "."]
    found = analyze(text, rows, tags=tags)
    assert ("indirect.ccomp", "Kim", "adding", "this showed unity") in summary(found)
    # a participle of another verb still shares its own clause's subject
    rows[7] = ("saying", 4, "advcl", "VERB", "say")
    found = analyze(text.replace("adding", "saying"), rows, tags=tags)
    assert ("indirect.ccomp", "the party", "saying", "this showed unity") in summary(found)


CHAIRMEN: list[TaggedRow] = [
    ("Pathak", 8, "nsubj", "PROPN", "Pathak", "NNP", "B-PERSON"),
    (",", 0, "punct", "PUNCT", ",", ",", "O"),
    ("chairman", 0, "appos", "NOUN", "chairman", "NN", "O"),
    ("of", 2, "prep", "ADP", "of", "IN", "O"),
    ("the", 6, "det", "DET", "the", "DT", "B-ORG"),
    ("Indian", 6, "compound", "PROPN", "Indian", "NNP", "I-ORG"),
    ("Society", 3, "pobj", "PROPN", "Society", "NNP", "I-ORG"),
    (",", 0, "punct", "PUNCT", ",", ",", "O"),
    ("spoke", 8, "ROOT", "VERB", "speak", "VBD", "O"),
    (".", 8, "punct", "PUNCT", ".", ".", "O"),
    ("The", 11, "det", "DET", "the", "DT", "O"),
    ("chairman", 16, "nsubj", "NOUN", "chairman", "NN", "O"),
    ("of", 11, "prep", "ADP", "of", "IN", "O"),
    ("the", 15, "det", "DET", "the", "DT", "B-ORG"),
    ("Norway", 15, "compound", "PROPN", "Norway", "NNP", "I-ORG"),
    ("Party", 12, "pobj", "PROPN", "Party", "NNP", "I-ORG"),
    ("said", 16, "ROOT", "VERB", "say", "VBD", "O"),
    ("war", 18, "nsubj", "NOUN", "war", "NN", "O"),
    ("loomed", 16, "ccomp", "VERB", "loom", "VBD", "O"),
    (".", 16, "punct", "PUNCT", ".", ".", "O"),
]


def test_a_title_of_another_body_is_not_the_holder_introduced() -> None:
    # kcna-17812: 'The chairman of the Communist Party of Norway said ...' had become S. P. Pathak,
    # 'chairman of the Indian Society for the Study of Works of Kim Jong Il'
    text = "Pathak, chairman of the Indian Society, spoke. The chairman of the Norway Party said war loomed."
    orgs = ("Indian Society", "Norway Party")
    pathak, speaker = _described(text, CHAIRMEN, ["Pathak"], "The chairman of the Norway Party", orgs)
    assert "chairman" in pathak.roles
    assert speaker.resolution == "unresolved"
    same = text.replace("Norway Party", "Indian Party")
    rows = [(w.replace("Norway", "Indian"), *rest) for w, *rest in CHAIRMEN]
    _, speaker = _described(
        same, rows, ["Pathak"], "The chairman of the Indian Party", ("Indian Society", "Indian Party")
    )  # type: ignore[arg-type]
    assert speaker.resolution == "unresolved", "'party' is no word of his introduction"
    rows = [(w.replace("Norway", "Indian").replace("Party", "Society"), *rest) for w, *rest in CHAIRMEN]
    same = text.replace("Norway Party", "Indian Society")
    _, speaker = _described(same, rows, ["Pathak"], "The chairman of the Indian Society", ("Indian Society",))  # type: ignore[arg-type]
    assert (speaker.name, speaker.resolution) == ("Pathak", "description")


def test_a_title_does_not_point_ahead_to_its_holder() -> None:
    # kcna-17812: the only chairman the story names comes after 'The chairman of ... said'
    text = "The chairman said war loomed. Pathak, chairman of the Indian Society, spoke."
    rows: list[TaggedRow] = [
        ("The", 1, "det", "DET", "the", "DT", "O"),
        ("chairman", 2, "nsubj", "NOUN", "chairman", "NN", "O"),
        ("said", 2, "ROOT", "VERB", "say", "VBD", "O"),
        ("war", 4, "nsubj", "NOUN", "war", "NN", "O"),
        ("loomed", 2, "ccomp", "VERB", "loom", "VBD", "O"),
        (".", 2, "punct", "PUNCT", ".", ".", "O"),
        *[(w, h + 6, d, p, le, t, e) for w, h, d, p, le, t, e in CHAIRMEN[:10]],
    ]
    pathak, speaker = _described(text, rows, ["Pathak"], "The chairman", ("Indian Society",))
    assert "chairman" in pathak.roles
    assert speaker.resolution == "unresolved"


def test_names_joined_by_a_hyphen_are_one_organization() -> None:
    from newstrace.stages.entities import _Candidate, _hyphened_organizations

    # 'The Switzerland-Korea Committee issued a statement': tagged 'Switzerland' (GPE) and, in
    # context, 'Korea Committee' (ORG); 'Czech-Korean Friendship Association': only 'Czech' (NORP)
    text = "The Switzerland-Korea Committee and the Czech-Korean Friendship Association met Swiss-born Kim."

    def cand(words: str, label: str) -> _Candidate:
        return _Candidate(text.index(words), text.index(words) + len(words), label, None)

    found = _hyphened_organizations(
        text, [cand("Switzerland", "GPE"), cand("Korea Committee", "ORG"), cand("Czech", "NORP"), cand("Kim", "PERSON")]
    )
    assert [(text[c.start : c.end], c.label) for c in found] == [
        ("Switzerland-Korea Committee", "ORG"),
        ("Czech-Korean Friendship Association", "ORG"),
        ("Kim", "PERSON"),
    ]
    # not without capitalized words after the hyphen that end as organizations' names do
    text = "the Russia-Ukraine talks in Paris"
    assert [(c.start, c.end) for c in _hyphened_organizations(text, [cand("Russia", "GPE")])] == [(4, 10)]


def test_a_reported_clause_read_as_a_relative_clause_of_a_time_phrase_is_what_was_said() -> None:
    # reuters21578-4672: 'Budget Minister Guy Verhofstadt said before the meeting he was seeking
    # economies ...': the parser made 'he was seeking' a relative clause of 'meeting'
    rows = [
        ("Verhofstadt", 1, "nsubj", "PROPN", "Verhofstadt"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("before", 1, "prep", "ADP", "before"),
        ("the", 4, "det", "DET", "the"),
        ("meeting", 2, "pobj", "NOUN", "meeting"),
        ("he", 7, "nsubj", "PRON", "he"),
        ("was", 7, "aux", "AUX", "be"),
        ("seeking", 4, "relcl", "VERB", "seek"),
        ("cuts", 7, "dobj", "NOUN", "cut"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    tags = ["NNP", "VBD", "IN", "DT", "NN", "PRP", "VBD", "VBG", "NNS", "."]
    text = "Verhofstadt said before the meeting he was seeking cuts."
    assert summary(analyze(text, rows, tags=tags)) == [("indirect.ccomp", "Verhofstadt", "said", "he was seeking cuts")]
    # a relative clause with its object missing is one: 'worried following comments he made'
    text = "Verhofstadt said before the meeting he was seeking."
    found = analyze(text, [*rows[:8], rows[9]], tags=[*tags[:8], "."])
    assert found == []


def test_a_statement_noun_with_its_owner_and_that_clause_is_a_speech_act() -> None:
    # allsides-1HMjR5d8aKEwmHCv: "Hillary's pronouncements that Americans would be better off ..."
    rows = [
        ("Hillary", 2, "poss", "PROPN", "Hillary"),
        ("'s", 0, "case", "PART", "'s"),
        ("pronouncements", 8, "nsubj", "NOUN", "pronouncement"),
        ("that", 7, "mark", "SCONJ", "that"),
        ("Americans", 7, "nsubj", "PROPN", "Americans"),
        ("would", 7, "aux", "AUX", "would"),
        ("be", 7, "aux", "AUX", "be"),
        ("wrong", 2, "acl", "ADJ", "wrong"),
        ("fail", 8, "ROOT", "VERB", "fail"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    text = "Hillary's pronouncements that Americans would be wrong fail."
    assert summary(analyze(text, rows)) == [
        ("speech_act.noun", "Hillary's", "pronouncements", "Americans would be wrong")
    ]
    # no owner: the text names nobody who pronounced it
    unowned = [
        ("The", 1, "det", "DET", "the"),
        ("pronouncements", 7, "nsubj", "NOUN", "pronouncement"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("Americans", 6, "nsubj", "PROPN", "Americans"),
        ("would", 6, "aux", "AUX", "would"),
        ("be", 6, "aux", "AUX", "be"),
        ("wrong", 1, "acl", "ADJ", "wrong"),
        ("fail", 7, "ROOT", "VERB", "fail"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    assert analyze("The pronouncements that Americans would be wrong fail.", unowned) == []


def test_a_country_after_ambassador_to_is_split_off_a_name() -> None:
    from newstrace.stages.entities import _country_then_name

    # kcna-21077: 'Vietnamese Ambassador to the DPRK Le Quang Ba' tagged as one organization
    text = "Vietnamese Ambassador to the DPRK Le Quang Ba hosted a reception"
    start, end = text.index("DPRK"), text.index(" hosted")
    country_end, name_start = _country_then_name(text, start, end) or (0, 0)
    assert (text[start:country_end], text[name_start:end]) == ("DPRK", "Le Quang Ba")
    text = "a trip to the DPRK Le Quang Ba"  # no role before 'to'
    assert _country_then_name(text, text.index("DPRK"), len(text)) is None


def test_a_surname_without_its_arabic_article_is_the_same_person() -> None:
    from newstrace.stages.entities import _person_key, _surname_of

    # reuters21578-16658: 'Khalaf al-Oteiba, Marketing Director ...' then 'Oteiba said ...'
    people = ["Khalaf al-Oteiba", "Ali Hassan"]
    assert _person_key("Oteiba", people) == "Khalaf al-Oteiba"
    assert _surname_of("Oteiba", people)
    assert _person_key("al-Oteiba", people) == "Khalaf al-Oteiba"
    assert _person_key("Hassan", people) == "Ali Hassan"
    assert _person_key("Teiba", people) == "Teiba"


def test_a_statement_nouns_owner_is_not_the_speaker_a_pronoun_goes_back_to() -> None:
    # allsides (unannotated): "I look at Scott's impassioned argument that ... ." -- Scott is
    # mentioned as having argued, not narrated as speaking; and a claim inside someone's reported
    # words is part of them ('Mr. McCain said Mr. Obama's past claims that ... have undercut ...')
    import newstrace

    article = newstrace.analyze(
        'Critics mocked Scott Adams\'s argument that the dating scene is rigged. "It is wrong," he said.'
    )
    claim = next(a for a in article.attributions if a.rule == "speech_act.noun")
    assert (claim.speaker.name, claim.content.text) == ("Scott Adams", "the dating scene is rigged")
    quote = next(a for a in article.attributions if a.kind == "direct")
    assert quote.speaker.name != "Scott Adams"
    article = newstrace.analyze(
        "Mr. McCain said Mr. Obama's past claims that things were improving have undercut his credibility."
    )
    assert not any(a.rule == "speech_act.noun" for a in article.attributions)


def test_only_a_name_like_work_of_art_that_says_something_is_a_person() -> None:
    from newstrace.stages.entities import _speaking_name

    def work(text: str, rows: list[Row], ents: list[str]) -> bool:
        doc = build_doc(text, rows, ents=ents)
        return _speaking_name(doc.ents[0])

    said = [("Makayla", 1, "compound", "PROPN", "Makayla"), ("Pye", 2, "nsubj", "PROPN", "Pye")]
    said.append(("said", 2, "ROOT", "VERB", "say"))
    assert work("Makayla Pye said", said, ["B-WORK_OF_ART", "I-WORK_OF_ART", "O"])
    read = [*said[:2], ("aired", 2, "ROOT", "VERB", "air")]
    assert not work("Makayla Pye aired", read, ["B-WORK_OF_ART", "I-WORK_OF_ART", "O"])
    one = [("Genesis", 1, "nsubj", "PROPN", "Genesis"), ("says", 1, "ROOT", "VERB", "say")]
    assert not work("Genesis says", one, ["B-WORK_OF_ART", "O"])


def test_acts_and_knowledge_are_no_attributions() -> None:
    # the conventions annotate no act ('declined to comment', 'The House approved the bill') and
    # no agreement ('agreed to provide the letter of credit'); 'agreed that ...' is a statement
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("declined", 1, "ROOT", "VERB", "decline"),
        ("to", 3, "aux", "PART", "to"),
        ("comment", 1, "xcomp", "VERB", "comment"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert analyze("Smith declined to comment.", rows, tags=["NNP", "VBD", "TO", "VB", "."]) == []
    # PolNeAR's conventions annotate the act: the setting keeps it
    kept = analyze("Smith declined to comment.", rows, tags=["NNP", "VBD", "TO", "VB", "."], conventions="polnear")
    assert [a.cue.text for a in kept if a.cue] == ["declined"]
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("urged", 1, "ROOT", "VERB", "urge"),
        ("the", 3, "det", "DET", "the"),
        ("bill", 1, "dobj", "NOUN", "bill"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert [a.cue.text for a in analyze("Smith urged the bill.", rows) if a.cue] == ["urged"]
    rows = [
        ("Smith", 1, "nsubj", "PROPN", "Smith"),
        ("agreed", 1, "ROOT", "VERB", "agree"),
        ("to", 3, "aux", "PART", "to"),
        ("sell", 1, "xcomp", "VERB", "sell"),
        ("shares", 3, "dobj", "NOUN", "share"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert analyze("Smith agreed to sell shares.", rows, tags=["NNP", "VBD", "TO", "VB", "NNS", "."]) == []


def test_an_agreement_to_a_thing_is_no_attribution() -> None:
    from newstrace.stages._lib.conventions import without_acts

    # allsides-EdwBg8on3BBPiMhx: the tagger read 'agreed to' as the cue of 'a ceasefire'
    text = "Xi agreed to a ceasefire. Xi agreed that it worked."
    rows = [
        ("Xi", 1, "nsubj", "PROPN", "Xi"),
        ("agreed", 1, "ROOT", "VERB", "agree"),
        ("to", 1, "prep", "ADP", "to"),
        ("a", 4, "det", "DET", "a"),
        ("ceasefire", 2, "pobj", "NOUN", "ceasefire"),
        (".", 1, "punct", "PUNCT", "."),
        ("Xi", 7, "nsubj", "PROPN", "Xi"),
        ("agreed", 7, "ROOT", "VERB", "agree"),
        ("that", 10, "mark", "SCONJ", "that"),
        ("it", 10, "nsubj", "PRON", "it"),
        ("worked", 7, "ccomp", "VERB", "work"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731
    to_thing = Attribution("a1", "indirect", Speaker(span("Xi")), span("agreed to"), span("a ceasefire"), rule="model")
    that = Attribution("a2", "indirect", Speaker(span("Xi", 5)), span("agreed", 5), span("it worked"))
    assert without_acts(article, [to_thing, that]) == [that]


def test_a_tagged_cue_with_no_word_of_saying_is_no_attribution() -> None:
    from newstrace.stages._lib.conventions import without_unspoken

    # allsides-EdwBg8on3BBPiMhx 'He slapped tariffs': PolNeAR's events, not who said what; a cue
    # of describing ('painted a dark picture') stays, and so does anything a rule found
    text = "He slapped tariffs. He painted a dark picture."
    rows = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("slapped", 1, "ROOT", "VERB", "slap"),
        ("tariffs", 1, "dobj", "NOUN", "tariff"),
        (".", 1, "punct", "PUNCT", "."),
        ("He", 5, "nsubj", "PRON", "he"),
        ("painted", 5, "ROOT", "VERB", "paint"),
        ("a", 8, "det", "DET", "a"),
        ("dark", 8, "amod", "ADJ", "dark"),
        ("picture", 5, "dobj", "NOUN", "picture"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731
    slapped = Attribution("a1", "indirect", Speaker(span("He")), span("slapped"), span("tariffs"), rule="model")
    picture = span("a dark picture")
    painted = Attribution("a2", "indirect", Speaker(span("He", 5)), span("painted"), picture, rule="model")
    ruled = Attribution("a3", "indirect", Speaker(span("He")), span("slapped"), span("tariffs"), rule="stance.object")
    assert without_unspoken(article, [slapped, painted, ruled]) == [painted, ruled]


def test_is_expected_to_is_a_forecast_with_no_source() -> None:
    # 'The Senate is expected to debate it next week': the hand-read gold never counts it
    rows = [
        ("The", 1, "det", "DET", "the"),
        ("Senate", 3, "nsubjpass", "PROPN", "Senate"),
        ("is", 3, "auxpass", "AUX", "be"),
        ("expected", 3, "ROOT", "VERB", "expect"),
        ("to", 5, "aux", "PART", "to"),
        ("debate", 3, "xcomp", "VERB", "debate"),
        ("it", 5, "dobj", "PRON", "it"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    tags = ["DT", "NNP", "VBZ", "VBN", "TO", "VB", "PRP", "."]
    assert analyze("The Senate is expected to debate it.", rows, tags=tags) == []


def test_reported_words_that_are_a_lone_pronoun_are_no_statement() -> None:
    from newstrace.stages._lib.conventions import without_pronoun_contents

    # reuters21578-12399: '..., which, he said, ...' had given 'he' the words 'which'
    text = "He said which. He praised it."
    rows = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("which", 1, "dobj", "PRON", "which"),
        (".", 1, "punct", "PUNCT", "."),
        ("He", 5, "nsubj", "PRON", "he"),
        ("praised", 5, "ROOT", "VERB", "praise"),
        ("it", 5, "dobj", "PRON", "it"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731
    said = Attribution("a1", "indirect", Speaker(span("He")), span("said"), span("which"))
    praised = Attribution("a2", "speech_act", Speaker(span("He", 10)), span("praised"), span("it"))
    assert without_pronoun_contents([said, praised]) == [praised]


def test_according_to_a_norm_and_needless_to_say_name_no_source() -> None:
    # kcna-08584: 'send them back according to the requirements of international law'
    rows = [
        ("They", 1, "nsubj", "PRON", "they"),
        ("left", 1, "ROOT", "VERB", "leave"),
        ("according", 1, "prep", "VERB", "accord"),
        ("to", 2, "prep", "ADP", "to"),
        ("the", 5, "det", "DET", "the"),
        ("law", 3, "pobj", "NOUN", "law"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert analyze("They left according to the law.", rows) == []
    officials = [*rows[:4], ("officials", 3, "pobj", "NOUN", "official"), (".", 1, "punct", "PUNCT", ".")]
    found = analyze("They left according to officials.", officials)
    assert [(a.rule, a.speaker.mention.text if a.speaker.mention else None) for a in found] == [
        ("indirect.according_to", "officials")
    ]
    # kcna-16611: 'It is needless to say that this reflected ...'
    rows = [
        ("It", 1, "nsubj", "PRON", "it"),
        ("is", 1, "ROOT", "AUX", "be"),
        ("needless", 1, "acomp", "ADJ", "needless"),
        ("to", 4, "aux", "PART", "to"),
        ("say", 1, "xcomp", "VERB", "say"),
        ("that", 7, "mark", "SCONJ", "that"),
        ("this", 7, "nsubj", "PRON", "this"),
        ("worked", 4, "ccomp", "VERB", "work"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert analyze("It is needless to say that this worked.", rows) == []


def test_learning_and_discussing_are_no_cues_but_learning_from_a_source_is() -> None:
    from newstrace.stages._lib.conventions import without_acts

    text = "He learned that it worked. He learned from aides that it failed."
    rows = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("learned", 1, "ROOT", "VERB", "learn"),
        ("that", 4, "mark", "SCONJ", "that"),
        ("it", 4, "nsubj", "PRON", "it"),
        ("worked", 1, "ccomp", "VERB", "work"),
        (".", 1, "punct", "PUNCT", "."),
        ("He", 7, "nsubj", "PRON", "he"),
        ("learned", 7, "ROOT", "VERB", "learn"),
        ("from", 7, "prep", "ADP", "from"),
        ("aides", 8, "pobj", "NOUN", "aide"),
        ("that", 12, "mark", "SCONJ", "that"),
        ("it", 12, "nsubj", "PRON", "it"),
        ("failed", 7, "ccomp", "VERB", "fail"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731
    learned = Attribution("a1", "indirect", Speaker(span("He")), span("learned"), span("it worked"))
    told = Attribution("a2", "indirect", Speaker(span("He", 5)), span("learned", 10), span("it failed"))
    assert without_acts(article, [learned, told]) == [told]


def test_an_offer_of_things_and_a_plan_are_acts_but_offered_condolences_are_said() -> None:
    from newstrace.stages._lib.conventions import without_acts

    # kcna-16611 'They offered even fund ...', allsides 'offering ... free money', 'The government
    # plans to establish ...': acts and intentions the real-news gold never counts
    text = "They offered money. They offered condolences. It plans to build."
    rows = [
        ("They", 1, "nsubj", "PRON", "they"),
        ("offered", 1, "ROOT", "VERB", "offer"),
        ("money", 1, "dobj", "NOUN", "money"),
        (".", 1, "punct", "PUNCT", "."),
        ("They", 5, "nsubj", "PRON", "they"),
        ("offered", 5, "ROOT", "VERB", "offer"),
        ("condolences", 5, "dobj", "NOUN", "condolence"),
        (".", 5, "punct", "PUNCT", "."),
        ("It", 9, "nsubj", "PRON", "it"),
        ("plans", 9, "ROOT", "VERB", "plan"),
        ("to", 11, "aux", "PART", "to"),
        ("build", 9, "xcomp", "VERB", "build"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    article = Article(text=text)
    article.doc = build_doc(text, rows)
    span = lambda s, n=0: Span.of(text, text.index(s, n), text.index(s, n) + len(s))  # noqa: E731
    money = Attribution("a1", "indirect", Speaker(span("They")), span("offered"), span("money"))
    said = Attribution("a2", "speech_act", Speaker(span("They", 5)), span("offered", 20), span("condolences"))
    plan = Attribution("a3", "belief", Speaker(span("It")), span("plans"), span("to build"))
    assert without_acts(article, [money, said, plan]) == [said]


def test_negated_speech_is_no_attribution_but_a_negated_belief_is() -> None:
    # reuters21578-8176 (part K): 'Vernes would not say what form any compromise would take'
    rows = [
        ("Vernes", 3, "nsubj", "PROPN", "Vernes"),
        ("would", 3, "aux", "AUX", "would"),
        ("not", 3, "neg", "PART", "not"),
        ("say", 3, "ROOT", "VERB", "say"),
        ("what", 5, "det", "PRON", "what"),
        ("form", 7, "dobj", "NOUN", "form"),
        ("it", 7, "nsubj", "PRON", "it"),
        ("took", 3, "ccomp", "VERB", "take"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    assert analyze("Vernes would not say what form it took.", rows) == []
    # reuters21578-19285 (part E): 'most industry analysts do not expect any policy changes': a view
    rows = [
        ("Analysts", 3, "nsubj", "NOUN", "analyst"),
        ("do", 3, "aux", "AUX", "do"),
        ("not", 3, "neg", "PART", "not"),
        ("expect", 3, "ROOT", "VERB", "expect"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("prices", 6, "nsubj", "NOUN", "price"),
        ("fall", 3, "ccomp", "VERB", "fall"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    found = analyze("Analysts do not expect that prices fall.", rows)
    assert [(a.kind, a.cue.text if a.cue else None) for a in found] == [("belief", "expect")]


def test_a_quoted_word_nobody_is_said_to_say_is_a_scare_quote() -> None:
    from newstrace.stages._lib.conventions import without_scare_quotes

    # reuters21578-10760 (part F): 'the "must-buy" rules'; kcna-04481: 'touted "liberal democracy"'
    text = 'The "must-buy" rules. "We will win," he said.'
    span = lambda s: Span.of(text, text.index(s), text.index(s) + len(s))  # noqa: E731
    scare = Attribution("a1", "direct", Speaker(None), None, span("must-buy"))
    quote = Attribution("a2", "direct", Speaker(span("he")), span("said"), span("We will win,"))
    assert without_scare_quotes(Article(text=text), [scare, quote]) == [quote]


def test_who_is_blamed_for_saying_something_said_it() -> None:
    # allsides-gupyI3Haj8ZUq4g0 (part G): 'Trump blasts Clinton for saying some Trump backers
    # belong in a "basket of deplorables"' had given Clinton's words to Trump
    rows = [
        ("Trump", 1, "nsubj", "PROPN", "Trump"),
        ("blasts", 1, "ROOT", "VERB", "blast"),
        ("Clinton", 1, "dobj", "PROPN", "Clinton"),
        ("for", 1, "prep", "ADP", "for"),
        ("saying", 3, "pcomp", "VERB", "say"),
        ("backers", 6, "nsubj", "NOUN", "backer"),
        ("belong", 4, "ccomp", "VERB", "belong"),
        ("here", 6, "advmod", "ADV", "here"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    tags = ["NNP", "VBZ", "NNP", "IN", "VBG", "NNS", "VBP", "RB", "."]
    found = analyze("Trump blasts Clinton for saying backers belong here.", rows, tags=tags)
    said = [a for a in found if a.cue is not None and a.cue.text == "saying"]
    assert [a.speaker.mention.text for a in said if a.speaker.mention] == ["Clinton"]


def test_a_profession_is_a_role_word_or_ends_as_professions_do() -> None:
    from newstrace.stages._lib.lexicon import is_profession

    text = "an ecologist a physician a spokesman a list a catalog"
    words = text.split(" ")
    nouns = build_doc(text, [(w, i, "dep", "DET" if w in {"a", "an"} else "NOUN", w) for i, w in enumerate(words)])
    assert [t.text for t in nouns if is_profession(t)] == ["ecologist", "physician", "spokesman"]


def test_a_pronoun_after_a_description_with_a_name_in_apposition_is_that_person() -> None:
    # 'Another Republican, Angela Jacobs, ended the quarter. She said war loomed.': the subject
    # before is the party word, the person is in apposition to it
    rows: list[Row] = [
        ("Another", 1, "det", "DET", "another"),
        ("Republican", 6, "nsubj", "PROPN", "Republican"),
        (",", 1, "punct", "PUNCT", ","),
        ("Angela", 4, "compound", "PROPN", "Angela"),
        ("Jacobs", 1, "appos", "PROPN", "Jacobs"),
        (",", 1, "punct", "PUNCT", ","),
        ("ended", 6, "ROOT", "VERB", "end"),
        ("the", 8, "det", "DET", "the"),
        ("quarter", 6, "dobj", "NOUN", "quarter"),
        (".", 6, "punct", "PUNCT", "."),
        ("She", 11, "nsubj", "PRON", "she"),
        ("said", 11, "ROOT", "VERB", "say"),
        ("war", 13, "nsubj", "NOUN", "war"),
        ("loomed", 11, "ccomp", "VERB", "loom"),
        (".", 11, "punct", "PUNCT", "."),
    ]
    text = "Another Republican, Angela Jacobs, ended the quarter. She said war loomed."
    _, resolver = _resolver(text, rows, {"Republican": "NORP", "Angela Jacobs": "PERSON"})
    start = text.index("She")
    assert resolver.resolve(Span.of(text, start, start + 3)).name == "Angela Jacobs"
    # a person is no apposition to a firm: the parse went wrong, and 'she' stays unresolved
    text = "Another Republican, Angela Jacobs, ended the quarter. She said war loomed."
    _, resolver = _resolver(text, rows, {"Republican": "ORG", "Angela Jacobs": "PERSON"})
    assert resolver.resolve(Span.of(text, start, start + 3)).resolution == "unresolved"


def test_a_quoted_title_is_no_ones_words() -> None:
    # 'An article titled "Library of the revolution" said that ...': the title had been taken for
    # the article's quote and what it said was missed
    rows: list[Row] = [
        ("An", 1, "det", "DET", "an"),
        ("article", 6, "nsubj", "NOUN", "article"),
        ("titled", 1, "acl", "VERB", "title"),
        ('"', 4, "punct", "PUNCT", '"'),
        ("Hope", 2, "oprd", "PROPN", "Hope"),
        ('"', 4, "punct", "PUNCT", '"'),
        ("said", 6, "ROOT", "VERB", "say"),
        ("that", 9, "mark", "SCONJ", "that"),
        ("war", 9, "nsubj", "NOUN", "war"),
        ("loomed", 6, "ccomp", "VERB", "loom"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    found = summary(analyze('An article titled "Hope" said that war loomed.', rows))
    assert [(rule, cue, content) for rule, _, cue, content in found] == [("indirect.ccomp", "said", "war loomed")]
    # the same quote without 'titled' is the article's words
    rows[2] = ("cited", 1, "acl", "VERB", "cite")
    found = summary(analyze('An article cited "Hope" said that war loomed.', rows))
    assert any(rule == "direct.quote" for rule, *_ in found)


def test_a_request_not_to_be_named_is_not_what_a_source_says() -> None:
    from newstrace.stages._lib.conventions import without_anonymity_requests

    text = "The spokesman, who asked not to be identified, said talks failed on condition of anonymity."

    def reading(words: str) -> Attribution:
        start = text.index(words)
        return Attribution("a", "indirect", Speaker(None), None, Span.of(text, start, start + len(words)))

    kept = without_anonymity_requests([reading("not to be identified"), reading("talks failed"), reading("anonymity")])
    assert [a.content.text for a in kept] == ["talks failed"]


def test_reported_words_that_open_with_a_title_are_no_ones() -> None:
    from newstrace.stages._lib.conventions import without_titles

    text = 'It posted an article titled "Hope for all". Some said war loomed.'
    article = Article(text=text)

    def reading(words: str) -> Attribution:
        start = text.index(words)
        return Attribution("a", "indirect", Speaker(None), None, Span.of(text, start, start + len(words)))

    kept = without_titles(article, [reading("Hope for all"), reading("war loomed")])
    assert [a.content.text for a in kept] == ["war loomed"]


def test_the_reporter_is_the_one_person_who_made_the_report() -> None:
    made: list[Row] = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("made", 1, "ROOT", "VERB", "make"),
        ("a", 3, "det", "DET", "a"),
        ("report", 1, "dobj", "NOUN", "report"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    said = _said_rows([("The", "det", "DET"), ("reporter", "nsubj", "NOUN")])
    rows = made + [(word, head + len(made), dep, pos, lemma) for word, head, dep, pos, lemma in said]
    text = "Kim made a report. The reporter said war loomed."
    _, resolver = _resolver(text, rows, {"Kim": "PERSON"})
    start = text.index("The reporter")
    assert resolver.resolve(Span.of(text, start, start + len("The reporter"))).name == "Kim"
    # a report that no one is said to have made names no reporter
    text = "Kim read a report. The reporter said war loomed."
    rows[1] = ("read", 1, "ROOT", "VERB", "read")
    _, resolver = _resolver(text, rows, {"Kim": "PERSON"})
    assert resolver.resolve(Span.of(text, start, start + len("The reporter"))).resolution == "unresolved"


def test_an_introduced_run_passes_over_a_web_pages_advertisement_lines() -> None:
    rows: list[Row] = [
        ("Kim", 1, "nsubj", "PROPN", "Kim"),
        ("said", 1, "ROOT", "VERB", "say"),
        (":", 1, "punct", "PUNCT", ":"),
        ("\n\n", 2, "dep", "SPACE", "\n\n"),
        ("War", 5, "nsubj", "NOUN", "war"),
        ("looms", 5, "ROOT", "VERB", "loom"),
        (".", 5, "punct", "PUNCT", "."),
        ("\n\n", 6, "dep", "SPACE", "\n\n"),
        ("Advertisement", 8, "ROOT", "NOUN", "advertisement"),
        ("\n\n", 8, "dep", "SPACE", "\n\n"),
        ("Peace", 11, "nsubj", "NOUN", "peace"),
        ("waits", 11, "ROOT", "VERB", "wait"),
        (".", 11, "punct", "PUNCT", "."),
    ]
    text = "Kim said:\n\nWar looms.\n\nAdvertisement\n\nPeace waits."
    found = [a for a in analyze(text, rows) if a.rule == "direct.introduced"]
    assert len(found) == 1
    assert [part.text for part in found[0].content_parts] == ["War looms", "Peace waits"]


def test_a_paragraph_opening_he_said_colon_goes_on_into_the_next_until_meanwhile() -> None:
    # KCNA: 'He said: The puppet group ...' then the speaker's next paragraph, unquoted; 'Meanwhile,
    # envoys visited ...' is the outlet's narration again
    rows: list[Row] = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("said", 1, "ROOT", "VERB", "say"),
        (":", 1, "punct", "PUNCT", ":"),
        ("War", 4, "nsubj", "NOUN", "war"),
        ("looms", 1, "ccomp", "VERB", "loom"),
        (".", 1, "punct", "PUNCT", "."),
        ("\n\n", 5, "dep", "SPACE", "\n\n"),
        ("Peace", 8, "nsubj", "NOUN", "peace"),
        ("waits", 8, "ROOT", "VERB", "wait"),
        (".", 8, "punct", "PUNCT", "."),
        ("\n\n", 9, "dep", "SPACE", "\n\n"),
        ("Meanwhile", 14, "advmod", "ADV", "meanwhile"),
        (",", 14, "punct", "PUNCT", ","),
        ("envoys", 14, "nsubj", "NOUN", "envoy"),
        ("visited", 14, "ROOT", "VERB", "visit"),
        (".", 14, "punct", "PUNCT", "."),
    ]
    text = "He said: War looms.\n\nPeace waits.\n\nMeanwhile, envoys visited."
    found = [a for a in analyze(text, rows) if a.rule == "direct.introduced"]
    assert len(found) == 1
    assert found[0].kind == "direct" and found[0].cue is not None and found[0].cue.text == "said"
    assert [part.text for part in found[0].content_parts] == ["War looms", "Peace waits"]


def test_a_paragraph_with_narration_before_its_colon_opens_no_run() -> None:
    # 'Yesterday he said: ...': words before the speaker are the outlet's; the rule wants the speaker first
    rows: list[Row] = [
        ("Yesterday", 2, "npadvmod", "NOUN", "yesterday"),
        ("he", 2, "nsubj", "PRON", "he"),
        ("said", 2, "ROOT", "VERB", "say"),
        (":", 2, "punct", "PUNCT", ":"),
        ("War", 5, "nsubj", "NOUN", "war"),
        ("looms", 2, "ccomp", "VERB", "loom"),
        (".", 2, "punct", "PUNCT", "."),
        ("\n\n", 6, "dep", "SPACE", "\n\n"),
        ("Peace", 9, "nsubj", "NOUN", "peace"),
        ("waits", 9, "ROOT", "VERB", "wait"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    text = "Yesterday he said: War looms.\n\nPeace waits."
    assert not [a for a in analyze(text, rows) if a.rule == "direct.introduced"]


def test_a_line_that_links_another_story_is_a_teaser() -> None:
    text = (
        "He said so.\nTRENDING: Frmr Obamacare Chief Pushes Panic, Tells People Hospital Is Out\n"
        "NOTE: the figures were revised."
    )
    assert is_teaser_line(text, text.index("Pushes"))
    assert not is_teaser_line(text, text.index("He said"))
    assert not is_teaser_line(text, text.index("figures"))  # a label before a sentence, not a headline


def test_what_a_subject_reveals_of_itself_is_no_ones_words() -> None:
    assert SELF_REVEALED.match("its mean and shameless nature and vulgar morality")
    assert SELF_REVEALED.match("their sinister intention to turn the summit into a forum")
    assert not SELF_REVEALED.match("its plan to cut 500 jobs")
    assert not SELF_REVEALED.match("the nature of the deal")


def test_a_post_signature_is_found_in_one_pass_and_its_closing_links_are_not_its_words() -> None:
    post = "Words here. https://t.co/3x pic.twitter.com/ab — Adam Serwer🍝 (@AdamSerwer) October 11, 2019"
    found = POST_SIGNATURE.search(post)
    assert found is not None and found.group("name") == "Adam Serwer"
    assert post[: _before_links(post, 0, found.start())] == "Words here."
    # hostile input: thousands of links and no signature cost one search over the paragraph's end
    links = " https://t.co/x" * 3000 + " — Name (@h) May 1"
    assert POST_SIGNATURE.search(links, len(links) - 200, len(links)) is None


def test_hypothetical_speech_is_no_attribution_but_a_plan_is() -> None:
    # allsides-LJ6Mg3jLPm05FtRT (part T): 'Some advocates would like to see ...'; a modal of what
    # would be makes no speech
    rows = [
        ("Advocates", 2, "nsubj", "NOUN", "advocate"),
        ("would", 2, "aux", "AUX", "would"),
        ("criticize", 2, "ROOT", "VERB", "criticize"),
        ("the", 4, "det", "DET", "the"),
        ("plan", 2, "dobj", "NOUN", "plan"),
        (".", 2, "punct", "PUNCT", "."),
    ]
    assert analyze("Advocates would criticize the plan.", rows) == []
    # allsides-ssaorPU2ENpFz9qF (part T): 'you are not welcome until you fully denounce white nationalism'
    rows = [
        ("Until", 2, "mark", "SCONJ", "until"),
        ("you", 2, "nsubj", "PRON", "you"),
        ("criticize", 6, "advcl", "VERB", "criticize"),
        ("the", 4, "det", "DET", "the"),
        ("plan", 2, "dobj", "NOUN", "plan"),
        (",", 6, "punct", "PUNCT", ","),
        ("stay", 6, "ROOT", "VERB", "stay"),
        ("away", 6, "advmod", "ADV", "away"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    assert analyze("Until you criticize the plan, stay away.", rows) == []
    # 'will' reports a plan, which the gold counts
    rows = [
        ("The", 1, "det", "DET", "the"),
        ("committee", 3, "nsubj", "NOUN", "committee"),
        ("will", 3, "aux", "AUX", "will"),
        ("criticize", 3, "ROOT", "VERB", "criticize"),
        ("the", 5, "det", "DET", "the"),
        ("plan", 3, "dobj", "NOUN", "plan"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    found = analyze("The committee will criticize the plan.", rows)
    assert [(a.kind, a.cue.text if a.cue else None) for a in found] == [("speech_act", "criticize")]
