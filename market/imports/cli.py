"""`flask market import organizations|listings FILE.csv` (placeholder until the importer lands)."""
from flask.cli import AppGroup

import_group = AppGroup("import", help="Importer des structures ou des annonces depuis un fichier CSV.")
