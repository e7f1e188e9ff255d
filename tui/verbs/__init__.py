"""The workbench's verbs: what happens after a key, from the question to the write.

Each module holds one family of verbs as functions over a `Workbench` (the screen, seen
through a small protocol: tui/verbs/workbench.py). A verb opens its dialog, writes
through the screen's Editor, and shows where the change went; the Editor announces
what it touched and the screen updates the widgets that show it. The dialogs and the
export code are imported where a verb opens them: the first frame needs none of them.
"""
