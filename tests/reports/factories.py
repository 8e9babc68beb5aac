"""Factories of review reports (tests/reports): built through `report_save` and moved on by the
workflow services, as staff would."""

import datetime as dt

from django.contrib.auth.models import Permission, User

from portal.services import Rows
from reports.models import PeriodKind, Report, ReportItem, ReportKind, SectionKind
from reports.services import report_save
from tests.committees.factories import OrganizationFactory
from tests.staff import sees_everything

REPORT_PERMISSIONS = ("add_report", "change_report", "view_report", "delete_report")


def staff(*permissions: str, username: str | None = None) -> User:
    """A staff user with the reports permissions named (codenames of the reports app), over every
    organisation: the tests using it are about the reports' rules, not the staff scope
    (tests/reports/test_scoping.py)."""
    user = User.objects.create_user(username or f"staff{User.objects.count() + 1}", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=permissions)
    )
    sees_everything(user)
    return User.objects.get(pk=user.pk)  # fresh permission cache


def items(*texts: tuple[int, str] | str) -> Rows[ReportItem]:
    """New items, each a text of the results section or a (section, text) pair, in order."""
    made = []
    for order, text in enumerate(texts, start=1):
        section, body = (SectionKind.RESULTS, text) if isinstance(text, str) else text
        made.append(ReportItem(section=section, order=order, text=body))
    return Rows.of(ReportItem, "report", *made)


def half_year_report(*, by: User | None = None, year: int = 2021, half: int = 1, **fields) -> Report:
    """A saved draft six-month report of a new organisation (unless given) with one result."""
    values = {
        "title": f"Báo cáo sơ kết 6 tháng năm {year}",
        "kind": ReportKind.SIX_MONTH,
        "period_kind": PeriodKind.HALF,
        "year": year,
        "half": half,
        **fields,
    }
    if "organization" not in values:
        values["organization"] = OrganizationFactory()
    report = Report(**values)
    return report_save(report=report, items=items("Hoàn thành các chỉ tiêu đào tạo."), by=by)


def dated_report(start: dt.date, end: dt.date, **fields) -> Report:
    return half_year_report(period_kind=PeriodKind.CUSTOM, period_start=start, period_end=end, **fields)
