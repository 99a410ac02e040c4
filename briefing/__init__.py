"""Turn a folder of articles into a cited briefing: read, clean, extract, render, publish."""
