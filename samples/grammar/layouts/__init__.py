"""One module per layout family: `TYPES` and `build(doc_type, rng) -> Draft`."""
