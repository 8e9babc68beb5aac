"""The security-header score of a site, computed the way Mozilla's HTTP Observatory does.

The tests, their outcomes and the points each is worth follow the Observatory's published
scoring (MDN HTTP Observatory, github.com/mdn/mdn-http-observatory: `src/grader/charts.js`
for the modifiers and grades, `src/scanner/index.js` for the sum, `src/analyzer/tests/*.js`
for each test; the older table is `httpobs/docs/scoring.md` in mozilla/http-observatory).
A scan starts at 100 and adds each test's modifier; bonuses (positive modifiers) count
only when the score without them is 90 or more; the grade is read from the score rounded
down to a multiple of 5 (100+ A+, 90 A, 85 A-, 80 B+, 70 B, 65 B-, 60 C+, 50 C, 45 C-,
40 D+, 30 D, 25 D-, below F).

What differs from the hosted scanner, on purpose (it needs lists this module has no copy of):
the HSTS preload list is not consulted (no "preloaded" bonus), "same site" for Subresource
Integrity compares the last labels of the host names instead of the Public Suffix List,
and several CSP policies are combined by a plain intersection of their sources.

`score(scan)` needs no network; `fetch`, `http_route` and `scan_site` make the requests the
Observatory makes (the HTTPS page with a foreign Origin, the plain-HTTP redirect chain).
No Django: `manage.py check_headers` and the proxy tests both use it.
"""

from portal.lib.observatory import checks
from portal.lib.observatory.csp import content_security_policy
from portal.lib.observatory.fetch import UNANSWERED, fetch, http_route, scan_site
from portal.lib.observatory.model import PROBE_ORIGIN, CheckResult, Page, Report, Response, Scan, parse_html
from portal.lib.observatory.outcomes import GRADES, MINIMUM_SCORE_FOR_EXTRA_CREDIT, OUTCOMES, grade_for

__all__ = [
    "GRADES",
    "MINIMUM_SCORE_FOR_EXTRA_CREDIT",
    "OUTCOMES",
    "PROBE_ORIGIN",
    "UNANSWERED",
    "CheckResult",
    "Page",
    "Report",
    "Response",
    "Scan",
    "fetch",
    "grade_for",
    "http_route",
    "scan_site",
    "score",
]


def score(scan: Scan) -> Report:
    """Every test of the Observatory on `scan`, their sum and the grade."""
    page = parse_html(scan.response)
    csp = content_security_policy(scan.response, page)
    hsts = checks.strict_transport_security(scan.response)
    tests = (
        csp.result,
        checks.cookies(scan.response, hsts_passed=hsts.passed),
        checks.cors(scan.response, scan.cors_origin),
        checks.redirection(scan.http_route),
        checks.referrer_policy(scan.response, page),
        hsts,
        checks.subresource_integrity(scan.response, page),
        checks.x_content_type_options(scan.response),
        checks.x_frame_options(scan.response, csp),
        checks.cross_origin_resource_policy(scan.response, page),
    )
    with_extra_credit = 100 + sum(test.modifier for test in tests)
    uncurved = 100 + sum(test.modifier for test in tests if test.modifier < 0)
    total = with_extra_credit if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved
    total = max(total, 0)
    return Report(score=total, grade=grade_for(total), tests=tests)
