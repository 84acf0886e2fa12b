"""The exit codes of every `interviewer` command, in one place (README "Safety" lists them).

Scripts that grade a cohort rely on these: 0 means every answer was graded as asked.
"""

#: Everything asked was done (every answer graded by the requested backend, lint clean, ...).
OK = 0
#: Done, but with problems the output lists: answers that could not be graded (unknown
#: question, unreadable answer), lint errors, failed doctor checks, rows that failed.
PROBLEMS = 1
#: Usage or input error: bad flags, an unreadable or invalid input file, an invalid config.
USAGE = 2
#: The model backend is misconfigured (key, model name, credentials, base URL): the run stopped
#: before wasting work; the message names the fix.
BACKEND_CONFIG = 3
#: Every answer has a grade, but some were not graded by the requested backend (they fell back
#: to the offline grader after timeouts, outages or invalid output): the summary says why.
FELL_BACK = 4
#: The store could not be used (disk full, folder not writable, database locked, not an
#: interviewer database, newer schema): the message names which and the fix.
STORAGE = 5
#: Interrupted (Ctrl-C): what was finished was written first.
INTERRUPTED = 130
