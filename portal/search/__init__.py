"""One search over everything: a cross-app page in the composition root, and its indexes."""
