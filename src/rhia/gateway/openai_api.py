"""The governed OpenAI-compatible API at /v1/ (docs at /v1/docs). Authenticated by personal API keys."""

from __future__ import annotations

import json
import time
import uuid

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from rhia.gateway import admission, pipeline, quota
from rhia.gateway.keys import key_or_login_for_docs, resolve_key
from rhia.gateway.pipeline import GatewayError
from rhia.gateway.schemas import (
    ChatCompletion,
    ChatCompletionRequest,
    EmbeddingList,
    EmbeddingRequest,
    ErrorResponse,
    ModelList,
    message_text,
)

AI_NOTICE = "Contenu genere par une IA (rhia), a verifier par un agent avant tout usage"


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        key = resolve_key(token)
        if key is not None:
            admission.check_body_size(request)  # before django-ninja reads and parses the body
        return key


api = NinjaAPI(
    title="rhia — API compatible OpenAI",
    version="1",
    description=(
        "API gouvernée compatible avec le client officiel `openai` : chaque requête passe par le contrôle "
        "des usages interdits, la pseudonymisation des données personnelles, le routage vers un fournisseur "
        "approuvé pour la classe de données, et le journal de traçabilité. En-tête optionnel "
        "`X-Rhia-Use-Case` : le cas d'usage (sinon celui de la clé)."
    ),
    auth=ApiKeyAuth(),
    urls_namespace="openai",
    docs_decorator=key_or_login_for_docs,
)


def _error(error: GatewayError) -> JsonResponse:
    response = JsonResponse(error.body(), status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


@api.exception_handler(GatewayError)
def on_gateway_error(request, exc: GatewayError):
    return _error(exc)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc: PermissionDenied):
    return _error(
        GatewayError(403, str(exc) or "Accès refusé.", type="permission_error", code="permission_denied")
    )


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request, exc: RequestDataTooBig):
    return _error(
        GatewayError(413, "Requête trop volumineuse.", type="invalid_request_error", code="request_too_large")
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(
        GatewayError(
            401,
            "Clé d'API absente, invalide ou révoquée.",
            type="invalid_request_error",
            code="invalid_api_key",
        )
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:  # unreadable JSON body
        return _error(
            GatewayError(
                400,
                "Requête invalide : corps JSON illisible.",
                type="invalid_request_error",
                code="invalid_json",
            )
        )
    return _error(
        GatewayError(exc.status_code, "Requête refusée.", type="invalid_request_error", code="http_error")
    )


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    fields = ", ".join(".".join(str(p) for p in err.get("loc", [])[1:]) or "corps" for err in exc.errors[:5])
    message = (
        f"Requête invalide : vérifiez les champs {fields}."
        if fields
        else "Requête invalide : corps JSON illisible."
    )
    return _error(GatewayError(400, message, type="invalid_request_error", code="invalid_request"))


def _label(response: HttpResponse, prepared: pipeline.Prepared, provider: str = "") -> HttpResponse:
    response["X-Rhia-AI-Generated"] = "true"
    response["X-Rhia-Notice"] = AI_NOTICE
    response["X-Rhia-Use-Case"] = prepared.use_case.slug
    if provider:
        response["X-Rhia-Provider"] = provider
    return response


def _params(body: ChatCompletionRequest) -> dict:
    params = {
        "max_tokens": body.max_completion_tokens or body.max_tokens,
        "temperature": body.temperature,
        "top_p": body.top_p,
        "stop": body.stop,
    }
    return {name: value for name, value in params.items() if value is not None}


@api.get(
    "/models",
    response={200: ModelList, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse},
    summary="Modèles disponibles",
)
def list_models(request):
    from rhia.llm.models import Provider

    admission.admit_request(request.auth)
    created = int(time.time())
    cards = [{"id": "rhia", "created": created, "owned_by": "rhia"}]
    for provider in Provider.objects.filter(enabled=True).order_by("name"):
        cards.append({"id": provider.model_label, "created": created, "owned_by": provider.name})
    return {"data": cards}


# What a governed call can answer besides success: the gateway's refusals (same for every endpoint).
_GOVERNED_ERRORS = dict.fromkeys((400, 401, 403, 413, 429, 503), ErrorResponse)


@api.post(
    "/chat/completions",
    response={200: ChatCompletion, **_GOVERNED_ERRORS},
    summary="Complétion de conversation gouvernée",
)
def chat_completions(request, body: ChatCompletionRequest):
    key = request.auth
    for message in body.messages:
        if isinstance(message.content, list) and any(part.type != "text" for part in message.content):
            raise GatewayError(
                400,
                "Seuls les contenus texte sont acceptés.",
                type="invalid_request_error",
                code="unsupported_content",
            )
    texts = [(m.role, message_text(m)) for m in body.messages]
    admission.admit_request(key, [text for _role, text in texts])
    prepared = pipeline.prepare(key, request.headers.get("X-Rhia-Use-Case"), texts)
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    if body.stream:
        stream = pipeline.open_stream(prepared, _params(body))
        response = StreamingHttpResponse(
            _sse(prepared, stream, completion_id, created, body.model), content_type="text/event-stream"
        )
        response["Cache-Control"] = "no-cache"
        return _label(response, prepared, stream.provider.name)
    text, result = pipeline.complete(prepared, _params(body))
    payload = {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": result.model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": result.finish_reason or "stop",
            }
        ],
        "usage": {
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "total_tokens": result.prompt_tokens + result.completion_tokens,
        },
    }
    return _label(JsonResponse(payload), prepared, result.provider)


def _sse(prepared, stream, completion_id: str, created: int, model: str):
    def event(delta: dict, finish: str | None = None) -> str:
        chunk = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    try:
        for text in pipeline.reidentified_chunks(prepared, stream):
            yield event({"content": text})
    except Exception as failure:  # the provider failed mid-stream: tell the client in the OpenAI way
        from rhia.llm.providers.base import ContextTooLong

        error = (
            pipeline._model_error(failure)
            if isinstance(failure, ContextTooLong)
            else GatewayError(
                503,
                "Le modèle s'est interrompu ; réessayez.",
                type="server_error",
                code="provider_unavailable",
            )
        )
        yield f"data: {json.dumps(error.body(), ensure_ascii=False)}\n\n"
        return
    yield event({}, "stop")
    yield "data: [DONE]\n\n"


@api.post(
    "/embeddings",
    response={200: EmbeddingList, **_GOVERNED_ERRORS},
    summary="Plongements vectoriels gouvernés",
)
def embeddings(request, body: EmbeddingRequest):
    from rhia.llm import services
    from rhia.llm.providers.base import ProviderError
    from rhia.llm.routing import NoProviderAvailable

    key = request.auth
    inputs = [body.input] if isinstance(body.input, str) else body.input
    if not all(inputs) or len(inputs) > 256:
        raise GatewayError(
            400,
            "Entrée vide ou trop nombreuse (256 textes au plus).",
            type="invalid_request_error",
            code="invalid_input",
        )
    admission.admit_request(key, inputs)
    prepared = pipeline.prepare(
        key, request.headers.get("X-Rhia-Use-Case"), [("user", text) for text in inputs]
    )
    try:
        vectors = services.embed(
            [m["content"] for m in prepared.messages], data_class=prepared.data_class, actor=key.user
        )
    except (NoProviderAvailable, ProviderError) as error:
        raise pipeline._model_error(error) from error
    tokens = sum(len(text) for text in inputs) // 4
    quota.charge(key, tokens, 0)
    payload = {
        "object": "list",
        "model": body.model,
        "data": [{"object": "embedding", "index": i, "embedding": list(v)} for i, v in enumerate(vectors)],
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
    return _label(JsonResponse(payload), prepared)
