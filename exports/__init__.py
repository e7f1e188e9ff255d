"""Exports (Markdown, CSV, Word, Excel, JSON: the registry in exports.formats) and imports.

Pure functions from the store's models to bytes (and from CSV text back to edits).
Nothing here imports Textual or speaks SQL: the Store does the reading and writing.
"""

# What `tertial export TABLE` can export; here so the command line knows it cheaply.
# The report's tables by name; "report" is all of it (exports.formats says which
# format holds which).
TABLE_NAMES = ("goals", "indicators", "activities", "economy")
REPORT = "report"
TABLES = (*TABLE_NAMES, REPORT)
