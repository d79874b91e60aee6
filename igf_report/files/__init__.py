"""Report files on disk: reading and writing TOML, comments kept, atomic writes, locks, resumes."""
