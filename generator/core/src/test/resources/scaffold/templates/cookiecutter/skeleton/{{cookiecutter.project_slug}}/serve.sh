#!/bin/sh
echo "serving {{ cookiecutter.project_slug }}"
