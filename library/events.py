"""Signals between the apps that record what learners do.

`learner_records_changed` is sent with `user_ids` after an enrolment or certificate was
changed with a conditional update (a revoked certificate, a module started again), so that
whatever is derived from those records (the managers' status grid) can be worked out again.

`activity_done` is sent by an app whose lesson blocks set requirements (`library.completion`)
when a learner or visitor finished something that may meet one: a quiz attempt that passed,
a scenario played to an ending. `instance` is the object the requirement is about (the quiz,
the scenario page); `user` is the learner, or None; `session` is a visitor's session, or
None. Send it after the transaction that recorded the activity. Every lesson that holds a
requirement on `instance` is then completed where all its requirements are met.
"""

from django.dispatch import Signal

learner_records_changed = Signal()

activity_done = Signal()
