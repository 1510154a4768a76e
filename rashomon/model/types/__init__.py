"""Value types: one module per kind of value (figure, date), each with its parser."""
