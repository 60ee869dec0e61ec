"""Course-completion checker: plans, score-paste parser, verdict, API and CLI."""
