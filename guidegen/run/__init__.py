"""Running builds: plan, execute, the pool, watching files and the preview server."""
