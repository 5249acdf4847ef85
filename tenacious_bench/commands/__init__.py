"""CLI verbs. Each module exposes HELP, add_arguments(parser) and run(args) -> exit code.

Modules import their heavy dependencies inside run(), so `tenacious-bench --help` stays fast.
"""
