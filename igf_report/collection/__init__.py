"""Many reports at once: found in folders, checked, and made a book, a status board or rows."""
