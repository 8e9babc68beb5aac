"""/sitemap.xml lists the agreements list and every public agreement's page, never a draft's."""

import pytest
from django.utils import timezone

from agreements.models import AgreementStatus
from agreements.services import agreement_supersede, agreement_transition
from tests.agreements.factories import AgreementFactory, agreement_in_force
from tests.committees.factories import OrganizationFactory
from tests.sitemaps import all_locations, locations_in

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_list_and_every_public_agreement_but_no_draft(client):
    first = agreement_in_force(slug="ctph-2020")
    second = agreement_in_force(slug="ctph-2023")
    agreement_supersede(agreement=second, previous=first, by=None)
    ended = agreement_transition(
        agreement=agreement_in_force(slug="ke-hoach-2022"), to=AgreementStatus.EXPIRED, by=None
    )
    AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()], slug="du-thao")
    abandoned = AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()], slug="du-thao-huy")
    agreement_transition(agreement=abandoned, to=AgreementStatus.TERMINATED, by=None)

    response = client.get("/sitemap-agreements.xml")

    assert [url for url in all_locations(client) if "/phoi-hop/" in url] == [
        "http://testserver/phoi-hop/",
        "http://testserver/phoi-hop/ctph-2020/",
        "http://testserver/phoi-hop/ctph-2023/",
        "http://testserver/phoi-hop/ke-hoach-2022/",
    ]
    page = response.content.decode()
    for agreement in (first, second, ended):
        agreement.refresh_from_db()
        lastmod = timezone.localtime(agreement.updated_at).date().isoformat()
        assert (
            f"<loc>http://testserver{agreement.get_absolute_url()}</loc><lastmod>{lastmod}</lastmod>" in page
        )


@pytest.mark.parametrize("rows", [1, 5])
def test_sitemap_reads_the_agreements_in_two_queries(client, django_assert_num_queries, rows):
    for _index in range(rows):
        agreement_in_force()
        AgreementFactory()

    # A count and one page.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-agreements.xml")

    assert len(locations_in(response)) == rows
