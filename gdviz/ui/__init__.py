"""The Qt window: a controller that owns the run and the timer, views that only listen."""
