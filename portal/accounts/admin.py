"""Admin of sign-in security: axes' records read-only, users' two-step verification, and the
organisations each staff user works for (portal.scoping)."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from committees.models import StaffMembership
from committees.services import staff_membership_set
from portal.accounts import services
from portal.admin import SafeChangeListMixin

User = get_user_model()

# django-otp's own device admins show and edit secrets row by row; superusers reset a
# user's devices from the user list instead (the action below).
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


class ReadOnlyMixin(SafeChangeListMixin):
    """Records that only django-axes writes: superusers look, nobody edits (nor breaks the
    list with a date filter past the calendar)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ReadOnlyMixin, axes_admin.AccessAttemptAdmin):
    """Failed sign-ins being counted; deleting a row lifts that lockout at once."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "locked", "user_agent"]
    list_filter = ["attempt_time"]
    actions = []
    fieldsets = (
        (None, {"fields": ("username", "ip_address", "attempt_time", "failures_since_start", "path_info")}),
        (_("Meta Data"), {"fields": ("user_agent", "http_accept", "get_data", "post_data")}),
    )

    @admin.display(description=_("Locked Out"), boolean=True)
    def locked(self, obj: AccessAttempt) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyMixin, axes_admin.AccessLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ReadOnlyMixin, axes_admin.AccessFailureLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


class StaffMembershipInline(admin.TabularInline):
    """The organisations a staff user works for: they see and change the records of these and
    of their children. Written by `staff_membership_set` (PortalUserAdmin.save_formset)."""

    model = StaffMembership
    fields = ("organization",)
    autocomplete_fields = ("organization",)
    extra = 0
    verbose_name = _("organisation worked for")
    verbose_name_plural = _("organisations worked for (the user sees and changes their records)")


@admin.register(User)
class PortalUserAdmin(SafeChangeListMixin, UserAdmin):
    """Django's user admin, with each user's two-step verification and a reset for lost phones,
    their organisations (scoping) and their roles (groups)."""

    list_display = (*UserAdmin.list_display, "organizations", "roles", "two_factor")
    inlines = [StaffMembershipInline]
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        memberships = StaffMembership.objects.select_related("organization").order_by("organization__name")
        return (
            super()
            .get_queryset(request)
            .annotate(has_two_factor=Exists(apps))
            .prefetch_related(Prefetch("memberships", queryset=memberships), "groups")
        )

    @admin.display(description=_("Two-step verification"), boolean=True, ordering="has_two_factor")
    def two_factor(self, obj) -> bool:
        return obj.has_two_factor

    @admin.display(description=_("organisations"))
    def organizations(self, obj) -> str:
        return ", ".join(
            membership.organization.short_name or membership.organization.name
            for membership in obj.memberships.all()
        )

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    def save_formset(self, request, form, formset, change):
        if formset.model is not StaffMembership:
            super().save_formset(request, form, formset, change)
            return
        # The admin's message of the change names the rows (new_objects, deleted_objects…);
        # the memberships are written by the service, with the history.
        formset.save(commit=False)
        organizations = [
            row.cleaned_data["organization"]
            for row in formset.forms
            if row.cleaned_data.get("organization") is not None
            and not (formset.can_delete and formset._should_delete_form(row))
        ]
        staff_membership_set(user=form.instance, organizations=organizations, by=request.user)

    @admin.action(
        description=_("Reset two-step verification of the selected users"), permissions=["superuser"]
    )
    def reset_two_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            if services.two_factor_reset(user=user, by=request.user):
                self.log_change(request, user, [{"changed": {"fields": [str(_("Two-step verification"))]}}])
        self.message_user(
            request,
            ngettext(
                "Two-step verification reset for %(count)d user.",
                "Two-step verification reset for %(count)d users.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def has_superuser_permission(self, request) -> bool:
        return request.user.is_superuser
