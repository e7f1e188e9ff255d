"""argparse in Swedish: the command line speaks the app's language, help and errors alike.

argparse marks its own texts for gettext (`argparse._`, `argparse.ngettext`); they are
looked up here instead. A text not listed stays as argparse has it. Errors are one
line, prefixed once with the command ("tertial export: TABELL: ogiltigt val 'x' …").
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

EXIT_BAD_INPUT = 2
# A reader gone (`| head -1`): 128 + SIGPIPE (13), as Unix tools end. A plain number:
# Windows has no SIGPIPE, and Python ignores it, so the write fails with EPIPE instead.
EXIT_CLOSED_PIPE = 141

SWEDISH = {
    "usage: ": "användning: ",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "unrecognized arguments: %s": "okända argument: %s",
    "not allowed with argument %s": "går inte tillsammans med %s",
    "ignored explicit argument %r": "tar inget värde: %r",
    "the following arguments are required: %s": "saknas: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "expected one argument": "behöver ett värde",
    "expected at most one argument": "tar högst ett värde",
    "expected at least one argument": "behöver minst ett värde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "flaggan %(option)s är tvetydig: den kan vara %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "ogiltigt värde %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val %(value)r (välj %(choices)s)"
    ),
    "unexpected option string: %s": "oväntad flagga: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
}
SWEDISH_PLURAL = {"expected %s argument": ("behöver %s värde", "behöver %s värden")}


def _swedish(text: str) -> str:
    return SWEDISH.get(text, text)


def _swedish_plural(singular: str, plural: str, n: int) -> str:
    if singular in SWEDISH_PLURAL:
        one, many = SWEDISH_PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


# argparse looks its texts up through these module globals at the time they are shown.
argparse._ = _swedish  # type: ignore[attr-defined]
argparse.ngettext = _swedish_plural  # type: ignore[attr-defined]


class CliError(Exception):
    """A plain message for the user, with the exit code to leave with.

    `prog` names the command the message is about ("tertial export"); "tertial" by default.
    """

    def __init__(self, message: str, code: int = 1, prog: str = "tertial") -> None:
        super().__init__(message)
        self.code = code
        self.prog = prog


class Parser(argparse.ArgumentParser):
    """argparse that says one plain Swedish line and exits 2, without the usage block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        raise CliError(message, EXIT_BAD_INPUT, prog=self.prog)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # The choices as words, not as Python's quoted strings.
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, f"ogiltigt val {value!r} (välj {choices})")


def whole_number(text: str) -> int:
    """An option's number (a report's id): digits only."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} är inget nummer")
    return int(text)
