"""`python -m monitor` runs the privmon command line."""

from monitor.cli import main

main()
