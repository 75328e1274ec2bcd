"""okved-mapper: map free-text Russian activity descriptions to OKVED 2 codes (ОК 029-2014)."""

from .errors import CodeError, DocumentError, MapperError, ReferenceDataError
from .matcher import Candidate, Match, Matcher
from .reference import Code, Edition, Reference, load_reference, normalize_code

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Code",
    "CodeError",
    "DocumentError",
    "Edition",
    "MapperError",
    "Match",
    "Matcher",
    "Reference",
    "ReferenceDataError",
    "load_reference",
    "normalize_code",
]
