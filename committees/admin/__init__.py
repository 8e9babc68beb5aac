"""The registry's admin, for secretariat staff, one module per subject.

Every admin and inline is built on `portal.scoping`, so what staff see can later be
limited to their organisation in one place. Slugs are made on the server when left empty
(`committees.forms`), never by the admin's JavaScript, which drops "đ". What the
services in `committees.services` write (closing, renaming an organisation) is written
through them only, from the admin's own pages (`committees.admin.organizations`).
"""

from committees.admin import documents, geography, organizations, people, positions, steering_committees

__all__ = ["documents", "geography", "organizations", "people", "positions", "steering_committees"]
