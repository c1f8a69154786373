"""Entry script of the PyInstaller bundle: runs the `coldwave` command (coldwave_app.cli:main).

PyInstaller needs a file to start from; the console script `coldwave` is only an
entry point in the package metadata, so this file stands in for it.
"""

from coldwave_app.cli import main

if __name__ == "__main__":
    main(prog_name="coldwave")
