"""Every outcome of the Observatory's tests, the points it is worth, and the grades.

Figures from MDN HTTP Observatory `src/grader/charts.js` (SCORE_TABLE, GRADE_CHART,
MINIMUM_SCORE_FOR_EXTRA_CREDIT); the descriptions are shortened here.
"""

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
GRADES = (
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
)

# Every outcome of every test: (modifier, what it means), as in charts.js's SCORE_TABLE.
OUTCOMES: dict[str, tuple[int, str]] = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": (10, "CSP with default-src 'none' and nothing unsafe"),
    "csp-implemented-with-no-unsafe": (5, "CSP without 'unsafe-inline' or 'unsafe-eval'"),
    "csp-implemented-with-unsafe-inline-in-style-src-only": (0, "CSP with unsafe sources in style-src only"),
    "csp-implemented-with-insecure-scheme-in-passive-content-only": (
        -10,
        "CSP lets images or media load over http",
    ),
    "csp-implemented-with-unsafe-eval": (-10, "CSP allows 'unsafe-eval'"),
    "csp-implemented-with-unsafe-inline": (
        -20,
        "CSP allows 'unsafe-inline', data: or overly broad sources for scripts or objects",
    ),
    "csp-implemented-with-insecure-scheme": (-20, "CSP lets resources load over http"),
    "csp-implemented-but-duplicate-directives": (0, "CSP implemented, but repeats report-uri or report-to"),
    "csp-header-invalid": (-25, "CSP header cannot be parsed"),
    "csp-not-implemented": (-25, "no Content-Security-Policy header"),
    "csp-not-implemented-but-reporting-enabled": (
        -25,
        "only Content-Security-Policy-Report-Only, no enforced policy",
    ),
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": (
        5,
        "every cookie Secure, session cookies HttpOnly, SameSite everywhere",
    ),
    "cookies-secure-with-httponly-sessions": (0, "every cookie Secure and session cookies HttpOnly"),
    "cookies-not-found": (0, "no cookies set"),
    "cookies-without-secure-flag-but-protected-by-hsts": (-5, "cookies without Secure, but HSTS is on"),
    "cookies-session-without-secure-flag-but-protected-by-hsts": (
        -10,
        "session cookie without Secure, but HSTS is on",
    ),
    "cookies-without-secure-flag": (-20, "cookies without Secure"),
    "cookies-samesite-flag-invalid": (-20, "SameSite other than Strict or Lax (or None without Secure)"),
    "cookies-anticsrf-without-samesite-flag": (-20, "anti-CSRF cookie without SameSite"),
    "cookies-session-without-httponly-flag": (-30, "session cookie without HttpOnly"),
    "cookies-session-without-secure-flag": (-40, "session cookie without Secure"),
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": (0, "no CORS headers"),
    "cross-origin-resource-sharing-implemented-with-public-access": (
        0,
        "CORS open to everyone, no credentials",
    ),
    "cross-origin-resource-sharing-implemented-with-restricted-access": (0, "CORS limited to given origins"),
    "cross-origin-resource-sharing-implemented-with-universal-access": (
        -50,
        "CORS reflects any origin with credentials",
    ),
    # Redirection
    "redirection-to-https": (0, "http redirects to https on the same host first"),
    "redirection-not-needed-no-http": (0, "no plain-HTTP site to redirect"),
    "redirection-off-host-from-http": (-5, "http redirects to https on another host"),
    "redirection-not-to-https-on-initial-redirection": (-10, "the first redirect from http stays on http"),
    "redirection-not-to-https": (-20, "redirects, but not to https"),
    "redirection-missing": (-20, "http does not redirect to https"),
    "redirection-invalid-cert": (-20, "invalid certificate during the redirect"),
    # Referrer-Policy
    "referrer-policy-private": (5, "Referrer-Policy keeps URLs private"),
    "referrer-policy-not-implemented": (0, "no Referrer-Policy"),
    "referrer-policy-unsafe": (-5, "Referrer-Policy leaks URLs"),
    "referrer-policy-header-invalid": (-5, "Referrer-Policy cannot be recognised"),
    # Strict-Transport-Security
    "hsts-implemented-max-age-at-least-six-months": (0, "HSTS max-age of six months or more"),
    "hsts-implemented-max-age-less-than-six-months": (-10, "HSTS max-age under six months"),
    "hsts-not-implemented": (-20, "no Strict-Transport-Security header"),
    "hsts-header-invalid": (-20, "Strict-Transport-Security cannot be recognised"),
    "hsts-not-implemented-no-https": (-20, "no HTTPS, so no HSTS"),
    "hsts-invalid-cert": (-20, "HSTS is void: the certificate is not valid"),
    # Subresource Integrity
    "sri-implemented-and-all-scripts-loaded-securely": (5, "SRI on scripts, all from the same site"),
    "sri-implemented-and-external-scripts-loaded-securely": (5, "SRI on every external script, over https"),
    "sri-not-implemented-response-not-html": (0, "not HTML, SRI not needed"),
    "sri-not-implemented-but-no-scripts-loaded": (0, "no scripts, SRI not needed"),
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": (0, "all scripts from the same site"),
    "sri-not-implemented-but-external-scripts-loaded-securely": (
        -5,
        "external scripts over https without SRI",
    ),
    "sri-implemented-but-external-scripts-not-loaded-securely": (-20, "external scripts over http, with SRI"),
    "sri-not-implemented-and-external-scripts-not-loaded-securely": (
        -50,
        "external scripts over http without SRI",
    ),
    # X-Content-Type-Options
    "x-content-type-options-nosniff": (0, "X-Content-Type-Options: nosniff"),
    "x-content-type-options-not-implemented": (-5, "no X-Content-Type-Options"),
    "x-content-type-options-header-invalid": (-5, "X-Content-Type-Options cannot be recognised"),
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": (5, "framing limited by CSP frame-ancestors"),
    "x-frame-options-sameorigin-or-deny": (0, "X-Frame-Options SAMEORIGIN or DENY"),
    "x-frame-options-allow-from-origin": (0, "X-Frame-Options ALLOW-FROM"),
    "x-frame-options-not-implemented": (-20, "no X-Frame-Options nor frame-ancestors"),
    "x-frame-options-header-invalid": (-20, "X-Frame-Options cannot be recognised"),
    # Cross-Origin-Resource-Policy
    "cross-origin-resource-policy-not-implemented": (0, "no Cross-Origin-Resource-Policy"),
    "cross-origin-resource-policy-implemented-with-same-site": (10, "CORP same-site"),
    "cross-origin-resource-policy-implemented-with-same-origin": (10, "CORP same-origin"),
    "cross-origin-resource-policy-implemented-with-cross-origin": (0, "CORP cross-origin"),
    "cross-origin-resource-policy-header-invalid": (-5, "Cross-Origin-Resource-Policy cannot be recognised"),
}


def grade_for(score: int) -> str:
    rounded = min(max(score, 0) // 5 * 5, 100)
    return next(grade for floor, grade in GRADES if rounded >= floor)
