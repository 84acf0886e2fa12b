"""`interviewer corpus import`: where the deck goes, what the import says, and progress.

The deck is written into the user's data folder (`<data folder>/corpus/<deck>.yaml`), the
place `practice`, `grade` and the app read decks from, unless `--out` says otherwise. A name
that would hide a shipped deck is refused without `--force`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from interviewer.atomic_files import atomic_write_text
from interviewer.cli import exit_codes
from interviewer.cli.common import err, out as say_out
from interviewer.cli.progress import ProgressBar
from interviewer.corpus.problems import CorpusError, Problem

#: Show progress for imports of at least this many questions.
PROGRESS_FROM = 1000
#: Say that a document this large is being read (bytes).
BIG_DOCUMENT = 2_000_000


def import_and_write(args: argparse.Namespace) -> int:
    from interviewer.corpus.deck_writer import dump_deck
    from interviewer.corpus.markdown_import import import_documents
    from interviewer.corpus.yaml_io import MAX_FILE_BYTES
    from interviewer.data_paths import shipped_corpus_dir
    from interviewer.settings import load_settings

    settings = load_settings()
    corpus_dir = settings.user_data_dir / "corpus"
    out: Path = args.out or corpus_dir / f"{args.deck}.yaml"
    shipped = shipped_corpus_dir() / f"{args.deck}.yaml"
    if not args.dry_run:
        if shipped.is_file() and not args.force and _hides(out, corpus_dir):
            raise CorpusError([Problem(Path(args.deck), (
                f"is the name of a shipped deck: a deck named {args.deck!r} in your data folder "
                "would replace it in practice; choose another --deck name, or pass --force to "
                "replace the shipped deck for you"))])
        if out.exists() and not args.force:
            raise CorpusError([Problem(out, "exists; pass --force to overwrite it")])
    bars: dict[str, ProgressBar] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = ProgressBar(total, label=stage, min_total=PROGRESS_FROM)
        while bar.done < done:
            bar.advance()

    for path in args.files:
        size = path.stat().st_size if path.is_file() else 0
        if size >= BIG_DOCUMENT:
            # parsing has no progress of its own: say what is happening (~5 s per MB measured by bench/import_scale.py)
            err(f"reading {path.name} ({size / 1e6:.1f} MB, about {size / 1e6 * 5:.0f} s)")
    try:
        result = import_documents(args.files, deck_name=args.deck, progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    # problems and explanations quote the documents' lines: cleaned for the terminal
    for problem in result.problems:
        err(str(problem))
    if args.explain:
        for label, parsed in result.parsed_documents.items():
            name = next(n for lab, n, _ in result.documents if lab == label)
            say_out(f"{label} = {name}")
            for line in parsed.explain():
                say_out(f"  {line}")
    if result.deck is None:
        return exit_codes.USAGE
    text = dump_deck(result.deck)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise CorpusError([Problem(out, (
            f"would be {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for a deck file "
            "(the app could not load it): import the documents as several decks"))])
    if args.dry_run:
        for line in result.report_lines():
            err(line)
        err(f"dry run: {len(result.deck.questions)} questions would be written to {out}")
        return exit_codes.OK
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out, text)  # re-importing over a deck never leaves half of one
    except OSError as exc:
        raise CorpusError([Problem(out, f"cannot be written: {exc.strerror or exc}")]) from None
    for line in result.report_lines():
        err(line)
    err(f"wrote {len(result.deck.questions)} questions to {out}")
    _next_steps(args.deck, out, corpus_dir)
    return exit_codes.OK


def _hides(out: Path, corpus_dir: Path) -> bool:
    """Would a deck written here be loaded in place of the shipped deck of the same name?"""
    try:
        return out.resolve().parent == corpus_dir.resolve() or out.parent.name == "corpus"
    except OSError:
        return True


def _next_steps(deck: str, out: Path, corpus_dir: Path) -> None:
    say = err
    if out.stem != deck:
        say(f"note: the deck loads from corpus/{deck}.yaml (a deck file is named after its "
            f"deck); rename {out.name} when you move it there")
    try:
        found = out.resolve().parent == corpus_dir.resolve()
    except OSError:
        found = False
    if found and out.stem == deck:
        say(f"practise it:      interviewer practice --deck {deck}")
        say(f"check it:         interviewer corpus lint {out}")
        say(f"draft rubrics:    interviewer corpus draft-rubrics --deck {deck} --backend openai "
            "--model <model>")
    elif not found:
        say(f"note: practice reads decks from {corpus_dir}; move the file there (or set "
            "INTERVIEWER_DATA_DIR to the folder above its corpus/) to practise it")
