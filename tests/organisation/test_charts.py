from __future__ import annotations

from decimal import Decimal

from intl_portal.lib.charts import Bar, bar_chart


def test_chart_carries_every_value_in_its_text_alternative() -> None:
    svg = bar_chart(
        chart_id="funding",
        title="Beviljat bidrag per program",
        bars=[Bar("Erasmus+", Decimal("1250000")), Bar("Interreg", 3100000)],
        unit="kr",
    )
    assert 'role="img"' in svg and 'aria-labelledby="funding-title funding-desc"' in svg
    assert '<title id="funding-title">Beviljat bidrag per program</title>' in svg
    assert "Erasmus+: 1\u00a0250\u00a0000 kr; Interreg: 3\u00a0100\u00a0000 kr" in svg


def test_longest_bar_fills_the_plot_and_others_scale() -> None:
    svg = bar_chart(chart_id="c", title="t", bars=[Bar("a", 50), Bar("b", 100)])
    assert 'width="150.0"' in svg and 'width="300.0"' in svg


def test_user_text_in_labels_is_escaped() -> None:
    svg = bar_chart(chart_id="c", title="<b>x</b>", bars=[Bar("<script>alert(1)</script>", 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_empty_chart_still_renders_with_a_text_alternative() -> None:
    svg = bar_chart(chart_id="c", title="Inga projekt", bars=[])
    assert svg.startswith("<svg") and '<desc id="c-desc">–</desc>' in svg


def test_long_label_goes_on_two_lines_broken_at_a_space_not_cut() -> None:
    svg = bar_chart(
        chart_id="c", title="t", bars=[Bar("Miljö- och hälsoskyddsförvaltningen <&>", 4)]
    )
    assert ">Miljö- och</tspan>" in svg
    assert ">hälsoskyddsförvaltningen &lt;&amp;&gt;</tspan>" in svg
    assert "…" not in svg
