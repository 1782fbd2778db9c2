"""What asyncio's locks and queues share (CPython's asyncio/mixins.py)."""

from asyncio import events


class _LoopBound:
    """An object that belongs to the event loop that first waits on it."""

    _loop = None

    def _get_loop(self):
        loop = events.get_running_loop()
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError("%r is bound to a different event loop" % (self,))
        return loop

    def _repr_state(self, state, waiters):
        if waiters:
            state = "%s, waiters:%d" % (state, len(waiters))
        return "<%s.%s object at 0x%x [%s]>" % (type(self).__module__, type(self).__name__, id(self), state)
