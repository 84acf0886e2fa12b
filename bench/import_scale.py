"""Import benchmark: generated Markdown Q&A documents of 1,000 / 4,000 / 16,000 questions,
read, parsed, merged (near-duplicates) and written as a deck, the whole `corpus import` path.

Run: .venv/bin/python bench/import_scale.py   (in a temporary folder, nothing kept)
Target: 4,000 questions in < 15 s (merging was quadratic: 4,000 took 225 s).

The generated documents mix layouts (numbered headings under section headings, numbered bold
lines with sub-headings and numbered steps inside answers), vocabulary with a long tail,
near-duplicate wordings (about one question in eight) and answers with code and lists.
"""

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.corpus.deck_writer import dump_deck  # noqa: E402
from interviewer.corpus.markdown_import import import_documents  # noqa: E402

SIZES = (1_000, 4_000, 16_000)
TARGET_S = 15.0  # for 4,000 questions

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu", "bra", "cen", "dor",
              "fel", "gri", "hap", "jun", "kel", "lum", "mor"]
_FORMS = ["What is {a}?", "How does {a} work?", "Why is {a} used with {b}?",
          "What is the difference between {a} and {b}?", "Explain {a}.",
          "When would you choose {a} over {b}?", "What are the drawbacks of {a}?"]
_VARIANTS = ["What is the {a} in practice?", "How is {a} different from {b}?", "Explain the {a}."]


def _term(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def generate(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    vocab = [_term(rng) for _ in range(max(50, n))]
    lines = [f"# Generated interview questions ({n})", ""]
    asked: list[tuple[str, str]] = []
    section = 0
    for i in range(1, n + 1):
        if i % 40 == 1:
            section += 1
            lines += [f"## Section {section}: {_term(rng).title()}", ""]
        # a long-tailed choice of terms: a few are very common, most are rare
        a = vocab[min(len(vocab) - 1, int(rng.paretovariate(1.5)) - 1 + rng.randrange(len(vocab)))]
        b = rng.choice(vocab)
        if asked and rng.random() < 0.125:
            a, b = rng.choice(asked)
            question = rng.choice(_VARIANTS).format(a=a, b=b)
        else:
            question = rng.choice(_FORMS).format(a=a, b=b)
            asked.append((a, b))
        lines += [f"### {i}. {question}", ""]
        lines += [f"{a.title()} is explained here with {b}: it keeps the {rng.choice(vocab)} "
                  f"stable and the {rng.choice(vocab)} small.", ""]
        if i % 5 == 0:
            lines += ["#### Example", "", "```python", f"x = {a}({b!r})", "```", ""]
        if i % 7 == 0:
            lines += [f"1. **Prepare {b}**", f"2. **Apply {a}**", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    print(f"corpus import: generated documents (target: 4,000 questions < {TARGET_S:.0f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            doc = Path(tmp) / f"generated-{n}.md"
            doc.write_text(generate(n), encoding="utf-8")
            start = time.perf_counter()
            result = import_documents([doc], deck_name=f"gen-{n}")
            text = dump_deck(result.deck)
            elapsed = time.perf_counter() - start
            size_mb = doc.stat().st_size / 1e6
            flag = ""
            if n == 4_000:
                flag = "  OK" if elapsed < TARGET_S else "  OVER TARGET"
            print(f"{n:>7,} questions ({size_mb:5.1f} MB): {elapsed:6.2f} s, "
                  f"{len(result.merges):>5,} merged, {len(result.deck.questions):>6,} entries, "
                  f"deck {len(text) / 1e6:5.1f} MB{flag}")


if __name__ == "__main__":
    main()
