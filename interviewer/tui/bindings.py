"""Every key binding of the app, each with an id so users can remap it in the config file:

```yaml
# <home>/config.yaml
keys:
  interview.submit: ctrl+j,f5
  interview.hint: f2
```

Ids are `<screen>.<action>`. The footer shows the effective keys, the help screen lists
them all. Keys that a text box needs (letters, enter, ctrl+a/e/k/u/w/z...) are avoided on
screens where the user types.
"""

from collections.abc import Mapping

from textual.binding import Binding


def _b(binding_id: str, key: str, action: str, description: str, *, show: bool = True,
       priority: bool = False) -> Binding:
    return Binding(key, action, description, show=show, priority=priority, id=binding_id)


APP = [
    _b("app.help", "f1", "app.help", "Help"),
    _b("app.palette", "ctrl+p", "app.command_palette", "Commands", show=False),
    _b("app.quit", "ctrl+q", "app.request_quit", "Quit", priority=True),
]

HOME = [
    _b("home.start", "ctrl+s", "start", "Start", priority=True),
    _b("home.resume", "ctrl+r", "resume", "Resume latest", priority=True),
    _b("home.history", "ctrl+o", "history", "History", priority=True),
]

INTERVIEW = [
    # ctrl+j is what most terminals send for ctrl+enter / shift+enter-less "newline" keys;
    # priority so the answer box does not take them as text.
    _b("interview.submit", "ctrl+j,alt+enter", "submit", "Submit", priority=True),
    _b("interview.hint", "ctrl+t", "hint", "Hint", priority=True),
    _b("interview.dont_know", "ctrl+g", "dont_know", "I don't know", priority=True),
    _b("interview.skip", "ctrl+n", "skip", "Skip", priority=True),
    _b("interview.retry", "ctrl+r", "retry", "Retry", priority=True),
    # not ctrl+b: that is tmux's prefix key, so inside tmux it never reaches the app
    _b("interview.offline", "ctrl+l", "switch_offline", "Use offline", priority=True),
    _b("interview.leave", "escape", "leave", "Leave"),
]

FEEDBACK = [
    _b("feedback.next", "enter,n", "next", "Next"),
    _b("feedback.retry", "r", "retry", "Try again"),
    _b("feedback.dispute", "d", "dispute", "Dispute a verdict"),
    # escape goes back to the report; in a practice session (nothing to go back to: the
    # question is graded) it leaves for Home, the session resumable at this feedback
    _b("feedback.back", "escape", "back", "Back"),
    _b("feedback.leave", "escape", "leave", "Leave"),
]

DISPUTE = [
    _b("dispute.cancel", "escape", "cancel", "Cancel"),
]

REPORT = [
    _b("report.export", "e", "export", "Export"),
    _b("report.open", "enter", "open_question", "Feedback", show=False),
    _b("report.back", "escape", "back", "Back"),
]

EXPORT = [
    _b("export.markdown", "m", "export('markdown')", "Markdown"),
    _b("export.json", "j", "export('json')", "JSON"),
    _b("export.html", "h", "export('html')", "HTML"),
    _b("export.cancel", "escape", "cancel", "Cancel"),
]

HISTORY = [
    _b("history.open", "enter", "open_session", "Open"),
    _b("history.delete", "delete", "delete_session", "Delete"),
    _b("history.back", "escape", "back", "Back"),
]

CONFIRM = [
    _b("confirm.yes", "y", "answer(True)", "Yes"),
    _b("confirm.no", "n,escape", "answer(False)", "No"),
]

HELP = [
    _b("help.close", "escape,f1,q", "close", "Close"),
]

#: Screen name -> its bindings, for the help screen and for checking the config file.
ALL: dict[str, list[Binding]] = {
    "Everywhere": APP, "Home": HOME, "Interview": INTERVIEW, "Feedback": FEEDBACK,
    "Dispute": DISPUTE, "Report": REPORT, "Export": EXPORT, "History": HISTORY,
    "Confirm": CONFIRM, "Help": HELP,
}


def binding_ids() -> set[str]:
    return {b.id for group in ALL.values() for b in group if b.id}


def checked_keymap(overrides: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The overrides whose ids exist, and one problem line per unknown id or empty key."""
    known = binding_ids()
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in overrides.items():
        if binding_id not in known:
            problems.append(f"config keys: unknown binding id {binding_id!r} "
                            f"(see the help screen, F1, for the ids)")
        elif not str(keys).strip():
            problems.append(f"config keys: {binding_id} has no key")
        else:
            keymap[binding_id] = str(keys).replace(" ", "")
    return keymap, problems


def effective_keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys that trigger `binding` once the user's keymap is applied."""
    return keymap.get(binding.id or "", binding.key)
