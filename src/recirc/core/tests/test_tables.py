"""Downloads of tables: CSV with a byte-order mark, XLSX with one sheet, formula-looking cells neutralised."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from recirc.core.tables import safe, table_response

ROWS = [["=SUM(A1:A2)", "苹果", 12], ["+86 138", "-5", "@cmd"]]


def test_formula_looking_cells_get_an_apostrophe() -> None:
    assert [safe(value) for value in ("=1+1", "+1", "-1", "@x", "\tx", "ok", 3)] == [
        "'=1+1", "'+1", "'-1", "'@x", "'\tx", "ok", 3]


def test_csv_download() -> None:
    response = table_response(["公式", "品牌", "数量"], ROWS, "csv", "things")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="things-')
    assert response.content.decode("utf-8") == (
        "\ufeff公式,品牌,数量\r\n'=SUM(A1:A2),苹果,12\r\n'+86 138,'-5,'@cmd\r\n")


def test_xlsx_download() -> None:
    response = table_response(["公式", "品牌", "数量"], ROWS, "xlsx", "things")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "things"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["公式", "品牌", "数量"], ["'=SUM(A1:A2)", "苹果", 12], ["'+86 138", "'-5", "'@cmd"]]
