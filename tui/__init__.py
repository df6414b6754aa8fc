"""factcheck: read news articles side by side and tag their claims."""

__version__ = "0.1.0"
