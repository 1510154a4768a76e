"""Analyse stage: the spaCy pipeline (sentences, entities, vocabulary rulers). spaCy stays inside this package."""
