"""Batch conversion: many inputs (folders, zip/tar, JSON Lines, NITF) to many validated items.

:mod:`~newsml.batch.inputs` streams the inputs as tasks, :mod:`~newsml.batch.work` converts one
task, :mod:`~newsml.batch.run` runs them in parallel and delivers them in order, recording each
in the output folder's :mod:`~newsml.batch.ledger` and the :mod:`~newsml.batch.report`.
"""

from newsml.batch.inputs import Selection, iter_tasks
from newsml.batch.run import Summary, default_jobs, run_batch
from newsml.batch.work import Job, Outcome, Task, process

__all__ = [
    "Job",
    "Outcome",
    "Selection",
    "Summary",
    "Task",
    "default_jobs",
    "iter_tasks",
    "process",
    "run_batch",
]
