"""People, with the positions they hold.

A new person is created by `person_create`, which also writes the history of the addition; a
change is written by `person_save`, and the positions typed with them by `position_save` and
`position_delete`.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.admin.positions import PersonPositionInline
from committees.forms import PersonForm
from committees.models import Person, Position
from committees.selectors import people_with_positions, person_positions_line
from committees.services import person_create, person_save, position_delete, position_save
from portal.history import logged_by_admin
from portal.scoping import ScopedModelAdmin
from portal.sources.admin import CitedAdminMixin


@admin.register(Person)
class PersonAdmin(CitedAdminMixin, ScopedModelAdmin):
    form = PersonForm
    fieldsets = [
        (None, {"fields": ("full_name", "slug")}),
        (_("Titles"), {"fields": ("honorific", "academic_title", "degree")}),
        (_("Profile"), {"fields": ("photo", "bio")}),
    ]
    inlines = [PersonPositionInline]
    list_display = ("name", "current_positions")
    list_filter = ("academic_title", "degree", "honorific")
    search_fields = ("full_name",)
    ordering = ("full_name", "pk")

    def get_queryset(self, request):
        # Positions prefetched for the title lines: a fixed number of queries per page.
        return people_with_positions(super().get_queryset(request))

    @admin.display(description=_("full name"), ordering="full_name")
    def name(self, person: Person) -> str:
        return person.display_name

    @admin.display(description=_("current positions"))
    def current_positions(self, person: Person) -> str:
        return person_positions_line(person, on=timezone.localdate())

    def save_model(self, request, obj, form, change):
        if change:
            # The history keeps the admin's own message of the fields changed.
            with logged_by_admin():
                person_save(person=obj, by=request.user)
            return
        data = form.cleaned_data
        person = person_create(
            written_name=data["full_name"],
            honorific=data["honorific"],
            academic_title=data["academic_title"],
            degree=data["degree"],
            slug=data["slug"],
            photo=data.get("photo") or None,
            bio=data["bio"],
            by=request.user,
        )
        # The admin saves the inline positions with, and redirects to, the object it built.
        for field in Person._meta.concrete_fields:
            setattr(obj, field.attname, getattr(person, field.attname))
        obj._state.adding, obj._state.db = False, person._state.db

    def save_formset(self, request, form, formset, change):
        if formset.model is not Position:
            super().save_formset(request, form, formset, change)
            return
        # The positions typed with the person, through the registry's services; the admin's
        # message of the change names them.
        for position in formset.save(commit=False):
            with logged_by_admin():
                position_save(position=position, by=request.user)
        for position in formset.deleted_objects:
            with logged_by_admin():
                position_delete(position=position, by=request.user)
        formset.save_m2m()

    def log_addition(self, request, obj, message):
        """Nothing: `person_create` has written the addition in the history."""
