"""The wheel carries corpus/ and rubrics/: built, installed in a fresh venv, run from elsewhere."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow
def test_installed_wheel_ships_the_decks_and_rubrics(tmp_path):
    pytest.importorskip("hatchling", reason="needs hatchling (the dev extra) to build the wheel")
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, REPO, cwd=tmp_path)
    wheel = next(dist.glob("interviewer-*.whl"))

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    fresh_python = fresh / "bin" / "python"
    # install with the dev venv's pip into the fresh one; the dependencies come from PYTHONPATH
    run(sys.executable, "-m", "pip", "--python", fresh_python, "install", "--quiet", "--no-deps",
        wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # PYTHONPATH entries do not process .pth files, so the dev venv's editable install of
    # interviewer stays invisible: `interviewer` can only come from the wheel.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "INTERVIEWER_HOME": str(tmp_path / "app-home"),
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
    }
    where = run(fresh_python, "-c", "import interviewer.data_paths as d; print(d.shipped_root())",
                cwd=elsewhere, env=env).strip()
    assert Path(where).is_relative_to(fresh), f"interviewer was imported from {where}"

    stats = json.loads(run(fresh / "bin" / "interviewer", "corpus", "stats", "--json",
                           cwd=elsewhere, env=env))
    decks = sorted(p.stem for p in (REPO / "corpus").glob("*.yaml"))
    assert sorted(stats) == decks
    for name in decks:
        shipped = yaml.safe_load((REPO / "corpus" / f"{name}.yaml").read_text(encoding="utf-8"))
        rubrics = list((REPO / "rubrics" / name).glob("*.yaml"))
        assert stats[name]["questions"] == len(shipped["questions"])
        assert stats[name]["rubrics"] == len(rubrics)
    if (REPO / "corpus" / "pytorch.yaml").is_file():
        assert stats["pytorch"]["questions"] > 0
