from django.http import Http404


def _not_yet(request, **kwargs):
    raise Http404


organization_list = organization_detail = person_detail = _not_yet
document_list = decision_detail = legal_document_detail = _not_yet
