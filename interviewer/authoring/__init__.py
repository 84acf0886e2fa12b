"""Authoring decks: rubrics drafted by a model, reviewed by a person (`corpus draft-rubrics`,
`corpus review`). Sits beside the engine: it uses grading (to lint a draft) and llm."""
