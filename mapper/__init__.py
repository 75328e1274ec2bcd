"""okved-mapper: map free-text Russian activity descriptions to OKVED 2 codes (ОК 029-2014)."""

from .errors import CodeError, DocumentError, MapperError, ReferenceDataError
from .reference import Code, Edition, Reference, load_reference, normalize_code

__version__ = "0.1.0"

__all__ = [
    "Code",
    "CodeError",
    "DocumentError",
    "Edition",
    "MapperError",
    "Reference",
    "ReferenceDataError",
    "load_reference",
    "normalize_code",
]
