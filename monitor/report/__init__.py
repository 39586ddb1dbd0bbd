"""Reports: the contract's JSON (data.py), Markdown for tickets, self-contained HTML."""
