"""How fast does the app start, and how fast is `interviewer --help`?

1. Time from process start to the Home screen being painted, headless, through the real
   entry point (`interviewer` with no command), against a minimal Textual app that shows one
   label. Both are measured in this run, alternately, in fresh processes; the ratio is what
   matters (target: Home ready <= 1.5x). Three moments are timed for the app: Home painted
   (title, panels, Start and History buttons, the footer's keys: help, history, the command
   palette and quit work), Home ready (the chosen deck shown from the deck cache, the
   resumable sessions and topic scores listed from the store file; the other choices follow
   right after, mounted one by one so keys are not held up), and
   everything loaded (the validated settings, the store and the full catalog, read in threads
   after that: Start works). Home ready is also timed on a first start, without the deck cache
   (the decks are then listed once the catalog is parsed).
2. `interviewer --help` wall time (target: under 0.3 s), and which heavy libraries that path
   imports (target: none of textual, openai, litellm, pydantic).

Run: .venv/bin/python bench/startup.py [runs]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
INTERVIEWER = str(Path(PYTHON).with_name("interviewer"))

# The minimal app prints READY from a callback that runs after its first refresh. The app
# prints PAINTED from the same kind of callback (Home's first refresh), READY once the decks
# and the resumable sessions are listed (after the next refresh: on the terminal), and LOADED
# once the settings, the store and the catalog are in.
MINIMAL = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello")

    def on_mount(self):
        self.set_interval(0.002, self.check)

    def check(self):
        if self.query(Label) and self.screen.is_mounted and not hasattr(self, "done"):
            self.done = True
            self.call_after_refresh(ready)

def ready():
    print("READY", flush=True)
    app.exit()

app = Minimal()
app.run(headless=True)
"""

APP = """
import importlib.machinery
import sys

# The real entry point (`interviewer` with no command), run headless. The app's modules are
# instrumented as the entry point imports them (not imported up front here), so the process
# loads everything in the same order, and under the same conditions, as `interviewer` does.

class Instrument:
    hooks = {}

    def find_spec(self, name, path=None, target=None):
        hook = self.hooks.pop(name, None)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            hook(module)

        spec.loader.exec_module = exec_and_patch
        return spec

app = None

def patch_app(module):
    run = module.InterviewerApp.run

    def headless_run(self, *args, **kwargs):
        global app
        app = self
        app.call_later(lambda: app.set_interval(0.002, check))
        return run(self, headless=True)

    module.InterviewerApp.run = headless_run

def patch_home(module):
    build_form = module.HomeScreen._build_form

    async def timed_build_form(self):
        # Runs right after Home's first refresh: the screen is on the terminal. When that
        # paint already lists the decks and the sessions, Home is ready now.
        print("PAINTED", flush=True)
        if listed(self):
            self.app.ready = True
            print("READY", flush=True)
        await build_form(self)

    module.HomeScreen._build_form = timed_build_form

Instrument.hooks.update({"interviewer.tui.app": patch_app,
                         "interviewer.tui.screens.home": patch_home})
sys.meta_path.insert(0, Instrument())

def listed(screen):
    # `listed`: the chosen deck (from the deck cache, or the catalog) and the resumable
    # sessions are on screen
    sessions = screen.query("#unfinished")
    return (getattr(screen, "listed", False) and bool(sessions)
            and sessions.first().option_count > 0)

def check():
    from interviewer.tui.screens.home import HomeScreen
    screen = app.screen
    if not isinstance(screen, HomeScreen) or not listed(screen):
        return
    if not getattr(app, "ready", False):
        app.ready = True
        app.call_after_refresh(lambda: print("READY", flush=True))
    if screen.form_ready and screen._loaded.is_set() and not getattr(app, "done", False):
        app.done = True
        app.call_after_refresh(loaded)

def loaded():
    print("LOADED", flush=True)
    app.exit()

from interviewer.cli.main import main
main([])
"""


def time_child(args: list[str], env: dict[str, str], markers=("READY",)) -> list[float]:
    """Seconds from spawning the process to each marker line it prints."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    seen: dict[str, float] = {}
    for line in proc.stdout:
        if line.strip() in markers:
            seen.setdefault(line.strip(), time.perf_counter() - start)
            if len(seen) == len(markers):
                break
    if len(seen) != len(markers):
        raise RuntimeError(f"{args[:2]} printed {sorted(seen)}: {proc.stderr.read()[-2000:]}")
    proc.wait(timeout=30)
    return [seen[m] for m in markers]


def time_help(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([INTERVIEWER, "--help"], capture_output=True, check=True, env=env)
    return time.perf_counter() - start


def heavy_modules_on_help_path(env: dict[str, str]) -> list[str]:
    code = ("import sys; from interviewer.cli.main import build_parser; build_parser().format_help();"
            "print(' '.join(m for m in ('textual', 'openai', 'litellm', 'httpx', 'pydantic') if m in sys.modules))")
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True, env=env)
    return out.stdout.split()


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    home = tempfile.mkdtemp(prefix="interviewer-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEWER_")}
    env.update(INTERVIEWER_HOME=home, INTERVIEWER_BACKEND="offline", TEXTUAL_ANIMATIONS="none")
    # As installed: pip compiles every module to bytecode, so an installed `interviewer`, like
    # Textual here, does not re-compile its sources at each start. With PYTHONDONTWRITEBYTECODE
    # set (some sandboxes and CI images), only the app's own modules would be compiled in every
    # run (~15 ms on the path to the first paint). The bytecode goes to a temporary folder
    # (written by the warm-up runs), not into the repository.
    bytecode = env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="interviewer-bench-pyc-")
    minimal: list[float] = []
    painted: list[float] = []
    ready: list[float] = []
    loaded: list[float] = []
    cold: list[float] = []
    help_times: list[float] = []
    app_markers = ("PAINTED", "READY", "LOADED")
    deck_cache = Path(home) / "cache" / "decks.json"
    # one warm-up of each, to take disk caches out of the first figure (and to write the
    # deck cache and create the store, as any earlier start of the app has)
    time_child([PYTHON, "-c", MINIMAL], env)
    time_child([PYTHON, "-c", APP], env, app_markers)
    time_help(env)
    for _ in range(runs):
        minimal += time_child([PYTHON, "-c", MINIMAL], env)
        p, r, done = time_child([PYTHON, "-c", APP], env, app_markers)
        painted.append(p)
        ready.append(r)
        loaded.append(done)
        deck_cache.unlink()
        cold.append(time_child([PYTHON, "-c", APP], env, app_markers)[1])  # rewrites it
        help_times.append(time_help(env))
    med = statistics.median
    base = med(minimal)
    print(f"startup, headless, median of {runs} fresh processes (process start -> ...):")
    print(f"  minimal Textual app, one label painted: {base * 1000:6.0f} ms")
    for label, times in (("Home painted (title, panels, keys)", painted),
                         ("Home ready (decks, sessions listed)", ready),
                         ("everything loaded (Start works)", loaded),
                         ("Home ready, first start (no cache)", cold)):
        print(f"  interviewer, {label:<36} {med(times) * 1000:6.0f} ms  "
              f"ratio {med(times) / base:.2f}x")
    print("  target: Home ready <= 1.5x the minimal app")
    if bytecode:
        print("  (PYTHONDONTWRITEBYTECODE was set: unset for these runs, bytecode cached as "
              "an installed app has it)")
    heavy = heavy_modules_on_help_path(env)
    print(f"`interviewer --help`: {med(help_times) * 1000:.0f} ms median "
          f"(min {min(help_times) * 1000:.0f} ms; target < 300 ms); "
          f"heavy modules imported: {', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
