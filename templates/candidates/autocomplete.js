// Suggestions while typing, for commune and skill fields of the profile forms.
// An input with data-autocomplete="<url>" and list="<datalist id>" gets its datalist filled
// from the reference endpoint. Communes are offered as "Name, District, Province (code)": the
// server reads the code in brackets. Without this script the fields still accept a name or
// a code (communes) and free text (skills).
(function () {
  "use strict";
  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }
  function versionOf(input) {
    var selectId = input.getAttribute("data-version-select");
    var select = selectId ? document.getElementById(selectId) : null;
    return (select && select.value) || input.getAttribute("data-version") || "";
  }
  function fill(input, list, results) {
    var isSkill = input.getAttribute("data-kind") === "skill";
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = isSkill ? item.label : item.label + " (" + item.code + ")";
      list.appendChild(option);
    });
  }
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var base = input.getAttribute("data-autocomplete");
    var last = "";
    input.addEventListener("input", debounce(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /\(\d{5}\)$/.test(q)) { return; }
      last = q;
      var url = base + (base.indexOf("?") < 0 ? "?" : "&") + "limit=10&q=" + encodeURIComponent(q);
      var version = versionOf(input);
      if (version && input.getAttribute("data-kind") !== "skill") {
        url += "&version=" + encodeURIComponent(version);
      }
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(input, list, data.results || []); })
        .catch(function () { /* suggestions are optional */ });
    }, 200));
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
