"""The Markdown parser finds the questions of every common layout and keeps answers intact."""

from pathlib import Path

import pytest

from interviewer.corpus.markdown_cleanup import clean_answer
from interviewer.corpus.markdown_parse import parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_A = SEEDS / "000_3f9b01ad91376059.txt"
SEED_B = SEEDS / "001_18b7f1884d72a711.txt"
needs_seeds = pytest.mark.skipif(not SEED_A.is_file() or not SEED_B.is_file(),
                                 reason="seed documents not found in ../shared/seeds")


def parse(name: str):
    return parse_markdown((FIXTURES / name).read_text(encoding="utf-8"))


def test_numbered_headings_with_answer_and_ans_prefixes():
    qas = parse("heading_numbered.md")
    assert [q.number for q in qas] == [1, 2, 3, 4]
    assert [q.question for q in qas] == [
        "What is a tensor?",
        "Why do we call `zero_grad()`?",
        "What are the common optimizers?",
        "How do you move a model to the GPU?",
    ]
    # the "Answer:" / "Ans:" prefixes are gone, the words after them are kept
    assert qas[0].answer == "A tensor is a multi-dimensional array with a dtype and a device."
    assert qas[1].answer.startswith("Gradients accumulate in `.grad`")
    # an answer with no prefix at all
    assert qas[3].answer == 'Call `model.to("cuda")`; inputs must be moved to the same device.'


def test_preamble_before_the_first_question_is_not_a_question():
    qas = parse("heading_numbered.md")
    assert qas[0].line == 6
    assert all("preamble" not in q.answer for q in qas)


def test_code_blocks_and_lists_are_kept_verbatim():
    qas = parse("heading_numbered.md")
    assert "```python\noptimizer.zero_grad()\nloss.backward()\noptimizer.step()\n```" in qas[1].answer
    assert qas[2].answer == (
        "There are several:\n\n- SGD, optionally with momentum\n- Adam and AdamW\n- RMSprop"
    )


def test_numbered_bold_layout_with_bold_answer_markers():
    qas = parse("bold_numbered.md")
    assert [(q.number, q.question) for q in qas] == [
        (1, "What is dropout?"),
        (2, "What are the parts of a training step?"),
        (3, "What is batch normalisation?"),
        (4, "What is the learning rate."),
        (5, "What is weight decay?"),
    ]
    # "**About this page**" and its paragraph are a preamble
    assert all("About this page" not in q.answer for q in qas)


def test_stray_html_residue_is_removed():
    dropout = parse("bold_numbered.md")[0]
    assert dropout.answer == "Dropout randomly zeroes activations during training to reduce overfitting."


def test_bold_labels_run_together_become_list_items():
    step = parse("bold_numbered.md")[1]
    assert step.answer == (
        "There are three parts:\n\n"
        "- **Forward:** Compute the predictions and the loss.\n"
        "- **Backward:** Compute the gradients.\n"
        "- **Step:** Update the parameters."
    )


def test_answer_marker_inside_bold_keeps_the_bold_words():
    rate = parse("bold_numbered.md")[3]
    assert rate.answer == "**“The learning rate scales each update.”** It is usually tuned first."


def test_blank_answer_is_blank_not_invented():
    qas = parse("bold_numbered.md")
    assert qas[2].blank and qas[2].answer == ""
    assert not any(q.blank for i, q in enumerate(qas) if i != 2)


def test_trailing_page_lines_are_dropped_and_reported():
    last = parse("bold_numbered.md")[-1]
    assert last.answer == "Weight decay adds a penalty on the size of the weights."
    assert last.dropped[0] == "Related posts:"
    assert "© 2024 Example Blog. All rights reserved." in last.dropped
    assert len(last.dropped) == 5


def test_teacher_notes_headings_and_q_a_lines():
    qas = parse("teacher_notes.md")
    assert [q.question for q in qas] == [
        "What does `view` do, and how is it different from `reshape`?",
        "Why does `torch.from_numpy` share memory?",
        "What does `requires_grad=True` do?",
        "When should you use `torch.no_grad()`?",
        "What is a leaf tensor?",
        "What is gradient clipping?",
    ]
    view, from_numpy, requires_grad, no_grad, leaf, clipping = qas
    # a deeper heading and a code block (with a '# ...?' comment) belong to the answer
    assert "#### Example" in view.answer
    assert "# What is y.is_contiguous()?  (a comment, not a question)" in view.answer
    # a section heading ("## Autograd") ends the answer before it
    assert "Autograd" not in from_numpy.answer
    assert requires_grad.answer.startswith("Autograd records every operation")
    assert "1. it saves memory, because no graph is recorded;\n2. it is faster." in no_grad.answer
    assert leaf.answer.endswith("filled in by default.")
    assert "---" not in leaf.answer
    assert clipping.blank
    assert all(q.number is None for q in qas)


def test_bold_question_lines_with_the_answer_after_or_on_the_same_line():
    qas = parse("bold_questions.md")
    assert [q.question for q in qas] == [
        "What is a convolution?", "How is padding chosen?", "Why use pooling layers?"]
    assert qas[0].answer.endswith("- It shares weights across positions.\n- It keeps spatial structure.")
    assert qas[2].answer == "They shrink feature maps and add a little translation invariance."


def test_plain_numbered_questions_when_nothing_stronger():
    qas = parse("plain_numbered.txt")
    assert [(q.number, q.question) for q in qas] == [
        (1, "What is overfitting?"), (2, "How do you detect it?")]
    assert qas[1].answer == "Compare the training loss with the validation loss."


def test_a_document_without_questions_gives_none():
    assert parse("no_questions.md") == []
    assert parse_markdown("") == []


def test_setext_question_heading():
    qas = parse_markdown("What is a tensor?\n-----------------\n\nAn n-dimensional array.\n")
    assert [(q.question, q.answer) for q in qas] == [("What is a tensor?", "An n-dimensional array.")]


def test_separator_lines_do_not_cut_an_answer():
    text = "### What is a tensor?\n\nAn array.\n\nIt has a dtype.\n---\n\n### What is a leaf?\n\nA tensor."
    first = parse_markdown(text)[0]
    assert first.answer == "An array.\n\nIt has a dtype."


def test_dates_inside_an_answer_are_kept():
    answer, dropped = clean_answer([
        "PyTorch 2.0 was released on March 15, 2023.",
        "",
        "See also:",
        "- [The docs](https://pytorch.org/docs)",
    ])
    assert dropped == []
    assert answer.endswith("- [The docs](https://pytorch.org/docs)")


def test_dated_link_list_glued_to_the_last_paragraph_is_dropped():
    answer, dropped = clean_answer([
        "Weight decay shrinks the weights.",
        "- Older post – May 2, 2023",
        "- Another post – 2023-05-01",
    ])
    assert answer == "Weight decay shrinks the weights."
    assert len(dropped) == 2


@needs_seeds
def test_seed_a_numbered_headings_with_and_without_answer_prefix():
    qas = parse_markdown(SEED_A.read_text(encoding="utf-8"))
    assert len(qas) == 25
    assert [q.number for q in qas] == list(range(1, 26))
    assert qas[1].question == "How is PyTorch different from TensorFlow?"
    assert qas[10].answer.startswith("Backpropagation is the process")   # "Ans:" removed
    assert qas[20].question == "What is the difference between Conv1d, Conv2d, and Conv3d?"  # "21)"
    assert qas[24].answer.count("\n- ") == 5                              # list kept
    assert not any(q.blank for q in qas)


@needs_seeds
def test_seed_b_numbered_bold_with_residue_runs_blanks_and_page_lines():
    qas = parse_markdown(SEED_B.read_text(encoding="utf-8"))
    assert len(qas) == 50
    by_number = {q.number: q for q in qas}
    assert by_number[1].question == "What is PyTorch?"            # the preamble is skipped
    assert "/p>" not in by_number[8].answer
    assert by_number[10].answer.count("\n- **") == 3                # Tensor / Variable / Module
    assert by_number[29].answer.startswith("- **Stochastic Gradient Descent:** In SGD")
    assert {n for n, q in by_number.items() if q.blank} == {26, 38, 44}
    assert by_number[50].answer.endswith("something is not right.")
    assert len(by_number[50].dropped) == 3 and "May 25, 2023" in by_number[50].dropped[0]
    assert all(not q.answer.startswith(("Answer", "**Answer")) for q in qas)


@pytest.mark.parametrize("text", [
    "**Q1. What is X?**\n**Ans.** It is Y.\n\n**Q2. What is Z?**\n**Ans.** It is W.\n",
    "1. What is X?\n\nAnswer: It is Y.\n\n2. What is Z?\n\nAnswer: It is W.\n",
    "### Q: What is X?\nA: It is Y.\n\n### Q: What is Z?\nA: It is W.\n",
    "- **What is X?**\n  It is Y.\n- **What is Z?**\n  It is W.\n",
    "<details><summary>What is X?</summary>\n\nIt is Y.\n\n</details>\n\n"
    "<details>\n<summary><b>What is Z?</b></summary>\n\nIt is W.\n</details>\n",
    "Q. What is X?\nAns. It is Y.\n\nQ. What is Z?\nAns. It is W.\n",
    "## Section\n\n**1. What is X?**\n\nIt is Y.\n\n**2. What is Z?**\n\nIt is W.\n",
    "Question 1: What is X?\nAnswer: It is Y.\n\nQuestion 2: What is Z?\nAnswer: It is W.\n",
])
def test_other_common_layouts(text):
    qas = parse_markdown(text)
    assert [(q.question, q.answer) for q in qas] == [("What is X?", "It is Y."), ("What is Z?", "It is W.")]


def test_words_that_merely_start_like_markers_are_not_questions():
    text = ("## What is RL?\n\nQ-learning is one method.\nQ - it learns values.\n\n"
            "Q - What is SARSA?\nA - An on-policy method.\n")
    qas = parse_markdown(text)
    assert [(q.question, q.answer) for q in qas] == [
        ("What is RL?", "Q-learning is one method.\nQ - it learns values."),
        ("What is SARSA?", "An on-policy method."),
    ]
