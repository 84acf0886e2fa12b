"""One fixture per layout, and a test per defect found importing real public Q&A documents:
placeholders taken as answers, `**1)** Task` layouts, bold questions before a difficulty emoji,
sub-headings and numbered steps cut out of answers, markup in question text, inline HTML,
UTF-16 files, quadratic merging and shipped-deck shadowing (the last two in test_import_cli)."""

import json
from pathlib import Path

from interviewer.cli.main import main
from interviewer.corpus.markdown_import import import_documents
from interviewer.corpus.markdown_parse import parse_document

LAYOUTS = Path(__file__).parent / "fixtures" / "import" / "layouts"


def parse(name: str):
    return parse_document((LAYOUTS / name).read_text(encoding="utf-8"))


def test_numbered_bold_tasks_with_code_answers_are_imported():
    qas = parse("numbered_tasks.md").questions
    assert [(q.number, q.question) for q in qas] == [
        (1, "Reverse a string without slicing."),
        (2, "Count the vowels in a word."),
        (3, "Running mean: Return the running mean of a list of numbers."),
    ]
    assert all(q.answer.startswith("```python\ndef ") and q.answer.endswith("```") for q in qas)


def test_bold_question_before_a_difficulty_emoji_is_a_question_with_that_difficulty():
    qas = parse("bold_emoji_markup.md").questions
    assert [q.question for q in qas] == [
        "Gradient boosting versus random forests?", "Bagging in one sentence?",
        "What does shrinkage do in boosting?", "What is a p-value?", "Why is Naive Bayes naive?",
        "What is Naive Bayes?",
    ]
    assert [q.difficulty for q in qas] == ["medium", "easy", "hard", "easy", "medium", "easy"]
    # no answer swallowed the next question
    assert qas[0].answer.endswith("independent trees grown on bootstrap samples.")
    assert "Bagging" not in qas[0].answer


def test_question_text_loses_links_emoji_emphasis_and_source_markers_but_sources_keep_the_line():
    deck = import_documents([LAYOUTS / "bold_emoji_markup.md"], "ml-notes").deck
    first = deck.questions[0]
    assert first.question == "Gradient boosting versus random forests?"
    assert first.id == "gradient-boosting-versus-random-forests"        # no URL words
    assert first.sources[0].raw == ("**[[src](https://example.com/q/1)] Gradient boosting versus "
                                    "random forests?** 🟡")
    assert first.sources[0].line == 5
    assert deck.questions[2].question == "What does shrinkage do in boosting?"   # was _shrinkage_


def test_a_non_pytorch_deck_takes_topics_from_its_section_headings():
    deck = import_documents([LAYOUTS / "bold_emoji_markup.md"], "ml-notes").deck
    assert deck.deck.topics == ["ensembles", "statistics"]
    assert [q.topic for q in deck.questions] == ["ensembles"] * 3 + ["statistics"] * 3


def test_naive_bayes_questions_stay_apart_while_exact_duplicates_across_documents_merge(tmp_path):
    copy = tmp_path / "copy.md"
    copy.write_text("## What is a p-value?\n\nA probability under the null hypothesis.\n")
    result = import_documents([LAYOUTS / "bold_emoji_markup.md", copy], "ml-notes")
    texts = [q.question for q in result.deck.questions]
    assert "Why is Naive Bayes naive?" in texts and "What is Naive Bayes?" in texts
    assert [(m.kept.label, m.merged.label) for m in result.merges] == [("A#4", "B#1")]


def test_subheadings_and_numbered_steps_inside_answers_stay_in_the_answers():
    doc = parse("steps_inside_answers.md")
    qas = doc.questions
    assert [q.question for q in qas] == [
        "What is a custom module in PyTorch?",
        "How do you pick between PyTorch and a graph framework?",
        "Why does `zero_grad` exist?",
    ]
    assert [q.number for q in qas] == [1, 2, 3]
    assert "2. **Define the Constructor**" in qas[0].answer
    assert qas[0].answer.endswith("registered as a sub-module.")
    assert "### When to Choose PyTorch" in qas[1].answer
    assert qas[1].answer.endswith("optimised ahead of time.")
    assert "References" not in qas[2].answer       # a heading after the last question ends it


def test_placeholder_answers_are_blank_with_the_reason():
    qas = parse("placeholder_answers.md").questions
    blank = {q.number: q.placeholder for q in qas if q.blank}
    assert sorted(blank) == [1, 3, 4, 5, 6, 7]
    assert blank[1] == "placeholder 'Answer here'"
    assert blank[3].startswith("only a link")
    assert blank[4].startswith("only 'more reading' links")
    # a real answer that ends with a reading list is kept whole
    accuracy = qas[7]
    assert accuracy.answer.startswith("The share of predictions that are correct.")


def test_import_reports_placeholders_with_file_and_line_and_lint_reports_the_blanks(tmp_path, capsys):
    out = tmp_path / "corpus" / "metrics.yaml"
    code = main(["corpus", "import", str(LAYOUTS / "placeholder_answers.md"), "--deck", "metrics",
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert ("blank answer: #1 (placeholder_answers.md:1) 'What is a confusion matrix?' "
            "(placeholder 'Answer here', left empty, noted for review)") in err.splitlines()
    assert "6 with a blank answer" in err
    # the lone deck file is linted exactly as in its folder: six blank answers are errors
    code = main(["corpus", "lint", str(out)])
    file_err = capsys.readouterr().err
    code_dir = main(["corpus", "lint", str(tmp_path)])
    dir_err = capsys.readouterr().err
    assert code == code_dir == 1
    assert file_err.count("reference_answer is blank") == dir_err.count("reference_answer is blank") == 6
    assert file_err.count("no rubric") == 1


def test_inline_html_keeps_images_and_whole_words():
    mse, residual = parse("inline_html.md").questions
    assert mse.answer.startswith("The Mean Squared Error averages the squared residuals:")
    assert "![MSE = (1/n) sum (y - y_hat)^2](https://example.com/mse.png)" in mse.answer
    assert "x^2" in mse.answer
    assert residual.answer == "The difference between the observed value and the predicted value."


def test_nested_answer_lists():
    qas = parse("nested_answer_lists.md").questions
    assert [(q.question, q.answer) for q in qas] == [
        ("What is a learning rate?", "The step size the optimiser multiplies the gradient by."),
        ("Why normalise inputs?", "Features on similar scales make gradient descent converge "
                                  "faster.\nIt also keeps activations in a healthy range."),
        ("What is early stopping?", "Stop training when the validation loss stops improving."),
    ]


def test_q_lines_with_and_without_a_question_mark():
    qas = parse("q_lines.md").questions
    assert [q.question for q in qas] == [
        "What is a kernel in an SVM?", "Explain the margin", "What are support vectors?"]
    assert qas[1].answer.startswith("The distance between")


def test_summary_sections():
    qas = parse("summary_sections.md").questions
    assert [q.question for q in qas] == ["What is overfitting?", "How do you detect it?"]
    assert qas[1].answer == "Compare training and validation loss: a growing gap is the sign."


def test_utf16_files_with_and_without_a_byte_order_mark_are_read(tmp_path):
    text = (LAYOUTS / "q_lines.md").read_text(encoding="utf-8")
    with_bom = tmp_path / "bom.md"
    with_bom.write_bytes(text.encode("utf-16"))          # BOM + little-endian
    without = tmp_path / "plain16.md"
    without.write_bytes(text.encode("utf-16-le"))
    for path in (with_bom, without):
        result = import_documents([path], "svm")
        assert result.problems == [], path
        assert len(result.deck.questions) == 3


def test_a_deck_that_would_exceed_the_loader_limit_is_refused(tmp_path, capsys, monkeypatch):
    from interviewer.corpus import yaml_io

    monkeypatch.setattr(yaml_io, "MAX_FILE_BYTES", 600)   # the loader's limit, shrunk
    out = tmp_path / "svm.yaml"
    code = main(["corpus", "import", str(LAYOUTS / "q_lines.md"), "--deck", "svm", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "over the 600-byte limit for a deck file" in err


def test_bulleted_question_lists_without_answers_under_section_headings():
    deck = import_documents([LAYOUTS / "question_lists.md"], "revision").deck
    assert [q.question for q in deck.questions] == [
        "What is conditional probability?", "Explain Bayes' rule with an example.",
        "What is a prior? Give one for a coin.", "What is a saddle point?",
        "Describe momentum in gradient descent."]
    assert all(q.reference_answer == "" for q in deck.questions)   # blank, ready for drafting
    assert deck.deck.topics == ["probability", "optimisation"]


def test_bold_questions_on_consecutive_lines_with_solution_placeholders():
    qas = parse("bold_runs.md").questions
    assert [(q.number, q.question) for q in qas] == [
        (1, "What is a tensor?"), (2, "What is broadcasting?"), (3, "Explain strides.")]
    assert [q.placeholder for q in qas[:2]] == ["placeholder '*solution*'"] * 2
    assert qas[2].answer.startswith("Strides say how many elements")


def test_question_number_headings_are_not_topics_and_level_headings_set_difficulty():
    qas = parse("numbered_label_sections.md").questions
    assert [q.question for q in qas] == [
        "What is a loss function?", "What is an epoch?", "What is label smoothing?"]
    assert [q.section for q in qas] == [None, None, None]
    assert [q.difficulty for q in qas] == ["easy", "easy", "hard"]
    assert qas[1].placeholder == "placeholder '_[To be filled]_'"
    assert qas[0].answer == "A function that scores how far predictions are from the targets."


def test_gradient_boosting_is_not_guessed_as_autograd():
    from interviewer.corpus.topic_guess import guess_topic

    assert guess_topic("How does gradient boosting work?") != "autograd"
    assert guess_topic("How are gradients computed in PyTorch?") == "autograd"


def test_grade_finds_an_imported_question_by_its_clean_text(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path))
    assert main(["corpus", "import", str(LAYOUTS / "bold_emoji_markup.md"), "--deck", "ml-notes"]) == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("- question: Gradient boosting versus random forests?\n"
                       "  answer: Boosting fits trees one after another on the residual errors.\n")
    capsys.readouterr()
    assert main(["grade", str(answers), "--deck", "ml-notes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert result["question_id"] == "gradient-boosting-versus-random-forests"
