"""The interview engine: selection, state machine, follow-ups, reports (grading: `interviewer.grading`).

Never imports Textual; the UI drives it through `InterviewSession`.
"""
