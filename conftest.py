pytest_plugins = ["kith.test"]
