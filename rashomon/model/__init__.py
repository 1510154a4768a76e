"""Typed records, value types and vocabularies shared by every stage; imports nothing else in rashomon."""
