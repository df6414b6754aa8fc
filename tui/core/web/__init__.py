"""Articles from the web: fetching a page, extracting its article, adding it to a corpus."""
