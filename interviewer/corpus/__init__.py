"""Loading, validating, importing and linting decks and rubrics."""
