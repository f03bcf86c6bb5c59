import io

import pytest
from django.core.management import call_command

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import background


class FakeService:
    order = 5

    def __init__(self, name, wanted=True):
        self.name = name
        self._wanted = wanted
        self.events = []

    def wanted(self):
        return self._wanted

    def start(self):
        self.events.append("start")
        return "listening on 127.0.0.1:9999"

    def stop(self):
        self.events.append("stop")


@pytest.fixture
def services(monkeypatch):
    monkeypatch.setattr(background, "_services", [])
    return background


@pytest.mark.django_db(transaction=True)
def test_run_sets_up_loads_demo_once_and_stops_services(services, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    wanted = FakeService("Moodle simulator")
    unwanted = FakeService("Worker", wanted=False)
    services.register(wanted)
    services.register(unwanted)
    out = io.StringIO()
    call_command("run", no_serve=True, stdout=out)
    text = out.getvalue()
    assert "loading the demo campaign" in text
    assert "http://127.0.0.1:8000/" in text
    assert "Moodle simulator: listening on 127.0.0.1:9999" in text
    assert "etudiant1" in text and "coord" in text
    assert wanted.events == ["start", "stop"] and unwanted.events == []
    assert Campaign.objects.count() == 1

    out = io.StringIO()
    call_command("run", no_serve=True, stdout=out)
    assert "loading the demo" not in out.getvalue()
    assert Campaign.objects.count() == 1


def test_services_stop_in_reverse_order_even_if_one_fails(services):
    order = []

    class Service(FakeService):
        def stop(self):
            order.append(self.name)
            if self.name == "b":
                raise RuntimeError("boom")

    first, second = Service("a"), Service("b")
    second.order = 10
    services.register(second)
    services.register(first)
    running = background.Running()
    report = []
    running.start_all(report)
    assert [line.split(":")[0] for line in report] == ["a", "b"]
    running.stop_all()
    assert order == ["b", "a"]


@pytest.mark.django_db(transaction=True)
def test_run_on_another_port_points_links_and_webhook_there(
    services, tmp_path, settings, monkeypatch
):
    settings.STATIC_ROOT = tmp_path / "static"
    monkeypatch.delenv("SITE_URL", raising=False)
    seen = []

    class Probe(FakeService):
        def start(self):
            from django.conf import settings as live

            seen.append(live.SITE_URL)  # what the background services will use
            return "probed"

    services.register(Probe("Probe"))
    call_command("run", no_serve=True, no_demo=True, port=8123, stdout=io.StringIO())
    assert seen == ["http://127.0.0.1:8123/"]

    monkeypatch.setenv("SITE_URL", "https://theses.example.edu")
    settings.SITE_URL = "https://theses.example.edu"
    call_command("run", no_serve=True, no_demo=True, port=8124, stdout=io.StringIO())
    assert seen[-1] == "https://theses.example.edu"  # the operator's choice wins
