"""asyncio for lockvm: coroutines (async def / await, async with, async for)
run as Tasks on an event loop of ready callbacks and timers.

What it has: run, Runner, create_task, sleep, gather, wait_for, wait,
as_completed, shield, timeout, timeout_at, to_thread, run_coroutine_threadsafe,
get_running_loop, get_event_loop, new_event_loop, set_event_loop,
current_task, all_tasks, ensure_future, wrap_future, Future, Task, Lock,
Event, Condition, Semaphore, BoundedSemaphore, Queue, LifoQueue,
PriorityQueue, and the loop's call_soon, call_later, call_at,
call_soon_threadsafe, run_in_executor, run_until_complete, run_forever, stop,
close, time, exception handlers.

TCP streams (open_connection, start_server, StreamReader, StreamWriter) and
the loop's add_reader/add_writer and sock_recv/sock_sendall/sock_accept/
sock_connect, on select.select.

What it has not (NotImplementedError when called): subprocesses, UNIX
sockets, transports and protocols (loop.create_connection/create_server),
and TaskGroup, which needs ExceptionGroup.
"""

from asyncio.futures import (CancelledError, Future, InvalidStateError, TimeoutError,
                             isfuture, wrap_future)
from asyncio.events import (AbstractEventLoop, BaseEventLoop, Handle, SelectorEventLoop,
                            TimerHandle, get_event_loop, get_running_loop,
                            new_event_loop, set_event_loop, _get_running_loop)
from asyncio.tasks import (ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, Task,
                           all_tasks, as_completed, create_task, current_task,
                           ensure_future, gather, iscoroutine, iscoroutinefunction,
                           run_coroutine_threadsafe,
                           shield, sleep, to_thread, wait, wait_for)
from asyncio.locks import BoundedSemaphore, Condition, Event, Lock, Semaphore
from asyncio.queues import LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull
from asyncio.timeouts import Timeout, timeout, timeout_at
from asyncio.runners import Runner, run
from asyncio.streams import (IncompleteReadError, LimitOverrunError, Server, StreamReader,
                             StreamWriter, open_connection, start_server)


def _unsupported(what, why):
    def fail(*args, **kwargs):
        raise NotImplementedError("%s is not supported by lockvm's asyncio: %s" % (what, why))
    fail.__name__ = what.split(".")[-1]
    return fail


create_subprocess_exec = _unsupported("asyncio.create_subprocess_exec()", "no subprocesses")
create_subprocess_shell = _unsupported("asyncio.create_subprocess_shell()", "no subprocesses")


class TaskGroup:
    def __init__(self):
        raise NotImplementedError("asyncio.TaskGroup is not supported by lockvm: it needs "
                                  "ExceptionGroup; use asyncio.gather()")
