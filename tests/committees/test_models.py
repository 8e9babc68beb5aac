import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.models import Decision, OrganizationName, Person, Position, Province, Role
from committees.services import organization_rename
from tests.committees.factories import (
    DecisionFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    ProvinceFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def test_a_decision_number_repeated_for_the_same_issuer_is_refused():
    first = DecisionFactory(number="03-QĐ/BCĐ35")
    repeat = DecisionFactory.build(
        number="03-QĐ/BCĐ35", issuer_committee=first.issuer_committee, slug="lap-lai"
    )
    with pytest.raises(ValidationError) as refused:
        repeat.full_clean()
    assert messages(refused.value) == ["Ban chỉ đạo này đã có quyết định mang số, ký hiệu này."]
    assert Decision.objects.count() == 1


def test_the_same_decision_number_is_fine_for_another_issuer_and_numbers_may_be_unknown():
    first = DecisionFactory(number="03-QĐ/BCĐ35")
    other = DecisionFactory.build(
        number="03-QĐ/BCĐ35", issuer_committee=SteeringCommitteeFactory(), slug="khac"
    )
    other.full_clean()
    DecisionFactory(number="", issuer_committee=first.issuer_committee)
    DecisionFactory(number="", issuer_committee=first.issuer_committee)
    assert Decision.objects.filter(number="").count() == 2


def test_a_decision_needs_exactly_one_issuer():
    decision = DecisionFactory.build(issuer_committee=None, issuer_organization=None)
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "Chọn ban chỉ đạo ban hành hoặc cơ quan ban hành (chỉ một trong hai)." in messages(refused.value)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            b"MZ\x90\x00 this is an executable",
            "Theo nội dung, tệp không phải là PDF, dù tên tệp ghi thế nào.",
        ),
        (b"%PDF-1.4\n%%EOF\n", "Không mở được tệp dưới dạng PDF; tệp có thể đã bị hỏng."),
        (b"", "Tệp rỗng, không có nội dung."),
    ],
)
def test_a_decision_file_must_be_a_pdf_by_content(content, error):
    decision = DecisionFactory.build(issuer_committee=SteeringCommitteeFactory())
    decision.file = SimpleUploadedFile("quyet-dinh.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert refused.value.message_dict["file"] == [error]


def test_a_decision_file_over_20_mb_is_refused(settings):
    decision = DecisionFactory.build(issuer_committee=SteeringCommitteeFactory())
    decision.file = SimpleUploadedFile(
        "lon.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "application/pdf"
    )
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert refused.value.message_dict["file"] == [
        "Tệp có dung lượng 20,0\xa0MB; chỉ cho phép tối đa 20,0\xa0MB."
    ]


def test_a_real_pdf_is_accepted_and_stored_under_a_random_name():
    decision = DecisionFactory.build(issuer_committee=SteeringCommitteeFactory())
    decision.file = SimpleUploadedFile("Quyết định số 3.PDF", pdf_bytes(), "application/pdf")
    decision.full_clean()
    decision.save()
    assert decision.file.name.startswith("decisions/")
    assert decision.file.name.endswith(".pdf")
    assert "Quy" not in decision.file.name
    assert len(decision.file.name) == len("decisions/") + 32 + len(".pdf")


def test_a_position_ending_before_it_starts_is_refused():
    position = PositionFactory.build(
        person=PersonFactory(),
        organization=OrganizationFactory(),
        start_date=dt.date(2021, 8, 25),
        end_date=dt.date(2021, 8, 24),
    )
    with pytest.raises(ValidationError) as refused:
        position.full_clean()
    assert messages(refused.value) == ["Ngày kết thúc chức vụ không thể trước ngày bắt đầu."]
    assert Position.objects.count() == 0


def test_a_position_must_be_held_in_exactly_one_body():
    position = PositionFactory.build(
        person=PersonFactory(), organization=OrganizationFactory(), committee=SteeringCommitteeFactory()
    )
    with pytest.raises(ValidationError) as refused:
        position.full_clean()
    assert messages(refused.value) == ["Chọn đúng một trong: tổ chức, ban chỉ đạo, tổ."]


def test_an_other_role_needs_its_written_title():
    position = PositionFactory.build(
        person=PersonFactory(), organization=OrganizationFactory(), role=Role.OTHER
    )
    with pytest.raises(ValidationError) as refused:
        position.full_clean()
    assert messages(refused.value) == ['Hãy ghi rõ chức danh khi chọn "khác".']


def test_a_province_merged_into_itself_is_refused():
    province = ProvinceFactory(name="Nghệ An")
    province.merged_into = province
    province.valid_to = dt.date(2025, 6, 30)
    with pytest.raises(ValidationError) as refused:
        province.full_clean()
    assert "Không thể hợp nhất một tỉnh vào chính nó." in messages(refused.value)
    province.refresh_from_db()
    assert province.merged_into is None


def test_a_merged_province_needs_its_last_day():
    province = ProvinceFactory()
    province.merged_into = ProvinceFactory()
    with pytest.raises(ValidationError) as refused:
        province.full_clean()
    assert refused.value.message_dict["valid_to"] == [
        'Hãy nhập ngày cuối cùng trước khi hợp nhất vào ô "hiệu lực đến".'
    ]


def test_a_person_without_a_name_is_refused():
    # A name of titles or white space only is the service's check (test_services).
    person = Person(full_name="", slug="khong-ten")
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert refused.value.message_dict["full_name"] == ["Trường này không được để trắng."]
    assert Person.objects.count() == 0


def test_an_organisation_cannot_be_placed_under_itself():
    parent = OrganizationFactory()
    child = OrganizationFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as refused:
        parent.full_clean()
    assert refused.value.message_dict["parent"] == ["Không thể đặt một tổ chức trực thuộc chính nó."]


def test_name_on_a_date_follows_the_renamings():
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Nghệ An", founded_on=dt.date(1930, 1, 1))
    organization_rename(
        by=None,
        organization=board,
        new_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An",
        on=dt.date(2025, 3, 1),
    )
    board.refresh_from_db()
    assert board.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An"
    assert board.name_on(dt.date(2024, 11, 19)) == "Ban Tuyên giáo Tỉnh ủy Nghệ An"
    assert board.name_on(dt.date(2025, 2, 28)) == "Ban Tuyên giáo Tỉnh ủy Nghệ An"
    assert board.name_on(dt.date(2025, 3, 1)) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An"
    assert board.name_on(None) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An"
    former = OrganizationName.objects.get(organization=board)
    assert (former.valid_from, former.valid_to) == (dt.date(1930, 1, 1), dt.date(2025, 2, 28))


def test_team_and_committee_names_follow_their_organisation():
    team = TeamFactory(name="Tổ thư ký", committee__organization__name="Học viện Chính trị khu vực IV")
    assert str(team.committee) == "Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"
    assert team.name_on(None) == "Tổ thư ký Ban Chỉ đạo 35 Học viện Chính trị khu vực IV"


def test_a_province_is_current_until_its_last_day_is_known():
    assert ProvinceFactory().is_current is True
    assert Province(valid_to=dt.date(2025, 6, 30)).is_current is False


def test_a_stored_file_is_not_read_again_when_the_record_is_saved_again():
    decision = DecisionFactory.build(issuer_committee=SteeringCommitteeFactory())
    decision.file = SimpleUploadedFile("qd.pdf", pdf_bytes(), "application/pdf")
    decision.full_clean()
    decision.save()
    decision.file.storage.delete(decision.file.name)  # on S3 a read would be a download

    decision = Decision.objects.get(pk=decision.pk)
    decision.title = "Quyết định (đã sửa tiêu đề)"
    decision.full_clean()
    decision.save()
    assert Decision.objects.get(pk=decision.pk).title == "Quyết định (đã sửa tiêu đề)"


def test_a_legal_document_may_be_cited_without_a_number_but_numbers_stay_unique():
    from committees.models import LegalDocument

    law = LegalDocument(
        doc_type="law", issuer="Quốc hội", title="Luật An ninh mạng", slug="luat-an-ninh-mang"
    )
    law.full_clean()
    law.save()
    assert (str(law), law.citation) == ("Luật An ninh mạng", "Luật An ninh mạng")
    LegalDocument.objects.create(
        doc_type="resolution", number="35-NQ/TW", issuer="Bộ Chính trị", title="A", slug="a"
    )
    repeat = LegalDocument(
        doc_type="resolution", number="35-NQ/TW", issuer="Bộ Chính trị", title="B", slug="b"
    )
    with pytest.raises(ValidationError) as refused:
        repeat.full_clean()
    assert refused.value.messages == ["Văn kiện mang số này đã được ghi nhận."]
