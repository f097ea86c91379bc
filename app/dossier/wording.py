"""The request's coded answers in words, for the window and the papers alike."""

from __future__ import annotations

from app.dossier.request import Qualification, ServiceEndKind
from app.i18n import Message

QUALIFICATION_WORDS: dict[Qualification, Message] = {
    Qualification.PRIMARY_VOCATIONAL: Message("Sơ cấp", "Primary vocational"),
    Qualification.INTERMEDIATE: Message("Trung cấp", "Intermediate"),
    Qualification.COLLEGE: Message("Cao đẳng", "College"),
    Qualification.UNIVERSITY: Message("Đại học", "University"),
    Qualification.POSTGRADUATE: Message("Sau đại học", "Postgraduate"),
    Qualification.VOCATIONAL_SKILL_CERTIFICATE: Message(
        "Chứng chỉ kỹ năng nghề", "Vocational skill certificate"
    ),
    Qualification.NONE: Message("Khác", "Other"),
}

# How the applicant left the service that issued the licence, as the decision groups them.
SERVICE_END_WORDS: dict[ServiceEndKind, Message] = {
    ServiceEndKind.POLICE: Message(
        "Thôi phục vụ trong ngành Công an (xuất ngũ, chuyển ngành, nghỉ hưu)",
        "Left the police (discharged, transferred, retired)",
    ),
    ServiceEndKind.POLICE_CONTRACT: Message(
        "Chấm dứt hợp đồng lao động từ 12 tháng trở lên trong Công an nhân dân",
        "Ended a police employment contract of 12 months or more",
    ),
    ServiceEndKind.COMMUNE_POLICE: Message(
        "Thôi phục vụ trong Công an xã", "Left the commune police"
    ),
    ServiceEndKind.POLICE_CIVIL_STUDENT: Message(
        "Học viên hệ dân sự các trường Công an nhân dân",
        "Civil student of a police school",
    ),
    ServiceEndKind.MILITARY: Message(
        "Phục viên, xuất ngũ, chuyển ngành, nghỉ hưu (Quân đội)",
        "Left the army (demobilised, discharged, transferred, retired)",
    ),
    ServiceEndKind.DEFENCE_ENTERPRISE_CONTRACT: Message(
        "Chấm dứt hợp đồng lao động tại doanh nghiệp quốc phòng",
        "Ended an employment contract with a defence enterprise",
    ),
}
