"""In Debian's chromium: drafts survive a reload, a closed tab, another browser and a kill -9 of the
web server, because a worker writes them into the database and the page only reads it back.
The model is the scripted OpenAI-compatible server (slowed down as a model would be)."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]

ANSWER = (
    "Bonjour,\n\nVous avez droit à cinq fois vos obligations hebdomadaires de service [1].\n\nCordialement"
)
N = 3


@pytest.fixture
def slow_model(scripted, settings, monkeypatch):
    settings.RHIA_JOB_LEASE_SECONDS = 3
    monkeypatch.setenv("RHIA_DRAFTS_N", str(N))
    monkeypatch.setenv("RHIA_DRAFT_RETRY", "0")
    scripted.then, scripted.delay = ANSWER, 1.2
    return scripted


def _login(page, base: str, user) -> None:
    page.goto(f"{base}/comptes/connexion/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def _to_sources(page, base: str, case) -> None:
    page.goto(f"{base}/assistant/cas/{case.pk}/sources/")
    page.click("#generate-drafts")
    page.wait_for_url("**/propositions/")


def _no_work_redone(case, scripted) -> None:
    from rhia.audit.models import JournalEntry
    from rhia.jobs.models import Job

    assert case.drafts.count() == N + 1  # the extractive answer, then N model drafts
    assert Job.objects.filter(case=case).count() == 1 and Job.objects.get(case=case).attempt == 1
    assert scripted.hits == N  # one model call per draft: nothing generated twice
    assert JournalEntry.objects.filter(action="assistant.drafts_generated").count() == 1


def test_reload_close_the_tab_and_reopen_elsewhere(
    browser, page, browser_login, live_server, reviewed_case, agent, slow_model, worker, screenshot
):
    page.set_default_timeout(120_000)
    worker.start()
    browser_login(agent)
    _to_sources(page, live_server.url, reviewed_case)
    page.reload()  # at once: the generation goes on in the worker
    page.wait_for_selector(".rhia-draft-state--running, .rhia-draft-state--ready", state="attached")
    screenshot("case-jobs-01-running")
    url = page.url
    page.close()  # the tab is closed while the model writes
    tab = page.context.new_page()
    tab.goto(url)
    assert "proposition 1" in tab.inner_text("#draft-states").lower()
    # Another browser (new session) sees the same case progressing, then complete.
    other = browser.new_context(locale="fr-FR")
    elsewhere = other.new_page()
    elsewhere.set_default_timeout(120_000)
    _login(elsewhere, live_server.url, agent)
    elsewhere.goto(url)
    for view in (tab, elsewhere):
        view.wait_for_selector("#drafts[data-complete=true]", state="attached")
        assert view.locator(".rhia-draft").count() == N + 1
        states = view.inner_text("#draft-states").lower()
        assert states.count("prête") == N + 1 and "en attente" not in states
    tab.screenshot(path=str(SCREENSHOTS / "case-jobs-02-done.png"), full_page=True)
    other.close()
    _no_work_redone(reviewed_case, slow_model)


def test_kill_9_of_the_web_server_loses_nothing(page, reviewed_case, agent, slow_model, worker):
    from django.contrib.auth.hashers import make_password

    from tests.jobs.processes import free_port

    # The subprocess server uses the production hashers: store the password the way it can check.
    agent.password = make_password(PASSWORD, hasher="argon2")
    agent.save(update_fields=["password"])
    page.set_default_timeout(120_000)
    worker.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = worker.web(port)
    _login(page, base, agent)
    _to_sources(page, base, reviewed_case)
    page.wait_for_selector(".rhia-draft-state--running", state="attached")
    worker.kill(server)  # kill -9 of the web server in the middle of the generation
    server = worker.web(port)
    page.reload()
    page.wait_for_selector("#drafts[data-complete=true]", state="attached")
    assert page.locator(".rhia-draft").count() == N + 1
    _no_work_redone(reviewed_case, slow_model)
