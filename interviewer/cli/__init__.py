"""Command line: `interviewer` opens the app; subcommands do everything headless."""
