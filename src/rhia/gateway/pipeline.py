"""The governed path of one gateway request: use case -> usage guard -> privacy shield -> model -> journal.

The same rules as the case workflow, for tools that speak the OpenAI API.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction

from rhia.audit.journal import record
from rhia.gateway import quota
from rhia.gateway.models import ApiKey
from rhia.gateway.reidentify_stream import StreamingReidentifier
from rhia.llm.classes import DATA_CLASSES, INTERNAL
from rhia.policy.models import UseCase

# Most restrictive wins (llm.classes lists them from least to most protected); a gateway request
# is at least internal administrative content.
_CLASS_ORDER = list(DATA_CLASSES)
_FLOOR_CLASS = INTERNAL


class GatewayError(Exception):
    """An OpenAI-style error with a French message."""

    def __init__(self, status: int, message: str, *, type: str, code: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.code = status, message, type, code
        self.headers = headers or {}

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": None, "code": self.code}}


@dataclass
class Prepared:
    key: ApiKey
    use_case: UseCase
    messages: list[dict]  # pseudonymized
    mapping: dict = field(default_factory=dict)
    data_class: str = _FLOOR_CLASS
    sensitive_categories: list[str] = field(default_factory=list)

    def reidentify(self, text: str) -> str:
        from rhia.privacy.pseudonymize import reidentify

        return reidentify(text, self.mapping) if self.mapping else text


def resolve_use_case(key: ApiKey, requested_slug: str | None) -> UseCase:
    if not requested_slug:
        use_case = key.default_use_case
    else:
        use_case = key.use_cases.filter(slug=requested_slug).first()
        if use_case is None:
            raise GatewayError(
                403,
                f"Le cas d'usage « {requested_slug} » n'est pas autorisé pour cette clé.",
                type="permission_error",
                code="use_case_not_allowed",
            )
    if not UseCase.objects.selectable().filter(pk=use_case.pk).exists():
        raise GatewayError(
            403,
            f"Le cas d'usage « {use_case.name} » n'est pas ouvert aux agents (statut : {use_case.get_status_display()}).",
            type="permission_error",
            code="use_case_not_selectable",
        )
    return use_case


def _most_restrictive(classes: list[str]) -> str:
    return max(classes, key=_CLASS_ORDER.index)


def prepare(key: ApiKey, use_case_slug: str | None, messages: list[tuple[str, str]]) -> Prepared:
    """Guard then pseudonymize every message (role, text). Raises GatewayError on refusal."""
    from rhia.policy.services import enforce
    from rhia.privacy.detect import data_class, scan
    from rhia.privacy.pseudonymize import pseudonymize

    use_case = resolve_use_case(key, use_case_slug)
    # Every role and every turn: an instruction planted in an assistant or tool message counts too.
    decision = enforce(messages=messages, actor=key.user, channel="gateway")
    if not decision.allowed:
        code = "clarification_needed" if decision.clarification else "forbidden_use"
        raise GatewayError(403, decision.user_reason or decision.reason, type="policy_refusal", code=code)

    mapping: dict = {}
    pseudonymized, classes, categories = [], [_FLOOR_CLASS], set()
    for role, text in messages:
        result = scan(text)
        safe_text, mapping = pseudonymize(text, result.entities, mapping)
        pseudonymized.append({"role": "system" if role == "developer" else role, "content": safe_text})
        classes.append(data_class(result))
        categories.update(result.sensitive_categories)
    return Prepared(key, use_case, pseudonymized, mapping, _most_restrictive(classes), sorted(categories))


def _journal(prepared: Prepared, action: str, **payload) -> None:
    record(
        action,
        actor=prepared.key.user,
        obj=prepared.key,
        payload={
            "use_case": prepared.use_case.slug,
            "data_class": prepared.data_class,
            "sensitive_categories": prepared.sensitive_categories,
            "placeholders": len(prepared.mapping),
            **payload,
        },
        structure=prepared.key.structure,
    )


def _model_error(error: Exception) -> GatewayError:
    from rhia.llm.providers.base import ContextTooLong
    from rhia.llm.routing import NoProviderAvailable

    if isinstance(error, ContextTooLong):  # the client's request is too long: its fault, not ours
        return GatewayError(400, str(error), type="invalid_request_error", code="context_length_exceeded")
    if isinstance(error, NoProviderAvailable):
        return GatewayError(403, error.message, type="policy_refusal", code="no_approved_provider")
    return GatewayError(
        503,
        "Le modèle ne répond pas pour le moment ; réessayez plus tard.",
        type="server_error",
        code="provider_unavailable",
    )


def complete(prepared: Prepared, params: dict):
    """Non-streamed completion; returns (re-identified text, ChatResult)."""
    from rhia.llm import services
    from rhia.llm.providers.base import ProviderError
    from rhia.llm.routing import NoProviderAvailable

    try:
        result = services.chat(
            prepared.messages, data_class=prepared.data_class, actor=prepared.key.user, **params
        )
    except (NoProviderAvailable, ProviderError) as error:
        _journal(prepared, "gateway.failed", reason=type(error).__name__)
        raise _model_error(error) from error
    _settle(prepared, result)
    return prepared.reidentify(result.text), result


def _settle(prepared: Prepared, result, **extra) -> None:
    """Journal the completion and charge its tokens in one transaction (one commit per request saved)."""
    with transaction.atomic():
        _journal(
            prepared,
            "gateway.completion",
            provider=result.provider if result else "",
            model=result.model if result else "",
            prompt_tokens=result.prompt_tokens if result else 0,
            completion_tokens=result.completion_tokens if result else 0,
            latency_ms=result.latency_ms if result else 0,
            **extra,
        )
        if result is not None:
            quota.charge(prepared.key, result.prompt_tokens, result.completion_tokens)


def open_stream(prepared: Prepared, params: dict):
    """Starts a stream; refusals are raised here, before the first byte is sent."""
    from rhia.llm import services
    from rhia.llm.routing import NoProviderAvailable

    try:
        return services.stream_chat(
            prepared.messages, data_class=prepared.data_class, actor=prepared.key.user, **params
        )
    except NoProviderAvailable as error:
        _journal(prepared, "gateway.failed", reason="NoProviderAvailable")
        raise _model_error(error) from error


def reidentified_chunks(prepared: Prepared, stream) -> Iterator[str]:
    """Re-identified text chunks of a stream, journaled when the stream ends.

    Closed early (the client went away: the WSGI server closes the response, which closes this
    generator), it closes the provider stream first, so the provider call is journaled and its
    tokens charged here, in the request's thread, before the request's connections are closed."""
    reidentifier = StreamingReidentifier(prepared.reidentify)
    try:
        for chunk in stream:
            ready = reidentifier.feed(chunk)
            if ready:
                yield ready
        rest = reidentifier.flush()
        if rest:
            yield rest
    finally:
        stream.close()
        _settle(prepared, stream.result, stream=True)
