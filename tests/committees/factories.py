import factory

from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    LegalDocumentType,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Province,
    Region,
    Role,
    SteeringCommittee,
    Team,
    TeamKind,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vùng {n}")
    slug = factory.Sequence(lambda n: f"vung-{n}")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    name = factory.Sequence(lambda n: f"Tỉnh {n}")
    slug = factory.Sequence(lambda n: f"tinh-{n}")
    region = factory.SubFactory(RegionFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Học viện Chính trị khu vực {n}")
    slug = factory.Sequence(lambda n: f"to-chuc-{n}")
    kind = OrganizationKind.REGIONAL_ACADEMY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    slug = factory.Sequence(lambda n: f"nguoi-{n}")


class SteeringCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringCommittee

    organization = factory.SubFactory(OrganizationFactory)
    slug = factory.Sequence(lambda n: f"ban-chi-dao-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    committee = factory.SubFactory(SteeringCommitteeFactory)
    kind = TeamKind.SECRETARIAT
    name = "Tổ thư ký"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    role = Role.MEMBER
    organization = factory.SubFactory(OrganizationFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    issuer_committee = factory.SubFactory(SteeringCommitteeFactory)
    kind = DecisionKind.FOUND_TEAM
    title = factory.Sequence(lambda n: f"Quyết định thành lập Tổ {n}")
    slug = factory.Sequence(lambda n: f"quyet-dinh-{n}")


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument

    number = factory.Sequence(lambda n: f"{n}-NQ/TW")
    doc_type = LegalDocumentType.RESOLUTION
    issuer = "Bộ Chính trị"
    title = factory.Sequence(lambda n: f"Nghị quyết {n}")
    slug = factory.Sequence(lambda n: f"nghi-quyet-{n}")
