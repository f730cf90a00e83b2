"""ECharts options built from a Table (server side: the page script only hands them to ECharts), so every chart
shows exactly the numbers of the table beneath it. Suppressed cells are gaps (null), never zeros."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from recirc.supervision.tables import Table

PALETTE = ["#1f7a4d", "#4f9d69", "#8cc084", "#e0a458", "#c2574a", "#5b7db1", "#9a6fb0", "#6b8e8e", "#b5a642",
           "#d17f9f", "#7a7a7a", "#3d5a80"]
GRID = {"left": 8, "right": 8, "top": 36, "bottom": 8, "containLabel": True}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)))


def _label(table: Table, key: str) -> str:
    return next((column.label for column in table.columns if column.key == key), key)


def _bar_line(table: Table, spec: dict[str, Any]) -> dict[str, Any]:
    x = [row[spec["x"]] for row in table.rows]
    return {"grid": GRID, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "xAxis": {"type": "category", "data": x},
            "yAxis": [{"type": "value", "name": _label(table, spec["bar"])},
                      {"type": "value", "name": _label(table, spec["line"]), "splitLine": {"show": False}}],
            "series": [{"type": "bar", "name": _label(table, spec["bar"]),
                        "data": [_number(row.get(spec["bar"])) for row in table.rows]},
                       {"type": "line", "name": _label(table, spec["line"]), "yAxisIndex": 1, "smooth": True,
                        "data": [_number(row.get(spec["line"])) for row in table.rows]}]}


def _lines(table: Table, spec: dict[str, Any]) -> dict[str, Any]:
    return {"grid": GRID, "tooltip": {"trigger": "axis"}, "legend": {"top": 0, "type": "scroll"},
            "xAxis": {"type": "category", "data": [row[spec["x"]] for row in table.rows]},
            "yAxis": {"type": "value"},
            "series": [{"type": "line", "name": _label(table, key), "connectNulls": False,
                        "data": [_number(row.get(key)) for row in table.rows]} for key in spec["series"]]}


def _pie(table: Table, spec: dict[str, Any]) -> dict[str, Any]:
    data = [{"name": row[spec["label"]], "value": _number(row.get(spec["value"]))}
            for row in table.rows if row.get(spec["value"]) is not None]
    return {"tooltip": {"trigger": "item"}, "legend": {"type": "scroll", "bottom": 0},
            "series": [{"type": "pie", "radius": ["35%", "65%"], "center": ["50%", "45%"], "data": data,
                        "label": {"formatter": "{b}: {d}%"}}]}


def _bars(table: Table, spec: dict[str, Any]) -> dict[str, Any]:
    rows = [row for row in table.rows if row.get(spec["value"]) is not None][:20]
    names = [row[spec["label"]] for row in rows][::-1]
    series = [{"type": "bar", "name": _label(table, spec["value"]),
               "data": [_number(row.get(spec["value"])) for row in rows][::-1]}]
    if spec.get("compare"):
        series.insert(0, {"type": "bar", "name": _label(table, spec["compare"]),
                          "data": [_number(row.get(spec["compare"])) for row in rows][::-1]})
    return {"grid": GRID, "tooltip": {"trigger": "axis"}, "legend": {"top": 0, "type": "scroll"},
            "xAxis": {"type": "value"}, "yAxis": {"type": "category", "data": names}, "series": series}


def _bar_multi(table: Table, spec: dict[str, Any]) -> dict[str, Any]:
    return {"grid": GRID, "tooltip": {"trigger": "axis"}, "legend": {"top": 0, "type": "scroll"},
            "xAxis": {"type": "category", "data": [row[spec["label"]] for row in table.rows],
                      "axisLabel": {"interval": 0, "rotate": 30}},
            "yAxis": {"type": "value"},
            "series": [{"type": "bar", "name": _label(table, key), "data": [_number(row.get(key))
                                                                          for row in table.rows]}
                       for key in spec["series"]]}


BUILDERS = {"bar-line": _bar_line, "lines": _lines, "pie": _pie, "bar": _bars, "bar-multi": _bar_multi}


def chart_option(table: Table) -> dict[str, Any] | None:
    """The ECharts option for the table's chart; None when the table has no chart or no rows."""
    if not table.chart or not table.rows:
        return None
    option = BUILDERS[table.chart["type"]](table, table.chart)
    option["color"] = PALETTE
    return option


def daily_green_option(daily: dict[str, Any], series_name: str) -> dict[str, Any]:
    """kg CO2e per day with the promotion periods shaded and named."""
    areas = [[{"name": period["name"], "xAxis": period["first"]}, {"xAxis": period["last"]}]
             for period in daily["periods"]]
    return {"color": PALETTE, "grid": GRID, "tooltip": {"trigger": "axis"},
            "xAxis": {"type": "category", "data": [row["day"] for row in daily["rows"]]},
            "yAxis": {"type": "value", "name": "kg CO2e"},
            "series": [{"type": "bar", "name": series_name, "data": [_number(row["kg"]) for row in daily["rows"]],
                        "markArea": {"itemStyle": {"color": "rgba(224, 164, 88, 0.25)"},
                                     "label": {"position": "insideTop"}, "data": areas}}]}
