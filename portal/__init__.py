"""The top layer: the URL conf and the pages that span apps (dashboard, public home, search,
calendar, to-do lists, settings area, sign-in, history, widget, open data), and the demo data.
The only package that may import every app."""
