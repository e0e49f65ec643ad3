import os

from hypothesis import settings

# Collect every claim in derivations/ as a pytest item (see checks/pytest_plugin.py).
pytest_plugins = ["checks.pytest_plugin"]

# Deterministic hypothesis runs in CI (same examples every run); a wider random search locally
# with HYPOTHESIS_PROFILE=dev.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
