"""Signals for changes to learner records that do not go through a model's save().

`learner_records_changed` is sent with `user_ids` after an enrolment or certificate was
changed with a conditional update (a revoked certificate, a module started again), so that
whatever is derived from those records (the managers' status grid) can be worked out again.
"""

from django.dispatch import Signal

learner_records_changed = Signal()
