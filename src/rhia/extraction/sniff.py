"""Detects a file's type from its first bytes (magic numbers), the extension only breaking ties."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

SUPPORTED_KINDS = ("pdf", "docx", "odt", "html", "markdown", "text", "eml")

EXECUTABLE_EXTENSIONS = frozenset(
    [
        ".exe",
        ".com",
        ".bat",
        ".cmd",
        ".scr",
        ".pif",
        ".msi",
        ".msp",
        ".dll",
        ".cpl",
        ".jar",
        ".js",
        ".jse",
        ".vbs",
        ".vbe",
        ".wsf",
        ".wsh",
        ".ps1",
        ".psm1",
        ".hta",
        ".lnk",
        ".reg",
        ".sh",
        ".bash",
        ".app",
        ".apk",
        ".deb",
        ".rpm",
        ".elf",
        ".bin",
        ".run",
        ".so",
        ".dylib",
        ".iso",
        ".img",
        ".vhd",
        ".docm",
        ".xlsm",
        ".pptm",
    ]
)
_EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux
    b"\xcf\xfa\xed\xfe",  # Mach-O 64
    b"\xce\xfa\xed\xfe",  # Mach-O 32
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # script with a shebang
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = (b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]", re.MULTILINE)
_MAIL_HEADERS = (
    b"from:",
    b"subject:",
    b"date:",
    b"to:",
    b"received:",
    b"mime-version:",
    b"message-id:",
    b"return-path:",
)
_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)

_EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".csv": "text",
    ".eml": "eml",
}


def extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def is_executable(filename: str, content: bytes) -> bool:
    return extension(filename) in EXECUTABLE_EXTENSIONS or content[:4].startswith(_EXECUTABLE_MAGIC)


def sniff(filename: str, content: bytes) -> str:
    """Return a supported kind, or one of "executable", "ole2", "image", "archive", "zip", "damaged", "binary".

    Never raises, whatever the bytes: a zip container that cannot be listed is "damaged".
    """
    head = content[:8]
    if content[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in content[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(content)
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(_EXECUTABLE_MAGIC[:7]):
        return "executable"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(_ARCHIVE_MAGIC):
        return "archive"
    if not _looks_textual(content[:8192]):
        return "binary"
    if head.startswith(b"#!") and extension(filename) not in _EXTENSION_KINDS:
        return "executable"
    return _sniff_text(filename, content)


def _sniff_zip(content: bytes) -> str:
    # zipfile raises many types on hostile archives (BadZipFile, NotImplementedError for an unknown
    # zip version or compression, EOFError, struct.error, UnicodeDecodeError, ...): any of them means
    # the file is no readable DOCX or ODT.
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # read a few bytes, whatever its declared size
                    mimetype = member.read(128).decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return "odt"
                return "zip"
            if "word/document.xml" in names:
                return "docx"
    except Exception:  # noqa: BLE001 - see above; sniffing must never fail
        return "damaged"
    return "zip"


def _looks_textual(sample: bytes) -> bool:
    if b"\x00" in sample:
        # UTF-16 text carries NULs; accept it only with a byte-order mark.
        return sample.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls <= len(sample) // 100


def _sniff_text(filename: str, content: bytes) -> str:
    by_extension = _EXTENSION_KINDS.get(extension(filename))
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    if by_extension in ("eml", "html", "markdown"):
        return by_extension
    if _looks_like_mail(head):
        return "eml"
    return by_extension or "text"


def _looks_like_mail(head: bytes) -> bool:
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = [line for line in block.splitlines() if line and not line[:1].isspace()]
    if len(lines) < 2 or not all(_HEADER_LINE.match(line) for line in lines):
        return False
    names = {line.split(b":", 1)[0].lower() + b":" for line in lines}
    return len(names & set(_MAIL_HEADERS)) >= 2
