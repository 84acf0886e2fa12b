"""Near-duplicate questions merge into one entry; different questions never do."""

from pathlib import Path

import pytest

from interviewer.corpus.markdown_import import import_documents
from interviewer.corpus.question_merge import group_near_duplicates, question_key, same_question

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_A = SEEDS / "000_3f9b01ad91376059.txt"
SEED_B = SEEDS / "001_18b7f1884d72a711.txt"


def same(a: str, b: str) -> bool:
    return same_question(question_key(a), question_key(b))


@pytest.mark.parametrize("a, b", [
    ("What is the CIFAR-10 dataset?", "What is the difference between CIFAR-10 and CIFAR-100?"),
    ("What is the CIFAR-10 dataset?", "What is the CIFAR-100 dataset?"),
    ("What is Max Pooling?", "What is Average Pooling?"),
    ("What is Max Pooling?", "What is Sum Pooling?"),
    ("What is the sigmoid function?", "What is the softmax function?"),
    ("What is a Module?", "What is a Function?"),
    ("What is supervised learning?", "What is unsupervised learning?"),
    ("What is Adam?", "What is AdamW?"),
    ("What is L1 loss?", "What is L2 loss?"),
    ("What is the difference between Type1 and Type2 errors?", "What is a Type1 error?"),
    ("What is nn.Module?", "What is nn.ModuleList?"),
    ("What is the Activation function?", "Why do we use activation function in Neural Network?"),
])
def test_different_questions_are_not_merged(a, b):
    assert not same(a, b)


@pytest.mark.parametrize("a, b", [
    ("How is PyTorch different from TensorFlow?", "What is the difference between PyTorch and TensorFlow?"),
    ("What is the difference between X and Y?", "What is the difference between Y and X?"),
    ("What is Autograd?", "What is the Autograd module?"),
    ("What is an auto-encoder?", "What is an autoencoder?"),
    ("What is an optimiser?", "What is an optimizer?"),
    ("What is backpropogation?", "What is backpropagation?"),
    ("What do you understand from the word Backpropagation?", "What is backpropagation?"),
    ("What is Loss Function?", "What is a loss function?"),
])
def test_rewordings_of_one_question_are_merged(a, b):
    assert same(a, b)


def test_a_subject_word_may_differ_but_is_not_enough_in_common():
    module, bare = question_key("What is the Autograd module in PyTorch?"), question_key("What is autograd?")
    assert not same_question(module, bare)
    assert same_question(module, bare, context={"pytorch"})
    assert not same_question(question_key("What is PyTorch?"), question_key("Why use PyTorch?"),
                             context={"pytorch"})


def test_the_documents_subject_word_is_ignored_when_comparing():
    questions = ["What is autograd in PyTorch?", "What is autograd?", "Why use PyTorch?",
                 "What is a PyTorch tensor?", "What is PyTorch?"]
    assert group_near_duplicates(questions) == [[0, 1], [2], [3], [4]]


def test_merged_entry_keeps_every_source_the_other_wordings_and_the_fullest_answer():
    result = import_documents([FIXTURES / "near_duplicates.md"], deck_name="dupes")
    deck = result.deck
    assert deck is not None
    assert len(deck.questions) == 9  # 12 questions, 3 merged
    autograd = next(q for q in deck.questions if q.sources[0].number == 5)
    assert autograd.question == "What is the Autograd module in PyTorch?"
    assert autograd.aliases == ["What is autograd?"]
    assert [(s.doc, s.number) for s in autograd.sources] == [
        ("near_duplicates.md", 5), ("near_duplicates.md", 6)]
    # #6 had a blank answer: the merged entry keeps #5's
    assert autograd.reference_answer == "The automatic differentiation engine."
    encoder = next(q for q in deck.questions if q.sources[0].number == 9)
    assert encoder.reference_answer.startswith("An encoder and a decoder")  # the fuller one
    assert any("answer kept from near_duplicates.md#10" in n for n in encoder.notes)
    # never merged
    cifar = [q for q in deck.questions if "CIFAR" in q.question]
    pooling = [q for q in deck.questions if "Pooling" in q.question]
    assert len(cifar) == 2 and len(pooling) == 2


def test_the_report_says_what_was_merged():
    result = import_documents([FIXTURES / "near_duplicates.md"], deck_name="dupes")
    lines = result.report_lines()
    assert "merged #8 into #7 'How is PyTorch different from TensorFlow?' " \
           "(was 'What is the difference between PyTorch and TensorFlow?')" in lines
    assert any(line.startswith("merged #6 into #5") and "its answer was blank" in line for line in lines)
    assert lines[-1] == "12 questions read, 3 merged into others, 9 entries, 0 with a blank answer"


@pytest.mark.skipif(not SEED_A.is_file() or not SEED_B.is_file(), reason="seeds not found")
def test_seed_documents_merge_their_duplicates_and_nothing_else():
    result = import_documents([SEED_A, SEED_B], deck_name="seeds")
    assert result.parsed == 75
    merged = {(m.merged.label, m.kept.label) for m in result.merges}
    for pair in [("A#14", "A#2"), ("B#26", "A#2"), ("B#1", "A#1"), ("A#22", "A#11"),
                 ("B#14", "A#11"), ("B#35", "A#4"), ("B#11", "A#21"), ("B#23", "A#25")]:
        assert pair in merged
    labels = {label for pair in merged for label in pair}
    # CIFAR-10 vs CIFAR-10/100, and max / average / sum pooling stay apart
    assert not {"B#18", "B#21"} <= labels
    assert sum(label in labels for label in ("B#36", "B#39", "B#42")) == 0
    deck = result.deck
    assert len(deck.questions) == 75 - len(result.merges)
    tf = next(q for q in deck.questions if q.question == "How is PyTorch different from TensorFlow?")
    assert [(s.doc, s.number) for s in tf.sources] == [
        (SEED_A.name, 2), (SEED_A.name, 14), (SEED_B.name, 26)]
    assert tf.reference_answer  # B#26 was blank; a merged answer is kept
    blanks = [q for q in deck.questions if not q.reference_answer]
    assert [q.sources[0].number for q in blanks] == [44]
    assert any("blank answer in the source" in n for n in blanks[0].notes)


SHIPPED = Path(__file__).resolve().parents[1] / "corpus" / "pytorch.yaml"


@pytest.mark.skipif(not (SEED_A.is_file() and SEED_B.is_file() and SHIPPED.is_file()),
                    reason="seeds or shipped deck not found")
def test_importer_agrees_with_the_reviewed_shipped_deck():
    """Every seed question the importer finds is cited by the shipped deck, and every merge
    the importer makes was also made by the people who reviewed the deck."""
    from interviewer.corpus.catalog import load_deck_file

    shipped, problems = load_deck_file(SHIPPED)
    assert not problems
    # seed sources only: the PyTorch 2.x questions cite documentation pages instead
    entry_of = {(s.doc, s.number): q.id for q in shipped.questions for s in q.sources if s.doc}
    result = import_documents([SEED_A, SEED_B], deck_name="seeds")
    found = {(s.doc, s.number) for q in result.deck.questions for s in q.sources}
    assert found == set(entry_of)
    for m in result.merges:
        assert entry_of[(m.kept.doc, m.kept.number)] == entry_of[(m.merged.doc, m.merged.number)], m


def _all_pairs_grouping(questions: list[str]) -> list[list[int]]:
    """The reference: every question compared with every earlier group (quadratic)."""
    from interviewer.corpus.question_merge import context_terms

    context = context_terms(questions)
    keys = [question_key(q) for q in questions]
    groups: list[list[int]] = []
    for i, key in enumerate(keys):
        home = next((g for g in groups if any(same_question(key, keys[j], context) for j in g)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return groups


def test_indexed_merging_decides_exactly_as_comparing_every_pair():
    import random

    rng = random.Random(13)
    subjects = ["autoencoder", "auto encoder", "optimiser", "optimizer", "optimzer", "max pooling",
                "average pooling", "CIFAR-10", "CIFAR-100", "Naive Bayes", "dropout", "batch norm",
                "batch normalisation", "learning rate", "weight decay", "gradient clipping",
                "attention", "self-attention", "tensor", "tensors", "ResNet", "residual block"]
    forms = ["What is {}?", "What is the {} in PyTorch?", "Why is {} used?", "Explain {}.",
             "How does {} work?", "What is the difference between {} and {}?", "Define {}"]
    questions = []
    for _ in range(400):
        form = rng.choice(forms)
        questions.append(form.format(*rng.sample(subjects, form.count("{}"))))
    assert group_near_duplicates(questions) == _all_pairs_grouping(questions)


def test_merging_reports_progress():
    seen = []
    group_near_duplicates([f"What is term{n}?" for n in range(1200)],
                          progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (500, 1200) and seen[-1] == (1200, 1200)
