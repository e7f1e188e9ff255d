"""How long a text the store holds: one limit for every field, so that every reader of
its files (the CSV import among them) takes whatever the store can hold, and no more.

2**20 characters is some five hundred printed pages; the longest Analys of the sample
is under ten thousand characters.
"""

from __future__ import annotations

MAX_TEXT_LENGTH = 1_048_576  # characters, in any one field
