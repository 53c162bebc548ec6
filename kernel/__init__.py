"""The kernel: what every layer shares (document, schema, settings, errors); it imports nothing of ours."""
