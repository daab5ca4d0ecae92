"""The portal's open data (/open/): every app's datasets, served in one design.

A later feature publishes a dataset by describing it in its own app (`<app>/open_data.py`,
an `intl_portal.lib.opendata.Dataset`) and adding it to DATASETS below; the JSON and CSV
addresses, the documentation page, the Data Package and the DCAT-AP-SE catalogue follow.
"""

from __future__ import annotations

from intl_portal.lib.opendata import Dataset
from partners.open_data import MEMBERSHIPS, PARTNERSHIPS
from projects.open_data import ACTIVITIES, PROJECTS
from reports.open_data import REPORTS

DATASETS: tuple[Dataset, ...] = (PROJECTS, PARTNERSHIPS, MEMBERSHIPS, ACTIVITIES, REPORTS)
BY_NAME: dict[str, Dataset] = {dataset.name: dataset for dataset in DATASETS}
