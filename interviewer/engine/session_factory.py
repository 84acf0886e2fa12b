"""Build a ready InterviewSession from settings: catalog, grader, interviewer, store and the
spaced-repetition schedule kept in the store.

Shared by the TUI and the plain line-mode runner, so both start sessions the same way."""

from collections.abc import Callable
from datetime import datetime

from interviewer.corpus.catalog import Catalog, load_default_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.backends import make_interviewer
from interviewer.engine.interview import InterviewSession, utcnow
from interviewer.engine.spaced_repetition import SpacedRepetition
from interviewer.grading.factory import make_grader
from interviewer.settings import Settings


def load_catalog_for(settings: Settings) -> Catalog:
    """The shipped decks plus the user's data folder; raises CorpusError on broken files."""
    return load_default_catalog(settings.user_data_dir).raise_for_errors()


def repetition_for(store, clock: Callable[[], datetime] | None = None) -> SpacedRepetition | None:
    """The schedule in `store` (None without a store)."""
    return SpacedRepetition(store.schedule, clock or utcnow) if store is not None else None


def start_session(
    settings: Settings, config: SessionConfig, store=None, catalog: Catalog | None = None,
    clock: Callable[[], datetime] | None = None,
) -> InterviewSession:
    catalog = catalog or load_catalog_for(settings)
    topic_scores = None
    if config.favour_weak and store is not None:
        from interviewer.store.progress import topic_scores as read_topic_scores

        topic_scores = read_topic_scores(store)
    # validated (not model_copy): the names are stored with the session and shown later
    config = type(config).model_validate(
        {**config.model_dump(), "backend": settings.backend, "model": settings.model})
    return InterviewSession.start(
        config, catalog, make_grader(settings, catalog), make_interviewer(settings), store, topic_scores,
        clock=clock, repetition=repetition_for(store, clock),
    )


def resume_session(
    settings: Settings, session_id: str, store, catalog: Catalog | None = None, *,
    take_over: bool = False, clock: Callable[[], datetime] | None = None,
) -> InterviewSession:
    """The stored session, ready to go on. An unfinished one is locked for this process
    first: SessionInUse (from the store) when another live process has it open, unless
    `take_over`; then it is read after the lock, so it has the other process's last turns."""
    catalog = catalog or load_catalog_for(settings)
    session = store.load(session_id)
    if session.status == "active":
        store.acquire(session.id, take_over=take_over)
        session = store.load(session.id)
    return InterviewSession.resume(
        session, catalog, make_grader(settings, catalog), make_interviewer(settings), store,
        clock=clock, repetition=repetition_for(store, clock),
    )
