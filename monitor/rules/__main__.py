"""`python -m monitor.rules`: rewrite the parsed snapshots of the bundled rule files (monitor/data/rules/)."""

from monitor.rules import write_snapshots

for written in write_snapshots():
    print(written)
