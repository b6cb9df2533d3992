"""A Flask-SQLAlchemy-like pagination over a SearchResult, for `_macros/pagination.html`; an
estimated total (market/search/pg/sample.py) reads rounded and its pages reach its first results."""
import math

from flask_babel import format_decimal
from flask_sqlalchemy.pagination import Pagination

from market.search.pg import sample


class ResultPagination(Pagination):
    def __init__(self, result):
        self._result = result
        self.estimated = result.estimated
        super().__init__(page=result.page, per_page=result.per_page, error_out=False, count=True)

    def _query_items(self):
        return self._result.items

    def _query_count(self):
        return self._result.total

    @property
    def pages(self) -> int:
        pages = super().pages
        return min(pages, math.ceil(self.reach / self.per_page)) if self.estimated else pages

    @property
    def reach(self) -> int:
        """How many of an estimated total's results the pages offer."""
        return sample.MAX_RESULTS

    @property
    def cut(self) -> bool:
        """Whether results lie past the last page offered (an estimated total's)."""
        return self.estimated and super().pages > self.pages


def estimate(number) -> str:
    """An estimated count as one reads it: two significant digits, French separators (113152 -> "110 000")."""
    number = int(number)
    if number >= 100:
        step = 10 ** (len(str(number)) - 2)
        number = round(number / step) * step
    return format_decimal(number)
