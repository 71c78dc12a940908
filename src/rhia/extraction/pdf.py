"""PDF text, one section per page (pypdf; pdfminer.six as a fallback for files pypdf cannot parse)."""

from __future__ import annotations

import io
import logging

from rhia.extraction.sections import clean
from rhia.extraction.types import ExtractionError, Section

logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract_pdf(filename: str, content: bytes) -> tuple[str, list[Section], str]:
    pages = _pages_with_pypdf(filename, content)
    if pages is None:
        pages = _pages_with_pdfminer(filename, content)
    sections = [Section(path=[f"Page {number}"], text=text) for number, text in enumerate(pages, 1) if text]
    if not sections:
        raise ExtractionError(
            f"Le fichier « {filename} » ne contient pas de texte exploitable : il s'agit probablement d'un "
            "document numérisé (image). Collez le texte de la demande ou joignez une version non numérisée.",
            filename=filename,
            reason="no_text",
        )
    return "\n\n".join(section.text for section in sections), sections, ""


def _pages_with_pypdf(filename: str, content: bytes) -> list[str] | None:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted(filename)
        return [clean(page.extract_text() or "") for page in reader.pages]
    except FileNotDecryptedError as error:
        raise _encrypted(filename) from error
    except ExtractionError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        RecursionError,
        NotImplementedError,
    ):
        return None


def _pages_with_pdfminer(filename: str, content: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pages = []
        for layout in extract_pages(io.BytesIO(content)):
            pages.append(
                clean("\n".join(item.get_text() for item in layout if isinstance(item, LTTextContainer)))
            )
        return pages
    except PDFPasswordIncorrect as error:
        raise _encrypted(filename) from error
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable file
        raise ExtractionError(
            f"Le fichier « {filename} » est un PDF illisible ou endommagé ; il n'a pas pu être ouvert.",
            filename=filename,
            reason="unreadable",
        ) from error


def _encrypted(filename: str) -> ExtractionError:
    return ExtractionError(
        f"Le fichier « {filename} » est un PDF protégé par un mot de passe : enregistrez-en une copie "
        "sans protection, ou collez son texte.",
        filename=filename,
        reason="encrypted",
    )
