from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Steering committees")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal.roles import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="portal_roles")

        from committees import volume
        from portal.volume import register

        register("committees", volume.generate, order=10)

        from committees import resources
        from committees.models import Decision, LegalDocument, Organization, Person, Position
        from portal.exchange import registry

        registry.register(Organization, resources.OrganizationResource, importable=True)
        registry.register(Person, resources.PersonResource, importable=True)
        registry.register(Position, resources.PositionResource, importable=True)
        registry.register(Decision, resources.DecisionResource, importable=True)
        registry.register(LegalDocument, resources.LegalDocumentResource, importable=True)
