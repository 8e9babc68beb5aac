"""The Content Security Policy test (MDN HTTP Observatory `src/analyzer/tests/csp.js`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from portal.lib.observatory.model import CheckResult, Page, Response

_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
_UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
_PASSIVE = ("img-src", "media-src")
_NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
_NOT_IN_META = {"frame-ancestors", "report-uri", "sandbox"}
_REPEATABLE = {"report-uri", "report-to"}


class _InvalidPolicy(ValueError):
    pass


def _parse_policies(policies: list[str]) -> tuple[dict[str, set[str]], bool]:
    """(directive → sources, whether report-uri/report-to were repeated). Several policies
    are intersected: a source counts only if every policy naming the directive allows it."""
    combined: dict[str, set[str]] = {}
    repeated = False
    for policy in policies:
        policy = policy.replace("\r", "").replace("\n", "").strip()
        if len(policy) < len("img-src") - 1:
            raise _InvalidPolicy(policy)
        seen: set[str] = set()
        for entry in policy.split(";"):
            words = entry.split()
            if not words:
                continue
            directive, sources = words[0].lower(), {word.lower() for word in words[1:]}
            if directive in seen:
                if directive not in _REPEATABLE:
                    raise _InvalidPolicy(directive)
                repeated = True
                continue
            seen.add(directive)
            if not sources and directive.endswith("-src"):
                sources = {"'none'"}
            combined[directive] = combined[directive] & sources if directive in combined else sources
    return {directive: sources or {"'none'"} for directive, sources in combined.items()}, repeated


def _split_policies(values: list[str]) -> list[str]:
    # Commas separate policies of one header field (CSP3 2.2); they never occur inside one.
    return [policy.strip() for value in values for policy in value.split(",")]


@dataclass
class CspAnalysis:
    result: CheckResult
    header_directives: dict[str, set[str]] = field(default_factory=dict)


def content_security_policy(response: Response, page: Page) -> CspAnalysis:
    name = "content-security-policy"
    header_policies = _split_policies(response.values("Content-Security-Policy"))
    meta_policies = _split_policies(page.meta.get("content-security-policy", []))
    try:
        csp, repeated = _parse_policies(header_policies + meta_policies)
        header_only, _ = _parse_policies(header_policies)
    except _InvalidPolicy:
        return CspAnalysis(CheckResult(name, "csp-header-invalid", passed=False))
    meta_only = {
        key: value for key, value in _parse_policies(meta_policies)[0].items() if key not in _NOT_IN_META
    }
    if not header_only and not meta_only:
        not_implemented = (
            "csp-not-implemented-but-reporting-enabled"
            if response.first("Content-Security-Policy-Report-Only")
            else "csp-not-implemented"
        )
        return CspAnalysis(CheckResult(name, not_implemented, passed=False))

    def sources(*directives: str) -> set[str]:
        for directive in directives:
            if directive in csp:
                return set(csp[directive])
        return {"*"}

    object_src = sources("object-src", "default-src")
    script_src = sources("script-src", "default-src")
    style_src = sources("style-src", "default-src")
    # A nonce or a hash makes browsers ignore 'unsafe-inline' (CSP3).
    for source_list in (script_src, style_src):
        if any(source.startswith(_NONCES_HASHES) for source in source_list):
            source_list.discard("'unsafe-inline'")
    outcome: str | None = None
    if "'strict-dynamic'" in script_src:
        if any(source.startswith(_NONCES_HASHES) for source in script_src):
            script_src = {
                source
                for source in script_src
                if not source.startswith(tuple(_BROAD)) and source not in {"'self'", "'unsafe-inline'"}
            }
        else:
            outcome = "csp-header-invalid"

    https = urlsplit(response.url).scheme == "https"
    active = [
        source
        for directive, source_list in csp.items()
        if directive not in _PASSIVE and directive != "script-src"
        for source in source_list
    ] + list(script_src)
    passive = [
        source for directive in _PASSIVE for source in csp.get(directive, csp.get("default-src", set()))
    ]

    def insecure(source_list: Iterable[str]) -> bool:
        return https and any(source.startswith(("http:", "ftp:")) for source in source_list)

    checks = (
        (
            bool(script_src & (_BROAD | _UNSAFE_INLINE)) or bool(object_src & _BROAD),
            "csp-implemented-with-unsafe-inline",
        ),
        (insecure(active), "csp-implemented-with-insecure-scheme"),
        ("'unsafe-eval'" in script_src | style_src, "csp-implemented-with-unsafe-eval"),
        (insecure(passive), "csp-implemented-with-insecure-scheme-in-passive-content-only"),
        (bool(style_src & (_BROAD | _UNSAFE_INLINE)), "csp-implemented-with-unsafe-inline-in-style-src-only"),
        (csp.get("default-src") == {"'none'"}, "csp-implemented-with-no-unsafe-default-src-none"),
        (True, "csp-implemented-with-no-unsafe"),
    )
    if outcome is None:
        outcome = next(result for failed, result in checks if failed)
    passed = outcome in {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    if passed and repeated:
        outcome = "csp-implemented-but-duplicate-directives"
    return CspAnalysis(CheckResult(name, outcome, passed), header_directives=header_only)
