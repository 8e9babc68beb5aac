"""Staff users for tests: their organisations (portal/scoping.py) and roles (portal/roles.py)."""

from django.contrib.auth.models import Group, Permission

from committees.models import Organization, StaffMembership
from portal.roles import Role
from portal.scoping import forget_staff_scope


def member_of(user, *organizations: Organization):
    """Make `user` a member of `organizations`: they see and change those and their children's records."""
    for organization in organizations:
        StaffMembership.objects.get_or_create(user=user, organization=organization)
    forget_staff_scope(user)
    return user


def sees_everything(user):
    """Give `user` the system administrators' reach over every organisation (not their other permissions)."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="committees", codename="view_all_organizations")
    )
    for cache in ("_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)
    forget_staff_scope(user)
    return user


def in_role(user, *roles: Role):
    """Put `user` in the groups of `roles` (made by the migration)."""
    user.groups.add(*Group.objects.filter(name__in=[role.name for role in roles]))
    for cache in ("_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
    forget_staff_scope(user)
    return user
