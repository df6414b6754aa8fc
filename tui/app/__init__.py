"""The Textual reader (``factcheck [PATH ...]``); imported only when the reader runs."""
