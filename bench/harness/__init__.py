"""The pieces of bench/run: measuring one child process (measure), the
interpreters and program sizes (suite), tables and means (report), the SVG
chart (svg), and the extra modes --threads, --startup and --icount (modes)."""
