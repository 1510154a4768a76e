// rashomon web app: small conveniences only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A rule menu marked data-autosubmit applies as soon as it changes.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) { select.form.submit(); }
    });
  });
  // Jumping to a claim in a document's text scrolls inside the text box and marks it.
  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var anchor = document.getElementById(id);
    if (!anchor || !anchor.classList.contains("anchor")) { return; }
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    var mark = anchor.nextElementSibling;
    if (mark && mark.tagName !== "MARK") { mark = mark.querySelector("mark"); }
    if (mark) { mark.classList.add("current"); }
    anchor.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
});
