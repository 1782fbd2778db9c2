"""The signal numbers of CPython's signal module (Linux); lockvm installs no
Python-level handlers yet (Ctrl-C raises KeyboardInterrupt as in CPython)."""

SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGABRT = 6
SIGKILL = 9
SIGUSR1 = 10
SIGSEGV = 11
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
SIGCONT = 18
SIGSTOP = 19
