"""Keys out of every message: the one redactor that terminal output, logs, error messages and
stored text pass through.

It knows three kinds of secret:
- the key values this process was configured with (registered when the backend options are
  resolved: the config file's `api_key`, the variable named by `api_key_env`);
- the values of secret-looking environment variables (OPENAI_API_KEY, HF_TOKEN, ...);
- common key shapes, for a key that is in neither (a server echoing some other key in an error
  body, a key pasted into a config value): `sk-...`, `sk-ant-...`, `AIza...`, `hf_...`,
  `ghp_...`, `xox?-...`, `AKIA...`, and whatever follows `Bearer`.

Kept free of heavy imports: it runs on every error path, including before pydantic loads.
"""

from __future__ import annotations

import os
import re

#: Environment variable names whose values are secrets: OPENAI_API_KEY, HF_TOKEN,
#: AWS_SECRET_ACCESS_KEY, DB_PASSWORD… (whole words, so TOKENIZERS_PARALLELISM is not).
SECRET_NAME = re.compile(
    r"(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?)(?:$|_)", re.IGNORECASE
)
#: Shorter values are too likely to occur in ordinary text to be replaced safely.
MIN_SECRET_LEN = 8
REDACTED = "[redacted]"

# Shapes of provider keys. Each needs a long random tail, so prose ("sk-learn", "a risk-free
# step") is never taken for a key; the placeholder we send to keyless servers
# ("sk-no-key-required") is too short a tail to match.
KEY_SHAPES = re.compile(
    r"\b(?:sk|rk|pk)-(?:proj-|ant-(?:api\d\d-|admin\d\d-)?|live-|test-|svcacct-)?[A-Za-z0-9_\-]{20,}"
    r"|\bAIza[0-9A-Za-z_\-]{30,}"
    r"|\bhf_[A-Za-z0-9]{20,}"
    r"|\bgh[pousr]_[A-Za-z0-9]{30,}"
    r"|\bxox[abprs]-[A-Za-z0-9\-]{10,}"
    r"|\bAKIA[0-9A-Z]{16}\b"
    r"|(?<=[Bb]earer )[A-Za-z0-9._\-~+/]{12,}=*"
)

_registered: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a configured key value so every later message hides it."""
    if value and len(value) >= MIN_SECRET_LEN:
        _registered.add(value)


def environment_secrets() -> list[str]:
    """Values of the secret-looking environment variables (read now: a test or a user may
    export one after start-up)."""
    return [v for k, v in os.environ.items() if SECRET_NAME.search(k) and len(v) >= MIN_SECRET_LEN]


def known_secrets(extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Registered keys, secret environment values and `extra`, longest first (so a key that
    contains another is replaced whole)."""
    found = _registered.union(environment_secrets(), (s for s in extra if s and len(s) >= MIN_SECRET_LEN))
    return sorted(found, key=len, reverse=True)


def redact(text: str, extra: tuple[str, ...] | list[str] = ()) -> str:
    """`text` with every known key value and every key-shaped string replaced by [redacted]."""
    if not text:
        return text
    for secret in known_secrets(extra):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return KEY_SHAPES.sub(REDACTED, text)
