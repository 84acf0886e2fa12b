"""A scripted OpenAI-compatible HTTP server on 127.0.0.1 (ephemeral port), for end-to-end
tests and benchmarks: GET /v1/models, POST /v1/chat/completions (plain JSON and SSE
streaming), with a configurable delay per call and per streamed chunk.

    with FakeOpenAIServer(call_delay=0.1) as server:
        client = AsyncOpenAI(base_url=server.url, api_key="x")
        server.script(Reply(text="Why?"), Reply(status=429, headers={"retry-after": "1"}))

Replies are taken from the script queue first; when it is empty the responder answers: by
default a valid reply to whatever JSON schema the request asks for (a grading reply quotes
the candidate's answer from between its markers) and, for plain chat, a fixed follow-up.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_TEXT = "What happens to the gradients if you forget to call zero_grad between steps?"
_ANSWER = re.compile(r"<<<ANSWER-([0-9a-f]+)>>>\n(.*?)\n<<<END-ANSWER-\1>>>", re.DOTALL)
_SCHEMA_IN_PROMPT = re.compile(r"validates against this JSON schema:\n(\{.*\})\s*$", re.DOTALL)


@dataclass
class Reply:
    """One scripted response. `text` is sent as the message content (streamed in `chunks`
    word groups when the request asks for a stream); `body` replaces the whole JSON body;
    `status` >= 400 sends an error; `drop_after` cuts a stream after that many chunks (the
    connection is shut without the end of the body); `finish_reason` None ends a stream
    cleanly but without a finish reason or [DONE] (as a proxy that gave up does), "length"
    as a reply cut by the token limit."""

    text: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    drop_after: int | None = None
    delay: float | None = None
    finish_reason: str | None = "stop"


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any


def _words(text: str, size: int) -> list[str]:
    parts = re.findall(r"\S+\s*", text) or [text]
    return ["".join(parts[i:i + size]) for i in range(0, len(parts), size)]


def example_for(schema: dict[str, Any], quote: str, key: str = "") -> Any:
    """A value valid for a (strict) JSON schema: grading replies say "partial" with a quote
    of the candidate's answer; everything else gets a plain minimal value."""
    kind = schema.get("type")
    if "enum" in schema:
        return "partial" if "partial" in schema["enum"] else schema["enum"][0]
    if kind == "object":
        return {k: example_for(v, quote, k) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [quote] if key == "evidence" and quote else []
    if kind == "boolean":
        return key != "present"  # {"ok": true}; misconceptions absent
    if kind in ("integer", "number"):
        return 1
    if kind == "string":
        return "Scripted rationale." if key == "rationale" else "x"
    return None


def default_responder(request: dict[str, Any]) -> Reply:
    """A valid structured reply when a schema is asked for, else DEFAULT_TEXT."""
    messages = request.get("messages", [])
    prompt = "\n".join(str(m.get("content", "")) for m in messages)
    schema = None
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        schema = fmt["json_schema"]["schema"]
    else:
        found = _SCHEMA_IN_PROMPT.search(prompt)
        if found:
            schema = json.loads(found.group(1))
    if schema is None:
        return Reply(text=DEFAULT_TEXT)
    answer = _ANSWER.search(prompt)
    quote = " ".join(answer.group(2).split()[:8]) if answer else ""
    return Reply(text=json.dumps(example_for(schema, quote)))


_ECHO = re.compile(r"Reply with exactly this text and nothing else:\n(.*)\Z", re.DOTALL)


def obedient_responder(request: dict[str, Any]) -> Reply:
    """A server that does not enforce JSON schemas, with a model that does what it is told:
    "Reply with exactly this text and nothing else: ..." is echoed, schema or not."""
    messages = request.get("messages", [])
    last = str(messages[-1].get("content", "")) if messages else ""
    echo = _ECHO.search(last)
    if echo:
        return Reply(text=echo.group(1).strip())
    return default_responder(request)


class FakeOpenAIServer:
    """See the module docstring. Thread-safe; use as a context manager."""

    def __init__(self, *, models: tuple[str, ...] = ("m",), call_delay: float = 0.0,
                 chunk_delay: float = 0.0, words_per_chunk: int = 2,
                 responder: Callable[[dict[str, Any]], Reply] = default_responder,
                 api_key: str | None = None, unknown_model_status: int = 404):
        self.models = models
        self.call_delay = call_delay
        self.chunk_delay = chunk_delay
        self.words_per_chunk = words_per_chunk
        self.responder = responder
        self.api_key = api_key
        #: 404 as OpenAI answers an unknown model; 400 as a LiteLLM proxy does.
        self.unknown_model_status = unknown_model_status
        self.requests: list[Recorded] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control ---------------------------------------------------------------------------

    def script(self, *replies: Reply) -> None:
        """Queue replies for the next chat calls, in order."""
        with self._lock:
            self._script.extend(replies)

    def _next_reply(self, request: dict[str, Any]) -> Reply:
        with self._lock:
            if self._script:
                return self._script.popleft()
        return self.responder(request)

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAIServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]


class _QuietServer(ThreadingHTTPServer):
    """A client closing its keep-alive connection (or a scripted drop) is not an error."""

    # The default backlog of 5 drops connection attempts from a concurrent client (which
    # then retries after a second): real servers accept far more.
    request_queue_size = 256

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    owner: FakeOpenAIServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    # Headers and body go out in separate writes: with Nagle's algorithm on, the body waits
    # for the client's delayed ACK (~40 ms per response). Real servers set TCP_NODELAY too.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _record(self, payload: Any) -> None:
        with self.owner._lock:
            self.owner.requests.append(Recorded(self.command, self.path, dict(self.headers), payload))

    def _authorised(self) -> bool:
        if self.owner.api_key is None:
            return True
        if self.headers.get("Authorization") == f"Bearer {self.owner.api_key}":
            return True
        self._json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})
        return False

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._record(None)
        if not self._authorised():
            return
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                for m in self.owner.models]})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            payload = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            payload = None
        self._record(payload)
        if not self._authorised():
            return
        if not self.path.rstrip("/").endswith("/chat/completions") or not isinstance(payload, dict):
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        model = payload.get("model")
        if model not in self.owner.models:
            if self.owner.unknown_model_status == 400:  # a LiteLLM proxy's words
                self._json(400, {"error": {"message": (
                    f"{{'error': '/chat/completions: Invalid model name passed in model={model}. "
                    f"Call `/v1/models` to view available models for your key.'}}"),
                    "type": "None", "param": "None", "code": "400"}})
                return
            self._json(404, {"error": {"message": f"The model `{model}` does not exist",
                                       "code": "model_not_found"}})
            return
        reply = self.owner._next_reply(payload)
        delay = self.owner.call_delay if reply.delay is None else reply.delay
        if delay:
            time.sleep(delay)
        if reply.status >= 400:
            self._json(reply.status, reply.body or {"error": {"message": f"scripted {reply.status}"}},
                       reply.headers)
            return
        if payload.get("stream"):
            self._stream(payload, reply)
            return
        text = reply.text or ""
        body = reply.body if reply.body is not None else {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": _usage(payload, text),
        }
        self._json(200, body, reply.headers)

    def _stream(self, payload: dict[str, Any], reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        text = reply.text or ""
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": payload.get("model")}
        pieces = _words(text, self.owner.words_per_chunk)
        for n, piece in enumerate(pieces):
            if reply.drop_after is not None and n >= reply.drop_after:
                self.wfile.flush()
                self.connection.shutdown(2)  # cut mid-stream, without the terminating chunk
                self.close_connection = True
                return
            if n and self.owner.chunk_delay:
                time.sleep(self.owner.chunk_delay)
            delta = {"content": piece} if n else {"role": "assistant", "content": piece}
            self._event({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        if reply.finish_reason is None:  # ends cleanly, but never says it is complete
            self._chunk(b"")
            return
        self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]})
        if (payload.get("stream_options") or {}).get("include_usage"):
            self._event({**base, "choices": [], "usage": _usage(payload, text)})
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _event(self, data: dict[str, Any]) -> None:
        self._chunk(b"data: " + json.dumps(data).encode() + b"\n\n")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _usage(payload: dict[str, Any], text: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", "")).split()) for m in payload.get("messages", []))
    completion = len(text.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": prompt + completion}


class ServerProcess:
    """The same server in a child process (for benchmarks: its request handling then does
    not compete with the client's event loop for the GIL, as with any real server).

        with ServerProcess(call_delay=0.1) as url: ...
    """

    def __init__(self, *, call_delay: float = 0.0, chunk_delay: float = 0.0, models: str = "m"):
        self.args = ["--call-delay", str(call_delay), "--chunk-delay", str(chunk_delay),
                     "--models", models]
        self.proc = None

    def __enter__(self) -> str:
        import subprocess
        import sys
        from pathlib import Path

        root = Path(__file__).resolve().parents[2]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.fake_openai_server", *self.args],
            cwd=root, stdout=subprocess.PIPE, text=True)
        return self.proc.stdout.readline().strip()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _main() -> None:
    import argparse
    import signal
    import sys

    parser = argparse.ArgumentParser(description="Serve the scripted OpenAI-compatible server.")
    parser.add_argument("--call-delay", type=float, default=0.0)
    parser.add_argument("--chunk-delay", type=float, default=0.0)
    parser.add_argument("--models", default="m", help="comma-separated model names")
    args = parser.parse_args()
    server = FakeOpenAIServer(models=tuple(args.models.split(",")), call_delay=args.call_delay,
                              chunk_delay=args.chunk_delay).start()
    print(server.url, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (server.stop(), sys.exit(0)))
    signal.pause()


if __name__ == "__main__":
    _main()
