"""People, with the positions they hold."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.admin.positions import PersonPositionInline
from committees.forms import PersonForm
from committees.models import Person
from committees.selectors import people_with_positions, person_positions_line
from portal.scoping import ScopedModelAdmin


@admin.register(Person)
class PersonAdmin(ScopedModelAdmin):
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
