from django.http import HttpResponse

HEALTHZ_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer the liveness probe before host validation, HTTPS redirects and sessions.

    Load balancers and container healthchecks call it by IP over plain HTTP; it must
    say "the process serves requests" without touching the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ_PATH and request.method in {"GET", "HEAD"}:
            response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
