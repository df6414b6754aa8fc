"""The ``factcheck`` command line: one module per subcommand, over the core."""
