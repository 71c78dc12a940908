"""``extract(filename, content)``: type detection by content, size limits, dispatch per format."""

from __future__ import annotations

from rhia.extraction import limits
from rhia.extraction.markup import decode_text, html_to_sections, markdown_to_sections, plain_to_sections
from rhia.extraction.office import extract_docx, extract_odt
from rhia.extraction.pdf import extract_pdf
from rhia.extraction.sniff import sniff
from rhia.extraction.types import Extracted, ExtractionError

_UNSUPPORTED = {
    "executable": "c'est un fichier exécutable ou un script, refusé par sécurité",
    "ole2": "c'est un ancien format Microsoft Office (.doc) ou un document protégé par un mot de passe ; "
    "enregistrez-le au format DOCX ou PDF sans protection",
    "image": "c'est une image : rhia ne lit pas le texte des images (pas de reconnaissance de caractères)",
    "archive": "c'est une archive compressée ; joignez les documents eux-mêmes",
    "zip": "c'est une archive ou un format bureautique non pris en charge (seuls DOCX et ODT le sont)",
    "damaged": "c'est une archive (DOCX, ODT…) illisible ou endommagée",
    "binary": "son format n'est pas reconnu",
}
_REFUSAL_REASONS = {"executable": "executable", "damaged": "unreadable"}
SUPPORTED_LABEL = "PDF, DOCX, ODT, HTML, Markdown, texte ou courriel (.eml)"


def extract(
    filename: str,
    content: bytes,
    *,
    max_chars: int | None = None,
    max_bytes: int | None = None,
) -> Extracted:
    """Extract the text of one file, or raise ``ExtractionError`` with a French ``message``.

    ``max_chars`` (default settings.RHIA_MAX_INPUT_CHARS) bounds the text of the file and its
    attachments together; ``max_bytes`` (default: the upload limit) bounds the file itself.
    Pass ``max_chars=0`` to lift the character limit (corpus imports of long guides).
    """
    filename = filename or "document"
    byte_limit = limits.max_bytes() if max_bytes is None else max_bytes
    char_limit = limits.max_chars() if max_chars is None else max_chars
    if byte_limit and len(content) > byte_limit:
        raise ExtractionError(
            f"Le fichier « {filename} » est trop volumineux ({limits.human_size(len(content))}) : "
            f"la limite est de {limits.human_size(byte_limit)}.",
            filename=filename,
            reason="too_large",
        )
    result = _extract_one(filename, content, 0, byte_limit)
    if char_limit and result.total_chars > char_limit:
        raise ExtractionError(
            f"Le texte extrait de « {filename} » est trop long ({limits.human_count(result.total_chars)} caractères, "
            f"pièces jointes comprises) : la limite est de {limits.human_count(char_limit)} caractères. "
            "Ne gardez que la partie utile de la demande.",
            filename=filename,
            reason="too_long",
        )
    return result


def _extract_one(filename: str, content: bytes, depth: int, byte_limit: int) -> Extracted:
    if not content.strip():
        raise ExtractionError(f"Le fichier « {filename} » est vide.", filename=filename, reason="empty")
    try:
        kind = sniff(filename, content)
        if kind in _UNSUPPORTED:
            raise ExtractionError(
                f"Le fichier « {filename} » ne peut pas être lu : {_UNSUPPORTED[kind]}. "
                f"Formats acceptés : {SUPPORTED_LABEL}.",
                filename=filename,
                reason=_REFUSAL_REASONS.get(kind, "unsupported"),
            )
        return _parse(filename, content, kind, depth, byte_limit)
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug on a hostile file is a refusal, never a 500
        raise ExtractionError(
            f"Le fichier « {filename} » est illisible ou endommagé ; il n'a pas pu être lu.",
            filename=filename,
            reason="unreadable",
        ) from error


def _parse(filename: str, content: bytes, kind: str, depth: int, byte_limit: int) -> Extracted:
    if kind == "eml":
        from rhia.extraction.mail import extract_eml

        return extract_eml(
            filename, content, lambda name, data, level: _extract_one(name, data, level, byte_limit), depth
        )
    if kind == "pdf":
        text, sections, title = extract_pdf(filename, content)
    elif kind == "docx":
        text, sections, title = extract_docx(filename, content, byte_limit)
    elif kind == "odt":
        text, sections, title = extract_odt(filename, content, byte_limit)
    elif kind == "html":
        text, sections, title = html_to_sections(decode_text(content))
    elif kind == "markdown":
        text, sections, title = markdown_to_sections(decode_text(content))
    else:
        text, sections, title = plain_to_sections(decode_text(content))
    if not text.strip():
        raise ExtractionError(
            f"Le fichier « {filename} » ne contient aucun texte.", filename=filename, reason="no_text"
        )
    return Extracted(filename=filename, kind=kind, text=text, sections=sections, title=title)
