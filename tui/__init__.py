"""The terminal side of tertial: the Textual app and the `tertial` command."""
