"""Training plan as CSV (semicolon, UTF-8 with BOM for spreadsheets) and as PDF (fpdf2, DejaVu)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fpdf import FPDF

from rhia.training.plan import Plan

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
]


class FontMissing(RuntimeError):
    pass


def _font_dir() -> Path:
    for directory in FONT_CANDIDATES:
        if (directory / "DejaVuSans.ttf").exists() and (directory / "DejaVuSans-Bold.ttf").exists():
            return directory
    raise FontMissing(
        "Police DejaVu introuvable : installez le paquet Debian fonts-dejavu-core (scripts/install-system-deps)."
    )


def _level(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def plan_csv(plan: Plan) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Plan de formation", plan.structure, f"{plan.generated_on:%d/%m/%Y}"])
    writer.writerow(["Agents concernés", plan.population, "Sans auto-positionnement", plan.not_assessed])
    writer.writerow([])
    writer.writerow(
        ["Section", "Compétence", "Agents positionnés", "À renforcer (niveaux 1-2)", "Niveau moyen"]
    )
    for need in plan.competences:
        writer.writerow(
            ["Compétences", need.name, need.assessed, need.to_reinforce, _level(need.average_level)]
        )
    writer.writerow([])
    writer.writerow(["Section", "Code formation", "Formation", "Agent", "Identifiant", "Structure"])
    for training in plan.trainings:
        for person in training.people:
            writer.writerow(
                ["À inscrire", training.code, training.title, person.name, person.username, person.structure]
            )
    writer.writerow([])
    codes = [t.code for t in plan.trainings]
    writer.writerow(["Section", "Structure", *codes])
    for name, counts in plan.per_structure:
        writer.writerow(["Effectifs à inscrire", name, *(counts.get(code, 0) for code in codes)])
    return out.getvalue()


class _PlanPDF(FPDF):
    title_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 8, f"{self.title_text} — page {self.page_no()}/{{nb}}", align="C")


def _fit(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _people_rows(pdf: FPDF, people) -> None:
    """Plain cells rather than fpdf2 tables: thousands of names stay fast to lay out."""
    widths = (70.0, 45.0, 65.0)
    pdf.set_font("DejaVu", "B", 9)
    for width, title in zip(widths, ("Agent", "Identifiant", "Structure"), strict=True):
        pdf.cell(width, 6, title, border="B")
    pdf.ln(6)
    pdf.set_font("DejaVu", size=9)
    for person in people:
        for width, value in zip(widths, (person.name, person.username, person.structure), strict=True):
            pdf.cell(width, 5, _fit(pdf, value, width - 2))
        pdf.ln(5)


def plan_pdf(plan: Plan) -> bytes:
    fonts = _font_dir()
    pdf = _PlanPDF(orientation="P", unit="mm", format="A4")
    pdf.title_text = f"Plan de formation IA — {plan.structure}"
    pdf.set_title(pdf.title_text)
    pdf.set_author("rhia")
    pdf.set_creator("rhia — IA encadrée pour les RH")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.set_text_color(0, 0, 145)
    pdf.multi_cell(0, 8, pdf.title_text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(
        0,
        6,
        f"Établi le {plan.generated_on:%d/%m/%Y}. Agents concernés : {plan.population} ; "
        f"sans auto-positionnement : {plan.not_assessed}. Document interne au service formation.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)

    def heading(text: str) -> None:
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)

    heading("Compétences à renforcer (d'après les auto-positionnements)")
    with pdf.table(col_widths=(80, 30, 40, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        table.row(["Compétence", "Positionnés", "À renforcer (niv. 1-2)", "Niveau moyen"])
        for need in plan.competences:
            table.row([need.name, str(need.assessed), str(need.to_reinforce), _level(need.average_level)])

    heading("Personnes à inscrire, par formation")
    for training in plan.trainings:
        pdf.set_font("DejaVu", "B", 10)
        label = " (module socle)" if training.is_basic else ""
        pdf.multi_cell(
            0, 6, f"{training.title}{label} — {training.count} personne(s)", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("DejaVu", size=9)
        if training.people:
            _people_rows(pdf, training.people)
        else:
            pdf.multi_cell(0, 5, "Personne à inscrire.", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    if plan.per_structure:
        heading("Effectifs à inscrire par structure")
        codes = [t.code for t in plan.trainings]
        titles = [t.title for t in plan.trainings]
        with pdf.table(first_row_as_headings=True) as table:
            table.row(["Structure", *titles])
            for name, counts in plan.per_structure:
                table.row([name, *(str(counts.get(code, 0)) for code in codes)])
    return bytes(pdf.output())
