"""Demo staff: one account per role (portal/roles.py), of Học viện Chính trị khu vực II but the
system administrator, made by `staff_user_create` after every app's demo data (load_demo).

Their password comes from DEMO_STAFF_PASSWORD; without it one is generated and printed once,
when the accounts are created (as `ensure_admin` does for the superuser). An account that
exists already is left as it is, password included, so a second load changes nothing.
"""

import os
import secrets

from django.contrib.auth.models import User

from portal.accounts.services import staff_user_create
from portal.roles import CHIEF_EDITOR, EDITOR, LEADER, SECRETARIAT, SYSTEM_ADMINISTRATOR, Role

PASSWORD_VARIABLE = "DEMO_STAFF_PASSWORD"  # noqa: S105 (the name of the variable)
REGION_TWO = "hoc-vien-chinh-tri-khu-vuc-ii"  # committees/demo/data.py

# username, full name, roles, organisations (slugs).
DEMO_STAFF: tuple[tuple[str, str, tuple[Role, ...], tuple[str, ...]], ...] = (
    ("quantri", "Trần Quốc Khải", (SYSTEM_ADMINISTRATOR,), ()),
    ("thuky.kv2", "Nguyễn Thị Thu Hà", (SECRETARIAT,), (REGION_TWO,)),
    ("bientap.kv2", "Lê Minh Tâm", (EDITOR,), (REGION_TWO,)),
    ("tongbientap.kv2", "Phạm Quốc Bảo", (CHIEF_EDITOR,), (REGION_TWO,)),
    ("lanhdao.kv2", "Võ Thanh Hải", (LEADER,), (REGION_TWO,)),
)


def load_staff() -> list[str]:
    """Create the demo staff missing; return what to tell the person loading the demo."""
    from committees.models import Organization

    missing = [row for row in DEMO_STAFF if not User.objects.filter(username=row[0]).exists()]
    if not missing:
        return []
    password = os.environ.get(PASSWORD_VARIABLE, "")
    generated = not password
    password = password or secrets.token_urlsafe(12)
    for username, full_name, roles, slugs in missing:
        staff_user_create(
            username=username,
            full_name=full_name,
            roles=roles,
            organizations=list(Organization.objects.filter(slug__in=slugs)),
            password=password,
            by=None,
        )
    names = ", ".join(row[0] for row in missing)
    if generated:
        return [
            f"Created the demo staff accounts {names}, password '{password}'. "
            f"It is shown only this once; set {PASSWORD_VARIABLE} to choose your own."
        ]
    return [f"Created the demo staff accounts {names} with {PASSWORD_VARIABLE}."]
