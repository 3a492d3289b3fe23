/* raad: the search page. Loads the Pagefind bundle (fetched in chunks, as a query needs
   them), keeps the query and filters in the URL so a search can be shared, and announces
   the number of results in a live region. */
(function () {
  "use strict";
  var form = document.getElementById("raad-search");
  if (!form) return;
  var labels = JSON.parse(form.getAttribute("data-labels"));
  // labels.count holds "{n} results" for each CLDR plural category of the page's language.
  var plural = new Intl.PluralRules(document.documentElement.lang || undefined);
  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href);
  var base = new URL(form.getAttribute("data-base"), window.location.href).pathname;
  var query = document.getElementById("raad-q");
  var sort = document.getElementById("raad-sort");
  var status = document.getElementById("raad-search-status");
  var list = document.getElementById("raad-search-results");
  var more = document.getElementById("raad-search-more");
  var facets = Array.prototype.slice.call(form.querySelectorAll("[data-raad-facet]"));
  var PAGE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var generation = 0;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    facets.forEach(function (select) { select.value = params.get(select.name) || ""; });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (query.value.trim()) params.set("q", query.value.trim());
    facets.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    if (sort.value) params.set("sort", sort.value);
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function fillFacets(available) {
    facets.forEach(function (select) {
      var wanted = pending.get(select.name) || "";
      var values = Object.keys(available[select.name] || {});
      values.sort(function (a, b) { return select.name === "year" ? b.localeCompare(a) : a.localeCompare(b, "nb"); });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + available[select.name][value] + ")";
        select.appendChild(option);
      });
      select.value = wanted;
    });
    filled = true;
  }

  function render(data) {
    var item = document.createElement("li");
    if (data.meta && data.meta.iso) item.setAttribute("data-date", data.meta.iso);
    var title = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    item.appendChild(title);
    var facts = [data.meta && data.meta.council, data.meta && data.meta.date].filter(Boolean);
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "raad-search-result-meta";
      meta.textContent = facts.join(" · ");
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text and adds only <mark> */
    item.appendChild(excerpt);
    list.appendChild(item);
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    var mine = generation;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== generation) return;
      data.forEach(render);
      shown += batch.length;
      more.hidden = shown >= results.length;
    });
  }

  /* Filter values come from the address until the lists are filled: the lists need every
     filter's index, which a first query does not, so they load after its results. */
  var pending = new URLSearchParams(window.location.search);
  var filled = false;

  function currentFilters() {
    var filters = {};
    facets.forEach(function (select) {
      var value = filled ? select.value : pending.get(select.name) || "";
      if (value) filters[select.name] = value;
    });
    return filters;
  }

  function run() {
    var text = query.value.trim();
    var filters = currentFilters();
    if (filled) writeUrl();
    var mine = ++generation;
    list.innerHTML = "";
    more.hidden = true;
    if (!text && !Object.keys(filters).length) { status.textContent = ""; return Promise.resolve(); }
    var options = { filters: filters };
    if (sort.value === "date") options.sort = { date: "desc" };
    return pagefind.search(text || null, options).then(function (search) {
      if (mine !== generation) return;
      results = search.results;
      shown = 0;
      var count = labels.count[plural.select(results.length)] || labels.count.other;
      status.textContent = results.length ? count.replace("{n}", results.length) : labels.none;
      return showMore();
    });
  }

  readUrl();
  import(bundle.href + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: base, excerptLength: 30 });
  }).then(function () {
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    facets.concat([sort]).forEach(function (select) { select.addEventListener("change", run); });
    more.addEventListener("click", showMore);
    return run();
  }).then(function () {
    return pagefind.filters();
  }).then(fillFacets);
})();
