"""Domain errors. Each carries a one-line message meant for the person at the terminal."""


class MapperError(Exception):
    """Base class: the CLI prints ``Error: <message>`` and exits with status 1."""


class CodeError(MapperError, ValueError):
    """Text that is not an OKVED 2 code, or a code the reference does not have."""


class ReferenceDataError(MapperError):
    """A reference source that cannot be read or fails validation."""


class DocumentError(MapperError):
    """A document that cannot be read or holds no activities."""
