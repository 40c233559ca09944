"""Extraction stages: entities, roles and relations, events, figures, time, certainty, actors."""
