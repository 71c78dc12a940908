"""JSON API of the usage framework: the register and the guard check."""

from ninja import Router, Schema

from rhia.accounts.authz import api_require
from rhia.policy.models import UseCase
from rhia.policy.services import enforce

router = Router(tags=["Cadre d'usage"])


class UseCaseOut(Schema):
    slug: str
    name: str
    category: str
    status: str
    selectable: bool
    requires_second_validation: bool
    data_classes: list[str]
    ai_act_qualification: str
    directive_may: str
    directive_must_not: str
    directive_must_check: str
    review_date: str | None


class CheckIn(Schema):
    text: str
    attachments: list[tuple[str, str]] = []


@router.get("/use-cases", response=list[UseCaseOut])
@api_require("policy.view_register")
def list_use_cases(request):
    return [
        UseCaseOut(
            slug=uc.slug,
            name=uc.name,
            category=uc.category,
            status=uc.status,
            selectable=uc.is_selectable,
            requires_second_validation=uc.requires_second_validation,
            data_classes=list(uc.data_classes or []),
            ai_act_qualification=uc.ai_act_qualification,
            directive_may=uc.directive_may,
            directive_must_not=uc.directive_must_not,
            directive_must_check=uc.directive_must_check,
            review_date=uc.review_date.isoformat() if uc.review_date else None,
        )
        for uc in UseCase.objects.all()
    ]


@router.post("/check")
@api_require("policy.view_register")
def check(request, body: CheckIn):
    """The guard's decision on a request (refusals are journaled with channel "check")."""
    return enforce(body.text, body.attachments, actor=request.user, channel="check").as_dict()
