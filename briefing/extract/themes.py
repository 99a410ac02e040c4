"""Themes: the configured theme whose cue phrases a text mentions most."""

from __future__ import annotations

from ..config import Topic
from .text import PhrasePattern


class ThemeClassifier:
    def __init__(self, topic: Topic) -> None:
        self.patterns = [(theme.id, PhrasePattern(theme.cues)) for theme in topic.themes]

    def classify(self, text: str) -> str | None:
        """The theme with the most cue hits; ties go to the theme listed first; None without hits."""
        best, best_hits = None, 0
        for theme_id, pattern in self.patterns:
            hits = len(pattern.findall(text))
            if hits > best_hits:
                best, best_hits = theme_id, hits
        return best
