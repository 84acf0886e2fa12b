"""Fixtures shared by the backend tests: both backends in turn, and a respx router on the real
HTTP layer that lets nothing through. Import them into a test module to use them."""

import pytest
import respx

from tests.support.llm_helpers import litellm_backend, openai_backend


@pytest.fixture(params=["openai", "litellm"])
def make_backend(request):
    """The backend factory (openai_backend or litellm_backend), each in turn."""
    return {"openai": openai_backend, "litellm": litellm_backend}[request.param]


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock
