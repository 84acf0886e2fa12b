"""Imports go one way: tui -> engine -> llm/domain/store/corpus; heavy SDKs load lazily."""

import subprocess
import sys


def loaded_after(import_stmt: str) -> set[str]:
    code = f"{import_stmt}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_engine_does_not_load_textual_or_sdks():
    mods = loaded_after(
        "import interviewer.engine.interview, interviewer.engine.offline_grader, "
        "interviewer.engine.report, interviewer.engine.backends"
    )
    assert "textual" not in mods
    assert "openai" not in mods and "litellm" not in mods


def test_cli_help_path_loads_no_heavy_library():
    mods = loaded_after("from interviewer.cli.main import build_parser; build_parser().format_help()")
    assert not {"textual", "openai", "litellm"} & mods


def test_llm_and_store_do_not_import_the_engine_or_ui():
    mods = loaded_after("import interviewer.llm, interviewer.store")
    assert not any(m.startswith(("interviewer.engine", "interviewer.tui", "textual")) for m in mods)
