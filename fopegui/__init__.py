"""fopegui: why was this message filtered? (Microsoft FOPE / EOP header analysis)."""

# The one place the version is written: pyproject.toml reads it from here
# ([tool.hatch.version]), and the packaging tests compare the installers' copies with it.
__version__ = "0.1.0"
