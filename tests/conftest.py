"""Shared fixtures: users per role, a structure tree, the browser, and the PostgreSQL pass filter."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_setup",
    "live_server",
    "client",
    "admin_client",
    "django_user_model",
}


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass, keep only the tests that touch the database."""
    if os.environ.get("RHIA_TEST_BACKEND") != "postgresql":
        return
    keep, drop = [], []
    for item in items:
        touches_db = item.get_closest_marker("django_db") is not None or bool(
            _DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (keep if touches_db else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Argon2 costs ~0.6 s per test user on 2 cores; tests that check hashing opt back in."""
    from django.conf import settings

    production_hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *production_hashers]
    yield
    settings.PASSWORD_HASHERS = production_hashers


# Signed journal heads of test databases go to a scratch file, never the worktree's var/ one;
# subprocesses started by tests (CLI, concurrent writers) inherit it.
_CHECKPOINT_FILE = Path(tempfile.mkdtemp(prefix="rhia-test-audit-")) / "checkpoints.jsonl"
os.environ["RHIA_AUDIT_CHECKPOINT_FILE"] = str(_CHECKPOINT_FILE)


@pytest.fixture(autouse=True)
def _journal_checkpoint_file():
    """Each test starts with an empty file of signed journal heads."""
    from django.conf import settings

    _CHECKPOINT_FILE.unlink(missing_ok=True)
    settings.RHIA_AUDIT_CHECKPOINT_FILE = _CHECKPOINT_FILE
    return _CHECKPOINT_FILE


@pytest.fixture
def structures(db):
    from rhia.accounts.models import Structure

    ministry = Structure.objects.create(name="Ministère test", kind=Structure.Kind.MINISTRY)
    academy = Structure.objects.create(name="Académie test", kind=Structure.Kind.ACADEMY, parent=ministry)
    service = Structure.objects.create(name="Service test", kind=Structure.Kind.SERVICE, parent=academy)
    other = Structure.objects.create(name="Autre académie", kind=Structure.Kind.ACADEMY, parent=ministry)
    return {"ministry": ministry, "academy": academy, "service": service, "other": other}


PASSWORD = "mot-de-passe-de-test-2026"


@pytest.fixture
def make_user(db, structures):
    """make_user(role, structure_key="service", username=None, **fields) -> an active user with that role."""
    from rhia.accounts.models import RoleAssignment, User

    counter = {"n": 0}

    def factory(role=None, structure="service", username=None, **fields):
        counter["n"] += 1
        structure_obj = structures[structure] if isinstance(structure, str) else structure
        user = User.objects.create_user(
            username=username or f"user{counter['n']}-{role or 'none'}",
            password=PASSWORD,
            first_name=fields.pop("first_name", "Prénom"),
            last_name=fields.pop("last_name", f"Nom{counter['n']}"),
            structure=structure_obj,
            access=fields.pop("access", User.Access.ACTIVE if role else User.Access.PENDING),
            **fields,
        )
        if role:
            RoleAssignment.objects.create(user=user, role=role, structure=structure_obj)
        return user

    return factory


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def browser_login(page, live_server):
    def login(user, password=PASSWORD):
        page.goto(f"{live_server.url}/comptes/connexion/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return login


@pytest.fixture
def grant_assistant_access(db):
    """grant_assistant_access(user) -> user: charter acknowledged (published first if none) and the
    basic training module completed, so training.gating.assistant_access_missing(user) is empty."""
    from django.utils import timezone

    from rhia.governance import services as governance
    from rhia.governance.models import KitDocument
    from rhia.training import gating
    from rhia.training.models import Training
    from rhia.training.services import record_completion

    def grant(user):
        if governance.current_charter() is None:
            document, _ = KitDocument.objects.get_or_create(
                kind=KitDocument.Kind.CHARTER,
                defaults={"slug": "charte-ia", "title": "Charte d'utilisation des outils d'IA"},
            )
            draft = governance.create_draft(
                document,
                body="# Charte\n\nL'IA propose, l'agent décide.",
                major=True,
                change_summary="",
                actor=None,
            )
            governance.validate_version(draft, actor=None)
            governance.publish_version(draft, actor=None)
        governance.acknowledge_current_charter(user)
        module = gating.basic_module() or Training.objects.create(
            code="socle-test",
            title="Module socle (test)",
            source=Training.Source.INTERNAL,
            duration_minutes=60,
            is_basic=True,
        )
        record_completion(user, module, on=timezone.localdate())
        return user

    return grant


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite tests use a file database (in /dev/shm when possible): a worker subprocess can open it."""
    import tempfile

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not database.get("TEST", {}).get("NAME"):
        shm = Path("/dev/shm")
        folder = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
        database.setdefault("TEST", {})["NAME"] = str(folder / f"rhia-test-{os.getpid()}.sqlite3")


@pytest.fixture
def worker(transactional_db, settings):
    """Start real ``rhia worker`` processes on the test database: ``worker.start()``, ``worker.kill(p)``.

    The test's data must be committed (``django_db(transaction=True)``). Every process left is
    stopped at teardown, before the database is flushed.
    """
    from tests.jobs.processes import WorkerProcesses

    processes = WorkerProcesses(settings)
    yield processes
    processes.stop_all()
