"""privmon's build backend: setuptools', asking for mypy (whose mypyc compiles the packet walk, setup.py) only for
a wheel that can be compiled.

A wheel build (`pip install .`, `pip wheel .`) gets mypy in its isolated environment when PRIVMON_PURE is not set
and a C compiler and Python's headers look present; an editable install, an sdist, or a machine without a
compiler does not download it (setup.py then builds the pure walk, as it does when the compiler found here fails).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sysconfig

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (every hook as setuptools has it, but the one below)

MYPY = "mypy>=2.4,<2.5"  # the release the compiled walk was measured and tested with (and the dev extra's)


def _compiler_likely() -> bool:
    """A quick look (setup.py tries a real compile): the C compiler's program on PATH and Python.h present."""
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    words = shlex.split(cc)
    return (bool(words) and shutil.which(words[0]) is not None
            and os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))


def get_requires_for_build_wheel(config_settings=None):  # type: ignore[no-untyped-def]
    requires = list(_setuptools.get_requires_for_build_wheel(config_settings))
    if os.environ.get("PRIVMON_PURE", "").strip() in ("", "0") and _compiler_likely():
        requires.append(MYPY)
    return requires
