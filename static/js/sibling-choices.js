/* Choices among rows typed in the same form, before it is saved (portal.scoping.SiblingChoiceField).
 *
 * A select marked data-sibling-rows="sites" offers the saved rows the server listed, and here
 * also the new rows of the "sites" inline, as they are typed: value "new-<index of the row>",
 * labelled with the fields named in data-sibling-label and the template in data-sibling-new.
 * The server resolves "new-<index>" to that row on save, and refuses a row no longer in the form.
 * A chosen new row stays chosen when rows are added, removed or renumbered.
 */
"use strict";
(function () {
  var PREFIX = "new-";

  function field(prefix, index, name) {
    return document.getElementById("id_" + prefix + "-" + index + "-" + name);
  }

  function fieldText(element) {
    if (!element) return "";
    if (element.tagName === "SELECT") {
      var option = element.options[element.selectedIndex];
      return option && option.value ? option.text.trim() : "";
    }
    if (element.type === "checkbox") return "";
    return (element.value || "").trim();
  }

  /* The new rows of formset `prefix` kept in the form: [{row, index, label}]. */
  function newRows(prefix, labelFields) {
    var rows = [];
    document.querySelectorAll("[id^='" + prefix + "-']").forEach(function (row) {
      var match = row.id.match(new RegExp("^" + prefix + "-(\\d+)$"));
      if (!match) return;
      var index = match[1];
      var key = field(prefix, index, "id");
      if (key && key.value) return; // a saved row: the server lists it
      var remove = field(prefix, index, "DELETE");
      if (remove && remove.checked) return;
      var parts = labelFields
        .map(function (name) { return fieldText(field(prefix, index, name)); })
        .filter(function (text) { return text; });
      if (!parts.length) return; // an empty row is not saved
      rows.push({ row: row, index: index, label: parts.join(" — ") });
    });
    return rows;
  }

  function refresh(select) {
    var prefix = select.dataset.siblingRows;
    var labelFields = (select.dataset.siblingLabel || "").split(" ").filter(Boolean);
    // The row chosen: remembered as the row itself, whose index changes when rows are removed.
    var current = select.options[select.selectedIndex];
    var chosen = (current && current._siblingRow) || select._siblingRow || null;
    if (!chosen && select.dataset.siblingValue) {
      chosen = document.getElementById(prefix + "-" + select.dataset.siblingValue.slice(PREFIX.length));
    }
    if (select.value && select.value.indexOf(PREFIX) !== 0) chosen = null;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value.indexOf(PREFIX) === 0) option.remove();
    });
    var template = select.dataset.siblingNew || "%(row)s";
    newRows(prefix, labelFields).forEach(function (item) {
      var option = new Option(template.replace("%(row)s", item.label), PREFIX + item.index);
      option._siblingRow = item.row;
      select.add(option);
      if (item.row === chosen) option.selected = true;
    });
    select._siblingRow = chosen && select.value.indexOf(PREFIX) === 0 ? chosen : null;
    delete select.dataset.siblingValue;
  }

  function refreshAll() {
    document.querySelectorAll("select[data-sibling-rows]").forEach(function (select) {
      if (!/__prefix__/.test(select.name)) refresh(select);
    });
  }

  function remember(event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-sibling-rows]")) return;
    var option = select.options[select.selectedIndex];
    select._siblingRow = option && option._siblingRow ? option._siblingRow : null;
  }

  function init() {
    refreshAll();
    document.addEventListener("change", remember, true);
    document.addEventListener("input", refreshAll);
    document.addEventListener("change", refreshAll);
    document.addEventListener("formset:added", refreshAll);
    document.addEventListener("formset:removed", refreshAll);
    // Autocomplete boxes (select2) tell of a choice through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(document).on("select2:select select2:clear", function () {
        window.setTimeout(refreshAll, 0);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
