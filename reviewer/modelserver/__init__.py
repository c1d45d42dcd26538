"""``reviewer model serve``: an Open Inference Protocol (v2) HTTP server with dynamic batching."""
