"""`thesisdesk allocate solve INSTANCE.json --out RESULT.json`: the solver alone on a file.

Any instance can so be checked independently of the database. Bad input exits with code 2
and a message naming the item; an infeasible instance says which constraint.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thesisdesk.allocation.solver import OBJECTIVES, InfeasibleError, InstanceError, solve
from thesisdesk.allocation.solver.explain import compare, explain
from thesisdesk.allocation.solver.jsonio import (
    instance_from_dict,
    result_from_dict,
    result_to_dict,
)

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Allocation tools: solve an instance file, compare two result files."
    # The solver works on files, not on the database: skip the system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        solve_parser = commands.add_parser("solve", help="Solve an instance (JSON) exactly.")
        solve_parser.add_argument("instance", help="instance file (JSON), '-' for stdin")
        solve_parser.add_argument("--out", help="result file (default: standard output)")
        solve_parser.add_argument("--objective", choices=OBJECTIVES)
        solve_parser.add_argument("--seed", type=int)
        solve_parser.add_argument(
            "--explain", action="store_true", help="add the explanations to the result"
        )
        compare_parser = commands.add_parser("compare", help="Compare two result files.")
        compare_parser.add_argument("a")
        compare_parser.add_argument("b")
        export_parser = commands.add_parser(
            "export", help="Write a campaign's current solver input (JSON)."
        )
        export_parser.add_argument("campaign", help="campaign short name (slug)")
        export_parser.add_argument("--out", help="file (default: standard output)")
        export_parser.add_argument("--objective", choices=OBJECTIVES, default="min_rank_sum")
        export_parser.add_argument("--seed", type=int, default=0)
        run_parser = commands.add_parser(
            "run", help="Run a campaign's allocation and keep it (as the system)."
        )
        run_parser.add_argument("campaign", help="campaign short name (slug)")
        run_parser.add_argument("--objective", choices=OBJECTIVES, default="min_rank_sum")
        run_parser.add_argument("--seed", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] in {"export", "run"}:
            self._campaign_action(options)
            return
        if options["action"] == "compare":
            a = result_from_dict(_read_json(options["a"]))
            b = result_from_dict(_read_json(options["b"]))
            self.stdout.write(json.dumps(compare(a, b), indent=2))
            return
        data = _read_json(options["instance"])
        if isinstance(data, dict):
            overrides = dict(data.get("options") or {})
            if options["objective"]:
                overrides["objective"] = options["objective"]
            if options["seed"] is not None:
                overrides["seed"] = options["seed"]
            data = {**data, "options": overrides}
        try:
            instance = instance_from_dict(data)
            result = solve(instance)
        except InfeasibleError as error:
            raise CommandError(
                f"{error.message} (constraint: {error.constraint or 'unknown'})",
                returncode=BAD_INPUT,
            ) from None
        except InstanceError as error:
            raise CommandError(error.message, returncode=BAD_INPUT) from None
        output = result_to_dict(result)
        if options["explain"]:
            output["explanations"] = explain(instance, result)
        text = json.dumps(output, ensure_ascii=False)
        if options["out"]:
            Path(options["out"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(
                f"{result.assigned} assigned, {len(result.unassigned)} unassigned, rank sum "
                f"{result.rank_sum}, {'optimal' if result.optimal else 'NOT proven optimal'}, "
                f"{result.seconds:.3f} s ({result.method})."
            )
        else:
            self.stdout.write(text)

    def _campaign_action(self, options: dict[str, Any]) -> None:
        from thesisdesk.allocation import selectors, services
        from thesisdesk.campaigns.models import Campaign
        from thesisdesk.core.errors import DomainError

        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign {options['campaign']!r}.", returncode=BAD_INPUT)
        if options["action"] == "export":
            data = selectors.build_instance(
                campaign, objective=options["objective"], seed=options["seed"]
            )
            text = json.dumps(data, ensure_ascii=False, indent=1)
            if options["out"]:
                Path(options["out"]).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        try:
            run = services.allocation_run(
                actor=None, campaign=campaign, objective=options["objective"], seed=options["seed"]
            )
        except DomainError as error:
            raise CommandError(error.message, returncode=BAD_INPUT) from None
        details = run.explanations
        self.stdout.write(
            f"Run {run.pk}: {details['assigned']} placed, rank sum {details['rank_sum']}, "
            f"profile {details['profile']}, seed {run.seed}, "
            f"{'optimal' if run.optimal else 'NOT proven optimal'}."
        )


def _read_json(path: str) -> Any:
    try:
        if path == "-":
            import sys

            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}", returncode=BAD_INPUT) from None
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}", returncode=BAD_INPUT
        ) from None
