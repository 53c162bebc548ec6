"""Sample documents with their expected values, and the generator that makes them."""
