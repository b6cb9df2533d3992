"""A Flask-SQLAlchemy-like pagination over a SearchResult, for `_macros/pagination.html`."""
from flask_sqlalchemy.pagination import Pagination


class ResultPagination(Pagination):
    def __init__(self, result):
        self._result = result
        super().__init__(page=result.page, per_page=result.per_page, error_out=False, count=True)

    def _query_items(self):
        return self._result.items

    def _query_count(self):
        return self._result.total
