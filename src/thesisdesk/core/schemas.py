"""Pieces shared by every app's REST endpoints: references, errors, pagination."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.pagination import PageNumberPagination

from thesisdesk.core.errors import ValidationFailed


class ErrorItem(Schema):
    field: str
    message: str


class Error(Schema):
    code: str
    message: str
    errors: list[ErrorItem] | None = None


# Responses every endpoint may give, for the OpenAPI document.
ERRORS: dict[int, type[Schema]] = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error}


class PersonRef(Schema):
    id: int
    first_name: str
    last_name: str
    email: str


class CampaignRef(Schema):
    id: int
    name: str
    slug: str


class Pagination(PageNumberPagination):
    """?page=1&page_size=50 (at most 200); responses are {"items": [...], "count": N}."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 200)
        super().__init__(**kwargs)


def actor(request: HttpRequest) -> Any:
    """The user the request acts as (token's user or session user)."""
    return getattr(request, "auth", None) or request.user


def resolve_people(viewer: Any, ids: Iterable[int] | None, *, field: str) -> list[Any] | None:
    """Persons for `ids` among those the viewer may see; a ValidationFailed naming `field`
    for any id that is unknown (or invisible)."""
    if ids is None:
        return None
    from thesisdesk.people.selectors import person_list

    wanted = list(dict.fromkeys(ids))
    found = {p.pk: p for p in person_list(viewer=viewer).filter(pk__in=wanted)}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise ValidationFailed(
            _("Unknown people: %(ids)s.") % {"ids": ", ".join(missing)},
            errors={field: [_("Unknown person id(s): %(ids)s.") % {"ids": ", ".join(missing)}]},
        )
    return [found[i] for i in wanted]


def resolve_person(viewer: Any, person_id: int | None, *, field: str) -> Any:
    if person_id is None:
        return None
    people = resolve_people(viewer, [person_id], field=field)
    assert people is not None
    return people[0]


def related_list(obj: Any, name: str) -> list[Any]:
    """The objects of a many-to-many relation, from the prefetch cache when there is one.

    Reading the cache directly skips building a related manager per row, which is most of
    the time a list endpoint spends on its rows.
    """
    cache = getattr(obj, "_prefetched_objects_cache", {})
    if name in cache:
        return list(cache[name])
    return list(getattr(obj, name).all())


def person_ref(person: Any) -> dict[str, Any] | None:
    """A PersonRef as a plain dict (validating dicts is cheaper than reading models)."""
    if person is None:
        return None
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
    }


def person_refs(obj: Any, name: str) -> list[dict[str, Any]]:
    return [ref for ref in map(person_ref, related_list(obj, name)) if ref is not None]
