"""Whether an uploaded document is what its name says it is.

A name is only a claim: a web page renamed "report.pdf" would be kept, and given back to the
next person who opens it, as a PDF. So each kind of document Kith accepts is checked by what
its first bytes say (the "magic number" each format starts with), and a Word or OpenDocument
file by the parts inside it. A text file must be readable text (UTF-8, no NUL bytes) and must
not be markup a browser would run (HTML, SVG). No library: the formats are few and their
signatures are fixed, published and short.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from typing import IO

PDF = b"%PDF-"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (and Excel, PowerPoint) files
RTF = b"{\\rtf"
ZIP = b"PK\x03\x04"  # Word (docx) and OpenDocument files are zip files
ODT = b"application/vnd.oasis.opendocument.text"

# What each accepted ending claims, in words for the message.
KINDS = {
    ".pdf": "a PDF",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "an OpenDocument text document",
    ".rtf": "a rich text (RTF) document",
    ".txt": "a text file",
    ".jpg": "a JPG photo",
    ".jpeg": "a JPG photo",
    ".png": "a PNG image",
}

# What a file is, by how it starts, when that is not what its name says; with the ending to
# give it where Kith accepts that kind.
SIGNATURES = [
    (PDF, "a PDF", ".pdf"),
    (PNG, "a PNG image", ".png"),
    (JPEG, "a JPG photo", ".jpg"),
    (RTF, "a rich text (RTF) document", ".rtf"),
    (OLE, "an older Word, Excel or PowerPoint file", ""),
    (ZIP, "a zip file, or a newer Office or OpenDocument file", ""),
    (b"GIF8", "a GIF image", ""),
    (b"MZ", "a program", ""),
    (b"\x7fELF", "a program", ""),
]
MARKUP = "a web page (or other markup a browser reads, such as SVG or XML)"
SAVE_AS_PDF = "Save the document as a PDF and attach that"

Check = Callable[[IO[bytes]], str | None]


def problem_with(document: IO[bytes], name: str) -> str | None:
    """Why the document is not the kind its name says, in words for the person attaching it;
    None when it is. `name` must end in one of KINDS."""
    ending = "." + name.lower().rsplit(".", 1)[-1]
    claimed = KINDS[ending]
    try:
        why = CHECKS[ending](document)
    finally:
        document.seek(0)
    if why is None:
        return None
    return f"This file is not really {claimed}: {why}"


def _start(document: IO[bytes], size: int = 512) -> bytes:
    document.seek(0)
    return document.read(size)


def _what_it_is(start: bytes) -> str:
    """What a file that is not what it claims seems to be, and what to do about it."""
    for magic, what, ending in SIGNATURES:
        if start.startswith(magic):
            if ending:
                return f"it is {what}. Change the end of its name to {ending} and attach it again"
            return f"it is {what}. {SAVE_AS_PDF}"
    if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return f"it is {MARKUP}. {SAVE_AS_PDF}"
    return f"what is inside it is some other kind of file. {SAVE_AS_PDF}"


def _starting_with(magic: bytes) -> Check:
    def check(document: IO[bytes]) -> str | None:
        start = _start(document)
        return None if start.startswith(magic) else _what_it_is(start)

    return check


def _zipped(ending: str) -> Check:
    """A zip file whose parts make it the document its ending claims (ZIPPED)."""

    def check(document: IO[bytes]) -> str | None:
        start = _start(document)
        if not start.startswith(ZIP):
            return _what_it_is(start)
        try:
            document.seek(0)
            with zipfile.ZipFile(document) as archive:
                found = next((e for e, holds in ZIPPED.items() if holds(archive)), None)
        except (zipfile.BadZipFile, OSError):
            return f"it is damaged. {SAVE_AS_PDF}"
        if found == ending:
            return None
        if found:
            return (
                f"it is {KINDS[found]}. Change the end of its name to {found} and attach it again"
            )
        return f"it is some other kind of zip file (a spreadsheet, say). {SAVE_AS_PDF}"

    return check


def _is_word(archive: zipfile.ZipFile) -> bool:
    names = archive.namelist()
    return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)


def _is_opendocument_text(archive: zipfile.ZipFile) -> bool:
    if "mimetype" not in archive.namelist():
        return False
    with archive.open("mimetype") as mimetype:
        return mimetype.read(len(ODT) + 1).strip() == ODT


ZIPPED: dict[str, Callable[[zipfile.ZipFile], bool]] = {
    ".docx": _is_word,
    ".odt": _is_opendocument_text,
}


def _text(document: IO[bytes]) -> str | None:
    start = _start(document)
    if start.startswith((PDF, RTF)):  # formats of their own, written as text
        return _what_it_is(start)
    try:
        first = _first_character(document)
    except ValueError:
        if any(start.startswith(magic) for magic, _, _ in SIGNATURES):
            return _what_it_is(start)
        return (
            "it is not plain text in the usual (UTF-8) encoding. Save it as UTF-8 text, or as "
            "a PDF, and attach that"
        )
    if first == "<":
        return f"it is {MARKUP}. {SAVE_AS_PDF}"
    return None


def _first_character(document: IO[bytes]) -> str:
    """The first character that is not white space ("" if none), reading the whole file as
    UTF-8 text (a byte order mark allowed); ValueError if it is not text, or holds a NUL byte
    (as no text does)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    document.seek(0)
    first = ""
    while chunk := document.read(64 * 1024):
        if b"\x00" in chunk:
            raise ValueError("A NUL byte")
        text = decoder.decode(chunk)
        first = first or text.lstrip()[:1]
    decoder.decode(b"", final=True)
    return first


CHECKS: dict[str, Check] = {
    ".pdf": _starting_with(PDF),
    ".doc": _starting_with(OLE),
    ".docx": _zipped(".docx"),
    ".odt": _zipped(".odt"),
    ".rtf": _starting_with(RTF),
    ".txt": _text,
    ".jpg": _starting_with(JPEG),
    ".jpeg": _starting_with(JPEG),
    ".png": _starting_with(PNG),
}
