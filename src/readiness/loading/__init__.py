"""The modules of the loading stage; `readiness.load` is its public face."""
