"""Make stored text safe for the file it is exported into: spreadsheets and XML.

Stored text comes from the news and from whoever can post to the API, so it may hold
spreadsheet formulas or characters XML 1.0 forbids.
"""

from __future__ import annotations

import re

# Cells a spreadsheet reads as a formula (OWASP, "CSV Injection"): =, +, -, @, tab, CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# Characters outside XML 1.0's Char production (C0 controls but tab, CR, LF; surrogates; FFFE/FFFF).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_cell(value: object) -> str:
    """Return ``value`` as CSV cell text a spreadsheet shows as text, never runs as a formula.

    A text starting like a formula gets a leading single quote, as OWASP recommends; plain
    numbers (a negative longitude) stay numbers.
    """
    cell = "" if value is None else str(value)
    if cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell):
        return "'" + cell
    return cell


def xml_text(value: str) -> str:
    """Return ``value`` without the characters XML 1.0 cannot hold (each becomes U+FFFD)."""
    return XML_ILLEGAL.sub("\ufffd", value)
