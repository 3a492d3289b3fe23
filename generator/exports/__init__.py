"""Files published beside the pages, each in its own module: the contact list as CSV, the
Atom feeds, the meeting calendars, the open data, the embeds for the main website and
robots.txt. `published.exports` gathers them for the build."""
