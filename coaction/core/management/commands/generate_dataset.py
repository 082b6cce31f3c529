import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coaction.core.dataset import DatasetContext, steps


class Command(BaseCommand):
    help = "Make an invented CCR data set: --scale demo for a demo area, national for benchmarks."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, scale: str, seed: int, verbosity: int, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()

        def log(line: str) -> None:
            if verbosity > 1:
                self.stderr.write(line)

        context = DatasetContext(scale=scale, rng=random.Random(seed), log=log)  # type: ignore[arg-type]
        try:
            with transaction.atomic():
                for step in steps():
                    step(context)
        except Exception as exc:
            raise CommandError(f"Could not generate the {scale} data set: {exc}") from exc
        if context.sign_ins:
            self.stdout.write("Demo sign-ins (email, password):")
            for who, email, password in context.sign_ins:
                self.stdout.write(f"  {who:<55} {email:<38} {password}")
        self.stdout.write(f"Generated the {scale} data set in {time.monotonic() - started:.1f}s")
