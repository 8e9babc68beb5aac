"""Factories of the news, for every test of portal/news.

Articles are built one way, through `article_create`, and moved on by the workflow services as
editors would: `published_article` submits it as one editor and approves it as another.
Users are made in the groups the migration creates ("Biên tập viên", "Tổng biên tập").
"""

import importlib

import factory
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User

from committees.models import Organization
from portal.news.models import Article, Category, Tag
from portal.news.services import article_approve, article_create, article_submit
from tests.staff import member_of, sees_everything

EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Tổng biên tập"


def editorial_groups() -> None:
    """The groups as the migration makes them. Tests that flush the database (transactional
    ones, the live server's) drop what data migrations made; this makes it again."""
    if Group.objects.filter(name__in=[EDITORS, CHIEF_EDITORS]).count() < 2:
        migration = importlib.import_module("portal.news.migrations.0002_editor_and_chief_editor_groups")
        migration.create_groups(apps, None)
        feedback = importlib.import_module("portal.news.migrations.0003_feedback")
        feedback.give_chief_editors_moderation(apps, None)


def user_in(
    group: str | None = None,
    *,
    username: str | None = None,
    permissions: tuple[str, ...] = (),
    organizations: tuple[Organization, ...] | None = None,
) -> User:
    """A staff user in `group`, with the news permissions named in `permissions` besides.

    A member of `organizations` (portal/scoping.py: they write those organisations' articles);
    by default one who sees every organisation's, for the tests that are not about scoping."""
    editorial_groups()
    user = User.objects.create_user(username or f"user{User.objects.count() + 1}", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if permissions:
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=permissions)
        )
    if organizations is None:
        sees_everything(user)
    else:
        member_of(user, *organizations)
    return User.objects.get(pk=user.pk)  # fresh permission cache


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Thẻ {n}")
    slug = factory.Sequence(lambda n: f"the-{n}")


def draft_article(*, by: User | None = None, many_to_many: dict | None = None, **fields) -> Article:
    """A draft added by `article_create` (by nobody unless `by`)."""
    fields.setdefault("title", "Hội nghị sơ kết Đảng ủy")
    fields.setdefault("lead", "Sáng 30/8, hội nghị đã diễn ra.")
    fields.setdefault("body", "<p>Nội dung.</p>")
    return article_create(article=Article(**fields), by=by, many_to_many=many_to_many)


def published_article(*, now=None, **fields) -> Article:
    """A draft submitted and approved (by nobody), published at `now` (or now)."""
    article = draft_article(**fields)
    article_submit(article=article, by=None)
    return article_approve(article=article, by=None, now=now)
