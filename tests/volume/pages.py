"""The pages read at a generated volume (`portal.volume`): by the volume leg of the tests, and by
the benchmark (bench/pages.py), which runs `public_pages()` and `admin_pages()` in the stack's
`manage.py shell`."""

from django.urls import reverse

from agreements.models import Agreement
from agreements.selectors import public_agreements
from committees.models import Decision, LegalDocument, Organization, Person, SteeringCommittee, Team
from events.models import Event
from events.selectors import event_list_queryset
from portal.news.models import Article

# Pages of one record read a few more queries for some records than for others (a prefetch
# that finds nothing skips its next level): such pages are read for this many records and the
# most queries any of them read is compared.
SAMPLE = 8


def generated(records):
    """The generated records of a model or a queryset, first made first."""
    queryset = records.objects.all() if isinstance(records, type) else records
    return queryset.filter(slug__startswith="vl-").order_by("pk")


def sample(records, size: int = SAMPLE) -> list[str]:
    return [record.get_absolute_url() for record in generated(records)[:size]]


def public_pages(size: int = SAMPLE) -> dict[str, str | list[str]]:
    """Every kind of public page: a URL, or for pages of one record the URLs of `size` records."""
    national = Organization.objects.get(slug="vl-hoc-vien-chinh-tri-quoc-gia")
    return {
        "home": "/",
        "directory": "/to-chuc/",
        "national academy": national.get_absolute_url(),
        "national academy members": reverse("committees:organization_members", args=[national.slug]),
        "provincial board": sample(Organization.objects.filter(slug__startswith="vl-ban-tuyen-giao"), size),
        "person": sample(Person, size),
        "documents": "/van-ban/",
        "documents by the academy": f"/van-ban/?co_quan={national.slug}",
        "decision": sample(Decision, size),
        "legal document": sample(LegalDocument, size),
        "events": "/su-kien/",
        "events of the academy": f"/su-kien/?don_vi={national.slug}",
        "events, page 3": "/su-kien/?trang=3",
        "calendar": "/su-kien/lich/2024/5/",
        "event": sample(event_list_queryset(), size),
        "calendar feed": "/su-kien/lich.ics",
        "calendar feed of the academy": f"/su-kien/lich.ics?don_vi={national.slug}",
        "agreements": "/phoi-hop/",
        "agreement": sample(public_agreements(), size),
        "sitemap": "/sitemap.xml",
        "sitemap of events": "/sitemap-events.xml",
        "news category": "/chuyen-muc/vl-tin-hoat-dong/",
        "news category, page 3": "/chuyen-muc/vl-tin-hoat-dong/?trang=3",
        "article": sample(Article, size),
        "search": "/tim-kiem/?q=hoi+nghi+so+ket",
        "search, two common words": "/tim-kiem/?q=hoi+nghi",
        "search, one word with diacritics": "/tim-kiem/?q=%C4%90%E1%BA%A3ng",
        "search, filtered, page 2": (
            "/tim-kiem/?q=dang+uy&chuyen_muc=vl-tin-hoat-dong&tu_ngay=01/01/2020&trang=2"
        ),
        "search of events": "/tim-kiem/?q=hoi+nghi&loai=su-kien",
    }


def admin_pages(size: int = SAMPLE) -> dict[str, str | list[str]]:
    """The admin change forms of the records with the most inline rows, and for people, events
    and agreements those of `size` records."""
    national = Organization.objects.get(slug="vl-hoc-vien-chinh-tri-quoc-gia")
    committee = SteeringCommittee.objects.get(organization=national)

    def change_forms(records) -> list[str]:
        return [
            reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
            for record in generated(records)[:size]
        ]

    return {
        "admin: national academy": reverse("admin:committees_organization_change", args=[national.pk]),
        "admin: its committee": reverse("admin:committees_steeringcommittee_change", args=[committee.pk]),
        "admin: a team": reverse(
            "admin:committees_team_change", args=[Team.objects.filter(committee=committee).first().pk]
        ),
        "admin: a person": change_forms(Person),
        "admin: an event": change_forms(Event),
        "admin: an agreement": change_forms(Agreement),
    }
