import datetime as dt

from django.conf import settings
from django.utils import timezone

LAST_SEEN_SESSION_KEY = "accounts_last_seen"


class SessionIdleTimeoutMiddleware:
    """Slide a signed-in user's session expiry forward, at most every SESSION_REFRESH_SECONDS.

    A session lives SESSION_COOKIE_AGE (8 hours) from its last save. Saving it on every
    request (SESSION_SAVE_EVERY_REQUEST) would add a database write to every admin page,
    autocomplete and script request; touching it once every few minutes keeps the expiry
    within those minutes of "8 hours after the last activity" for one write per interval.
    It runs after the view, so the sign-in that saves the session stamps it too, and a
    sign-out is left alone. Anonymous requests are not touched, so readers of the public
    pages get no session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            now = timezone.now()
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            refresh_after = dt.timedelta(seconds=settings.SESSION_REFRESH_SECONDS)
            if last_seen is None or now - dt.datetime.fromtimestamp(last_seen, dt.UTC) >= refresh_after:
                # Marks the session modified: SessionMiddleware saves it with a new expiry
                # and sends the cookie again with a fresh max-age.
                request.session[LAST_SEEN_SESSION_KEY] = int(now.timestamp())
        return response
