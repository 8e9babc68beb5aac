"""The security-header score, test by test, on header sets as sites send them (no network)."""

import pytest

from portal.lib.observatory import Response, Scan, grade_for, score

SITE = "https://bcd35.example.vn/"
TO_HTTPS = ("http://bcd35.example.vn/", "https://bcd35.example.vn/")
HTML = "text/html; charset=utf-8"
# What the portal's home page sent through the proxy before django-csp (tests/deploy/).
PORTAL_WITHOUT_CSP = (
    ("Server", "nginx"),
    ("Content-Type", HTML),
    ("Vary", "Accept-Encoding"),
    ("X-Frame-Options", "DENY"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
# The policy django-csp is to send: scripts from 'self' with nonces, styles from 'self'.
STRICT_CSP = (
    "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CSRF_COOKIE = (
    "csrftoken=abc; expires=Wed, 01 Dec 2027 01:09:26 GMT; Max-Age=31449600; Path=/; SameSite=Lax; Secure"
)
PAGE_WITH_OWN_SCRIPT = (
    '<html><head><script src="/static/js/site.3f2a9c1b7d4e.js" defer></script></head></html>'
)


def headers(*changes, without=()) -> tuple[tuple[str, str], ...]:
    """The portal's headers without those named in `without`, plus `changes`."""
    dropped = {name.lower() for name in without}
    return tuple((name, value) for name, value in PORTAL_WITHOUT_CSP if name.lower() not in dropped) + changes


def scan(
    header_set=PORTAL_WITHOUT_CSP, *, body="<html></html>", route=TO_HTTPS, url=SITE, verified=True
) -> Scan:
    return Scan(
        response=Response(url=url, status=200, headers=header_set, body=body, verified=verified),
        http_route=route,
    )


def outcome(result_scan: Scan, test: str) -> str:
    return score(result_scan).outcome(test)


# --- The whole score -----------------------------------------------------------------------------


def test_the_portal_without_csp_scores_75_b_and_its_bonus_does_not_count():
    report = score(scan(body=PAGE_WITH_OWN_SCRIPT))

    assert (report.score, report.grade) == (75, "B")
    assert [(test.name, test.modifier) for test in report.tests if test.modifier] == [
        ("content-security-policy", -25),
        ("referrer-policy", 5),
    ]


def test_the_portal_with_its_planned_csp_scores_a_plus_with_every_bonus():
    report = score(
        scan(
            headers(("Content-Security-Policy", STRICT_CSP), ("Set-Cookie", CSRF_COOKIE)),
            body=PAGE_WITH_OWN_SCRIPT,
        )
    )

    # 100 + CSP without unsafe 5 + SameSite cookies 5 + Referrer-Policy 5 + frame-ancestors 5
    assert (report.score, report.grade) == (120, "A+")
    assert report.outcome("x-frame-options") == "x-frame-options-implemented-via-csp"


def test_bonuses_count_only_when_the_score_without_them_is_90_or_more():
    just_below = headers(
        ("Content-Security-Policy", STRICT_CSP),
        ("Cross-Origin-Resource-Policy", "same-site"),
        ("Strict-Transport-Security", "max-age=86400"),
        without=["Strict-Transport-Security", "X-Content-Type-Options"],
    )
    at_ninety = headers(
        ("Content-Security-Policy", STRICT_CSP),
        ("Cross-Origin-Resource-Policy", "same-site"),
        ("Strict-Transport-Security", "max-age=86400"),
        without=["Strict-Transport-Security"],
    )

    # -10 (short HSTS) -5 (no nosniff): 85 without bonuses, and the 25 of bonuses are lost.
    assert (score(scan(just_below)).score, score(scan(just_below)).grade) == (85, "A-")
    # -10 only: 90, so CSP 5, frame-ancestors 5, Referrer-Policy 5 and CORP 10 count.
    assert score(scan(at_ninety)).score == 115


def test_the_score_never_goes_below_zero():
    report = score(
        scan(
            (("Content-Type", HTML), ("Set-Cookie", "sessionid=x; Path=/")),
            body='<script src="http://cdn.example.com/x.js"></script>',
            route=("http://bcd35.example.vn/",),
        )
    )

    # -25 CSP, -40 session cookie, -20 redirect, -20 HSTS, -50 SRI, -5 nosniff, -20 framing
    assert (report.score, report.grade) == (0, "F")


@pytest.mark.parametrize(
    ("points", "grade"),
    [
        (135, "A+"), (100, "A+"), (99, "A"), (90, "A"), (89, "A-"), (85, "A-"), (84, "B+"), (80, "B+"),
        (79, "B"), (70, "B"), (69, "B-"), (65, "B-"), (64, "C+"), (60, "C+"), (59, "C"), (50, "C"),
        (49, "C-"), (45, "C-"), (44, "D+"), (40, "D+"), (39, "D"), (30, "D"), (29, "D-"), (25, "D-"),
        (24, "F"), (0, "F"),
    ],
)  # fmt: skip
def test_grades_follow_the_observatory_chart(points, grade):
    assert grade_for(points) == grade


# --- Content Security Policy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected", "points"),
    [
        (
            "default-src 'none'; img-src 'self'; style-src 'self'",
            "csp-implemented-with-no-unsafe-default-src-none",
            10,
        ),
        (STRICT_CSP, "csp-implemented-with-no-unsafe", 5),
        (
            "default-src 'self'; style-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline-in-style-src-only",
            0,
        ),
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval", -10),
        (
            "default-src 'self'; script-src 'self' http://cdn.example.com",
            "csp-implemented-with-insecure-scheme",
            -20,
        ),
        (
            "default-src 'self'; img-src http:",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        ),
        ("img-src 'self'", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; object-src *", "csp-implemented-with-unsafe-inline", -20),
        ("default-src 'self'; default-src 'none'", "csp-header-invalid", -25),
        ("", "csp-header-invalid", -25),
        ("script-src 'strict-dynamic'; object-src 'none'", "csp-header-invalid", -25),
    ],
)
def test_content_security_policy(policy, expected, points):
    report = score(scan(headers(("Content-Security-Policy", policy))))

    assert report.outcome("content-security-policy") == expected
    assert next(test.modifier for test in report.tests if test.name == "content-security-policy") == points


def test_a_nonce_makes_unsafe_inline_harmless_and_strict_dynamic_drops_hosts():
    policy = "default-src 'none'; script-src 'nonce-abc' 'unsafe-inline' 'strict-dynamic' https:"

    assert outcome(scan(headers(("Content-Security-Policy", policy))), "content-security-policy") == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )


def test_a_report_only_policy_is_not_a_policy():
    report_only = headers(("Content-Security-Policy-Report-Only", STRICT_CSP))

    assert (
        outcome(scan(report_only), "content-security-policy") == "csp-not-implemented-but-reporting-enabled"
    )
    assert outcome(scan(), "content-security-policy") == "csp-not-implemented"


def test_a_policy_in_a_meta_tag_counts_but_its_frame_ancestors_does_not():
    body = f'<html><head><meta http-equiv="Content-Security-Policy" content="{STRICT_CSP}"></head></html>'

    report = score(scan(headers(without=["X-Frame-Options"]), body=body))

    assert report.outcome("content-security-policy") == "csp-implemented-with-no-unsafe"
    assert report.outcome("x-frame-options") == "x-frame-options-not-implemented"


def test_a_second_policy_can_only_narrow_the_first():
    two = headers(
        ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
        ("Content-Security-Policy", "script-src 'self'"),
    )

    assert outcome(scan(two), "content-security-policy") == "csp-implemented-with-no-unsafe"


def test_a_repeated_report_uri_keeps_the_pass_but_not_the_bonus():
    policy = "default-src 'self'; report-uri /csp/; report-uri /csp2/"

    report = score(scan(headers(("Content-Security-Policy", policy))))

    assert report.outcome("content-security-policy") == "csp-implemented-but-duplicate-directives"


# --- Cookies -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookies", "hsts", "expected"),
    [
        (
            [CSRF_COOKIE, "sessionid=s; Path=/; HttpOnly; Secure; SameSite=Lax"],
            True,
            "cookies-secure-with-httponly-sessions-and-samesite",
        ),
        (["sessionid=s; Path=/; HttpOnly; Secure"], True, "cookies-secure-with-httponly-sessions"),
        (
            ["sessionid=s; Path=/; HttpOnly; SameSite=Lax"],
            True,
            "cookies-session-without-secure-flag-but-protected-by-hsts",
        ),
        (["sessionid=s; Path=/; HttpOnly; SameSite=Lax"], False, "cookies-session-without-secure-flag"),
        (["sessionid=s; Path=/; Secure; SameSite=Lax"], True, "cookies-session-without-httponly-flag"),
        (["csrftoken=t; Path=/; Secure"], True, "cookies-anticsrf-without-samesite-flag"),
        (["lang=vi; Path=/; SameSite=None"], True, "cookies-samesite-flag-invalid"),
        (["lang=vi; Path=/; Secure; SameSite=Sometimes"], True, "cookies-samesite-flag-invalid"),
        (["lang=vi; Path=/; SameSite=Lax"], True, "cookies-without-secure-flag-but-protected-by-hsts"),
        (["lang=vi; Path=/; SameSite=Lax"], False, "cookies-without-secure-flag"),
    ],
)
def test_cookies(cookies, hsts, expected):
    without = [] if hsts else ["Strict-Transport-Security"]
    cookie_headers = headers(*(("Set-Cookie", cookie) for cookie in cookies), without=without)

    assert outcome(scan(cookie_headers), "cookies") == expected


# --- Redirection, HSTS, CORS -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (TO_HTTPS, "redirection-to-https"),
        (None, "redirection-not-needed-no-http"),
        (("http://bcd35.example.vn/",), "redirection-missing"),
        (("http://bcd35.example.vn/", "https://www.bcd35.example.vn/"), "redirection-off-host-from-http"),
        (
            ("http://bcd35.example.vn/", "http://www.bcd35.example.vn/", "https://www.bcd35.example.vn/"),
            "redirection-not-to-https-on-initial-redirection",
        ),
        (
            ("http://bcd35.example.vn/", "https://bcd35.example.vn/", "http://bcd35.example.vn/x"),
            "redirection-not-to-https",
        ),
    ],
)
def test_redirection_from_plain_http(route, expected):
    assert outcome(scan(route=route), "redirection") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age=15552000", "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=15551999; includeSubDomains", "hsts-implemented-max-age-less-than-six-months"),
        ("includeSubDomains", "hsts-header-invalid"),
        ("max-age=31536000, max-age=31536000", "hsts-header-invalid"),
    ],
)
def test_strict_transport_security(value, expected):
    sts = headers(("Strict-Transport-Security", value), without=["Strict-Transport-Security"])

    assert outcome(scan(sts), "strict-transport-security") == expected


def test_hsts_needs_https_and_a_valid_certificate():
    assert outcome(scan(url="http://bcd35.example.vn/"), "strict-transport-security") == (
        "hsts-not-implemented-no-https"
    )
    assert outcome(scan(verified=False), "strict-transport-security") == "hsts-invalid-cert"
    no_hsts = headers(without=["Strict-Transport-Security"])
    assert outcome(scan(no_hsts), "strict-transport-security") == "hsts-not-implemented"


@pytest.mark.parametrize(
    ("cors", "expected"),
    [
        ((), "cross-origin-resource-sharing-not-implemented"),
        (
            (("Access-Control-Allow-Origin", "*"),),
            "cross-origin-resource-sharing-implemented-with-public-access",
        ),
        (
            (("Access-Control-Allow-Origin", "https://bcd35.example.vn"),),
            "cross-origin-resource-sharing-implemented-with-restricted-access",
        ),
        (
            (
                ("Access-Control-Allow-Origin", "https://http-observatory.security.mozilla.org"),
                ("Access-Control-Allow-Credentials", "true"),
            ),
            "cross-origin-resource-sharing-implemented-with-universal-access",
        ),
    ],
)
def test_cross_origin_resource_sharing(cors, expected):
    assert outcome(scan(headers(*cors)), "cross-origin-resource-sharing") == expected


# --- Referrer-Policy, framing, sniffing, CORP -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("strict-origin-when-cross-origin", "referrer-policy-private"),
        ("no-referrer, unsafe-url", "referrer-policy-unsafe"),
        ("unsafe-url, no-such-policy, strict-origin", "referrer-policy-private"),
        ("everything", "referrer-policy-header-invalid"),
    ],
)
def test_referrer_policy_takes_the_last_policy_a_browser_knows(value, expected):
    policy = headers(("Referrer-Policy", value), without=["Referrer-Policy"])

    assert outcome(scan(policy), "referrer-policy") == expected


def test_no_referrer_policy_passes_and_costs_nothing():
    report = score(scan(headers(without=["Referrer-Policy"])))

    assert report.outcome("referrer-policy") == "referrer-policy-not-implemented"
    assert (report.score, report.grade) == (75, "B")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ((), "x-frame-options-sameorigin-or-deny"),
        (
            (("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'"),),
            "x-frame-options-implemented-via-csp",
        ),
        ((("X-Frame-Options", "ALLOW-FROM https://a.example.vn"),), "x-frame-options-allow-from-origin"),
        ((("X-Frame-Options", "ALLOWALL"),), "x-frame-options-header-invalid"),
    ],
)
def test_x_frame_options(changes, expected):
    framing = headers(*changes, without=["X-Frame-Options"] if changes else [])

    assert outcome(scan(framing), "x-frame-options") == expected


def test_missing_framing_and_sniffing_protections_cost_25():
    report = score(scan(headers(without=["X-Frame-Options", "X-Content-Type-Options"])))

    assert report.outcome("x-frame-options") == "x-frame-options-not-implemented"
    assert report.outcome("x-content-type-options") == "x-content-type-options-not-implemented"
    assert report.score == 75 - 25


@pytest.mark.parametrize(
    ("value", "expected", "points"),
    [
        ("same-site", "cross-origin-resource-policy-implemented-with-same-site", 10),
        ("same-origin", "cross-origin-resource-policy-implemented-with-same-origin", 10),
        ("cross-origin", "cross-origin-resource-policy-implemented-with-cross-origin", 0),
        ("nobody", "cross-origin-resource-policy-header-invalid", -5),
    ],
)
def test_cross_origin_resource_policy(value, expected, points):
    report = score(scan(headers(("Cross-Origin-Resource-Policy", value))))

    assert report.outcome("cross-origin-resource-policy") == expected
    assert report.score == 75 + min(points, 0)


# --- Subresource Integrity -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<html><p>no script</p></html>", "sri-not-implemented-but-no-scripts-loaded"),
        (PAGE_WITH_OWN_SCRIPT, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"),
        (
            '<script src="https://static.bcd35.example.vn/a.js"></script>',
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        ),
        (
            '<script src="/static/a.js" integrity="sha384-x"></script>',
            "sri-implemented-and-all-scripts-loaded-securely",
        ),
        (
            '<script src="https://cdn.example.com/a.js" integrity="sha384-x"></script>',
            "sri-implemented-and-external-scripts-loaded-securely",
        ),
        (
            '<script src="https://cdn.example.com/a.js"></script>',
            "sri-not-implemented-but-external-scripts-loaded-securely",
        ),
        (
            '<script src="//cdn.example.com/a.js" integrity="sha384-x"></script>',
            "sri-implemented-but-external-scripts-not-loaded-securely",
        ),
        (
            '<script src="http://cdn.example.com/a.js"></script>',
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
        ),
    ],
)
def test_subresource_integrity(body, expected):
    assert outcome(scan(body=body), "subresource-integrity") == expected


def test_subresource_integrity_is_not_needed_outside_html():
    json_headers = tuple(
        (name, "application/json" if name == "Content-Type" else value) for name, value in PORTAL_WITHOUT_CSP
    )

    assert outcome(
        scan(json_headers, body='<script src="http://x.example.com/a.js">'), "subresource-integrity"
    ) == ("sri-not-implemented-response-not-html")


def test_gov_vn_sites_are_not_one_site():
    body = '<script src="https://other.gov.vn/a.js"></script>'

    assert outcome(scan(body=body, url="https://bcd35.gov.vn/"), "subresource-integrity") == (
        "sri-not-implemented-but-external-scripts-loaded-securely"
    )
