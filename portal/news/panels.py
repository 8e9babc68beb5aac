"""What the pages of the apps below the news show of it, registered as panels in
NewsConfig.ready(): the articles about an organisation, a person, an event, an agreement or a
decision.

The registry, events and agreements sit below the news and never import it; their pages
render the panels registered for them (portal/panels.py). Each panel reads in exactly one
query, so those pages keep a fixed query count.
"""

from typing import Any

from django.db.models import Model

from committees.models import Organization
from portal import panels
from portal.news import selectors

# Articles a panel lists; one more is read to know whether there are more.
ARTICLES_SHOWN = 5


def organization_articles(organization: Organization) -> dict[str, Any]:
    """The latest articles the organisation published or that are about it, with links to
    its news page and feed."""
    articles = list(selectors.articles_of_organization(organization)[: ARTICLES_SHOWN + 1])
    return {
        "organization": organization,
        "articles": articles[:ARTICLES_SHOWN],
        "has_more": len(articles) > ARTICLES_SHOWN,
    }


def linked_articles(relation: str):
    """The panel context of the articles linking a record through `relation`."""

    def context(record: Model) -> dict[str, Any]:
        return {"articles": selectors.articles_linked_to(relation, record, limit=ARTICLES_SHOWN)}

    return context


def register() -> None:
    panels.register(
        panels.ORGANIZATION,
        "news",
        template="news/_organization_articles.html",
        context=organization_articles,
        order=40,
    )
    for place, relation in (
        (panels.PERSON, "people"),
        (panels.EVENT, "events"),
        (panels.AGREEMENT, "agreements"),
        (panels.DECISION, "decisions"),
    ):
        panels.register(
            place, "news", template="news/_record_articles.html", context=linked_articles(relation), order=40
        )
