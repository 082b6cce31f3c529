import time

from django.core.management.base import BaseCommand, CommandError

from coaction.finder import embeddings, lexical, needs
from coaction.finder.tasks import embed_services


class Command(BaseCommand):
    help = (
        "Embed services for multilingual search, now rather than in the background: those "
        "never embedded or whose text or model changed, or with --all every one."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--all",
            action="store_true",
            help="embed every service again, and rebuild the full-text index",
        )

    def handle(self, *args, all: bool, verbosity: int, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()
        try:
            model = embeddings.model_name()
        except Exception as exc:
            raise CommandError(str(exc)) from exc
        shown = {"at": 0.0}

        def progress(done: int, total: int) -> None:
            # A line at most every two seconds, and the last one.
            now = time.monotonic()
            if verbosity > 0 and total and (done == total or now - shown["at"] >= 2):
                shown["at"] = now
                self.stderr.write(f"  embedded {done:,} of {total:,} services")

        if all:
            lexical.install()
        report = embed_services(force=all, progress=progress)
        # Make the needs' example embeddings now, so no search waits for them.
        needs.warm_up()
        self.stdout.write(
            f"Checked {report.checked:,} services with {model}: "
            f"{report.embedded:,} texts embedded, {report.reused:,} reused a stored vector, "
            f"{report.unchanged:,} unchanged, in {time.monotonic() - started:.1f}s"
        )
