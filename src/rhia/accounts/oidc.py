"""OIDC login (ProConnect or any provider): a first-time user is created with no access."""

from __future__ import annotations

import hashlib

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from rhia.accounts.models import User


class RhiaOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        subject = claims.get("sub")
        if not subject:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=_username_for(claims))

    def create_user(self, claims) -> User:
        user = self.UserModel.objects.create_user(
            username=_username_for(claims),
            email=claims.get("email", ""),
            first_name=claims.get("given_name", "")[:150],
            last_name=(claims.get("usual_name") or claims.get("family_name") or "")[:150],
        )
        user.access = User.Access.PENDING
        user.set_unusable_password()
        user.save()
        from rhia.audit.journal import record

        record(
            "accounts.oidc_first_login",
            actor=user,
            obj=user,
            payload={"issuer_subject_hash": _subject_hash(claims)},
        )
        return user

    def update_user(self, user, claims) -> User:
        user.email = claims.get("email", user.email)
        user.save(update_fields=["email"])
        return user


def _subject_hash(claims) -> str:
    return hashlib.sha256(str(claims.get("sub", "")).encode()).hexdigest()[:16]


def _username_for(claims) -> str:
    # The subject is stable across e-mail changes; hashed so the username leaks nothing.
    return f"oidc-{_subject_hash(claims)}"
