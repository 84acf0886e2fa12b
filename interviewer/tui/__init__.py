"""The terminal app (Textual): screens, widgets and one stylesheet."""
