"""The durable outbox: progress the store could not take now is queued, then drained into it."""
