"""Builders for test inputs, shared by the tests, the fuzz targets, the benches and the sample generator.

Shipped with the package (as mitmproxy ships `mitmproxy.test`), so a user's own tests of a
signature or profile can build captures the same way. Nothing here is used by privmon itself.
"""
