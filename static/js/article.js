/* An article's page: text size (remembered on this browser), print, copy the link.
   Loaded as a file (the Content-Security-Policy allows no inline script). Without
   JavaScript the buttons stay hidden, since they could do nothing. */
(function () {
  "use strict";

  var SIZES = ["-2", "-1", "0", "1", "2", "3"];
  var DEFAULT = "0";
  var STORAGE_KEY = "bcd35.articleTextSize";

  function stored() {
    try {
      var value = window.localStorage.getItem(STORAGE_KEY);
      return SIZES.indexOf(value) >= 0 ? value : DEFAULT;
    } catch (error) {
      return DEFAULT; // storage refused (private mode, cookies blocked)
    }
  }

  function remember(size) {
    try {
      if (size === DEFAULT) {
        window.localStorage.removeItem(STORAGE_KEY);
      } else {
        window.localStorage.setItem(STORAGE_KEY, size);
      }
    } catch (error) {
      /* the size still applies to this page */
    }
  }

  function setUpTextSize(article, tools) {
    var smaller = tools.querySelector('[data-font-step="-1"]');
    var larger = tools.querySelector('[data-font-step="1"]');

    function apply(size) {
      article.setAttribute("data-text-size", size);
      smaller.disabled = size === SIZES[0];
      larger.disabled = size === SIZES[SIZES.length - 1];
    }

    apply(stored());
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) {
        return;
      }
      var size = article.getAttribute("data-text-size") || DEFAULT;
      if (button.hasAttribute("data-font-step")) {
        var index = SIZES.indexOf(size) + Number(button.getAttribute("data-font-step"));
        size = SIZES[Math.max(0, Math.min(SIZES.length - 1, index))];
      } else if (button.hasAttribute("data-font-reset")) {
        size = DEFAULT;
      } else if (button.hasAttribute("data-print")) {
        window.print();
        return;
      } else {
        return;
      }
      apply(size);
      remember(size);
    });
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setUpCopyLink(item) {
    var button = item.querySelector("[data-copy-link]");
    var status = item.querySelector("[data-copy-status]");
    button.addEventListener("click", function () {
      var link = button.getAttribute("data-copy-link");
      var copy = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(link).catch(function () { return copyWithSelection(link); })
        : copyWithSelection(link);
      copy.then(
        function () { status.textContent = status.getAttribute("data-copied-text"); },
        function () { status.textContent = status.getAttribute("data-failed-text"); }
      );
    });
    item.hidden = false;
  }

  function start() {
    var article = document.querySelector("[data-article]");
    var tools = document.querySelector("[data-article-tools]");
    if (article && tools) {
      setUpTextSize(article, tools);
      tools.hidden = false;
    }
    var copyItem = document.querySelector("[data-copy-link-item]");
    if (copyItem) {
      setUpCopyLink(copyItem);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
