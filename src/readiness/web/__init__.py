"""The live workshop: a local web server where executives vote from their phones.

`readiness workshop serve CLIENT_DIR` runs it (`serve.py`); `app.py` wires the routes of the
facilitator (`facilitator.py`) and of the participants (`participant.py`); `storage.py` keeps
sessions in SQLite or PostgreSQL; `export.py` turns a session into `CLIENT_DIR/PERIOD.yaml`.
Nothing here is imported when the command line starts.
"""
