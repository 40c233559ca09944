"""Stories: the documents (or round-up passages) that report one real-world event.

Built online as documents arrive (``assign_pending``): ``load`` reads one document's passages
and features, ``features`` scores a passage against a story (declared weighted features and
vetoes), ``cluster`` picks the candidate stories and joins or opens one, ``write`` stores
members with their reasons and refreshes each story's title, summary line, main event,
conflicts and rank. ``forget_document`` takes a document out before it is extracted again.
"""

from __future__ import annotations

from sitroom.resolve.stories.cluster import (
    assign_document,
    assign_documents,
    assign_pending,
    forget_document,
    pending,
    settle,
)

__all__ = ["assign_document", "assign_documents", "assign_pending", "forget_document", "pending", "settle"]
