"""Governance benchmark: the per-request charter check, the refusal aggregates, the kit PDF.

    .venv/bin/python bench/bench_governance.py [--runs 50] [--users 2000] [--refusals 5000] [--json]

Measured in one fresh SQLite database (temporary RHIA_VAR_DIR) with the seeded kit, --users agents
(half of them acknowledged the charter) and --refusals "policy.refused" journal entries spread over
20 structures:
- has_acknowledged_current_charter(user) (called before every assistant request by the access gate),
  against a bare primary-key lookup of the same user;
- refusal_counts() for an ethics referent over the whole tree (90 days), against a bare COUNT of the
  same journal rows;
- the PDF of the charter, against its HTML rendering alone.
The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

from harness import fresh_django, median_ms

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--refusals", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        fresh_django(Path(tmp))
        from rhia.accounts.models import RoleAssignment, Structure, User
        from rhia.audit.journal import record
        from rhia.audit.models import JournalEntry
        from rhia.governance import rendering, reporting, seed, services
        from rhia.governance.models import Acknowledgment

        seed.run(io.StringIO())
        charter = services.current_charter()
        root = Structure.objects.create(name="Ministère", kind=Structure.Kind.MINISTRY)
        services_ = [
            Structure.objects.create(name=f"Service {i}", kind=Structure.Kind.SERVICE, parent=root)
            for i in range(20)
        ]
        users = User.objects.bulk_create(
            User(username=f"agent{i}", password="!", structure=services_[i % 20], access=User.Access.ACTIVE)  # noqa: S106
            for i in range(args.users)
        )
        users = list(User.objects.order_by("pk"))
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=u, role="agent_rh", structure=u.structure) for u in users
        )
        Acknowledgment.objects.bulk_create(Acknowledgment(user=u, version=charter) for u in users[::2])
        categories = [
            "mental_health_inference",
            "colleague_relations",
            "emotion_inference",
            "video_interview_analysis",
            "cv_screening",
        ]
        started = time.perf_counter()
        for i in range(args.refusals):
            user = users[(i * 7) % len(users)]
            record("policy.refused", actor=user, payload={"category": categories[i % 5], "channel": "case"})
        fill_s = time.perf_counter() - started
        referent = User.objects.create(
            username="referent", password="!", structure=root, access=User.Access.ACTIVE
        )  # noqa: S106
        RoleAssignment.objects.create(user=referent, role="referent_ethique", structure=root)

        probe = [User.objects.get(pk=users[i].pk) for i in (0, 1)]  # one acknowledged, one not
        assert services.has_acknowledged_current_charter(
            probe[0]
        ) and not services.has_acknowledged_current_charter(probe[1])
        check_ms = (
            median_ms(lambda: [services.has_acknowledged_current_charter(u) for u in probe], args.runs) / 2
        )
        lookup_ms = median_ms(lambda: [User.objects.filter(pk=u.pk).exists() for u in probe], args.runs) / 2

        table = reporting.refusal_counts(referent)
        assert sum(int(n) for _s, _c, n in table.rows if n.isdigit()) == args.refusals or args.refusals < 100
        agg_ms = median_ms(lambda: reporting.refusal_counts(referent), max(5, args.runs // 5))
        scope = list(Structure.objects.values_list("pk", flat=True))
        count_ms = median_ms(
            lambda: JournalEntry.objects.filter(action="policy.refused", structure_id__in=scope).count(),
            max(5, args.runs // 5),
        )

        def pdf():
            rendering.to_pdf(
                title=charter.document.title, version=charter.label, status_line="publiée", body=charter.body
            )

        pdf_ms = median_ms(pdf, 5)
        html_ms = median_ms(lambda: rendering.to_html(charter.body), 5)

    result = {
        "users": args.users,
        "refusals": args.refusals,
        "journal_fill_s": round(fill_s, 2),
        "charter_check_ms": round(check_ms, 3),
        "pk_lookup_ms": round(lookup_ms, 3),
        "charter_check_ratio": round(check_ms / lookup_ms, 2),
        "refusal_aggregate_ms": round(agg_ms, 2),
        "refusal_count_ms": round(count_ms, 2),
        "refusal_aggregate_ratio": round(agg_ms / count_ms, 2),
        "charter_pdf_ms": round(pdf_ms, 1),
        "charter_html_ms": round(html_ms, 2),
        "pdf_ratio": round(pdf_ms / html_ms, 1),
    }
    print(
        f"Charter check: {check_ms:.3f} ms per call ({result['charter_check_ratio']}x a primary-key lookup, {lookup_ms:.3f} ms)"
    )
    print(
        f"Refusal aggregates over {args.refusals} journal entries: {agg_ms:.1f} ms ({result['refusal_aggregate_ratio']}x a bare COUNT, {count_ms:.1f} ms)"
    )
    print(f"Charter PDF: {pdf_ms:.0f} ms ({result['pdf_ratio']}x the HTML rendering, {html_ms:.1f} ms)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
