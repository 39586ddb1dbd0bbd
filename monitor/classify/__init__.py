"""Classifiers: identifiers in fields, SDKs behind destinations, P2P protocols in payloads."""
