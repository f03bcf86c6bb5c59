import pytest

from thesisdesk.people.models import ApiToken

pytestmark = pytest.mark.django_db


def test_admin_creates_a_token_shown_once_and_revokes_it(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        "/admin/people/apitoken/add/",
        {"name": "Système d'inscriptions", "user": personas.coordinator.pk},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    raw = shown[0].rsplit(" ", 1)[-1]
    assert raw.startswith(token.key_prefix) and ApiToken.hash(raw) == token.key_hash
    listing = client.get("/admin/people/apitoken/")
    assert raw not in listing.content.decode()
    client.post(
        "/admin/people/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = client.get("/api/v1/theses", HTTP_AUTHORIZATION=f"Bearer {raw}")
    # The admin's own session still authenticates; check with a fresh client instead.
    from django.test import Client

    assert Client().get("/api/v1/theses", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert api.status_code == 200


def test_apitoken_command(personas):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("apitoken", "create", "coord", "Registrar", stdout=out)
    raw = out.getvalue().splitlines()[1]
    token = ApiToken.objects.get()
    assert ApiToken.hash(raw) == token.key_hash and token.user == personas.coordinator
    out = io.StringIO()
    call_command("apitoken", "list", stdout=out)
    assert "Registrar" in out.getvalue() and raw not in out.getvalue()
    call_command("apitoken", "revoke", str(token.pk), stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
