"""Imports go one way: tui -> engine -> llm/domain/store/corpus; heavy SDKs load lazily."""

import subprocess
import sys


def loaded_after(import_stmt: str) -> set[str]:
    code = f"{import_stmt}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_engine_does_not_load_textual_or_sdks():
    mods = loaded_after(
        "import interviewer.engine.interview, interviewer.grading.offline_grader, "
        "interviewer.engine.report, interviewer.engine.backends"
    )
    assert "textual" not in mods
    assert "openai" not in mods and "litellm" not in mods


def test_grading_never_imports_the_engine_or_ui():
    mods = loaded_after(
        "import interviewer.grading.offline_grader, interviewer.grading.llm_grader, "
        "interviewer.grading.factory, interviewer.grading.rubric_selfcheck, "
        "interviewer.grading.reference_only"
    )
    assert not any(m.startswith(("interviewer.engine", "interviewer.tui", "textual")) for m in mods)
    assert "openai" not in mods and "litellm" not in mods


def test_cli_help_path_loads_no_heavy_library():
    mods = loaded_after("from interviewer.cli.main import build_parser; build_parser().format_help()")
    assert not {"textual", "openai", "litellm", "pydantic"} & mods


def test_interviewer_help_does_not_import_pydantic():
    # `interviewer --help` through the real entry point (argparse exits after printing)
    mods = loaded_after("import contextlib, io\nfrom interviewer.cli.main import main\n"
                        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
                        "    main(['--help'])")
    assert "pydantic" not in mods and "pydantic_settings" not in mods
    assert not {"textual", "openai", "litellm", "yaml", "sqlite3"} & mods


def test_the_app_reaches_its_first_paint_without_settings_models_or_store():
    # What `interviewer` imports before Home is painted: the parser without the commands,
    # the app and Home. Settings, domain models, engine, store and catalog load afterwards.
    mods = loaded_after(
        "from interviewer.cli.main import build_parser; build_parser(commands=False).parse_args([])\n"
        "import interviewer.cli.app_cmd, interviewer.cli.common\n"
        "from interviewer.tui.app import make_app\n"
        "from interviewer.tui.screens.home import HomeScreen\n"
        "make_app()"
    )
    assert "textual" in mods
    assert not {"pydantic", "pydantic_settings", "yaml", "sqlite3"} & mods
    assert not any(m.startswith(("interviewer.domain", "interviewer.engine", "interviewer.store",
                                 "interviewer.corpus", "interviewer.llm", "interviewer.cli.corpus_cmd"))
                   for m in mods)


def test_llm_and_store_do_not_import_the_engine_or_ui():
    mods = loaded_after("import interviewer.llm, interviewer.store")
    assert not any(m.startswith(("interviewer.engine", "interviewer.tui", "textual")) for m in mods)


def test_import_and_rubric_drafting_load_no_ui_engine_or_sdk():
    mods = loaded_after("import interviewer.corpus.markdown_import, "
                        "interviewer.authoring.rubric_drafter, interviewer.cli.rubric_draft_cmd")
    assert not any(m.startswith(("interviewer.engine", "interviewer.tui", "textual")) for m in mods)
    assert "openai" not in mods and "litellm" not in mods
