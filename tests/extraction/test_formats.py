"""Each supported format yields its text and heading-based sections."""

from __future__ import annotations

from rhia.extraction import Section, extract
from tests.extraction import files


def test_docx_keeps_headings_as_section_paths():
    result = extract("note.docx", files.docx_bytes())
    assert result.kind == "docx"
    assert result.title == "Note de service congés"
    paths = [section.path for section in result.sections]
    assert ["Congés annuels"] in paths
    assert ["Congés annuels", "Report des congés"] in paths
    assert ["Temps partiel"] in paths
    report = next(s for s in result.sections if s.path == ["Congés annuels", "Report des congés"])
    assert "titre exceptionnel" in report.text
    assert "Durée | 25 jours" in report.text
    assert "cinq fois leurs obligations" in result.text


def test_odt_keeps_headings():
    result = extract("ldg.odt", files.odt_bytes())
    assert result.kind == "odt"
    assert [s.path for s in result.sections] == [["Mobilité"], ["Mobilité", "Calendrier"]]
    assert "avant le 15 mars" in result.sections[1].text


def test_pdf_one_section_per_page():
    result = extract("fiche.pdf", files.pdf_bytes())
    assert result.kind == "pdf"
    assert [s.path for s in result.sections] == [["Page 1"], ["Page 2"]]
    assert "Congé bonifié" in result.sections[0].text
    assert "éligibilité" in result.text


def test_html_headings_and_noise_removed():
    html = (
        "<!DOCTYPE html><html><head><title>Guide</title><script>alert(1)</script></head><body><nav>Accueil Menu</nav>"
        "<h1>Rémunération</h1><p>Le traitement <b>indiciaire</b> est versé.</p><ul><li>NBI</li><li>SFT</li></ul>"
        "<h2>Primes</h2><p>Le RIFSEEP comprend deux parts.</p><style>p{}</style></body></html>"
    )
    result = extract("guide.html", html.encode())
    assert result.kind == "html"
    assert result.title == "Guide"
    assert "alert" not in result.text and "p{}" not in result.text and "Menu" not in result.text
    assert result.sections[0].path == ["Rémunération"]
    assert "Le traitement indiciaire est versé." in result.sections[0].text
    assert "- NBI" in result.sections[0].text
    assert result.sections[1].path == ["Rémunération", "Primes"]


def test_markdown_headings():
    source = "# FAQ\n\nIntro.\n\n## Congés\n\nLe **CET** est ouvert.\n\n```\n# pas un titre\n```\n\n### Report\n\nOui.\n"
    result = extract("faq.md", source.encode())
    assert result.kind == "markdown"
    paths = [s.path for s in result.sections]
    assert paths == [["FAQ"], ["FAQ", "Congés"], ["FAQ", "Congés", "Report"]]
    assert "Le CET est ouvert." in result.sections[1].text
    assert "# pas un titre" in result.sections[1].text


def test_plain_text_utf8_and_cp1252():
    assert (
        extract("q.txt", "Question sur le congé de maternité.".encode()).text
        == "Question sur le congé de maternité."
    )
    result = extract("q.txt", "Délai de carence, été".encode("cp1252"))
    assert result.kind == "text"
    assert result.text == "Délai de carence, été"


def test_type_detected_by_content_not_extension():
    assert extract("piece.pdf", files.docx_bytes()).kind == "docx"
    assert extract("scan.txt", files.pdf_bytes()).kind == "pdf"
    assert extract("sans-extension", files.odt_bytes()).kind == "odt"
    assert extract("page.txt", b"<!doctype html><html><body><h1>T</h1><p>x</p></body></html>").kind == "html"
    assert extract("message.txt", files.eml_bytes()).kind == "eml"


def test_odt_tables_and_lists():
    import io

    from odfdo import Document, Header, List, Paragraph, Table

    document = Document("text")
    document.body.append(Header(1, "Barème"))
    table = Table("t", width=2, height=1)
    table.set_value((0, 0), "Échelon 1")
    table.set_value((1, 0), "12 mois")
    document.body.append(table)
    document.body.append(List(["Premier point", "Second point"]))
    document.body.append(Paragraph("Fin."))
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract("bareme.odt", buffer.getvalue())
    assert result.sections[0].path == ["Barème"]
    assert "Échelon 1 | 12 mois" in result.text
    assert "Premier point" in result.text and "Fin." in result.text


def test_docx_outline_level_without_heading_style():
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    heading = document.add_paragraph("Chapitre personnalisé")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    heading._p.get_or_add_pPr().append(outline)
    document.add_paragraph("Contenu du chapitre.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract("perso.docx", buffer.getvalue())
    assert result.sections == [Section(path=["Chapitre personnalisé"], text="Contenu du chapitre.")]
