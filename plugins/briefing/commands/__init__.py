"""The logic of the site's tasks (build, review, publish), one module per command.

``tasks.py`` keeps only thin invoke tasks that parse options and call these,
so the commands can be tested without invoke and read in one place each.
"""
