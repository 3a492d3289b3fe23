"""Data published beside the pages: the contact list as CSV (feeds and calendars to come)."""
