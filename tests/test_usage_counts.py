"""The usage summary counts what the server saw: every request, the transport's retries and
the re-asks after invalid output included (both backends, a real server on loopback)."""

import pytest
from pydantic import BaseModel

from tests.support.fake_openai_server import FakeOpenAIServer, Reply
from tests.support.llm_helpers import litellm_backend, openai_backend

HELLO = [{"role": "user", "content": "hi"}]


class Verdict(BaseModel):
    verdict: str


@pytest.mark.parametrize("make_backend", [openai_backend, litellm_backend], ids=["openai", "litellm"])
async def test_requests_match_the_servers_count(make_backend):
    with FakeOpenAIServer() as server:
        server.script(Reply(status=429, headers={"retry-after-ms": "5"}),   # retried
                      Reply(text="not json"),                               # re-asked
                      Reply(text='{"verdict": "met"}'),
                      Reply(status=503, headers={"retry-after-ms": "5"}),   # retried
                      Reply(text="Why?"))
        backend = make_backend(base_url=server.url, max_retries=2)
        out = await backend.structured(HELLO, Verdict)
        streamed = "".join([c async for c in backend.stream(HELLO)])
        await backend.aclose()
        served = len(server.chat_requests)
    assert out.value.verdict == "met" and streamed == "Why?"
    assert served == 5
    assert backend.usage.requests == served
    assert backend.usage.summary().startswith("5 requests (2 retries, 1 re-ask)")
