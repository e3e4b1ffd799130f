"""The field's shared vocabularies, in one place: the CAMEO code table (names, Goldstein values,
quad classes, PLOVER mapping), the country resolver (names, ISO3, CAMEO and FIPS codes) and the
event column layout with its closed vocabularies.  Every other package reads them from here,
and the tables behind them are the CSV files in ``detente/data/ontology/`` (and the actor
knowledge base's country list); this package imports nothing from detente but ``errors``."""
from .cameo import CameoCode, cameo_table, lookup, normalize_cameo
from .columns import (ACTOR_FIELDS, DATE_PRECISIONS, EVENT_ARROW_SCHEMA, EVENT_COLUMNS, MENTION_ARROW_SCHEMA,
                      PLOVER_TYPES)
from .countries import country_code, countries_named, is_country_name, resolve_country

__all__ = ["ACTOR_FIELDS", "CameoCode", "DATE_PRECISIONS", "EVENT_ARROW_SCHEMA", "EVENT_COLUMNS",
           "MENTION_ARROW_SCHEMA", "PLOVER_TYPES", "cameo_table", "country_code", "countries_named",
           "is_country_name", "lookup", "normalize_cameo", "resolve_country"]
