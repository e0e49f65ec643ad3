# Collect every claim in derivations/ as a pytest item (see checks/pytest_plugin.py).
pytest_plugins = ["checks.pytest_plugin"]
