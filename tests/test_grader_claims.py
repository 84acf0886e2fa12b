"""The offline grader judges claims, not words: polarity over the whole claim, what a reader
cannot see, co-location of a criterion's ideas, contradiction beating mention, and precision.

Graded against a small rubric written here, so each test shows one rule.
"""

import pytest

from interviewer.domain import Question, Rubric
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

QUESTION = Question(id="loader", question="What does a data loader do?", topic="data-loading",
                    reference_answer="It batches samples and reshuffles them every epoch.")
RUBRIC = Rubric.model_validate({
    "question_id": "loader", "version": 1, "essential_cap": 50,
    "model_answer": "It groups samples into mini-batches and reshuffles them every epoch, "
                    "using worker processes to load them in parallel.",
    "criteria": [
        {"id": "batching", "description": "Groups samples into mini-batches.", "weight": 2,
         "essential": True, "levels": {"none": "n", "partial": "p", "full": "f"},
         "concepts": [["mini-batches", "batches", "batch_size"]]},
        {"id": "shuffling", "description": "Reshuffles every epoch.", "weight": 1,
         "levels": {"none": "n", "partial": "p", "full": "f"},
         "concepts": [["reshuffles", "shuffles", "shuffle"],
                      {"aliases": ["every epoch", "each epoch"],
                       "opposites": ["once at creation", "re:same order (every|each) epoch"]}]},
        {"id": "workers", "description": "Loads in worker processes.", "weight": 1,
         "levels": {"none": "n", "partial": "p", "full": "f"},
         "concepts": [["worker processes", "num_workers"]]},
    ],
    "misconceptions": [
        {"id": "threads", "claim": "Workers are threads.", "patterns": ["workers are threads",
                                                                        "re:worker threads"],
         "penalty": 10, "correction": "They are processes.", "contradicts": ["workers"]},
    ],
    "follow_ups": [{"question": "When does it reshuffle?", "targets": ["shuffling"]}],
})
STRONG = ("It groups the samples into mini-batches. It reshuffles them every epoch. "
          "Worker processes load the batches in parallel.")


def grade(answer: str):
    return OfflineGrader().grade_sync(GradeRequest(question=QUESTION, rubric=RUBRIC, answer=answer))


def verdicts(answer: str) -> dict[str, str]:
    return {c.id: c.verdict for c in grade(answer).criteria}


def shuffling_verdict(sentence: str) -> str:
    """The shuffling verdict of STRONG with its shuffling claim replaced by `sentence`."""
    return verdicts(STRONG.replace("It reshuffles them every epoch.", sentence))["shuffling"]


def test_a_strong_answer_meets_every_criterion():
    assert grade(STRONG).score == 100


@pytest.mark.parametrize("denied", [
    "It does not, in fact, reshuffle them every epoch.",
    "Reshuffling every epoch is not something it does.",
    "It is a myth that it reshuffles every epoch.",
    "People say it reshuffles every epoch, but that's a myth.",
    "You'd think it reshuffles every epoch but it doesn't really.",
    "It reshuffles every epoch. That's not how it works though.",
    "Does it reshuffle every epoch?",
    "It might reshuffle every epoch, or once, or never, or randomly.",
    "I have heard that it reshuffles every epoch.",
    "Someone also mentioned that reshuffling every epoch is relevant here.",
    "It's a myth that it keeps one order while it reshuffles them every epoch.",
    "Reshuffling and every epoch are somehow related to it.",
    "Also reshuffling, every epoch, the order and the sampler are related to how it works.",
    "It works the same whether or not it reshuffles them every epoch.",
    "The claim that the samples are reshuffled every epoch is another myth.",
    "It works the same whether it reshuffles them every epoch or not.",
    "It reshuffles them rather than keeping the same order every epoch. No wait: it never reshuffles every epoch.",
    "Supposedly it reshuffles them every epoch. In reality it doesn't.",
    "Textbooks claim it reshuffles them every epoch; they're wrong.",
    "It reshuffles them every epoch, lol no.",
    "It reshuffles them every epoch. Not true.",
    "Beginners believe it reshuffles them every epoch.",
    "It reshuffles them every epoch. Or so they say.",
    "It reshuffles them every epoch. Nah.",
    "It reshuffles them every epoch, allegedly.",
    "It reshuffles them every epoch. Except it doesn't.",
    "It reshuffles them every epoch. Yeah right.",
    "It reshuffles them every epoch, I don't buy it.",
    "Reshuffle every epoch? Nah, it keeps one order.",
    "It could keep one order or could reshuffle them every epoch.",
    "It might reshuffle them every epoch, or it might keep the order fixed.",
])
def test_a_claim_that_is_denied_hedged_asked_or_reported_states_nothing(denied):
    assert shuffling_verdict(denied) != "met"


@pytest.mark.parametrize("tail", [
    "False positives are a different topic.", "No copy is made.", "They're separate processes.",
    "In reality it does this with a sampler.", "Honestly it doesn't matter much for small data.",
    "Except for IterableDataset, which has no sampler.",
    "I don't believe it matters much for small data.",
])
def test_a_sentence_that_only_starts_like_a_denial_denies_nothing(tail):
    assert shuffling_verdict(f"It reshuffles them every epoch. {tail}") == "met"


@pytest.mark.parametrize("hidden", [
    "It <del>reshuffles them every epoch</del> keeps one order.",
    "It keeps one order <!-- reshuffles them every epoch -->.",
    "It ~~reshuffles them every epoch~~ keeps one order.",
])
def test_what_a_reader_does_not_see_is_not_said(hidden):
    assert shuffling_verdict(hidden) == "missed"


@pytest.mark.parametrize("spoof", [
    "It does n\u200bot reshuffle them every epoch.",         # zero-width space
    "It does n\u043et reshuffle them every epoch.",          # Cyrillic о
    "It does ｎｏｔ reshuffle them every epoch.",             # full-width
    "It does [not] reshuffle them every epoch.",             # brackets are not markup
])
def test_hidden_or_look_alike_negations_still_negate(spoof):
    assert shuffling_verdict(spoof) != "met"


def test_contradiction_beats_mention():
    wrong = STRONG.replace("It reshuffles them every epoch.",
                           "It shuffles once at creation, so it reshuffles... the same order every epoch.")
    result = grade(wrong)
    shuffling = {c.id: c for c in result.criteria}["shuffling"]
    assert shuffling.verdict == "contradicted" and shuffling.points == 0
    assert shuffling.contradicted_by and result.misconceptions[0].contradicts == ["shuffling"]
    assert result.score <= 50            # one wrong claim halves what the answer can earn
    assert "once at creation" in result.misconceptions[0].evidence[0].quote


def test_a_denied_misconception_is_not_a_misconception():
    for fine in ("Workers are not threads but processes.", "It is a myth that workers are threads.",
                 "Unlike worker threads, worker processes avoid the GIL."):
        assert grade(STRONG + " " + fine).misconceptions == []
    assert [m.id for m in grade(STRONG + " Workers are threads.").misconceptions] == ["threads"]


def test_ideas_stated_far_apart_are_partial_and_unsure():
    apart = ("It groups the samples into mini-batches and you can turn on shuffling. "
             + "Worker processes load the batches in parallel. " + "Training loops use it a lot. " * 12
             + "We log the loss each epoch.")
    shuffling = {c.id: c for c in grade(apart).criteria}["shuffling"]
    assert shuffling.verdict == "partial" and shuffling.unsure
    assert "not together" in shuffling.rationale


def test_rationale_quotes_only_words_of_the_answer():
    answer = "Batching: the loader yields batch_size samples at a time; worker processes help."
    for criterion in grade(answer).criteria:
        for quoted in criterion.rationale.split("“")[1:]:
            assert quoted.split("”")[0] in answer


@pytest.mark.parametrize("padding", [
    "Data is the most important part of any project. " * 30,
    "I once trained a model on a laptop and it was slow, which taught me patience. " * 15,
])
def test_one_right_claim_in_a_page_of_noise_is_capped(padding):
    result = grade(padding + STRONG + " " + padding)
    assert result.has_flag("low-precision") and result.score <= 30
    assert "capped" in result.feedback


def test_a_cap_above_the_score_is_not_reported():
    # 23 of 50 content words are on the rubric (cap 92), but only batching is stated (50):
    # the cap changes nothing, so neither the flags nor the feedback speak of it
    answer = ("It groups the samples into mini-batches of batch_size samples, so the training "
              "loop takes mini-batches one at a time, each step seeing whole batches of examples, "
              "images, labels and masks together. Our team trains vision models for a retail "
              "client on a cluster of old machines in the basement, next to the printers and the "
              "coffee machine that nobody cleans, and we meet on Mondays to plan the week ahead "
              "with coffee and biscuits, far from the windows and the noisy street.")
    result = grade(answer)
    assert result.score == 50
    assert not result.has_flag("low-precision") and "capped" not in result.feedback


def test_a_repeated_sentence_counts_once():
    result = grade("It groups the samples into mini-batches. " * 20)
    assert result.has_flag("low-precision") and result.score <= 25


@pytest.mark.parametrize("gaming", [
    "mini-batches: batches\nreshuffles: order\nevery epoch: epoch\nworker processes: workers",
    "| term | meaning |\n|---|---|\n| mini-batches | ? |\n| every epoch | ? |\n| worker processes | ? |",
    "The mini-batches and the reshuffles of the every epoch and the worker processes of the "
    "batch_size and the num_workers of the shuffle and the batches of the loader and the data.",
])
def test_glossaries_question_tables_and_padded_keyword_runs_earn_nothing(gaming):
    assert grade(gaming).score <= 10


def test_code_is_read_as_code():
    code = ("```python\nloader = DataLoader(ds, batch_size=64, shuffle=True, num_workers=4)\n"
            "if not args.debug:\n    train(loader)\n```\nIt reshuffles every epoch.")
    result = grade(code)
    assert {c.id: c.verdict for c in result.criteria}["batching"] == "met"   # `not` in code negates nothing


def test_another_language_is_flagged_not_silently_failed():
    french = ("Le chargeur regroupe les échantillons en mini-lots et les mélange à chaque époque, "
              "avec des processus de travail pour les charger en parallèle dans la mémoire.")
    result = grade(french)
    assert result.has_flag("unreadable") and result.confidence == "low"
    assert "model backend" in result.feedback
    assert not grade(STRONG).has_flag("unreadable")


@pytest.mark.parametrize("denied", [
    "The 'reshuffles every epoch' thing is a myth too.",
    "Reshuffling every epoch is just something people made up.",
])
def test_a_subject_whose_predicate_only_denies_it_states_nothing(denied):
    assert shuffling_verdict(denied) != "met"


def test_a_claim_before_an_and_is_not_part_of_a_related_to_list():
    claim = "It reshuffles every epoch, and the sampler is related to that."
    assert shuffling_verdict(claim) == "met"


def test_an_object_said_to_be_wrong_is_still_a_claim():
    # "the workers are wrong" would claim something about workers; it does not deny them
    assert verdicts("It groups samples into mini-batches. Worker processes load them; "
                    "the old threads were wrong.")["workers"] == "met"


@pytest.mark.parametrize("fine", [
    "It groups samples into mini-batches, no copying involved.",   # ", no X" is not "..., no."
    "You don't know which worker processes which sample, so it groups samples into mini-batches.",
    "Set x.requires_grad = False so that it groups samples into mini-batches without tracking.",
    "It groups samples into mini-batches although it is slower for tiny datasets.",
])
def test_ordinary_sentences_are_not_read_as_denials(fine):
    assert verdicts(fine)["batching"] == "met"


def test_a_table_header_names_columns_and_claims_nothing():
    table = ("| mini-batches | every epoch | worker processes |\n|---|---|---|\n"
             "| ? | ? | ? |")
    assert grade(table).score == 0


def test_a_filler_run_with_a_lone_s_is_still_a_filler_run():
    run = ("The mini-batches of the 1/S and the reshuffles of the every epoch and the worker "
           "processes of the batch_size and the num_workers of the shuffle and the batches of it.")
    assert grade(run).score <= 10


@pytest.mark.parametrize("gap", ["\n", "   ", "\n    ", " <del>worker processes</del> ", " \u200b"])
def test_a_pattern_reads_across_a_hard_wrap_or_hidden_text(gap):
    # "re:worker threads" must match whatever whitespace (or struck-out text) sits between
    # the words: a reader sees "worker threads"
    answer = STRONG.replace("Worker processes load", f"Worker{gap}threads load")
    result = grade(answer)
    assert [m.id for m in result.misconceptions] == ["threads"]
    quote = result.misconceptions[0].evidence[0].quote
    assert quote.startswith("Worker") and quote.endswith("threads") and quote in answer


@pytest.mark.parametrize("own_voice", [
    "It's a myth that it keeps one order, but it reshuffles them every epoch.",
    "It's a myth that it keeps one order, while in fact it reshuffles them every epoch.",
    "It's a myth that it keeps one order, while it reshuffles them every epoch.",
])
def test_after_a_denial_a_contrast_speaks_for_the_candidate_again(own_voice):
    assert shuffling_verdict(own_voice) == "met"
