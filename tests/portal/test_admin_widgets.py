"""Change forms that fit a laptop: long one-line texts in boxes that show them whole
(portal.admin.OneLineTextarea, FittingWidgetsMixin)."""

import pytest
from django.contrib import admin

from events.models import Event, Speech
from portal.admin import OneLineTextarea

pytestmark = pytest.mark.django_db


def test_a_one_line_text_typed_over_several_lines_is_read_as_one_line():
    widget = OneLineTextarea()
    data = {"title": "Hội nghị sơ kết\r\nQuy chế phối hợp\nkhu vực Tây Nam Bộ"}
    assert (
        widget.value_from_datadict(data, {}, "title") == "Hội nghị sơ kết Quy chế phối hợp khu vực Tây Nam Bộ"
    )
    assert widget.value_from_datadict({}, {}, "title") is None


def test_long_one_line_texts_are_edited_in_growing_boxes_and_short_ones_in_inputs(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    event_admin = admin.site.get_model_admin(Event)
    form = event_admin.get_form(request)()
    html = str(form["title"])
    assert html.startswith('<textarea name="title" cols="40" rows="1" class="vTextField one-line"')
    assert 'maxlength="500"' in html
    assert str(form["slug"]).startswith("<input")


def test_a_speechs_role_is_labelled_as_a_role(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    event_admin = admin.site.get_model_admin(Event)
    inline = next(i for i in event_admin.get_inline_instances(request) if i.model is Speech)
    formset = inline.get_formset(request)()
    assert formset.empty_form["role"].label == "Vai trò"
