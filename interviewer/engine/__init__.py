"""The interview engine: selection, state machine, follow-ups, grading, reports.

Never imports Textual; the UI drives it through `InterviewSession`.
"""
