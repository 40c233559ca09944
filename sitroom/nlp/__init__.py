"""spaCy loading, gazetteers and in-document entity resolution."""
