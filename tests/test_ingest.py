"""``sendkg ingest``: the hard cases pinned, offsets exact, furniture ignored, and review to a source file that builds."""

from __future__ import annotations

import json
import shutil

import pytest


from graph import build as build_module
from graph.ingest import Ingester
from graph.ingest.gazetteer import names_from_records
from graph.paths import DATA_DIR, ROOT
from graph.sources.records import Record
from web.cli import main, make_parser
from graph.ingest.draft import read_draft
from web.cli.ingest import FIXED, review
from shared_material import shared_sources


def _records() -> list[Record]:
    rows = [("council/bury", "Council", "Bury"), ("council/kent", "Council", "Kent"), ("council/medway", "Council", "Medway"),
            ("council/bournemouth-christchurch-and-poole", "Council", "Bournemouth Christchurch and Poole"),
            ("organisation/dfe", "GovernmentDepartment", "Department for Education"),
            ("organisation/ascl", "Union", "Association of School and College Leaders (ASCL)")]
    records = []
    for entity_id, cls, label in rows:
        record = Record(entity_id, [cls])
        record.add("label", label)
        records.append(record)
    records[3].add("skos:altLabel", "Bournemouth, Christchurch and Poole")  # as data/sources has it
    return records


@pytest.fixture(scope="module")
def ingester() -> Ingester:
    return Ingester(names_from_records(_records()))


def _of(candidates, kind):
    return [c for c in candidates if c.kind == kind]


@pytest.mark.parametrize("text", [
    "“Safety valve agreements are a mechanism for deficit recovery and nothing more,” said Margaret Mulholland, "
    "SEND specialist at ASCL school leaders’ union.",
    "\"Safety valve agreements are a mechanism for deficit recovery and nothing more,\" said Margaret Mulholland, "
    "SEND specialist at ASCL school leaders’ union.",
])
def test_attribution_after_the_quote_gives_speaker_role_and_organisation(ingester, text):
    [quote] = _of(ingester.candidates(text), "quote")
    assert quote.fields["quote"] == "Safety valve agreements are a mechanism for deficit recovery and nothing more,"
    assert (quote.fields["speaker"], quote.fields["role"], quote.fields["organisation"]) == (
        "Margaret Mulholland", "SEND specialist", "ASCL school leaders’ union")


def test_a_quote_over_two_paragraphs_is_one_candidate(ingester):
    text = ("DfE said: “In particular, the proposal asked for far more than we could afford.\n\n"
            "“Ministers have therefore decided that we cannot enter into an agreement at this time.”\n")
    [quote] = _of(ingester.candidates(text), "quote")
    assert quote.text == text[text.index("“"):text.rindex("”") + 1]
    assert quote.fields["speaker"] == "DfE" and quote.fields["iri"].endswith("/organisation/dfe")
    assert quote.fields["quote"].endswith("agreement at this time.") and "\n\n" in quote.fields["quote"]


def test_single_curly_quotes_keep_apostrophes_inside(ingester):
    text = "Cllr Bryony Goodliffe, chair of the children’s committee, said: ‘We have seen the children’s needs rise sharply in recent years.’"
    [quote] = _of(ingester.candidates(text), "quote")
    assert quote.fields["quote"] == "We have seen the children’s needs rise sharply in recent years."
    assert quote.fields["speaker"] == "Bryony Goodliffe"


def test_a_bare_quotation_paragraph_takes_the_last_speaker_and_pronouns_resolve(ingester):
    text = ("Bury said improvements have not been made at the pace required.\n\n"
            "They added that “the programme is managed independently of the SEND improvement work”.\n\n"
            "“While this is disappointing, we welcome their recognition of the improvements made.”\n")
    quotes = _of(ingester.candidates(text), "quote")
    assert [q.fields["speaker"] for q in quotes] == ["Bury", "Bury"]


def test_scare_quotes_and_inspectors_words_are_not_quotes(ingester):
    text = ("Ofsted said plans are “typically poor” in Bury.\n\n"
            "But inspectors found “young children do not benefit from a robust approach to identifying their needs”.\n")
    candidates = ingester.candidates(text)
    assert _of(candidates, "quote") == [] and len(_of(candidates, "finding")) == 1


def test_money_of_money_gives_both_amounts(ingester):
    text = "In total, £17.7 million of £22.2 million has been withheld from these councils."
    money = _of(ingester.candidates(text), "money")
    assert [(m.text, m.fields["amount"], m.fields["what"]) for m in money] == [
        ("£17.7 million", 17700000, "withheld"), ("£22.2 million", 22200000, "withheld")]


@pytest.mark.parametrize("text, amount, approximate", [
    ("The deals now total £1bn across the country.", 1_000_000_000, False),
    ("The council will receive almost £20m from the department.", 20_000_000, True),
    ("It received £40.5m before the end of the year.", 40_500_000, False),
])
def test_money_amounts_in_pounds(ingester, text, amount, approximate):
    [money] = _of(ingester.candidates(text), "money")
    assert (money.fields["amount"], money.fields["approximate"], money.fields["currency"]) == (amount, approximate, "GBP")


@pytest.mark.parametrize("text, councils", [
    ("A reporter at the Bury Times wrote about it at length.", []),
    ("Bury Council said the report was fair and balanced.", ["Bury"]),
    ("It works closely with NHS Kent and Medway on every plan.", []),
    ("Kent and Medway both signed agreements in that year.", ["Kent", "Medway"]),
    ("The government rejected Bournemouth, Christchurch and Poole’s plan; BCP said it was sorry.",
     ["Bournemouth Christchurch and Poole", "Bournemouth Christchurch and Poole"]),
])
def test_a_council_named_inside_another_name_is_no_mention(ingester, text, councils):
    assert [c.fields["name"] for c in _of(ingester.candidates(text), "council")] == councils


def test_an_unknown_council_is_a_candidate_without_iri(ingester):
    [council] = _of(ingester.candidates("Wiltshire Council signed its agreement in March."), "council")
    assert council.fields == {"name": "Wiltshire"}


def test_outcome_phrases_and_not_the_lowest_rating(ingester):
    text = ("Inspectors found “widespread and/or systemic failings”, giving it the lowest rating.\n\n"
            "Three councils received the middle rating of “inconsistent experiences” this year.\n")
    outcomes = _of(ingester.candidates(text), "inspection_outcome")
    assert [o.fields["outcome"] for o in outcomes] == ["SystemicFailings", "Inconsistent"]


def test_durations_dates_and_ages(ingester):
    text = ("The average wait for speech and language therapy was 75 weeks, and children over five years old wait "
            "up to 15 months. The deficit is to be cleared by 2028-29 (or 2026/7); the visit was on 23 February 2024.")
    candidates = ingester.candidates(text)
    assert [(d.fields["quantity"], d.fields["unit"]) for d in _of(candidates, "duration")] == [(75, "week"), (15, "month")]
    assert [d.fields["value"] for d in _of(candidates, "date")] == ["2028-29", "2026-27", "2024-02-23"]


def test_page_furniture_gives_no_claims(ingester):
    text = ("Connect with us\n\nThe council got a £20 million bailout from the government.\n\nYou May Also Like\n\n"
            "Schools splitting £20 million “hardship funding” said “it is never going to be enough for us all”.\n")
    candidates = ingester.candidates(text)
    assert [c.start for c in candidates if c.kind == "money"] == [text.index("£20")]
    assert _of(candidates, "quote") == []


def test_every_candidate_text_is_its_slice_of_the_input(ingester):
    for path in sorted(shared_sources().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        candidates = Ingester.candidates(ingester, text)
        assert candidates, path.name
        assert all(c.text == text[c.start:c.end] for c in candidates), path.name


ARTICLE = ("Council gets bailout\n\nBury was one of the original councils that agreed a deal in 2020-21.\n\n"
           "The council got a £20 million bailout from the Department for Education.\n\n"
           "“Safety valve agreements are a mechanism for deficit recovery and nothing else,” said Jane Doe, "
           "policy lead at the Example Trust.\n")


def test_review_accepts_edits_and_rejects_into_a_source_that_builds(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("drafts"))
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    parser = make_parser()
    args = parser.parse_args(["ingest", str(article), "--data", str(data), "--title", "Test bailout article",
                              "--url", "https://example.org/test", "--published", "2024-05"])
    assert args.func(args) == 0
    draft = data / "drafts" / "test-bailout-article.yaml"
    with pytest.raises(build_module.BuildFailed):  # a draft copied into sources/ is refused
        shutil.copy(draft, data / "sources" / "draft-copy.yaml")
        build_module.compile_graph(data)
    (data / "sources" / "draft-copy.yaml").unlink()
    _, candidates = read_draft(draft)
    answers = iter(_script(candidates))
    assert review(parser.parse_args(["review", str(draft), "--data", str(data)]), ask=lambda prompt: next(answers)) == 0
    written = (data / "sources" / "test-bailout-article.yaml").read_text(encoding="utf-8")
    assert "Jane Doe" in written and "amount: 20000000" in written and "draft" not in written.split("\n", 1)[1]
    assert "speakerRole: policy director at Example Trust" in written
    assert "2020-21" not in written  # the rejected date
    target = build_module.build(data, tmp_path / "var", progress=lambda m: None)
    graph = (target / "graph.nt").read_text(encoding="utf-8")
    assert "/id/draft/" not in graph and "Jane Doe" in graph


def _script(candidates: list[dict]) -> list[str]:
    """Accept everything but the date (rejected); edit the quote's role (Enter keeps every other field)."""
    out = []
    for c in candidates:
        if c["kind"] == "date":
            out.append("r")
        elif c["kind"] == "quote":
            out += ["e"] + ["policy director" if key == "role" else "" for key in c if key not in FIXED - {"confidence"}]
        else:
            out.append("a")
    return out + [""] * 3  # url and title are given; Enter leaves the publisher out


def test_ingest_json_lists_candidates_with_exact_spans(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(article), "--format", "json"]) == 0
    candidates = json.loads(capsys.readouterr().out)
    assert {"quote", "money", "council", "date", "organisation"} <= {c["kind"] for c in candidates}
    assert all(ARTICLE[c["start"]:c["end"]] == c["text"] for c in candidates)
    [money] = [c for c in candidates if c["kind"] == "money"]
    assert (money["amount"], money["currency"], money["what"]) == (20000000, "GBP", "funding")
    assert not (DATA_DIR / "drafts" / "article.yaml").exists()  # --format json writes nothing


@pytest.mark.parametrize("argv, message", [
    (["ingest", "no-such-file.txt"], "cannot read no-such-file.txt"),
    (["ingest", "README.md", "--published", "May 2024"], "--published 'May 2024'"),
    (["review", "README.md"], "not a draft source file"),
])
def test_bad_input_is_a_usage_error_naming_it(argv, message, capsys):
    assert main([argv[0], str(ROOT / argv[1]) if argv[1] == "README.md" else argv[1], *argv[2:]]) == 2
    assert message in capsys.readouterr().err
