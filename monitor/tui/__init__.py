"""The Textual dashboard (only this package imports textual)."""
