"""Corelab's Python side, run as `python -I <this folder> [messages]`.

Python runs a folder by putting it first on sys.path, even under -I, which adds nothing else
(not the working directory, not PYTHONPATH, not user site-packages); so the package beside
this file imports as `corelab`, here and in every multiprocessing child (spawn and forkserver
hand sys.path on; they do not run this file again, as it is the `__main__` of a folder).
"""

if __name__ == "__main__":
    from corelab.main import run

    run()
