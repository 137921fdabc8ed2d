"""newsarchive: clean raw news pages into Parquet records with provenance."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsarchive")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
