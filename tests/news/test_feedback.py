"""Readers' feedback: sent through the form on an article's page, held for moderation, shown
escaped once approved; a honeypot and a per-address rate limit stand against floods."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied

from portal.news.models import ArticleFeedback, FeedbackStatus
from portal.news.services import FEEDBACK_RATE_LIMIT, feedback_ip_hash, feedback_moderate, feedback_submit
from tests.admin_forms import admin_url
from tests.news.factories import CHIEF_EDITORS, EDITORS, draft_article, published_article, user_in
from tests.pages import html_of, text_of

pytestmark = pytest.mark.django_db
READER = "203.0.113.7"


@pytest.fixture
def article():
    return published_article(title="Hội nghị sơ kết")


@pytest.fixture
def chief():
    return user_in(CHIEF_EDITORS, username="chief")


@pytest.fixture
def editor():
    return user_in(EDITORS, username="editor")


def send(client, article, remote_addr=READER, forwarded_for=None, **fields):
    """Post the form as a reader at `remote_addr` (through a proxy when `forwarded_for`)."""
    data = {"name": "Trần Thị Lan", "email": "lan@example.vn", "message": "Bài viết rất bổ ích.", **fields}
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(f"{article.get_absolute_url()}phan-hoi/", data, REMOTE_ADDR=remote_addr, **extra)


def sent(article, *, name="Trần Thị Lan", message="Bài viết rất bổ ích.", ip=READER):
    return feedback_submit(article=article, name=name, email="lan@example.vn", message=message, ip=ip)


def test_feedback_is_kept_for_moderation_and_the_reader_thanked(client, article):
    response = send(client, article)

    assert (response.status_code, response["Location"]) == (302, "/tin-tuc/hoi-nghi-so-ket/phan-hoi/cam-on/")
    feedback = ArticleFeedback.objects.get()
    assert (feedback.article, feedback.name, feedback.email, feedback.message, feedback.status) == (
        article,
        "Trần Thị Lan",
        "lan@example.vn",
        "Bài viết rất bổ ích.",
        FeedbackStatus.PENDING,
    )
    # Not the address itself, but a keyed hash of it.
    assert feedback.ip_hash == feedback_ip_hash(READER)
    assert len(feedback.ip_hash) == 64 and READER not in feedback.ip_hash
    assert text_of(client.get(response["Location"])) == (
        "Cảm ơn bạn đã gửi phản hồi Phản hồi của bạn đã được tiếp nhận và đang chờ duyệt. "
        "Phản hồi sẽ hiện dưới bài viết sau khi được duyệt. Trở lại bài “Hội nghị sơ kết”"
    )


def test_unmoderated_and_rejected_feedback_is_never_shown(client, article, chief):
    sent(article, message="Đang chờ duyệt")
    feedback_moderate(feedback=sent(article, message="Bị từ chối"), by=chief, approve=False)

    page = html_of(client.get(article.get_absolute_url()))

    assert "Đang chờ duyệt" not in page
    assert "Bị từ chối" not in page
    assert "feedback__item" not in page


def test_approved_feedback_is_shown_under_the_article_oldest_first(client, article, chief):
    first = sent(article, name="Lan", message="Thứ nhất")
    second = sent(article, name="Minh", message="Thứ hai")
    feedback_moderate(feedback=second, by=chief, approve=True)
    feedback_moderate(feedback=first, by=chief, approve=True)

    page = html_of(client.get(article.get_absolute_url()))

    shown = page[
        page.index('class="feedback__list"') : page.index("</ol>", page.index('class="feedback__list"'))
    ]
    assert re.findall(r"<strong>([^<]+)</strong>", shown) == ["Lan", "Minh"]
    assert re.findall(r'<div class="feedback__message"><p>([^<]+)</p>', shown) == ["Thứ nhất", "Thứ hai"]
    assert "lan@example.vn" not in page


def test_hostile_feedback_is_shown_escaped(client, article, chief):
    hostile = sent(
        article, name='<img src=x onerror="steal()">', message="<script>steal()</script>\nDòng hai"
    )
    feedback_moderate(feedback=hostile, by=chief, approve=True)

    page = html_of(client.get(article.get_absolute_url()))

    assert "<script>steal()" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;steal()&quot;&gt;" in page
    assert "<p>&lt;script&gt;steal()&lt;/script&gt;<br>Dòng hai</p>" in page


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"name": ""}, "name", "Trường này là bắt buộc."),
        ({"email": "khong-phai-thu"}, "email", "Nhập địa chỉ email."),
        ({"message": "  "}, "message", "Trường này là bắt buộc."),
        ({"message": "x" * 3001}, "message", "Giá trị này chỉ có tối đa 3000 kí tự (hiện có 3001)"),
        ({"message": "Nội dung\x00"}, "message", "Không được dùng ký tự rỗng (NUL)."),
    ],
)
def test_a_form_with_errors_is_shown_again_with_the_input_and_nothing_is_kept(
    client, article, fields, field, error
):
    response = send(client, article, **fields)

    page = html_of(response)
    assert response.context["feedback_form"].errors == {field: [error]}
    assert error in text_of(response)
    # What the reader typed is still there.
    assert ('value="Trần Thị Lan"' in page) is (field != "name")
    assert ArticleFeedback.objects.count() == 0


@pytest.mark.parametrize("email", ["lan@example.vn", "not-an-address"])
def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client, article, email):
    response = send(client, article, website="http://spam.example", email=email)

    assert (response.status_code, response["Location"]) == (302, "/tin-tuc/hoi-nghi-so-ket/phan-hoi/cam-on/")
    assert ArticleFeedback.objects.count() == 0


def test_the_honeypot_is_labelled_for_people_to_leave_empty(client, article):
    page = html_of(client.get(article.get_absolute_url()))

    trap = page[
        page.index('class="feedback-form__trap"') : page.index("</div>", page.index("feedback-form__trap"))
    ]
    assert '<label for="id_website">Để trống ô này:</label>' in trap
    assert 'tabindex="-1"' in trap


def test_the_sixth_message_from_one_address_in_ten_minutes_is_refused_with_a_clear_message(client, article):
    statuses = [
        send(client, article, message=f"Tin nhắn {n}").status_code for n in range(FEEDBACK_RATE_LIMIT)
    ]

    refused = send(client, article, message="Tin nhắn thứ sáu")

    assert statuses == [302] * 5
    assert refused.status_code == 429
    assert (
        '<div class="notice notice--error" role="alert"><ul class="errorlist nonfield"><li>Bạn đã gửi nhiều '
        "phản hồi trong thời gian ngắn. Vui lòng chờ 10 phút rồi gửi tiếp.</li></ul></div>"
    ) in refused.content.decode()
    assert "Tin nhắn thứ sáu</textarea>" in refused.content.decode()
    assert ArticleFeedback.objects.count() == 5
    # Another reader is not held back.
    assert send(client, article, remote_addr="198.51.100.2").status_code == 302


def test_behind_the_proxy_each_client_is_limited_by_its_own_address(client, article, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(FEEDBACK_RATE_LIMIT):
        send(client, article, remote_addr=proxy, forwarded_for="203.0.113.7", message=f"Lần {n}")

    first = send(client, article, remote_addr=proxy, forwarded_for="203.0.113.7", message="Lần sáu")
    # A client cannot pass for another by writing its own X-Forwarded-For: only the proxy's entry counts.
    forged = send(client, article, remote_addr=proxy, forwarded_for="1.2.3.4, 203.0.113.7", message="Giả")
    other = send(client, article, remote_addr=proxy, forwarded_for="198.51.100.9", message="Người khác")

    assert (first.status_code, forged.status_code, other.status_code) == (429, 429, 302)
    assert ArticleFeedback.objects.filter(ip_hash=feedback_ip_hash("198.51.100.9")).count() == 1


def test_feedback_on_an_article_not_public_is_not_found(client):
    article = draft_article(title="Bản nháp")

    assert send(client, article).status_code == 404
    assert client.get("/tin-tuc/ban-nhap/phan-hoi/cam-on/").status_code == 404
    assert ArticleFeedback.objects.count() == 0


def test_opening_the_form_address_leads_back_to_the_form(client, article):
    response = client.get(f"{article.get_absolute_url()}phan-hoi/")

    assert (response.status_code, response["Location"]) == (302, "/tin-tuc/hoi-nghi-so-ket/#phan-hoi")


def test_the_page_with_the_form_stays_cached_and_an_approval_rebuilds_it(
    client, article, chief, django_capture_on_commit_callbacks
):
    url = article.get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert b"csrfmiddlewaretoken" not in first.content

    with django_capture_on_commit_callbacks(execute=True):
        feedback = sent(article, message="Ý kiến mới")
    assert client.get(url)["X-Page-Cache"] == "hit"  # a pending message changes nothing shown
    with django_capture_on_commit_callbacks(execute=True):
        feedback_moderate(feedback=feedback, by=chief, approve=True)

    rebuilt = client.get(url)
    assert rebuilt["X-Page-Cache"] == "miss"
    assert "Ý kiến mới" in rebuilt.content.decode()


def test_an_editor_cannot_moderate_feedback(article, editor):
    feedback = sent(article)

    with pytest.raises(PermissionDenied):
        feedback_moderate(feedback=feedback, by=editor, approve=True)

    assert ArticleFeedback.objects.get().status == FeedbackStatus.PENDING


def test_a_chief_editor_moderates_and_the_history_says_who(article, chief):
    feedback = feedback_moderate(feedback=sent(article), by=chief, approve=True)

    assert (feedback.status, feedback.moderated_by) == (FeedbackStatus.APPROVED, chief)
    assert feedback.moderated_at is not None
    assert LogEntry.objects.get().get_change_message() == "Đã duyệt."


def test_a_chief_editor_approves_and_rejects_from_the_admin_list(client, article, chief):
    keep, drop = sent(article, message="Giữ"), sent(article, message="Bỏ")
    client.force_login(chief)
    url = admin_url(ArticleFeedback, "changelist")

    assert client.get(url, {"status__exact": "pending"}).status_code == 200
    approve = client.post(url, {"action": "approve_selected", "_selected_action": [keep.pk]}, follow=True)
    client.post(url, {"action": "reject_selected", "_selected_action": [drop.pk]})

    assert [str(m) for m in get_messages(approve.wsgi_request)] == ["Đã duyệt 1 phản hồi."]
    assert dict(ArticleFeedback.objects.values_list("message", "status")) == {
        "Giữ": FeedbackStatus.APPROVED,
        "Bỏ": FeedbackStatus.REJECTED,
    }


def test_an_editor_cannot_open_nor_moderate_feedback_in_the_admin(client, article, editor):
    feedback = sent(article)
    client.force_login(editor)
    url = admin_url(ArticleFeedback, "changelist")

    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"action": "approve_selected", "_selected_action": [feedback.pk]}).status_code == 403
    )
    assert ArticleFeedback.objects.get().status == FeedbackStatus.PENDING


def test_a_viewer_without_the_moderation_permission_is_not_offered_the_actions(client, article):
    viewer = user_in(username="viewer", permissions=("view_articlefeedback",))
    feedback = sent(article)
    client.force_login(viewer)
    url = admin_url(ArticleFeedback, "changelist")

    listed = client.get(url)
    client.post(url, {"action": "approve_selected", "_selected_action": [feedback.pk]})

    assert listed.status_code == 200 and listed.context["action_form"] is None
    assert ArticleFeedback.objects.get().status == FeedbackStatus.PENDING
