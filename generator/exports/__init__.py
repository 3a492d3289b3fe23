"""Data published beside the pages: the contact list as CSV and the meeting plans as iCalendar (feeds to come)."""
