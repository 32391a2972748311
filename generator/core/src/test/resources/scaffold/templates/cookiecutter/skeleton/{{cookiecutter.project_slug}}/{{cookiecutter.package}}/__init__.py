"""{{ cookiecutter.package }}: {{ cookiecutter.description }}"""
