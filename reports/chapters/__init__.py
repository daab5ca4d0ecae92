"""The annual report's chapters: for each, one data function taking the year (year.py) and
returning the chapter's context, and one Word function giving that context as plain blocks
(blocks.py). sections.py lists them in order with their headings and templates."""
