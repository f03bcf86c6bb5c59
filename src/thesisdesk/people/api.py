"""REST endpoints for people: /api/v1/people."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thesisdesk.campaigns.models import Role
from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.schemas import ERRORS, Pagination, actor
from thesisdesk.people.models import Language, NotificationChannel
from thesisdesk.people.selectors import person_get, person_list
from thesisdesk.people.services import person_create, person_update

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    moodle_user_id: int | None
    moodle_username: str
    preferred_language: str
    notification_channel: str
    has_account: bool

    @staticmethod
    def resolve_has_account(person: Any) -> bool:
        return person.user_id is not None


class PersonIn(Schema):
    first_name: str
    last_name: str
    email: str
    moodle_user_id: int | None = None
    moodle_username: str = ""
    preferred_language: Language = Language.FRENCH
    notification_channel: NotificationChannel = NotificationChannel.EMAIL


class PersonPatch(Schema):
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    moodle_user_id: int | None = None
    moodle_username: str | None = None
    preferred_language: Language | None = None
    notification_channel: NotificationChannel | None = None


@router.get("", response={200: list[PersonOut], **ERRORS})
@paginate(Pagination)
def list_people(
    request: HttpRequest,
    campaign: int | None = None,
    role: Role | None = None,
    search: str = "",
    ordering: str = "last_name",
) -> Any:
    """People you may see; filter by campaign and role, search names and e-mails."""
    viewer = actor(request)
    campaign_obj = campaign_get(viewer=viewer, campaign_id=campaign) if campaign else None
    return person_list(
        viewer=viewer, campaign=campaign_obj, role=role, search=search, ordering=ordering
    )


@router.post("", response={201: PersonOut, **ERRORS})
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    """Create a person (coordinators). Give them a role with POST /campaigns/{id}/memberships."""
    return Status(201, person_create(actor=actor(request), **payload.dict()))


@router.get("/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request: HttpRequest, person_id: int) -> Any:
    return person_get(viewer=actor(request), person_id=person_id)


@router.patch("/{person_id}", response={200: PersonOut, **ERRORS})
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Any:
    viewer = actor(request)
    person = person_get(viewer=viewer, person_id=person_id)
    return person_update(actor=viewer, person=person, **payload.dict(exclude_unset=True))
