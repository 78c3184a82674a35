"""Literals as people read them: money in pounds, dates in words, numbers with separators, safe links."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from graph.terms import SKG, XSD

from web.shared.links import safe_href

MONEY = {str(SKG.amount), str(SKG.capitalAmount)}
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
NUMBERS = {str(XSD.decimal), str(XSD.integer), str(XSD.double), str(XSD.float), str(XSD.int)}


def money(value: str, currency: str = "GBP") -> str:
    """``12500000`` as ``£12.5m (£12,500,000)``; under a million as ``£250,000``."""
    amount = Decimal(value)
    symbol = SYMBOLS.get(currency, currency + " ")
    whole = f"{symbol}{amount:,.0f}" if amount == amount.to_integral() else f"{symbol}{amount:,.2f}"
    if abs(amount) >= 1_000_000:
        short = (amount / 1_000_000).quantize(Decimal("0.01")).normalize()
        return f"{symbol}{short:f}m ({whole})"
    return whole


def number(value: str) -> str:
    """A number with thousands separators and no trailing zeros."""
    amount = Decimal(value)
    if amount == amount.to_integral():
        return f"{amount:,.0f}"
    return f"{amount.normalize():,f}"


def date_text(value: str, datatype: str) -> str:
    """``2024-05-09`` as ``9 May 2024``, ``2024-05`` as ``May 2024``; anything else as given."""
    if datatype == str(XSD.date):
        day = dt.date.fromisoformat(value[:10])
        return f"{day.day} {day:%B %Y}"
    if datatype == str(XSD.gYearMonth):
        return dt.date.fromisoformat(value[:7] + "-01").strftime("%B %Y")
    if datatype == str(XSD.dateTime):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%-d %B %Y %H:%M")
    return value


def format_literal(value: str, datatype: str | None, prop: str | None = None, currency: str = "GBP") -> tuple[str, str | None]:
    """The display text of a literal and, for safe web addresses, the link it may carry."""
    datatype = datatype or ""
    try:
        if prop in MONEY and datatype in NUMBERS:
            return money(value, currency), None
        if datatype in NUMBERS:
            return number(value), None
        if datatype in (str(XSD.date), str(XSD.gYearMonth), str(XSD.dateTime)):
            return date_text(value, datatype), None
    except (InvalidOperation, ValueError):
        return value, None
    if datatype == str(XSD.anyURI):
        return value, safe_href(value)
    return value, None
