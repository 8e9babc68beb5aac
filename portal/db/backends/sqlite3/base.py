"""SQLite with PostgreSQL's integer limits, so the embedded demo accepts what production accepts.

SQLite stores any 64-bit integer in any integer column, and Django's SQLite backend gives
every integer field that range: an order of 40000 typed in a form was saved in the demo,
and a dump of it then failed to load into PostgreSQL ("smallint out of range"). Here the
fields carry the ranges of the columns PostgreSQL creates, so forms refuse such values with
Django's translated "less than or equal to" message on both databases.

Every connection also knows `portal_fold`, the folding of portal.db.functions.Fold.
"""

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.sqlite3 import base, operations

from portal.db.functions import SQLITE_FUNCTION, sqlite_fold


class DatabaseOperations(operations.DatabaseOperations):
    def integer_field_range(self, internal_type):
        return BaseDatabaseOperations.integer_field_range(self, internal_type)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.create_function(SQLITE_FUNCTION, 1, sqlite_fold, deterministic=True)
        return connection
