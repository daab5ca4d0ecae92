"""The annual report: its job's life cycle (services), what it shows (data), the document
(document), the worker's tasks (tasks) and its pages (views)."""
