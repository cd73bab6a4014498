"""Turn story files into articles.

Parsing is pure (a file's text becomes a `ParsedArticle`, no database); saving
is one function that writes a `ParsedArticle` and says what it did.
"""

from .base import DocumentError, ParsedArticle, ParsedPicture
from .documents import find_documents, parse_document

__all__ = ["DocumentError", "ParsedArticle", "ParsedPicture", "find_documents", "parse_document"]
