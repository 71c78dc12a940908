"""E-mail (.eml, stdlib ``email``): subject, sender name, body, attachments extracted recursively."""

from __future__ import annotations

from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from rhia.extraction.markup import decode_text, html_to_sections, plain_to_sections
from rhia.extraction.sniff import SUPPORTED_KINDS, is_executable, sniff
from rhia.extraction.types import Extracted, ExtractionError, Rejected

MAX_DEPTH = 3


def extract_eml(
    filename: str,
    content: bytes,
    extract_one: Callable[[str, bytes, int], Extracted],
    depth: int,
) -> Extracted:
    try:
        message = BytesParser(policy=policy.default).parsebytes(content)
    except Exception as error:  # noqa: BLE001 - the parser is lenient; anything raised means garbage
        raise ExtractionError(
            f"Le fichier « {filename} » n'est pas un courriel lisible.",
            filename=filename,
            reason="unreadable",
        ) from error
    subject = _header(message, "subject")
    sender_name, _address = parseaddr(_header(message, "from"))
    body = _body_text(message)
    text_parts = [f"Objet : {subject}"] if subject else []
    if body:
        text_parts.append(body)
    result = Extracted(
        filename=filename, kind="eml", text="\n\n".join(text_parts), title=subject, sender_name=sender_name
    )
    _, result.sections, _ = plain_to_sections(body)
    if subject:
        for section in result.sections:
            section.path = [subject, *section.path]
    for part in message.iter_attachments():
        _attach(result, part, extract_one, depth)
    if result.rejected:
        result.warnings.append(rejected_message(result.rejected))
    if not result.text.strip() and not result.attachments:
        raise ExtractionError(
            f"Le courriel « {filename} » ne contient ni texte ni pièce jointe exploitable.",
            filename=filename,
            reason="no_text",
        )
    return result


def rejected_message(rejected: list[Rejected]) -> str:
    executables = [item.filename for item in rejected if item.executable]
    others = [f"{item.filename} ({item.reason})" for item in rejected if not item.executable]
    parts = []
    if executables:
        parts.append("Pièces jointes exécutables refusées (non ouvertes) : " + ", ".join(executables) + ".")
    if others:
        parts.append("Pièces jointes ignorées : " + ", ".join(others) + ".")
    return " ".join(parts)


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "").strip()
    except Exception:  # noqa: BLE001 - the stdlib's header parser fails on some malformed headers (fuzzing)
        # get_all() parses again: read the raw value, unfolded (encoded words left as they are).
        raw = next((value for key, value in message.raw_items() if key.lower() == name), "")
        return " ".join(str(raw).split())


def _body_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        payload = body.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = decode_text(body.get_payload(decode=True) or b"")
    if isinstance(payload, bytes):
        payload = decode_text(payload)
    if body.get_content_subtype() == "html":
        return html_to_sections(payload)[0]
    return plain_to_sections(payload)[0]


def _name_and_data(part: EmailMessage) -> tuple[str, bytes]:
    name = part.get_filename() or ""
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner_message = inner[0] if isinstance(inner, list) and inner else inner
        data = inner_message.as_bytes() if isinstance(inner_message, EmailMessage) else b""
        return name or "message-joint.eml", data
    return name or f"piece-jointe.{part.get_content_subtype()}", part.get_payload(decode=True) or b""


def _attach(
    result: Extracted, part: EmailMessage, extract_one: Callable[[str, bytes, int], Extracted], depth: int
) -> None:
    try:
        name, data = _name_and_data(part)
    except Exception:  # noqa: BLE001 - undecodable headers (fuzzing: a bad RFC 2231 charset): skip the part
        result.rejected.append(Rejected("pièce jointe", "en-têtes illisibles"))
        return
    if is_executable(name, data) or sniff(name, data) == "executable":
        result.rejected.append(Rejected(name, "fichier exécutable", executable=True))
        return
    kind = sniff(name, data)
    if kind not in SUPPORTED_KINDS:
        result.rejected.append(Rejected(name, "format non pris en charge"))
        return
    if depth >= MAX_DEPTH:
        result.rejected.append(Rejected(name, "imbrication trop profonde"))
        return
    try:
        attachment = extract_one(name, data, depth + 1)
    except ExtractionError as error:
        result.rejected.append(Rejected(name, error.message))
        return
    result.attachments.append(attachment)
