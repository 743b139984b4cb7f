"""Words of the temporal grammar: months, weekdays, seasons, units, numbers, as regex pieces.

Input → output: none at import beyond constants; `parse_number` turns a number phrase into a
float (None for vague quantities such as "several"). It does not match text by itself.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# unit word → (TimeML unit letter, is a time unit (PT...), multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
    "month": ("M", False, 1), "year": ("Y", False, 1), "decade": ("DE", False, 1),
    "century": ("CE", False, 1), "centurie": ("CE", False, 1),
}  # fmt: skip

ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip

TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

SINGLE = {"a", "an", "single", "one"}
VAGUE = {
    "several", "few", "a few", "some", "many", "couple of", "a couple of", "dozens of",
    "hundreds of", "thousands of", "a number of",
}  # fmt: skip
VAGUE_PATTERN = (
    r"several|a\s+few|few|many|a\s+couple\s+of|couple\s+of|(?:dozens|hundreds|thousands)\s+of|"
    r"a\s+number\s+of"
)
SCALES: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1000}

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip


def _alt(words: list[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """A case-sensitive alternation accepting Title Case and UPPER CASE forms of `words`."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "(?-i:" + _alt(forms) + ")"


_LONG_MONTHS = [w for w in MONTHS if len(w) > 3 or w == "may"]
_ABBR_MONTHS = [w for w in MONTHS if w not in _LONG_MONTHS]
MONTH = rf"(?P<mon>{_cased(_LONG_MONTHS)}|(?:{_cased(_ABBR_MONTHS)})\.?)"
WEEKDAY = rf"(?P<wd>{_cased([w for w in WEEKDAYS if len(w) > 4])})"
SEASON = rf"(?P<s>{_alt(list(SEASONS))})"
POD = rf"(?P<pod>{_alt(list(PARTS_OF_DAY))})"
UNIT = r"(?P<u>second|minute|hour|day|week|fortnight|month|year|decade|centurie|century)"
_BELOW_100 = rf"(?:(?:{_alt(list(TENS))})(?:[- ](?:{_alt(list(ONES))}))?|{_alt(list(ONES))})"
_WORD_NUMBER = (
    rf"(?:(?:(?:an?|{_BELOW_100})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_BELOW_100})?)|"
    rf"(?:a|half\s+a)\s+dozen|{_BELOW_100})"
)
PLAIN_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{_WORD_NUMBER})"
NUMBER = rf"(?P<n>(?:{PLAIN_NUMBER}|an?|single)(?:\s+and\s+an?\s+half)?|{VAGUE_PATTERN})"


def parse_number(text: str) -> float | None:
    """The value of a number phrase ("two and a half" → 2.5, "12" → 12); None if vague."""
    words = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    if words.endswith(" and a half") or words.endswith(" and an half"):
        half = 0.5
        words = words.rsplit(" and ", 1)[0]
    if words in VAGUE:
        return None
    if words in SINGLE:
        return 1 + half
    digits = words.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    scale = 1.0
    if words.startswith("half a "):
        scale, words = 0.5, words[len("half ") :]
    total = _word_total(words.split())
    return total * scale + half if total else None


def _word_total(words: list[str]) -> float | None:
    """The value of number words ("two hundred and five" → 205, "half a dozen" → 6)."""
    total = 0.0
    current = 0.0
    for word in words:
        if word in TENS:
            current += TENS[word]
        elif word in ONES:
            current += ONES[word]
        elif word in ("a", "an"):
            current += 1
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word != "and":
            return None
    return total + current


# Named days "<Word> <weekday>": a fixed historical date, or a yearly day given as
# ("easter", offset in days from Easter Sunday) or ("thanksgiving", offset from the fourth
# Thursday of November); names without an entry are recognised but left without a value.
NAMED_DAYS: dict[str, str | tuple[str, int]] = {
    "black monday": "1987-10-19", "black tuesday": "1929-10-29",
    "black thursday": "1929-10-24", "black wednesday": "1992-09-16",
    "good friday": ("easter", -2), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
    "holy thursday": ("easter", -3), "maundy thursday": ("easter", -3),
    "holy saturday": ("easter", -1), "palm sunday": ("easter", -7),
    "ash wednesday": ("easter", -46), "shrove tuesday": ("easter", -47),
    "black friday": ("thanksgiving", 1), "cyber monday": ("thanksgiving", 4),
}  # fmt: skip
NAMED_DAY_WORDS = ("Black", "Bloody", "Cyber", "Super", "Good", "Holy", "Maundy", "Ash", "Palm",
                   "Easter", "Shrove")  # fmt: skip
