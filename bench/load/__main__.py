"""`python -m bench.load` runs bench/load.py (this package holds its helpers and shadows the module)."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "load.py"), run_name="__main__")
