"""Every page under the Content-Security-Policy in a real browser: no inline script, no violation.

Other engineers add templates all the time: this walks every parameterless page of the URL
configuration (plus the API docs and the administration), so a straggler inline script or
``on…=`` handler fails here at merge time.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError

from rhia.accounts.models import RoleAssignment
from rhia.accounts.roles import Role

_SKIPPED_PREFIXES = ("administration/", "oidc/", "api/", "v1/", "static/", "media/")
# Pages that answer with a file download or end the session.
_NOT_PAGES = ("/comptes/deconnexion/",)


def _pages(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith(_SKIPPED_PREFIXES):
                yield from _pages(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" not in route and not entry.pattern.converters:
            yield "/" + route


_INLINE_CODE = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) found.push(element.tagName + " " + attribute.name);
      if (attribute.value.trim().toLowerCase().startsWith("javascript:")) found.push(attribute.name);
    }
  }
  for (const script of document.querySelectorAll("script:not([src])")) {
    if (!["application/json", "application/ld+json"].includes(script.type)) found.push("inline script");
  }
  return found;
}"""


def _watch_csp(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    # Scripts added by Playwright are outside the page's policy: this listener always runs.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_csp_violation_on_any_page(
    browser_login, make_user, structures, grant_assistant_access, live_server
):
    user = make_user(Role.ADMIN.value, structure="ministry")
    for role in Role:
        if role != Role.ADMIN:
            RoleAssignment.objects.create(user=user, role=role.value, structure=structures["ministry"])
    grant_assistant_access(user)
    page = browser_login(user)
    violations = _watch_csp(page)
    urls = sorted(set(_pages(get_resolver().url_patterns)) - set(_NOT_PAGES))
    urls += ["/api/docs", "/v1/docs", "/administration/", "/administration/llm/provider/add/"]
    seen = []
    for url in urls:
        try:
            response = page.goto(live_server.url + url)
        except PlaywrightError as error:  # CSV/PDF/JSONL exports download instead of rendering
            assert "Download is starting" in str(error), (url, error)
            continue
        if response is None or response.headers.get("content-type", "").split(";")[0] != "text/html":
            continue
        assert "content-security-policy" in response.headers, url
        page.wait_for_load_state("networkidle")
        seen.append(url)
        assert not violations, (url, violations)
        # Handlers only violate the policy when they fire: look for them in the page itself.
        inline = page.evaluate(_INLINE_CODE)
        assert not inline, (url, inline)
    assert len(seen) > 20, seen


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_autosubmit_replaces_the_inline_handler(browser_login, make_user, structures, live_server):
    page = browser_login(make_user(Role.TRAINING.value, structure="ministry"))
    violations = _watch_csp(page)
    page.goto(f"{live_server.url}/formation/plan/")
    with page.expect_navigation():
        page.select_option("#structure", str(structures["other"].pk))
    assert f"structure={structures['other'].pk}" in page.url
    assert not violations
