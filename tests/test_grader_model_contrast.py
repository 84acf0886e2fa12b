"""A claim that negates what the model answer affirms earns nothing (`model_contrast`)."""

from grader_helpers import grade, verdicts

from interviewer.grading.model_contrast import contradicting_clauses, model_clauses
from interviewer.grading.negation import negation_cues
from interviewer.grading.text_normalise import normalise

MODEL = ("Each worker process gets its own copy of the dataset. "
         "model.eval() stops dropout and switches batch norm to its running statistics. "
         "The scheduler changes the learning rate every epoch.")


def _against(answer: str, model: str = MODEL) -> list[str]:
    """The words of each answer clause read as contradicting the model answer."""
    text = normalise(answer)
    clauses = contradicting_clauses(text.tokens, negation_cues(text.tokens), model_clauses(model))
    return [" ".join(t.norm for t in text.tokens if t.clause == c) for c in sorted(clauses)]


def test_a_negated_claim_of_an_affirmed_fact_contradicts_it():
    assert _against("I don't think each worker gets its own copy.") == \
        ["i don t think each worker gets its own copy"]
    assert _against("The scheduler doesn't really change the learning rate.") != []


def test_a_negative_fact_negated_in_other_words_does_not():
    # the model says "stops dropout": "dropout is not active" says the same
    assert _against("After eval() dropout is not active any more.") == []
    # two negatives ("does not stop") are not read as a denial
    assert _against("The scheduler does not stop changing the learning rate.") == []


def test_a_clause_sharing_too_little_with_any_model_clause_is_not_judged():
    assert _against("It doesn't matter much.") == []
    # two shared words among many others: too loose an alignment to judge
    assert _against("Without a GPU the worker copy would not be useful for speed, latency, "
                    "throughput or memory.") == []


def test_affirmative_answers_are_not_touched():
    assert _against("Each worker gets its own copy, and the scheduler changes the rate.") == []


def test_the_subject_of_a_denied_fact_earns_no_credit():
    denied = grade("iterable-dataset-workers",
                   "I don't think each worker gets its own copy of the dataset; they all share one.")
    stated = grade("iterable-dataset-workers",
                   "Each worker gets its own copy of the dataset and iterates the whole file, "
                   "since an IterableDataset has no sampler.")
    assert verdicts(denied)["copy-per-worker"] == "missed"
    assert verdicts(stated)["copy-per-worker"] == "met"


def test_a_denied_scheduler_claim_is_not_credited_but_the_plain_one_is():
    denied = grade("optimizers", "The learning-rate scheduler doesn't actually change the "
                                 "learning rate, it only logs it.")
    stated = grade("optimizers", "A scheduler such as StepLR changes the learning rate as "
                                 "training goes on; call scheduler.step() after optimizer.step().")
    assert verdicts(denied)["schedulers-state"] == "missed"
    assert verdicts(stated)["schedulers-state"] == "met"
