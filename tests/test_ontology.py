"""The shared vocabularies: one country resolver for names and codes, the CAMEO table."""
from __future__ import annotations

import pytest

from detente.ontology import (EVENT_ARROW_SCHEMA, EVENT_COLUMNS, country_code, countries_named, is_country_name,
                              lookup, normalize_cameo, resolve_country)


@pytest.mark.parametrize("value, scheme, iso3", [
    ("Russian Federation", None, "RUS"),              # ICEWS's name (country_names.csv)
    ("Occupied Palestinian Territory", None, "PSE"),
    ("Moldova, Republic of", None, "MDA"),
    ("  united   STATES ", "name", "USA"),            # any case and spacing
    ("Russian", "name", "RUS"),                        # a demonym from the actor KB
    ("ROM", "cameo", "ROU"), ("KSV", "cameo", "XKX"),  # CAMEO codes that are not ISO3
    ("EUR", "cameo", None),                            # a CAMEO region: no country
    ("USA", "cameo", "USA"), ("usa", "cameo", "USA"),
    ("RS", "fips", "RUS"), ("UP", "fips", "UKR"), ("GZ", "fips", "PSE"),
    ("RUS", "iso3", "RUS"), ("XYZ", "iso3", None),
    ("ROM", None, "ROU"),                              # no scheme: not a name, so a CAMEO code
    ("Atlantis", None, None), ("", None, None), (None, "fips", None),
])
def test_resolve_country(value, scheme, iso3):
    assert resolve_country(value, scheme) == iso3


def test_country_code_is_the_reverse_for_exports():
    assert country_code("ROU", "cameo") == "ROM" and country_code("RUS", "cameo") == "RUS"
    assert country_code("UKR", "fips") == "UP" and country_code("PSE", "fips") == "WE"
    assert country_code(None, "cameo") == "" and country_code("XYZ", "fips") == ""
    for iso3 in ("ROU", "TLS", "XKX", "DEU", "USA"):
        assert resolve_country(country_code(iso3, "cameo"), "cameo") == iso3


def test_country_or_person():
    assert is_country_name("Russia") and is_country_name("the United States".removeprefix("the "))
    assert is_country_name("usa") and is_country_name("Chinese")
    assert not is_country_name("Sergey Lavrov") and not is_country_name("") and not is_country_name(None)


def test_countries_named_in_a_sentence():
    text = "Chinese officials and the UK welcomed talks in Riyadh, while Beijing's envoy stayed away."
    assert countries_named(text) == {"CHN", "GBR"}
    assert countries_named("A usual day in the hotel.") == set()     # "us" is no country
    assert countries_named(None) == set()


def test_cameo_table_and_codes():
    assert lookup("042").plover_type == "CONSULT" and lookup("042").goldstein == 1.9
    assert normalize_cameo("42") == "042" and normalize_cameo(" 0211 ") == "0211" and normalize_cameo("999") is None
    assert EVENT_COLUMNS == tuple(EVENT_ARROW_SCHEMA.names) and EVENT_COLUMNS[0] == "event_id"


def test_an_unknown_scheme_is_a_catalogued_error():
    from detente.errors import BadValue

    with pytest.raises(BadValue, match="E309"):
        resolve_country("RUS", "iso2")
