"""Statistics computed from the dossiers' facts (issue 15): the official report, the day summary."""
