"""Spreadsheets in the admin (portal/exchange/admin/):

- lists.py: `SpreadsheetAdminMixin`, on every staff list through portal.scoping.ScopedModelAdmin:
  export of the filtered list, import of registered resources with a preview, the import template;
- generic.py: the export-only resource of a list without a registered one;
- preview.py: the import's preview by spreadsheet row;
- jobs.py: the big exports' jobs, each followed on its page.
"""

from portal.exchange.admin.generic import generic_resource
from portal.exchange.admin.jobs import ExportJobAdmin
from portal.exchange.admin.lists import SpreadsheetAdminMixin

__all__ = ["ExportJobAdmin", "SpreadsheetAdminMixin", "generic_resource"]
