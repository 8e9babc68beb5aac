"""Demo data of the agreements app: the three coordination agreements of the source articles.

Articles (../shared/seeds/): 000 = KV IV's online review (sơ kết), 25/08/2021, of its coordination
regulation with the propaganda boards of Tây Nam Bộ; 003 = the Nghệ An propaganda board and
provincial political school review their 2023-2024 programme and sign the one for 2025,
19/11/2024. (001, 002 and 004 mention no agreement.) Each row cites its article; public text
(titles, summaries, outcomes, notes) carries no article numbers.

Runs after committees.demo and events.demo (INSTALLED_APPS order) and uses their organisations,
legal documents and events. Every write goes through agreements.services, as staff's would:
`agreement_save` writes an agreement with its parties, reviews and tasks (and runs the review
rules: none is stated, so it schedules nothing), `agreement_transition` moves it along its
`steps`, `agreement_supersede` records the 2025 programme renewing 2023-2024 (which becomes
"revised").

Rules:
- Only what the sources state. Fields they do not give (number, signing date of the regulation
  and of the 2023-2024 programme, dates in force, review rules, signatories, due dates, task
  statuses, files) are never written, so what an editor fills in later is kept.
- What a review's report counts without listing ("3 phương hướng, 9 nhiệm vụ") is recorded on the
  review as stated counts; each task says where it comes from (named as a task, a leader's
  directive, a participants' proposal), so a reader sees why 000's 13 tasks are not its 9.
- Sources: an agreement and each task cite the source articles of their rows (`src`; a task
  without its own, its agreement's).
- A status change is dated as the source dates it (local midnight in Asia/Ho_Chi_Minh: the
  articles give days, not clock times). Where no source dates it (two agreements coming into
  force), it is recorded undated: none is invented.
- Idempotent: an agreement is found by its slug, a party by (agreement, organisation), a review
  by (agreement, kind, day held), a task by (agreement, order); a row is validated by full_clean()
  and handed to `agreement_save` only when a declared field differs (`portal.demo.staged`). A
  step of an agreement's lifecycle is taken only when its status change is not recorded yet and
  the agreement is in the status the step starts from: no status change is recorded twice, and
  one an editor moved elsewhere (or back) stays where it is.
"""

import datetime as dt

from agreements.demo.data import (
    AGREEMENTS,
    KV4_REGULATION,
    NGHE_AN_2023_2024,
    NGHE_AN_2025,
    STATED_COUNTS,
    TASK_ORIGINS,
    Agr,
    on,
)
from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Milestone,
    Task,
    TaskStatus,
)
from agreements.services import agreement_save, agreement_supersede, agreement_transition
from committees.models import LegalDocument, Organization
from events.models import Event
from portal.demo import staged
from portal.services import Row, Rows
from portal.sources.seeds import cite

__all__ = ["AGREEMENTS", "KV4_REGULATION", "NGHE_AN_2023_2024", "NGHE_AN_2025", "load"]


def load() -> None:
    """Create or update the three agreements; a second run changes nothing."""
    agreements = {spec.slug: _load_agreement(spec) for spec in AGREEMENTS}
    for spec in AGREEMENTS:
        if spec.supersedes:
            at = on(spec.signed_on) if spec.signed_on else None
            _supersede(agreements[spec.slug], agreements[spec.supersedes], at=at)


def _load_agreement(spec: Agr) -> Agreement:
    values = {"kind": spec.kind, "title": spec.title, "summary": spec.summary}
    for field in ("signed_on", "covers_from", "covers_to"):  # written only when the sources give them
        if getattr(spec, field) is not None:
            values[field] = getattr(spec, field)
    if spec.signing_event:
        values["signing_event"] = Event.objects.get(slug=spec.signing_event)
    agreement, changed = staged(Agreement, {"slug": spec.slug}, values)
    wanted = list(LegalDocument.objects.filter(number__in=spec.legal_documents))
    linked = list(agreement.legal_documents.all()) if agreement.pk else []
    missing = [document for document in wanted if document not in linked]  # an editor's links stay
    many_to_many = {"legal_documents": linked + missing} if missing else {}

    rows: dict[type, Rows] = {}

    def stage(model, lookup, values):
        obj, pending = staged(model, {"agreement": agreement, **lookup}, values)
        if pending:
            rows.setdefault(model, Rows(model, "agreement")).save.append(Row(obj))
        return obj

    orgs = Organization.objects.in_bulk([party.organization for party in spec.parties], field_name="slug")
    parties = {
        party.organization: stage(
            AgreementParty, {"organization": orgs[party.organization]}, {"role": party.role, "order": order}
        )
        for order, party in enumerate(spec.parties, start=1)
    }
    for review in spec.reviews:
        values = {"event": Event.objects.get(slug=review.event), "outcome": review.outcome}
        if (spec.slug, review.held_on) in STATED_COUNTS:
            stated_directions, stated_tasks = STATED_COUNTS[spec.slug, review.held_on]
            values |= {"directions_stated": stated_directions, "tasks_stated": stated_tasks}
        stage(Milestone, {"kind": review.kind, "held_on": review.held_on}, values)
    origins = TASK_ORIGINS.get(spec.slug, ())
    tasks = []
    for order, job in enumerate(spec.tasks, start=1):
        values = {"title": job.title}
        if order <= len(origins):
            values["origin"] = origins[order - 1]
        if agreement.pk is None or not Task.objects.filter(agreement=agreement, order=order).exists():
            # The articles report no progress; a new task starts so, with no history, and an
            # editor's later status is never overwritten.
            values["status"] = TaskStatus.UNREPORTED
        if job.owner:
            values["owner"] = parties[job.owner]
        tasks.append((stage(Task, {"order": order}, values), job.src or spec.src))
    if changed or many_to_many or rows:
        # Also schedules the reviews: no review rule is stated, so it schedules nothing.
        agreement_save(agreement=agreement, by=None, many_to_many=many_to_many, rows=list(rows.values()))
    cite(agreement, *spec.src)
    for task, src in tasks:
        cite(task, *src)
    _walk(agreement, spec.steps)
    return agreement


def _walk(agreement: Agreement, steps: tuple) -> None:
    """Take the `steps` not recorded yet, in order, each only from the status it starts from: a step
    is taken once, and an agreement an editor moved elsewhere (or back) is left where it is."""
    taken = set(agreement.status_changes.values_list("from_status", "to_status"))
    current = Agreement.objects.values_list("status", flat=True).get(pk=agreement.pk)
    start = AgreementStatus.DRAFT
    for step in steps:
        if (start, step.to) not in taken:
            if current != start:
                return
            agreement_transition(
                agreement=agreement, to=step.to, note=step.note, at=step.at, undated=step.at is None, by=None
            )
            current = step.to
        start = step.to


def _supersede(agreement: Agreement, previous: Agreement, *, at: dt.datetime | None) -> None:
    """Record that `agreement` renews `previous` unless it is recorded already."""
    agreement.refresh_from_db()
    previous.refresh_from_db()
    if agreement.supersedes_id == previous.pk and previous.status == AgreementStatus.REVISED:
        return
    agreement_supersede(agreement=agreement, previous=previous, at=at, by=None)
