"""Progress of a batch on stderr: a live bar on a terminal, plain lines in a log."""

import io

from interviewer.cli.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_terminal_gets_a_bar_redrawn_in_place_with_fallbacks_counted():
    out = Terminal()
    bar = ProgressBar(4, stream=out)
    for note in (None, "fell back", None, None):
        bar.advance(note)
    bar.close()
    text = out.getvalue()
    assert text.count("\r") == 4 and text.endswith("\n")
    assert "graded 4/4 · 1 fell back" in text and "█" * 28 in text


def test_a_log_gets_plain_lines_every_five_percent():
    out = io.StringIO()
    bar = ProgressBar(40, stream=out)
    for _ in range(40):
        bar.advance()
    bar.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 20 and lines[-1].startswith("graded 40/40")
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_short_runs_stay_quiet():
    out = Terminal()
    bar = ProgressBar(3, stream=out, min_total=21)
    for _ in range(3):
        bar.advance()
    bar.close()
    assert out.getvalue() == ""
