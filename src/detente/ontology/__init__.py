"""The field's shared vocabularies, in one place: the CAMEO code table (names, Goldstein values,
quad classes, PLOVER mapping), country-name resolution and the event column layout. Every
other package reads them from here; this package imports nothing above ``schema``/``errors``."""
from .cameo import CameoCode, cameo_table, lookup

__all__ = ["CameoCode", "cameo_table", "lookup"]
