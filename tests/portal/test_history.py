from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

from committees.models import Organization
from portal.history import record_change


def test_a_change_by_a_user_is_in_the_record_history(admin_user):
    organization = Organization.objects.create(name="Học viện Chính trị khu vực I", slug="hv1")

    record_change(organization, by=admin_user, message="Đổi tên.")
    record_change(organization, by=admin_user, message="Tạo mới.", added=True)

    assert list(
        LogEntry.objects.order_by("pk").values_list("user_id", "object_id", "action_flag", "change_message")
    ) == [
        (admin_user.pk, str(organization.pk), CHANGE, "Đổi tên."),
        (admin_user.pk, str(organization.pk), ADDITION, "Tạo mới."),
    ]


def test_a_change_by_a_job_leaves_no_admin_entry(db):
    organization = Organization.objects.create(name="Học viện Chính trị khu vực II", slug="hv2")

    record_change(organization, by=None, message="Hết hiệu lực.")

    assert LogEntry.objects.count() == 0
