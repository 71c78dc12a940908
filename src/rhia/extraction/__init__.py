"""Text extraction from uploaded files (PDF, DOCX, ODT, HTML, Markdown, text, e-mail). Plain package, no Django app.

``extract(filename, content) -> Extracted`` raises ``ExtractionError`` (French ``.message``).
"""

from rhia.extraction.core import SUPPORTED_LABEL, extract
from rhia.extraction.types import Extracted, ExtractionError, Rejected, Section

__all__ = ["SUPPORTED_LABEL", "Extracted", "ExtractionError", "Rejected", "Section", "extract"]
