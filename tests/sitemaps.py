"""Reading /sitemap.xml as a search engine does: the index, then every section document it lists."""

import re

SITEMAP_TYPE = "application/xml"


def locations_in(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == SITEMAP_TYPE
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def section_urls(client) -> list[str]:
    """The section documents the index lists, as paths."""
    return [url.removeprefix("http://testserver") for url in locations_in(client.get("/sitemap.xml"))]


def all_locations(client) -> list[str]:
    """Every page address of every section, in the index's order."""
    return [location for url in section_urls(client) for location in locations_in(client.get(url))]
