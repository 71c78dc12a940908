"""PDF text, one section per page (pypdf; pdfminer.six as a fallback for files pypdf cannot parse)."""

from __future__ import annotations

import io
import logging

from rhia.extraction import limits
from rhia.extraction.sections import clean
from rhia.extraction.types import ExtractionError, Section

logging.getLogger("pypdf").setLevel(logging.ERROR)


_STREAM_LIMITS = (
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "jbig2_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "zlib_maximum_output_length",
    "brotli_maximum_output_length",
    "image_maximum_buffer_size",
)


def _bounded():
    """pypdf's own decompression limits (75 MB per stream by default), brought down to ours."""
    from pypdf import apply_configuration

    return apply_configuration(**dict.fromkeys(_STREAM_LIMITS, limits.MAX_STREAM_BYTES))


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


def _too_many_pages(filename: str) -> ExtractionError:
    return ExtractionError(
        f"Le fichier « {filename} » a plus de {limits.MAX_PAGES} pages : il n'est pas traité. "
        "Ne joignez que les pages utiles.",
        filename=filename,
        reason="too_large",
    )


def _too_expanded(filename: str) -> ExtractionError:
    return ExtractionError(
        f"Le fichier « {filename} » contient des données qui se décompressent en un volume anormalement "
        "grand ; il a été refusé.",
        filename=filename,
        reason="too_large",
    )


def _pages_with_pypdf(filename: str, content: bytes) -> list[str] | None:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        with _bounded():
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _encrypted(filename)
            if len(reader.pages) > limits.MAX_PAGES:
                raise _too_many_pages(filename)
            return [clean(page.extract_text() or "") for page in reader.pages]
    except FileNotDecryptedError as error:
        raise _encrypted(filename) from error
    except LimitReachedError as error:
        # pypdf's own decompression limits: not a file to retry with a parser that has none.
        raise _too_expanded(filename) from error
    except ExtractionError:
        raise
    except (MemoryError, OverflowError) as error:
        raise _too_expanded(filename) from error
    except Exception:  # noqa: BLE001 - any other pypdf failure: try pdfminer, which reads more files
        return None


def _pages_with_pdfminer(filename: str, content: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pages = []
        for layout in extract_pages(io.BytesIO(content), maxpages=limits.MAX_PAGES + 1):
            if len(pages) >= limits.MAX_PAGES:
                raise _too_many_pages(filename)
            pages.append(
                clean("\n".join(item.get_text() for item in layout if isinstance(item, LTTextContainer)))
            )
        return pages
    except PDFPasswordIncorrect as error:
        raise _encrypted(filename) from error
    except ExtractionError:
        raise
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
