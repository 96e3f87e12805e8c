"""Shared test helpers: data factories, real courier numbers, GUI driving, service checks."""
