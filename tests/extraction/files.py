"""Real files generated for the extraction tests (python-docx, odfdo, fpdf2, pypdf, email)."""

from __future__ import annotations

import io
from email.message import EmailMessage

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Note de service congés"
    document.add_heading("Congés annuels", level=1)
    document.add_paragraph("Les agents ont droit à cinq fois leurs obligations hebdomadaires de service.")
    document.add_heading("Report des congés", level=2)
    document.add_paragraph("Le report est accordé à titre exceptionnel.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Durée"
    table.rows[0].cells[1].text = "25 jours"
    document.add_heading("Temps partiel", level=1)
    document.add_paragraph("Le temps partiel est de droit pour élever un enfant.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    from odfdo import Document, Header, Paragraph

    document = Document("text")
    document.body.append(Header(1, "Mobilité"))
    document.body.append(Paragraph("Les lignes directrices de gestion fixent les critères."))
    document.body.append(Header(2, "Calendrier"))
    document.body.append(Paragraph("Les demandes sont déposées avant le 15 mars."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: list[str] | None = None, *, text: bool = True) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=12)
    for page_text in pages or ["Congé bonifié : les conditions d'éligibilité.", "Deuxième page : la durée."]:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, page_text)
        else:
            pdf.rect(20, 20, 100, 60, style="F")  # what a scan looks like to a text extractor: no text
    return bytes(pdf.output())


def encrypted_pdf_bytes() -> bytes:
    password = "secret"  # noqa: S105 - a test file
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def eml_bytes(attachments: list[tuple[str, bytes, str]] = (), *, html: bool = False) -> bytes:
    message = EmailMessage()
    message["From"] = "Camille Martin <camille.martin@example.fr>"
    message["To"] = "rh@example.fr"
    message["Subject"] = "Demande de temps partiel"
    body = "Bonjour,\n\nJe souhaite passer à temps partiel à 80 %.\n\nCordialement,\nCamille Martin"
    if html:
        message.set_content(body)
        message.add_alternative(
            "<html><body><p>Bonjour,</p><p>Je souhaite passer à <b>temps partiel</b>.</p></body></html>",
            subtype="html",
        )
    else:
        message.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
