"""Photo checker: JPEG structure, province photo specs, and the checks a candidate's photo must pass."""
