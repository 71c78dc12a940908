"""Real test documents: a CV (PDF), a cover letter (DOCX), a circular (PDF), built with fpdf2 and python-docx."""

from __future__ import annotations

import io
from pathlib import Path

CV_LINES = [
    "Claire MOREAU",
    "12 rue des Lilas, 69003 Lyon - claire.moreau@example.org - 06 12 34 56 78",
    "34 ans - Permis B",
    "",
    "EXPÉRIENCE PROFESSIONNELLE",
    "2019 - 2024 : Gestionnaire paie, Mairie de Villeurbanne",
    "2015 - 2019 : Assistante ressources humaines, Clinique du Parc",
    "",
    "FORMATION",
    "2014 : Licence professionnelle gestion des ressources humaines, Université Lyon 2",
    "",
    "COMPÉTENCES",
    "Paie, déclarations sociales, logiciel CIRIL, Pack Office",
    "",
    "LANGUES",
    "Anglais : courant ; espagnol : notions",
    "",
    "CENTRES D'INTÉRÊT",
    "Randonnée, chorale, bénévolat associatif",
]

LETTER_PARAGRAPHS = [
    "Claire Moreau\n12 rue des Lilas, 69003 Lyon",
    "Objet : candidature au poste de gestionnaire paie",
    "Madame, Monsieur,",
    "Actuellement gestionnaire paie à la mairie de Villeurbanne, je me permets de vous adresser ma candidature "
    "au poste de gestionnaire paie publié sur la place de l'emploi public.",
    "Mon parcours m'a permis d'acquérir une solide maîtrise de la paie publique. Je suis vivement intéressée par "
    "la perspective de rejoindre votre équipe et de mettre mes compétences au service de votre direction.",
    "Je me tiens à votre disposition pour un entretien à votre convenance.",
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
]

CIRCULAR_LINES = [
    "MINISTÈRE DE L'ÉDUCATION NATIONALE",
    "Circulaire du 12 mars 2026 relative au télétravail des personnels administratifs",
    "NOR : MENH2600000C",
    "Le ministre de l'éducation nationale à Mesdames et Messieurs les recteurs d'académie",
    "Vu le code général de la fonction publique ;",
    "Vu le décret n° 2016-151 du 11 février 2016 ;",
    "Objet : modalités de mise en oeuvre du télétravail.",
    "1. Les agents peuvent demander à exercer leurs fonctions en télétravail jusqu'à trois jours par semaine.",
    "2. La demande est adressée au supérieur hiérarchique, qui apprécie la compatibilité avec le service.",
    "3. Un refus est motivé et précédé d'un entretien. Les candidatures aux postes ne sont pas concernées.",
    "Madame, Monsieur, je vous prie de bien vouloir assurer la diffusion de la présente circulaire.",
]

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_bytes(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if _FONT.exists():
        pdf.add_font("DejaVu", "", str(_FONT))
        pdf.set_font("DejaVu", size=11)
    else:  # latin-1 core font
        pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 7, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
