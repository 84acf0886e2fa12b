"""The grading benches measure a model grader like the offline one: --backend/--model/--base-url,
a sample size and a cost estimate before anything is sent, figures printed beside the offline
grader's on the same sample. Run against a local fake server and a tiny synthetic data set."""

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.fake_openai_server import FakeOpenAIServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

MOHLER_ROWS = [  # two assignments: the bench's monotone map is fitted leaving one out
    *(("1.1", "What is a variable?", "A location in memory that holds a value.", answer, score)
      for answer, score in (("A named place in memory holding a value.", 5.0),
                            ("It stores a value in memory.", 4.0),
                            ("A kind of loop.", 0.5))),
    *(("2.1", "What does a compiler do?", "It translates source code into machine code.", answer, score)
      for answer, score in (("Translates the source into machine code.", 5.0),
                            ("It runs the program line by line.", 1.0),
                            ("I do not know.", 0.0))),
]
SEMEVAL_XML = """<question id="q1">
<questionText>Why does the bulb light?</questionText>
<referenceAnswers><referenceAnswer id="r1">The bulb is in a closed path with the battery.</referenceAnswer></referenceAnswers>
<studentAnswers>
<studentAnswer id="a1" accuracy="correct">It is in a closed path with the battery.</studentAnswer>
<studentAnswer id="a2" accuracy="incorrect">Because it is new.</studentAnswer>
<studentAnswer id="a3" accuracy="correct">The circuit with the battery is closed.</studentAnswer>
<studentAnswer id="a4" accuracy="incorrect">The switch is open.</studentAnswer>
</studentAnswers></question>"""


@pytest.fixture
def asag_dir(tmp_path) -> Path:
    mohler = tmp_path / "mohler2011"
    mohler.mkdir()
    with (mohler / "mohler_dataset_edited.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "desired_answer", "student_answer", "score_me",
                         "score_other", "score_avg"])
        for qid, question, desired, answer, score in MOHLER_ROWS:
            writer.writerow([qid, question, desired, answer, score, score, score])
    semeval = tmp_path / "semeval2013-task7"
    semeval.mkdir()
    with zipfile.ZipFile(semeval / "semeval-3way.zip", "w") as archive:
        archive.writestr("training/2way/sciEntsBank/q1.xml", SEMEVAL_XML)
    return tmp_path


def run_bench(script: str, asag_dir: Path, *args: str):
    env = {**os.environ, "ASAG_DIR": str(asag_dir)}
    return subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True,
                          text=True, env=env, timeout=180, stdin=subprocess.DEVNULL, cwd=ROOT)


@pytest.mark.parametrize("script,figure", [("asag_mohler.py", "Pearson r"), ("asag_semeval.py", "AUC")])
def test_a_bench_grades_a_sample_with_a_model_beside_the_offline_grader(asag_dir, script, figure):
    with FakeOpenAIServer() as server:
        out = run_bench(script, asag_dir, "--backend", "openai", "--base-url", server.url,
                        "--model", "m", "--sample", "4", "--yes")
        sent = len(server.chat_requests)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    estimate = next(i for i, line in enumerate(lines) if "4 answers, 4 requests" in line)
    result = next(i for i, line in enumerate(lines) if line.startswith("on the same 4 answers"))
    assert estimate < result  # the estimate comes before the run
    assert "openai m" in lines[result + 1] and figure in lines[result + 1]
    assert "offline" in lines[result + 2] and figure in lines[result + 2]
    assert 0 < sent <= 4 + 2 * 4  # at most the sample and its re-asks


def test_without_yes_and_no_terminal_nothing_is_sent(asag_dir):
    with FakeOpenAIServer() as server:
        out = run_bench("asag_mohler.py", asag_dir, "--backend", "openai", "--base-url", server.url,
                        "--model", "m", "--sample", "3")
        sent = len(server.chat_requests)
    assert out.returncode == 0, out.stderr
    assert "3 answers, 3 requests" in out.stdout and "pass --yes" in out.stdout
    assert sent == 0


def test_a_reference_answer_becomes_a_rubric_a_model_can_grade():
    sys.path.insert(0, str(ROOT))
    from bench.model_grading import reference_rubric
    from interviewer.domain import Question

    one = reference_rubric(Question(id="q-1", question="What is a variable?", topic="fundamentals",
                                    reference_answer="A location in memory that holds a value."))
    many = reference_rubric(Question(id="q-2", question="Why?", topic="fundamentals",
                                     reference_answer="It is closed. The battery drives current. "
                                                      "The bulb converts it to light."))
    assert len(one.criteria) == 2 and "A location in memory" in one.criteria[0].description
    assert [c.id for c in many.criteria] == ["point-1", "point-2", "point-3"]
