"""Grading: everything that turns an answer into a grade.

Text normalisation, claims and their polarity, the concept matcher, pre-checks, scoring,
evidence checks, grading prompts, and the two graders (offline: rubric-driven and
deterministic; LLM: rubric-schema verdicts checked in code). The engine calls it through
`interviewer.grading.protocols`; nothing here imports the engine or Textual.
"""
