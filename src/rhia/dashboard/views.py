"""Dashboard pages: aggregated indicators for the structures the viewer holds "dashboard.view" over."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from rhia.accounts.authz import require
from rhia.dashboard import charts, services
from rhia.dashboard.indicators import MIN_GROUP


def _bars(rows):
    """(label, cell) -> rows with a bar width relative to the largest shown value."""
    if not rows:
        return []
    peak = max((cell.value or 0 for _label, cell in rows), default=0) or 1
    return [
        {"label": label, "cell": cell, "width": round(100 * (cell.value or 0) / peak)} for label, cell in rows
    ]


@require("dashboard.view")
def home(request):
    root = services.select_root(request.user, request.GET.get("structure"))
    weeks = services.period_weeks(request.GET.get("semaines"))
    board = services.build(root, weeks=weeks) if root else None
    chart = ""
    if board:
        chart = charts.column_chart(
            [(f"{p.week:%d/%m}", p.cases) for p in board.adoption.weekly],
            title="Dossiers créés par semaine",
        )
    return render(
        request,
        "dashboard/home.html",
        {
            "title": "Tableaux de bord",
            "board": board,
            "scope": services.scope(request.user),
            "periods": services.PERIODS,
            "weeks": weeks,
            "weekly_chart": mark_safe(chart),  # noqa: S308 - every label escaped by charts.column_chart
            "refusal_bars": _bars(board.refusals) if board else [],
            "report_bars": _bars(board.reports) if board and board.reports is not None else None,
            "min_group": MIN_GROUP,
        },
    )


@require("dashboard.view")
def export_csv(request):
    root = services.select_root(request.user, request.GET.get("structure"))
    if root is None:
        return HttpResponse("Aucune structure dans votre périmètre.", status=404, content_type="text/plain")
    board = services.build(root, weeks=services.period_weeks(request.GET.get("semaines")))
    response = HttpResponse(services.to_csv(board), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tableau-de-bord-{board.since:%Y%m%d}.csv"'
    return response
