"""The app's shared services: the session store and the question catalog (loaded in a
thread, then warmed up in the background), and opening a session over them: started, resumed,
or taken over from another interviewer. A part of InterviewerApp (tui/app.py)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog
    from interviewer.domain import SessionConfig
    from interviewer.engine.interview import InterviewSession
    from interviewer.settings_model import Settings
    from interviewer.store.session_store import SessionStore


class AppServices:
    """The store, the catalog and the sessions opened over them."""

    @property
    def store(self) -> "SessionStore":
        """The session store, opened on first use (StoreError says what to do). A healthy
        store that cannot be written (disk full, read-only folder) is opened read-only, so
        History and the reports still open; Home says so, and a write says why it failed."""
        if self._store is None:
            from interviewer.store.session_store import SessionStore

            self._store = SessionStore.open(self.settings, read_only_fallback=True)
        return self._store

    async def catalog(self) -> "Catalog":
        """Every deck and rubric, parsed once in a thread so the screen never stalls."""
        async with self._catalog_lock:
            if self._catalog is None:
                self._catalog = await asyncio.to_thread(_load_catalog, self.settings)
                # then, in the background, what the first answer would otherwise wait for
                self.run_worker(asyncio.to_thread(_warm_up, self._catalog), group="warm-up")
            return self._catalog

    async def open_store(self) -> SessionStore:
        """The store, opened in a thread the first time (it imports the domain models)."""
        if self._store is None:
            await asyncio.to_thread(lambda: self.store)
        return self.store

    @property
    def loaded_catalog(self) -> "Catalog | None":
        """The catalog if it has been loaded already (else None)."""
        return self._catalog

    async def open_session(self, config: SessionConfig | None = None,
                           resume_id: str | None = None) -> None:
        """Start (or resume) a session and show it. Raises with a message to show the user."""
        from interviewer.domain import SessionConfig
        from interviewer.engine.session_factory import resume_session, start_session

        catalog = await self.catalog()
        store = self.store
        settings = self.settings
        # In a thread: building an LLM backend imports its SDK (openai ~1.5 s). The store is
        # safe to use from another thread (one locked connection).
        if resume_id is not None:
            from interviewer.store.session_locks import SessionInUse

            try:
                engine = await asyncio.to_thread(resume_session, settings, resume_id, store,
                                                 catalog)
            except SessionInUse as busy:
                if not await self._take_over_chosen(busy):
                    return
                engine = await asyncio.to_thread(resume_session, settings, resume_id, store,
                                                 catalog, take_over=True)
        else:
            engine = await asyncio.to_thread(
                start_session, settings, config or SessionConfig(), store, catalog)
        await self.show_session(engine)
        if engine.selection_note:  # fewer questions than asked for: say so, and why
            self.notify(engine.selection_note, title="Fewer questions", severity="warning",
                        timeout=12)

    async def _take_over_chosen(self, busy) -> bool:
        """The session is open in another interviewer: True to take it over; otherwise its
        report so far is shown read-only (nothing is changed) and False is returned."""
        from interviewer.tui.screens.confirm import ConfirmScreen
        from interviewer.tui.screens.report import ReportScreen

        take_over = await self.push_screen_wait(ConfirmScreen(
            "This session is open in another interviewer.",
            f"{busy.holder.describe()}.\n\nTake it over: the other window can no longer change "
            "it, and what it was typing is kept for you here. Or view it read-only.",
            yes="Take over", no="View read-only"))
        if take_over:
            return True
        await self.push_screen(ReportScreen(self.store.load(busy.session_id)))
        return False

    async def show_session(self, engine: "InterviewSession") -> None:
        from interviewer.tui.screens.interview import InterviewScreen
        from interviewer.tui.screens.report import ReportScreen

        if engine.finished and not engine.grading.pending:
            await self.push_screen(ReportScreen(engine.session))
        else:
            await self.push_screen(InterviewScreen(engine))
        self.freeze_heap()


def _load_catalog(settings: Settings) -> Catalog:
    # Imported here, in the loading thread: the engine and the YAML parsing are the slow part
    # of start-up, and Home is already on screen.
    from interviewer.engine.session_factory import load_catalog_for

    return load_catalog_for(settings)


def _warm_up(catalog: Catalog) -> None:
    _warm_up_grader(catalog)
    _warm_up_highlighting()


def _warm_up_grader(catalog: Catalog) -> None:
    """Grade one throw-away answer now, in the loading thread: the offline grader builds its
    word tables on first use (~200-400 ms), which would otherwise freeze the screen when the
    first answer is sent (the follow-up decision grades it on the event loop)."""
    from interviewer.grading.offline_grader import OfflineGrader
    from interviewer.grading.protocols import GradeRequest

    for deck, question in catalog.questions():
        rubric = catalog.rubric(deck, question.id)
        if rubric is not None:
            # with the catalog: the deck's topicality index is built here too
            OfflineGrader(catalog).grade_sync(GradeRequest(question=question, rubric=rubric,
                                                           answer="warming up"))
            return


def _warm_up_highlighting() -> None:
    """Load pygments and its Python lexer now, in the loading thread: done lazily, it stalls
    the screen ~100 ms the first time a reply contains a code block."""
    from rich.syntax import Syntax

    Syntax("x = 1", "python").highlight("x = 1")


def describe_error(exc: BaseException) -> str:
    """One message a user can act on, for the errors opening a session can raise."""
    from interviewer.corpus.problems import CorpusError

    if isinstance(exc, CorpusError):
        return "\n".join(str(p) for p in exc.problems[:5])
    text = str(exc) or type(exc).__name__
    return text
