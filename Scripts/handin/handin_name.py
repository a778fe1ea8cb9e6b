"""The student's NAME for the hand-in: checked before any work is done.

`HW1_<NAME>.zip`, `HW1_<NAME>.pdf` and `HW1_<NAME>_fa.pdf` are built from it, so it must be
a safe file-name part on every system a grader may use: letters of any script, digits (of any
script), `_` and `-`. A `_` separates first and last name and is shown as a space on the title
page.
"""

from __future__ import annotations

import sys
import unicodedata

USAGE = """usage: make submission NAME=First_Last
  NAME is your first and last name joined by '_', e.g.
    make submission NAME=Ada_Lovelace
    make submission NAME=مریم_میرزاخانی
  allowed: letters (any script), digits, '_' and '-'; no spaces, '/', or other punctuation."""


class InvalidName(ValueError):
    """NAME cannot be used in a file name; the message says why."""


def _is_allowed(character: str) -> bool:
    if character in "_-":
        return True
    if character == "\u200c":
        # ZERO WIDTH NON-JOINER: part of correct Persian spelling (e.g. in compound names).
        return True
    category = unicodedata.category(character)
    # L*: letters of any script; M*: combining marks (Persian and Indic names need them);
    # Nd: decimal digits of any script.
    return category[0] in "LM" or category == "Nd"


def describe(character: str) -> str:
    """A readable name for a rejected character, e.g. `' ' (SPACE)`."""
    name = unicodedata.name(character, f"U+{ord(character):04X}")
    shown = character if character.isprintable() and not character.isspace() else ""
    return f"'{shown}' ({name})" if shown else name


def check_name(name: str | None) -> str:
    """Return `name` (NFC-normalised) if it is a valid NAME, else raise InvalidName."""
    if name is None or name == "":
        raise InvalidName("NAME is missing or empty")
    name = unicodedata.normalize("NFC", name)
    for index, character in enumerate(name):
        if not _is_allowed(character):
            if character == "/":
                why = "contains '/', which would make a directory"
            elif character.isspace():
                why = f"contains whitespace ({describe(character)}) at position {index + 1}; join the names with '_'"
            elif unicodedata.category(character).startswith("C"):
                why = f"contains a control or invisible character ({describe(character)}) at position {index + 1}"
            else:
                why = f"contains {describe(character)} at position {index + 1}, which is not safe in a file name"
            raise InvalidName(f"NAME {name!r} {why}")
    if name.startswith("-"):
        raise InvalidName(f"NAME {name!r} starts with '-', which command-line tools read as an option")
    if not any(unicodedata.category(c)[0] == "L" for c in name):
        raise InvalidName(f"NAME {name!r} has no letters")
    if len(name.encode("utf-8")) > 120:
        raise InvalidName(f"NAME is {len(name.encode('utf-8'))} bytes long; at most 120 fit in a file name with its prefix")
    return name


def display_name(name: str) -> str:
    """The name as shown on the title page: `_` becomes a space."""
    return " ".join(part for part in name.split("_") if part)


def main(argv: list[str]) -> int:
    """`python handin_name.py NAME`: exit 0 and print the name if valid, else the usage (exit 2)."""
    try:
        print(check_name(argv[1] if len(argv) > 1 else None))
        return 0
    except InvalidName as error:
        print(f"make submission: {error}.\n{USAGE}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
