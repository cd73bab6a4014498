"""People read dates one way everywhere: "1 May 2024", in London time."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from newsroom.dates import human_date, human_datetime


def test_a_date_is_written_day_month_year_without_a_leading_zero():
    assert human_date(date(2024, 5, 1)) == "1 May 2024"
    assert human_date(date(2024, 12, 25)) == "25 December 2024"


def test_a_moment_is_written_on_londons_calendar_and_clock():
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    moment = datetime(2024, 5, 31, 23, 30, tzinfo=UTC)

    assert human_date(moment) == "1 June 2024"
    assert human_datetime(moment) == "1 June 2024 00:30"


@pytest.mark.parametrize("month", range(1, 13))
def test_python_and_templates_write_the_same_date(month):
    moment = datetime(2024, month, 7, 8, 5, tzinfo=UTC)
    template = Template('{{ moment|date:"j F Y" }} {{ moment|date:"H:i" }}')

    assert human_datetime(moment) == template.render(Context({"moment": moment}))
