"""Export: write events, claims and conflicts in the formats analysts use."""
