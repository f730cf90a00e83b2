from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from recirc.core.models import AuditEvent
from recirc.operators.models import District

pytestmark = pytest.mark.django_db

HEADER = "code,name,name_en,parent_code,population\n"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "districts.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_loads_a_city_children_before_or_after_parents(tmp_path: Path) -> None:
    # given a file that lists a district before its city, and corrects an existing Hangzhou row
    path = write(tmp_path, "320102,玄武区,Xuanwu District,320100,537825\n"
                           "320100,南京市,Nanjing,320000,9314685\n"
                           "320000,江苏省,Jiangsu Province,,\n"
                           "330108,滨江区,Binjiang District,330100,504000\n")
    out = StringIO()
    with translation.override("en"):
        call_command("load_districts", file=str(path), stdout=out)
    assert out.getvalue().strip() == "Districts loaded: 3 new, 1 updated."
    xuanwu = District.objects.get(code="320102")
    assert (xuanwu.parent.code, xuanwu.parent.parent.code, xuanwu.population) == ("320100", "320000", 537825)
    assert District.objects.get(code="320000").population is None
    assert District.objects.get(code="330108").population == 504000
    event = AuditEvent.objects.get(action="districts.loaded")
    assert (event.actor_label, event.payload["created"], event.payload["updated"]) == ("system", 3, 1)


def test_every_bad_row_is_reported_and_nothing_is_loaded(tmp_path: Path, unchanged: Any) -> None:
    path = write(tmp_path, "320100,南京市,Nanjing,320000,lots\n"
                           "32010,玄武区,Xuanwu,320100,1\n"
                           "320104,,Qinhuai,320100,1\n"
                           "320105,建邺区,Jianye,329900,1\n"
                           "320100,南京市,Nanjing,,1\n")
    before = unchanged()
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("load_districts", file=str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "line 2: population 'lots' is not a whole number",
        "line 2: parent 320000 is neither in the file nor loaded",
        "line 3: code '32010' is not a six-digit GB/T 2260 code",
        "line 4: name is required (at most 60 characters)",
        "line 5: parent 329900 is neither in the file nor loaded",
        "line 6: code 320100 appears twice in the file",
    ]
    with translation.override("en"):
        assert str(caught.value) == "6 problem(s) found; nothing was loaded."
    assert unchanged() == before


def test_parent_loop_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "810001,甲,A,810002,\n810002,乙,B,810001,\n")
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("load_districts", file=str(path), stderr=err)
    assert err.getvalue().splitlines() == ["line 2: parent codes form a loop", "line 3: parent codes form a loop"]
    assert not District.objects.filter(code__startswith="8100").exists()


def test_missing_file_and_missing_header(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("load_districts", file=str(tmp_path / "nope.csv"))
    headless = tmp_path / "headless.csv"
    headless.write_text("330106,西湖区\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_districts", file=str(headless))
