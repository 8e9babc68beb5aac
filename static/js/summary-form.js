/* "Tổng hợp mới" (admin, SummaryAdmin.start_view) and the leaders' dashboard: shows only the
 * fields of the scope and period chosen (a region, an organisation; a year, a half, two dates).
 * Without JavaScript every field shows and the form reads only those of the choices made.
 */
(function () {
  "use strict";
  var form = document.querySelector(".summary-form");
  if (!form) {
    return;
  }
  // The fields each choice needs; a field named in no list always shows.
  var NEEDS = {
    scope_kind: { system: [], region: ["region"], organization: ["organization", "include_children"] },
    period_kind: { year: ["year"], half: ["year", "half"], custom: ["start", "end"] },
  };

  function chosen(name) {
    var field = form.querySelector('[name="' + name + '"]:checked') || form.querySelector('select[name="' + name + '"]');
    return field ? field.value : null;
  }

  function row(name) {
    var field = form.querySelector('[name="' + name + '"]');
    return field ? field.closest(".form-row, .field-box, .summary-field") : null;
  }

  function update() {
    Object.keys(NEEDS).forEach(function (choice) {
      var value = chosen(choice);
      if (value === null) {
        return;
      }
      var all = {};
      Object.keys(NEEDS[choice]).forEach(function (key) {
        NEEDS[choice][key].forEach(function (name) {
          all[name] = true;
        });
      });
      var shown = NEEDS[choice][value] || [];
      Object.keys(all).forEach(function (name) {
        var element = row(name);
        if (element) {
          element.hidden = shown.indexOf(name) === -1;
        }
      });
    });
  }

  form.addEventListener("change", update);
  update();
})();
