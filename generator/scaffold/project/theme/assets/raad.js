/* raad: filter a list or table as the user types, and announce how many rows are shown.
   <input data-raad-filter="ID"> filters the [data-raad-item] elements inside #ID; groups
   ([data-raad-group]) with nothing left are hidden; [data-raad-count="ID"] is a live region. */
(function () {
  "use strict";
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a");
  }
  function setup(input) {
    var target = document.getElementById(input.getAttribute("data-raad-filter"));
    if (!target) return;
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-raad-item]"));
    var groups = Array.prototype.slice.call(target.querySelectorAll("[data-raad-group]"));
    var counter = document.querySelector('[data-raad-count="' + target.id + '"]');
    var texts = items.map(function (item) { return fold(item.textContent); });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-raad-item]:not([hidden])");
      });
      if (counter) {
        counter.textContent = words.length ? counter.getAttribute("data-raad-template")
          .replace("{n}", shown).replace("{total}", items.length) : "";
      }
    }
    input.addEventListener("input", apply);
    apply();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-raad-filter]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* raad: tables that stack into blocks on narrow screens (see raad.css). The tables of content
   pages and minutes (Markdown, no class) get their cells' column names (data-label) from their
   header row here. All of them keep their table semantics: `display: block` makes some browsers
   (Safari) drop them, so the roles are given explicitly -- here rather than in the markup,
   where HTML forbids these roles on table elements. */
(function () {
  "use strict";
  var roles = [["thead, tbody, tfoot", "rowgroup"], ["tr", "row"], ["th[scope=col]", "columnheader"],
    ["th[scope=row]", "rowheader"], ["td", "cell"]];
  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return false;
    var names = Array.prototype.map.call(head.cells, function (cell) { return cell.textContent.trim(); });
    Array.prototype.forEach.call(head.cells, function (cell) { cell.setAttribute("scope", "col"); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (names[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i]);
        });
      });
    });
    table.setAttribute("data-raad-stack", "");
    return true;
  }
  function restoreRoles(table) {
    table.setAttribute("role", "table");
    roles.forEach(function (pair) {
      Array.prototype.forEach.call(table.querySelectorAll(pair[0]), function (el) { el.setAttribute("role", pair[1]); });
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table:not([class])"), label);
    Array.prototype.forEach.call(document.querySelectorAll("table.raad-stack, table[data-raad-stack]"), restoreRoles);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* raad: the print-only line with the page's address shows where the page was read, which may
   differ from the canonical address the build wrote into it. */
(function () {
  "use strict";
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-raad-print-url]"), function (line) {
      line.setAttribute("data-raad-print-url", window.location.href);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* raad: tables sorted by any column, for comparing councils. <table data-raad-sortable> gets a
   button in each column header (its name is the column's); a click or Enter sorts the rows by
   the cells' data-sort (numbers as numbers) or their text, ascending, then descending; ties
   keep the order the page was built in. The sorted header carries aria-sort, which screen
   readers announce with the header; nothing else is announced. A line above the table (the
   table's data-raad-sort-hint, in the site's language) says the headings sort it, and
   describes the table to screen readers, who otherwise meet buttons named after columns.
   Without JavaScript it is a plain table, with no such line. */
(function () {
  "use strict";
  function sortKey(cell) {
    var value = cell && cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : (cell ? cell.textContent : "");
    value = value.trim();
    return value !== "" && !isNaN(Number(value)) ? Number(value) : value;
  }
  function compare(a, b, collator) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return collator.compare(a, b);
  }
  function hint(table, number) {
    var text = table.getAttribute("data-raad-sort-hint");
    if (!text) return;
    var line = document.createElement("p");
    line.className = "raad-sort-hint raad-muted";
    line.id = "raad-sort-hint-" + number;
    line.textContent = text;
    var wrap = table.parentNode.classList.contains("raad-table-wrap") ? table.parentNode : table;
    wrap.parentNode.insertBefore(line, wrap);
    table.setAttribute("aria-describedby", line.id);
  }
  function setup(table, number) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    var collator = new Intl.Collator(document.documentElement.lang || undefined, {sensitivity: "base", numeric: true});
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(head.cells);
    function sortBy(index) {
      var header = headers[index];
      var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      var sign = direction === "ascending" ? 1 : -1;
      var keyed = rows.map(function (row, i) { return {row: row, key: sortKey(row.cells[index]), i: i}; });
      keyed.sort(function (a, b) { return sign * compare(a.key, b.key, collator) || a.i - b.i; });
      keyed.forEach(function (item) { body.appendChild(item.row); });
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", direction);
    }
    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "raad-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(index); });
    });
    table.setAttribute("data-raad-sorting", "");
    hint(table, number);
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-raad-sortable]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
