"""Unpacking clips and photos: the camera, the ring buffer, the overlay, the files.

Qt-free and database-free: ``services/evidence`` records what this package writes, and the
bench drives it through ``services/bench/session/camera.py``.
"""
