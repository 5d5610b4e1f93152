"""fonts stage: layout font roles resolved to faces, per-character metrics and fallback, embeddable subsets."""
