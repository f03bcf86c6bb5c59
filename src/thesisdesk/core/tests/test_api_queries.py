"""API list endpoints run a number of queries that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thesisdesk.people.services import api_token_create
from thesisdesk.testing.bulk import build_large_campaign

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ENDPOINTS = [
    "/api/v1/theses?campaign={c}&page_size=200",
    "/api/v1/theses?campaign={c}&page_size=200&search=Famille1",
    "/api/v1/subjects?campaign={c}&page_size=200",
    "/api/v1/people?campaign={c}&page_size=200",
    "/api/v1/campaigns/{c}/memberships?page_size=200",
    "/api/v1/milestones?campaign={c}",
    "/api/v1/audit-events?campaign={c}",
]


def _count_queries(client, url, raw):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("who", ["coordinator", "supervisor", "student"])
def test_list_endpoints_queries_do_not_grow_with_rows(client, who):
    small = build_large_campaign(theses=10, supervisors=3)
    large = build_large_campaign(theses=5000, supervisors=100)
    counts = {}
    for name, data in (("small", small), ("large", large)):
        _token, raw = api_token_create(actor=None, user=getattr(data, who), name=name)
        for url in ENDPOINTS:
            n, body = _count_queries(client, url.format(c=data.campaign.pk), raw)
            counts.setdefault(url, {})[name] = n
            if who == "coordinator" and url == ENDPOINTS[0]:
                expected = 10 if name == "small" else 200
                assert len(body["items"]) == expected
                assert body["count"] == (10 if name == "small" else 5000)
    for url, by_size in counts.items():
        assert by_size["large"] == by_size["small"], (url, by_size)
        assert by_size["large"] <= 12, (url, by_size)
