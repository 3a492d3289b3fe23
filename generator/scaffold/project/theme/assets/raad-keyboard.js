/* raad: the site by keyboard (WCAG 2.1.1, 2.4.1, 2.4.3, 4.1.2), as an enhancement of the
   markup mkdocs-material and Zensical share. On a phone the menu button is a <label> for
   the hidden checkbox #__drawer, which a keyboard cannot reach: here it becomes a button
   with a name and aria-expanded; Enter or Space opens the drawer and moves focus into it,
   Escape (or leaving it with Tab) closes it, and focus goes back to the button. The labels
   that open a sub-menu inside the drawer, and Zensical's button for the page's contents on
   a phone, work the same way. The skip link moves focus to the content's start, and a
   table wider than the screen takes focus so the arrow keys scroll it. */
(function () {
  "use strict";
  var FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

  function visible(element) {
    var rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && window.getComputedStyle(element).visibility === "visible";
  }

  function firstFocusable(container) {
    var candidates = container.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < candidates.length; i += 1) {
      if (visible(candidates[i])) return candidates[i];
    }
    return null;
  }

  /* Focus after the style change that shows an element has been applied. */
  function focusSoon(find) {
    window.requestAnimationFrame(function () {
      var element = find();
      if (element) element.focus();
    });
  }

  /* A <label> for a checkbox that acts as a button: reachable, named, operable by keys. */
  function asButton(label, toggle, name, expands) {
    if (!label.hasAttribute("tabindex")) label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (name && !label.textContent.trim()) label.setAttribute("aria-label", name);
    if (expands) {
      var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      toggle.addEventListener("change", sync);
      sync();
    }
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      // The theme clicks a focused label on Enter itself: one click, not two.
      event.preventDefault();
      event.stopPropagation();
      label.click();
    });
  }

  /* A panel that a label's checkbox shows over the page (the drawer, Zensical's table of
     contents on a phone): opening it moves focus in, Escape or tabbing out closes it, and
     focus goes back to its button when it was inside. */
  function setupPanel(button, panel, fallbackId) {
    var toggle = button.control;
    if (!toggle || toggle.type !== "checkbox") return;
    var nav = panel.querySelector("nav");
    if (!panel.id) panel.id = fallbackId;
    button.setAttribute("aria-controls", panel.id);
    asButton(button, toggle, nav ? nav.getAttribute("aria-label") : "", true);
    var opened = false;
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        opened = true;
        focusSoon(function () { return firstFocusable(panel); });
      } else if (opened) {
        opened = false;
        if (panel.contains(document.activeElement) || document.activeElement === document.body) button.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && visible(button)) {
        event.preventDefault();
        button.click();
      }
    });
    // What is behind an open panel is covered: leaving it with Tab closes it.
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && visible(button) && !panel.contains(event.target) && event.target !== button) {
        opened = false;
        button.click();
      }
    });
  }

  function setupDrawer() {
    var button = document.querySelector('.md-header label[for="__drawer"]');
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!button || !sidebar) return;
    setupPanel(button, sidebar, "raad-drawer");
    setupLevels(sidebar);
  }

  function setupContents() {
    var sidebar = document.querySelector(".md-sidebar--secondary");
    var button = sidebar && sidebar.querySelector("label.md-sidebar-button[for]");
    var inner = sidebar && sidebar.querySelector(".md-sidebar__inner");
    if (button && inner) setupPanel(button, inner, "raad-contents");
  }

  /* The drawer's sub-menus (a section, the page's headings) open with a label too. */
  function setupLevels(sidebar) {
    Array.prototype.forEach.call(sidebar.querySelectorAll("label.md-nav__link[for]"), function (label) {
      var toggle = label.control;
      if (!toggle || toggle.type !== "checkbox") return;
      asButton(label, toggle, "", true);
      toggle.addEventListener("change", function () {
        var level = toggle.parentNode.querySelector(".md-nav");
        if (toggle.checked && level && window.getComputedStyle(level).position === "absolute") {
          focusSoon(function () { return firstFocusable(level); });
        } else if (!toggle.checked && level && level.contains(document.activeElement)) {
          label.focus();
        }
      });
    });
    Array.prototype.forEach.call(sidebar.querySelectorAll('label.md-nav__title[for]:not([for="__drawer"])'), function (title) {
      var toggle = title.control;
      if (toggle && toggle.type === "checkbox") asButton(title, toggle, "", false);
    });
  }

  function setupSkip() {
    var skip = document.querySelector("a.raad-skip");
    if (!skip) return;
    // First in the page, before anything a theme feature may put ahead of the header.
    if (document.body.firstElementChild !== skip) document.body.insertBefore(skip, document.body.firstChild);
    skip.addEventListener("click", function (event) {
      var target = document.getElementById(skip.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  /* WCAG 2.1.1: a table wider than the screen scrolls in its wrapper (the theme's, or
     raad's), which a keyboard can scroll only when it can take focus. Only wrappers that
     overflow now take it (the inner one, where raad's wrapper holds the theme's); a screen
     reader reads the table inside. */
  var WRAPPERS = ".md-typeset__scrollwrap, .raad-table-wrap";
  /* What a screen reader announces on reaching the focusable region: the table's caption, or
     else the heading above it. */
  function regionName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    return "";
  }
  function setupScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(WRAPPERS), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1 && /auto|scroll/.test(window.getComputedStyle(wrap).overflowX);
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var name = regionName(wrap);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-raad-scrolls", "");
        wrap.setAttribute("role", "region");
        if (name) wrap.setAttribute("aria-label", name);
      } else if (!scrolls && wrap.hasAttribute("data-raad-scrolls")) {
        ["tabindex", "data-raad-scrolls", "role", "aria-label"].forEach(function (attribute) {
          wrap.removeAttribute(attribute);
        });
      }
    });
  }

  function init() {
    setupSkip();
    setupDrawer();
    setupContents();
    // After the theme has wrapped its tables (on load) and whenever the width changes.
    if (document.readyState === "complete") setupScrolling();
    else window.addEventListener("load", setupScrolling);
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(setupScrolling, 100);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
