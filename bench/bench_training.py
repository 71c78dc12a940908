"""Training and dashboard benchmark: the access gate, the dashboard aggregation, the training plan.

    .venv/bin/python bench/bench_training.py [--runs 20] [--agents 2000] [--events 20000] [--json]

Measured in one fresh SQLite database (temporary RHIA_VAR_DIR) with the seeded framework and
catalogue, --agents agents over 20 services (half completed the basic module, a third self-assessed)
and --events journal entries (cases, validations, exports, refusals) over the last 12 weeks:
- assistant_access_missing(user) (called before every assistant request), against a bare primary-key
  lookup of the same user;
- dashboard services.build(root) over the whole tree, against a bare COUNT of the same journal rows;
- training plan build_plan(root) and its PDF, against the bare query of the agents.
The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from harness import fresh_django, median_ms

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--agents", type=int, default=2000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        fresh_django(Path(tmp))
        from django.utils import timezone

        from rhia.accounts.models import RoleAssignment, Structure, User
        from rhia.audit.models import JournalEntry
        from rhia.dashboard import services as dashboard
        from rhia.training import export, gating, seed
        from rhia.training.models import CompetenceScore, Enrolment, SelfAssessment, Training
        from rhia.training.plan import build_plan
        from rhia.training.services import agents_in

        seed.run(io.StringIO())
        root = Structure.objects.create(name="Ministère", kind=Structure.Kind.MINISTRY)
        units = [
            Structure.objects.create(name=f"Service {i}", kind=Structure.Kind.SERVICE, parent=root)
            for i in range(20)
        ]
        User.objects.bulk_create(
            User(username=f"agent{i}", password="!", structure=units[i % 20], access=User.Access.ACTIVE)  # noqa: S106
            for i in range(args.agents)
        )
        users = list(User.objects.order_by("pk"))
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=u, role="agent_rh", structure_id=u.structure_id) for u in users
        )
        basic = Training.objects.get(is_basic=True)
        today = timezone.localdate()
        Enrolment.objects.bulk_create(
            Enrolment(user=u, training=basic, completed_on=today, completion_source="import")
            for u in users[::2]
        )
        competences = list(basic.competences.all())
        assessments = SelfAssessment.objects.bulk_create(
            SelfAssessment(user=u, structure_id=u.structure_id) for u in users[::3]
        )
        CompetenceScore.objects.bulk_create(
            CompetenceScore(assessment=a, competence=c, score=50, level=1 + (a.pk + c.pk) % 4)
            for a in assessments
            for c in competences
        )
        now = timezone.now()
        actions = ["assistant.case_created", "assistant.validated", "assistant.exported", "policy.refused"]
        JournalEntry.objects.bulk_create(
            JournalEntry(
                seq=i + 1,
                created_at=now - timedelta(minutes=(i * 37) % (60 * 24 * 7 * 12)),
                actor_id=users[i % len(users)].pk,
                structure_id=users[i % len(users)].structure_id,
                action=actions[i % 4],
                payload={"unedited": i % 5 == 0, "unchanged_share": (i % 10) / 10, "category": f"c{i % 6}"},
                previous_hash="0" * 64,
                entry_hash=f"{i:064x}",
            )
            for i in range(args.events)
        )

        agent = users[1]
        gate_ms = median_ms(lambda: gating.assistant_access_missing(agent), args.runs * 5)
        pk_ms = median_ms(lambda: User.objects.get(pk=agent.pk), args.runs * 5)
        ids = [s.pk for s in root.subtree()]
        board_ms = median_ms(lambda: dashboard.build(root), args.runs)
        count_ms = median_ms(
            lambda: JournalEntry.objects.filter(action__in=dashboard.ACTIONS, structure_id__in=ids).count(),
            args.runs,
        )
        plan_ms = median_ms(lambda: build_plan(root, today=today), max(3, args.runs // 4))
        pdf_plan = build_plan(root, today=today)
        pdf_ms = median_ms(lambda: export.plan_pdf(pdf_plan), 3)
        agents_ms = median_ms(lambda: list(agents_in(list(root.subtree()))), args.runs)

        figures = {
            "agents": args.agents,
            "events": args.events,
            "gate_ms": round(gate_ms, 3),
            "gate_baseline_pk_lookup_ms": round(pk_ms, 3),
            "gate_ratio": round(gate_ms / pk_ms, 1),
            "dashboard_ms": round(board_ms, 1),
            "dashboard_baseline_count_ms": round(count_ms, 2),
            "dashboard_ratio": round(board_ms / count_ms, 1),
            "plan_ms": round(plan_ms, 1),
            "plan_pdf_ms": round(pdf_ms, 1),
            "plan_baseline_agents_query_ms": round(agents_ms, 1),
            "plan_ratio": round(plan_ms / agents_ms, 1),
        }
        print(
            f"Access gate            : {gate_ms:8.3f} ms  (primary-key lookup {pk_ms:.3f} ms, x{figures['gate_ratio']})"
        )
        print(
            f"Dashboard ({args.events} entries, {args.agents} agents): {board_ms:8.1f} ms  "
            f"(bare COUNT {count_ms:.2f} ms, x{figures['dashboard_ratio']})"
        )
        print(
            f"Training plan          : {plan_ms:8.1f} ms, PDF {pdf_ms:.1f} ms  "
            f"(agents query {agents_ms:.1f} ms, x{figures['plan_ratio']})"
        )
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
