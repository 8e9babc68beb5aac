import ssl
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from portal.lib import observatory


class Command(BaseCommand):
    help = (
        "Fetch an HTTPS page of the portal (and its plain-HTTP address, for the redirect) as "
        "Mozilla's HTTP Observatory does; print the response headers, the score and each test's result."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="the https:// page to check, e.g. https://bcd35.example.vn/")
        parser.add_argument(
            "--http-url",
            help="the plain-HTTP address whose redirect is checked (default: same host and path, port 80)",
        )
        parser.add_argument(
            "--cafile", help="trust only this CA certificate (PEM), e.g. a test certificate authority"
        )
        parser.add_argument("--timeout", type=float, default=10, help="seconds to wait for each answer")
        parser.add_argument(
            "--min-score", type=int, help="fail (exit status 1) when the score is below this number"
        )

    def handle(self, *args, url, http_url, cafile, timeout, min_score, **options):
        if urlsplit(url).scheme != "https":
            raise CommandError(f"Give the https:// address of the page; got {url!r}.")
        context = ssl.create_default_context(cafile=cafile) if cafile else None
        try:
            scan = observatory.scan_site(url, http_url=http_url, context=context, timeout=timeout)
        except observatory.UNANSWERED as exc:
            raise CommandError(f"{url} did not answer: {exc}") from None
        report = observatory.score(scan)
        self._write_response(scan)
        self._write_report(report)
        if min_score is not None and report.score < min_score:
            raise CommandError(f"The score {report.score} is below {min_score}.")

    def _write_response(self, scan: observatory.Scan) -> None:
        response = scan.response
        certificate = "certificate verified" if response.verified else "CERTIFICATE NOT VALID"
        self.stdout.write(f"GET {response.url} (Origin: {scan.cors_origin})")
        self.stdout.write(f"HTTP {response.status}, {certificate}")
        for name, value in response.headers:
            self.stdout.write(f"  {name}: {value}")
        if scan.http_route is None:
            self.stdout.write("Plain HTTP: no answer")
        else:
            self.stdout.write("Plain HTTP: " + " -> ".join(scan.http_route))

    def _write_report(self, report: observatory.Report) -> None:
        self.stdout.write("")
        style = (
            self.style.SUCCESS
            if report.score >= observatory.MINIMUM_SCORE_FOR_EXTRA_CREDIT
            else self.style.WARNING
        )
        self.stdout.write(
            style(f"Score {report.score}, grade {report.grade}")
            + " (bonuses count only when the score without them is 90 or more)"
        )
        width = max(len(test.name) for test in report.tests)
        for test in report.tests:
            verdict = "pass" if test.passed else "FAIL"
            self.stdout.write(
                f"  {test.modifier:+4d}  {verdict}  {test.name:<{width}}  {test.outcome}: {test.description}"
            )
