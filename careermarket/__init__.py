"""careermarket: the command-line front."""
