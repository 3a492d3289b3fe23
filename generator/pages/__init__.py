"""One builder per kind of page. Each takes the `SiteContext` and returns finished pages."""
