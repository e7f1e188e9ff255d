"""Exports to Markdown and CSV, and import of indicator values.

Pure functions from the store's models to text (and from CSV text back to edits).
Nothing here imports Textual or speaks SQL: the Store does the reading and writing.
"""

# What `tertial export TABLE` can export; here so the command line knows it cheaply.
TABLES = ("goals", "indicators", "activities", "economy", "report")
